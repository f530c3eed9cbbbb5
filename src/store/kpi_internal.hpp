// Internal: what the KPI storage (kpi.cpp) and the incremental engine's
// storage (kpi_engine.cpp) share: resolving a scorecard's template and the
// reference evaluator's input, and the engine's entry points.
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "database_impl.hpp"
#include "pactum/kpi/scorecard.hpp"

namespace pactum::kpi_engine {
class Engine;
}

namespace pactum::store {

// No freeze: settings written at any time count.
inline constexpr std::int64_t kNoFreeze = INT64_MAX;

// The period_closed event in force for `period`, if it is closed.
std::optional<std::int64_t> closed_seq_of(Database::Impl& impl, const Period& period);

// The template of `position` with targets and rule settings resolved for
// `employee` and `period`, as written before event `limit`: the position's
// (position_template) with the employee's own targets over its targets
// (apply_employee_targets). Many scorecards resolve the first once per
// position.
std::optional<KpiTemplate> resolved_template(Database::Impl& impl, const std::string& employee,
                                             const std::string& position, const Period& period, std::int64_t limit);
std::optional<KpiTemplate> position_template(Database::Impl& impl, const std::string& position, const Period& period,
                                             std::int64_t limit);
void apply_employee_targets(Database::Impl& impl, const std::string& employee, KpiTemplate& t, const Period& period,
                            std::int64_t limit);

// The reference evaluator's input for a scorecard. With `frozen_at`, as the
// period's scorecards read while it was closed by that event (settings written
// before it; the period's close and reopen events up to it).
ScoringInput load_input(Database::Impl& impl, const std::string& employee, const Period& period, Date as_of,
                        std::optional<std::int64_t> frozen_at = std::nullopt);

// ---- The incremental engine (kpi_engine.cpp) -----------------------------------

// The scorecard from the engine when it holds it — a canonical period, as of
// a day up to the engine's date (the database clock, after catching up with
// the log), not closed, outside a transaction of this handle, and the engine
// loaded or worth loading (kpi::EngineLoadPolicy) — else nullopt (the caller
// asks the reference evaluator). Counts the answer either way.
std::optional<Scorecard> engine_scorecard(Database::Impl& impl, const std::string& employee, const Period& period,
                                          Date as_of);

// A scorecard in brief: its total (nullopt: no score) and coverage.
struct ScoreBrief {
  std::optional<Decimal> total;
  Decimal coverage;
};

// The briefs of the `employees`' scorecards from the engine, under the
// conditions of engine_scorecard(): for each employee, nullopt when the
// engine does not hold the scorecard (the caller asks the reference
// evaluator). Each equals engine_scorecard()'s.
std::vector<std::optional<ScoreBrief>> engine_totals(Database::Impl& impl, const std::vector<std::string>& employees,
                                                     const Period& period, Date as_of);

// Runs `fn` (reads of many scorecards as of `as_of`) after one catch-up of
// the engine when `as_of` is not after the database clock (else the engine
// is not loaded: the reference evaluator answers), in
// one read transaction during which the engine does not catch up again:
// SQLite takes its locks once instead of once per statement, and every
// scorecard is read from the same moment. Outside a transaction of the handle;
// inside one (or a listener), `fn` simply runs.
void with_engine_snapshot(Database::Impl& impl, Date as_of, const std::function<void()>& fn);

// Called by the event append: once the transaction commits, a loaded engine
// catches up with what it wrote.
void kpi_event_appended(Database::Impl& impl);

// A new engine replaying the whole log as of the database clock (what loading
// does without a snapshot; the benchmark's baseline).
kpi_engine::Engine replay_log(Database::Impl& impl);

// The scorecard `engine` gives for `employee` and the canonical `period` as of
// its date, with the template resolved as the reference evaluator resolves
// it; nullopt when a contract in scope needs the reference evaluator.
std::optional<Scorecard> scorecard_from(Database::Impl& impl, kpi_engine::Engine& engine, const std::string& employee,
                                        const Period& period, Date as_of);

// The template a stored document holds, parsed once per handle.
KpiTemplate parsed_template(Database::Impl& impl, const std::string& document);

// Tells the engine's loading policy that the reference evaluator answered a
// scorecard reading `records` records (contracts and events).
void reference_answered(Database::Impl& impl, std::size_t records);

}  // namespace pactum::store
