// A small company for the KPI tests: a sales, an R&D, a procurement and an HR
// department, one or two people in each, and helpers to sign and activate
// contracts with given instalments, delivery dates and attributes.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pactum/store/database.hpp"

namespace pactum::kpi_test {

inline Date d(const char* iso) { return Date::parse(iso); }
inline Money cny(const char* amount) { return Money::parse(amount, "CNY"); }
inline Decimal dec(const char* text) { return Decimal::parse(text); }
inline Period period(const char* text) { return Period::parse(text); }

// SD: S1, S2 (sales); RD: R1 (rnd); PD: P1 (procurement); HR: H1 (hr, no template).
inline void add_company(Database& db) {
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_department({"RD", "研发部", std::nullopt, std::nullopt});
  db.add_department({"PD", "采购部", std::nullopt, std::nullopt});
  db.add_department({"HR", "人力资源部", std::nullopt, std::nullopt});
  db.add_employee({"S1", "张三", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.add_employee({"S2", "李四", "SD", "sales", d("2021-06-01"), std::nullopt});
  db.add_employee({"R1", "王五", "RD", "rnd", d("2020-01-01"), std::nullopt});
  db.add_employee({"P1", "赵六", "PD", "procurement", d("2020-01-01"), std::nullopt});
  db.add_employee({"H1", "钱七", "HR", "hr", d("2020-01-01"), std::nullopt});
}

struct Terms {
  std::string type = "sales";
  std::string owner = "S1";
  const char* amount = "1000000.00";
  const char* signed_on = "2024-01-10";
  std::optional<const char*> delivery_due;
  // (due, amount); empty: one instalment of the whole amount.
  std::vector<std::pair<const char*, const char*>> installments;
  Attributes attributes;
  bool activate = true;
};

// Creates the contract and (unless told not to) activates it on its signing date.
inline Contract sign(Database& db, const Terms& t) {
  ContractSpec s;
  s.type = t.type;
  s.owner = t.owner;
  s.amount = cny(t.amount);
  s.signed_on = d(t.signed_on);
  s.end = d("2025-12-31");
  if (t.delivery_due) s.delivery_due = d(*t.delivery_due);
  s.counterparty = "华东机械有限公司";
  for (const auto& [due, amount] : t.installments) s.installments.push_back({d(due), cny(amount)});
  s.attributes = t.attributes;
  Contract c = db.create_contract(s);
  if (t.activate) db.activate(c.id, s.signed_on);
  return db.contract(c.id);
}

// Terms with the owner, type, amount, signing date and, when given, the
// delivery due date and instalments filled in; the rest as in Terms.
inline Terms contract_terms(const char* owner, const char* type, const char* amount, const char* signed_on,
                            std::optional<const char*> delivery_due = std::nullopt,
                            std::vector<std::pair<const char*, const char*>> installments = {}) {
  Terms t;
  t.owner = owner;
  t.type = type;
  t.amount = amount;
  t.signed_on = signed_on;
  t.delivery_due = delivery_due;
  t.installments = std::move(installments);
  return t;
}

// The points of indicator `name` as text ("9.00"); "missing" when absent.
inline std::string points(const Scorecard& card, const char* name) {
  const IndicatorScore* s = card.indicator(name);
  return s != nullptr ? s->points.to_string() : std::string("missing");
}

}  // namespace pactum::kpi_test
