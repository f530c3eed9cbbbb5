#include "pactum/version.hpp"

namespace pactum {

const char* version() noexcept { return PACTUM_VERSION; }
int version_number() noexcept { return PACTUM_VERSION_NUMBER; }

}  // namespace pactum
