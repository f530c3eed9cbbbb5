// The classification of employees (docs/reports.md "Classification"): the
// default decision table is complete and obeys its laws over random
// companies (no promotion candidate below 80 or outside the top half of its
// group, no improvement plan at or above 80, a higher score never a worse
// class); the article's two examples; tables are checked, stored, versioned
// and refused like routing tables; position groups decide who is compared.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "report/report_support.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::report_test;

namespace {

std::int64_t class_rank(const std::string& code) {
  const auto& order = default_class_order();
  const auto it = std::find(order.begin(), order.end(), code);
  return it == order.end() ? -1 : it - order.begin();
}

const ClassifiedEmployee& find(const std::vector<ClassifiedEmployee>& all, const std::string& id) {
  for (const ClassifiedEmployee& e : all) {
    if (e.employee == id) return e;
  }
  throw std::runtime_error("not classified: " + id);
}

Decimal random_score(std::mt19937& rng) {
  return Decimal::from_coefficient(std::uniform_int_distribution<std::int64_t>(-2000, 12500)(rng), 2);
}

// A company of a few position groups with random signing, collection,
// scores and coverage (some without a score, some without collection).
std::vector<ClassificationSubject> random_company(std::mt19937& rng) {
  const char* groups[] = {"sales", "rnd", "procurement", "key_accounts"};
  std::vector<ClassificationSubject> out;
  const int people = std::uniform_int_distribution<int>(1, 40)(rng);
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> all;
    for (char a = 'A'; a <= 'Z'; ++a) {
      for (char b = 'a'; b <= 'b'; ++b) all.push_back(std::string{a, b});
    }
    return all;
  }();
  for (int i = 0; i < people; ++i) {
    ClassificationSubject s;
    s.employee = ids[static_cast<std::size_t>(i)];
    s.group = groups[std::uniform_int_distribution<int>(0, 3)(rng)];
    if (std::uniform_int_distribution<int>(0, 9)(rng) > 0) s.score = random_score(rng);
    s.coverage = Decimal(std::uniform_int_distribution<int>(0, 10)(rng) * 10);
    // Few distinct values: ties at the top-half boundary happen.
    s.signed_amount = Ratio(std::uniform_int_distribution<std::int64_t>(0, 8)(rng) * 250000);
    if (std::uniform_int_distribution<int>(0, 7)(rng) > 0) s.collection_ratio = Ratio(std::uniform_int_distribution<std::int64_t>(0, 10)(rng), 10);
    out.push_back(std::move(s));
  }
  return out;
}

TEST(ClassificationTableTest, TheDefaultTableIsCompleteAndAsDocumented) {
  const ClassificationTable t = ClassificationTable::default_table();
  EXPECT_TRUE(t.check().empty());
  std::ifstream file(std::string(PACTUM_SOURCE_DIR) + "/docs/classification-default.json", std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  std::string shipped = text.str();
  while (!shipped.empty() && shipped.back() == '\n') shipped.pop_back();
  EXPECT_EQ(shipped, std::string(default_classification_json()));
  EXPECT_EQ(ClassificationTable::parse(t.to_json()).to_json(), t.to_json());
}

TEST(ClassificationPropertyTest, TheLawsHoldOverRandomCompanies) {
  const ClassificationTable table = ClassificationTable::default_table();
  int promoted = 0;
  int plans = 0;
  int raised = 0;
  for (unsigned seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const std::vector<ClassificationSubject> company = random_company(rng);
    const std::vector<ClassifiedEmployee> classes = classify_employees(table, company);
    std::map<std::string, std::vector<Decimal>> scores;
    for (const ClassificationSubject& s : company) {
      if (s.score) scores[s.group].push_back(*s.score);
    }
    std::size_t scored = 0;
    for (const ClassificationSubject& s : company) scored += s.score ? 1 : 0;
    ASSERT_EQ(classes.size(), scored);  // everyone with a score, nobody else
    for (const ClassifiedEmployee& e : classes) {
      const auto& group = scores.at(e.group);
      EXPECT_EQ(e.group_size, static_cast<std::int64_t>(group.size()));
      const auto above = std::count_if(group.begin(), group.end(), [&](const Decimal& o) { return e.axes.score < o; });
      EXPECT_EQ(e.axes.score_top_half, above + 1 <= (e.group_size + 1) / 2) << e.employee;
      if (e.outcome.action_code == "promote") {
        ++promoted;
        EXPECT_GE(e.axes.score, Decimal(80)) << e.employee;
        EXPECT_TRUE(e.axes.score_top_half) << e.employee;
      }
      if (e.outcome.action_code == "improvement_plan") {
        ++plans;
        EXPECT_LT(e.axes.score, Decimal(80)) << e.employee;
        EXPECT_FALSE(e.axes.score_top_half) << e.employee;  // a top-half scorer is never put on a plan
      }
      if (e.axes.coverage < Decimal(50)) {
        EXPECT_EQ(e.outcome.class_code, "insufficient_data");
      }
    }
    // Raising one employee's score, everything else equal, never gives a
    // worse class.
    for (int k = 0; k < 10 && !classes.empty(); ++k) {
      std::vector<ClassificationSubject> better = company;
      const ClassifiedEmployee& before = classes[rng() % classes.size()];
      for (ClassificationSubject& s : better) {
        if (s.employee == before.employee) s.score = *s.score + Decimal::from_coefficient(std::uniform_int_distribution<std::int64_t>(1, 5000)(rng), 2);
      }
      const std::vector<ClassifiedEmployee> reclassified = classify_employees(table, better);
      const ClassifiedEmployee& after = find(reclassified, before.employee);
      if (before.outcome.class_code == "insufficient_data") {
        EXPECT_EQ(after.outcome.class_code, "insufficient_data");
        continue;
      }
      ++raised;
      EXPECT_LE(class_rank(after.outcome.class_code), class_rank(before.outcome.class_code))
          << before.employee << ": " << before.outcome.class_code << " -> " << after.outcome.class_code;
    }
  }
  // The laws were exercised.
  EXPECT_GT(promoted, 50);
  EXPECT_GT(plans, 50);
  EXPECT_GT(raised, 1000);
}

TEST(ClassificationPropertyTest, TheArticlesTwoEmployees) {
  // 20 sellers: the article's star (1.5M rank 2, 100% rank 1, 9.2 rank 1)
  // and its signer who does not collect (1.2M rank 3, 70% rank 15, 7.5
  // rank 10).
  std::vector<ClassificationSubject> sales;
  for (const Seller& s : sellers()) {
    const std::int64_t hundredths = std::min<std::int64_t>(4000, s.amount * 4000 / 1000000) + 30 * s.percent +
                                    s.satisfaction * 20 + 500 + (s.percent >= 80 ? 500 : 0);
    sales.push_back({s.id, "sales", Decimal::from_coefficient(hundredths, 2), Decimal(100), Ratio(s.amount),
                     Ratio(s.percent, 100)});
  }
  const auto classes = classify_employees(ClassificationTable::default_table(), sales);
  EXPECT_EQ(find(classes, "E02").axes.score, Decimal::parse("92.00"));
  EXPECT_EQ(find(classes, "E02").outcome, (ClassOutcome{"high_contribution_high_performance", "promote", "promote"}));
  EXPECT_EQ(find(classes, "E03").axes.score, Decimal::parse("75.00"));
  EXPECT_EQ(find(classes, "E03").outcome, (ClassOutcome{"high_signing_low_execution", "coach_execution", "coach-execution"}));
}

// {"id":"c","version":1,<score and contribution inputs><rest>
std::string with_inputs(std::string_view policy, std::string_view rest) {
  std::string out = R"({"id":"c","version":1,)";
  out.append(policy);
  out.append(R"("inputs":[{"name":"score","type":"number"},{"name":"contribution","type":"enum","values":["high","low"]}])");
  out.append(rest);
  return out;
}

TEST(ClassificationTableTest, MalformedTablesAreRefused) {
  struct Case {
    const char* what;
    std::string json;
    const char* key;
  };
  const Case cases[] = {
      {"no outputs (a routing table)",
       with_inputs("", R"(,"rules":[{"when":{},"route":[{"role":"hr"}]}]})"),
       "report.classification_outputs"},
      {"other outputs", with_inputs("", R"(,"outputs":["class"],"rules":[{"output":{"class":"x"}}]})"),
       "report.classification_outputs"},
      {"an input that is not an axis",
       R"({"id":"c","version":1,"inputs":[{"name":"age","type":"number"}],"outputs":["class","action"],"rules":[{"output":{"class":"x","action":"y"}}]})",
       "report.classification_input"},
      {"an axis of the wrong type",
       R"({"id":"c","version":1,"inputs":[{"name":"score","type":"text"}],"outputs":["class","action"],"rules":[{"output":{"class":"x","action":"y"}}]})",
       "report.classification_input"},
      {"a missing output value",
       with_inputs("", R"(,"outputs":["class","action"],"rules":[{"output":{"class":"x"}}]})"),
       "routing.output_missing"},
      {"an undeclared output",
       with_inputs("", R"(,"outputs":["class","action"],"rules":[{"output":{"class":"x","action":"y","z":"w"}}]})"),
       "routing.output_unknown"},
      {"a route in a decision table",
       with_inputs("", R"(,"outputs":["class","action"],"rules":[{"route":[{"role":"hr"}]}]})"),
       "routing.json_unknown_member"},
      {"a multi-hit policy",
       with_inputs(R"("hit_policy":"COLLECT",)", R"(,"outputs":["class","action"],"rules":[{"output":{"class":"x","action":"y"}}]})"),
       "routing.output_hit_policy"},
  };
  for (const Case& c : cases) {
    try {
      ClassificationTable::parse(c.json);
      ADD_FAILURE() << c.what << ": accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.key(), c.key) << c.what << ": " << e.what();
      EXPECT_NE(e.message(Lang::en), e.message(Lang::zh_CN)) << c.what;
    }
  }
}

// A table that promotes everyone scoring 90 or more, and coaches the rest.
const char* kStrict = R"({"id":"strict","version":1,"hit_policy":"UNIQUE",
  "inputs":[{"name":"score","type":"number"}],"outputs":["class","action"],
  "rules":[{"id":"top","when":{"score":">= 90"},"output":{"class":"high_contribution_high_performance","action":"promote"}},
           {"id":"rest","when":{"score":"< 90"},"output":{"class":"needs_coaching","action":"coach"}}]})";

TEST(ClassificationStoreTest, TablesAreStoredVersionedAndChecked) {
  test::TempDir dir;
  const std::string path = dir.file("classes.db");
  Database db(path);
  build_employee_fixture(db);
  EXPECT_EQ(db.classification_table().id(), "default");
  ASSERT_EQ(db.classification_tables().size(), 1u);
  EXPECT_TRUE(db.classification_tables()[0].current);

  // A gap is refused and changes nothing.
  const std::string gappy = R"({"id":"gappy","version":1,"inputs":[{"name":"score","type":"number"}],
    "outputs":["class","action"],"rules":[{"when":{"score":">= 90"},"output":{"class":"a","action":"b"}}]})";
  ASSERT_EQ(db.check_classification(gappy).size(), 1u);
  EXPECT_EQ(db.check_classification(gappy)[0].kind, FindingKind::gap);
  EXPECT_NE(db.check_classification(gappy)[0].message().find("have no outcome"), std::string::npos);
  const std::string before = test::logical_dump(path);
  EXPECT_THROW(db.load_classification(gappy), ValidationError);
  EXPECT_EQ(test::logical_dump(path), before);

  EXPECT_TRUE(db.load_classification(kStrict).empty());
  EXPECT_EQ(db.classification_table().id(), "strict");
  const EmployeeReport r = db.report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  for (const EmployeeReportRow& e : r.employees) {
    EXPECT_EQ(*e.action == "promote", !(*e.score < Decimal(90))) << e.employee;
    if (*e.action == "coach") {
      EXPECT_EQ(action_label("coach", Lang::zh_CN), "coach");  // no label: the code itself
    }
  }
  EXPECT_EQ(r.classification_table, "strict");
  // The same version again is accepted; another document under it is not.
  EXPECT_TRUE(db.load_classification(kStrict).empty());
  const std::string other = R"({"id":"strict","version":1,"hit_policy":"UNIQUE",
    "inputs":[{"name":"score","type":"number"}],"outputs":["class","action"],
    "rules":[{"id":"top","when":{"score":">= 95"},"output":{"class":"high_contribution_high_performance","action":"promote"}},
             {"id":"rest","when":{"score":"< 95"},"output":{"class":"needs_coaching","action":"coach"}}]})";
  EXPECT_THROW(db.load_classification(other), ConflictError);
  EXPECT_EQ(db.classification_tables().size(), 2u);
}

TEST(ClassificationStoreTest, PositionGroupsDecideWhoIsCompared) {
  Database db(":memory:");
  build_employee_fixture(db);
  // E02 alone in a position of its own is the top of a group of one.
  db.add_employee({"K1", "大客户经理", "SD", "key_sales", d("2020-01-01"), std::nullopt});
  db.bind_template("key_sales", "sales");
  ContractSpec c;
  c.type = "sales";
  c.owner = "K1";
  c.amount = cny("100000.00");
  c.signed_on = d("2024-01-15");
  c.delivery_due = d("2024-03-15");
  c.installments = {{d("2024-12-31"), c.amount}};
  c.counterparty = "大客户";
  const Contract k = db.create_contract(c);
  db.activate(k.id, c.signed_on);
  db.record_payment(k.id, cny("100000.00"), d("2024-03-01"), "K-1");
  db.record_delivery(k.id, true, {d("2024-03-15")});
  db.record_satisfaction(k.id, 100, {d("2024-03-20")});
  const Period q1 = Period::parse("2024-Q1");
  auto k1 = [&] {
    for (const EmployeeReportRow& e : db.report_employees(q1, d("2024-03-31")).employees) {
      if (e.employee == "K1") return e;
    }
    throw std::runtime_error("K1");
  };
  EXPECT_EQ(k1().group, "key_sales");
  EXPECT_EQ(k1().high_signing, true);  // the only one in the group
  db.set_position_group("key_sales", std::string("sales"));
  EXPECT_EQ(db.position_group("key_sales"), "sales");
  EXPECT_EQ(db.position_groups().size(), 1u);
  EXPECT_EQ(k1().group, "sales");
  EXPECT_EQ(k1().high_signing, false);  // 100,000 is in the bottom half of the sellers
  db.set_position_group("key_sales", std::nullopt);
  EXPECT_EQ(db.position_group("key_sales"), "key_sales");
  EXPECT_THROW(db.set_position_group("", std::string("sales")), ValidationError);
}

}  // namespace
