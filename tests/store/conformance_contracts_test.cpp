// The storage interface's conformance suite, the records of contracts
// (src/store/backend_contracts.hpp, ContractRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;

namespace {

class ContractRecordsConformance : public StorageConformance {
 protected:
  store::ContractRecords& records(int h = 0) { return s(h).contracts(); }
};

}  // namespace
