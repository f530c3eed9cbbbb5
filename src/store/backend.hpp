// Internal: the storage interface (docs/storage.md, "The storage interface"):
// what the library asks of a database engine for its shared state — settings,
// numbering counters, the event log and the KPI snapshot. SQLite implements it
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
#include <vector>

#include "pactum/contract/event.hpp"
#include "pactum/core/date.hpp"

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

class Storage {
 public:
  virtual ~Storage() = default;

  // ---- Units of work ------------------------------------------------------------
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // ---- Settings -----------------------------------------------------------------
  virtual std::optional<std::string> meta(std::string_view key) const = 0;
  virtual void set_meta(std::string_view key, std::string_view value) = 0;

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
  // A head (part 0) and body parts 1..n, replaced as a whole.
  virtual std::optional<std::string> snapshot_head() = 0;
  // Appends the body parts in order to `out` and returns how many there
  // were; nullopt when a part is missing (`out` then holds a prefix and must
  // be discarded).
  virtual std::optional<std::size_t> read_snapshot_body(std::string& out) = 0;
  virtual void replace_snapshot(const std::string& head, const std::vector<std::string_view>& body) = 0;
};

}  // namespace pactum::store
