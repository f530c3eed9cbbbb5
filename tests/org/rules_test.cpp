// The org directory's rules over values, without a database
// (pactum/org/rules.hpp): employment on a date, the posting in force, manager
// cycles, transfers and departures, and role assignments as of a date — each
// refusal with its code, and the as-of laws checked against a brute-force
// reading of the history.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pactum/core/error.hpp"
#include "support/refusal.hpp"
#include "pactum/org/rules.hpp"

using namespace pactum;
using pactum::test::key_of;
using pactum::test::code_of;

namespace {

Date d(const char* text) { return Date::parse(text); }

EmploymentFacts zhang() { return EmploymentFacts{"E001", "张三", d("2024-01-15"), std::nullopt}; }

}  // namespace

TEST(OrgRules, EmployedFromTheHireDateUntilTheDayBeforeLeaving) {
  const Date hired = d("2024-01-15");
  const Date left = d("2024-06-30");
  EXPECT_FALSE(employed_on(hired, left, d("2024-01-14")));
  EXPECT_TRUE(employed_on(hired, left, hired));
  EXPECT_TRUE(employed_on(hired, left, d("2024-06-29")));
  EXPECT_FALSE(employed_on(hired, left, left));
  EXPECT_TRUE(employed_on(std::nullopt, std::nullopt, d("1990-01-01")));
  EXPECT_EQ(code_of([&] { require_employed(zhang(), d("2024-01-01")); }), Errc::invalid_state);
  EXPECT_NO_THROW(require_employed(zhang(), d("2024-01-15")));
}

TEST(OrgRules, ExistenceRefusalsNameTheKey) {
  EXPECT_EQ(code_of([] { require_known_employee(std::nullopt, "E404"); }), Errc::not_found);
  EXPECT_EQ(key_of([] { require_known_employee(std::nullopt, "E404"); }), "org.unknown_employee");
  const std::optional<EmploymentFacts> found = zhang();
  EXPECT_EQ(require_known_employee(found, "E001").name, "张三");
  EXPECT_EQ(key_of([] { require_known_department(false, "XX"); }), "org.unknown_department");
  EXPECT_NO_THROW(require_known_department(true, "SD"));
  EXPECT_EQ(code_of([] { require_new_department(true, "SD"); }), Errc::conflict);
  EXPECT_EQ(code_of([] { require_new_employee(true, "E001"); }), Errc::conflict);
  EXPECT_NO_THROW(require_new_employee(false, "E002"));
}

TEST(OrgRules, TransfersBetweenHireAndDeparture) {
  EmploymentFacts e = zhang();
  EXPECT_EQ(key_of([&] { check_transfer(e, d("2024-01-14")); }), "org.transfer_before_hire");
  EXPECT_EQ(code_of([&] { check_transfer(e, d("2024-01-14")); }), Errc::invalid_argument);
  EXPECT_NO_THROW(check_transfer(e, d("2024-01-15")));
  e.left = d("2024-05-01");
  EXPECT_NO_THROW(check_transfer(e, d("2024-04-30")));
  EXPECT_EQ(key_of([&] { check_transfer(e, d("2024-05-01")); }), "org.already_left");
  EXPECT_EQ(code_of([&] { check_transfer(e, d("2024-05-01")); }), Errc::invalid_state);
}

TEST(OrgRules, ADepartureIsRecordedOnceAndNotBeforeTheHire) {
  EmploymentFacts e = zhang();
  EXPECT_EQ(key_of([&] { check_departure(e, d("2024-01-01")); }), "org.left_before_hire");
  EXPECT_TRUE(check_departure(e, d("2024-01-15")));
  e.left = d("2024-03-31");
  EXPECT_FALSE(check_departure(e, d("2024-03-31")));  // the same day again: nothing to do
  EXPECT_EQ(key_of([&] { check_departure(e, d("2024-04-01")); }), "org.already_left");
}

TEST(OrgRules, ThePostingInForceIsTheLatestOnOrBeforeTheDate) {
  const std::vector<Posting> history{
      {"HR", "recruiter", d("2024-07-01")},
      {"SD", "sales", std::nullopt},
      {"SD", "sales_manager", d("2024-03-01")},
  };
  EXPECT_EQ(posting_on(history, d("2020-01-01"))->position, "sales");
  EXPECT_EQ(posting_on(history, d("2024-02-29"))->position, "sales");
  EXPECT_EQ(posting_on(history, d("2024-03-01"))->position, "sales_manager");
  EXPECT_EQ(posting_on(history, d("2024-06-30"))->department, "SD");
  EXPECT_EQ(posting_on(history, d("2024-07-01"))->department, "HR");
  // Without an undated posting, nothing holds before the first date.
  const std::vector<Posting> dated{{"SD", "sales", d("2024-03-01")}};
  EXPECT_FALSE(posting_on(dated, d("2024-02-29")).has_value());
  EXPECT_FALSE(posting_on({}, d("2024-02-29")).has_value());
}

TEST(OrgRules, ManagerChainsMayNotLoop) {
  EXPECT_NO_THROW(require_no_manager_cycle("E003", "E002", {"E002", "E001"}));
  EXPECT_EQ(key_of([] { require_no_manager_cycle("E001", "E001", {"E001"}); }), "org.manager_cycle");
  EXPECT_EQ(key_of([] { require_no_manager_cycle("E001", "E003", {"E003", "E002", "E001"}); }), "org.manager_cycle");
  // A loop above (a directory damaged elsewhere) is refused too, not followed forever.
  EXPECT_EQ(code_of([] { require_no_manager_cycle("E009", "E003", {"E003", "E002", "E003"}); }),
            Errc::invalid_argument);
}

TEST(OrgRules, RoleAssignmentsAsOfADate) {
  RoleAssignment undated{"E001", "finance", std::nullopt, std::nullopt, std::nullopt};
  RoleAssignment spring{"E001", "finance", std::nullopt, d("2024-03-01"), d("2024-06-01")};
  EXPECT_EQ(role_assignment_on({spring}, d("2024-02-29")), std::nullopt);
  EXPECT_EQ(role_assignment_on({spring}, d("2024-03-01")), spring);
  EXPECT_EQ(role_assignment_on({spring}, d("2024-06-01")), std::nullopt);  // the end is exclusive
  EXPECT_EQ(role_assignment_on({undated, spring}, d("2024-04-01")), spring);  // the latest start wins
  EXPECT_EQ(role_assignment_on({undated, spring}, std::nullopt), undated);   // "since always" sees only undated rows

  // Assigning: nothing to write when an open assignment holds; reopen the
  // holding one when it ends later; otherwise open from the date.
  EXPECT_FALSE(plan_role_assignment({undated}, d("2024-04-01")).has_value());
  EXPECT_EQ(plan_role_assignment({spring}, d("2024-04-01"))->from, d("2024-03-01"));
  EXPECT_EQ(plan_role_assignment({spring}, d("2024-07-01"))->from, d("2024-07-01"));
  EXPECT_EQ(plan_role_assignment({}, std::nullopt)->from, std::nullopt);

  // Revoking ends the holding assignment on the day, or is refused.
  const RoleAssignment ended = plan_role_revocation({undated, spring}, "E001", "finance", std::nullopt, d("2024-04-15"));
  EXPECT_EQ(ended.from, d("2024-03-01"));
  EXPECT_EQ(ended.until, d("2024-04-15"));
  EXPECT_EQ(key_of([&] { plan_role_revocation({spring}, "E001", "finance", std::string("SD"), d("2024-07-01")); }),
            "org.role_not_held");
}

// Law: the posting in force is the one a day-by-day reading of the history
// gives (each posting holds from its date until the next one's), for random
// histories and dates.
TEST(OrgRules, PostingOnAgreesWithTheHistoryReadDayByDay) {
  std::mt19937 rng(20240101);
  const Date base = d("2024-01-01");
  for (int round = 0; round < 200; ++round) {
    std::vector<Posting> history;
    std::vector<int> offsets;
    const bool undated = rng() % 2 == 0;
    if (undated) history.push_back({"U", "p0", std::nullopt});
    const int n = static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
      int off = static_cast<int>(rng() % 365);
      bool taken = false;
      for (int o : offsets) taken = taken || o == off;
      if (taken) continue;
      offsets.push_back(off);
      history.push_back({std::to_string(off), "p", base.add_days(off)});
    }
    std::shuffle(history.begin(), history.end(), rng);
    for (int day = -10; day < 380; day += 7) {
      // Day by day: the most recent start on or before `day`.
      int best = -1;
      for (int o : offsets) {
        if (o <= day && o > best) best = o;
      }
      const std::optional<Posting> got = posting_on(history, base.add_days(day));
      if (best >= 0) {
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got->department, std::to_string(best));
      } else if (undated) {
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got->department, "U");
      } else {
        EXPECT_FALSE(got.has_value());
      }
    }
  }
}
