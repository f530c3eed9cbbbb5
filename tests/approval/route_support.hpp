// Test support for approval routes: a company with a department tree, role
// holders for every step of the default table, contracts to route, and a
// fixture on a database file that checks refusals (code, English and
// Chinese message, database unchanged).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "pactum/store/database.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

namespace pactum::test {

using Ids = std::vector<std::string>;

inline Date day(const char* iso) { return Date::parse(iso); }

// HQ 总部 (manager G1, the general manager) above SD 销售部 (manager E1),
// FD 财务部 (manager F1) and HR 人力资源部 (manager H1). E2 and E3 sell in SD;
// F1, F2 and F3 hold `finance`, H1 `hr`, G1 `general_manager`, C1 `chair`.
inline void add_approval_company(Database& db) {
  const Date hired = day("2020-01-01");
  db.add_department({"HQ", "总部", std::nullopt, std::nullopt});
  db.add_department({"SD", "销售部", std::string("HQ"), std::nullopt});
  db.add_department({"FD", "财务部", std::string("HQ"), std::nullopt});
  db.add_department({"HR", "人力资源部", std::string("HQ"), std::nullopt});
  db.add_employee({"G1", "王总", "HQ", "gm", hired, std::nullopt});
  db.add_employee({"C1", "陈董", "HQ", "chair", hired, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", hired, std::string("G1")});
  db.add_employee({"E2", "李四", "SD", "sales", hired, std::string("E1")});
  db.add_employee({"E3", "赵六", "SD", "sales", hired, std::string("E1")});
  db.add_employee({"F1", "钱七", "FD", "finance", hired, std::string("G1")});
  db.add_employee({"F2", "孙八", "FD", "finance", hired, std::string("F1")});
  db.add_employee({"F3", "周九", "FD", "finance", hired, std::string("F1")});
  db.add_employee({"H1", "吴十", "HR", "hr", hired, std::string("G1")});
  db.set_department_manager("HQ", "G1");
  db.set_department_manager("SD", "E1");
  db.set_department_manager("FD", "F1");
  db.set_department_manager("HR", "H1");
  for (const char* f : {"F1", "F2", "F3"}) db.assign_role(f, "finance");
  db.assign_role("H1", "hr");
  db.assign_role("G1", "general_manager");
  db.assign_role("C1", "chair");
}

// A draft contract of `owner` signed 2024-01-10.
inline Contract route_contract(Database& db, const char* amount, const char* owner = "E2", const char* type = "sales") {
  ContractSpec s;
  s.type = type;
  s.owner = owner;
  s.amount = Money::parse(amount, "CNY");
  s.signed_on = day("2024-01-10");
  s.end = day("2024-12-31");
  s.counterparty = "华东机械有限公司";
  return db.create_contract(s);
}

inline Ids step_roles(const ApprovalRouteInstance& r) {
  Ids out;
  for (const ApprovalStepState& s : r.steps) out.push_back(s.step.approver.name);
  return out;
}

inline Ids approver_ids(const ApprovalStepState& s) {
  Ids out;
  for (const StepApprover& a : s.approvers) out.push_back(a.employee);
  return out;
}

inline std::vector<std::string> actions(const std::vector<ApprovalHistoryEntry>& history) {
  std::vector<std::string> out;
  for (const ApprovalHistoryEntry& e : history) out.push_back(approval_action_name(e.action));
  return out;
}

// A routing table of one rule (every contract) with the given steps (JSON).
inline std::string one_rule_table(const std::string& id, int version, const std::string& steps) {
  return R"({"id": ")" + id + R"(", "version": )" + std::to_string(version) +
         R"(, "inputs": [{"name": "amount", "type": "money"}], "rules": [{"id": "all", "route": )" + steps + "}]}";
}

// A fixture on a database file holding the company.
class RouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.file("approval.db");
    db = std::make_unique<Database>(path);
    add_approval_company(*db);
  }

  // `call` fails with `code`, its message holding `en` (English) and `zh`
  // (Chinese, through a handle in Chinese), and leaves the database as it was.
  void refused(const std::function<void(Database&)>& call, Errc code, const std::string& en, const std::string& zh) {
    const std::string before = logical_dump(path);
    for (Lang lang : {Lang::en, Lang::zh_CN}) {
      db->set_lang(lang);
      try {
        call(*db);
        ADD_FAILURE() << "no error";
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        const std::string& expected = lang == Lang::en ? en : zh;
        EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      }
    }
    db->set_lang(Lang::en);
    EXPECT_EQ(logical_dump(path), before);
  }

  TempDir dir;
  std::string path;
  std::unique_ptr<Database> db;
};

}  // namespace pactum::test
