// C API: KPI templates, targets, rule settings, bonus bands, scorecards and
// period closing.
#include "capi_internal.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/kpi/scorecard.hpp"

using namespace pactum;
using capi::guard;
using capi::optional_date;
using capi::put;
using capi::require;
using capi::text;
using capi::text_arg;
using capi::with_db;

namespace {

Period period_arg(const char* s) { return Period::parse(text_arg(s, "period")); }

template <class Fn>
void event_out(char** out, Fn&& fn) {
  if (out != nullptr) *out = nullptr;
  const Event e = fn();
  if (out != nullptr) *out = capi::dup_string(json::to_json(e));
}

}  // namespace

extern "C" {

int pactum_check_kpi_template(const char* template_json, char** canonical_json) {
  return guard([&] {
    require(canonical_json, "canonical_json");
    *canonical_json = nullptr;
    put(canonical_json, KpiTemplate::parse(text_arg(template_json, "template_json")).to_json(), "canonical_json");
  });
}

int pactum_parse_period(const char* period, char** period_json) {
  return guard([&] {
    require(period_json, "period_json");
    *period_json = nullptr;
    put(period_json, period_to_json(period_arg(period)), "period_json");
  });
}

int pactum_define_kpi_template(pactum_db* db, const char* template_json, char** stored_json) {
  return with_db(db, [&](Database& d) {
    if (stored_json != nullptr) *stored_json = nullptr;
    const KpiTemplate t = d.define_template(text(template_json, "template_json"));
    if (stored_json != nullptr) *stored_json = capi::dup_string(t.to_json());
  });
}

int pactum_kpi_template(pactum_db* db, const char* id, int version, char** template_json) {
  return with_db(db, [&](Database& d) {
    require(template_json, "template_json");
    *template_json = nullptr;
    if (version < 0) raise(Errc::invalid_argument, "kpi.template_version", {{"version", std::to_string(version)}});
    const KpiTemplate t = d.kpi_template(text(id, "id"), version == 0 ? std::nullopt : std::optional<int>(version));
    put(template_json, t.to_json(), "template_json");
  });
}

int pactum_kpi_templates(pactum_db* db, char** templates_json) {
  return with_db(db, [&](Database& d) {
    require(templates_json, "templates_json");
    *templates_json = nullptr;
    put(templates_json, kpi_templates_to_json(d.kpi_templates()), "templates_json");
  });
}

int pactum_bind_template(pactum_db* db, const char* position, const char* template_id) {
  return with_db(db, [&](Database& d) {
    const std::string p = text(position, "position");
    if (template_id == nullptr) {
      d.unbind_template(p);
    } else {
      d.bind_template(p, text(template_id, "template_id"));
    }
  });
}

int pactum_template_binding(pactum_db* db, const char* position, char** template_id) {
  return with_db(db, [&](Database& d) {
    require(template_id, "template_id");
    *template_id = nullptr;
    const auto bound = d.template_binding(text(position, "position"));
    if (bound) *template_id = capi::dup_string(*bound);
  });
}

int pactum_set_target(pactum_db* db, const char* target_json) {
  return with_db(db, [&](Database& d) { d.set_target(target_from_json(text_arg(target_json, "target_json"))); });
}

int pactum_set_rule(pactum_db* db, const char* rule_json) {
  return with_db(db, [&](Database& d) { d.set_rule(rule_setting_from_json(text_arg(rule_json, "rule_json"))); });
}

int pactum_set_bonus_bands(pactum_db* db, const char* bands_json) {
  return with_db(db, [&](Database& d) {
    std::optional<std::string> template_id;
    bool min_given = false;
    const PayrollLink link = payroll_link_from_json(text_arg(bands_json, "bands_json"), &template_id, &min_given);
    if (min_given) {
      d.set_payroll_link(link, template_id);
    } else {
      d.set_bonus_bands(link.bands, template_id);
    }
  });
}

int pactum_bonus_bands(pactum_db* db, const char* template_id, char** bands_json) {
  return with_db(db, [&](Database& d) {
    require(bands_json, "bands_json");
    *bands_json = nullptr;
    const auto id = capi::optional_text_arg(template_id, "template_id");
    put(bands_json, payroll_link_to_json(d.payroll_link(id)), "bands_json");
  });
}

int pactum_scorecard(pactum_db* db, const char* employee, const char* period, const char* as_of,
                     char** scorecard_json) {
  return with_db(db, [&](Database& d) {
    require(scorecard_json, "scorecard_json");
    *scorecard_json = nullptr;
    const std::string who = text(employee, "employee");
    const Period p = period_arg(period);
    put(scorecard_json, d.scorecard(who, p, optional_date(as_of, "as_of")).to_json(), "scorecard_json");
  });
}

int pactum_scorecards(pactum_db* db, const char* period, const char* as_of, const char* filter_json,
                      char** scorecards_json) {
  return with_db(db, [&](Database& d) {
    require(scorecards_json, "scorecards_json");
    *scorecards_json = nullptr;
    const Period p = period_arg(period);
    const ScorecardFilter filter =
        filter_json == nullptr ? ScorecardFilter{} : scorecard_filter_from_json(text_arg(filter_json, "filter_json"));
    put(scorecards_json, scorecards_to_json(d.scorecards(p, optional_date(as_of, "as_of"), filter)), "scorecards_json");
  });
}

int pactum_bonus_adjustment(pactum_db* db, const char* employee, const char* period, const char* base_bonus,
                            const char* currency, const char* as_of, char** adjustment) {
  return with_db(db, [&](Database& d) {
    require(adjustment, "adjustment");
    *adjustment = nullptr;
    const std::string who = text(employee, "employee");
    const Period p = period_arg(period);
    const Currency c = currency == nullptr ? d.reporting_currency() : Currency::of(text_arg(currency, "currency"));
    const Money base = Money::parse(text_arg(base_bonus, "base_bonus"), c);
    put(adjustment, d.bonus_adjustment(who, p, base, optional_date(as_of, "as_of")).to_string(), "adjustment");
  });
}

int pactum_bonus_decision(pactum_db* db, const char* employee, const char* period, const char* base_bonus,
                          const char* currency, const char* as_of, char** decision_json) {
  return with_db(db, [&](Database& d) {
    require(decision_json, "decision_json");
    *decision_json = nullptr;
    const std::string who = text(employee, "employee");
    const Period p = period_arg(period);
    const Currency c = currency == nullptr ? d.reporting_currency() : Currency::of(text_arg(currency, "currency"));
    const Money base = Money::parse(text_arg(base_bonus, "base_bonus"), c);
    const BonusDecision decision = d.bonus_decision(who, p, base, optional_date(as_of, "as_of"));
    put(decision_json, bonus_decision_to_json(decision, who, p), "decision_json");
  });
}

int pactum_close_period(pactum_db* db, const char* period, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    const Period p = period_arg(period);
    event_out(event_json, [&] { return d.close_period(p, optional_date(on, "on")); });
  });
}

int pactum_reopen_period(pactum_db* db, const char* period, const char* reason, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    const Period p = period_arg(period);
    const std::string why = text(reason, "reason");
    event_out(event_json, [&] { return d.reopen_period(p, why, optional_date(on, "on")); });
  });
}

}  // extern "C"
