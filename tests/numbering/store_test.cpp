// The numbering engine in the database: rules and versions, scopes, gapless
// and fast issuance, rollback, the registry, void, preview and prefix search.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <set>

#include "numbering/db_support.hpp"
#include "store/numbering_store.hpp"

using namespace pactum;
using pactum::test::error_of;

namespace {

Date d(const char* iso) { return Date::parse(iso); }

class NumberingStoreTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir.file("numbers.db");
  Database db{path, test::fast_options()};
};

}  // namespace

// ---- the article's numbers (acceptance 1) -------------------------------------------

TEST_F(NumberingStoreTest, IssuesTheArticleNumbers) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}, {"dept", "SD"}}), "XSC-2024-SD-001");
  std::string fifth;
  for (int i = 0; i < 5; ++i) fifth = db.issue_number("sales", d("2024-03-01"), {{"type", "LD"}, {"dept", "HR"}});
  EXPECT_EQ(fifth, "LD-2024-HR-005");
  db.define_numbering("contract", "HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  EXPECT_EQ(db.issue_number("contract", d("2024-03-01"), {{"dept_name", "销售部"}, {"employee_name", "张三"}}),
            "HT-2024-销售部-张三-001");
}

// ---- scopes (acceptance 2) ------------------------------------------------------------

TEST_F(NumberingStoreTest, EachScopeHasItsOwnCounter) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  const NumberFields sd{{"type", "XSC"}, {"dept", "SD"}};
  const NumberFields hr{{"type", "XSC"}, {"dept", "HR"}};
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-001");
  EXPECT_EQ(db.issue_number("sales", d("2024-03-02"), sd), "XSC-2024-SD-002");
  EXPECT_EQ(db.issue_number("sales", d("2024-03-02"), hr), "XSC-2024-HR-001");
  EXPECT_EQ(db.issue_number("sales", d("2024-12-31"), sd), "XSC-2024-SD-003");
  EXPECT_EQ(db.issue_number("sales", d("2025-01-01"), sd), "XSC-2025-SD-001");
  EXPECT_EQ(db.issue_number("sales", d("2024-06-01"), hr), "XSC-2024-HR-002");
  EXPECT_EQ(test::query(path, "SELECT COUNT(*) FROM numbering_counter"), "3");
}

TEST_F(NumberingStoreTest, SequenceGrowsPastItsWidth) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  const NumberFields sd{{"type", "XSC"}, {"dept", "SD"}};
  std::string last;
  {
    auto tx = db.transaction();
    for (int i = 0; i < 999; ++i) last = db.issue_number("sales", d("2024-03-01"), sd);
    tx.commit();
  }
  EXPECT_EQ(last, "XSC-2024-SD-999");
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-1000");
  EXPECT_EQ(db.parse_number("sales", "XSC-2024-SD-1000").seq, 1000);
}

TEST_F(NumberingStoreTest, EffectiveDateDefaultsToTheDatabaseClock) {
  db.define_numbering("n", "N{yy}{month}-{seq}");
  const std::string expected = [&] {
    const Date t = db.today();
    return NumberingPattern::compile("N{yy}{month}-{seq}").render(t, {}, 1);
  }();
  EXPECT_EQ(db.issue_number("n", std::nullopt, {}), expected);
  EXPECT_EQ(db.issued_number(expected).issued_on, db.today());
}

// ---- rollback (acceptance 6) -------------------------------------------------------------

TEST_F(NumberingStoreTest, RollbackGivesTheNumberBack) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  const NumberFields sd{{"type", "XSC"}, {"dept", "SD"}};
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-001");
  {
    auto tx = db.transaction();
    EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-002");
    EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-003");
    tx.rollback();
  }
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-002");
  {
    auto outer = db.transaction();
    EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-003");
    {
      auto inner = db.transaction();
      EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-004");
    }  // destroyed open: rolled back
    EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-004");
    outer.commit();
  }
  EXPECT_EQ(db.find_numbers("XSC-2024-SD"),
            (std::vector<std::string>{"XSC-2024-SD-001", "XSC-2024-SD-002", "XSC-2024-SD-003", "XSC-2024-SD-004"}));
}

TEST_F(NumberingStoreTest, IssuanceJoinsAnotherWriteOfTheSameTransaction) {
  db.define_numbering("sales", "{type}-{seq:3}");
  Database::Impl& impl = db.impl();
  // A write of another domain that issues its number inside itself and then fails.
  EXPECT_THROW(impl.write([&] {
    const IssuedNumber n = store::issue_number_in_write(impl, "sales", d("2024-03-01"), {{"type", "HT"}}, "contract-1");
    EXPECT_EQ(n.number, "HT-001");
    EXPECT_EQ(n.seq, 1);
    EXPECT_EQ(n.rule_version, 1);
    raise(Errc::invalid_argument, "core.bad_utf8", {{"what", "later step"}});
  }),
               ValidationError);
  EXPECT_TRUE(db.find_numbers("HT").empty());
  const IssuedNumber n = impl.write([&] {
    IssuedNumber out = store::issue_number_in_write(impl, "sales", d("2024-03-01"), {{"type", "HT"}}, std::nullopt);
    store::set_number_owner(impl, out.number, "contract-7");
    return out;
  });
  EXPECT_EQ(n.number, "HT-001");
  EXPECT_EQ(db.issued_number("HT-001").owner, "contract-7");
  EXPECT_EQ(impl.read([&] { return store::numbering_field_names(impl, "sales"); }),
            (std::vector<std::string>{"type"}));
  EXPECT_THROW(impl.write([&] { store::set_number_owner(impl, "HT-999", "x"); }), NotFoundError);
}

// ---- preview -----------------------------------------------------------------------------

TEST_F(NumberingStoreTest, PreviewShowsTheNextNumberWithoutConsumingIt) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  const NumberFields sd{{"type", "XSC"}, {"dept", "SD"}};
  const std::string before = test::dump(path);
  EXPECT_EQ(db.preview_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-001");
  EXPECT_EQ(db.preview_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-001");
  EXPECT_EQ(test::dump(path), before);
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-001");
  EXPECT_EQ(db.preview_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-002");
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-002");
}

// ---- versions ---------------------------------------------------------------------------

TEST_F(NumberingStoreTest, NewVersionContinuesCountersWhereTheScopeIsUnchanged) {
  EXPECT_EQ(db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}"), 1);
  EXPECT_EQ(db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}"), 1);  // unchanged: no new version
  const NumberFields sd{{"type", "XSC"}, {"dept", "SD"}};
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-001");
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC-2024-SD-002");
  EXPECT_EQ(db.define_numbering("sales", "{type}/{year}/{dept}/{seq:4}"), 2);
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC/2024/SD/0003");
  // A version adding a token starts new scopes.
  EXPECT_EQ(db.define_numbering("sales", "{type}/{year}{month}/{dept}/{seq:4}"), 3);
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), sd), "XSC/202403/SD/0001");
  // A mode change is a new version too.
  EXPECT_EQ(db.define_numbering("sales", "{type}/{year}{month}/{dept}/{seq:4}", NumberingMode::fast), 4);
  const NumberingRuleInfo info = db.numbering_rule("sales");
  EXPECT_EQ(info.version, 4);
  EXPECT_EQ(info.mode, NumberingMode::fast);
  EXPECT_EQ(info.pattern, "{type}/{year}{month}/{dept}/{seq:4}");
  EXPECT_EQ(info.fields, (std::vector<std::string>{"type", "dept"}));
  // Old numbers keep the version they were issued under, and parse with it.
  EXPECT_EQ(db.issued_number("XSC-2024-SD-002").rule_version, 1);
  EXPECT_EQ(db.parse_number("sales", "XSC-2024-SD-002").fields.at("dept"), "SD");
  EXPECT_EQ(db.parse_number("sales", "XSC/2024/SD/0003").seq, 3);
  // Unregistered numbers parse with the newest version that reads them.
  EXPECT_EQ(db.parse_number("sales", "XSC-2023-HR-077").seq, 77);
  EXPECT_EQ(db.parse_number("sales", "XSC/202312/HR/0077").fields.at("month"), "12");
}

TEST_F(NumberingStoreTest, IssuanceFollowsRedefinitionsAndOtherConnections) {
  db.define_numbering("sales", "{type}-{seq:3}");
  Database other(path, test::fast_options());
  {
    auto tx = db.transaction();
    EXPECT_EQ(db.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A-001");
    EXPECT_EQ(db.define_numbering("sales", "{type}/{seq:3}"), 2);  // inside the same transaction
    EXPECT_EQ(db.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A/002");
    tx.commit();
  }
  // Another connection moves the rule and the counter on.
  EXPECT_EQ(other.define_numbering("sales", "{type}:{seq:3}"), 3);
  EXPECT_EQ(other.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A:003");
  {
    auto tx = db.transaction();
    EXPECT_EQ(db.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A:004");
    EXPECT_EQ(db.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A:005");
    tx.rollback();
  }
  EXPECT_EQ(other.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A:004");
  EXPECT_EQ(db.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A:005");
}

TEST_F(NumberingStoreTest, RulesAreListedAtTheirLatestVersion) {
  db.define_numbering("sales", "{type}-{seq:3}");
  db.define_numbering("labour", "LD-{year}-{seq:3}", NumberingMode::fast);
  db.define_numbering("sales", "{type}-{year}-{seq:3}");
  auto rules = db.numbering_rules();
  EXPECT_TRUE(std::is_sorted(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
  // Only the rules defined here (the schema may ship default rules).
  std::erase_if(rules, [](const NumberingRuleInfo& r) { return r.id != "labour" && r.id != "sales"; });
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "labour");
  EXPECT_EQ(rules[0].version, 1);
  EXPECT_EQ(rules[0].mode, NumberingMode::fast);
  EXPECT_EQ(rules[1].id, "sales");
  EXPECT_EQ(rules[1].version, 2);
  EXPECT_EQ(test::query(path, "SELECT COUNT(*) FROM numbering_rule WHERE rule_id IN ('labour', 'sales')"), "3");
  EXPECT_THROW(db.numbering_rule("nope"), NotFoundError);
}

TEST_F(NumberingStoreTest, ExistingNumberIsSkippedNotRefused) {
  db.define_numbering("r", "{type}-{seq}");
  EXPECT_EQ(db.issue_number("r", d("2024-01-01"), {{"type", "A"}}), "A-1");
  EXPECT_EQ(db.issue_number("r", d("2024-01-01"), {{"type", "A"}}), "A-2");
  // Version 2 reads the same text from another field: its scope is new and
  // its counter starts at 1, but A-1 and A-2 exist already.
  db.define_numbering("r", "{dept}-{seq}");
  EXPECT_EQ(db.preview_number("r", d("2024-01-01"), {{"dept", "A"}}), "A-3");
  EXPECT_EQ(db.issue_number("r", d("2024-01-01"), {{"dept", "A"}}), "A-3");
  EXPECT_EQ(db.issue_number("r", d("2024-01-01"), {{"dept", "A"}}), "A-4");
  EXPECT_EQ(db.issued_number("A-3").seq, 3);
}

// ---- registry and void -------------------------------------------------------------------

TEST_F(NumberingStoreTest, RegistryKeepsOwnerAndDates) {
  db.define_numbering("sales", "{type}-{seq:3}");
  const std::string n = db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}}, "crm:4711");
  const IssuedNumber info = db.issued_number(n);
  EXPECT_EQ(info.number, "XSC-001");
  EXPECT_EQ(info.rule_id, "sales");
  EXPECT_EQ(info.rule_version, 1);
  EXPECT_EQ(info.seq, 1);
  EXPECT_EQ(info.issued_on, d("2024-03-01"));
  EXPECT_EQ(info.owner, "crm:4711");
  EXPECT_FALSE(info.voided);
  EXPECT_FALSE(info.voided_on.has_value());
  EXPECT_THROW(db.issued_number("XSC-002"), NotFoundError);
}

// Many numbers in one transaction reuse one prepared registration (its
// parameters are all bound anew each time, never cleared), the date text of
// the last bound scope and the rule checked once per write: each number still
// keeps its own owner and date, and a rolled-back savepoint gives its number
// back within the transaction.
TEST_F(NumberingStoreTest, ABatchKeepsEachNumbersOwnerAndDate) {
  db.define_numbering("sales", "{type}-{seq:3}");
  auto tx = db.transaction();
  const std::string a = db.issue_number("sales", d("2024-03-01"), {{"type", "X"}}, "crm:1");
  const std::string b = db.issue_number("sales", d("2024-03-01"), {{"type", "X"}});
  const std::string c = db.issue_number("sales", d("2024-03-02"), {{"type", "X"}}, "crm:3");
  const std::string e = db.issue_number("sales", d("2024-03-01"), {{"type", "X"}});
  {
    auto inner = db.transaction();
    EXPECT_EQ(db.issue_number("sales", d("2024-03-05"), {{"type", "X"}}, "crm:gone"), "X-005");
    inner.rollback();
  }
  const std::string f = db.issue_number("sales", d("2024-03-06"), {{"type", "X"}});
  tx.commit();
  EXPECT_EQ(std::vector<std::string>({a, b, c, e, f}),
            std::vector<std::string>({"X-001", "X-002", "X-003", "X-004", "X-005"}));
  EXPECT_EQ(db.issued_number(a).owner, std::optional<std::string>("crm:1"));
  EXPECT_EQ(db.issued_number(b).owner, std::nullopt);
  EXPECT_EQ(db.issued_number(c).owner, std::optional<std::string>("crm:3"));
  EXPECT_EQ(db.issued_number(e).owner, std::nullopt);
  EXPECT_EQ(db.issued_number(f).owner, std::nullopt);
  EXPECT_EQ(db.issued_number(a).issued_on, d("2024-03-01"));
  EXPECT_EQ(db.issued_number(c).issued_on, d("2024-03-02"));
  EXPECT_EQ(db.issued_number(e).issued_on, d("2024-03-01"));
  EXPECT_EQ(db.issued_number(f).issued_on, d("2024-03-06"));
}

TEST_F(NumberingStoreTest, VoidedNumbersStayVoidedAndAreNeverReissued) {
  db.define_numbering("sales", "{type}-{seq:3}");
  const NumberFields f{{"type", "XSC"}};
  const std::string first = db.issue_number("sales", d("2024-03-01"), f);
  db.void_number(first, "printed on a spoiled form", d("2024-03-02"));
  const IssuedNumber info = db.issued_number(first);
  EXPECT_TRUE(info.voided);
  EXPECT_EQ(info.void_reason, "printed on a spoiled form");
  EXPECT_EQ(info.voided_on, d("2024-03-02"));
  EXPECT_EQ(db.issue_number("sales", d("2024-03-01"), f), "XSC-002");
  EXPECT_EQ(db.find_numbers("XSC"), (std::vector<std::string>{"XSC-001", "XSC-002"}));

  const std::string before = test::dump(path);
  const Error again = error_of([&] { db.void_number(first, "twice"); });
  EXPECT_EQ(again.code(), Errc::invalid_state);
  EXPECT_EQ(again.key(), "numbering.already_void");
  EXPECT_EQ(error_of([&] { db.void_number("XSC-404", "typo"); }).code(), Errc::not_found);
  EXPECT_EQ(error_of([&] { db.void_number("XSC-002", ""); }).key(), "numbering.bad_void_reason");
  EXPECT_EQ(error_of([&] { db.void_number("XSC-002", "early", d("2024-02-29")); }).key(),
            "numbering.void_before_issue");
  EXPECT_EQ(error_of([&] { db.void_number("XSC-002", "bad \xFF"); }).key(), "core.bad_utf8");
  EXPECT_EQ(test::dump(path), before);
}

// ---- fast mode ----------------------------------------------------------------------------

TEST_F(NumberingStoreTest, FastModeReservesBlocksPerConnection) {
  db.define_numbering("f", "F-{seq:4}", NumberingMode::fast);
  Database other(path, test::fast_options());
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {}), "F-0001");
  EXPECT_EQ(test::query(path, "SELECT next_seq FROM numbering_counter"), std::to_string(1 + store::kFastBlockSize));
  EXPECT_EQ(other.issue_number("f", d("2024-01-01"), {}), "F-0101");
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {}), "F-0002");
  EXPECT_EQ(other.preview_number("f", d("2024-01-01"), {}), "F-0102");
  EXPECT_EQ(other.issue_number("f", d("2024-01-01"), {}), "F-0102");
  // A new connection starts after every reserved block.
  Database third(path, test::fast_options());
  EXPECT_EQ(third.issue_number("f", d("2024-01-01"), {}), "F-0201");
}

TEST_F(NumberingStoreTest, FastModeForgetsABlockWhoseReservationRolledBack) {
  db.define_numbering("f", "F-{seq:4}", NumberingMode::fast);
  {
    auto tx = db.transaction();
    EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {}), "F-0001");
    tx.rollback();
  }
  // The reservation is undone; another connection may take 1..100 now.
  Database other(path, test::fast_options());
  EXPECT_EQ(other.issue_number("f", d("2024-01-01"), {}), "F-0001");
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {}), "F-0101");
  // A committed block survives a later rollback on the handle.
  {
    auto tx = db.transaction();
    EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {}), "F-0102");
    tx.rollback();
  }
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {}), "F-0103");
  std::set<std::string> all;
  for (const auto& n : db.find_numbers("F-")) EXPECT_TRUE(all.insert(n).second);
  EXPECT_EQ(all, (std::set<std::string>{"F-0001", "F-0101", "F-0103"}));
}

TEST_F(NumberingStoreTest, FastModeSkipsNumbersThatExist) {
  db.define_numbering("f", "{type}-{seq}");
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {{"type", "A"}}), "A-1");
  db.define_numbering("f", "{dept}-{seq}", NumberingMode::fast);
  EXPECT_EQ(db.preview_number("f", d("2024-01-01"), {{"dept", "A"}}), "A-2");
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {{"dept", "A"}}), "A-2");
  EXPECT_EQ(db.issue_number("f", d("2024-01-01"), {{"dept", "A"}}), "A-3");
}

TEST_F(NumberingStoreTest, CounterOverflowIsRefused) {
  db.define_numbering("r", "R-{seq}");
  EXPECT_EQ(db.issue_number("r", d("2024-01-01"), {}), "R-1");
  test::execute(path, "UPDATE numbering_counter SET next_seq = 9223372036854775806");
  EXPECT_EQ(db.issue_number("r", d("2024-01-01"), {}), "R-9223372036854775806");
  const std::string before = test::dump(path);
  const Error e = error_of([&] { db.issue_number("r", d("2024-01-01"), {}); });
  EXPECT_EQ(e.code(), Errc::overflow);
  EXPECT_EQ(e.key(), "numbering.seq_overflow");
  EXPECT_EQ(test::dump(path), before);
}

// ---- prefix search (acceptance 7) ----------------------------------------------------------

TEST_F(NumberingStoreTest, PrefixSearchReturnsExactlyTheMatchingNumbers) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  db.define_numbering("contract", "HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  std::set<std::string> sd2024, ht_sales;
  {
    auto tx = db.transaction();
    for (int i = 0; i < 30; ++i) sd2024.insert(db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}, {"dept", "SD"}}));
    for (int i = 0; i < 5; ++i) db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}, {"dept", "SDX"}});
    for (int i = 0; i < 7; ++i) db.issue_number("sales", d("2025-03-01"), {{"type", "XSC"}, {"dept", "SD"}});
    for (int i = 0; i < 4; ++i) db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}, {"dept", "HR"}});
    for (int i = 0; i < 3; ++i) db.issue_number("sales", d("2024-03-01"), {{"type", "XS"}, {"dept", "SD"}});
    for (const char* who : {"张三", "李四"}) {
      for (int i = 0; i < 6; ++i) {
        ht_sales.insert(db.issue_number("contract", d("2024-05-01"), {{"dept_name", "销售部"}, {"employee_name", who}}));
      }
    }
    for (int i = 0; i < 4; ++i) db.issue_number("contract", d("2024-05-01"), {{"dept_name", "销售"}, {"employee_name", "王五"}});
    for (int i = 0; i < 4; ++i) db.issue_number("contract", d("2024-05-01"), {{"dept_name", "采购部"}, {"employee_name", "张三"}});
    tx.commit();
  }
  const auto sd = db.find_numbers("XSC-2024-SD-", 1000);
  EXPECT_EQ(std::set<std::string>(sd.begin(), sd.end()), sd2024);
  EXPECT_TRUE(std::is_sorted(sd.begin(), sd.end()));
  // Without the trailing separator the prefix also matches SDX, as text does.
  EXPECT_EQ(db.find_numbers("XSC-2024-SD", 1000).size(), 35u);
  const auto ht = db.find_numbers("HT-2024-销售部", 1000);
  EXPECT_EQ(std::set<std::string>(ht.begin(), ht.end()), ht_sales);
  EXPECT_EQ(db.find_numbers("HT-2024-销售", 1000).size(), 16u);
  EXPECT_EQ(db.find_numbers("", 1000).size(), 30u + 5 + 7 + 4 + 3 + 12 + 4 + 4);
  EXPECT_TRUE(db.find_numbers("XSC-2024-SD-9").empty());
}

TEST_F(NumberingStoreTest, PrefixSearchPagesWithLimitAndAfter) {
  db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
  std::vector<std::string> issued;
  {
    auto tx = db.transaction();
    for (int i = 0; i < 23; ++i) issued.push_back(db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}, {"dept", "SD"}}));
    db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}, {"dept", "SE"}});
    tx.commit();
  }
  std::vector<std::string> paged;
  std::optional<std::string> after;
  int pages = 0;
  for (;;) {
    const auto page = db.find_numbers("XSC-2024-SD-", 10, after);
    if (page.empty()) break;
    EXPECT_LE(page.size(), 10u);
    paged.insert(paged.end(), page.begin(), page.end());
    after = page.back();
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(paged, issued);
  // `after` before the prefix starts at the prefix.
  EXPECT_EQ(db.find_numbers("XSC-2024-SD-", 2, std::string("A")), (std::vector<std::string>{issued[0], issued[1]}));
  EXPECT_EQ(error_of([&] { db.find_numbers("X", 0); }).key(), "numbering.bad_limit");
  EXPECT_EQ(error_of([&] { db.find_numbers("X", 10001); }).key(), "numbering.bad_limit");
  EXPECT_EQ(error_of([&] { db.find_numbers("X\xFF"); }).key(), "core.bad_utf8");
}

TEST_F(NumberingStoreTest, PrefixSearchTakesWildcardCharactersLiterally) {
  db.define_numbering("odd", "{type}-{seq}");
  for (const char* t : {"A%", "A_", "AB", "A", "A\\"}) db.issue_number("odd", d("2024-01-01"), {{"type", t}});
  EXPECT_EQ(db.find_numbers("A%"), (std::vector<std::string>{"A%-1"}));
  EXPECT_EQ(db.find_numbers("A_"), (std::vector<std::string>{"A_-1"}));
  EXPECT_EQ(db.find_numbers("A\\"), (std::vector<std::string>{"A\\-1"}));
  EXPECT_EQ(db.find_numbers("A").size(), 5u);
}

TEST_F(NumberingStoreTest, PrefixSearchIsAnIndexRangeScan) {
  db.define_numbering("sales", "{type}-{seq:3}");
  db.issue_number("sales", d("2024-03-01"), {{"type", "XSC"}});
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  for (const char* sql : {store::kFindNumbersSql, store::kFindNumbersAfterSql}) {
    SQLite::Statement plan(raw, std::string("EXPLAIN QUERY PLAN ") + sql);
    plan.bind(1, "XSC-2024-SD");
    plan.bind(2, store::prefix_successor("XSC-2024-SD"));
    plan.bind(3, 50);
    std::string details;
    while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
    EXPECT_NE(details.find("SEARCH numbering_issued USING PRIMARY KEY (number>? AND number<?)"), std::string::npos)
        << details;
    EXPECT_EQ(details.find("SCAN"), std::string::npos) << details;
    EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;  // no sort: index order
  }
}

TEST(NumberingPrefixTest, SuccessorIsTheNextTextInByteOrder) {
  EXPECT_EQ(store::prefix_successor("XSC-2024-SD"), "XSC-2024-SE");
  EXPECT_EQ(store::prefix_successor("A-"), "A.");
  // 销 is E9 94 80: the last byte grows, the text stays above every
  // continuation of the prefix.
  EXPECT_EQ(store::prefix_successor("销"), "\xE9\x94\x81");
  EXPECT_GT(store::prefix_successor("销"), std::string("销\xF4\x8F\xBF\xBF"));
  EXPECT_EQ(store::prefix_successor(""), "\xF5");
}

// ---- errors through the handle ------------------------------------------------------------

TEST_F(NumberingStoreTest, UnknownRulesAndBadIdentifiers) {
  EXPECT_EQ(error_of([&] { db.issue_number("nope", d("2024-01-01"), {}); }).code(), Errc::not_found);
  EXPECT_EQ(error_of([&] { db.preview_number("nope", d("2024-01-01"), {}); }).code(), Errc::not_found);
  EXPECT_EQ(error_of([&] { db.parse_number("nope", "X-1"); }).code(), Errc::not_found);
  EXPECT_EQ(error_of([&] { db.define_numbering("", "{seq}"); }).key(), "numbering.bad_rule_id");
  EXPECT_EQ(error_of([&] { db.define_numbering(std::string(65, 'r'), "{seq}"); }).key(), "numbering.bad_rule_id");
  EXPECT_EQ(error_of([&] { db.define_numbering("a\nb", "{seq}"); }).key(), "numbering.bad_rule_id");
  EXPECT_EQ(error_of([&] { db.define_numbering("a\xFF", "{seq}"); }).key(), "core.bad_utf8");
  EXPECT_EQ(error_of([&] { db.define_numbering("r", "{seq}", static_cast<NumberingMode>(7)); }).key(),
            "numbering.bad_mode");
  db.define_numbering("r", "R-{seq}");
  EXPECT_EQ(error_of([&] { db.issue_number("r", d("2024-01-01"), {}, std::string()); }).key(), "numbering.bad_owner");
  EXPECT_EQ(error_of([&] { db.issue_number("r", d("2024-01-01"), {}, std::string("a\tb")); }).key(),
            "numbering.bad_owner");
  EXPECT_EQ(error_of([&] { db.parse_number("r", "Q-1"); }).key(), "numbering.parse_mismatch");
  EXPECT_TRUE(db.find_numbers("R").empty());
}

TEST_F(NumberingStoreTest, MessagesFollowTheHandleLanguage) {
  db.define_numbering("sales", "{type}-{seq:3}");
  db.set_lang(Lang::zh_CN);
  try {
    db.issue_number("sales", d("2024-01-01"), {{"type", "A-B"}});
    FAIL() << "accepted a separator inside a value";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("分隔符"), std::string::npos) << e.what();
  }
  try {
    db.define_numbering("bad", "{type}{dept}-{seq}");
    FAIL() << "accepted touching tokens";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.code(), Errc::pattern);
    EXPECT_NE(std::string(e.what()).find("第 7 个字符"), std::string::npos) << e.what();
  }
}

TEST_F(NumberingStoreTest, NumbersSurviveReopening) {
  db.define_numbering("sales", "{type}-{seq:3}");
  db.issue_number("sales", d("2024-01-01"), {{"type", "A"}});
  Database again(path, test::fast_options());
  EXPECT_EQ(again.issue_number("sales", d("2024-01-01"), {{"type", "A"}}), "A-002");
  EXPECT_EQ(test::query(path, "PRAGMA integrity_check"), "ok");
}
