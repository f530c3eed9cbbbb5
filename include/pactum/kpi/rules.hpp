// The rules of KPI settings and periods (docs/kpi.md): what a target, a rule
// setting and a bonus base may be, when a template version may be written,
// and when a period may be closed or reopened. Pure: the store loads the
// facts and calls them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pactum/core/date.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/period.hpp"
#include "pactum/kpi/template.hpp"

namespace pactum {

// ValidationErrors: a target names exactly one of a position and an employee
// (kpi.target_scope), its value is not negative with at most four decimals
// (kpi.target_value), and `per` is not custom (kpi.bad_per_name). The texts
// are checked by the caller.
void check_target(const TargetSpec& target);
// A rule setting names a known rule (kpi.unknown_rule), its points have at
// most two decimals (kpi.rule_points_scale) and its cap is not negative
// (kpi.rule_cap).
void check_rule_setting(const RuleSetting& setting);
// A bonus base is not negative (kpi.bonus_base_negative).
void require_bonus_base(const Money& base);

// PACTUM_ENOTFOUND: no template `id` (kpi.unknown_template), no version
// `version` of it (kpi.unknown_template_version; 0: the latest), no template
// bound to `position` (kpi.no_binding).
[[noreturn]] void refuse_unknown_template(const std::string& id);
[[noreturn]] void refuse_unknown_template_version(const std::string& id, int version);
[[noreturn]] void refuse_no_binding(const std::string& position);

// Writing version `version` of template `id` given explicitly, `latest`
// being the highest stored and `stored` the document stored under that very
// version, if any: false when `stored` equals `document` (the same write
// again: nothing to do), true to write it; a PACTUM_ECONFLICT when another
// document holds that version (kpi.template_conflict) or the version is
// below the latest (kpi.template_version_old).
bool check_template_version(const std::string& id, int version, int latest, const std::optional<std::string>& stored,
                            const std::string& document);

// Closing `period` on `on`: a StateError when it is closed already
// (`closed_seq`, the closing event; kpi.period_closed), a ValidationError
// before the period's end (kpi.close_before_end).
void check_period_close(const Period& period, const std::optional<std::int64_t>& closed_seq, Date on);
// Reopening: a reason is required (kpi.reopen_reason); the period must be
// closed (StateError kpi.period_not_closed) and `on` not before its close
// (kpi.reopen_before_close).
void require_reopen_reason(const std::string& reason);
std::int64_t require_closed(const Period& period, const std::optional<std::int64_t>& closed_seq);
void check_reopen_date(const Period& period, Date closed_on, Date on);

}  // namespace pactum
