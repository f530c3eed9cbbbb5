// Internal: the storage interface's records of approval (backend.hpp):
// routing tables, routes, their steps and decisions, delegations and approval controls.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum::store {

class ApprovalRecords {
 public:
  virtual ~ApprovalRecords() = default;
};

}  // namespace pactum::store
