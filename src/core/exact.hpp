// Internal: overflow-checked 128-bit arithmetic shared by Decimal, Ratio and
// Money. Boost.Multiprecision stays inside the compiled library.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>

#include "pactum/core/decimal.hpp"

namespace pactum::detail {

using Int128 = boost::multiprecision::checked_int128_t;

// 10^n for 0 <= n <= 38.
Int128 pow10(int n);

// Runs `fn`, turning Boost's overflow exceptions into Pactum's overflow error.
template <class Fn>
auto checked(const char* operation, Fn&& fn) -> decltype(fn());

[[noreturn]] void throw_overflow(const char* operation);

// num / den rounded to an integer under `rounding` (den != 0).
Int128 divide_rounded(const Int128& num, const Int128& den, Rounding rounding);

// num / den rounded under `rounding` without 128-bit arithmetic; false when
// den is 0 or the quotient overflows (use divide_rounded then).
bool divide_rounded64(std::int64_t num, std::int64_t den, Rounding rounding, std::int64_t* out) noexcept;
// 10^n for 0 <= n <= 18.
std::int64_t pow10_64(int n) noexcept;

// The value as int64, or an overflow error naming `operation`.
std::int64_t narrow(const Int128& value, const char* operation);

template <class Fn>
auto checked(const char* operation, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::overflow_error&) {
    throw_overflow(operation);
  } catch (const std::range_error&) {
    throw_overflow(operation);
  }
}

}  // namespace pactum::detail
