// The storage interface's conformance suite, the records of approval
// (src/store/backend_approval.hpp, ApprovalRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;

namespace {

class ApprovalRecordsConformance : public StorageConformance {
 protected:
  store::ApprovalRecords& records(int h = 0) { return s(h).approval(); }
};

}  // namespace
