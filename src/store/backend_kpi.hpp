// Internal: the storage interface's records of kpi (backend.hpp):
// KPI templates, bindings, bonus bands, period closes and the position groups of the classification.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum::store {

class KpiRecords {
 public:
  virtual ~KpiRecords() = default;
};

}  // namespace pactum::store
