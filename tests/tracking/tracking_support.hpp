// Test support for reminders: a small company, contracts with given dates and
// instalments, and lookups in a reminder list.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "pactum/store/database.hpp"

namespace pactum::tracking_test {

inline Date d(const char* iso) { return Date::parse(iso); }
inline Money cny(const char* amount) { return Money::parse(amount, "CNY"); }

// SD 销售部: E1 (manager), E2 (sales); PD 采购部: P1 (procurement).
inline void add_company(Database& db) {
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_department({"PD", "采购部", std::nullopt, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.add_employee({"E2", "李四", "SD", "sales", d("2020-01-01"), std::string("E1")});
  db.add_employee({"P1", "赵六", "PD", "procurement", d("2020-01-01"), std::nullopt});
  db.set_department_manager("SD", "E1");
}

struct Terms {
  std::string type = "sales";
  std::string owner = "E2";
  const char* amount = "1000.00";
  const char* signed_on = "2024-01-10";
  std::optional<const char*> end;
  std::optional<const char*> delivery_due;
  std::vector<std::pair<const char*, const char*>> installments;  // (due, amount)
  std::string counterparty = "华东机械有限公司";
  bool key_account = false;
  std::optional<const char*> activate = "2024-01-10";  // nullopt: stays a draft
};

inline Contract sign(Database& db, const Terms& t) {
  ContractSpec s;
  s.type = t.type;
  s.owner = t.owner;
  s.amount = cny(t.amount);
  s.signed_on = d(t.signed_on);
  if (t.end) s.end = d(*t.end);
  if (t.delivery_due) s.delivery_due = d(*t.delivery_due);
  s.counterparty = t.counterparty;
  s.key_account = t.key_account;
  for (const auto& [due, amount] : t.installments) s.installments.push_back({d(due), cny(amount)});
  const Contract c = db.create_contract(s);
  if (t.activate) db.activate(c.id, d(*t.activate));
  return db.contract(c.id);
}

// The ids of a reminder list, in order.
inline std::vector<std::string> ids(const std::vector<Reminder>& list) {
  std::vector<std::string> out;
  for (const Reminder& r : list) out.push_back(r.id);
  return out;
}

// The reminder `id` of the list (a copy: lists are often temporaries).
inline std::optional<Reminder> find(const std::vector<Reminder>& list, const std::string& id) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const Reminder& r) { return r.id == id; });
  if (it == list.end()) return std::nullopt;
  return *it;
}

// "payment_due:1:2:2024-03-15" and the like.
inline std::string rid(const char* kind, std::int64_t contract, const char* due, int item = 0) {
  std::string out = std::string(kind) + ":" + std::to_string(contract) + ":";
  if (item > 0) out += std::to_string(item) + ":";
  return out + due;
}

}  // namespace pactum::tracking_test
