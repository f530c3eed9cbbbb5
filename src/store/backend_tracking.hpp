// Internal: the storage interface's records of tracking (backend.hpp):
// the tracking projection (per-contract facts, reminder windows, acknowledgements, reminder leads) and the reports' queries over it.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../report/builders.hpp"
#include "../tracking/windows.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/core/date.hpp"
#include "pactum/tracking/reminder.hpp"

namespace pactum::store {

// A lead time as stored for one kind.
struct LeadRecord {
  ReminderKind kind = ReminderKind::expiry;
  int days = 0;

  friend bool operator==(const LeadRecord&, const LeadRecord&) = default;
};

// An approval step with a due date as stored (`step.closed_on`: the day the
// step itself closed), and the day its route ended (if it did).
struct DueStepRecord {
  TrackedStep step;
  std::optional<Date> route_ended_on;

  friend bool operator==(const DueStepRecord&, const DueStepRecord&) = default;
};

// A stored reminder window not acknowledged, with what a reminder shows of
// its contract (table contracts): in `shown`, the number, type, owner,
// department, counterparty and key account (the other members left as
// constructed).
struct WindowRecord {
  ReminderKey key;
  Date trigger;
  bool exact = true;
  std::optional<std::int64_t> installment_amount;
  std::optional<std::int64_t> unpaid_final;
  std::optional<Date> payments_final_on;
  Reminder shown;
  Currency currency;
};

// A folded contract with a delivery due date.
struct DueDeliveryRecord {
  std::string department;
  std::string type;
  Date delivery_due;
  std::optional<Date> delivered_on;
  std::optional<Date> late_due;
};

// A folded activated contract with its signer (table contracts): of the
// fold, its contract, type, signed_on, activated_on, closed_on, amounts and
// collections (the other members left as constructed).
struct SignedContractRecord {
  tracking::ContractFacts facts;
  std::string signer;
};

class TrackingRecords {
 public:
  virtual ~TrackingRecords() = default;

  // ---- What the fold reads (tables of other domains; the contract's terms:
  // ContractRecords::terms) ----
  // The contract's payment_received, payment_reversed, delivered and renewed
  // events (table events) in sequence order, with their sequence number,
  // type, contract, effective date, amount (in `currency`) and value only.
  virtual std::vector<Event> fold_events(std::int64_t contract, Currency currency) = 0;
  // The contract's events after sequence `seq` (table events), every type,
  // in sequence order, read as fold_events() reads them.
  virtual std::vector<Event> events_after(std::int64_t contract, std::int64_t seq, Currency currency) = 0;
  // The contract's approval steps with a due date (tables approval_routes and
  // approval_steps), by round and step.
  virtual std::vector<DueStepRecord> due_steps(std::int64_t contract) = 0;
  // Every contract id (table contracts), ascending.
  virtual std::vector<std::int64_t> contract_ids() = 0;
  // The contracts named by an event after sequence `seq` (table events), each
  // once, ascending.
  virtual std::vector<std::int64_t> contracts_with_events_after(std::int64_t seq) = 0;

  // ---- Lead times ----
  // The leads stored for every type ("") and for `type`: the every-type ones
  // first, then those of `type`, each by kind.
  virtual std::vector<LeadRecord> leads(const std::string& type) = 0;
  // The lead of `kind` for `type` ("": every type), replacing a stored one.
  virtual void store_lead(const std::string& type, ReminderKind kind, int days) = 0;
  // The types (not "") with a lead of their own for `kind`, by type.
  virtual std::vector<std::string> types_with_lead(ReminderKind kind) = 0;
  // The longest lead stored for payment_due or delivery_due, any type; 0
  // when none is.
  virtual int longest_upcoming_lead() = 0;

  // ---- The folds ----
  // The last event folded (0 before any).
  virtual std::int64_t applied_seq() = 0;
  virtual void store_applied_seq(std::int64_t seq) = 0;
  // The stored fold of the contract; nullopt when it was never folded.
  virtual std::optional<tracking::ContractFacts> facts(std::int64_t contract) = 0;
  // The contract's fold, replacing a stored one.
  virtual void store_facts(const tracking::ContractFacts& facts) = 0;
  // What payments change of the contract's stored fold: its collections,
  // reversed, collected_full_on and late_due (the other members kept).
  virtual void store_collections(const tracking::ContractFacts& facts) = 0;
  // Calls `visit` with every folded contract and its type, by contract.
  virtual void each_fold(const std::function<void(std::int64_t contract, std::string_view type)>& visit) = 0;

  // ---- Reminder windows and acknowledgements ----
  // The contract's windows, replacing all its stored ones; a window whose
  // reminder id has an acknowledgement is stored acknowledged.
  virtual void replace_windows(std::int64_t contract, std::span<const tracking::ReminderWindow> windows) = 0;
  // Stores the contract's `changed` windows and removes those of `gone`;
  // its other windows stay. A window not stored is added (acknowledged when
  // its reminder id has an acknowledgement); of a stored one, what payments
  // move is replaced (settled_on, exact, unpaid_final, payments_final_on),
  // the rest kept: its due date, trigger and opening follow the terms and
  // leads, which a payment does not change.
  virtual void update_windows(std::int64_t contract, std::span<const tracking::ReminderWindow> changed,
                              std::span<const ReminderKey> gone) = 0;
  // Appends to `out` the windows not acknowledged that hold on `day`: of
  // payment_due and delivery_due, those due in [day, due_until] open from
  // `day` or before and not settled on or before it; of the other kinds,
  // those open from `day` or before and not settled on or before it.
  virtual void windows_on(Date day, Date due_until, std::vector<WindowRecord>& out) = 0;
  // The acknowledgement of the reminder id, if any.
  virtual std::optional<Acknowledgement> acknowledgement(const std::string& id) = 0;
  // Every acknowledgement (of one contract with `contract`), by id.
  virtual std::vector<Acknowledgement> acknowledgements(std::optional<std::int64_t> contract) = 0;
  // Stores the acknowledgement of reminder `key` (ack.id is its id) and marks
  // the key's stored window acknowledged.
  virtual void insert_acknowledgement(const ReminderKey& key, const Acknowledgement& ack) = 0;

  // ---- The reports' reads of the folds ----
  // Calls `visit` with every fold activated on or before `activated_by`,
  // due for delivery in [from, to] and not of type `except_type`.
  virtual void due_deliveries(Date from, Date to, Date activated_by, std::string_view except_type,
                              const std::function<void(const DueDeliveryRecord&)>& visit) = 0;
  // The owner each handed-over contract has on `on`: the new owner of its
  // last handover effective then or before (table contract_handovers).
  virtual std::map<std::int64_t, std::string> holders_on(Date on) = 0;
  // Calls `visit` with every activated fold not of type `except_type` that
  // was signed in [from, to] and activated on or before `activated_by`, or
  // that was activated on or before `in_force_by` and not closed before `from`.
  virtual void signed_or_in_force(Date from, Date to, Date activated_by, Date in_force_by, std::string_view except_type,
                                  const std::function<void(const SignedContractRecord&)>& visit) = 0;
  // The fold of the contract with its number and counterparty (table
  // contracts); nullopt when it was never folded.
  virtual std::optional<report::TrackedContract> tracked(std::int64_t contract) = 0;
  // Adds to `out` (keeping those already there) the folds, as tracked(),
  // activated on or before `activated_by` that end in (after, until].
  virtual void tracked_ending(Date after, Date until, Date activated_by,
                              std::map<std::int64_t, report::TrackedContract>& out) = 0;
  // Adds to `out` (keeping those already there) the folds, as tracked(),
  // activated on or before `on` and not collected in full from `on` or before.
  virtual void tracked_uncollected(Date on, std::map<std::int64_t, report::TrackedContract>& out) = 0;
  // Appends to `out` the instalments (table installments) due in (after,
  // until] of the folds activated on or before `activated_by`.
  virtual void installments_due(Date after, Date until, Date activated_by,
                                std::vector<report::DueInstallment>& out) = 0;
  // Calls `visit` with the type and the trend's figures (amounts,
  // collections, schedule) of every fold activated on or before
  // `activated_by`.
  virtual void trend_folds(Date activated_by,
                           const std::function<void(std::string_view type, const report::TrendContract&)>& visit) = 0;
};

}  // namespace pactum::store
