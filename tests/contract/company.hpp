// A small company for the contract and event tests: two departments, three
// employees and helpers to create contracts.
#pragma once

#include <string>

#include "pactum/store/database.hpp"

namespace pactum::test {

inline Date d(const char* iso) { return Date::parse(iso); }
inline Money cny(const char* amount) { return Money::parse(amount, "CNY"); }

// SD 销售部 (manager E1 张三), HR 人力资源部; E1 and E2 in SD, E3 in HR.
inline void add_company(Database& db) {
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_department({"HR", "人力资源部", std::nullopt, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.add_employee({"E2", "李四", "SD", "sales", d("2021-06-01"), std::string("E1")});
  db.add_employee({"E3", "王五", "HR", "hr", std::nullopt, std::nullopt});
  db.set_department_manager("SD", "E1");
}

// A sales contract of E1 signed 2024-01-10 for `amount` CNY, ending 2024-12-31,
// delivery due 2024-03-01.
inline ContractSpec sales_spec(const char* amount = "1000000.00") {
  ContractSpec s;
  s.type = "sales";
  s.owner = "E1";
  s.amount = cny(amount);
  s.signed_on = d("2024-01-10");
  s.end = d("2024-12-31");
  s.delivery_due = d("2024-03-01");
  s.counterparty = "华东机械有限公司";
  return s;
}

// A created and activated sales contract.
inline Contract active_contract(Database& db, const char* amount = "1000000.00") {
  Contract c = db.create_contract(sales_spec(amount));
  db.activate(c.id, d("2024-01-10"));
  return db.contract(c.id);
}

}  // namespace pactum::test
