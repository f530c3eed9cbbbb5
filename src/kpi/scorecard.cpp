// Scorecards: lookups and the JSON document.
#include "pactum/kpi/scorecard.hpp"

#include "kpi_json.hpp"
#include "pactum/core/display.hpp"

namespace pactum {

namespace {

using kpi_json::ordered_json;

std::string ratio_text(const Ratio& r, bool money, Currency currency) {
  return money ? display::money(r, currency).to_string() : display::rate(r).to_string();
}

ordered_json optional_ratio(const std::optional<Ratio>& r, bool money, Currency currency) {
  return r ? ordered_json(ratio_text(*r, money, currency)) : ordered_json(nullptr);
}

template <class T>
ordered_json optional_value(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json optional_date(const std::optional<Date>& d) {
  return d ? ordered_json(d->to_string()) : ordered_json(nullptr);
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

std::string Scorecard::to_json() const {
  ordered_json doc;
  doc["version"] = 1;
  doc["employee"] = employee;
  doc["position"] = optional_value(position);
  doc["period"] = period.to_string();
  doc["period_kind"] = period_kind_name(period.kind());
  doc["period_start"] = period.start().to_string();
  doc["period_end"] = period.end().to_string();
  doc["as_of"] = as_of.to_string();
  doc["cutoff"] = cutoff.to_string();
  doc["collection_cutoff"] = collection_cutoff.to_string();
  doc["currency"] = std::string(currency.code());
  doc["template"] = optional_value(template_id);
  doc["template_version"] = optional_value(template_version);
  doc["scored"] = scored();
  auto decimal = [](const std::optional<Decimal>& d) { return d ? ordered_json(d->to_string()) : ordered_json(nullptr); };
  doc["total"] = decimal(total);
  doc["total_10"] = decimal(total_10);
  doc["coverage"] = scored() ? ordered_json(kpi_json::decimal_text(coverage)) : ordered_json(nullptr);
  doc["no_data"] = scored() ? ordered_json(no_data_policy_name(no_data)) : ordered_json(nullptr);
  doc["indicator_points"] = decimal(indicator_points);
  doc["scaled_points"] = decimal(scaled_points);
  doc["rule_points"] = decimal(rule_total);
  ordered_json inds = ordered_json::array();
  for (const IndicatorScore& s : indicators) {
    const bool money = is_money_metric(s.metric);
    ordered_json j;
    j["name"] = s.name;
    j["metric"] = kpi_metric_name(s.metric);
    j["scope"] = kpi_scope_name(s.scope);
    j["normalisation"] = normalisation_name(s.normalisation);
    j["value"] = optional_ratio(s.value, money, currency);
    j["value_exact"] = s.value ? ordered_json(s.value->to_string()) : ordered_json(nullptr);
    j["target"] = optional_ratio(s.target, money, currency);
    j["floor"] = optional_ratio(s.floor, money, currency);
    j["ceiling"] = optional_ratio(s.ceiling, money, currency);
    j["points"] = s.points.to_string();
    j["weight"] = kpi_json::decimal_text(s.weight);
    j["contracts"] = s.contracts;
    j["no_data"] = s.no_data;
    inds.push_back(std::move(j));
  }
  doc["indicators"] = std::move(inds);
  ordered_json rules_json = ordered_json::array();
  for (const RuleHit& h : rules) {
    ordered_json j;
    j["rule"] = rule_kind_name(h.rule);
    j["kind"] = rule_hit_kind_name(h.kind);
    j["points"] = h.points.to_string();
    j["event"] = optional_value(h.event);
    j["contract"] = optional_value(h.contract);
    j["date"] = optional_date(h.date);
    j["installment"] = optional_value(h.installment);
    j["retracts"] = optional_value(h.retracts);
    j["trigger"] = h.trigger ? ordered_json(breach_trigger_name(*h.trigger)) : ordered_json(nullptr);
    rules_json.push_back(std::move(j));
  }
  doc["rules"] = std::move(rules_json);
  doc["contracts"] = contracts;
  doc["closed"] = closed;
  doc["closed_seq"] = optional_value(closed_seq);
  ordered_json post = ordered_json::array();
  for (const PostCloseEvent& p : post_close) {
    ordered_json j;
    j["seq"] = p.seq;
    j["type"] = event_type_name(p.type);
    j["contract"] = p.contract;
    j["effective"] = p.effective.to_string();
    post.push_back(std::move(j));
  }
  doc["post_close"] = std::move(post);
  return doc.dump();
}

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
