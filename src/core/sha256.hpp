// Internal: SHA-256 (FIPS 180-4), for the checksums that bind an export's
// files to its manifest.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pactum {

class Sha256 {
 public:
  Sha256() noexcept;
  void update(std::string_view bytes) noexcept;
  // The digest as 64 lower-case hexadecimal digits; the object is spent.
  std::string hex() noexcept;

 private:
  void block(const unsigned char* p) noexcept;

  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t used_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace pactum
