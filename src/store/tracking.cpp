// Database: reminders, acknowledgements, lead times, and the tracking index
// that catches up with the event log (docs/reports.md).
//
// The index has two tables. tracking_contracts holds one fold per contract
// (status dates, first accepted delivery, first instalment not paid by its
// due date, collection and schedule steps): the reports read it instead of
// the log. reminder_index holds, for every reminder a contract can give, the
// days its condition can hold; three partial indexes find the rows holding
// on a date without scanning past or future ones:
//  - upcoming kinds (payment_due, delivery_due) by due date: they hold only
//    from due - lead to due, so the rows to look at are those due in
//    [as_of, as_of + the longest lead];
//  - the other kinds by (settled_on, open_from): the unsettled ones opened by
//    the as-of date, and the ones settled after it (few, for a recent date).
// Acknowledged rows leave the partial indexes. tracking_state.applied_seq is
// the last event folded; every query first folds the contracts of the later
// events again (a contract with only payments and reversals among them by
// adding those to its stored fold: fold_payments). The tables are read and
// written through the storage interface (backend_tracking.hpp,
// TrackingRecords).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "contracts_internal.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/directory.hpp"
#include "tracking_internal.hpp"

namespace pactum {

namespace store {

namespace {

using tracking::ContractFacts;
using tracking::ReminderWindow;

TrackingRecords& records(Database::Impl& impl) { return impl.storage().tracking(); }

// ---- Lead times -------------------------------------------------------------------------

class LeadCache {
 public:
  explicit LeadCache(Database::Impl& impl) : impl_(impl) {}

  const ReminderLeads& of(const std::string& type) {
    auto it = cache_.find(type);
    if (it != cache_.end()) return it->second;
    ReminderLeads leads;
    // The every-type leads come first; those of the type then override them.
    for (const LeadRecord& lead : records(impl_).leads(type)) leads.set(lead.kind, lead.days);
    return cache_.emplace(type, leads).first->second;
  }

 private:
  Database::Impl& impl_;
  std::map<std::string, ReminderLeads> cache_;
};

// ---- Loading one contract -----------------------------------------------------------------

// The contract's terms and status dates (what the tracking fold reads).
Contract tracked_contract(Database::Impl& impl, std::int64_t id) {
  std::optional<Contract> c = impl.storage().contracts().terms(id);
  if (!c) refuse_unknown_contract(std::to_string(id));
  return std::move(*c);
}

// Its approval steps with a due date; a step is closed when it closed or its
// route ended, whichever came first.
std::vector<TrackedStep> tracked_steps(Database::Impl& impl, std::int64_t id) {
  std::vector<TrackedStep> out;
  for (DueStepRecord& r : records(impl).due_steps(id)) {
    TrackedStep& s = r.step;
    const std::optional<Date>& ended = r.route_ended_on;
    s.closed_on = s.closed_on && ended ? std::min(*s.closed_on, *ended) : (s.closed_on ? s.closed_on : ended);
    out.push_back(s);
  }
  return out;
}

TrackingInput tracking_input(Database::Impl& impl, std::int64_t id, LeadCache& leads) {
  TrackingInput in;
  in.contract = tracked_contract(impl, id);
  // Its payments, reversals, deliveries and renewals.
  in.events = records(impl).fold_events(id, in.contract.amount.currency());
  in.steps = tracked_steps(impl, id);
  in.leads = leads.of(in.contract.type);
  return in;
}

// ---- Writing the index ----------------------------------------------------------------------

// Folds the contract's events after `applied` into its stored fold when
// they are all payments and reversals (nothing else of it changed): the
// collections take the new amounts and only the windows of the instalments
// whose share moved are written, so the work follows the events and not the
// instalments or payments already on the contract. False (nothing written)
// when the contract needs a full fold.
bool fold_payments(Database::Impl& impl, std::int64_t id, std::int64_t applied, LeadCache& leads) {
  std::optional<ContractFacts> before = records(impl).facts(id);
  if (!before) return false;
  const std::vector<Event> later = records(impl).events_after(id, applied, before->currency);
  for (const Event& e : later) {
    if (e.type != EventType::payment_received && e.type != EventType::payment_reversed) return false;
  }
  const ContractFacts after = tracking::with_payments(*before, later);
  if (after == *before) return true;
  std::vector<ReminderWindow> changed;
  std::vector<ReminderKey> gone;
  tracking::changed_payment_windows(*before, after, leads.of(after.type), changed, gone);
  records(impl).store_collections(after);
  records(impl).update_windows(id, changed, gone);
  return true;
}

void fold_contract(Database::Impl& impl, std::int64_t id, LeadCache& leads) {
  const TrackingInput in = tracking_input(impl, id, leads);
  const ContractFacts facts = tracking::contract_facts(in);
  records(impl).store_facts(facts);
  records(impl).replace_windows(id, tracking::reminder_windows(facts, in.steps, in.leads));
}

// New lead times: the windows change, the facts do not.
void rewindow_contract(Database::Impl& impl, std::int64_t id, LeadCache& leads) {
  const auto facts = records(impl).facts(id);
  if (!facts) return;
  const std::vector<TrackedStep> steps = tracked_steps(impl, id);
  records(impl).replace_windows(id, tracking::reminder_windows(*facts, steps, leads.of(facts->type)));
}

std::pair<std::int64_t, std::int64_t> applied_and_last(Database::Impl& impl) {
  return {records(impl).applied_seq(), impl.storage().last_event_seq()};
}

// ---- The query -------------------------------------------------------------------------------

// The longest lead of the upcoming kinds in force for any type.
int longest_upcoming_lead(Database::Impl& impl) {
  const ReminderLeads builtin;
  return std::max({builtin.payment_due, builtin.delivery_due, records(impl).longest_upcoming_lead()});
}

std::vector<Reminder> query_reminders(Database::Impl& impl, Date day) {
  std::vector<Reminder> out;
  LeadCache leads(impl);
  std::map<std::int64_t, ContractFacts> facts;                 // read when payments come after `day`
  std::map<std::int64_t, std::vector<Reminder>> folded;        // windows that are only bounds
  std::vector<WindowRecord> candidates;
  records(impl).windows_on(day, day.add_days_clamped(longest_upcoming_lead(impl)), candidates);
  for (WindowRecord& c : candidates) {
    const bool payment = c.key.kind == ReminderKind::payment_due || c.key.kind == ReminderKind::payment_overdue;
    if (!c.exact) {
      auto it = folded.find(c.key.contract);
      if (it == folded.end()) {
        it = folded.emplace(c.key.contract, reference_reminders(tracking_input(impl, c.key.contract, leads), day)).first;
      }
      const std::string id = c.key.to_string();
      const auto hit = std::find_if(it->second.begin(), it->second.end(), [&](const Reminder& r) { return r.id == id; });
      if (hit == it->second.end()) continue;
      out.push_back(*hit);
      continue;
    }
    Reminder r = std::move(c.shown);
    r.id = c.key.to_string();
    r.kind = c.key.kind;
    r.contract = c.key.contract;
    r.due = c.key.due;
    r.trigger = c.trigger;
    r.days = reminder_days(r.due, day);
    if (payment) {
      r.installment = c.key.installment;
      r.installment_amount = Money::from_units(c.installment_amount.value_or(0), c.currency);
      std::int64_t unpaid = c.unpaid_final.value_or(0);
      if (c.payments_final_on && *c.payments_final_on > day) {
        auto it = facts.find(c.key.contract);
        if (it == facts.end()) {
          auto stored = records(impl).facts(c.key.contract);
          if (!stored) raise(Errc::corrupt, "tracking.bad_index", {{"detail", "no fold of contract " + r.number}});
          it = facts.emplace(c.key.contract, std::move(*stored)).first;
        }
        unpaid = c.installment_amount.value_or(0) - tracking::installment_paid(it->second, c.key.installment, day);
      }
      r.unpaid = Money::from_units(unpaid, c.currency);
    } else if (r.kind == ReminderKind::approval_overdue) {
      r.round = c.key.round;
      r.step = c.key.step;
    }
    out.push_back(std::move(r));
  }
  for (Reminder& r : out) r.message = reminder_message(r, impl.lang);
  std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::make_tuple(a.due, a.contract, static_cast<int>(a.kind), a.installment.value_or(0), a.round.value_or(0),
                           a.step.value_or(0)) < std::make_tuple(b.due, b.contract, static_cast<int>(b.kind),
                                                                 b.installment.value_or(0), b.round.value_or(0),
                                                                 b.step.value_or(0));
  });
  return out;
}

// True when `key` names a reminder the contract (nullopt: none) can give
// under its current terms and approval steps.
bool names_a_reminder(Database::Impl& impl, const std::optional<Contract>& c, const ReminderKey& key) {
  if (!c) return false;
  switch (key.kind) {
    case ReminderKind::expiry: return c->end && *c->end == key.due;
    case ReminderKind::payment_due:
    case ReminderKind::payment_overdue:
      return key.installment >= 1 && static_cast<std::size_t>(key.installment) <= c->installments.size() &&
             c->installments[static_cast<std::size_t>(key.installment) - 1].due == key.due;
    case ReminderKind::delivery_due:
    case ReminderKind::delivery_late: return c->delivery_due && *c->delivery_due == key.due;
    case ReminderKind::approval_overdue:
      for (const TrackedStep& s : tracked_steps(impl, key.contract)) {
        if (s.round == key.round && s.step == key.step && s.due_on == key.due) return true;
      }
      return false;
  }
  return false;
}

}  // namespace

std::int64_t sync_tracking(const Database& db, Database::Impl& impl) {
  (void)db;
  const auto [applied0, last0] = impl.read([&] { return applied_and_last(impl); });
  if (applied0 == last0) return 0;
  return impl.write([&]() -> std::int64_t {
    const auto [applied, last] = applied_and_last(impl);
    if (applied == last) return 0;
    // The log is older than the index (it cannot shrink): fold everything.
    const std::vector<std::int64_t> ids =
        applied > last ? records(impl).contract_ids() : records(impl).contracts_with_events_after(applied);
    LeadCache leads(impl);
    for (std::int64_t id : ids) {
      if (applied < last && fold_payments(impl, id, applied, leads)) continue;
      fold_contract(impl, id, leads);
    }
    records(impl).store_applied_seq(last);
    return static_cast<std::int64_t>(ids.size());
  });
}

}  // namespace store

// ---- Database members ------------------------------------------------------------------------

std::vector<Reminder> Database::reminders(std::optional<Date> as_of) const {
  const Date day = as_of ? *as_of : today();
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] { return store::query_reminders(*impl_, day); });
}

Acknowledgement Database::acknowledge(const std::string& reminder_id, const std::optional<std::string>& by,
                                      std::optional<Date> on) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    require_utf8(reminder_id, "reminder_id");
    const ReminderKey key = ReminderKey::parse(reminder_id);
    if (by) require_name(*by, "by");
    const std::string id = key.to_string();
    store::TrackingRecords& records = impl_->storage().tracking();
    if (auto first = records.acknowledgement(id)) return *first;
    if (!store::names_a_reminder(*impl_, impl_->storage().contracts().terms(key.contract), key)) refuse_unknown_reminder(id);
    store::sync_tracking(*this, *impl_);
    Acknowledgement ack;
    ack.id = id;
    ack.contract = key.contract;
    ack.on = day;
    ack.actor = by;
    ack.recorded_at = store::recorded_now();
    records.insert_acknowledgement(key, ack);
    return ack;
  });
}

std::vector<Acknowledgement> Database::acknowledgements(const std::optional<ContractRef>& contract) const {
  return impl_->read([&] {
    std::optional<std::int64_t> id;
    if (contract) id = store::resolve_contract(*impl_, *contract).id;
    return impl_->storage().tracking().acknowledgements(id);
  });
}

void Database::set_reminder_lead(ReminderKind kind, int days, const std::optional<std::string>& type) {
  impl_->write([&] {
    validate_reminder_days(kind, days);
    if (type) {
      require_utf8(*type, "type");
      validate_contract_type(*type);
    }
    store::sync_tracking(*this, *impl_);
    store::TrackingRecords& records = impl_->storage().tracking();
    records.store_lead(type.value_or(""), kind, days);
    // The contracts whose lead this is: of `type`, or of every type without
    // its own lead for `kind`.
    std::set<std::string, std::less<>> own;
    if (!type) {
      for (std::string& t : records.types_with_lead(kind)) own.insert(std::move(t));
    }
    std::vector<std::int64_t> ids;
    records.each_fold([&](std::int64_t id, std::string_view t) {
      if (type ? t == *type : !own.contains(t)) ids.push_back(id);
    });
    store::LeadCache leads(*impl_);
    for (std::int64_t id : ids) store::rewindow_contract(*impl_, id, leads);
  });
}

ReminderLeads Database::reminder_leads(const std::optional<std::string>& type) const {
  return impl_->read([&] {
    if (type) {
      require_utf8(*type, "type");
      validate_contract_type(*type);
    }
    store::LeadCache leads(*impl_);
    return leads.of(type.value_or(""));
  });
}

std::int64_t Database::catch_up_tracking() { return store::sync_tracking(*this, *impl_); }

}  // namespace pactum
