// Approval settings, delegations and voided numbers over values, without a
// database (pactum/approval/controls.hpp), and the not-found refusals of the
// domains: each is PACTUM_ENOTFOUND with its key and a message in both
// catalogs that names what was not found.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "pactum/approval/controls.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/error.hpp"
#include "support/refusal.hpp"
#include "pactum/kpi/rules.hpp"
#include "pactum/numbering/rules.hpp"
#include "pactum/org/rules.hpp"
#include "pactum/tracking/reminder.hpp"

using namespace pactum;
using pactum::test::key_of;

TEST(ApprovalSettingsRules, SettingsDelegationsAndVoidNumbers) {
  EXPECT_EQ(key_of([] { check_setting_change(DirectActivation::refuse, DirectActivation::refuse); }),
            "approval.setting_unchanged");
  EXPECT_NO_THROW(check_setting_change(DirectActivation::refuse, DirectActivation::allow));
  const Date from = Date::parse("2024-03-01");
  EXPECT_EQ(key_of([&] { check_delegation("E1", "E1", from, from); }), "approval.delegation_self");
  EXPECT_EQ(key_of([&] { check_delegation("E1", "E2", from, Date::parse("2024-02-29")); }), "approval.delegation_dates");
  EXPECT_NO_THROW(check_delegation("E1", "E2", from, from));
  try {
    refuse_void_number("HT-1", "2024-03-02", "客户取消", "submit");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::invalid_state);
    EXPECT_EQ(e.key(), "contract.number_void");
    EXPECT_NE(e.message(Lang::zh_CN).find("客户取消"), std::string::npos);
  }
}

TEST(NotFoundRefusals, EveryOneIsNotFoundAndNamesTheMissingThing) {
  struct Case {
    std::function<void()> refuse;
    const char* key;
    const char* named;  // in the English message
  };
  const std::vector<Case> cases{
      {[] { refuse_unknown_delegation(42); }, "approval.unknown_delegation", "42"},
      {[] { refuse_never_submitted("HT-9", ContractStatus::draft); }, "approval.not_submitted", "HT-9"},
      {[] { refuse_no_current_table(); }, "routing.no_current", ""},
      {[] { refuse_unknown_table("sales-table"); }, "routing.table_not_found", "sales-table"},
      {[] { refuse_unknown_table_version("sales-table", 7); }, "routing.table_version_not_found", "7"},
      {[] { refuse_unknown_event(99); }, "event.unknown", "99"},
      {[] { refuse_unknown_reminder("R-1"); }, "tracking.unknown_reminder", "R-1"},
      {[] { refuse_unknown_contract("HT-404"); }, "contract.unknown", "HT-404"},
      {[] { refuse_unknown_employee("E404"); }, "org.unknown_employee", "E404"},
      {[] { refuse_unknown_rule("XSC"); }, "numbering.unknown_rule", "XSC"},
      {[] { refuse_unknown_number("XSC-1"); }, "numbering.unknown_number", "XSC-1"},
      {[] { refuse_unknown_template("sales"); }, "kpi.unknown_template", "sales"},
      {[] { refuse_no_binding("clerk"); }, "kpi.no_binding", "clerk"},
  };
  for (const Case& c : cases) {
    try {
      c.refuse();
      ADD_FAILURE() << c.key << ": no refusal";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Errc::not_found) << c.key;
      EXPECT_EQ(e.key(), c.key);
      EXPECT_NE(e.message(Lang::en).find(c.named), std::string::npos) << e.message(Lang::en);
      EXPECT_NE(e.message(Lang::zh_CN), e.message(Lang::en)) << c.key;  // translated
    }
  }
}
