// C API: the incremental KPI engine — score listeners, the health check,
// snapshots and the engine's figures.
#include "capi_internal.hpp"
#include "pactum/kpi/engine.hpp"

using namespace pactum;
using capi::require;
using capi::with_db;

extern "C" {

int pactum_subscribe_scores(pactum_db* db, pactum_score_listener listener, void* user_data, uint64_t* out_token) {
  return with_db(db, [&](Database& d) {
    if (listener == nullptr) raise(Errc::invalid_argument, "core.null_argument", {{"name", "listener"}});
    require(out_token, "out_token");
    *out_token = d.subscribe_scores([listener, user_data](const ScoreChange& change) {
      const std::string json = change.to_json();
      listener(json.c_str(), user_data);
    });
  });
}

int pactum_unsubscribe_scores(pactum_db* db, uint64_t token) {
  return with_db(db, [&](Database& d) { d.unsubscribe_scores(token); });
}

int pactum_kpi_health(pactum_db* db, char** health_json) {
  return with_db(db, [&](Database& d) {
    require(health_json, "health_json");
    *health_json = nullptr;
    *health_json = capi::dup_string(d.kpi_health().to_json());
  });
}

int pactum_save_kpi_snapshot(pactum_db* db) {
  return with_db(db, [&](Database& d) { d.save_kpi_snapshot(); });
}

int pactum_kpi_engine_stats(pactum_db* db, char** stats_json) {
  return with_db(db, [&](Database& d) {
    require(stats_json, "stats_json");
    *stats_json = nullptr;
    *stats_json = capi::dup_string(d.kpi_engine_stats().to_json());
  });
}

}  // extern "C"
