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

bool template_exists(Database::Impl& impl, const std::string& id) {
  auto st = impl.statement("SELECT 1 FROM kpi_templates WHERE id = ? LIMIT 1");
  st->bind(1, id);
  return st->executeStep();
}

void require_template(Database::Impl& impl, const std::string& id) {
  if (!template_exists(impl, id)) refuse_unknown_template(id);
}

// The latest version of `id` written before `limit` (an event seq).
std::optional<KpiTemplate> latest_template(Database::Impl& impl, const std::string& id, std::int64_t limit) {
  auto st = impl.statement(
      "SELECT document FROM kpi_templates WHERE id = ? AND since_seq < ? ORDER BY version DESC LIMIT 1");
  st->bind(1, id);
  st->bind(2, static_cast<std::int64_t>(limit));
  if (!st->executeStep()) return std::nullopt;
  return KpiTemplate::parse(st->getColumn(0).getString());
}

std::optional<std::string> binding_of(Database::Impl& impl, const std::string& position, std::int64_t limit) {
  auto st = impl.statement(
      "SELECT template FROM kpi_bindings WHERE position = ? AND since_seq < ? ORDER BY since_seq DESC, id DESC LIMIT 1");
  st->bind(1, position);
  st->bind(2, static_cast<std::int64_t>(limit));
  if (!st->executeStep()) return std::nullopt;
  return optional_text(st->getColumn(0));
}

struct TargetRow {
  Decimal value;
  std::optional<PeriodKind> per;
};

std::optional<TargetRow> target_row(Database::Impl& impl, const char* scope, const std::string& subject,
                                    const std::string& indicator, const std::string& period, std::int64_t limit) {
  auto st = impl.statement(
      "SELECT value, per FROM kpi_targets WHERE scope = ? AND subject = ? AND indicator = ? AND period = ? "
      "AND since_seq < ? ORDER BY since_seq DESC, id DESC LIMIT 1");
  st->bind(1, scope);
  st->bind(2, subject);
  st->bind(3, indicator);
  st->bind(4, period);
  st->bind(5, static_cast<std::int64_t>(limit));
  if (!st->executeStep()) return std::nullopt;
  TargetRow row{Decimal::parse(st->getColumn(0).getString()), std::nullopt};
  if (!st->getColumn(1).isNull()) row.per = parse_target_per(st->getColumn(1).getString());
  return row;
}

struct RuleRow {
  bool enabled = true;
  Decimal points;
  std::optional<Decimal> cap;
};

std::optional<RuleRow> rule_row(Database::Impl& impl, const std::string& template_id, RuleKind rule, std::int64_t limit) {
  auto st = impl.statement(
      "SELECT enabled, points, cap FROM kpi_rule_settings WHERE template = ? AND rule = ? AND since_seq < ? "
      "ORDER BY since_seq DESC, id DESC LIMIT 1");
  st->bind(1, template_id);
  st->bind(2, rule_kind_name(rule));
  st->bind(3, static_cast<std::int64_t>(limit));
  if (!st->executeStep()) return std::nullopt;
  RuleRow row;
  row.enabled = st->getColumn(0).getInt() != 0;
  row.points = Decimal::parse(st->getColumn(1).getString());
  if (!st->getColumn(2).isNull()) row.cap = Decimal::parse(st->getColumn(2).getString());
  return row;
}

std::optional<PayrollLink> link_row(Database::Impl& impl, const std::string& template_id, std::int64_t limit) {
  auto st = impl.statement(
      "SELECT document FROM kpi_bonus_bands WHERE template = ? AND since_seq < ? ORDER BY since_seq DESC, id DESC LIMIT 1");
  st->bind(1, template_id);
  st->bind(2, static_cast<std::int64_t>(limit));
  if (!st->executeStep()) return std::nullopt;
  return payroll_link_from_json(st->getColumn(0).getString());
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
  auto st = impl.statement("INSERT INTO kpi_bonus_bands(template, document, since_seq) VALUES(?, ?, ?)");
  st->bind(1, template_id.value_or(""));
  st->bind(2, payroll_link_to_json(link));
  st->bind(3, static_cast<std::int64_t>(last_seq(impl)));
  st->exec();
}

}  // namespace

std::optional<std::int64_t> store::closed_seq_of(Database::Impl& impl, const Period& period) {
  auto st = impl.statement("SELECT closed_seq FROM kpi_periods WHERE period = ?");
  st->bind(1, period.to_string());
  if (!st->executeStep() || st->getColumn(0).isNull()) return std::nullopt;
  return st->getColumn(0).getInt64();
}

std::optional<KpiTemplate> store::resolved_template(Database::Impl& impl, const std::string& employee,
                                             const std::string& position, const Period& period, std::int64_t limit) {
  const auto id = binding_of(impl, position, limit);
  if (!id) return std::nullopt;
  auto t = latest_template(impl, *id, limit);
  if (!t) return std::nullopt;
  const std::string p = period.to_string();
  for (IndicatorDefinition& ind : t->indicators) {
    if (ind.normalisation != Normalisation::target && ind.normalisation != Normalisation::target_lower) continue;
    std::optional<TargetRow> row = target_row(impl, "employee", employee, ind.name, p, limit);
    if (!row) row = target_row(impl, "employee", employee, ind.name, "", limit);
    if (!row) row = target_row(impl, "position", position, ind.name, p, limit);
    if (!row) row = target_row(impl, "position", position, ind.name, "", limit);
    if (row) {
      ind.target = row->value;
      ind.per = row->per;
    }
  }
  for (RuleDefinition& r : t->rules) {
    std::optional<RuleRow> row = rule_row(impl, t->id, r.kind, limit);
    if (!row) row = rule_row(impl, "", r.kind, limit);
    if (row) {
      r.enabled = row->enabled;
      r.points = row->points;
      r.cap = row->cap;
    }
  }
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
    auto st = impl.statement(
        "WITH mine(id) AS (SELECT id FROM contracts WHERE signer = ?1 UNION SELECT id FROM contracts WHERE owner = ?1 "
        "UNION SELECT contract FROM contract_handovers WHERE to_owner = ?1) "
        "SELECT c.id FROM contracts c JOIN mine m ON m.id = c.id WHERE c.activated_on IS NOT NULL AND ("
        "(c.signer = ?1 AND c.signed_on >= ?2 AND c.signed_on <= ?3) OR c.closed_on IS NULL OR c.closed_on >= ?4 "
        "OR c.delivery_due >= ?5 "
        "OR EXISTS (SELECT 1 FROM installments i WHERE i.contract = c.id AND i.due >= ?4) "
        "OR EXISTS (SELECT 1 FROM events v WHERE v.contract = c.id AND v.effective >= ?4)) ORDER BY c.id");
    st->bind(1, employee);
    st->bind(2, signed_from.to_string());
    st->bind(3, period.end().to_string());
    st->bind(4, start.to_string());
    st->bind(5, start.add_days_clamped(-breach_days).to_string());
    while (st->executeStep()) ids.push_back(st->getColumn(0).getInt64());
  }
  for (std::int64_t id : ids) {
    in.contracts.push_back(load_contract(impl, id));
    for (Event& e : contract_events(impl, id)) in.events.push_back(std::move(e));
  }
  std::vector<std::int64_t> period_events;
  {
    auto st = impl.statement("SELECT seq FROM events WHERE type IN (?, ?) ORDER BY seq");
    st->bind(1, static_cast<int>(EventType::period_closed));
    st->bind(2, static_cast<int>(EventType::period_reopened));
    while (st->executeStep()) period_events.push_back(st->getColumn(0).getInt64());
  }
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
  return evaluate_scorecard(load_input(impl, employee, period, day));
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
    std::optional<int> latest;
    {
      auto st = impl_->statement("SELECT MAX(version) FROM kpi_templates WHERE id = ?");
      st->bind(1, t.id);
      if (st->executeStep() && !st->getColumn(0).isNull()) latest = st->getColumn(0).getInt();
    }
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
      std::optional<std::string> stored;
      auto st = impl_->statement("SELECT document FROM kpi_templates WHERE id = ? AND version = ?");
      st->bind(1, t.id);
      st->bind(2, t.version);
      if (st->executeStep()) stored = st->getColumn(0).getString();
      if (!check_template_version(t.id, t.version, *latest, stored, t.to_json())) return t;
    }
    auto st = impl_->statement("INSERT INTO kpi_templates(id, version, document, since_seq) VALUES(?, ?, ?, ?)");
    st->bind(1, t.id);
    st->bind(2, t.version);
    st->bind(3, t.to_json());
    st->bind(4, static_cast<std::int64_t>(last_seq(*impl_)));
    st->exec();
    return t;
  });
}

KpiTemplate Database::kpi_template(const std::string& id, std::optional<int> version) const {
  return impl_->read([&] {
    require_template(*impl_, id);
    auto st = impl_->statement(
        "SELECT document FROM kpi_templates WHERE id = ?1 AND (?2 IS NULL OR version = ?2) ORDER BY version DESC LIMIT 1");
    st->bind(1, id);
    if (version) {
      st->bind(2, *version);
    } else {
      st->bind(2);
    }
    if (!st->executeStep()) refuse_unknown_template_version(id, version.value_or(0));
    return KpiTemplate::parse(st->getColumn(0).getString());
  });
}

std::vector<KpiTemplate> Database::kpi_templates() const {
  return impl_->read([&] {
    auto st = impl_->statement("SELECT document FROM kpi_templates ORDER BY id, version");
    std::vector<KpiTemplate> out;
    while (st->executeStep()) out.push_back(KpiTemplate::parse(st->getColumn(0).getString()));
    return out;
  });
}

void Database::bind_template(const std::string& position, const std::string& template_id) {
  impl_->write([&] {
    require_name(position, "position");
    require_utf8(template_id, "template");
    require_template(*impl_, template_id);
    if (binding_of(*impl_, position, kNoFreeze) == template_id) return;
    auto st = impl_->statement("INSERT INTO kpi_bindings(position, template, since_seq) VALUES(?, ?, ?)");
    st->bind(1, position);
    st->bind(2, template_id);
    st->bind(3, static_cast<std::int64_t>(last_seq(*impl_)));
    st->exec();
  });
}

void Database::unbind_template(const std::string& position) {
  impl_->write([&] {
    require_name(position, "position");
    if (!binding_of(*impl_, position, kNoFreeze)) refuse_no_binding(position);
    auto st = impl_->statement("INSERT INTO kpi_bindings(position, template, since_seq) VALUES(?, NULL, ?)");
    st->bind(1, position);
    st->bind(2, static_cast<std::int64_t>(last_seq(*impl_)));
    st->exec();
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
    auto st = impl_->statement(
        "INSERT INTO kpi_targets(indicator, scope, subject, period, value, per, since_seq) VALUES(?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, target.indicator);
    st->bind(2, target.employee ? "employee" : "position");
    st->bind(3, target.employee ? *target.employee : *target.position);
    st->bind(4, target.period ? target.period->to_string() : std::string());
    st->bind(5, target.value.normalized().to_string());
    if (target.per) {
      st->bind(6, period_kind_name(*target.per));
    } else {
      st->bind(6);
    }
    st->bind(7, static_cast<std::int64_t>(last_seq(*impl_)));
    st->exec();
  });
}

void Database::set_rule(const RuleSetting& setting) {
  impl_->write([&] {
    check_rule_setting(setting);
    const char* name = rule_kind_name(setting.rule);
    if (setting.template_id) {
      require_utf8(*setting.template_id, "template");
      require_template(*impl_, *setting.template_id);
    }
    auto st = impl_->statement(
        "INSERT INTO kpi_rule_settings(template, rule, enabled, points, cap, since_seq) VALUES(?, ?, ?, ?, ?, ?)");
    st->bind(1, setting.template_id.value_or(""));
    st->bind(2, name);
    st->bind(3, setting.enabled ? 1 : 0);
    st->bind(4, setting.points.normalized().to_string());
    if (setting.cap) {
      st->bind(5, setting.cap->normalized().to_string());
    } else {
      st->bind(5);
    }
    st->bind(6, static_cast<std::int64_t>(last_seq(*impl_)));
    st->exec();
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
    with_engine_snapshot(*impl_, [&] {
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
    auto st = impl_->statement(
        "INSERT INTO kpi_periods(period, closed_seq) VALUES(?, ?) "
        "ON CONFLICT(period) DO UPDATE SET closed_seq = excluded.closed_seq");
    st->bind(1, period.to_string());
    st->bind(2, static_cast<std::int64_t>(out.seq));
    st->exec();
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
    auto st = impl_->statement("UPDATE kpi_periods SET closed_seq = NULL WHERE period = ?");
    st->bind(1, period.to_string());
    st->exec();
    return out;
  });
}

std::optional<std::int64_t> Database::period_closed(const Period& period) const {
  return impl_->read([&] { return closed_seq_of(*impl_, period); });
}

}  // namespace pactum
