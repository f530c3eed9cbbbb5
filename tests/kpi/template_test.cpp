// KPI templates: the built-ins, the JSON document, validation, and storing
// templates, bindings, targets, rule settings and bands in a database
// (failures leave the database exactly as it was).
#include <gtest/gtest.h>

#include <functional>

#include "kpi/kpi_support.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

const char* kValid = R"({"id":"custom","name":"Custom","indicators":[
  {"name":"signed","metric":"signed_amount","types":["sales"],"weight":"60","normalisation":"target","target":"500000","per":"quarter"},
  {"name":"collection","metric":"collection_rate","types":["sales","project"],"weight":40,"normalisation":"rate"}],
  "rules":[{"rule":"breach","points":"-10","cap":"30"},{"rule":"collection_80","threshold":"0.9"}]})";

TEST(KpiTemplateTest, BuiltInsHaveTheArticlesWeightsAndTargets) {
  const KpiTemplate sales = KpiTemplate::builtin("sales");
  ASSERT_EQ(sales.indicators.size(), 4u);
  EXPECT_EQ(sales.indicators[0].name, "signed_amount");
  EXPECT_EQ(sales.indicators[0].weight, Decimal(40));
  EXPECT_EQ(sales.indicators[0].target, Decimal(1000000));
  EXPECT_EQ(sales.indicators[0].per, PeriodKind::quarter);
  EXPECT_EQ(sales.indicators[1].weight, Decimal(30));
  EXPECT_EQ(sales.indicators[2].weight, Decimal(20));
  EXPECT_EQ(sales.indicators[3].normalisation, Normalisation::target_lower);
  EXPECT_EQ(sales.indicators[3].target, Decimal(30));
  const KpiTemplate rnd = KpiTemplate::builtin("rnd");
  EXPECT_EQ(rnd.indicators[0].weight, Decimal(50));
  EXPECT_EQ(rnd.indicators[1].target, Decimal(2));
  EXPECT_EQ(rnd.indicators[1].per, PeriodKind::year);
  EXPECT_EQ(rnd.indicators[2].normalisation, Normalisation::inverse_rate);
  const KpiTemplate proc = KpiTemplate::builtin("procurement");
  EXPECT_EQ(proc.indicators[0].weight, Decimal(60));
  EXPECT_EQ(proc.indicators[1].target, dec("0.10"));
  EXPECT_EQ(proc.indicators[2].weight, Decimal(10));
  for (const KpiTemplate& t : KpiTemplate::builtins()) {
    EXPECT_NO_THROW(t.validate()) << t.id;
    EXPECT_EQ(t.rule(RuleKind::collection_80).points, Decimal(5));
    EXPECT_EQ(t.rule(RuleKind::installment_overdue).points, Decimal(-3));
    EXPECT_EQ(t.rule(RuleKind::late_delivery).points, Decimal(-2));
    EXPECT_EQ(t.rule(RuleKind::late_delivery).days, 5);
    EXPECT_EQ(t.rule(RuleKind::early_delivery).points, Decimal(10));
    EXPECT_EQ(t.rule(RuleKind::breach).points, Decimal(-15));
  }
  EXPECT_THROW(KpiTemplate::builtin("hr"), NotFoundError);
}

TEST(KpiTemplateTest, DocumentRoundTrips) {
  const KpiTemplate t = KpiTemplate::parse(kValid);
  EXPECT_EQ(t.version, 1);
  EXPECT_EQ(t.indicators[1].weight, Decimal(40));
  EXPECT_EQ(t.rule(RuleKind::breach).points, Decimal(-10));
  EXPECT_EQ(t.rule(RuleKind::breach).cap, Decimal(30));
  EXPECT_EQ(t.rule(RuleKind::collection_80).threshold, dec("0.9"));
  EXPECT_EQ(t.rule(RuleKind::early_delivery).points, Decimal(10));  // unlisted: default
  EXPECT_EQ(KpiTemplate::parse(t.to_json()), t);
  EXPECT_EQ(KpiTemplate::parse(t.to_json()).to_json(), t.to_json());
  for (const KpiTemplate& b : KpiTemplate::builtins()) EXPECT_EQ(KpiTemplate::parse(b.to_json()), b);
}

TEST(KpiTemplateTest, NewDatabasesHoldTheBuiltInsBoundToTheirPositions) {
  Database db(":memory:");
  for (const KpiTemplate& b : KpiTemplate::builtins()) {
    EXPECT_EQ(db.kpi_template(b.id).to_json(), b.to_json());  // the migration's document is the built-in
    EXPECT_EQ(db.template_binding(b.id), b.id);
  }
  // Version 1 of each, as first shipped, stays beside version 2.
  EXPECT_EQ(db.kpi_templates().size(), 6u);
  EXPECT_EQ(db.kpi_template("sales", 1).indicators[0].scope, std::nullopt);
  EXPECT_EQ(db.kpi_template("sales", 2).indicators[0].scope, KpiScope::to_date);
  EXPECT_FALSE(db.template_binding("hr").has_value());
}

struct Invalid {
  const char* what;
  std::string json;
  const char* key;
};

std::string with_indicators(const std::string& indicators, const std::string& extra = "") {
  return R"({"id":"t","indicators":[)" + indicators + "]" + extra + "}";
}

const std::string kRate = R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":40,"normalisation":"rate"})";

TEST(KpiTemplateTest, InvalidTemplatesAreValidationErrors) {
  const std::vector<Invalid> cases = {
      {"weights not 100", with_indicators(kRate), "kpi.weights_sum"},
      {"weights 100.01",
       with_indicators(kRate + R"(,{"name":"s","metric":"signed_amount","types":["sales"],"weight":"60.01","normalisation":"target","target":1})"),
       "kpi.weights_sum"},
      {"unknown metric",
       with_indicators(kRate + R"(,{"name":"x","metric":"happiness","types":["sales"],"weight":60,"normalisation":"rate"})"),
       "kpi.unknown_metric"},
      {"negative weight",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":"-10","normalisation":"target","target":1},)"
                               R"({"name":"y","metric":"satisfaction","types":["sales"],"weight":70,"normalisation":"rate"})"),
       "kpi.negative_weight"},
      {"zero target",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"target","target":"0"})"),
       "kpi.target_not_positive"},
      {"negative target_lower",
       with_indicators(kRate + R"(,{"name":"x","metric":"cycle_days","types":["sales"],"weight":60,"normalisation":"target_lower","target":"-1"})"),
       "kpi.target_negative"},
      {"target not a number",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"target","target":"lots"})"),
       "kpi.json_decimal"},
      {"target as a float",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"target","target":1.5})"),
       "kpi.json_type"},
      {"missing target",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"target"})"),
       "kpi.parameter_missing"},
      {"floor above ceiling",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"linear","floor":5,"ceiling":5})"),
       "kpi.floor_ceiling"},
      {"rate of an amount",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"rate"})"),
       "kpi.rate_needs_rate_metric"},
      {"target on a rate normalisation",
       with_indicators(kRate + R"(,{"name":"x","metric":"dispute_rate","types":["sales"],"weight":60,"normalisation":"inverse_rate","target":1})"),
       "kpi.parameter_not_allowed"},
      {"unknown normalisation",
       with_indicators(kRate + R"(,{"name":"x","metric":"dispute_rate","types":["sales"],"weight":60,"normalisation":"sigmoid"})"),
       "kpi.unknown_normalisation"},
      {"bad per",
       with_indicators(kRate + R"(,{"name":"x","metric":"signed_amount","types":["sales"],"weight":60,"normalisation":"target","target":1,"per":"week"})"),
       "kpi.json_per"},
      {"duplicate indicator",
       with_indicators(kRate + "," + R"({"name":"c","metric":"dispute_rate","types":["sales"],"weight":60,"normalisation":"rate"})"),
       "kpi.duplicate_indicator"},
      {"no types",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":[],"weight":100,"normalisation":"rate"})"),
       "kpi.no_types"},
      {"bad type",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["Sales!"],"weight":100,"normalisation":"rate"})"),
       "kpi.bad_type"},
      {"no indicators", with_indicators(""), "kpi.indicator_count"},
      {"unknown rule",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"birthday","points":1}])"),
       "kpi.unknown_rule"},
      {"negative cap",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"breach","cap":"-1"}])"),
       "kpi.rule_cap"},
      {"threshold above 1",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"collection_80","threshold":"1.2"}])"),
       "kpi.rule_threshold"},
      {"days on the wrong rule",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"early_delivery","days":3}])"),
       "kpi.rule_parameter"},
      {"triggers on the wrong rule",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"late_delivery","triggers":["event"]}])"),
       "kpi.rule_parameter"},
      {"unknown breach trigger",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"breach","triggers":["event","lateness"]}])"),
       "kpi.json_trigger"},
      {"breach trigger twice",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"breach","triggers":["quality","quality"]}])"),
       "kpi.json_trigger"},
      {"breach days negative",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"breach","days":-1}])"),
       "kpi.rule_days"},
      {"unknown scope",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate","scope":"ever"})"),
       "kpi.json_scope"},
      {"event scope of a contract metric",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate","scope":"event"})"),
       "kpi.scope_not_allowed"},
      {"to_date from a month",
       R"({"id":"t","to_date":"month","indicators":[{"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"}]})",
       "kpi.json_to_date"},
      {"unknown no-data policy",
       R"({"id":"t","no_data":"ignore","indicators":[{"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"}]})",
       "kpi.json_no_data"},
      {"rule twice",
       with_indicators(R"({"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"})",
                       R"(,"rules":[{"rule":"breach"},{"rule":"breach"}])"),
       "kpi.duplicate_rule"},
      {"unknown member", with_indicators(kRate, R"(,"colour":"red")"), "kpi.json_unknown_member"},
      {"missing id", R"({"indicators":[]})", "kpi.json_missing"},
      {"bad id", R"({"id":" t","indicators":[{"name":"c","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"}]})",
       "kpi.template_id"},
      {"version 0", R"({"id":"t","version":0,"indicators":[]})", "kpi.template_version"},
      {"malformed", R"({"id":"t",)", "core.json_malformed"},
      {"duplicate member", R"({"id":"t","id":"u","indicators":[]})", "core.json_duplicate"},
      {"invalid UTF-8", std::string("{\"id\":\"t\xff\",\"indicators\":[]}"), "core.bad_utf8"},
      {"not an object", "[]", "kpi.json_type"},
  };
  for (const Invalid& c : cases) {
    try {
      KpiTemplate::parse(c.json);
      ADD_FAILURE() << c.what << ": accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), Errc::invalid_argument) << c.what;
      EXPECT_EQ(e.key(), c.key) << c.what << ": " << e.what();
      EXPECT_NE(e.message(Lang::en), e.message(Lang::zh_CN)) << c.what;
    }
  }
}

TEST(KpiTemplateTest, ValidateCatchesHandBuiltTemplates) {
  KpiTemplate t = KpiTemplate::builtin("sales");
  t.indicators[0].weight = Decimal(41);
  EXPECT_THROW(t.validate(), ValidationError);
  t = KpiTemplate::builtin("sales");
  t.rules.pop_back();
  EXPECT_THROW(t.validate(), ValidationError);
  t = KpiTemplate::builtin("sales");
  t.indicators[3].per = PeriodKind::custom;
  EXPECT_THROW(t.validate(), ValidationError);
}

TEST(BonusBandTest, BandsAreValidated) {
  EXPECT_NO_THROW(validate_bonus_bands(default_bonus_bands()));
  EXPECT_THROW(validate_bonus_bands({{dec("80"), dec("80"), dec("0")}}), ValidationError);
  EXPECT_THROW(validate_bonus_bands({{std::nullopt, dec("80"), dec("-1.5")}}), ValidationError);
  EXPECT_THROW(validate_bonus_bands({{std::nullopt, dec("80"), dec("-0.1")}, {dec("79"), std::nullopt, dec("0.1")}}),
               ValidationError);
  EXPECT_NO_THROW(validate_bonus_bands({{std::nullopt, dec("80"), dec("-0.1")}, {dec("80"), std::nullopt, dec("0.1")}}));
  const auto parsed = bonus_bands_from_json(R"({"version":1,"bands":[{"below":"80.00","rate":"-0.10"}]})");
  EXPECT_EQ(parsed, default_bonus_bands());
  EXPECT_EQ(bonus_bands_from_json(bonus_bands_to_json(parsed)), parsed);
  EXPECT_THROW(bonus_bands_from_json(R"({"version":2,"bands":[]})"), ValidationError);
}

// ---- Stored templates ------------------------------------------------------------

class StoredTemplateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.file("kpi.db");
    Database db(path);
    add_company(db);
  }

  test::TempDir dir;
  std::string path;
};

TEST_F(StoredTemplateTest, VersionsAreImmutable) {
  Database db(path);
  const KpiTemplate v1 = db.define_template(kValid);
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(db.define_template(kValid).version, 1);  // the same document again: no new version
  std::string changed = kValid;
  changed.replace(changed.find("500000"), 6, "600000");
  const KpiTemplate v2 = db.define_template(changed);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(db.kpi_template("custom").version, 2);
  EXPECT_EQ(db.kpi_template("custom", 1), v1);
  EXPECT_THROW(db.kpi_template("custom", 3), NotFoundError);
  EXPECT_THROW(db.kpi_template("nobody"), NotFoundError);
  // An explicit version: the same document is accepted again, another one is a conflict.
  std::string explicit_v2 = v2.to_json();
  EXPECT_EQ(db.define_template(explicit_v2).version, 2);
  std::string other = explicit_v2;
  other.replace(other.find("600000"), 6, "700000");
  EXPECT_THROW(db.define_template(other), ConflictError);
  std::string old = v1.to_json();
  old.replace(old.find("500000"), 6, "123456");
  EXPECT_THROW(db.define_template(old), ConflictError);
  std::string v5 = other;
  v5.replace(v5.find("\"version\":2"), 11, "\"version\":5");
  EXPECT_EQ(db.define_template(v5).version, 5);
}

TEST_F(StoredTemplateTest, BindingsChooseTheTemplate) {
  Database db(path);
  db.define_template(kValid);
  db.bind_template("hr", "custom");
  EXPECT_EQ(db.template_binding("hr"), std::string("custom"));
  EXPECT_EQ(db.scorecard("H1", period("2024-Q1"), d("2024-03-31")).template_id, std::string("custom"));
  db.unbind_template("hr");
  EXPECT_FALSE(db.scorecard("H1", period("2024-Q1"), d("2024-03-31")).scored());
  db.unbind_template("sales");
  EXPECT_FALSE(db.scorecard("S1", period("2024-Q1"), d("2024-03-31")).scored());
}

TEST_F(StoredTemplateTest, TargetsOverrideMostSpecificFirst) {
  Database db(path);
  Terms t;
  t.amount = "500000.00";
  sign(db, t);
  t.owner = "S2";
  sign(db, t);
  auto signed_points = [&](const char* employee, const char* p = "2024-Q1") {
    return points(db.scorecard(employee, period(p), d("2024-12-31")), "signed_amount");
  };
  EXPECT_EQ(signed_points("S1"), "20.00");  // 500,000 of 1,000,000
  db.set_target({"signed_amount", dec("500000"), PeriodKind::quarter, std::string("sales"), std::nullopt, std::nullopt});
  EXPECT_EQ(signed_points("S1"), "40.00");
  EXPECT_EQ(signed_points("S2"), "40.00");
  db.set_target({"signed_amount", dec("2000000"), PeriodKind::quarter, std::string("sales"), std::nullopt, period("2024-Q1")});
  EXPECT_EQ(signed_points("S1"), "10.00");
  db.set_target({"signed_amount", dec("4000000"), PeriodKind::year, std::nullopt, std::string("S1"), std::nullopt});
  EXPECT_EQ(signed_points("S1"), "20.00");  // 4,000,000 a year is 1,000,000 a quarter
  EXPECT_EQ(signed_points("S2"), "10.00");
  db.set_target({"signed_amount", dec("250000"), std::nullopt, std::nullopt, std::string("S1"), period("2024-Q1")});
  EXPECT_EQ(signed_points("S1"), "40.00");
  EXPECT_EQ(signed_points("S1", "2024"), "5.00");  // the yearly employee target: 500,000 of 4,000,000
}

TEST_F(StoredTemplateTest, FailedCallsLeaveTheDatabaseAsItWas) {
  const std::string before = test::logical_dump(path);
  Database db(path);
  const std::vector<std::pair<const char*, std::function<void()>>> calls = {
      {"weights", [&] { db.define_template(with_indicators(kRate)); }},
      {"malformed", [&] { db.define_template("{"); }},
      {"bind unknown template", [&] { db.bind_template("sales", "nope"); }},
      {"bind bad position", [&] { db.bind_template("", "sales"); }},
      {"unbind unbound", [&] { db.unbind_template("hr"); }},
      {"target both scopes", [&] { db.set_target({"x", dec("1"), std::nullopt, std::string("sales"), std::string("S1"), std::nullopt}); }},
      {"target no scope", [&] { db.set_target({"x", dec("1"), std::nullopt, std::nullopt, std::nullopt, std::nullopt}); }},
      {"target negative", [&] { db.set_target({"x", dec("-1"), std::nullopt, std::string("sales"), std::nullopt, std::nullopt}); }},
      {"target unknown employee", [&] { db.set_target({"x", dec("1"), std::nullopt, std::nullopt, std::string("E9"), std::nullopt}); }},
      {"rule unknown template", [&] { db.set_rule({std::string("nope"), RuleKind::breach, true, dec("-1"), std::nullopt}); }},
      {"rule negative cap", [&] { db.set_rule({std::nullopt, RuleKind::breach, true, dec("-1"), dec("-2")}); }},
      {"rule points scale", [&] { db.set_rule({std::nullopt, RuleKind::breach, true, dec("-1.005"), std::nullopt}); }},
      {"overlapping bands", [&] { db.set_bonus_bands({{std::nullopt, dec("80"), dec("0")}, {dec("70"), std::nullopt, dec("0")}}); }},
      {"close before the end", [&] { db.close_period(period("2024-Q1"), d("2024-03-30")); }},
      {"reopen an open period", [&] { db.reopen_period(period("2024-Q1"), "why", d("2024-04-30")); }},
      {"scorecard of nobody", [&] { db.scorecard("E9", period("2024-Q1"), d("2024-03-31")); }},
      {"bonus of nobody", [&] { db.bonus_adjustment("E9", period("2024-Q1"), cny("1.00"), d("2024-03-31")); }},
  };
  for (const auto& [what, call] : calls) {
    try {
      call();
      ADD_FAILURE() << what << ": no error";
    } catch (const Error& e) {
      EXPECT_NE(e.message(Lang::en), e.message(Lang::zh_CN)) << what;
    }
  }
  EXPECT_EQ(test::logical_dump(path), before);
}

TEST_F(StoredTemplateTest, UnknownEmployeeAndMalformedPeriodAreClearErrors) {
  Database db(path);
  try {
    db.scorecard("E9", period("2024-Q1"));
    ADD_FAILURE();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.code(), Errc::not_found);
    EXPECT_NE(std::string(e.what()).find("E9"), std::string::npos);
  }
  try {
    db.scorecard("S1", Period::parse("2024-Q5"));
    ADD_FAILURE();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.key(), "kpi.bad_period");
    EXPECT_NE(std::string(e.what()).find("2024-Q5"), std::string::npos);
  }
}

}  // namespace

// Law: a typed template is stored exactly as its document would be, version
// for version, and refused for the same reasons with nothing written.
TEST_F(StoredTemplateTest, TypedTemplatesAreStoredAsTheirDocuments) {
  const std::string typed_path = dir.file("typed.db");
  {
    Database db(typed_path);
    add_company(db);
  }
  Database by_json(path);
  Database by_type(typed_path);
  KpiTemplate t = KpiTemplate::parse(kValid);
  EXPECT_EQ(by_type.define_template(t, TemplateVersion::next), by_json.define_template(kValid));
  EXPECT_EQ(by_type.define_template(t, TemplateVersion::next).version, 1);  // the same again: no new version
  t.description = "second";
  const KpiTemplate v2 = by_type.define_template(t, TemplateVersion::next);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(by_json.define_template(v2.to_json()), v2);
  // As given: the same version and document again is accepted, another document is a conflict.
  EXPECT_EQ(by_type.define_template(v2), v2);
  KpiTemplate other = v2;
  other.description = "third";
  EXPECT_THROW(by_type.define_template(other), ConflictError);
  // Invalid templates are refused as documents are, and nothing is written.
  KpiTemplate bad = v2;
  bad.version = 3;
  bad.indicators[0].weight = Decimal(1);
  const std::string before = test::logical_dump(typed_path);
  try {
    by_type.define_template(bad);
    ADD_FAILURE() << "no refusal";
  } catch (const ValidationError& e) {
    try {
      by_json.define_template(bad.to_json());
      ADD_FAILURE() << "no refusal";
    } catch (const ValidationError& f) {
      EXPECT_EQ(e.key(), f.key());
    }
  }
  EXPECT_EQ(test::logical_dump(typed_path), before);
  EXPECT_EQ(by_type.kpi_templates(), by_json.kpi_templates());
}
