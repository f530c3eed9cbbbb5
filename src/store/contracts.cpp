// Contracts: creation with its number in the same transaction, exchange
// rates, the lifecycle (activate, complete, terminate, amend, renew),
// queries and the execution summary. The records are read and written
// through the storage interface (backend_contracts.hpp, ContractRecords).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "approval_internal.hpp"
#include "contracts_internal.hpp"
#include "numbering_store.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace store {

namespace {

ContractRecords& records(Database::Impl& impl) { return impl.storage().contracts(); }

}  // namespace

ContractRow resolve_contract(Database::Impl& impl, const ContractRef& ref) {
  std::optional<ContractRow> row;
  if (ref.is_id()) {
    row = records(impl).row(ref.id());
  } else {
    require_utf8(ref.number(), "contract");
    row = records(impl).row_by_number(ref.number());
  }
  if (!row) refuse_unknown_contract(ref.to_string());
  return std::move(*row);
}

Contract load_contract(Database::Impl& impl, std::int64_t id) {
  std::optional<Contract> c = records(impl).contract(id);
  if (!c) refuse_unknown_contract(std::to_string(id));
  return std::move(*c);
}

void set_contract_status(Database::Impl& impl, std::int64_t id, ContractStatus status) {
  records(impl).store_status(id, status);
}

void expire_contracts(Database::Impl& impl, Date clock) {
  std::vector<std::pair<std::int64_t, Date>> due;
  for (const PastEndRecord& c : records(impl).in_force_past_end(clock)) {
    if (expires_by(c.status, c.end, false, clock)) due.emplace_back(c.id, c.end);
  }
  for (const auto& [id, end] : due) {
    const ContractRow row = resolve_contract(impl, ContractRef(id));
    records(impl).store_closing(id, apply_transition(row.status, ContractTransition::expire), end);
    NewEvent e;
    e.type = EventType::expired;
    e.contract = id;
    e.effective = end;
    append_event(impl, e, row.currency);
  }
}

void add_collected(Database::Impl& impl, std::int64_t id, std::int64_t delta) {
  // Added here in checked integers, not by SQL (an overflowing sum in SQLite
  // would not stay an integer).
  records(impl).store_collected(id, detail::add_units(records(impl).collected(id), delta));
}

}  // namespace store

using namespace store;

namespace {

void check_optional_actor(const std::optional<std::string>& actor) {
  if (actor) require_name(*actor, "actor");
}

// The rate to convert `currency` on `on` (1 for the reporting currency).
Decimal require_rate(Database::Impl& impl, Currency currency, Date on) {
  if (currency == impl.currency) return Decimal(1);
  const std::string code(currency.code());
  if (auto r = records(impl).rate_on(code, on)) return *r;
  refuse_no_exchange_rate(currency, on, impl.currency);
}

// Validated, normalised terms of a contract to create.
struct Terms {
  ContractSpec spec;
  std::vector<Installment> schedule;
  std::string department;
  std::string owner_name;
  std::optional<std::int64_t> renews;
};

// The terms as a canonical JSON text: what "the same contract" means for a
// repeated external id.
std::string canonical_terms(const Terms& t) {
  nlohmann::json j;
  const ContractSpec& s = t.spec;
  j["type"] = s.type;
  j["owner"] = s.owner;
  j["amount"] = s.amount.to_string();
  j["currency"] = std::string(s.amount.currency().code());
  j["signed"] = s.signed_on.to_string();
  j["start"] = s.start ? s.start->to_string() : s.signed_on.to_string();
  j["end"] = s.end ? nlohmann::json(s.end->to_string()) : nlohmann::json();
  j["delivery_due"] = s.delivery_due ? nlohmann::json(s.delivery_due->to_string()) : nlohmann::json();
  j["counterparty"] = s.counterparty;
  j["key_account"] = s.key_account;
  j["numbering"] = s.numbering;
  auto& inst = j["installments"] = nlohmann::json::array();
  for (const Installment& i : t.schedule) inst.push_back({i.due.to_string(), i.amount.to_string()});
  auto& attrs = j["attributes"] = nlohmann::json::object();
  for (const auto& [name, value] : s.attributes) attrs[name] = {attribute_type_name(value.type()), value.to_string()};
  auto& fields = j["fields"] = nlohmann::json::object();
  for (const auto& [name, value] : s.fields) fields[name] = value;
  j["renews"] = t.renews ? nlohmann::json(*t.renews) : nlohmann::json();
  return j.dump();
}

// Validates a spec against the directory and normalises it.
Terms check_terms(Database::Impl& impl, const ContractSpec& spec, std::optional<std::int64_t> renews) {
  Terms t;
  t.spec = spec;
  t.renews = renews;
  validate_contract_type(spec.type);
  require_identifier(spec.owner, "owner");
  require_name(spec.counterparty, "counterparty");
  if (spec.external_id) require_identifier(*spec.external_id, "external_id", 200);
  check_optional_actor(spec.actor);
  for (const auto& [name, value] : spec.fields) {
    require_identifier(name, "field");
    require_utf8(value, name);
  }
  validate_attributes(spec.attributes);
  require_positive_amount(spec.amount);
  const Date start = spec.start ? *spec.start : spec.signed_on;
  t.spec.start = start;
  check_contract_dates(spec.signed_on, start, spec.end, spec.delivery_due);
  t.schedule = schedule_for(spec.installments, spec.amount, spec.signed_on, spec.end, spec.delivery_due);
  const EmployeeRow owner = require_employee(impl, spec.owner);
  require_employed(owner, spec.signed_on);
  t.owner_name = owner.name;
  t.department = posting_on(impl, spec.owner, spec.signed_on).first;
  return t;
}

// Creates the contract of checked terms: number, rows, created event.
Contract insert_contract(Database::Impl& impl, const Terms& t) {
  const ContractSpec& s = t.spec;
  const Decimal rate = require_rate(impl, s.amount.currency(), s.signed_on);
  const Money reporting = to_reporting_currency(s.amount, rate, impl.currency);

  // Numbering fields: the caller's, else the directory's.
  NumberFields fields = s.fields;  // unknown ones: the engine refuses them
  const std::vector<std::string> names = numbering_field_names(impl, s.numbering);
  if (std::find(names.begin(), names.end(), "type") != names.end()) fields.emplace("type", s.type);
  fill_directory_fields(impl, names, s.owner, s.signed_on, fields);

  Contract c;
  c.id = records(impl).next_id();
  c.number = issue_number_in_write(impl, s.numbering, s.signed_on, fields, "contract:" + std::to_string(c.id)).number;
  c.numbering = s.numbering;
  c.external_id = s.external_id;
  c.type = s.type;
  c.status = ContractStatus::draft;
  c.owner = s.owner;
  c.signer = s.owner;
  c.department = t.department;
  c.counterparty = s.counterparty;
  c.key_account = s.key_account;
  c.amount = s.amount;
  c.reporting_amount = reporting;
  c.exchange_rate = rate;
  c.signed_on = s.signed_on;
  c.start = *s.start;
  c.end = s.end;
  c.delivery_due = s.delivery_due;
  c.installments = t.schedule;
  c.attributes = s.attributes;
  c.renews = t.renews;
  c.collected = Money::from_units(0, s.amount.currency());
  records(impl).insert_contract(c);
  const std::int64_t id = c.id;
  NewEvent created;
  created.type = EventType::created;
  created.contract = id;
  created.effective = s.signed_on;
  created.actor = s.actor;
  created.amount = s.amount.units();
  created.value = t.renews;
  created.payload = canonical_terms(t);
  append_event(impl, created, s.amount.currency());
  return load_contract(impl, id);
}

// The contract named by an external id, if any: the same terms return it,
// other terms are a ConflictError.
std::optional<Contract> existing_by_external_id(Database::Impl& impl, const Terms& t) {
  if (!t.spec.external_id) return std::nullopt;
  const std::optional<std::int64_t> id = records(impl).id_by_external_id(*t.spec.external_id);
  if (!id) return std::nullopt;
  std::string first_terms;
  if (const auto created = records(impl).first_event(*id, EventType::created)) {
    first_terms = impl.storage().event(*created)->payload;
  }
  Contract existing = load_contract(impl, *id);
  require_same_terms(*t.spec.external_id, existing.number, first_terms, canonical_terms(t));
  return existing;
}

Date effective_or_clock(const Database& db, std::optional<Date> on) { return on ? *on : db.today(); }


void require_not_before_activation(const ContractRow& row, Date on, EventType what) {
  require_on_or_after_activation(row.number, row.activated_on, on, what);
}

// The lifecycle moves that close the contract's term (complete, terminate).
Event close_contract(Database::Impl& impl, const ContractRow& row, ContractTransition transition, EventType type,
                     Date on, const std::optional<std::string>& reason, const std::optional<std::string>& actor) {
  const ContractStatus to = apply_transition(row.status, transition, row.number);
  require_not_before_signing(row, on, type);
  require_not_before_activation(row, on, type);
  records(impl).store_closing(row.id, to, on);
  NewEvent e;
  e.type = type;
  e.contract = row.id;
  e.effective = on;
  e.actor = actor;
  e.reason = reason;
  return append_event(impl, e, row.currency);
}

}  // namespace

namespace store {

void require_not_before_signing(const ContractRow& row, Date on, EventType what) {
  require_on_or_after_signing(row.number, row.signed_on, on, what);
}

AmendedTerms amended_terms(Database::Impl& impl, const Contract& c, const Amendment& changes) {
  return plan_amendment(c, changes, impl.currency);
}

Event apply_amendment(Database::Impl& impl, const ContractRow& row, const AmendedTerms& t, const std::string& reason,
                      Date on, const std::optional<std::string>& actor) {
  const Contract& c = t.after;
  ContractRecords& r = records(impl);
  r.store_terms(c);
  if (t.schedule) r.replace_installments(c.id, *t.schedule);
  for (const std::string& name : t.remove_attributes) r.remove_attribute(c.id, name);
  for (const auto& [name, value] : t.set_attributes) r.store_attribute(c.id, name, value);
  NewEvent e;
  e.type = EventType::amended;
  e.contract = c.id;
  e.effective = on;
  e.actor = actor;
  e.reason = reason;
  e.payload = terms_diff_to_json(t.diff);
  return append_event(impl, e, row.currency);
}

}  // namespace store

// ---- Exchange rates ------------------------------------------------------------

void Database::set_exchange_rate(const std::string& currency, const Decimal& rate, Date on) {
  impl_->write([&] {
    const Currency c = Currency::of(currency);
    check_exchange_rate(c, impl_->currency, rate);
    records(*impl_).store_rate(std::string(c.code()), on, rate);
  });
}

Decimal Database::exchange_rate(const std::string& currency, Date on) const {
  return impl_->read([&] { return require_rate(*impl_, Currency::of(currency), on); });
}

// ---- Creation and queries ------------------------------------------------------

Contract Database::create_contract(const ContractSpec& spec) {
  return impl_->write([&] {
    const Terms t = check_terms(*impl_, spec, std::nullopt);
    if (auto existing = existing_by_external_id(*impl_, t)) return *existing;
    return insert_contract(*impl_, t);
  });
}

Contract Database::contract(const ContractRef& ref) const {
  return impl_->read([&] { return load_contract(*impl_, resolve_contract(*impl_, ref).id); });
}

std::vector<Contract> Database::find_contracts(const ContractFilter& f) const {
  return impl_->read([&] {
    check_contract_limit(f.limit);
    for (const auto* text : {&f.owner, &f.department, &f.type, &f.counterparty, &f.number_prefix, &f.external_id}) {
      if (*text) require_utf8(**text, "filter");
    }
    const std::vector<std::int64_t> ids = records(*impl_).find(f);
    std::vector<Contract> out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) out.push_back(load_contract(*impl_, id));
    return out;
  });
}

ExecutionSummary Database::execution(const ContractRef& ref, std::optional<Date> as_of) const {
  const Date day = effective_or_clock(*this, as_of);
  return impl_->read([&] {
    const Contract c = load_contract(*impl_, resolve_contract(*impl_, ref).id);
    const std::vector<Event> log = events(ContractRef(c.id));
    return summarize_execution(c, log, day);
  });
}

// ---- Lifecycle -------------------------------------------------------------------

Event Database::activate(const ContractRef& ref, std::optional<Date> on, const std::optional<std::string>& actor) {
  const Date day = effective_or_clock(*this, on);
  return impl_->write([&] {
    check_optional_actor(actor);
    const ContractRow row = resolve_contract(*impl_, ref);
    const ContractStatus to = apply_transition(row.status, ContractTransition::activate, row.number);
    require_not_before_signing(row, day, EventType::activated);
    check_activation_outside_route(*this, row);
    records(*impl_).store_activation(row.id, to, day);
    NewEvent e;
    e.type = EventType::activated;
    e.contract = row.id;
    e.effective = day;
    e.actor = actor;
    return append_event(*impl_, e, row.currency);
  });
}

Event Database::complete(const ContractRef& ref, std::optional<Date> on, const std::optional<std::string>& actor) {
  const Date day = effective_or_clock(*this, on);
  return impl_->write([&] {
    check_optional_actor(actor);
    const ContractRow row = resolve_contract(*impl_, ref);
    return close_contract(*impl_, row, ContractTransition::complete, EventType::completed, day, std::nullopt, actor);
  });
}

Event Database::terminate(const ContractRef& ref, const std::string& reason, std::optional<Date> on,
                          const std::optional<std::string>& actor) {
  const Date day = effective_or_clock(*this, on);
  return impl_->write([&] {
    require_name(reason, "reason", 2000);
    check_optional_actor(actor);
    const ContractRow row = resolve_contract(*impl_, ref);
    return close_contract(*impl_, row, ContractTransition::terminate, EventType::terminated, day, reason, actor);
  });
}

Event Database::amend(const ContractRef& ref, const std::string& reason, const Amendment& changes,
                      std::optional<Date> on, const std::optional<std::string>& actor) {
  const Date day = effective_or_clock(*this, on);
  return impl_->write([&] {
    require_name(reason, "reason", 2000);
    check_optional_actor(actor);
    require_not_empty(changes);
    const ContractRow row = resolve_contract(*impl_, ref);
    require_amendable(row.number, row.status);
    require_not_before_signing(row, day, EventType::amended);
    refuse_if_amendment_pending(*impl_, row);
    const Contract c = load_contract(*impl_, row.id);
    const AmendedTerms terms = amended_terms(*impl_, c, changes);
    // Terms given again as they stand are no amendment: nothing is appended
    // and no round opens (it would count as a change in the change rate),
    // and a retried amendment that was recorded is recognised by this refusal.
    require_changes(terms, c.number);
    // A change the routing table reads re-enters the route: the terms in
    // force stay until its round is approved.
    const std::vector<std::string> inputs = amendment_round_inputs(*this, c, terms.after);
    if (!inputs.empty()) return open_amendment_round(*this, row, terms, changes, reason, inputs, actor, day);
    return apply_amendment(*impl_, row, terms, reason, day, actor);
  });
}

Contract Database::renew(const ContractRef& ref, const RenewalSpec& spec) {
  const Date signed_on = effective_or_clock(*this, spec.signed_on);
  return impl_->write([&] {
    const ContractRow row = resolve_contract(*impl_, ref);
    const Contract old = load_contract(*impl_, row.id);
    std::optional<std::string> renewed_by;
    if (old.renewed_by) renewed_by = load_contract(*impl_, *old.renewed_by).number;
    check_renewal(old.number, old.status, old.signed_on, renewed_by, signed_on);
    ContractSpec s;
    s.type = old.type;
    s.owner = spec.owner.value_or(old.owner);
    s.amount = spec.amount.value_or(old.amount);
    s.signed_on = signed_on;
    if (spec.start) {
      s.start = spec.start;
    } else {
      s.start = old.end ? std::max(old.end->add_days(1), signed_on) : signed_on;
    }
    if (spec.end) {
      s.end = spec.end;
    } else if (old.end) {
      s.end = s.start->add_days(days_between(old.start, *old.end));
    }
    s.delivery_due = spec.delivery_due;
    s.counterparty = old.counterparty;
    s.key_account = old.key_account;
    s.installments = spec.installments;
    s.numbering = spec.numbering.value_or(old.numbering);
    s.fields = spec.fields;
    s.external_id = spec.external_id;
    s.attributes = spec.attributes.value_or(old.attributes);
    s.actor = spec.actor;
    const Terms t = check_terms(*impl_, s, old.id);
    const Contract successor = insert_contract(*impl_, t);
    const std::int64_t created_seq = records(*impl_).first_event(successor.id, EventType::created).value_or(0);
    NewEvent e;
    e.type = EventType::renewed;
    e.contract = old.id;
    e.effective = signed_on;
    e.actor = spec.actor;
    e.value = successor.id;
    e.ref = created_seq;
    append_event(*impl_, e, row.currency);
    return successor;
  });
}

Event Database::reassign(const ContractRef& ref, const std::string& new_owner, const std::string& reason,
                         std::optional<Date> on, const std::optional<std::string>& actor) {
  const Date day = effective_or_clock(*this, on);
  return impl_->write([&] {
    if (!reason.empty()) require_name(reason, "reason", 2000);
    check_optional_actor(actor);
    require_utf8(new_owner, "new owner");
    const ContractRow row = resolve_contract(*impl_, ref);
    HandoverFacts facts;
    facts.number = row.number;
    facts.signed_on = row.signed_on;
    ContractRecords& r = records(*impl_);
    facts.owner = r.owner(row.id);
    facts.last_handover = r.last_handover(row.id);
    const Reassignment plan = plan_reassignment(facts, new_owner, day, reason);
    require_employed(require_employee(*impl_, new_owner), day);
    r.store_owner(row.id, plan.to);
    NewEvent e;
    e.type = EventType::reassigned;
    e.contract = row.id;
    e.effective = day;
    e.actor = actor;
    e.reason = reason;
    e.payload = reassignment_payload(plan);
    Event out = append_event(*impl_, e, row.currency);
    r.insert_handover(row.id, out.seq, day, plan.from, plan.to);
    return out;
  });
}

}  // namespace pactum
