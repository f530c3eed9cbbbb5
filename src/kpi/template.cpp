// KPI templates: names of metrics, normalisations and rules, validation, the
// JSON document, the built-in templates; bonus bands and stored settings.
#include "pactum/kpi/template.hpp"

#include <algorithm>
#include <set>

#include "kpi_json.hpp"
#include "scoring.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/directory.hpp"

namespace pactum {

using kpi_json::json;
using kpi_json::ordered_json;

namespace {

struct ScopeName {
  KpiScope scope;
  const char* name;
};
constexpr ScopeName kScopes[] = {
    {KpiScope::signed_in, "signed"},
    {KpiScope::to_date, "to_date"},
    {KpiScope::active, "active"},
    {KpiScope::event, "event"},
};

struct BreachTriggerName {
  bool RuleDefinition::*flag;
  const char* name;
};
constexpr BreachTriggerName kBreachTriggers[] = {
    {&RuleDefinition::on_event, "event"},
    {&RuleDefinition::on_quality, "quality"},
    {&RuleDefinition::on_overdue, "overdue"},
};

struct NormalisationName {
  Normalisation n;
  const char* name;
};
constexpr NormalisationName kNormalisations[] = {
    {Normalisation::target, "target"},
    {Normalisation::target_lower, "target_lower"},
    {Normalisation::linear, "linear"},
    {Normalisation::rate, "rate"},
    {Normalisation::inverse_rate, "inverse_rate"},
};

struct RuleName {
  RuleKind kind;
  const char* name;
};
constexpr RuleName kRules[] = {
    {RuleKind::collection_80, "collection_80"},
    {RuleKind::installment_overdue, "installment_overdue"},
    {RuleKind::late_delivery, "late_delivery"},
    {RuleKind::early_delivery, "early_delivery"},
    {RuleKind::breach, "breach"},
};

constexpr std::size_t kMaxIndicators = 50;
constexpr int kMaxGraceDays = 366;
constexpr int kMaxLateDays = 3650;
constexpr int kDefaultBreachDays = 30;

MessageArgs where(const IndicatorDefinition& ind) { return {{"indicator", ind.name}}; }

void check_text(const std::string& text, const char* what) {
  require_utf8(text, what);
  if (code_point_count(text) > 2000) raise(Errc::invalid_argument, "kpi.text_too_long", {{"what", what}});
}

void check_types(const std::vector<std::string>& types, const std::string& owner, bool allow_empty) {
  if (types.empty() && !allow_empty) raise(Errc::invalid_argument, "kpi.no_types", {{"owner", owner}});
  std::set<std::string> seen;
  for (const std::string& t : types) {
    try {
      validate_contract_type(t);
    } catch (const Error&) {
      raise(Errc::invalid_argument, "kpi.bad_type", {{"owner", owner}, {"type", t}});
    }
    if (!seen.insert(t).second) raise(Errc::invalid_argument, "kpi.duplicate_type", {{"owner", owner}, {"type", t}});
  }
}

void check_per(const IndicatorDefinition& ind) {
  if (ind.per && *ind.per == PeriodKind::custom) raise(Errc::invalid_argument, "kpi.bad_per", where(ind));
}

void check_indicator(const IndicatorDefinition& ind) {
  try {
    require_identifier(ind.name, "indicator name");
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.indicator_name", {{"indicator", ind.name}});
  }
  check_types(ind.types, ind.name, false);
  if (ind.weight.is_negative()) {
    raise(Errc::invalid_argument, "kpi.negative_weight", {{"indicator", ind.name}, {"weight", ind.weight.to_string()}});
  }
  if (ind.weight.normalized().scale() > 4) {
    raise(Errc::invalid_argument, "kpi.weight_scale", {{"indicator", ind.name}, {"weight", ind.weight.to_string()}});
  }
  check_text(ind.description, "indicator description");
  check_per(ind);
  if (!scope_allowed(ind.metric, ind.effective_scope())) {
    raise(Errc::invalid_argument, "kpi.scope_not_allowed",
          {{"indicator", ind.name}, {"scope", kpi_scope_name(ind.effective_scope())}, {"metric", kpi_metric_name(ind.metric)}});
  }
  const char* norm = normalisation_name(ind.normalisation);
  auto forbid = [&](const std::optional<Decimal>& p, const char* param) {
    if (p) raise(Errc::invalid_argument, "kpi.parameter_not_allowed", {{"indicator", ind.name}, {"parameter", param}, {"normalisation", norm}});
  };
  auto need = [&](const std::optional<Decimal>& p, const char* param) {
    if (!p) raise(Errc::invalid_argument, "kpi.parameter_missing", {{"indicator", ind.name}, {"parameter", param}, {"normalisation", norm}});
  };
  switch (ind.normalisation) {
    case Normalisation::target:
    case Normalisation::target_lower:
      need(ind.target, "target");
      forbid(ind.floor, "floor");
      forbid(ind.ceiling, "ceiling");
      if (ind.normalisation == Normalisation::target ? !(ind.target->coefficient() > 0) : ind.target->is_negative()) {
        raise(Errc::invalid_argument, ind.normalisation == Normalisation::target ? "kpi.target_not_positive" : "kpi.target_negative",
              {{"indicator", ind.name}, {"target", ind.target->to_string()}});
      }
      break;
    case Normalisation::linear:
      need(ind.floor, "floor");
      need(ind.ceiling, "ceiling");
      forbid(ind.target, "target");
      if (!(*ind.floor < *ind.ceiling)) {
        raise(Errc::invalid_argument, "kpi.floor_ceiling",
              {{"indicator", ind.name}, {"floor", ind.floor->to_string()}, {"ceiling", ind.ceiling->to_string()}});
      }
      break;
    case Normalisation::rate:
    case Normalisation::inverse_rate:
      forbid(ind.target, "target");
      forbid(ind.floor, "floor");
      forbid(ind.ceiling, "ceiling");
      if (ind.per) raise(Errc::invalid_argument, "kpi.parameter_not_allowed", {{"indicator", ind.name}, {"parameter", "per"}, {"normalisation", norm}});
      if (!is_rate_metric(ind.metric)) {
        raise(Errc::invalid_argument, "kpi.rate_needs_rate_metric",
              {{"indicator", ind.name}, {"metric", kpi_metric_name(ind.metric)}, {"normalisation", norm}});
      }
      break;
  }
}

void check_rule(const RuleDefinition& r) {
  const char* name = rule_kind_name(r.kind);
  if (r.points.normalized().scale() > 2) {
    raise(Errc::invalid_argument, "kpi.rule_points_scale", {{"rule", name}, {"points", r.points.to_string()}});
  }
  if (r.cap && r.cap->is_negative()) {
    raise(Errc::invalid_argument, "kpi.rule_cap", {{"rule", name}, {"cap", r.cap->to_string()}});
  }
  check_types(r.types, name, true);
  if (r.kind == RuleKind::collection_80) {
    if (!(r.threshold.coefficient() > 0) || Decimal(1) < r.threshold) {
      raise(Errc::invalid_argument, "kpi.rule_threshold", {{"rule", name}, {"threshold", r.threshold.to_string()}});
    }
  } else if (!r.threshold.is_zero()) {
    raise(Errc::invalid_argument, "kpi.rule_parameter", {{"rule", name}, {"parameter", "threshold"}});
  }
  if (r.kind == RuleKind::late_delivery || r.kind == RuleKind::breach) {
    if (r.days < 0 || r.days > kMaxLateDays) {
      raise(Errc::invalid_argument, "kpi.rule_days", {{"rule", name}, {"days", std::to_string(r.days)}, {"max", std::to_string(kMaxLateDays)}});
    }
  } else if (r.days != 0) {
    raise(Errc::invalid_argument, "kpi.rule_parameter", {{"rule", name}, {"parameter", "days"}});
  }
  if (r.kind != RuleKind::breach && !(r.on_event && r.on_quality && r.on_overdue)) {
    raise(Errc::invalid_argument, "kpi.rule_parameter", {{"rule", name}, {"parameter", "triggers"}});
  }
}

IndicatorDefinition indicator(const char* name, KpiMetric metric, std::vector<std::string> types, int weight,
                              Normalisation n, std::optional<Decimal> target = std::nullopt,
                              std::optional<PeriodKind> per = std::nullopt,
                              std::optional<KpiScope> scope = std::nullopt) {
  IndicatorDefinition d;
  d.name = name;
  d.metric = metric;
  d.types = std::move(types);
  d.weight = Decimal(weight);
  d.normalisation = n;
  d.target = target;
  d.per = per;
  d.scope = scope;
  return d;
}

std::vector<RuleDefinition> default_rules() {
  std::vector<RuleDefinition> out;
  for (RuleKind k : all_rule_kinds()) out.push_back(default_rule(k));
  return out;
}

// ---- JSON reading ---------------------------------------------------------------

std::vector<std::string> types_at(const json& j, const std::string& pointer) {
  if (!j.is_array()) kpi_json::type_error(pointer, "array of contract types");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(kpi_json::string_at(j[i], kpi_json::element(pointer, i)));
  return out;
}

PeriodKind per_at(const json& j, const std::string& pointer) {
  const std::string text = kpi_json::string_at(j, pointer);
  try {
    return parse_target_per(text);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.json_per", {{"pointer", pointer}, {"value", text}});
  }
}

IndicatorDefinition indicator_at(const json& j, const std::string& p) {
  kpi_json::require_object(j, p);
  kpi_json::allow_members(j, p,
                          {"name", "metric", "types", "weight", "normalisation", "target", "floor", "ceiling", "per", "scope",
                           "description"});
  IndicatorDefinition d;
  d.name = kpi_json::string_at(kpi_json::require(j, p, "name"), kpi_json::member(p, "name"));
  const std::string metric = kpi_json::string_at(kpi_json::require(j, p, "metric"), kpi_json::member(p, "metric"));
  try {
    d.metric = parse_kpi_metric(metric);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.unknown_metric", {{"indicator", d.name}, {"metric", metric}});
  }
  d.types = types_at(kpi_json::require(j, p, "types"), kpi_json::member(p, "types"));
  d.weight = kpi_json::decimal_at(kpi_json::require(j, p, "weight"), kpi_json::member(p, "weight"));
  const std::string norm =
      kpi_json::string_at(kpi_json::require(j, p, "normalisation"), kpi_json::member(p, "normalisation"));
  try {
    d.normalisation = parse_normalisation(norm);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.unknown_normalisation", {{"indicator", d.name}, {"normalisation", norm}});
  }
  if (const json* t = kpi_json::find(j, "target")) d.target = kpi_json::decimal_at(*t, kpi_json::member(p, "target"));
  if (const json* t = kpi_json::find(j, "floor")) d.floor = kpi_json::decimal_at(*t, kpi_json::member(p, "floor"));
  if (const json* t = kpi_json::find(j, "ceiling")) d.ceiling = kpi_json::decimal_at(*t, kpi_json::member(p, "ceiling"));
  if (const json* t = kpi_json::find(j, "per")) d.per = per_at(*t, kpi_json::member(p, "per"));
  if (const json* t = kpi_json::find(j, "scope")) {
    const std::string pointer = kpi_json::member(p, "scope");
    const std::string text = kpi_json::string_at(*t, pointer);
    try {
      d.scope = parse_kpi_scope(text);
    } catch (const Error&) {
      raise(Errc::invalid_argument, "kpi.json_scope", {{"pointer", pointer}, {"value", text}});
    }
  }
  if (const json* t = kpi_json::find(j, "description")) d.description = kpi_json::string_at(*t, kpi_json::member(p, "description"));
  return d;
}

RuleDefinition rule_at(const json& j, const std::string& p) {
  kpi_json::require_object(j, p);
  kpi_json::allow_members(j, p, {"rule", "enabled", "points", "cap", "types", "threshold", "days", "triggers"});
  const std::string name = kpi_json::string_at(kpi_json::require(j, p, "rule"), kpi_json::member(p, "rule"));
  RuleKind kind{};
  try {
    kind = parse_rule_kind(name);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.unknown_rule", {{"rule", name}});
  }
  RuleDefinition r = default_rule(kind);
  if (const json* v = kpi_json::find(j, "enabled")) r.enabled = kpi_json::boolean_at(*v, kpi_json::member(p, "enabled"));
  if (const json* v = kpi_json::find(j, "points")) r.points = kpi_json::decimal_at(*v, kpi_json::member(p, "points"));
  if (const json* v = kpi_json::find(j, "cap")) r.cap = kpi_json::decimal_at(*v, kpi_json::member(p, "cap"));
  if (const json* v = kpi_json::find(j, "types")) r.types = types_at(*v, kpi_json::member(p, "types"));
  if (const json* v = kpi_json::find(j, "threshold")) {
    if (kind != RuleKind::collection_80) raise(Errc::invalid_argument, "kpi.rule_parameter", {{"rule", name}, {"parameter", "threshold"}});
    r.threshold = kpi_json::decimal_at(*v, kpi_json::member(p, "threshold"));
  }
  if (const json* v = kpi_json::find(j, "days")) {
    if (kind != RuleKind::late_delivery && kind != RuleKind::breach) {
      raise(Errc::invalid_argument, "kpi.rule_parameter", {{"rule", name}, {"parameter", "days"}});
    }
    const std::int64_t days = kpi_json::integer_at(*v, kpi_json::member(p, "days"));
    if (days < 0 || days > kMaxLateDays) {
      raise(Errc::invalid_argument, "kpi.rule_days", {{"rule", name}, {"days", std::to_string(days)}, {"max", std::to_string(kMaxLateDays)}});
    }
    r.days = static_cast<int>(days);
  }
  if (const json* v = kpi_json::find(j, "triggers")) {
    const std::string pointer = kpi_json::member(p, "triggers");
    if (kind != RuleKind::breach) raise(Errc::invalid_argument, "kpi.rule_parameter", {{"rule", name}, {"parameter", "triggers"}});
    if (!v->is_array()) kpi_json::type_error(pointer, "array of breach triggers");
    for (const BreachTriggerName& t : kBreachTriggers) r.*t.flag = false;
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string at = kpi_json::element(pointer, i);
      const std::string text = kpi_json::string_at((*v)[i], at);
      const auto it = std::find_if(std::begin(kBreachTriggers), std::end(kBreachTriggers),
                                   [&](const BreachTriggerName& t) { return text == t.name; });
      if (it == std::end(kBreachTriggers)) raise(Errc::invalid_argument, "kpi.json_trigger", {{"pointer", at}, {"value", text}});
      if (r.*it->flag) raise(Errc::invalid_argument, "kpi.json_trigger", {{"pointer", at}, {"value", text}});
      r.*it->flag = true;
    }
  }
  return r;
}

std::optional<std::string> optional_identifier(const json& obj, const std::string& p, const char* name) {
  const json* v = kpi_json::find(obj, name);
  if (v == nullptr) return std::nullopt;
  std::string s = kpi_json::string_at(*v, kpi_json::member(p, name));
  return s;
}

}  // namespace

// ---- Names --------------------------------------------------------------------------

// The names, scopes and kinds of metrics are rows of the metric registry
// (scoring.hpp).

const char* kpi_metric_name(KpiMetric metric) noexcept {
  const scoring::MetricInfo* m = scoring::metric_info(metric);
  return m != nullptr ? m->name : "unknown";
}

KpiMetric parse_kpi_metric(std::string_view name) {
  if (const scoring::MetricInfo* m = scoring::find_metric(name)) return m->metric;
  raise(Errc::invalid_argument, "kpi.unknown_metric", {{"indicator", ""}, {"metric", std::string(name)}});
}

bool is_rate_metric(KpiMetric metric) noexcept {
  const scoring::MetricInfo* m = scoring::metric_info(metric);
  return m != nullptr && m->rate;
}

bool is_money_metric(KpiMetric metric) noexcept {
  const scoring::MetricInfo* m = scoring::metric_info(metric);
  return m != nullptr && m->money;
}

const char* kpi_scope_name(KpiScope scope) noexcept {
  for (const auto& x : kScopes) {
    if (x.scope == scope) return x.name;
  }
  return "unknown";
}

KpiScope parse_kpi_scope(std::string_view name) {
  for (const auto& x : kScopes) {
    if (name == x.name) return x.scope;
  }
  raise(Errc::invalid_argument, "kpi.unknown_scope", {{"scope", std::string(name)}});
}

KpiScope default_scope(KpiMetric metric) noexcept {
  const scoring::MetricInfo* m = scoring::metric_info(metric);
  return m != nullptr ? m->default_scope : KpiScope::signed_in;
}

bool scope_allowed(KpiMetric metric, KpiScope scope) noexcept {
  return scope != KpiScope::event || default_scope(metric) == KpiScope::event;
}

const char* no_data_policy_name(NoDataPolicy policy) noexcept {
  return policy == NoDataPolicy::zero ? "zero" : "reweight";
}

NoDataPolicy parse_no_data_policy(std::string_view name) {
  if (name == "reweight") return NoDataPolicy::reweight;
  if (name == "zero") return NoDataPolicy::zero;
  raise(Errc::invalid_argument, "kpi.unknown_no_data", {{"policy", std::string(name)}});
}

const char* normalisation_name(Normalisation n) noexcept {
  for (const auto& x : kNormalisations) {
    if (x.n == n) return x.name;
  }
  return "unknown";
}

Normalisation parse_normalisation(std::string_view name) {
  for (const auto& x : kNormalisations) {
    if (name == x.name) return x.n;
  }
  raise(Errc::invalid_argument, "kpi.unknown_normalisation", {{"indicator", ""}, {"normalisation", std::string(name)}});
}

PeriodKind parse_target_per(std::string_view name) {
  if (name == "month") return PeriodKind::month;
  if (name == "quarter") return PeriodKind::quarter;
  if (name == "year") return PeriodKind::year;
  raise(Errc::invalid_argument, "kpi.bad_per_name", {{"per", std::string(name)}});
}

const char* rule_kind_name(RuleKind kind) noexcept {
  for (const auto& r : kRules) {
    if (r.kind == kind) return r.name;
  }
  return "unknown";
}

RuleKind parse_rule_kind(std::string_view name) {
  for (const auto& r : kRules) {
    if (name == r.name) return r.kind;
  }
  raise(Errc::invalid_argument, "kpi.unknown_rule", {{"rule", std::string(name)}});
}

const std::vector<RuleKind>& all_rule_kinds() {
  static const std::vector<RuleKind> all = {RuleKind::collection_80, RuleKind::installment_overdue,
                                            RuleKind::late_delivery, RuleKind::early_delivery, RuleKind::breach};
  return all;
}

RuleDefinition default_rule(RuleKind kind) {
  RuleDefinition r;
  r.kind = kind;
  switch (kind) {
    case RuleKind::collection_80:
      r.points = Decimal(5);
      r.threshold = Decimal::from_coefficient(80, 2);
      break;
    case RuleKind::installment_overdue: r.points = Decimal(-3); break;
    case RuleKind::late_delivery:
      r.points = Decimal(-2);
      r.days = 5;
      break;
    case RuleKind::early_delivery: r.points = Decimal(10); break;
    case RuleKind::breach:
      r.points = Decimal(-15);
      r.days = kDefaultBreachDays;
      break;
  }
  return r;
}

// ---- Templates --------------------------------------------------------------------------

void KpiTemplate::validate() const {
  try {
    require_identifier(id, "template id");
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.template_id", {{"id", id}});
  }
  if (version < 1) raise(Errc::invalid_argument, "kpi.template_version", {{"version", std::to_string(version)}});
  if (!name.empty()) require_name(name, "template name");
  check_text(description, "template description");
  if (collection_grace_days < 0 || collection_grace_days > kMaxGraceDays) {
    raise(Errc::invalid_argument, "kpi.grace_days",
          {{"days", std::to_string(collection_grace_days)}, {"max", std::to_string(kMaxGraceDays)}});
  }
  if (to_date_from != PeriodKind::quarter && to_date_from != PeriodKind::year) {
    raise(Errc::invalid_argument, "kpi.to_date_from", {{"value", period_kind_name(to_date_from)}});
  }
  if (indicators.empty() || indicators.size() > kMaxIndicators) {
    raise(Errc::invalid_argument, "kpi.indicator_count",
          {{"count", std::to_string(indicators.size())}, {"max", std::to_string(kMaxIndicators)}});
  }
  std::set<std::string> names;
  Decimal sum;
  for (const IndicatorDefinition& ind : indicators) {
    check_indicator(ind);
    if (!names.insert(ind.name).second) raise(Errc::invalid_argument, "kpi.duplicate_indicator", {{"indicator", ind.name}});
    sum += ind.weight;
  }
  if (!(sum == Decimal(100))) raise(Errc::invalid_argument, "kpi.weights_sum", {{"sum", sum.normalized().to_string()}});
  if (rules.size() != all_rule_kinds().size()) {
    raise(Errc::invalid_argument, "kpi.rule_list", {{"count", std::to_string(rules.size())}});
  }
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].kind != all_rule_kinds()[i]) raise(Errc::invalid_argument, "kpi.rule_list", {{"count", std::to_string(rules.size())}});
    check_rule(rules[i]);
  }
}

KpiTemplate KpiTemplate::parse(std::string_view text, bool* version_given) {
  const json doc = kpi_json::parse(text, "KPI template");
  const std::string p;
  kpi_json::require_object(doc, p);
  kpi_json::allow_members(doc, p,
                          {"id", "version", "name", "description", "collection_grace_days", "to_date", "no_data", "indicators",
                           "rules"});
  KpiTemplate t;
  t.id = kpi_json::string_at(kpi_json::require(doc, p, "id"), "/id");
  if (version_given != nullptr) *version_given = kpi_json::find(doc, "version") != nullptr;
  if (const json* v = kpi_json::find(doc, "version")) {
    const std::int64_t version = kpi_json::integer_at(*v, "/version");
    if (version < 1 || version > 1000000) raise(Errc::invalid_argument, "kpi.template_version", {{"version", std::to_string(version)}});
    t.version = static_cast<int>(version);
  }
  if (const json* v = kpi_json::find(doc, "name")) t.name = kpi_json::string_at(*v, "/name");
  if (const json* v = kpi_json::find(doc, "description")) t.description = kpi_json::string_at(*v, "/description");
  if (const json* v = kpi_json::find(doc, "collection_grace_days")) {
    const std::int64_t days = kpi_json::integer_at(*v, "/collection_grace_days");
    if (days < 0 || days > kMaxGraceDays) {
      raise(Errc::invalid_argument, "kpi.grace_days", {{"days", std::to_string(days)}, {"max", std::to_string(kMaxGraceDays)}});
    }
    t.collection_grace_days = static_cast<int>(days);
  }
  if (const json* v = kpi_json::find(doc, "to_date")) {
    const std::string from = kpi_json::string_at(*v, "/to_date");
    if (from == "quarter") {
      t.to_date_from = PeriodKind::quarter;
    } else if (from == "year") {
      t.to_date_from = PeriodKind::year;
    } else {
      raise(Errc::invalid_argument, "kpi.json_to_date", {{"pointer", "/to_date"}, {"value", from}});
    }
  }
  if (const json* v = kpi_json::find(doc, "no_data")) {
    const std::string policy = kpi_json::string_at(*v, "/no_data");
    try {
      t.no_data = parse_no_data_policy(policy);
    } catch (const Error&) {
      raise(Errc::invalid_argument, "kpi.json_no_data", {{"pointer", "/no_data"}, {"value", policy}});
    }
  }
  const json& inds = kpi_json::require(doc, p, "indicators");
  if (!inds.is_array()) kpi_json::type_error("/indicators", "array");
  for (std::size_t i = 0; i < inds.size(); ++i) t.indicators.push_back(indicator_at(inds[i], kpi_json::element("/indicators", i)));
  t.rules = default_rules();
  if (const json* rs = kpi_json::find(doc, "rules")) {
    if (!rs->is_array()) kpi_json::type_error("/rules", "array");
    std::set<RuleKind> seen;
    for (std::size_t i = 0; i < rs->size(); ++i) {
      RuleDefinition r = rule_at((*rs)[i], kpi_json::element("/rules", i));
      if (!seen.insert(r.kind).second) raise(Errc::invalid_argument, "kpi.duplicate_rule", {{"rule", rule_kind_name(r.kind)}});
      t.rules[static_cast<std::size_t>(r.kind)] = r;
    }
  }
  t.validate();
  if (t.name.empty()) t.name = t.id;
  return t;
}

std::string KpiTemplate::to_json() const {
  ordered_json doc;
  doc["id"] = id;
  doc["version"] = version;
  doc["name"] = name.empty() ? id : name;
  if (!description.empty()) doc["description"] = description;
  doc["collection_grace_days"] = collection_grace_days;
  doc["to_date"] = period_kind_name(to_date_from);
  doc["no_data"] = no_data_policy_name(no_data);
  ordered_json inds = ordered_json::array();
  for (const IndicatorDefinition& ind : indicators) {
    ordered_json j;
    j["name"] = ind.name;
    j["metric"] = kpi_metric_name(ind.metric);
    j["types"] = ind.types;
    j["weight"] = kpi_json::decimal_text(ind.weight);
    j["normalisation"] = normalisation_name(ind.normalisation);
    if (ind.target) j["target"] = kpi_json::decimal_text(*ind.target);
    if (ind.floor) j["floor"] = kpi_json::decimal_text(*ind.floor);
    if (ind.ceiling) j["ceiling"] = kpi_json::decimal_text(*ind.ceiling);
    if (ind.per) j["per"] = period_kind_name(*ind.per);
    if (ind.scope) j["scope"] = kpi_scope_name(*ind.scope);
    if (!ind.description.empty()) j["description"] = ind.description;
    inds.push_back(std::move(j));
  }
  doc["indicators"] = std::move(inds);
  ordered_json rs = ordered_json::array();
  for (const RuleDefinition& r : rules) {
    ordered_json j;
    j["rule"] = rule_kind_name(r.kind);
    j["enabled"] = r.enabled;
    j["points"] = kpi_json::decimal_text(r.points);
    if (r.cap) j["cap"] = kpi_json::decimal_text(*r.cap);
    if (!r.types.empty()) j["types"] = r.types;
    if (r.kind == RuleKind::collection_80) j["threshold"] = kpi_json::decimal_text(r.threshold);
    if (r.kind == RuleKind::late_delivery || r.kind == RuleKind::breach) j["days"] = r.days;
    if (r.kind == RuleKind::breach) {
      ordered_json triggers = ordered_json::array();
      for (const BreachTriggerName& t : kBreachTriggers) {
        if (r.*t.flag) triggers.push_back(t.name);
      }
      j["triggers"] = std::move(triggers);
    }
    rs.push_back(std::move(j));
  }
  doc["rules"] = std::move(rs);
  return doc.dump();
}

const RuleDefinition& KpiTemplate::rule(RuleKind kind) const {
  for (const RuleDefinition& r : rules) {
    if (r.kind == kind) return r;
  }
  raise(Errc::internal, "core.internal", {{"detail", "template without a rule kind"}});
}

std::vector<std::string> KpiTemplate::indicator_types() const {
  std::set<std::string> all;
  for (const IndicatorDefinition& ind : indicators) all.insert(ind.types.begin(), ind.types.end());
  return {all.begin(), all.end()};
}

KpiTemplate KpiTemplate::builtin(std::string_view id) {
  KpiTemplate t;
  t.id = std::string(id);
  t.version = 2;
  t.rules = default_rules();
  if (id == "sales") {
    t.name = "Sales";
    t.description = "Sales template of the source article: signed amount, collection, customer satisfaction, execution cycle.";
    t.indicators = {
        indicator("signed_amount", KpiMetric::signed_amount, {"sales"}, 40, Normalisation::target, Decimal(1000000),
                  PeriodKind::quarter, KpiScope::to_date),
        indicator("collection_rate", KpiMetric::collection_rate, {"sales"}, 30, Normalisation::rate),
        indicator("satisfaction", KpiMetric::satisfaction, {"sales"}, 20, Normalisation::rate),
        indicator("execution_cycle", KpiMetric::cycle_days, {"sales"}, 10, Normalisation::target_lower, Decimal(30)),
    };
  } else if (id == "rnd") {
    t.name = "R&D";
    t.description = "R&D template of the source article: delivery cycle of projects, patent contracts, contract change rate.";
    t.indicators = {
        indicator("delivery_cycle", KpiMetric::cycle_days, {"project"}, 50, Normalisation::target_lower, Decimal(90)),
        indicator("patent_contracts", KpiMetric::contract_count, {"patent"}, 30, Normalisation::target, Decimal(2),
                  PeriodKind::year, KpiScope::to_date),
        indicator("change_rate", KpiMetric::change_rate, {"project", "patent"}, 20, Normalisation::inverse_rate),
    };
  } else if (id == "procurement") {
    t.name = "Procurement";
    t.description = "Procurement template of the source article: supplier fulfilment, cost reduction, disputes.";
    t.indicators = {
        indicator("fulfilment_rate", KpiMetric::fulfilment_rate, {"procurement"}, 60, Normalisation::rate),
        indicator("cost_reduction", KpiMetric::cost_reduction_rate, {"procurement"}, 30, Normalisation::target,
                  Decimal::from_coefficient(10, 2)),
        indicator("dispute_rate", KpiMetric::dispute_rate, {"procurement"}, 10, Normalisation::inverse_rate),
    };
    // Payments on procurement contracts are money paid to suppliers: neither
    // the 80% collection bonus nor the overdue-instalment penalty is the
    // buyer's doing.
    for (RuleDefinition& r : t.rules) {
      if (r.kind == RuleKind::collection_80 || r.kind == RuleKind::installment_overdue) r.enabled = false;
    }
  } else {
    raise(Errc::not_found, "kpi.unknown_template", {{"template", std::string(id)}});
  }
  return t;
}

std::vector<KpiTemplate> KpiTemplate::builtins() { return {builtin("sales"), builtin("rnd"), builtin("procurement")}; }

// ---- Bonus bands -------------------------------------------------------------------------

std::vector<BonusBand> default_bonus_bands() {
  return {BonusBand{std::nullopt, Decimal::from_coefficient(8000, 2), Decimal::from_coefficient(-10, 2)}};
}

void validate_bonus_bands(const std::vector<BonusBand>& bands) {
  if (bands.size() > 100) raise(Errc::invalid_argument, "kpi.band_count", {{"count", std::to_string(bands.size())}});
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const BonusBand& b = bands[i];
    const std::string n = std::to_string(i + 1);
    if (b.from && b.below && !(*b.from < *b.below)) raise(Errc::invalid_argument, "kpi.band_bounds", {{"band", n}});
    if (b.rate < Decimal(-1) || Decimal(10) < b.rate || b.rate.normalized().scale() > 6) {
      raise(Errc::invalid_argument, "kpi.band_rate", {{"band", n}, {"rate", b.rate.to_string()}});
    }
    for (std::size_t k = 0; k < i; ++k) {
      const BonusBand& o = bands[k];
      // [from, below) intervals overlap unless one ends at or before the other starts.
      const bool b_before_o = b.below && o.from && *b.below <= *o.from;
      const bool o_before_b = o.below && b.from && *o.below <= *b.from;
      if (!b_before_o && !o_before_b) {
        raise(Errc::invalid_argument, "kpi.band_overlap", {{"band", n}, {"other", std::to_string(k + 1)}});
      }
    }
  }
}

Decimal bonus_rate(const std::vector<BonusBand>& bands, const Decimal& score) {
  for (const BonusBand& b : bands) {
    if (b.from && score < *b.from) continue;
    if (b.below && !(score < *b.below)) continue;
    return b.rate;
  }
  return Decimal();
}

Money bonus_adjustment(const std::vector<BonusBand>& bands, const Decimal& score, const Money& base) {
  return base.times(bonus_rate(bands, score)).rounded_to_minor(Rounding::half_even);
}

void validate_payroll_link(const PayrollLink& link) {
  validate_bonus_bands(link.bands);
  if (link.min_coverage.is_negative() || Decimal(100) < link.min_coverage || link.min_coverage.normalized().scale() > 4) {
    raise(Errc::invalid_argument, "kpi.min_coverage", {{"value", link.min_coverage.to_string()}});
  }
}

const char* bonus_reason_name(BonusReason reason) noexcept {
  switch (reason) {
    case BonusReason::band: return "band";
    case BonusReason::no_band: return "no_band";
    case BonusReason::insufficient_data: return "insufficient_data";
    case BonusReason::no_score: return "no_score";
  }
  return "no_score";
}

BonusDecision decide_bonus(const PayrollLink& link, const std::optional<Decimal>& score, const Decimal& coverage,
                           const Money& base) {
  BonusDecision d;
  d.score = score;
  d.coverage = coverage;
  d.min_coverage = link.min_coverage;
  d.adjustment = Money::zero(base.currency()).rounded_to_minor();
  if (!score) {
    d.reason = BonusReason::no_score;
  } else if (coverage < link.min_coverage) {
    d.reason = BonusReason::insufficient_data;
  } else {
    const auto band = std::find_if(link.bands.begin(), link.bands.end(), [&](const BonusBand& b) {
      return !(b.from && *score < *b.from) && !(b.below && !(*score < *b.below));
    });
    if (band == link.bands.end()) {
      d.reason = BonusReason::no_band;
    } else {
      d.reason = BonusReason::band;
      d.rate = band->rate;
      d.adjustment = bonus_adjustment(link.bands, *score, base);
    }
  }
  return d;
}

// ---- Stored settings as JSON -------------------------------------------------------------

TargetSpec target_from_json(std::string_view text) {
  const json doc = kpi_json::parse(text, "target");
  const std::string p;
  kpi_json::require_object(doc, p);
  kpi_json::allow_members(doc, p, {"version", "indicator", "value", "per", "position", "employee", "period"});
  kpi_json::require_version_1(doc, p);
  TargetSpec t;
  t.indicator = kpi_json::string_at(kpi_json::require(doc, p, "indicator"), "/indicator");
  t.value = kpi_json::decimal_at(kpi_json::require(doc, p, "value"), "/value");
  if (const json* v = kpi_json::find(doc, "per")) t.per = per_at(*v, "/per");
  t.position = optional_identifier(doc, p, "position");
  t.employee = optional_identifier(doc, p, "employee");
  if (const json* v = kpi_json::find(doc, "period")) t.period = Period::parse(kpi_json::string_at(*v, "/period"));
  return t;
}

RuleSetting rule_setting_from_json(std::string_view text) {
  const json doc = kpi_json::parse(text, "rule setting");
  const std::string p;
  kpi_json::require_object(doc, p);
  kpi_json::allow_members(doc, p, {"version", "template", "rule", "enabled", "points", "cap"});
  kpi_json::require_version_1(doc, p);
  RuleSetting s;
  s.template_id = optional_identifier(doc, p, "template");
  const std::string name = kpi_json::string_at(kpi_json::require(doc, p, "rule"), "/rule");
  try {
    s.rule = parse_rule_kind(name);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.unknown_rule", {{"rule", name}});
  }
  const RuleDefinition d = default_rule(s.rule);
  s.points = d.points;
  if (const json* v = kpi_json::find(doc, "enabled")) s.enabled = kpi_json::boolean_at(*v, "/enabled");
  if (const json* v = kpi_json::find(doc, "points")) s.points = kpi_json::decimal_at(*v, "/points");
  if (const json* v = kpi_json::find(doc, "cap")) s.cap = kpi_json::decimal_at(*v, "/cap");
  return s;
}

PayrollLink payroll_link_from_json(std::string_view text, std::optional<std::string>* template_id,
                                   bool* min_coverage_given) {
  const json doc = kpi_json::parse(text, "bonus bands");
  const std::string p;
  kpi_json::require_object(doc, p);
  kpi_json::allow_members(doc, p, {"version", "template", "bands", "min_coverage"});
  kpi_json::require_version_1(doc, p);
  if (template_id != nullptr) *template_id = optional_identifier(doc, p, "template");
  const json& arr = kpi_json::require(doc, p, "bands");
  if (!arr.is_array()) kpi_json::type_error("/bands", "array");
  std::vector<BonusBand> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string bp = kpi_json::element("/bands", i);
    const json& b = arr[i];
    kpi_json::require_object(b, bp);
    kpi_json::allow_members(b, bp, {"from", "below", "rate"});
    BonusBand band;
    if (const json* v = kpi_json::find(b, "from")) band.from = kpi_json::decimal_at(*v, kpi_json::member(bp, "from"));
    if (const json* v = kpi_json::find(b, "below")) band.below = kpi_json::decimal_at(*v, kpi_json::member(bp, "below"));
    band.rate = kpi_json::decimal_at(kpi_json::require(b, bp, "rate"), kpi_json::member(bp, "rate"));
    out.push_back(band);
  }
  PayrollLink link;
  link.bands = std::move(out);
  const json* min = kpi_json::find(doc, "min_coverage");
  if (min != nullptr) link.min_coverage = kpi_json::decimal_at(*min, "/min_coverage");
  if (min_coverage_given != nullptr) *min_coverage_given = min != nullptr;
  validate_payroll_link(link);
  return link;
}

std::vector<BonusBand> bonus_bands_from_json(std::string_view text, std::optional<std::string>* template_id) {
  return payroll_link_from_json(text, template_id).bands;
}

std::string payroll_link_to_json(const PayrollLink& link) {
  ordered_json doc;
  doc["version"] = 1;
  ordered_json arr = ordered_json::array();
  for (const BonusBand& b : link.bands) {
    ordered_json j;
    if (b.from) j["from"] = kpi_json::decimal_text(*b.from);
    if (b.below) j["below"] = kpi_json::decimal_text(*b.below);
    j["rate"] = kpi_json::decimal_text(b.rate);
    arr.push_back(std::move(j));
  }
  doc["bands"] = std::move(arr);
  doc["min_coverage"] = kpi_json::decimal_text(link.min_coverage);
  return doc.dump();
}

std::string bonus_bands_to_json(const std::vector<BonusBand>& bands) {
  PayrollLink link;
  link.bands = bands;
  return payroll_link_to_json(link);
}

std::string bonus_decision_to_json(const BonusDecision& d, const std::string& employee, const Period& period) {
  ordered_json doc;
  doc["version"] = 1;
  doc["employee"] = employee;
  doc["period"] = period.to_string();
  doc["score"] = d.score ? ordered_json(d.score->to_string()) : ordered_json(nullptr);
  doc["coverage"] = kpi_json::decimal_text(d.coverage);
  doc["min_coverage"] = kpi_json::decimal_text(d.min_coverage);
  doc["rate"] = kpi_json::decimal_text(d.rate);
  doc["adjustment"] = d.adjustment.to_string();
  doc["currency"] = std::string(d.adjustment.currency().code());
  doc["reason"] = bonus_reason_name(d.reason);
  return doc.dump();
}

}  // namespace pactum
