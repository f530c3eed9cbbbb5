#include "pactum/kpi/document.hpp"

#include "pactum/core/display.hpp"

namespace pactum {

using document::member;

namespace {

// A ratio as shown: money rounded once to the minor unit, a rate to 6 decimals.
void shown(DocumentSink& s, std::string_view name, const std::optional<Ratio>& r, bool money, Currency currency) {
  s.key(name);
  if (!r) {
    s.null();
  } else if (money) {
    s.amount(display::money(*r, currency));
  } else {
    s.decimal(display::rate(*r));
  }
}

}  // namespace

void describe(const IndicatorScore& i, Currency currency, DocumentSink& s) {
  const bool money = is_money_metric(i.metric);
  s.begin_object();
  member(s, "name", i.name);
  member(s, "metric", kpi_metric_name(i.metric));
  member(s, "scope", kpi_scope_name(i.scope));
  member(s, "normalisation", normalisation_name(i.normalisation));
  shown(s, "value", i.value, money, currency);
  s.key("value_exact");
  if (i.value) {
    s.text(i.value->to_string());
  } else {
    s.null();
  }
  shown(s, "target", i.target, money, currency);
  shown(s, "floor", i.floor, money, currency);
  shown(s, "ceiling", i.ceiling, money, currency);
  member(s, "points", i.points);
  member(s, "weight", i.weight.normalized());
  member(s, "contracts", i.contracts);
  member(s, "no_data", i.no_data);
  s.end_object();
}

void describe(const RuleHit& h, DocumentSink& s) {
  s.begin_object();
  member(s, "rule", rule_kind_name(h.rule));
  member(s, "kind", rule_hit_kind_name(h.kind));
  member(s, "points", h.points);
  member(s, "event", h.event);
  member(s, "contract", h.contract);
  member(s, "date", h.date);
  member(s, "installment", h.installment);
  member(s, "retracts", h.retracts);
  s.key("trigger");
  if (h.trigger) {
    s.text(breach_trigger_name(*h.trigger));
  } else {
    s.null();
  }
  s.end_object();
}

void describe(const PostCloseEvent& e, DocumentSink& s) {
  s.begin_object();
  member(s, "seq", e.seq);
  member(s, "type", event_type_name(e.type));
  member(s, "contract", e.contract);
  member(s, "effective", e.effective);
  s.end_object();
}

void describe(const Scorecard& c, DocumentSink& s) {
  s.begin_object();
  member(s, "employee", c.employee);
  member(s, "position", c.position);
  member(s, "period", c.period.to_string());
  member(s, "period_kind", period_kind_name(c.period.kind()));
  member(s, "period_start", c.period.start());
  member(s, "period_end", c.period.end());
  member(s, "as_of", c.as_of);
  member(s, "cutoff", c.cutoff);
  member(s, "collection_cutoff", c.collection_cutoff);
  member(s, "currency", c.currency.code());
  member(s, "template", c.template_id);
  member(s, "template_version", c.template_version);
  member(s, "scored", c.scored());
  member(s, "total", c.total);
  member(s, "total_10", c.total_10);
  member(s, "coverage", c.scored() ? std::optional<Decimal>(c.coverage.normalized()) : std::nullopt);
  s.key("no_data");
  if (c.scored()) {
    s.text(no_data_policy_name(c.no_data));
  } else {
    s.null();
  }
  member(s, "indicator_points", c.indicator_points);
  member(s, "scaled_points", c.scaled_points);
  member(s, "rule_points", c.rule_total);
  s.key("indicators");
  s.begin_list();
  for (const IndicatorScore& i : c.indicators) describe(i, c.currency, s);
  s.end_list();
  s.key("rules");
  s.begin_list();
  for (const RuleHit& h : c.rules) describe(h, s);
  s.end_list();
  member(s, "contracts", c.contracts);
  member(s, "closed", c.closed);
  member(s, "closed_seq", c.closed_seq);
  s.key("post_close");
  s.begin_list();
  for (const PostCloseEvent& e : c.post_close) describe(e, s);
  s.end_list();
  s.end_object();
}

void describe(const ScoreChange& c, DocumentSink& s) {
  s.begin_object();
  member(s, "employee", c.employee);
  member(s, "period", c.period.to_string());
  member(s, "as_of", c.as_of);
  member(s, "seq", c.seq);
  member(s, "old_total", c.old_total);
  member(s, "new_total", c.new_total);
  s.end_object();
}

void describe(const KpiHealth& h, DocumentSink& s) {
  s.begin_object();
  member(s, "ok", h.ok);
  member(s, "last_seq", h.last_seq);
  member(s, "as_of", h.as_of);
  member(s, "contracts", h.contracts);
  member(s, "scorecards", h.scorecards);
  member(s, "differences", h.differences);
  member(s, "repaired", h.repaired);
  s.end_object();
}

void describe(const KpiEngineStats& x, DocumentSink& s) {
  s.begin_object();
  member(s, "loaded", x.loaded);
  member(s, "last_seq", x.last_seq);
  member(s, "as_of", x.as_of);
  member(s, "contracts", x.contracts);
  member(s, "active_contracts", x.active_contracts);
  member(s, "scorecards", x.scorecards);
  member(s, "queued_events", x.queued_events);
  member(s, "deadlines", x.deadlines);
  member(s, "bytes", x.bytes);
  member(s, "schedule_bytes", x.schedule_bytes);
  member(s, "snapshot_seq", x.snapshot_seq);
  member(s, "incremental_answers", x.incremental_answers);
  member(s, "reference_answers", x.reference_answers);
  member(s, "replays", x.replays);
  member(s, "snapshots_loaded", x.snapshots_loaded);
  member(s, "snapshots_written", x.snapshots_written);
  s.end_object();
}

}  // namespace pactum
