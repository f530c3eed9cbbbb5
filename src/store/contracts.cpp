// Contracts in SQLite: creation with its number in the same transaction,
// exchange rates, the lifecycle (activate, complete, terminate, amend,
// renew), queries and the execution summary.
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

// The columns resolve_contract() reads, in its two statements.
#define PACTUM_CONTRACT_ROW_COLUMNS                                                                      \
  "SELECT c.id, c.number, c.status, c.currency, c.amount, t.collected, c.signed_on, c.activated_on, c.closed_on " \
  "FROM contracts c JOIN contract_totals t ON t.contract = c.id "

ContractRow contract_row(SQLite::Statement& st) {
  ContractRow r;
  r.id = st.getColumn(0).getInt64();
  r.number = st.getColumn(1).getString();
  r.status = parse_contract_status(st.getColumn(2).getString());
  r.currency = Currency::of(st.getColumn(3).getString());
  r.amount = st.getColumn(4).getInt64();
  r.collected = st.getColumn(5).getInt64();
  r.signed_on = Date::parse(st.getColumn(6).getString());
  r.activated_on = optional_date(st.getColumn(7));
  r.closed_on = optional_date(st.getColumn(8));
  return r;
}

}  // namespace

ContractRow resolve_contract(Database::Impl& impl, const ContractRef& ref) {
  if (ref.is_id()) {
    auto st = impl.statement(PACTUM_CONTRACT_ROW_COLUMNS "WHERE c.id = ?");
    st->bind(1, static_cast<std::int64_t>(ref.id()));
    if (st->executeStep()) return contract_row(*st);
  } else {
    require_utf8(ref.number(), "contract");
    auto st = impl.statement(PACTUM_CONTRACT_ROW_COLUMNS "WHERE c.number = ?");
    st->bind(1, ref.number());
    if (st->executeStep()) return contract_row(*st);
  }
  refuse_unknown_contract(ref.to_string());
}

Contract load_contract(Database::Impl& impl, std::int64_t id) {
  Contract c;
  {
    auto st = impl.statement(
        "SELECT number, numbering, external_id, type, status, owner, department, counterparty, key_account, "
        "currency, amount, reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, "
        "activated_on, closed_on, renews, (SELECT t.collected FROM contract_totals t WHERE t.contract = contracts.id), "
        "signer FROM contracts WHERE id = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    if (!st->executeStep()) refuse_unknown_contract(std::to_string(id));
    c.id = id;
    c.number = st->getColumn(0).getString();
    c.numbering = st->getColumn(1).getString();
    c.external_id = optional_text(st->getColumn(2));
    c.type = st->getColumn(3).getString();
    c.status = parse_contract_status(st->getColumn(4).getString());
    c.owner = st->getColumn(5).getString();
    c.department = st->getColumn(6).getString();
    c.counterparty = st->getColumn(7).getString();
    c.key_account = st->getColumn(8).getInt() != 0;
    const Currency currency = Currency::of(st->getColumn(9).getString());
    c.amount = Money::from_units(st->getColumn(10).getInt64(), currency);
    c.reporting_amount = Money::from_units(st->getColumn(11).getInt64(), impl.currency);
    c.exchange_rate = Decimal::parse(st->getColumn(12).getString());
    c.signed_on = Date::parse(st->getColumn(13).getString());
    c.start = Date::parse(st->getColumn(14).getString());
    c.end = optional_date(st->getColumn(15));
    c.delivery_due = optional_date(st->getColumn(16));
    c.activated_on = optional_date(st->getColumn(17));
    c.closed_on = optional_date(st->getColumn(18));
    c.renews = optional_int(st->getColumn(19));
    c.collected = Money::from_units(st->getColumn(20).getInt64(), currency);
    c.signer = st->getColumn(21).isNull() ? c.owner : st->getColumn(21).getString();
  }
  {
    auto st = impl.statement("SELECT due, amount FROM installments WHERE contract = ? ORDER BY position");
    st->bind(1, static_cast<std::int64_t>(id));
    while (st->executeStep()) {
      c.installments.push_back(
          Installment{Date::parse(st->getColumn(0).getString()), Money::from_units(st->getColumn(1).getInt64(), c.amount.currency())});
    }
  }
  {
    auto st = impl.statement("SELECT name, type, value FROM contract_attributes WHERE contract = ? ORDER BY name");
    st->bind(1, static_cast<std::int64_t>(id));
    while (st->executeStep()) {
      c.attributes.emplace(st->getColumn(0).getString(),
                           AttributeValue::parse(parse_attribute_type(st->getColumn(1).getString()),
                                                 st->getColumn(2).getString()));
    }
  }
  {
    auto st = impl.statement("SELECT id FROM contracts WHERE renews = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    if (st->executeStep()) c.renewed_by = st->getColumn(0).getInt64();
  }
  return c;
}

void set_contract_status(Database::Impl& impl, std::int64_t id, ContractStatus status) {
  auto st = impl.statement("UPDATE contracts SET status = ? WHERE id = ?");
  st->bind(1, contract_status_name(status));
  st->bind(2, static_cast<std::int64_t>(id));
  st->exec();
}

void expire_contracts(Database::Impl& impl, Date clock) {
  std::vector<std::pair<std::int64_t, Date>> due;
  {
    auto st = impl.statement(
        // Every commit asks: the partial index of contracts in force by end
        // date answers from the few past their end, where the planner would
        // otherwise walk every active contract by status.
        "SELECT id, end_on, status FROM contracts c INDEXED BY contracts_in_force_by_end "
        "WHERE status IN ('active', 'breached') AND end_on < ? "
        "AND NOT EXISTS (SELECT 1 FROM contracts s WHERE s.renews = c.id) ORDER BY end_on, id");
    st->bind(1, clock.to_string());
    while (st->executeStep()) {
      const Date end = Date::parse(st->getColumn(1).getString());
      if (!expires_by(parse_contract_status(st->getColumn(2).getString()), end, false, clock)) continue;
      due.emplace_back(st->getColumn(0).getInt64(), end);
    }
  }
  for (const auto& [id, end] : due) {
    const ContractRow row = resolve_contract(impl, ContractRef(id));
    auto st = impl.statement("UPDATE contracts SET status = ?, closed_on = ? WHERE id = ?");
    st->bind(1, contract_status_name(apply_transition(row.status, ContractTransition::expire)));
    st->bind(2, end.to_string());
    st->bind(3, static_cast<std::int64_t>(id));
    st->exec();
    NewEvent e;
    e.type = EventType::expired;
    e.contract = id;
    e.effective = end;
    append_event(impl, e, row.currency);
  }
}

void add_collected(Database::Impl& impl, std::int64_t id, std::int64_t delta) {
  std::int64_t collected = 0;
  {
    auto st = impl.statement("SELECT collected FROM contract_totals WHERE contract = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    if (st->executeStep()) collected = st->getColumn(0).getInt64();
  }
  // Checked here, not by SQL: SQLite turns an overflowing integer sum into a float.
  auto st = impl.statement("UPDATE contract_totals SET collected = ? WHERE contract = ?");
  st->bind(1, detail::add_units(collected, delta));
  st->bind(2, static_cast<std::int64_t>(id));
  st->exec();
}

}  // namespace store

using namespace store;

namespace {

void check_optional_actor(const std::optional<std::string>& actor) {
  if (actor) require_name(*actor, "actor");
}

// The latest rate of `currency` on or before `on`, or nullopt.
std::optional<Decimal> rate_on(Database::Impl& impl, const std::string& currency, Date on) {
  auto st = impl.statement(
      "SELECT rate FROM exchange_rates WHERE currency = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1");
  st->bind(1, currency);
  st->bind(2, on.to_string());
  if (!st->executeStep()) return std::nullopt;
  return Decimal::parse(st->getColumn(0).getString());
}

// The rate to convert `currency` on `on` (1 for the reporting currency).
Decimal require_rate(Database::Impl& impl, Currency currency, Date on) {
  if (currency == impl.currency) return Decimal(1);
  const std::string code(currency.code());
  if (auto r = rate_on(impl, code, on)) return *r;
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

// The contract's instalment rows (after the old ones were deleted).
void insert_installments(Database::Impl& impl, std::int64_t id, const std::vector<Installment>& schedule) {
  int position = 0;
  for (const Installment& i : schedule) {
    auto st = impl.statement("INSERT INTO installments(contract, position, due, amount) VALUES(?, ?, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(id));
    st->bind(2, ++position);
    st->bind(3, i.due.to_string());
    st->bind(4, static_cast<std::int64_t>(i.amount.units()));
    st->exec();
  }
}

// Sets (adds or replaces) the contract's attribute `name`.
void write_attribute(Database::Impl& impl, std::int64_t id, const std::string& name, const AttributeValue& value) {
  auto st = impl.statement(
      "INSERT INTO contract_attributes(contract, name, type, value) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(contract, name) DO UPDATE SET type = excluded.type, value = excluded.value");
  st->bind(1, static_cast<std::int64_t>(id));
  st->bind(2, name);
  st->bind(3, attribute_type_name(value.type()));
  st->bind(4, value.to_string());
  st->exec();
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

  std::int64_t id = 1;
  {
    auto st = impl.statement("SELECT COALESCE(MAX(id), 0) + 1 FROM contracts");
    st->executeStep();
    id = st->getColumn(0).getInt64();
  }
  const IssuedNumber number =
      issue_number_in_write(impl, s.numbering, s.signed_on, fields, "contract:" + std::to_string(id));
  {
    auto st = impl.statement(
        "INSERT INTO contracts(id, number, numbering, external_id, type, status, owner, department, counterparty, "
        "key_account, currency, amount, reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, "
        "activated_on, closed_on, renews, signer) "
        "VALUES(?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(id));
    st->bind(2, number.number);
    st->bind(3, s.numbering);
    bind_optional(*st, 4, s.external_id);
    st->bind(5, s.type);
    st->bind(6, s.owner);
    st->bind(7, t.department);
    st->bind(8, s.counterparty);
    st->bind(9, s.key_account ? 1 : 0);
    st->bind(10, std::string(s.amount.currency().code()));
    st->bind(11, static_cast<std::int64_t>(s.amount.units()));
    st->bind(12, static_cast<std::int64_t>(reporting.units()));
    st->bind(13, rate.to_string());
    st->bind(14, s.signed_on.to_string());
    st->bind(15, s.start->to_string());
    bind_optional(*st, 16, s.end);
    bind_optional(*st, 17, s.delivery_due);
    bind_optional(*st, 18, t.renews);
    st->bind(19, s.owner);
    st->exec();
  }
  {
    auto st = impl.statement("INSERT INTO contract_totals(contract, collected) VALUES(?, 0)");
    st->bind(1, static_cast<std::int64_t>(id));
    st->exec();
  }
  insert_installments(impl, id, t.schedule);
  for (const auto& [name, value] : s.attributes) write_attribute(impl, id, name, value);
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
  std::int64_t id = 0;
  {
    auto st = impl.statement("SELECT id FROM contracts WHERE external_id = ?");
    st->bind(1, *t.spec.external_id);
    if (!st->executeStep()) return std::nullopt;
    id = st->getColumn(0).getInt64();
  }
  std::string first_terms;
  {
    auto st = impl.statement("SELECT payload FROM events WHERE contract = ? AND type = ? ORDER BY seq LIMIT 1");
    st->bind(1, static_cast<std::int64_t>(id));
    st->bind(2, static_cast<int>(EventType::created));
    if (st->executeStep()) first_terms = st->getColumn(0).getString();
  }
  Contract existing = load_contract(impl, id);
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
  auto st = impl.statement("UPDATE contracts SET status = ?, closed_on = ? WHERE id = ?");
  st->bind(1, contract_status_name(to));
  st->bind(2, on.to_string());
  st->bind(3, static_cast<std::int64_t>(row.id));
  st->exec();
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
  {
    auto st = impl.statement(
        "UPDATE contracts SET start_on = ?, end_on = ?, delivery_due = ?, counterparty = ?, key_account = ?, "
        "amount = ?, reporting_amount = ? WHERE id = ?");
    st->bind(1, c.start.to_string());
    bind_optional(*st, 2, c.end);
    bind_optional(*st, 3, c.delivery_due);
    st->bind(4, c.counterparty);
    st->bind(5, c.key_account ? 1 : 0);
    st->bind(6, static_cast<std::int64_t>(c.amount.units()));
    st->bind(7, static_cast<std::int64_t>(c.reporting_amount.units()));
    st->bind(8, static_cast<std::int64_t>(c.id));
    st->exec();
  }
  if (t.schedule) {
    {
      auto st = impl.statement("DELETE FROM installments WHERE contract = ?");
      st->bind(1, static_cast<std::int64_t>(c.id));
      st->exec();
    }
    insert_installments(impl, c.id, *t.schedule);
  }
  for (const std::string& name : t.remove_attributes) {
    auto st = impl.statement("DELETE FROM contract_attributes WHERE contract = ? AND name = ?");
    st->bind(1, static_cast<std::int64_t>(c.id));
    st->bind(2, name);
    st->exec();
  }
  for (const auto& [name, value] : t.set_attributes) write_attribute(impl, c.id, name, value);
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
    auto st = impl_->statement(
        "INSERT INTO exchange_rates(currency, valid_from, rate) VALUES(?, ?, ?) "
        "ON CONFLICT(currency, valid_from) DO UPDATE SET rate = excluded.rate");
    st->bind(1, std::string(c.code()));
    st->bind(2, on.to_string());
    st->bind(3, rate.to_string());
    st->exec();
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

// The filter every find_contracts statement applies after its driving
// predicate; ?1.. are the criteria (NULL: any), ?11 the id to start after, ?12
// the limit (-1: none).
#define PACTUM_CONTRACT_FILTER                                                                      \
  " (?1 IS NULL OR owner = ?1) AND (?2 IS NULL OR department = ?2) AND (?3 IS NULL OR status = ?3)" \
  " AND (?4 IS NULL OR type = ?4) AND (?5 IS NULL OR counterparty = ?5)"                            \
  " AND (?6 IS NULL OR (number >= ?6 AND number < ?7)) AND (?8 IS NULL OR external_id = ?8)"        \
  " AND (?9 IS NULL OR signed_on >= ?9) AND (?10 IS NULL OR signed_on <= ?10) AND id > ?11"       \
  " ORDER BY id LIMIT ?12"

std::vector<Contract> Database::find_contracts(const ContractFilter& f) const {
  return impl_->read([&] {
    check_contract_limit(f.limit);
    for (const auto* text : {&f.owner, &f.department, &f.type, &f.counterparty, &f.number_prefix, &f.external_id}) {
      if (*text) require_utf8(**text, "filter");
    }
    // Each variant is driven by an index on its first predicate.
    const char* sql = "SELECT id FROM contracts WHERE" PACTUM_CONTRACT_FILTER;
    if (f.number_prefix && !f.number_prefix->empty()) {
      sql = "SELECT id FROM contracts WHERE number >= ?6 AND number < ?7 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.external_id) {
      sql = "SELECT id FROM contracts WHERE external_id = ?8 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.owner) {
      sql = "SELECT id FROM contracts WHERE owner = ?1 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.counterparty) {
      sql = "SELECT id FROM contracts WHERE counterparty = ?5 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.department) {
      sql = "SELECT id FROM contracts WHERE department = ?2 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.status) {
      sql = "SELECT id FROM contracts WHERE status = ?3 AND" PACTUM_CONTRACT_FILTER;
    }
    std::vector<std::int64_t> ids;
    {
      auto st = impl_->statement(sql);
      bind_optional(*st, 1, f.owner);
      bind_optional(*st, 2, f.department);
      if (f.status) {
        st->bind(3, contract_status_name(*f.status));
      } else {
        st->bind(3);
      }
      bind_optional(*st, 4, f.type);
      bind_optional(*st, 5, f.counterparty);
      if (f.number_prefix && !f.number_prefix->empty()) {
        st->bind(6, *f.number_prefix);
        st->bind(7, prefix_successor(*f.number_prefix));
      } else {
        st->bind(6);
        st->bind(7);
      }
      bind_optional(*st, 8, f.external_id);
      bind_optional(*st, 9, f.signed_from);
      bind_optional(*st, 10, f.signed_to);
      st->bind(11, static_cast<std::int64_t>(f.after.value_or(0)));
      st->bind(12, f.limit == 0 ? -1 : f.limit);
      while (st->executeStep()) ids.push_back(st->getColumn(0).getInt64());
    }
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
    auto st = impl_->statement("UPDATE contracts SET status = ?, activated_on = ? WHERE id = ?");
    st->bind(1, contract_status_name(to));
    st->bind(2, day.to_string());
    st->bind(3, static_cast<std::int64_t>(row.id));
    st->exec();
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
    std::int64_t created_seq = 0;
    {
      auto st = impl_->statement("SELECT seq FROM events WHERE contract = ? AND type = ? ORDER BY seq LIMIT 1");
      st->bind(1, static_cast<std::int64_t>(successor.id));
      st->bind(2, static_cast<int>(EventType::created));
      if (st->executeStep()) created_seq = st->getColumn(0).getInt64();
    }
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
    {
      auto st = impl_->statement("SELECT owner FROM contracts WHERE id = ?");
      st->bind(1, static_cast<std::int64_t>(row.id));
      st->executeStep();
      facts.owner = st->getColumn(0).getString();
    }
    {
      auto st = impl_->statement("SELECT MAX(effective) FROM contract_handovers WHERE contract = ?");
      st->bind(1, static_cast<std::int64_t>(row.id));
      if (st->executeStep()) facts.last_handover = optional_date(st->getColumn(0));
    }
    const Reassignment r = plan_reassignment(facts, new_owner, day, reason);
    require_employed(require_employee(*impl_, new_owner), day);
    {
      auto st = impl_->statement("UPDATE contracts SET owner = ? WHERE id = ?");
      st->bind(1, r.to);
      st->bind(2, static_cast<std::int64_t>(row.id));
      st->exec();
    }
    NewEvent e;
    e.type = EventType::reassigned;
    e.contract = row.id;
    e.effective = day;
    e.actor = actor;
    e.reason = reason;
    e.payload = reassignment_payload(r);
    Event out = append_event(*impl_, e, row.currency);
    auto st = impl_->statement(
        "INSERT INTO contract_handovers(contract, seq, effective, from_owner, to_owner) VALUES(?, ?, ?, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(row.id));
    st->bind(2, static_cast<std::int64_t>(out.seq));
    st->bind(3, day.to_string());
    st->bind(4, r.from);
    st->bind(5, r.to);
    st->exec();
    return out;
  });
}

}  // namespace pactum
