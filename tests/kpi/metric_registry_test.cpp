// The KPI metric registry (src/kpi/scoring.hpp) against everything that
// names metrics: the KpiMetric enumeration (one row per value, in order), the
// names parse_kpi_metric reads, the template schema's enum, the
// kpi.unknown_metric message in both catalogs, and the kinds the template
// checks use (rate, money, default scope).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <set>
#include <string>

#include "kpi/scoring.hpp"
#include "pactum/core/error.hpp"
#include "pactum/kpi/template.hpp"

using namespace pactum;

namespace {

std::set<std::string> registry_names() {
  std::set<std::string> out;
  for (std::size_t i = 0; i < scoring::metric_count(); ++i) out.insert(scoring::metric_info(static_cast<KpiMetric>(i))->name);
  return out;
}

}  // namespace

TEST(MetricRegistry, OneRowPerMetricInTheEnumerationsOrder) {
  ASSERT_EQ(scoring::metric_count(), 10U);
  for (std::size_t i = 0; i < scoring::metric_count(); ++i) {
    const auto metric = static_cast<KpiMetric>(i);
    const scoring::MetricInfo* m = scoring::metric_info(metric);
    ASSERT_NE(m, nullptr) << i;
    EXPECT_EQ(m->metric, metric);
    EXPECT_EQ(parse_kpi_metric(m->name), metric);
    EXPECT_STREQ(kpi_metric_name(metric), m->name);
    EXPECT_EQ(default_scope(metric), m->default_scope);
    EXPECT_TRUE(scope_allowed(metric, m->default_scope));
    EXPECT_EQ(is_rate_metric(metric), m->rate);
    EXPECT_EQ(is_money_metric(metric), m->money);
    EXPECT_FALSE(m->money && m->rate) << m->name;
    EXPECT_GE(m->rate_scale, 1);
    EXPECT_NE(std::string(m->reads), "");
  }
  EXPECT_EQ(registry_names().size(), scoring::metric_count());  // names are unique
  EXPECT_EQ(scoring::metric_info(static_cast<KpiMetric>(scoring::metric_count())), nullptr);
  EXPECT_STREQ(kpi_metric_name(static_cast<KpiMetric>(200)), "unknown");
  EXPECT_THROW(parse_kpi_metric("signed"), Error);
}

TEST(MetricRegistry, TheTemplateSchemaListsExactlyTheRegisteredMetrics) {
  std::ifstream in(std::string(PACTUM_SOURCE_DIR) + "/docs/kpi-template.schema.json");
  ASSERT_TRUE(in.good());
  const nlohmann::json schema = nlohmann::json::parse(in);
  std::set<std::string> listed;
  // The enum of the indicator's "metric" property, wherever the schema keeps it.
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      if (auto m = j.find("metric"); m != j.end() && m->is_object() && m->contains("enum")) {
        for (const auto& name : m->at("enum")) listed.insert(name.get<std::string>());
      }
      for (const auto& [key, value] : j.items()) walk(value);
    } else if (j.is_array()) {
      for (const auto& value : j) walk(value);
    }
  };
  walk(schema);
  EXPECT_EQ(listed, registry_names());
}

TEST(MetricRegistry, TheUnknownMetricMessageNamesEveryMetricInBothLanguages) {
  for (Lang lang : {Lang::en, Lang::zh_CN}) {
    const std::string text = render_message("kpi.unknown_metric", lang, {{"indicator", "x"}, {"metric", "y"}});
    for (const std::string& name : registry_names()) EXPECT_NE(text.find(name), std::string::npos) << lang_tag(lang) << " " << name;
  }
}
