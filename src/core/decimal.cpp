#include "pactum/core/decimal.hpp"

#include <limits>
#include <numeric>

#include "exact.hpp"
#include "pactum/core/error.hpp"

namespace pactum {

namespace detail {

Int128 pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

void throw_overflow(const char* operation) {
  raise(Errc::overflow, "core.overflow", {{"operation", operation}});
}

Int128 divide_rounded(const Int128& num, const Int128& den, Rounding rounding) {
  Int128 q = num / den;  // truncates toward zero
  Int128 r = num % den;
  if (r == 0) return q;
  const bool negative = (num < 0) != (den < 0);
  const Int128 abs_r2 = (r < 0 ? Int128(-r) : r) * 2;
  const Int128 abs_den = den < 0 ? Int128(-den) : den;
  bool away = false;  // away from zero by one unit
  switch (rounding) {
    case Rounding::down: away = false; break;
    case Rounding::up: away = true; break;
    case Rounding::floor: away = negative; break;
    case Rounding::ceiling: away = !negative; break;
    case Rounding::half_up: away = abs_r2 >= abs_den; break;
    case Rounding::half_even:
      away = abs_r2 > abs_den || (abs_r2 == abs_den && (q % 2) != 0);
      break;
  }
  if (away) q += negative ? -1 : 1;
  return q;
}

std::int64_t narrow(const Int128& value, const char* operation) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    throw_overflow(operation);
  }
  return static_cast<std::int64_t>(value);
}

bool divide_rounded64(std::int64_t num, std::int64_t den, Rounding rounding, std::int64_t* out) noexcept {
  if (den == 0 || (num == std::numeric_limits<std::int64_t>::min() && den == -1)) return false;
  std::int64_t q = num / den;
  const std::int64_t r = num % den;
  if (r != 0) {
    const bool negative = (num < 0) != (den < 0);
    // |r| < |den| <= 2^63, so 2|r| fits in uint64.
    const std::uint64_t abs_r2 = 2 * (r < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(r) : static_cast<std::uint64_t>(r));
    const std::uint64_t abs_den = den < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(den) : static_cast<std::uint64_t>(den);
    bool away = false;
    switch (rounding) {
      case Rounding::down: away = false; break;
      case Rounding::up: away = true; break;
      case Rounding::floor: away = negative; break;
      case Rounding::ceiling: away = !negative; break;
      case Rounding::half_up: away = abs_r2 >= abs_den; break;
      case Rounding::half_even: away = abs_r2 > abs_den || (abs_r2 == abs_den && (q % 2) != 0); break;
    }
    if (away) q += negative ? -1 : 1;
  }
  *out = q;
  return true;
}

std::int64_t pow10_64(int n) noexcept {
  static constexpr std::int64_t kPowers[] = {1,
                                             10,
                                             100,
                                             1000,
                                             10000,
                                             100000,
                                             1000000,
                                             10000000,
                                             100000000,
                                             1000000000,
                                             10000000000,
                                             100000000000,
                                             1000000000000,
                                             10000000000000,
                                             100000000000000,
                                             1000000000000000,
                                             10000000000000000,
                                             100000000000000000,
                                             1000000000000000000};
  return kPowers[n];
}

}  // namespace detail

using detail::Int128;

namespace {

[[noreturn]] void bad_decimal(std::string_view text) {
  raise(Errc::invalid_argument, "core.bad_decimal", {{"text", std::string(text)}});
}

void check_scale(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale) {
    raise(Errc::invalid_argument, "core.bad_scale", {{"scale", std::to_string(scale)}});
  }
}

// a's coefficient brought to `scale` (>= a.scale()).
Int128 widen(const Decimal& a, int scale) {
  return Int128(a.coefficient()) * detail::pow10(scale - a.scale());
}

Int128 gcd128(Int128 a, Int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

namespace detail {

struct RatioBuilder {
  static Ratio make(Int128 num, Int128 den, const char* operation);
  // The common case without 128-bit arithmetic: both parts fit in int64
  // and are not INT64_MIN. Returns false when the slow path is needed.
  static bool make64(std::int64_t num, std::int64_t den, Ratio* out) noexcept {
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if (den == 0 || num == kMin || den == kMin) return false;
    if (den < 0) {
      num = -num;
      den = -den;
    }
    const std::int64_t g = std::gcd(num < 0 ? -num : num, den);
    if (g > 1) {
      num /= g;
      den /= g;
    }
    *out = Ratio(Ratio::Normalized{}, num, den);
    return true;
  }
};

// Builds a normalised Ratio from 128-bit parts, or an overflow error.
Ratio RatioBuilder::make(Int128 num, Int128 den, const char* operation) {
  if (den == 0) raise(Errc::invalid_argument, "core.division_by_zero");
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Int128 g = gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return Ratio(Ratio::Normalized{}, narrow(num, operation), narrow(den, operation));
}

}  // namespace detail

namespace {

Ratio make_ratio(Int128 num, Int128 den, const char* operation) {
  return detail::RatioBuilder::make(std::move(num), std::move(den), operation);
}

}  // namespace

Rounding parse_rounding(std::string_view name) {
  if (name == "half_even") return Rounding::half_even;
  if (name == "half_up") return Rounding::half_up;
  if (name == "down") return Rounding::down;
  if (name == "up") return Rounding::up;
  if (name == "floor") return Rounding::floor;
  if (name == "ceiling") return Rounding::ceiling;
  raise(Errc::invalid_argument, "core.bad_rounding", {{"rounding", std::string(name)}});
}

const char* rounding_name(Rounding r) noexcept {
  switch (r) {
    case Rounding::half_even: return "half_even";
    case Rounding::half_up: return "half_up";
    case Rounding::down: return "down";
    case Rounding::up: return "up";
    case Rounding::floor: return "floor";
    case Rounding::ceiling: return "ceiling";
  }
  return "half_even";
}

Decimal Decimal::from_coefficient(std::int64_t coefficient, int scale) {
  check_scale(scale);
  Decimal d;
  d.coefficient_ = coefficient;
  d.scale_ = scale;
  return d;
}

Decimal Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  const std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == int_start) bad_decimal(text);
  int scale = 0;
  std::size_t frac_start = i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    frac_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == frac_start) bad_decimal(text);
    scale = static_cast<int>(i - frac_start);
  }
  if (i != text.size()) bad_decimal(text);
  if (scale > kMaxScale) {
    raise(Errc::invalid_argument, "core.too_many_decimals",
          {{"text", std::string(text)}, {"max", std::to_string(kMaxScale)}});
  }
  // Accumulate with an overflow check; the most negative value parses too.
  Int128 value = 0;
  for (char c : text.substr(int_start)) {
    if (c == '.') continue;
    value = value * 10 + (c - '0');
    if (value > Int128(std::numeric_limits<std::int64_t>::max()) + 1) break;
  }
  if (negative) value = -value;
  return from_coefficient(detail::narrow(value, "parse"), scale);
}

Decimal Decimal::rescaled(int scale, Rounding rounding) const {
  check_scale(scale);
  if (scale == scale_) return *this;
  if (scale > scale_) {
    return from_coefficient(detail::narrow(widen(*this, scale), "rescale"), scale);
  }
  std::int64_t q64 = 0;
  if (detail::divide_rounded64(coefficient_, detail::pow10_64(scale_ - scale), rounding, &q64)) {
    return from_coefficient(q64, scale);
  }
  Int128 q = detail::divide_rounded(Int128(coefficient_), detail::pow10(scale_ - scale), rounding);
  return from_coefficient(detail::narrow(q, "rescale"), scale);
}

Decimal Decimal::normalized() const noexcept {
  Decimal d = *this;
  while (d.scale_ > 0 && d.coefficient_ % 10 == 0) {
    d.coefficient_ /= 10;
    --d.scale_;
  }
  return d;
}

std::string Decimal::to_string() const {
  // Work on the magnitude as unsigned so INT64_MIN prints correctly.
  const bool negative = coefficient_ < 0;
  std::uint64_t magnitude = negative ? std::uint64_t(0) - static_cast<std::uint64_t>(coefficient_)
                                     : static_cast<std::uint64_t>(coefficient_);
  std::string digits = std::to_string(magnitude);
  if (static_cast<int>(digits.size()) <= scale_) {
    digits.insert(0, static_cast<std::size_t>(scale_) + 1 - digits.size(), '0');
  }
  if (scale_ > 0) digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

Decimal Decimal::operator-() const {
  return from_coefficient(detail::narrow(-Int128(coefficient_), "negate"), scale_);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  const int s = std::max(a.scale_, b.scale_);
  return Decimal::from_coefficient(detail::narrow(widen(a, s) + widen(b, s), "add"), s);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  const int s = std::max(a.scale_, b.scale_);
  return Decimal::from_coefficient(detail::narrow(widen(a, s) - widen(b, s), "subtract"), s);
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  const int s = a.scale_ + b.scale_;
  if (s > Decimal::kMaxScale) detail::throw_overflow("multiply");
  return Decimal::from_coefficient(
      detail::narrow(Int128(a.coefficient_) * Int128(b.coefficient_), "multiply"), s);
}

bool operator==(const Decimal& a, const Decimal& b) noexcept {
  return (a <=> b) == std::strong_ordering::equal;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  const int s = std::max(a.scale_, b.scale_);
  // 10^18 x int64 fits in 128 bits: no overflow possible here.
  const Int128 x = widen(a, s);
  const Int128 y = widen(b, s);
  if (x < y) return std::strong_ordering::less;
  if (x > y) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

Ratio::Ratio(std::int64_t numerator, std::int64_t denominator) {
  if (detail::RatioBuilder::make64(numerator, denominator, this)) return;
  *this = make_ratio(Int128(numerator), Int128(denominator), "ratio");
}

Ratio::Ratio(const Decimal& d) {
  if (d.scale() <= 18 && detail::RatioBuilder::make64(d.coefficient(), detail::pow10_64(d.scale()), this)) return;
  *this = make_ratio(Int128(d.coefficient()), detail::pow10(d.scale()), "ratio");
}

Decimal Ratio::round(int scale, Rounding rounding) const {
  check_scale(scale);
  std::int64_t scaled = 0;
  std::int64_t q64 = 0;
  if (!__builtin_mul_overflow(num_, detail::pow10_64(scale), &scaled) &&
      detail::divide_rounded64(scaled, den_, rounding, &q64)) {
    return Decimal::from_coefficient(q64, scale);
  }
  Int128 q = detail::checked("round", [&] {
    return detail::divide_rounded(Int128(num_) * detail::pow10(scale), Int128(den_), rounding);
  });
  return Decimal::from_coefficient(detail::narrow(q, "round"), scale);
}

std::string Ratio::to_string() const {
  if (den_ == 1) return std::to_string(num_);
  return std::to_string(num_) + "/" + std::to_string(den_);
}

Ratio Ratio::operator-() const { return make_ratio(-Int128(num_), Int128(den_), "negate"); }

Ratio operator+(const Ratio& a, const Ratio& b) {
  std::int64_t x = 0, y = 0, n = 0, d = 0;
  Ratio out;
  if (a.den_ == b.den_ && !__builtin_add_overflow(a.num_, b.num_, &n) &&
      detail::RatioBuilder::make64(n, a.den_, &out)) {
    return out;
  }
  if (!__builtin_mul_overflow(a.num_, b.den_, &x) && !__builtin_mul_overflow(b.num_, a.den_, &y) &&
      !__builtin_add_overflow(x, y, &n) && !__builtin_mul_overflow(a.den_, b.den_, &d) &&
      detail::RatioBuilder::make64(n, d, &out)) {
    return out;
  }
  return make_ratio(Int128(a.num_) * b.den_ + Int128(b.num_) * a.den_, Int128(a.den_) * b.den_, "add");
}

Ratio operator-(const Ratio& a, const Ratio& b) {
  std::int64_t x = 0, y = 0, n = 0, d = 0;
  Ratio out;
  if (!__builtin_mul_overflow(a.num_, b.den_, &x) && !__builtin_mul_overflow(b.num_, a.den_, &y) &&
      !__builtin_sub_overflow(x, y, &n) && !__builtin_mul_overflow(a.den_, b.den_, &d) &&
      detail::RatioBuilder::make64(n, d, &out)) {
    return out;
  }
  return make_ratio(Int128(a.num_) * b.den_ - Int128(b.num_) * a.den_, Int128(a.den_) * b.den_,
                    "subtract");
}

Ratio operator*(const Ratio& a, const Ratio& b) {
  std::int64_t n = 0, d = 0;
  Ratio out;
  if (!__builtin_mul_overflow(a.num_, b.num_, &n) && !__builtin_mul_overflow(a.den_, b.den_, &d) &&
      detail::RatioBuilder::make64(n, d, &out)) {
    return out;
  }
  return make_ratio(Int128(a.num_) * b.num_, Int128(a.den_) * b.den_, "multiply");
}

Ratio operator/(const Ratio& a, const Ratio& b) {
  if (b.num_ == 0) raise(Errc::invalid_argument, "core.division_by_zero");
  return make_ratio(Int128(a.num_) * b.den_, Int128(a.den_) * b.num_, "divide");
}

std::strong_ordering operator<=>(const Ratio& a, const Ratio& b) noexcept {
  // Denominators are positive, so cross-multiplication keeps the order.
  std::int64_t x64 = 0, y64 = 0;
  if (!__builtin_mul_overflow(a.num_, b.den_, &x64) && !__builtin_mul_overflow(b.num_, a.den_, &y64)) {
    return x64 <=> y64;
  }
  const Int128 x = Int128(a.num_) * b.den_;
  const Int128 y = Int128(b.num_) * a.den_;
  if (x < y) return std::strong_ordering::less;
  if (x > y) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

}  // namespace pactum
