// Internal: the storage interface's records of tracking (backend.hpp):
// the tracking projection (per-contract facts, reminder windows, acknowledgements, reminder leads) and the reports' queries over it.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum::store {

class TrackingRecords {
 public:
  virtual ~TrackingRecords() = default;
};

}  // namespace pactum::store
