// Amendments: the plan of a change of terms and the codec of its diff.
#include "pactum/contract/amendment.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>

#include "../core/exact.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/directory.hpp"

namespace pactum {

namespace {

using nlohmann::json;

std::string text_or_null(const std::optional<Date>& d) { return d ? d->to_string() : std::string("null"); }
std::optional<Date> date_or_null(const std::string& text) {
  if (text == "null") return std::nullopt;
  return Date::parse(text);
}

json schedule_json(const std::vector<Installment>& schedule) {
  json out = json::array();
  for (const Installment& i : schedule) out.push_back({i.due.to_string(), i.amount.to_string()});
  return out;
}

json attribute_json(const std::optional<AttributeValue>& v) {
  if (!v) return json();
  return json{attribute_type_name(v->type()), v->to_string()};
}

[[noreturn]] void bad_payload(const std::string& detail) {
  raise(Errc::invalid_argument, "contract.bad_amendment_payload", {{"detail", detail}});
}

}  // namespace

// ---- The amended event's payload ---------------------------------------------------

std::string terms_diff_to_json(const TermsDiff& d) {
  json out = json::object();
  auto put = [&out](const char* field, json from, json to) { out[field] = {{"from", std::move(from)}, {"to", std::move(to)}}; };
  if (d.start) put("start", d.start->from.to_string(), d.start->to.to_string());
  if (d.end) put("end", text_or_null(d.end->from), text_or_null(d.end->to));
  if (d.delivery_due) put("delivery_due", text_or_null(d.delivery_due->from), text_or_null(d.delivery_due->to));
  if (d.counterparty) put("counterparty", d.counterparty->from, d.counterparty->to);
  if (d.key_account) put("key_account", d.key_account->from ? "true" : "false", d.key_account->to ? "true" : "false");
  if (d.amount) put("amount", d.amount->from.to_string(), d.amount->to.to_string());
  if (d.installments) put("installments", schedule_json(d.installments->from), schedule_json(d.installments->to));
  for (const auto& [name, change] : d.attributes) {
    out["attributes"][name] = {{"from", attribute_json(change.from)}, {"to", attribute_json(change.to)}};
  }
  return out.dump();
}

TermsDiff terms_diff_from_json(std::string_view payload, Currency currency) {
  TermsDiff d;
  if (payload.empty()) return d;
  json j;
  try {
    j = json::parse(payload);
  } catch (const json::exception&) {
    bad_payload("not JSON");
  }
  if (!j.is_object()) return d;
  // Every side of every field, or a ValidationError naming the field.
  try {
    auto sides = [&](const char* field) -> const json* {
      auto it = j.find(field);
      if (it == j.end()) return nullptr;
      if (!it->is_object() || !it->contains("from") || !it->contains("to")) bad_payload(field);
      return &*it;
    };
    auto text = [](const json& v) { return v.get<std::string>(); };
    auto schedule = [&](const json& v) {
      std::vector<Installment> list;
      for (const json& pair : v) {
        list.push_back({Date::parse(pair.at(0).get<std::string>()), Money::parse(pair.at(1).get<std::string>(), currency)});
      }
      return list;
    };
    auto attribute = [](const json& v) -> std::optional<AttributeValue> {
      if (v.is_null()) return std::nullopt;
      return AttributeValue::parse(parse_attribute_type(v.at(0).get<std::string>()), v.at(1).get<std::string>());
    };
    if (const json* f = sides("start")) d.start = Change<Date>{Date::parse(text(f->at("from"))), Date::parse(text(f->at("to")))};
    if (const json* f = sides("end")) d.end = Change<std::optional<Date>>{date_or_null(text(f->at("from"))), date_or_null(text(f->at("to")))};
    if (const json* f = sides("delivery_due")) {
      d.delivery_due = Change<std::optional<Date>>{date_or_null(text(f->at("from"))), date_or_null(text(f->at("to")))};
    }
    if (const json* f = sides("counterparty")) d.counterparty = Change<std::string>{text(f->at("from")), text(f->at("to"))};
    if (const json* f = sides("key_account")) d.key_account = Change<bool>{text(f->at("from")) == "true", text(f->at("to")) == "true"};
    if (const json* f = sides("amount")) {
      d.amount = Change<Money>{Money::parse(text(f->at("from")), currency), Money::parse(text(f->at("to")), currency)};
    }
    if (const json* f = sides("installments")) {
      d.installments = Change<std::vector<Installment>>{schedule(f->at("from")), schedule(f->at("to"))};
    }
    if (auto it = j.find("attributes"); it != j.end()) {
      if (!it->is_object()) bad_payload("attributes");
      for (auto a = it->begin(); a != it->end(); ++a) {
        if (!a->is_object() || !a->contains("from") || !a->contains("to")) bad_payload("attributes." + a.key());
        d.attributes[a.key()] = Change<std::optional<AttributeValue>>{attribute(a->at("from")), attribute(a->at("to"))};
      }
    }
  } catch (const json::exception& e) {
    bad_payload(e.what());
  }
  return d;
}

// ---- Terms -------------------------------------------------------------------------

Money to_reporting_currency(const Money& amount, const Decimal& rate, Currency reporting) {
  if (amount.currency() == reporting) return amount;
  const int drop = Money::kScale - std::min(reporting.exponent(), Money::kScale);
  const Ratio exact = Ratio(amount.units()) * Ratio(rate) / Ratio(detail::pow10_64(drop));
  const Decimal minor_units = exact.round(0, Rounding::half_even);
  std::int64_t units = 0;
  if (__builtin_mul_overflow(minor_units.coefficient(), detail::pow10_64(drop), &units)) {
    detail::throw_money_overflow("convert");
  }
  return Money::from_units(units, reporting);
}

void check_contract_dates(Date signed_on, Date start, const std::optional<Date>& end,
                          const std::optional<Date>& delivery_due) {
  if (end && *end < start) {
    raise(Errc::invalid_argument, "contract.end_before_start", {{"end", end->to_string()}, {"start", start.to_string()}});
  }
  if (end && *end < signed_on) {
    raise(Errc::invalid_argument, "contract.end_before_signing",
          {{"end", end->to_string()}, {"signed", signed_on.to_string()}});
  }
  if (delivery_due && *delivery_due < signed_on) {
    raise(Errc::invalid_argument, "contract.delivery_before_signing",
          {{"due", delivery_due->to_string()}, {"signed", signed_on.to_string()}});
  }
}

std::vector<Installment> schedule_for(const std::vector<Installment>& given, const Money& amount, Date signed_on,
                                      const std::optional<Date>& end, const std::optional<Date>& delivery_due) {
  if (!given.empty()) return checked_schedule(given, amount, signed_on);
  const Date due = delivery_due ? *delivery_due : (end ? *end : signed_on);
  return {Installment{due, amount}};
}

// ---- Planning --------------------------------------------------------------------

void require_amendable(const std::string& contract, ContractStatus status) {
  if (is_editable(status) || status == ContractStatus::active || status == ContractStatus::breached) return;
  raise(Errc::invalid_state, "contract.not_amendable", {{"contract", contract}, {"status", contract_status_name(status)}});
}

void require_not_empty(const Amendment& request) {
  if (request.empty()) raise(Errc::invalid_argument, "contract.empty_amendment");
}

AmendmentPlan plan_amendment(const Contract& c, const Amendment& changes, Currency reporting) {
  if (changes.counterparty) require_name(*changes.counterparty, "counterparty");
  validate_attributes(changes.set_attributes);
  for (const std::string& name : changes.remove_attributes) {
    if (!c.attributes.contains(name)) {
      raise(Errc::invalid_argument, "contract.no_such_attribute", {{"name", name}, {"contract", c.number}});
    }
  }
  const Date start = changes.start.value_or(c.start);
  const std::optional<Date> end = changes.end ? changes.end : c.end;
  const std::optional<Date> delivery_due = changes.delivery_due ? changes.delivery_due : c.delivery_due;
  check_contract_dates(c.signed_on, start, end, delivery_due);
  if (changes.amount && !changes.installments) raise(Errc::invalid_argument, "contract.amount_needs_schedule");
  const Money amount = changes.amount.value_or(c.amount);
  if (!(amount.currency() == c.amount.currency())) {
    raise(Errc::currency_mismatch, "contract.amount_currency",
          {{"got", std::string(amount.currency().code())}, {"currency", std::string(c.amount.currency().code())}});
  }
  if (!amount.is_positive()) {
    raise(Errc::invalid_argument, "contract.amount_not_positive", {{"amount", amount.to_string()}});
  }
  if (changes.amount && amount < c.collected) {
    raise(Errc::invalid_argument, "contract.amount_below_collected",
          {{"amount", amount.to_string()},
           {"collected", c.collected.to_string()},
           {"currency", std::string(amount.currency().code())}});
  }
  AmendmentPlan t;
  if (changes.installments) {
    t.schedule = changes.installments->empty() ? schedule_for({}, amount, c.signed_on, end, delivery_due)
                                               : checked_schedule(*changes.installments, amount, c.signed_on);
  }
  t.set_attributes = changes.set_attributes;
  t.remove_attributes = changes.remove_attributes;

  // What changes, as the payload shows it: a field whose text is the same
  // before and after did not change.
  TermsDiff& d = t.diff;
  if (c.start.to_string() != start.to_string()) d.start = Change<Date>{c.start, start};
  if (text_or_null(c.end) != text_or_null(end)) d.end = Change<std::optional<Date>>{c.end, end};
  if (text_or_null(c.delivery_due) != text_or_null(delivery_due)) {
    d.delivery_due = Change<std::optional<Date>>{c.delivery_due, delivery_due};
  }
  if (changes.counterparty && *changes.counterparty != c.counterparty) {
    d.counterparty = Change<std::string>{c.counterparty, *changes.counterparty};
  }
  if (changes.key_account && *changes.key_account != c.key_account) d.key_account = Change<bool>{c.key_account, *changes.key_account};
  if (c.amount.to_string() != amount.to_string()) d.amount = Change<Money>{c.amount, amount};
  if (t.schedule && schedule_json(c.installments) != schedule_json(*t.schedule)) {
    d.installments = Change<std::vector<Installment>>{c.installments, *t.schedule};
  }
  for (const auto& [name, value] : changes.set_attributes) {
    auto it = c.attributes.find(name);
    std::optional<AttributeValue> before;
    if (it != c.attributes.end()) before = it->second;
    if (attribute_json(before) != attribute_json(value)) d.attributes.insert_or_assign(name, Change<std::optional<AttributeValue>>{before, value});
  }
  for (const std::string& name : changes.remove_attributes) {
    d.attributes.insert_or_assign(name, Change<std::optional<AttributeValue>>{c.attributes.at(name), std::nullopt});
  }

  Contract& after = t.after;
  after = c;
  after.start = start;
  after.end = end;
  after.delivery_due = delivery_due;
  after.counterparty = changes.counterparty.value_or(c.counterparty);
  after.key_account = changes.key_account.value_or(c.key_account);
  after.amount = amount;
  after.reporting_amount = to_reporting_currency(amount, c.exchange_rate, reporting);
  if (t.schedule) after.installments = *t.schedule;
  for (const std::string& name : changes.remove_attributes) after.attributes.erase(name);
  for (const auto& [name, value] : changes.set_attributes) after.attributes.insert_or_assign(name, value);
  return t;
}

void require_changes(const AmendmentPlan& plan, const std::string& contract) {
  if (plan.diff.empty()) raise(Errc::invalid_argument, "contract.amendment_changes_nothing", {{"contract", contract}});
}

}  // namespace pactum
