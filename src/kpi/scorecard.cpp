// Scorecards: lookups and the JSON document.
#include "pactum/kpi/scorecard.hpp"

#include "../core/json_sink.hpp"
#include "kpi_json.hpp"
#include "pactum/kpi/document.hpp"
#include "pactum/core/display.hpp"

namespace pactum {

namespace {

using kpi_json::ordered_json;

std::string ratio_text(const Ratio& r, bool money, Currency currency) {
  return money ? display::money(r, currency).to_string() : display::rate(r).to_string();
}

}  // namespace

const char* breach_trigger_name(BreachTrigger trigger) noexcept {
  switch (trigger) {
    case BreachTrigger::event: return "event";
    case BreachTrigger::quality: return "quality";
    case BreachTrigger::overdue: return "overdue";
  }
  return "event";
}

const char* rule_hit_kind_name(RuleHitKind kind) noexcept {
  switch (kind) {
    case RuleHitKind::hit: return "hit";
    case RuleHitKind::retraction: return "retraction";
    case RuleHitKind::cap: return "cap";
  }
  return "hit";
}

std::string IndicatorScore::value_text(Currency reporting) const {
  return value ? ratio_text(*value, is_money_metric(metric), reporting) : std::string();
}

Decimal Scorecard::rule_points(RuleKind kind) const {
  Decimal sum = Decimal::from_coefficient(0, 2);
  for (const RuleHit& h : rules) {
    if (h.rule == kind) sum += h.points;
  }
  return sum;
}

const IndicatorScore* Scorecard::indicator(std::string_view name) const noexcept {
  for (const IndicatorScore& s : indicators) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string Scorecard::to_json() const { return versioned_document(*this); }

std::string scorecards_to_json(const std::vector<Scorecard>& cards) {
  std::string out = R"({"version":1,"scorecards":[)";
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (i > 0) out += ",";
    out += cards[i].to_json();
  }
  return out + "]}";
}

std::string kpi_templates_to_json(const std::vector<KpiTemplate>& templates) {
  std::string out = R"({"version":1,"templates":[)";
  for (std::size_t i = 0; i < templates.size(); ++i) {
    if (i > 0) out += ",";
    out += templates[i].to_json();
  }
  return out + "]}";
}

std::string period_to_json(const Period& period) {
  ordered_json doc;
  doc["version"] = 1;
  doc["period"] = period.to_string();
  doc["kind"] = period_kind_name(period.kind());
  doc["start"] = period.start().to_string();
  doc["end"] = period.end().to_string();
  const Ratio months = period.months();
  const Decimal rounded = months.round(6);
  doc["months"] = Ratio(rounded) == months ? rounded.normalized().to_string() : months.to_string();
  return doc.dump();
}

ScorecardFilter scorecard_filter_from_json(std::string_view text) {
  const auto doc = kpi_json::parse(text, "scorecard filter");
  const std::string p;
  kpi_json::require_object(doc, p);
  kpi_json::allow_members(doc, p, {"version", "department", "position"});
  kpi_json::require_version_1(doc, p);
  ScorecardFilter f;
  if (const auto* v = kpi_json::find(doc, "department")) f.department = kpi_json::string_at(*v, "/department");
  if (const auto* v = kpi_json::find(doc, "position")) f.position = kpi_json::string_at(*v, "/position");
  return f;
}

}  // namespace pactum
