// JSON documents of the incremental engine's public records (C API, command line).
#include "kpi_json.hpp"
#include "pactum/kpi/engine.hpp"

namespace pactum {

namespace {

kpi_json::ordered_json optional_decimal(const std::optional<Decimal>& d) {
  return d ? kpi_json::ordered_json(d->to_string()) : kpi_json::ordered_json();
}

}  // namespace

std::string ScoreChange::to_json() const {
  kpi_json::ordered_json j;
  j["version"] = 1;
  j["employee"] = employee;
  j["period"] = period.to_string();
  j["as_of"] = as_of.to_string();
  j["seq"] = seq;
  j["old_total"] = optional_decimal(old_total);
  j["new_total"] = optional_decimal(new_total);
  return j.dump();
}

std::string KpiHealth::to_json() const {
  kpi_json::ordered_json j;
  j["version"] = 1;
  j["ok"] = ok;
  j["last_seq"] = last_seq;
  j["as_of"] = as_of.to_string();
  j["contracts"] = contracts;
  j["scorecards"] = scorecards;
  j["differences"] = differences;
  j["repaired"] = repaired;
  return j.dump();
}

std::string KpiEngineStats::to_json() const {
  kpi_json::ordered_json j;
  j["version"] = 1;
  j["loaded"] = loaded;
  j["last_seq"] = last_seq;
  j["as_of"] = as_of ? kpi_json::ordered_json(as_of->to_string()) : kpi_json::ordered_json();
  j["contracts"] = contracts;
  j["active_contracts"] = active_contracts;
  j["scorecards"] = scorecards;
  j["queued_events"] = queued_events;
  j["deadlines"] = deadlines;
  j["bytes"] = bytes;
  j["schedule_bytes"] = schedule_bytes;
  j["snapshot_seq"] = snapshot_seq ? kpi_json::ordered_json(*snapshot_seq) : kpi_json::ordered_json();
  j["incremental_answers"] = incremental_answers;
  j["reference_answers"] = reference_answers;
  j["replays"] = replays;
  j["snapshots_loaded"] = snapshots_loaded;
  j["snapshots_written"] = snapshots_written;
  return j.dump();
}

}  // namespace pactum
