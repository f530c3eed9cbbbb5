// The rules of KPI settings and periods over values.
#include "pactum/kpi/rules.hpp"

#include <string_view>

#include "pactum/core/error.hpp"

namespace pactum {

void check_target(const TargetSpec& target) {
  if (target.position.has_value() == target.employee.has_value()) raise(Errc::invalid_argument, "kpi.target_scope");
  if (target.value.is_negative() || target.value.normalized().scale() > 4) {
    raise(Errc::invalid_argument, "kpi.target_value", {{"indicator", target.indicator}, {"value", target.value.to_string()}});
  }
  if (target.per && *target.per == PeriodKind::custom) raise(Errc::invalid_argument, "kpi.bad_per_name", {{"per", "custom"}});
}

void check_rule_setting(const RuleSetting& setting) {
  const char* name = rule_kind_name(setting.rule);
  if (std::string_view(name) == "unknown") {
    raise(Errc::invalid_argument, "kpi.unknown_rule", {{"rule", std::to_string(static_cast<int>(setting.rule))}});
  }
  if (setting.points.normalized().scale() > 2) {
    raise(Errc::invalid_argument, "kpi.rule_points_scale", {{"rule", name}, {"points", setting.points.to_string()}});
  }
  if (setting.cap && setting.cap->is_negative()) {
    raise(Errc::invalid_argument, "kpi.rule_cap", {{"rule", name}, {"cap", setting.cap->to_string()}});
  }
}

void require_bonus_base(const Money& base) {
  if (base.is_negative()) raise(Errc::invalid_argument, "kpi.bonus_base_negative", {{"amount", base.to_string()}});
}

void refuse_unknown_template(const std::string& id) { raise(Errc::not_found, "kpi.unknown_template", {{"template", id}}); }

void refuse_unknown_template_version(const std::string& id, int version) {
  raise(Errc::not_found, "kpi.unknown_template_version", {{"template", id}, {"version", std::to_string(version)}});
}

void refuse_no_binding(const std::string& position) { raise(Errc::not_found, "kpi.no_binding", {{"position", position}}); }

bool check_template_version(const std::string& id, int version, int latest, const std::optional<std::string>& stored,
                            const std::string& document) {
  if (stored) {
    if (*stored == document) return false;
    raise(Errc::conflict, "kpi.template_conflict", {{"template", id}, {"version", std::to_string(version)}});
  }
  if (version < latest) {
    raise(Errc::conflict, "kpi.template_version_old",
          {{"template", id}, {"version", std::to_string(version)}, {"latest", std::to_string(latest)}});
  }
  return true;
}

void check_period_close(const Period& period, const std::optional<std::int64_t>& closed_seq, Date on) {
  if (closed_seq) {
    raise(Errc::invalid_state, "kpi.period_closed", {{"period", period.to_string()}, {"seq", std::to_string(*closed_seq)}});
  }
  if (on < period.end()) {
    raise(Errc::invalid_argument, "kpi.close_before_end",
          {{"period", period.to_string()}, {"end", period.end().to_string()}, {"on", on.to_string()}});
  }
}

void require_reopen_reason(const std::string& reason) {
  if (reason.empty()) raise(Errc::invalid_argument, "kpi.reopen_reason");
}

std::int64_t require_closed(const Period& period, const std::optional<std::int64_t>& closed_seq) {
  if (!closed_seq) raise(Errc::invalid_state, "kpi.period_not_closed", {{"period", period.to_string()}});
  return *closed_seq;
}

void check_reopen_date(const Period& period, Date closed_on, Date on) {
  if (on < closed_on) {
    raise(Errc::invalid_argument, "kpi.reopen_before_close",
          {{"period", period.to_string()}, {"closed", closed_on.to_string()}, {"on", on.to_string()}});
  }
}

}  // namespace pactum
