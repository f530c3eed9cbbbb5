// The storage interface's conformance suite, the records of kpi
// (src/store/backend_kpi.hpp, KpiRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;

namespace {

class KpiRecordsConformance : public StorageConformance {
 protected:
  store::KpiRecords& records(int h = 0) { return s(h).kpi(); }
};

}  // namespace
