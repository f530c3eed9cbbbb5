// Internal: the storage interface's records of KPI (backend.hpp): templates
// and their versions, position bindings, targets, rule settings, payroll
// links, period closes, the position groups reports compare, and the reads
// the reference evaluator's input needs.
//
// Settings keep their history: each row is stamped with `since_seq`, the
// last event's sequence number when it was written, and a read "before
// `limit`" sees the rows with since_seq < limit, the latest written winning
// (by since_seq, then by order of writing). Records are stored as given; the
// rules over them are the domain's (pactum/kpi/rules.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pactum/contract/event.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/period.hpp"
#include "pactum/kpi/template.hpp"

namespace pactum::kpi_engine {
struct ContractTerms;
}

namespace pactum::store {

// A target as stored: `subject` is an employee id or a position, `period`
// a period's text or "" for every period.
struct TargetRecord {
  std::string indicator;
  bool for_employee = false;  // else for a position
  std::string subject;
  std::string period;
  Decimal value;
  std::optional<PeriodKind> per;
};

// A rule setting as stored; `template_id` "" for every template.
struct RuleSettingRecord {
  std::string template_id;
  RuleKind rule = RuleKind::breach;
  bool enabled = true;
  Decimal points;
  std::optional<Decimal> cap;
};

// The dates that decide which of an employee's contracts can matter to a
// period (docs/kpi.md, "Scopes").
struct ContractScopeQuery {
  std::string employee;
  Date signed_from;    // signed by the employee from this date ...
  Date signed_until;   // ... up to this one, or
  Date period_start;   // open, closed, due or with an event on or after it, or
  Date delivery_from;  // with a delivery due on or after this date
};

// An event as the incremental engine reads it: typed columns, and the
// payload only of amendments, period closes and reopens and handovers
// (empty for the others). The texts live until the next row.
struct EngineLogRow {
  std::int64_t seq = 0;
  EventType type = EventType::created;
  std::int64_t contract = 0;  // 0: none
  Date effective;
  std::int64_t amount = 0;  // 0 when none
  std::int64_t value = 0;   // 0 when none
  std::string_view payload;
};

// The contract terms the engine needs, read along a scan of the log.
class EngineTermsReader {
 public:
  virtual ~EngineTermsReader() = default;
  // The terms of contract `id` (tables contracts, installments and the
  // budget and actual of contract_attributes); nullptr for an unknown id.
  // Created events come in id order, and reading them in that order is
  // cheap. The object may be reused by the next call unless the caller keeps
  // a reference to it.
  virtual std::shared_ptr<const kpi_engine::ContractTerms> terms(std::int64_t id) = 0;
  // The currency of contract `id`, if it exists.
  virtual std::optional<Currency> currency(std::int64_t id) = 0;
};

class KpiRecords {
 public:
  virtual ~KpiRecords() = default;

  // ---- Templates: (id, version) -> canonical document ----
  virtual bool template_exists(const std::string& id) = 0;
  virtual std::optional<int> latest_template_version(const std::string& id) = 0;
  // The document of the version (nullopt: the newest), if stored.
  virtual std::optional<std::string> template_document(const std::string& id, std::optional<int> version) = 0;
  // The newest version's document written before `limit`.
  virtual std::optional<std::string> template_document_before(const std::string& id, std::int64_t limit) = 0;
  // Every version of every template, by id then version.
  virtual std::vector<std::string> template_documents() = 0;
  virtual void insert_template(const std::string& id, int version, const std::string& document,
                               std::int64_t since_seq) = 0;
  // How many versions there are, their sum and the highest since_seq: a
  // fingerprint that moves with every new version.
  struct TemplatesFingerprint {
    std::int64_t count = 0;
    std::int64_t version_sum = 0;
    std::int64_t last_since_seq = 0;
    friend bool operator==(const TemplatesFingerprint&, const TemplatesFingerprint&) = default;
  };
  virtual TemplatesFingerprint templates_fingerprint() = 0;

  // ---- Bindings: position -> template, with history ----
  // The template bound to `position` before `limit`; nullopt when none is,
  // or the latest binding unbinds it.
  virtual std::optional<std::string> binding(const std::string& position, std::int64_t limit) = 0;
  // Binds (template_id given) or unbinds the position from `since_seq`.
  virtual void insert_binding(const std::string& position, const std::optional<std::string>& template_id,
                              std::int64_t since_seq) = 0;

  // ---- Targets and rule settings, with history ----
  // The target of exactly (for_employee, subject, indicator, period) before
  // `limit` (TargetRecord's key fields as given, value and per read).
  virtual std::optional<TargetRecord> target(bool for_employee, const std::string& subject,
                                             const std::string& indicator, const std::string& period,
                                             std::int64_t limit) = 0;
  virtual void insert_target(const TargetRecord& target, std::int64_t since_seq) = 0;
  // The setting of `rule` for exactly `template_id` ("" every template) before `limit`.
  virtual std::optional<RuleSettingRecord> rule_setting(const std::string& template_id, RuleKind rule,
                                                        std::int64_t limit) = 0;
  virtual void insert_rule_setting(const RuleSettingRecord& setting, std::int64_t since_seq) = 0;

  // ---- Payroll links: template ("" every template) -> document, with history ----
  virtual std::optional<std::string> payroll_link_document(const std::string& template_id, std::int64_t limit) = 0;
  virtual void insert_payroll_link(const std::string& template_id, const std::string& document,
                                   std::int64_t since_seq) = 0;

  // ---- Periods ----
  // The period_closed event in force for the period (its text), if closed.
  virtual std::optional<std::int64_t> period_closed_seq(const std::string& period) = 0;
  // The period is closed by event `seq` (replacing an earlier close).
  virtual void store_period_close(const std::string& period, std::int64_t seq) = 0;
  // The period is open again.
  virtual void clear_period_close(const std::string& period) = 0;
  // The sequence numbers of every period close and reopen event (table
  // events), in order.
  virtual std::vector<std::int64_t> period_event_seqs() = 0;

  // ---- The reference evaluator's reads ----
  // The active contracts (tables contracts, contract_handovers, installments,
  // events) the employee signed, owns or was handed over, that can matter
  // to the period described by `q`, by id: signed by them within
  // [signed_from, signed_until]; not closed, or closed on or after
  // period_start; a delivery due on or after delivery_from; an instalment
  // due or an event effective on or after period_start.
  virtual std::vector<std::int64_t> contracts_in_scope(const ContractScopeQuery& q) = 0;

  // ---- The incremental engine's reads ----
  // Hands each event after `after` up to `upto` to `visit`, in sequence
  // order, with a reader of the contracts' terms. Millions of rows: an
  // implementation reads them in one pass with statements it keeps.
  virtual void scan_engine_log(std::int64_t after, std::int64_t upto,
                               const std::function<void(const EngineLogRow&, EngineTermsReader&)>& visit) = 0;
  // The highest contract id, 0 for none (table contracts).
  virtual std::int64_t last_contract_id() = 0;
  // The number of contract `id`, if it exists (table contracts).
  virtual std::optional<std::string> contract_number(std::int64_t id) = 0;

  // ---- Position groups (reports compare a group's positions together) ----
  // The group of `position`, if it is in one.
  virtual std::optional<std::string> position_group(const std::string& position) = 0;
  // Every grouped position with its group, by position.
  virtual std::map<std::string, std::string> position_groups() = 0;
  // Puts `position` in `group`, or out of any (nullopt).
  virtual void store_position_group(const std::string& position, const std::optional<std::string>& group) = 0;
};

}  // namespace pactum::store
