// JSON documents of the incremental engine's public records (C API, command
// line), from the descriptions of pactum/kpi/document.hpp.
#include "../core/json_sink.hpp"
#include "pactum/kpi/document.hpp"
#include "pactum/kpi/engine.hpp"

namespace pactum {

std::string ScoreChange::to_json() const { return versioned_document(*this); }
std::string KpiHealth::to_json() const { return versioned_document(*this); }
std::string KpiEngineStats::to_json() const { return versioned_document(*this); }

}  // namespace pactum
