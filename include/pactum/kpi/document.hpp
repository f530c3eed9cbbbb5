// The document of a scorecard (pactum/core/document.hpp), described once for
// every face; docs/kpi.md lists the members.
#pragma once

#include "pactum/core/document.hpp"
#include "pactum/kpi/engine.hpp"
#include "pactum/kpi/scorecard.hpp"

namespace pactum {

// {"name", "metric", "scope", "normalisation", "value", "value_exact",
//  "target", "floor", "ceiling", "points", "weight", "contracts", "no_data"}:
// value, target, floor and ceiling shown (money at the minor unit, rates at
// 6 decimals; pactum/core/display.hpp), value_exact the exact ratio as text.
void describe(const IndicatorScore& indicator, Currency currency, DocumentSink& sink);
// {"rule", "kind", "points", "event", "contract", "date", "installment",
//  "retracts", "trigger"}
void describe(const RuleHit& hit, DocumentSink& sink);
// {"seq", "type", "contract", "effective"}
void describe(const PostCloseEvent& event, DocumentSink& sink);
// {"employee", "position", "period", "period_kind", "period_start",
//  "period_end", "as_of", "cutoff", "collection_cutoff", "currency",
//  "template", "template_version", "scored", "total", "total_10", "coverage",
//  "no_data", "indicator_points", "scaled_points", "rule_points",
//  "indicators", "rules", "contracts", "closed", "closed_seq", "post_close"}
void describe(const Scorecard& card, DocumentSink& sink);
// The incremental engine's records:
// {"employee", "period", "as_of", "seq", "old_total", "new_total"}
void describe(const ScoreChange& change, DocumentSink& sink);
// {"ok", "last_seq", "as_of", "contracts", "scorecards", "differences", "repaired"}
void describe(const KpiHealth& health, DocumentSink& sink);
// {"loaded", "last_seq", "as_of", "contracts", "active_contracts",
//  "scorecards", "queued_events", "deadlines", "bytes", "schedule_bytes",
//  "snapshot_seq", "incremental_answers", "reference_answers", "replays",
//  "snapshots_loaded", "snapshots_written"}
void describe(const KpiEngineStats& stats, DocumentSink& sink);

}  // namespace pactum
