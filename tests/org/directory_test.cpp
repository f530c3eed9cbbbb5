// The org directory: departments, employees, dated postings, managers, roles.
#include <gtest/gtest.h>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::d;

namespace {

class OrgTest : public ::testing::Test {
 protected:
  void SetUp() override { test::add_company(db); }
  Database db{":memory:"};
};

}  // namespace

TEST_F(OrgTest, DepartmentsKeepNameParentAndManager) {
  db.add_department({"SD-N", "华北销售组", std::string("SD"), std::string("E2")});
  const Department sd = db.department("SD");
  EXPECT_EQ(sd.name, "销售部");
  EXPECT_EQ(sd.manager, std::optional<std::string>("E1"));
  EXPECT_FALSE(sd.parent);
  const Department north = db.department("SD-N");
  EXPECT_EQ(north.parent, std::optional<std::string>("SD"));
  EXPECT_EQ(north.manager, std::optional<std::string>("E2"));
  const auto all = db.departments();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].code, "HR");
  EXPECT_FALSE(all[0].manager);
}

TEST_F(OrgTest, DatedManagerChangesHoldFromTheirDate) {
  db.set_department_manager("SD", "E2", d("2024-07-01"));
  EXPECT_EQ(db.department("SD", d("2024-06-30")).manager, std::optional<std::string>("E1"));
  EXPECT_EQ(db.department("SD", d("2024-07-01")).manager, std::optional<std::string>("E2"));
  EXPECT_EQ(db.department("SD", d("2019-01-01")).manager, std::optional<std::string>("E1"));
}

TEST_F(OrgTest, EmployeesHaveTheirFirstPostingForAllDatesBeforeATransfer) {
  const Employee e = db.employee("E2", d("2024-01-01"));
  EXPECT_EQ(e.name, "李四");
  EXPECT_EQ(e.department, "SD");
  EXPECT_EQ(e.position, "sales");
  EXPECT_EQ(e.manager, std::optional<std::string>("E1"));
  EXPECT_EQ(e.hired, std::optional<Date>(d("2021-06-01")));
  EXPECT_TRUE(e.active);
  EXPECT_EQ(db.department_of("E2", d("1999-01-01")), "SD");
}

TEST_F(OrgTest, TransfersAreDatedAndKeepHistory) {
  db.transfer("E2", "HR", std::nullopt, d("2024-04-01"));
  db.transfer("E2", "SD", std::string("sales lead"), d("2024-09-01"));
  EXPECT_EQ(db.department_of("E2", d("2024-03-31")), "SD");
  EXPECT_EQ(db.department_of("E2", d("2024-04-01")), "HR");
  EXPECT_EQ(db.employee("E2", d("2024-05-01")).position, "sales");  // kept when not given
  EXPECT_EQ(db.department_of("E2", d("2024-09-01")), "SD");
  EXPECT_EQ(db.employee("E2", d("2024-09-01")).position, "sales lead");
  const auto history = db.postings("E2");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_FALSE(history[0].from);
  EXPECT_EQ(history[1], (Posting{"HR", "sales", d("2024-04-01")}));
  EXPECT_EQ(history[2], (Posting{"SD", "sales lead", d("2024-09-01")}));
  // A second transfer on the same date corrects the first.
  db.transfer("E2", "HR", std::string("recruiter"), d("2024-04-01"));
  EXPECT_EQ(db.employee("E2", d("2024-04-02")).position, "recruiter");
  EXPECT_EQ(db.postings("E2").size(), 3u);
  // employees() answers per date.
  auto sd_before = db.employees(std::string("SD"), d("2024-03-01"));
  auto sd_during = db.employees(std::string("SD"), d("2024-05-01"));
  EXPECT_EQ(sd_before.size(), 2u);
  ASSERT_EQ(sd_during.size(), 1u);
  EXPECT_EQ(sd_during[0].id, "E1");
}

TEST_F(OrgTest, TransferBeforeHireIsRefusedAndChangesNothing) {
  EXPECT_THROW(db.transfer("E2", "HR", std::nullopt, d("2021-05-31")), ValidationError);
  EXPECT_EQ(db.postings("E2").size(), 1u);
  EXPECT_THROW(db.transfer("E2", "XX", std::nullopt, d("2024-01-01")), NotFoundError);
  EXPECT_THROW(db.transfer("E9", "HR", std::nullopt, d("2024-01-01")), NotFoundError);
}

TEST_F(OrgTest, DeactivationEndsEmploymentFromItsDate) {
  db.deactivate_employee("E2", d("2024-06-30"));
  EXPECT_TRUE(db.employee("E2", d("2024-06-29")).active);
  const Employee gone = db.employee("E2", d("2024-06-30"));
  EXPECT_FALSE(gone.active);
  EXPECT_EQ(gone.left, std::optional<Date>(d("2024-06-30")));
  db.deactivate_employee("E2", d("2024-06-30"));  // the same fact again: no-op
  EXPECT_THROW(db.deactivate_employee("E2", d("2024-07-01")), StateError);
  EXPECT_THROW(db.transfer("E2", "HR", std::nullopt, d("2024-07-01")), StateError);
  EXPECT_THROW(db.deactivate_employee("E1", d("2019-12-31")), ValidationError);  // before hire
}

TEST_F(OrgTest, ManagerChainsCannotLoop) {
  db.set_employee_manager("E1", std::string("E3"));
  EXPECT_EQ(db.employee("E1").manager, std::optional<std::string>("E3"));
  // E3 -> E2 -> E1 -> E3 would loop.
  EXPECT_THROW(db.set_employee_manager("E3", std::string("E2")), ValidationError);
  EXPECT_THROW(db.set_employee_manager("E1", std::string("E1")), ValidationError);
  db.set_employee_manager("E1", std::nullopt);
  EXPECT_FALSE(db.employee("E1").manager);
}

TEST_F(OrgTest, DepartmentHoldersOfARoleWinOverCompanyWideOnes) {
  db.assign_role("E3", "finance");
  EXPECT_EQ(db.role_holders("finance", std::string("SD")), std::vector<std::string>{"E3"});
  db.assign_role("E2", "finance", std::string("SD"));
  EXPECT_EQ(db.role_holders("finance", std::string("SD")), std::vector<std::string>{"E2"});
  EXPECT_EQ(db.role_holders("finance", std::string("HR")), std::vector<std::string>{"E3"});
  EXPECT_EQ(db.role_holders("finance"), std::vector<std::string>{"E3"});
  EXPECT_TRUE(db.role_holders("legal").empty());
  db.assign_role("E1", "finance");
  EXPECT_EQ(db.role_holders("finance"), (std::vector<std::string>{"E1", "E3"}));
  db.assign_role("E1", "finance");  // already held: no-op
  EXPECT_EQ(db.roles_of("E1").size(), 1u);
}

TEST_F(OrgTest, RoleChangesMayBeDated) {
  db.assign_role("E2", "legal", std::nullopt, d("2024-03-01"));
  db.revoke_role("E2", "legal", std::nullopt, d("2024-06-01"));
  EXPECT_TRUE(db.role_holders("legal", std::nullopt, d("2024-02-29")).empty());
  EXPECT_EQ(db.role_holders("legal", std::nullopt, d("2024-03-01")), std::vector<std::string>{"E2"});
  EXPECT_TRUE(db.role_holders("legal", std::nullopt, d("2024-06-01")).empty());
  const auto roles = db.roles_of("E2");
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0].from, std::optional<Date>(d("2024-03-01")));
  EXPECT_EQ(roles[0].until, std::optional<Date>(d("2024-06-01")));
  EXPECT_THROW(db.revoke_role("E2", "legal", std::nullopt, d("2024-07-01")), NotFoundError);
}

TEST_F(OrgTest, EmployeesWhoLeftHoldNoRole) {
  db.assign_role("E2", "finance");
  db.deactivate_employee("E2", d("2024-06-30"));
  EXPECT_EQ(db.role_holders("finance", std::nullopt, d("2024-06-29")), std::vector<std::string>{"E2"});
  EXPECT_TRUE(db.role_holders("finance", std::nullopt, d("2024-06-30")).empty());
}

TEST_F(OrgTest, DuplicatesAreConflicts) {
  EXPECT_THROW(db.add_department({"SD", "again", std::nullopt, std::nullopt}), ConflictError);
  EXPECT_THROW(db.add_employee({"E1", "again", "SD", "sales", std::nullopt, std::nullopt}), ConflictError);
}

TEST(OrgValidationTest, BadInputIsRefusedWithACodeAndBothLanguagesAndChangesNothing) {
  test::TempDir dir;
  const std::string path = dir.file("org.db");
  Database db(path);
  test::add_company(db);
  struct Case {
    const char* name;
    std::function<void()> call;
    Errc code;
    const char* en;
    const char* zh;
  };
  const std::string bad_utf8 = "\xC3\x28";
  const std::vector<Case> cases = {
      {"empty department code", [&] { db.add_department({"", "x", std::nullopt, std::nullopt}); },
       Errc::invalid_argument, "'code' must not be empty", "不能为空"},
      {"blank department name", [&] { db.add_department({"QA", "   ", std::nullopt, std::nullopt}); },
       Errc::invalid_argument, "must not be blank", "不能全是空白"},
      {"invalid UTF-8 name", [&] { db.add_department({"QA", bad_utf8, std::nullopt, std::nullopt}); },
       Errc::invalid_argument, "not valid UTF-8", "UTF-8"},
      {"control character", [&] { db.add_department({"Q\nA", "x", std::nullopt, std::nullopt}); },
       Errc::invalid_argument, "control characters", "控制字符"},
      {"code with a trailing space", [&] { db.add_department({"QA ", "x", std::nullopt, std::nullopt}); },
       Errc::invalid_argument, "must not begin or end with a space", "空格"},
      {"unknown parent", [&] { db.add_department({"QA", "x", std::string("ZZ"), std::nullopt}); },
       Errc::not_found, "unknown department 'ZZ'", "未知部门“ZZ”"},
      {"unknown manager", [&] { db.add_department({"QA", "x", std::nullopt, std::string("E9")}); },
       Errc::not_found, "unknown employee 'E9'", "未知员工“E9”"},
      {"employee in unknown department",
       [&] { db.add_employee({"E9", "x", "ZZ", "sales", std::nullopt, std::nullopt}); }, Errc::not_found,
       "unknown department 'ZZ'", "未知部门"},
      {"empty employee name", [&] { db.add_employee({"E9", "", "SD", "sales", std::nullopt, std::nullopt}); },
       Errc::invalid_argument, "'name' must not be empty", "“name”不能为空"},
      {"unknown employee as manager", [&] { db.set_department_manager("SD", "E9"); }, Errc::not_found,
       "unknown employee 'E9'", "未知员工"},
      {"transfer before hire", [&] { db.transfer("E2", "HR", std::nullopt, d("2020-01-01")); },
       Errc::invalid_argument, "before the hire date 2021-06-01", "早于入职日期 2021-06-01"},
      {"revoke a role not held", [&] { db.revoke_role("E1", "ceo", std::nullopt, d("2024-01-01")); },
       Errc::not_found, "does not hold the role 'ceo'", "未担任角色“ceo”"},
      {"manager loop", [&] { db.set_employee_manager("E1", std::string("E2")); }, Errc::invalid_argument,
       "chain of managers", "上级链"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string before = test::logical_dump(path);
    try {
      c.call();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), c.code);
      EXPECT_NE(std::string(e.what()).find(c.en), std::string::npos) << e.what();
      EXPECT_NE(e.message(Lang::zh_CN).find(c.zh), std::string::npos) << e.message(Lang::zh_CN);
    }
    EXPECT_EQ(test::logical_dump(path), before);
  }
}

TEST(OrgStringsTest, NamesAreDataAndRoundTripExactly) {
  Database db(":memory:");
  const std::vector<std::string> names = {"'); DROP TABLE contracts;--", "100%", "a_b", "销售部", "営業部",
                                          "🚀 Rocket Team", "O'Brien \"Bob\""};
  int i = 0;
  for (const std::string& name : names) {
    std::string code = "D";
    code += std::to_string(++i);
    db.add_department({code, name, std::nullopt, std::nullopt});
    db.add_employee({name, name, code, name, std::nullopt, std::nullopt});
    EXPECT_EQ(db.department(code).name, name);
    const Employee e = db.employee(name);
    EXPECT_EQ(e.name, name);
    EXPECT_EQ(e.position, name);
    db.assign_role(name, name, code);
    EXPECT_EQ(db.role_holders(name, code), std::vector<std::string>{name});
  }
  EXPECT_EQ(db.departments().size(), names.size());
}

TEST_F(OrgTest, DirectoryFieldsInsideATransactionFollowARuleRedefinedInIt) {
  db.define_numbering("ht", "HT-{year}-{dept}-{seq:3}");
  auto tx = db.transaction();
  // The rule read once for the transaction's numbers...
  EXPECT_EQ(db.issue_number("ht", d("2024-03-01"), {{"employee", "E2"}}), "HT-2024-SD-001");
  EXPECT_EQ(db.issue_number("ht", d("2024-03-01"), {{"employee", "E2"}}), "HT-2024-SD-002");
  // ... and read again once it changes inside it: the new fields are filled.
  db.define_numbering("ht", "HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  EXPECT_EQ(db.issue_number("ht", d("2024-03-01"), {{"employee", "E2"}}), "HT-2024-销售部-李四-001");
  tx.rollback();
  EXPECT_EQ(db.issue_number("ht", d("2024-03-01"), {{"employee", "E2"}}), "HT-2024-SD-001");  // all undone
}

TEST_F(OrgTest, StandaloneNumbersTakeDirectoryFieldsFromTheEmployee) {
  db.define_numbering("ht", "HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  // The `employee` field names the employee; the other fields follow from it.
  EXPECT_EQ(db.preview_number("ht", d("2024-03-01"), {{"employee", "E2"}}), "HT-2024-销售部-李四-001");
  // An owner that is an employee id does the same.
  EXPECT_EQ(db.issue_number("ht", d("2024-03-01"), {}, std::string("E2")), "HT-2024-销售部-李四-001");
  // Given fields win over the directory's; the department is the one on the date.
  db.define_numbering("dept", "{dept}-{employee}-{seq:2}");
  EXPECT_EQ(db.issue_number("dept", d("2024-03-01"), {{"employee", "E2"}, {"dept", "XX"}}), "XX-E2-01");
  db.transfer("E2", "HR", std::nullopt, d("2024-04-01"));
  EXPECT_EQ(db.issue_number("dept", d("2024-04-02"), {{"employee", "E2"}}), "HR-E2-01");
  EXPECT_EQ(db.issue_number("dept", d("2024-03-31"), {{"employee", "E2"}}), "SD-E2-01");
  // Without an employee the missing field is named, as before.
  try {
    db.issue_number("ht", d("2024-03-01"), {}, std::string("not-an-employee"));
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("dept_name"), std::string::npos) << e.what();
  }
}
