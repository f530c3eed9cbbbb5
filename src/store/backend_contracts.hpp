// Internal: the storage interface's records of contracts (backend.hpp):
// contracts, their instalments and deliverables, exchange rates and the other contract records.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum::store {

class ContractRecords {
 public:
  virtual ~ContractRecords() = default;
};

}  // namespace pactum::store
