// Exact decimals and exact ratios: the arithmetic of rates, scores and points.
// No binary floating point anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace pactum {

namespace detail {
struct RatioBuilder;
}

// Rounding policies, applied only where a rule says so.
enum class Rounding : unsigned char {
  half_even,  // to the nearest, ties to the even neighbour (default)
  half_up,    // to the nearest, ties away from zero
  down,       // toward zero
  up,         // away from zero
  floor,      // toward negative infinity
  ceiling,    // toward positive infinity
};

// "half_even", "half_up", "down", "up", "floor", "ceiling"; else ValidationError.
Rounding parse_rounding(std::string_view name);
const char* rounding_name(Rounding r) noexcept;

// A decimal number: coefficient x 10^-scale, with 0 <= scale <= 18 and a
// 64-bit coefficient. Arithmetic is exact and checked: a result that does not
// fit is an overflow error, never a wrap. Equality and ordering compare values
// (1.5 == 1.50).
class Decimal {
 public:
  static constexpr int kMaxScale = 18;

  constexpr Decimal() noexcept = default;
  // An integer value.
  constexpr explicit Decimal(std::int64_t integer) noexcept : coefficient_(integer) {}

  // coefficient x 10^-scale; scale outside [0, 18] is a ValidationError.
  static Decimal from_coefficient(std::int64_t coefficient, int scale);
  // Strict plain decimal: optional '-', digits, optionally '.' and digits.
  // Rejects "", " 1", "+1", ".5", "5.", "1e5", "1,000", "1.2.3".
  static Decimal parse(std::string_view text);

  std::int64_t coefficient() const noexcept { return coefficient_; }
  int scale() const noexcept { return scale_; }
  bool is_zero() const noexcept { return coefficient_ == 0; }
  bool is_negative() const noexcept { return coefficient_ < 0; }

  // The value rounded (or padded) to exactly `scale` decimals.
  Decimal rescaled(int scale, Rounding rounding = Rounding::half_even) const;
  // Trailing fractional zeros removed (1.50 -> 1.5, 2.00 -> 2).
  Decimal normalized() const noexcept;
  // Text with exactly scale() decimals, e.g. "-0.50".
  std::string to_string() const;

  Decimal operator-() const;
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  // Exact product; its scale is the sum of the scales (an overflow error
  // past 18 decimals or 64 bits; round first if needed).
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& b) { return *this = *this + b; }
  Decimal& operator-=(const Decimal& b) { return *this = *this - b; }

  friend bool operator==(const Decimal& a, const Decimal& b) noexcept;
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept;

 private:
  std::int64_t coefficient_ = 0;
  int scale_ = 0;
};

// An exact rational number, kept normalised (gcd 1, positive denominator).
// Ratios of money sums, rates and weights live here until a rule rounds them
// once into a Decimal: 300000 / 1000000 x 30 is exactly 9.
class Ratio {
 public:
  constexpr Ratio() noexcept = default;
  constexpr explicit Ratio(std::int64_t integer) noexcept : num_(integer) {}
  // numerator / denominator; a zero denominator is a ValidationError.
  Ratio(std::int64_t numerator, std::int64_t denominator);
  explicit Ratio(const Decimal& d);

  std::int64_t numerator() const noexcept { return num_; }
  std::int64_t denominator() const noexcept { return den_; }
  bool is_zero() const noexcept { return num_ == 0; }

  // Rounded once to `scale` decimals (0..18) under `rounding`.
  Decimal round(int scale, Rounding rounding = Rounding::half_even) const;
  // "3/10" (or "3" when the denominator is 1).
  std::string to_string() const;

  Ratio operator-() const;
  friend Ratio operator+(const Ratio& a, const Ratio& b);
  friend Ratio operator-(const Ratio& a, const Ratio& b);
  friend Ratio operator*(const Ratio& a, const Ratio& b);
  // Division by zero is a ValidationError.
  friend Ratio operator/(const Ratio& a, const Ratio& b);

  friend bool operator==(const Ratio& a, const Ratio& b) noexcept = default;
  friend std::strong_ordering operator<=>(const Ratio& a, const Ratio& b) noexcept;

 private:
  friend struct detail::RatioBuilder;
  struct Normalized {};
  constexpr Ratio(Normalized, std::int64_t num, std::int64_t den) noexcept : num_(num), den_(den) {}

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

inline Ratio min(const Ratio& a, const Ratio& b) { return b < a ? b : a; }
inline Ratio max(const Ratio& a, const Ratio& b) { return a < b ? b : a; }

}  // namespace pactum
