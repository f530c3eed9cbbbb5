// The article's companies, built from contracts and events through the
// public API (never from injected scores), for the report tests.
//
// Departments (2024-Q1, as of 2024-03-31): every contract is signed
// 2024-01-10 for 200,000.00 with two instalments of 100,000.00 (the first due
// on the delivery due date and paid that day, the second due 2024-06-30).
//  - MKT 市场部: M1..M5 (sales), 5 contracts each, delivery due 2024-02-05;
//    each delivers its first contract a day early (+10), the rest on time
//    except M1's and M2's fifth, two days late (within the 5 days: no
//    penalty, not executed as agreed); one survey of 55 each.
//    Score = 40 + 15 + 11 + 10 + 10 = 86 each; 23 of 25 executed (92%).
//  - SD 销售部: S1..S5 (sales), same but no early delivery; S1's and S2's
//    fifth two days late, S3's fifth instalment paid 10 days late (-3);
//    surveys 85 (S3: 100). Score 40 + 15 + 17 + 10 = 82 (S3: 40 + 15 + 20 +
//    10 - 3 = 82); 22 of 25 executed (88%).
//  - RD 研发部: R1..R4 (rnd), 5 project contracts each, delivery due
//    2024-02-20, first delivered a day early (+10); R1's and R2's fifth 8
//    days late (-2), R3's fifth 3 days late, R4 amends one contract (change
//    rate 1/5). Scores 50 + 20 + 10 - 2 = 78, 78, 80, 50 + 16 + 10 = 76:
//    average 78; 17 of 20 executed (85%).
//  - HR 人力资源部: H1 (hr, no template), no contracts: no rate, no score.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pactum/store/database.hpp"

namespace pactum::report_test {

inline Date d(const char* iso) { return Date::parse(iso); }
inline Money cny(const char* amount) { return Money::parse(amount, "CNY"); }
inline Money cny_units(std::int64_t yuan) { return Money::from_units(yuan * Money::kUnitsPerOne, Currency::of("CNY")); }

struct DeptContract {
  std::string owner;
  std::string type;
  Date delivery_due;
  Date delivered;          // accepted delivery
  Date first_paid;         // payment of the first instalment
  bool amended = false;
};

inline Contract sign_dept_contract(Database& db, const DeptContract& t, int n) {
  ContractSpec s;
  s.type = t.type;
  s.owner = t.owner;
  s.amount = cny("200000.00");
  s.signed_on = d("2024-01-10");
  s.end = d("2024-12-31");
  s.delivery_due = t.delivery_due;
  s.counterparty = "客户 " + t.owner + "-" + std::to_string(n);
  s.installments = {{t.delivery_due, cny("100000.00")}, {d("2024-06-30"), cny("100000.00")}};
  const Contract c = db.create_contract(s);
  db.activate(c.id, s.signed_on);
  db.record_payment(c.id, cny("100000.00"), t.first_paid, "PAY-" + c.number);
  db.record_delivery(c.id, true, {t.delivered});
  if (t.amended) {
    Amendment a;
    a.counterparty = s.counterparty + "(更名)";
    db.amend(c.id, "客户更名", a, d("2024-02-01"));
  }
  return c;
}

inline void build_department_fixture(Database& db) {
  db.add_department({"MKT", "市场部", std::nullopt, std::nullopt});
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_department({"RD", "研发部", std::nullopt, std::nullopt});
  db.add_department({"HR", "人力资源部", std::nullopt, std::nullopt});
  const Date hired = d("2020-01-01");
  for (int i = 1; i <= 5; ++i) db.add_employee({"M" + std::to_string(i), "市场" + std::to_string(i), "MKT", "sales", hired, std::nullopt});
  for (int i = 1; i <= 5; ++i) db.add_employee({"S" + std::to_string(i), "销售" + std::to_string(i), "SD", "sales", hired, std::nullopt});
  for (int i = 1; i <= 4; ++i) db.add_employee({"R" + std::to_string(i), "研发" + std::to_string(i), "RD", "rnd", hired, std::nullopt});
  db.add_employee({"H1", "人事", "HR", "hr", hired, std::nullopt});

  const Date sales_due = d("2024-02-05");
  for (int i = 1; i <= 5; ++i) {
    const std::string m = "M" + std::to_string(i);
    Contract first;
    for (int n = 1; n <= 5; ++n) {
      DeptContract t{m, "sales", sales_due, sales_due, sales_due};
      if (n == 1) t.delivered = sales_due.add_days(-1);
      if (n == 5 && i <= 2) t.delivered = sales_due.add_days(2);
      const Contract c = sign_dept_contract(db, t, n);
      if (n == 1) first = c;
    }
    db.record_satisfaction(first.id, 55, {d("2024-02-10")});
  }
  for (int i = 1; i <= 5; ++i) {
    const std::string s = "S" + std::to_string(i);
    Contract first;
    for (int n = 1; n <= 5; ++n) {
      DeptContract t{s, "sales", sales_due, sales_due, sales_due};
      if (n == 5 && i <= 2) t.delivered = sales_due.add_days(2);
      if (n == 5 && i == 3) t.first_paid = sales_due.add_days(10);
      const Contract c = sign_dept_contract(db, t, n);
      if (n == 1) first = c;
    }
    db.record_satisfaction(first.id, i == 3 ? 100 : 85, {d("2024-02-10")});
  }
  const Date project_due = d("2024-02-20");
  for (int i = 1; i <= 4; ++i) {
    const std::string r = "R" + std::to_string(i);
    for (int n = 1; n <= 5; ++n) {
      DeptContract t{r, "project", project_due, project_due, project_due};
      if (n == 1) t.delivered = project_due.add_days(-1);
      if (n == 5 && i <= 2) t.delivered = project_due.add_days(8);
      if (n == 5 && i == 3) t.delivered = project_due.add_days(3);
      if (n == 2 && i == 4) t.amended = true;
      sign_dept_contract(db, t, n);
    }
  }
}

// Employees (2024-Q1, as of 2024-03-31): 20 people in SD, position sales,
// one sales contract each signed 2024-01-15, due in full 2024-12-31,
// delivered on its due date 2024-03-15 (60 days: half the execution cycle's
// 10 points, no early or late rule), paid `paid` by 2024-03-20, one survey.
// Every indicator has data (coverage 100):
//   score = 40 x min(1, amount / 1,000,000) + 30 x paid + satisfaction / 5
//           + 5 (cycle) + 5 when paid >= 80%
// E02 (1.5M, 100%, 60) scores 92; E03 (1.2M, 70%, 45) scores 75.
struct Seller {
  const char* id;
  std::int64_t amount;   // yuan
  std::int64_t percent;  // collected by the cutoff
  int satisfaction;
};

inline const std::vector<Seller>& sellers() {
  static const std::vector<Seller> all = {
      {"E01", 2000000, 90, 25},  {"E02", 1500000, 100, 60}, {"E03", 1200000, 70, 45}, {"E04", 1000000, 95, 55},
      {"E05", 900000, 90, 55},   {"E06", 800000, 85, 65},   {"E07", 1100000, 80, 35}, {"E08", 700000, 90, 75},
      {"E09", 600000, 95, 75},   {"E10", 1000000, 75, 30},  {"E11", 900000, 80, 50},  {"E12", 400000, 85, 25},
      {"E13", 300000, 80, 35},   {"E14", 500000, 75, 40},   {"E15", 200000, 72, 55},  {"E16", 1000000, 60, 55},
      {"E17", 800000, 50, 55},   {"E18", 600000, 40, 45},   {"E19", 400000, 30, 35},  {"E20", 100000, 0, 25},
  };
  return all;
}

inline void build_employee_fixture(Database& db) {
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  for (const Seller& s : sellers()) {
    db.add_employee({s.id, std::string("员工") + s.id, "SD", "sales", d("2020-01-01"), std::nullopt});
    ContractSpec c;
    c.type = "sales";
    c.owner = s.id;
    c.amount = cny_units(s.amount);
    c.signed_on = d("2024-01-15");
    c.end = d("2024-12-31");
    c.delivery_due = d("2024-03-15");
    c.installments = {{d("2024-12-31"), c.amount}};
    c.counterparty = std::string("客户") + s.id;
    const Contract made = db.create_contract(c);
    db.activate(made.id, c.signed_on);
    if (s.percent > 0) db.record_payment(made.id, cny_units(s.amount * s.percent / 100), d("2024-03-20"), std::string("P-") + s.id);
    db.record_delivery(made.id, true, {d("2024-03-15")});
    db.record_satisfaction(made.id, s.satisfaction, {d("2024-03-25")});
  }
}

}  // namespace pactum::report_test
