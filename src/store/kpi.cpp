// KPI storage: versioned templates, position bindings, targets, rule
// settings and bonus bands (each kept with its history, stamped with the last
// event seq when it was written), period close and reopen, and the inputs of
// the reference evaluator.
#include "contracts_internal.hpp"
#include "kpi_internal.hpp"
#include "pactum/kpi/rules.hpp"
#include "pactum/core/text.hpp"
#include "../kpi/scoring.hpp"

namespace pactum {

using namespace store;

namespace {

std::int64_t last_seq(Database::Impl& impl) { return impl.storage().last_event_seq(); }

KpiRecords& records(Database::Impl& impl) { return impl.storage().kpi(); }

void require_template(Database::Impl& impl, const std::string& id) {
  if (!records(impl).template_exists(id)) refuse_unknown_template(id);
}

// The latest version of `id` written before `limit` (an event seq).
std::optional<KpiTemplate> latest_template(Database::Impl& impl, const std::string& id, std::int64_t limit) {
  auto document = records(impl).template_document_before(id, limit);
  if (!document) return std::nullopt;
  return parsed_template(impl, *document);
}

std::optional<std::string> binding_of(Database::Impl& impl, const std::string& position, std::int64_t limit) {
  return records(impl).binding(position, limit);
}

std::optional<PayrollLink> link_row(Database::Impl& impl, const std::string& template_id, std::int64_t limit) {
  auto document = records(impl).payroll_link_document(template_id, limit);
  if (!document) return std::nullopt;
  return payroll_link_from_json(*document);
}

// The payroll link of one template: its own, else the one of every
// template, else the default (score < 80 -> -10%, min_coverage 50).
PayrollLink link_for(Database::Impl& impl, const std::optional<std::string>& template_id, std::int64_t limit) {
  if (template_id) {
    if (auto own = link_row(impl, *template_id, limit)) return *own;
  }
  if (auto all = link_row(impl, "", limit)) return *all;
  return PayrollLink{};
}

void store_link(Database::Impl& impl, const PayrollLink& link, const std::optional<std::string>& template_id) {
  validate_payroll_link(link);
  if (template_id) {
    require_utf8(*template_id, "template");
    require_template(impl, *template_id);
  }
  records(impl).insert_payroll_link(template_id.value_or(""), payroll_link_to_json(link), last_seq(impl));
}

}  // namespace

std::optional<std::int64_t> store::closed_seq_of(Database::Impl& impl, const Period& period) {
  return records(impl).period_closed_seq(period.to_string());
}

namespace {

// The targets set for `who` (an employee, else a position) over `t`'s: the
// period's, else the standing one.
void apply_targets(KpiRecords& kpi, bool employee, const std::string& who, KpiTemplate& t, const Period& period,
                   std::int64_t limit) {
  const std::string p = period.to_string();
  for (IndicatorDefinition& ind : t.indicators) {
    if (ind.normalisation != Normalisation::target && ind.normalisation != Normalisation::target_lower) continue;
    std::optional<TargetRecord> row = kpi.target(employee, who, ind.name, p, limit);
    if (!row) row = kpi.target(employee, who, ind.name, "", limit);
    if (row) {
      ind.target = row->value;
      ind.per = row->per;
    }
  }
}

}  // namespace

std::optional<KpiTemplate> store::position_template(Database::Impl& impl, const std::string& position,
                                                   const Period& period, std::int64_t limit) {
  const auto id = binding_of(impl, position, limit);
  if (!id) return std::nullopt;
  auto t = latest_template(impl, *id, limit);
  if (!t) return std::nullopt;
  KpiRecords& kpi = records(impl);
  apply_targets(kpi, false, position, *t, period, limit);
  for (RuleDefinition& r : t->rules) {
    std::optional<RuleSettingRecord> row = kpi.rule_setting(t->id, r.kind, limit);
    if (!row) row = kpi.rule_setting("", r.kind, limit);
    if (row) {
      r.enabled = row->enabled;
      r.points = row->points;
      r.cap = row->cap;
    }
  }
  return t;
}

void store::apply_employee_targets(Database::Impl& impl, const std::string& employee, KpiTemplate& t,
                                   const Period& period, std::int64_t limit) {
  apply_targets(records(impl), true, employee, t, period, limit);
}

std::optional<KpiTemplate> store::resolved_template(Database::Impl& impl, const std::string& employee,
                                                   const std::string& position, const Period& period,
                                                   std::int64_t limit) {
  auto t = position_template(impl, position, period, limit);
  if (t) apply_employee_targets(impl, employee, *t, period, limit);
  return t;
}

ScoringInput store::load_input(Database::Impl& impl, const std::string& employee, const Period& period, Date as_of,
                               std::optional<std::int64_t> frozen_at) {
  require_employee(impl, employee);
  ScoringInput in;
  in.employee = employee;
  in.period = period;
  in.as_of = as_of;
  in.currency = impl.currency;
  const Date cutoff = std::min(as_of, period.end());
  in.position = posting_on(impl, employee, cutoff).second;
  const auto freeze = frozen_at ? frozen_at : closed_seq_of(impl, period);
  in.kpi_template = resolved_template(impl, employee, *in.position, period, freeze.value_or(kNoFreeze));
  // The employee's contracts that can matter to the period: signed by them
  // in the signing scopes' window, or held by them at some time and, if
  // closed before the period, with an event or a due date in it or later
  // (docs/kpi.md, "Scopes"); the rule book selects among them.
  std::vector<std::int64_t> ids;
  if (in.kpi_template) {
    const Date start = period.start();
    const Date signed_from = std::min(start, scoring::to_date_start(period, in.kpi_template->to_date_from));
    const int breach_days = in.kpi_template->rule(RuleKind::breach).days;
    ids = records(impl).contracts_in_scope(
        {employee, signed_from, period.end(), start, start.add_days_clamped(-breach_days)});
  }
  for (std::int64_t id : ids) {
    in.contracts.push_back(load_contract(impl, id));
    for (Event& e : contract_events(impl, id)) in.events.push_back(std::move(e));
  }
  const std::vector<std::int64_t> period_events = records(impl).period_event_seqs();
  for (std::int64_t seq : period_events) {
    if (frozen_at && seq > *frozen_at) break;
    Event e = load_event(impl, seq);
    const auto p = period_of_event(e);
    if (p && *p == period) in.events.push_back(std::move(e));
  }
  return in;
}

namespace {

// From the incremental engine when it holds the scorecard, else from the
// reference evaluator (docs/kpi.md, "Incremental engine").
Scorecard scorecard_of(Database::Impl& impl, const std::string& employee, const Period& period, Date day) {
  if (auto card = engine_scorecard(impl, employee, period, day)) return std::move(*card);
  const ScoringInput in = load_input(impl, employee, period, day);
  reference_answered(impl, in.contracts.size() + in.events.size());
  return evaluate_scorecard(in);
}

}  // namespace

KpiTemplate Database::define_template(const std::string& template_json) {
  bool version_given = false;
  const KpiTemplate parsed =
      impl_->read([&] { return KpiTemplate::parse(template_json, &version_given); });
  return define_template(parsed, version_given ? TemplateVersion::given : TemplateVersion::next);
}

KpiTemplate Database::define_template(const KpiTemplate& definition, TemplateVersion version) {
  return impl_->write([&] {
    KpiTemplate t = definition;
    t.validate();
    const bool version_given = version == TemplateVersion::given;
    KpiRecords& kpi = records(*impl_);
    const std::optional<int> latest = kpi.latest_template_version(t.id);
    if (!version_given) {
      if (latest) {
        KpiTemplate current = kpi_template(t.id, *latest);
        t.version = *latest;
        if (current.to_json() == t.to_json()) return current;
        t.version = *latest + 1;
      } else {
        t.version = 1;
      }
    } else if (latest) {
      const std::optional<std::string> stored = kpi.template_document(t.id, t.version);
      if (!check_template_version(t.id, t.version, *latest, stored, t.to_json())) return t;
    }
    kpi.insert_template(t.id, t.version, t.to_json(), last_seq(*impl_));
    return t;
  });
}

KpiTemplate Database::kpi_template(const std::string& id, std::optional<int> version) const {
  return impl_->read([&] {
    require_template(*impl_, id);
    const auto document = records(*impl_).template_document(id, version);
    if (!document) refuse_unknown_template_version(id, version.value_or(0));
    return KpiTemplate::parse(*document);
  });
}

std::vector<KpiTemplate> Database::kpi_templates() const {
  return impl_->read([&] {
    std::vector<KpiTemplate> out;
    for (const std::string& document : records(*impl_).template_documents()) out.push_back(KpiTemplate::parse(document));
    return out;
  });
}

void Database::bind_template(const std::string& position, const std::string& template_id) {
  impl_->write([&] {
    require_name(position, "position");
    require_utf8(template_id, "template");
    require_template(*impl_, template_id);
    if (binding_of(*impl_, position, kNoFreeze) == template_id) return;
    records(*impl_).insert_binding(position, template_id, last_seq(*impl_));
  });
}

void Database::unbind_template(const std::string& position) {
  impl_->write([&] {
    require_name(position, "position");
    if (!binding_of(*impl_, position, kNoFreeze)) refuse_no_binding(position);
    records(*impl_).insert_binding(position, std::nullopt, last_seq(*impl_));
  });
}

std::optional<std::string> Database::template_binding(const std::string& position) const {
  return impl_->read([&] {
    require_utf8(position, "position");
    return binding_of(*impl_, position, kNoFreeze);
  });
}

void Database::set_target(const TargetSpec& target) {
  impl_->write([&] {
    require_identifier(target.indicator, "indicator");
    check_target(target);
    if (target.position) require_name(*target.position, "position");
    if (target.employee) require_employee(*impl_, *target.employee);
    records(*impl_).insert_target({target.indicator, target.employee.has_value(),
                                   target.employee ? *target.employee : *target.position,
                                   target.period ? target.period->to_string() : std::string(), target.value, target.per},
                                  last_seq(*impl_));
  });
}

void Database::set_rule(const RuleSetting& setting) {
  impl_->write([&] {
    check_rule_setting(setting);
    if (setting.template_id) {
      require_utf8(*setting.template_id, "template");
      require_template(*impl_, *setting.template_id);
    }
    records(*impl_).insert_rule_setting(
        {setting.template_id.value_or(""), setting.rule, setting.enabled, setting.points, setting.cap},
        last_seq(*impl_));
  });
}

void Database::set_bonus_bands(const std::vector<BonusBand>& bands, const std::optional<std::string>& template_id) {
  impl_->write([&] {
    validate_bonus_bands(bands);
    if (template_id) require_utf8(*template_id, "template");
    // The bands change; the threshold of the same scope stays.
    PayrollLink link = link_row(*impl_, template_id.value_or(""), kNoFreeze).value_or(PayrollLink{});
    link.bands = bands;
    store_link(*impl_, link, template_id);
  });
}

std::vector<BonusBand> Database::bonus_bands(const std::optional<std::string>& template_id) const {
  return payroll_link(template_id).bands;
}

void Database::set_payroll_link(const PayrollLink& link, const std::optional<std::string>& template_id) {
  impl_->write([&] { store_link(*impl_, link, template_id); });
}

PayrollLink Database::payroll_link(const std::optional<std::string>& template_id) const {
  return impl_->read([&] {
    if (template_id) {
      require_utf8(*template_id, "template");
      require_template(*impl_, *template_id);
    }
    return link_for(*impl_, template_id, kNoFreeze);
  });
}

ScoringInput Database::scoring_input(const std::string& employee, const Period& period, std::optional<Date> as_of) const {
  const Date day = as_of ? *as_of : today();
  return impl_->read([&] {
    require_utf8(employee, "employee");
    return load_input(*impl_, employee, period, day);
  });
}

Scorecard Database::scorecard(const std::string& employee, const Period& period, std::optional<Date> as_of) const {
  const Date day = as_of ? *as_of : today();
  return impl_->read([&] {
    require_utf8(employee, "employee");
    return scorecard_of(*impl_, employee, period, day);
  });
}

std::vector<Scorecard> Database::scorecards(const Period& period, std::optional<Date> as_of,
                                            const ScorecardFilter& filter) const {
  const Date day = as_of ? *as_of : today();
  return impl_->read([&] {
    if (filter.position) require_utf8(*filter.position, "position");
    const Date cutoff = std::min(day, period.end());
    std::vector<Scorecard> out;
    const std::vector<Employee> staff = employees(filter.department, cutoff);
    with_engine_snapshot(*impl_, day, [&] {
      for (const Employee& e : staff) {
        if (filter.position && e.position != *filter.position) continue;
        out.push_back(scorecard_of(*impl_, e.id, period, day));
      }
    });
    return out;
  });
}

Money Database::bonus_adjustment(const std::string& employee, const Period& period, const Money& base_bonus,
                                 std::optional<Date> as_of) const {
  return bonus_decision(employee, period, base_bonus, as_of).adjustment;
}

BonusDecision Database::bonus_decision(const std::string& employee, const Period& period, const Money& base_bonus,
                                       std::optional<Date> as_of) const {
  const Date day = as_of ? *as_of : today();
  return impl_->read([&] {
    require_bonus_base(base_bonus);
    require_utf8(employee, "employee");
    const Scorecard card = scorecard_of(*impl_, employee, period, day);
    const auto freeze = closed_seq_of(*impl_, period);
    const PayrollLink link = link_for(*impl_, card.template_id, freeze.value_or(kNoFreeze));
    return decide_bonus(link, card.total, card.coverage, base_bonus);
  });
}

Event Database::close_period(const Period& period, std::optional<Date> on, const std::optional<std::string>& actor) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    if (actor) require_name(*actor, "actor");
    check_period_close(period, closed_seq_of(*impl_, period), day);
    NewEvent ev;
    ev.type = EventType::period_closed;
    ev.effective = day;
    ev.actor = actor;
    ev.payload = period_event_payload(period);
    const Event out = append_event(*impl_, ev, impl_->currency);
    records(*impl_).store_period_close(period.to_string(), out.seq);
    return out;
  });
}

Event Database::reopen_period(const Period& period, const std::string& reason, std::optional<Date> on,
                              const std::optional<std::string>& actor) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    if (actor) require_name(*actor, "actor");
    require_reopen_reason(reason);
    require_name(reason, "reason", 2000);
    const Event closing = load_event(*impl_, require_closed(period, closed_seq_of(*impl_, period)));
    check_reopen_date(period, closing.effective, day);
    NewEvent ev;
    ev.type = EventType::period_reopened;
    ev.effective = day;
    ev.actor = actor;
    ev.reason = reason;
    ev.payload = period_event_payload(period);
    const Event out = append_event(*impl_, ev, impl_->currency);
    records(*impl_).clear_period_close(period.to_string());
    return out;
  });
}

std::optional<std::int64_t> Database::period_closed(const Period& period) const {
  return impl_->read([&] { return closed_seq_of(*impl_, period); });
}

}  // namespace pactum
