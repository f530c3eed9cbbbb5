// Internal: when a process loads the incremental KPI engine (docs/kpi.md,
// "Incremental engine", "Loading").
//
// Loading costs what the company holds (the snapshot's contracts and the
// log's tail); a scorecard from the reference evaluator costs what one
// employee holds (their contracts and those contracts' events). A question
// about many scorecards (a report, a list, listeners) loads the engine at
// once. For single scorecards the choice is a rent-or-buy one: the handle
// answers from the reference evaluator until what those answers have read
// reaches the cost of loading, then loads. Over any sequence of questions
// that spends at most about twice what the better of "load at once" and
// "never load" would have spent, and a short-lived process asking one
// scorecard of a large company never decodes the company.
//
// Pure: the store (src/store/kpi_engine.cpp) counts and asks.
#pragma once

#include <cstdint>

namespace pactum::kpi {

struct EngineLoadPolicy {
  // Below this many events in the log, loading costs less than one
  // scorecard from the reference evaluator may: load at once.
  static constexpr std::int64_t kSmallLog = 10000;
  // One record the reference evaluator reads (a row fetched and parsed)
  // costs about as much as loading this many events' worth of state
  // (measured on the 1,000,000-contract benchmark database: about 15 µs per
  // record read against 0.3–0.5 µs per event loaded).
  static constexpr std::int64_t kRecordWeight = 32;

  // Whether to load the engine for one more single scorecard, when the log
  // holds `log_events` events and this handle's earlier reference answers
  // read `records_read` records.
  static constexpr bool load_for_one(std::int64_t log_events, std::int64_t records_read) noexcept {
    // records_read * kRecordWeight >= log_events, without overflow.
    return log_events < kSmallLog ||
           records_read >= log_events / kRecordWeight + (log_events % kRecordWeight != 0 ? 1 : 0);
  }
};

}  // namespace pactum::kpi
