// Pactum's version at compile time; pactum::version() gives the run-time one.
// Kept equal to capi/pactum.h and CMakeLists.txt (checked when configuring).
#pragma once

#define PACTUM_VERSION_MAJOR 0
#define PACTUM_VERSION_MINOR 1
#define PACTUM_VERSION_PATCH 0
#define PACTUM_VERSION "0.1.0"
#define PACTUM_VERSION_NUMBER (PACTUM_VERSION_MAJOR * 1000000 + PACTUM_VERSION_MINOR * 1000 + PACTUM_VERSION_PATCH)

namespace pactum {

// The version of the library linked at run time, e.g. "0.1.0".
const char* version() noexcept;
// PACTUM_VERSION_NUMBER of the library linked at run time.
int version_number() noexcept;

}  // namespace pactum
