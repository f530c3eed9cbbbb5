// The incremental KPI engine as integrators see it: score listeners, the
// health check and the engine's figures (docs/kpi.md, "Incremental engine").
// The engine itself lives behind pactum::Database: scorecard() answers from
// it whenever it holds the scorecard asked for.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/kpi/period.hpp"

namespace pactum {

// A scorecard that changed: its employee and canonical period (the month,
// quarter or year of a contract's signing date), the engine's date (the
// database clock) and last applied event, and the total before and after.
// A total is nullopt when the scorecard has no score (the position has no
// template, or the scorecard cannot be computed, e.g. a cost attribute in a
// third currency).
struct ScoreChange {
  std::string employee;
  Period period = Period::parse("2024-01");
  Date as_of;
  std::int64_t seq = 0;
  std::optional<Decimal> old_total;
  std::optional<Decimal> new_total;

  // {"version":1,"employee":"S1","period":"2024-Q1","as_of":"2024-03-31",
  //  "seq":42,"old_total":"75.00","new_total":"80.00"} (totals null when absent).
  std::string to_json() const;

  friend bool operator==(const ScoreChange&, const ScoreChange&) = default;
};

// Called after a change is committed, on the thread that committed it (or,
// for another handle's or process's events, on the thread whose call caught
// up with them), once per changed scorecard. It must not write through the
// same handle (the store refuses: StateError); it may read. What it throws is
// swallowed: the change is committed already.
using ScoreListener = std::function<void(const ScoreChange&)>;

// The engine's state compared with a replay of the log.
struct KpiHealth {
  bool ok = true;
  std::int64_t last_seq = 0;  // the last event both applied
  Date as_of;                 // the engine's date
  std::int64_t contracts = 0;
  std::int64_t scorecards = 0;
  // What differs, one sentence each (at most 50); empty when ok.
  std::vector<std::string> differences;
  // The state was replaced by the replay (when something differed).
  bool repaired = false;

  // {"version":1,"ok":true,"last_seq":42,"as_of":"2024-03-31","contracts":3,
  //  "scorecards":9,"differences":[],"repaired":false}
  std::string to_json() const;
};

// What the engine holds and has done through one handle.
struct KpiEngineStats {
  bool loaded = false;
  std::int64_t last_seq = 0;
  std::optional<Date> as_of;
  std::int64_t contracts = 0;
  std::int64_t active_contracts = 0;
  std::int64_t scorecards = 0;      // employee x canonical period
  std::int64_t queued_events = 0;   // effective after the engine's date
  std::int64_t deadlines = 0;
  std::int64_t bytes = 0;           // memory held, instalment schedules excluded
  std::int64_t schedule_bytes = 0;  // memory of the instalment schedules
  std::optional<std::int64_t> snapshot_seq;  // the stored snapshot's last event, as last seen
  std::int64_t incremental_answers = 0;      // scorecards answered from the engine
  std::int64_t reference_answers = 0;        // scorecards answered by the reference evaluator
  std::int64_t replays = 0;                  // full replays of the log
  std::int64_t snapshots_loaded = 0;
  std::int64_t snapshots_written = 0;

  // {"version":1,"loaded":true,...} with the members above.
  std::string to_json() const;
};

}  // namespace pactum
