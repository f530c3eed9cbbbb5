// The storage interface's conformance suite, the records of numbering
// (src/store/backend_numbering.hpp, NumberingRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;

namespace {

class NumberingRecordsConformance : public StorageConformance {
 protected:
  store::NumberingRecords& records(int h = 0) { return s(h).numbering(); }
};

}  // namespace
