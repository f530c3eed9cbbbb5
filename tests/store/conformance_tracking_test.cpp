// The storage interface's conformance suite, the records of tracking
// (src/store/backend_tracking.hpp, TrackingRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;

namespace {

class TrackingRecordsConformance : public StorageConformance {
 protected:
  store::TrackingRecords& records(int h = 0) { return s(h).tracking(); }
};

}  // namespace
