// Internal: the storage interface (docs/storage.md, "The storage interface"):
// what the library asks of a database engine for its shared state — settings,
// numbering counters, the event log, the KPI snapshot and the record tables,
// grouped by domain (backend_<domain>.hpp; the org directory here). SQLite implements it
// (sqlite_storage.cpp); a second engine implements the same contract, and the
// conformance suite (tests/store/conformance_test.cpp) is written to run
// against any implementation.
//
// The contract:
//  - Every call runs inside a unit of work opened with begin() and closed by
//    commit() or rollback(). Units nest: an inner rollback undoes the inner
//    unit only; nothing is visible to other handles before the outermost
//    commit, and a rollback leaves the state exactly as it was.
//  - Event sequence numbers are positive and strictly increasing in commit
//    order: a reader that has seen sequence N never later finds a new event
//    below N. (SQLite has one writer at a time; an engine with concurrent
//    writers must serialise the assignment of sequence numbers with commits.)
//  - A (source, key) pair names at most one event: appending a second event
//    with a taken key appends nothing and says so.
//  - A counter taken inside a unit is held until it ends: a rollback gives its
//    numbers back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backend_approval.hpp"
#include "backend_contracts.hpp"
#include "backend_kpi.hpp"
#include "backend_numbering.hpp"
#include "backend_tracking.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/date.hpp"
#include "pactum/org/directory.hpp"

namespace pactum::store {

// An event to append: the log's columns without the sequence number.
struct NewEvent {
  EventType type = EventType::created;
  std::optional<std::int64_t> contract;
  Date effective;
  std::optional<std::string> actor;
  std::string source = std::string(kDefaultEventSource);
  std::optional<std::string> key;
  std::optional<std::int64_t> amount;  // units of the contract's currency
  std::optional<std::int64_t> ref;
  std::optional<std::int64_t> value;
  std::optional<std::string> reason;
  std::string payload;
  // True when the caller gave the effective date: only then is it part of
  // the content compared for idempotency.
  bool effective_given = true;
};

// A numbering scope's counter as stored: `id` 0 and `next` 0 when it has no
// row yet; else `next` is the next sequence to issue.
struct CounterRow {
  std::int64_t id = 0;
  std::int64_t next = 0;
};

// ---- Records of the org directory ----------------------------------------------------
// Dated rows hold from their date (nullopt: since always) until the next row
// of the same key; the rules over them (pactum/org/rules.hpp) are not the
// records' business: a record is stored as given.
struct DepartmentRecord {
  std::string code;
  std::string name;
  std::optional<std::string> parent;

  friend bool operator==(const DepartmentRecord&, const DepartmentRecord&) = default;
};

struct EmployeeRecord {
  std::string id;
  std::string name;
  std::optional<std::string> manager;
  std::optional<Date> hired;
  std::optional<Date> left;

  friend bool operator==(const EmployeeRecord&, const EmployeeRecord&) = default;
};

// An employee with the posting in force on the date asked.
struct PostedEmployee {
  EmployeeRecord employee;
  std::string department;
  std::string position;
};

class OrgRecords {
 public:
  virtual ~OrgRecords() = default;

  virtual std::optional<DepartmentRecord> department(const std::string& code) = 0;
  // Every department, by code.
  virtual std::vector<DepartmentRecord> departments() = 0;
  virtual void insert_department(const DepartmentRecord& department) = 0;
  // The manager posted latest on or before `on`, if any.
  virtual std::optional<std::string> manager_on(const std::string& department, Date on) = 0;
  // The department's managers, oldest first (the first from nullopt).
  virtual std::vector<std::pair<std::optional<Date>, std::string>> managers(const std::string& department) = 0;
  // The department's manager from `from`, replacing a posting of that date.
  virtual void store_manager(const std::string& department, std::optional<Date> from, const std::string& employee) = 0;

  virtual std::optional<EmployeeRecord> employee(const std::string& id) = 0;
  virtual void insert_employee(const EmployeeRecord& employee) = 0;
  virtual void store_employee_manager(const std::string& id, const std::optional<std::string>& manager) = 0;
  virtual void store_departure(const std::string& id, Date left) = 0;

  // The employee's postings, oldest first (the first from nullopt); empty
  // for an unknown id.
  virtual std::vector<Posting> postings(const std::string& employee) = 0;
  // A posting from `from`, replacing one of the same date.
  virtual void store_posting(const std::string& employee, std::optional<Date> from, const std::string& department,
                             const std::string& position) = 0;
  // Every employee with the posting in force on `on`, by id; with
  // `department`, only those posted there.
  virtual std::vector<PostedEmployee> employees_on(Date on, const std::optional<std::string>& department) = 0;

  // The assignments of `role` in `department` (nullopt: company-wide) to
  // `employee`, in date order.
  virtual std::vector<RoleAssignment> role_assignments(const std::string& role,
                                                       const std::optional<std::string>& department,
                                                       const std::string& employee) = 0;
  // An open assignment from `from` (an assignment of that date is reopened).
  virtual void open_role(const std::string& role, const std::optional<std::string>& department,
                         const std::string& employee, std::optional<Date> from) = 0;
  // The assignment from `from` ends on `until`.
  virtual void close_role(const std::string& role, const std::optional<std::string>& department,
                          const std::string& employee, std::optional<Date> from, Date until) = 0;
  // The employees assigned `role` in exactly that scope on `on` (from <= on <
  // until) who are employed on `on` (hired on or before it, not left on or
  // before it), by id, each once.
  virtual std::vector<std::string> role_holders_on(const std::string& role,
                                                   const std::optional<std::string>& department, Date on) = 0;
  // Every assignment of the employee, by role, scope ("" first) and date.
  virtual std::vector<RoleAssignment> roles_of(const std::string& employee) = 0;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // ---- Units of work ------------------------------------------------------------
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // Read inside a unit of work: a value that differs from the one read in an
  // earlier unit when another handle committed a change in between (it may
  // also move with this handle's own commits). Caches of stored state
  // compare it to know when to forget what they hold.
  virtual std::uint64_t data_version() = 0;

  // A read unit, on a handle with no unit of work open: every read until it
  // ends sees the same committed state. end_read() closes it; after a
  // failure abandon_read() does, and never throws.
  virtual void begin_read() = 0;
  virtual void end_read() = 0;
  virtual void abandon_read() noexcept = 0;
  // A quiet unit of work for derived state (the KPI snapshot), on a handle
  // with no unit of work open: false, without waiting, when it cannot begin
  // at once (another handle is writing). It is closed by commit_quiet() or
  // rollback_quiet(); what the handle runs after its own commits does not
  // run for it.
  virtual bool try_begin_quiet() = 0;
  virtual void commit_quiet() = 0;
  virtual void rollback_quiet() noexcept = 0;

  // A hint that a bulk write follows (an import, a restore): the
  // implementation may give it more memory until end_bulk(). Nothing else
  // changes.
  virtual void begin_bulk() = 0;
  virtual void end_bulk() noexcept = 0;

  // ---- Settings -----------------------------------------------------------------
  virtual std::optional<std::string> meta(std::string_view key) const = 0;
  virtual void set_meta(std::string_view key, std::string_view value) = 0;
  // Every setting whose key starts with `prefix`, by key (the keys whole).
  virtual std::vector<std::pair<std::string, std::string>> meta_with_prefix(std::string_view prefix) = 0;

  // ---- Numbering counters ----------------------------------------------------------
  // The counter of (rule, scope); id 0 when none is stored.
  virtual CounterRow counter(const std::string& rule, const std::string& scope) = 0;
  // Creates the counter (c.id 0: sets c.id) or moves it; c.next becomes `next`.
  virtual void store_counter(CounterRow& c, const std::string& rule, const std::string& scope, std::int64_t next) = 0;

  // ---- The event log ---------------------------------------------------------------
  // Appends `e` recorded at `recorded_at` and returns its sequence number, or
  // nullopt when its (source, key) is taken (nothing appended).
  virtual std::optional<std::int64_t> append_event(const NewEvent& e, const std::string& recorded_at) = 0;
  // The event `seq`, its amount in its contract's currency; nullopt if none.
  virtual std::optional<Event> event(std::int64_t seq) = 0;
  // The sequence number of the event keyed (source, key), if any.
  virtual std::optional<std::int64_t> keyed_event(const std::string& source, const std::string& key) = 0;
  // Up to `limit` events after `after_seq`, in sequence order.
  virtual std::vector<Event> events_after(std::int64_t after_seq, int limit) = 0;
  // The events of one contract, in sequence order.
  virtual std::vector<Event> contract_events(std::int64_t contract) = 0;
  // The highest sequence number, 0 for an empty log.
  virtual std::int64_t last_event_seq() = 0;

  // ---- The KPI snapshot ------------------------------------------------------------
  // A head (part 0, text) and body parts 1..n (bytes), replaced as a whole
  // inside one unit: clear_snapshot(), then the parts one at a time (the
  // caller never holds them all), then the head.
  virtual std::optional<std::string> snapshot_head() = 0;
  // Body part `part` (1..n) as stored; nullopt when there is none.
  virtual std::optional<std::string> snapshot_part(std::int64_t part) = 0;
  virtual void clear_snapshot() = 0;
  virtual void put_snapshot_part(std::int64_t part, std::string_view bytes) = 0;
  virtual void put_snapshot_head(const std::string& head) = 0;

  // ---- Record tables, by domain -------------------------------------------------------
  virtual OrgRecords& org() = 0;
  virtual NumberingRecords& numbering() = 0;
  virtual ContractRecords& contracts() = 0;
  virtual ApprovalRecords& approval() = 0;
  virtual KpiRecords& kpi() = 0;
  virtual TrackingRecords& tracking() = 0;
};

}  // namespace pactum::store
