// Internal: the storage interface's records of numbering (backend.hpp):
// the numbering rules, their versions and the registry of issued numbers.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum::store {

class NumberingRecords {
 public:
  virtual ~NumberingRecords() = default;
};

}  // namespace pactum::store
