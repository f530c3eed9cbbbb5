// The event log: idempotent appends, execution facts (payments,
// reversals, deliveries, satisfaction, disputes, breaches), the clock, and
// scans by contract and by sequence, through the storage interface
// (backend.hpp; ContractRecords for the log's other reads).
#include "approval_internal.hpp"
#include "contracts_internal.hpp"
#include "kpi_internal.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/contract/payment.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace store {


std::vector<Event> contract_events(Database::Impl& impl, std::int64_t contract) {
  return impl.storage().contract_events(contract);
}

Event load_event(Database::Impl& impl, std::int64_t seq) {
  std::optional<Event> e = impl.storage().event(seq);
  if (!e) refuse_unknown_event(seq);
  return std::move(*e);
}

std::optional<Event> keyed_event(Database::Impl& impl, const std::string& source, const std::string& key) {
  const std::optional<std::int64_t> seq = impl.storage().keyed_event(source, key);
  if (!seq) return std::nullopt;
  return load_event(impl, *seq);
}

void require_same_content(const Event& existing, const NewEvent& incoming) {
  EventContent content;
  content.type = incoming.type;
  content.contract = incoming.contract;
  if (incoming.effective_given) content.effective = incoming.effective;
  content.amount = incoming.amount;
  content.value = incoming.value;
  content.reason = incoming.reason;
  content.payload = incoming.payload;
  require_same_event(existing, content);
}

Event append_event(Database::Impl& impl, const NewEvent& ev, Currency currency, bool* inserted) {
  Event out;
  out.type = ev.type;
  out.contract = ev.contract;
  out.effective = ev.effective;
  out.recorded_at = recorded_now();
  out.actor = ev.actor;
  out.source = ev.source;
  out.key = ev.key;
  if (ev.amount) out.amount = Money::from_units(*ev.amount, currency);
  out.ref = ev.ref;
  out.value = ev.value;
  out.reason = ev.reason;
  out.payload = ev.payload;
  if (const std::optional<std::int64_t> seq = impl.storage().append_event(ev, out.recorded_at)) {
    out.seq = *seq;
    if (inserted != nullptr) *inserted = true;
    if (impl.kpi) kpi_event_appended(impl);
    return out;
  }
  // Nothing inserted: the key is taken.
  if (inserted != nullptr) *inserted = false;
  if (!ev.key) raise(Errc::internal, "core.internal", {{"detail", "event insert ignored without a key"}});
  auto existing = keyed_event(impl, ev.source, *ev.key);
  if (!existing) raise(Errc::internal, "core.internal", {{"detail", "event key conflict without an event"}});
  require_same_content(*existing, ev);
  return *existing;
}

}  // namespace store

using namespace store;

namespace {

std::string source_or_default(const std::optional<std::string>& source) {
  return source ? *source : std::string(kDefaultEventSource);
}

void check_event_texts(const std::string& source, const std::optional<std::string>& key,
                       const std::optional<std::string>& actor) {
  require_identifier(source, "source");
  if (key) require_identifier(*key, "key", 200);
  if (actor) require_name(*actor, "actor");
}

// Records a keyed (or unkeyed) fact: a repeated key short-cuts validation so
// that a retry of an accepted event is answered even when it would no longer
// validate (e.g. a payment that settled the contract). `apply` runs only when
// a new event was appended.
template <class Validate, class Apply>
Event record(Database::Impl& impl, const NewEvent& ev, Currency currency, Validate&& validate, Apply&& apply) {
  try {
    validate();
  } catch (const Error&) {
    if (ev.key) {
      if (auto existing = keyed_event(impl, ev.source, *ev.key)) {
        require_same_content(*existing, ev);
        return *existing;
      }
    }
    throw;
  }
  bool inserted = false;
  Event out = append_event(impl, ev, currency, &inserted);
  if (inserted) apply(out);
  return out;
}

NewEvent new_event(EventType type, const ContractRow& row, Date on, bool on_given, const EventOptions& o) {
  NewEvent ev;
  ev.type = type;
  ev.contract = row.id;
  ev.effective = on;
  ev.effective_given = on_given;
  ev.actor = o.actor;
  ev.source = source_or_default(o.source);
  ev.key = o.key;
  return ev;
}

}  // namespace

Event Database::record_payment(const ContractRef& ref, const Money& amount, std::optional<Date> on,
                               const std::string& payment_ref, const std::string& source, bool allow_overpayment,
                               const std::optional<std::string>& actor) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    require_identifier(payment_ref, "ref", 200);
    check_event_texts(source, std::nullopt, actor);
    const ContractRow row = resolve_contract(*impl_, ref);
    NewEvent ev;
    ev.type = EventType::payment_received;
    ev.contract = row.id;
    ev.effective = day;
    ev.effective_given = on.has_value();
    ev.actor = actor;
    ev.source = source;
    ev.key = payment_ref;
    ev.amount = amount.units();
    return record(
        *impl_, ev, row.currency,
        [&] { check_payment(payment_target(row), amount, day, allow_overpayment); },
        [&](const Event&) { add_collected(*impl_, row.id, amount.units()); });
  });
}

Event Database::reverse_payment(const std::string& payment_ref, std::optional<Date> on, const std::string& source,
                                const std::optional<std::string>& actor) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    require_identifier(payment_ref, "ref", 200);
    check_event_texts(source, std::nullopt, actor);
    const std::optional<Event> keyed = keyed_event(*impl_, source, payment_ref);
    const Event* payment = &require_reversible_payment(keyed, payment_ref, source);
    const ContractRow row = resolve_contract(*impl_, ContractRef(*payment->contract));
    NewEvent ev;
    ev.type = EventType::payment_reversed;
    ev.contract = row.id;
    ev.effective = day;
    ev.effective_given = on.has_value();
    ev.actor = actor;
    ev.source = source;
    ev.amount = -payment->amount->units();
    ev.ref = payment->seq;
    // A payment is reversed once: the same reversal again returns it.
    const std::optional<std::int64_t> reversal =
        impl_->storage().contracts().event_with_ref(EventType::payment_reversed, payment->seq);
    if (reversal) {
      Event first = load_event(*impl_, *reversal);
      if (repeats_reversal(first, ev.effective_given, day, payment_ref, source)) return first;
    }
    check_reversal_date(*payment, day, payment_ref);
    Event out = append_event(*impl_, ev, row.currency);
    add_collected(*impl_, row.id, *ev.amount);
    return out;
  });
}

Event Database::record_delivery(const ContractRef& ref, bool accepted, const EventOptions& options,
                                const std::optional<std::string>& note) {
  const Date day = options.on ? *options.on : today();
  return impl_->write([&] {
    check_event_texts(source_or_default(options.source), options.key, options.actor);
    if (note) require_name(*note, "note", 2000);
    const ContractRow row = resolve_contract(*impl_, ref);
    NewEvent ev = new_event(EventType::delivered, row, day, options.on.has_value(), options);
    ev.value = accepted ? 1 : 0;
    ev.reason = note;
    return record(
        *impl_, ev, row.currency,
        [&] {
          require_execution_status(row.number, row.status, ev.type);
          require_on_or_after_signing(row.number, row.signed_on, day, ev.type);
        },
        [](const Event&) {});
  });
}

Event Database::record_satisfaction(const ContractRef& ref, int score, const EventOptions& options) {
  const Date day = options.on ? *options.on : today();
  return impl_->write([&] {
    check_event_texts(source_or_default(options.source), options.key, options.actor);
    const ContractRow row = resolve_contract(*impl_, ref);
    NewEvent ev = new_event(EventType::satisfaction, row, day, options.on.has_value(), options);
    ev.value = score;
    return record(
        *impl_, ev, row.currency,
        [&] {
          require_satisfaction_score(score);
          require_execution_status(row.number, row.status, ev.type);
          require_on_or_after_signing(row.number, row.signed_on, day, ev.type);
        },
        [](const Event&) {});
  });
}

Event Database::record_dispute(const ContractRef& ref, const std::string& reason, const EventOptions& options) {
  return record_fact(ref, EventType::dispute, reason, options);
}

Event Database::record_breach(const ContractRef& ref, const std::string& reason, const EventOptions& options) {
  return record_fact(ref, EventType::breach, reason, options);
}

Event Database::record_fact(const ContractRef& ref, EventType type, const std::string& reason, const EventOptions& options) {
  const Date day = options.on ? *options.on : today();
  return impl_->write([&] {
    const EventTypeInfo& info = require_fact_type(type);
    check_event_texts(source_or_default(options.source), options.key, options.actor);
    if (!reason.empty()) require_name(reason, "reason", 2000);
    const ContractRow row = resolve_contract(*impl_, ref);
    NewEvent ev = new_event(type, row, day, options.on.has_value(), options);
    if (!reason.empty()) ev.reason = reason;
    return record(
        *impl_, ev, row.currency,
        [&] {
          require_execution_status(row.number, row.status, ev.type);
          require_on_or_after_signing(row.number, row.signed_on, day, ev.type);
          if (info.transition) apply_transition(row.status, *info.transition, row.number);
        },
        [&](const Event&) {
          if (info.transition) set_contract_status(*impl_, row.id, apply_transition(row.status, *info.transition));
        });
  });
}

Event Database::advance_to(Date date, const std::optional<std::string>& actor) {
  return impl_->write([&] {
    if (actor) require_name(*actor, "actor");
    const auto current = impl_->meta("clock");
    std::optional<Date> clock;
    if (current) clock = Date::parse(*current);
    if (check_clock_advance(clock, date)) {
      if (const auto seq = impl_->storage().contracts().last_event_on(EventType::clock_advanced, date)) {
        return load_event(*impl_, *seq);
      }
    }
    impl_->set_meta("clock", date.to_string());
    NewEvent ev;
    ev.type = EventType::clock_advanced;
    ev.effective = date;
    ev.actor = actor;
    Event advanced = append_event(*impl_, ev, Currency());
    // Approval steps whose deadline the clock has now passed escalate.
    escalate_overdue_steps(*this, date);
    return advanced;
  });
}

Event Database::event(std::int64_t seq) const {
  return impl_->read([&] { return load_event(*impl_, seq); });
}

std::vector<Event> Database::events(const ContractRef& ref) const {
  return impl_->read([&] {
    const ContractRow row = resolve_contract(*impl_, ref);
    return contract_events(*impl_, row.id);
  });
}

std::vector<Event> Database::events_after(std::int64_t after_seq, int limit) const {
  return impl_->read([&] {
    check_event_limit(limit);
    return impl_->storage().events_after(after_seq, limit);
  });
}

std::int64_t Database::last_event_seq() const {
  return impl_->read([&] { return impl_->storage().last_event_seq(); });
}

}  // namespace pactum
