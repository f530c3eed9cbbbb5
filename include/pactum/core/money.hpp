// Exact money: a 64-bit count of 10^-4 units of an ISO 4217 currency.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/decimal.hpp"

namespace pactum {

namespace detail {
[[noreturn]] void throw_money_overflow(const char* operation);
[[noreturn]] void throw_currency_mismatch(std::string_view a, std::string_view b);
// a + b of two amounts in 10^-4 units; PACTUM_EOVERFLOW instead of a wrap.
inline std::int64_t add_units(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) throw_money_overflow("add");
  return out;
}
}  // namespace detail

// An ISO 4217 currency. The default is XXX ("no currency"), which matches no
// other currency, so a sum started from a default Money cannot silently mix.
class Currency {
 public:
  Currency() noexcept;
  // "CNY", "JPY", ...; an unknown or malformed code is a ValidationError.
  static Currency of(std::string_view code);

  std::string_view code() const noexcept;
  // Digits of the minor unit: 2 for CNY, 0 for JPY, 3 for KWD.
  int exponent() const noexcept;

  friend bool operator==(Currency a, Currency b) noexcept = default;

 private:
  explicit Currency(std::uint16_t index) noexcept : index_(index) {}
  std::uint16_t index_;
};

class Money {
 public:
  // Money is stored as a count of 10^-4 units.
  static constexpr int kScale = 4;
  static constexpr std::int64_t kUnitsPerOne = 10000;

  Money() noexcept = default;
  static Money zero(Currency currency) noexcept { return Money(0, currency); }
  static Money from_units(std::int64_t units, Currency currency) noexcept {
    return Money(units, currency);
  }
  // Strict plain decimal with at most four decimals ("1000000.00", "-5",
  // "0.1234"); everything else ("1e5", "1,000", " 1", "1.23456") is a
  // ValidationError, a value past the 64-bit range an overflow error.
  static Money parse(std::string_view amount, Currency currency);
  static Money parse(std::string_view amount, std::string_view currency_code) {
    return parse(amount, Currency::of(currency_code));
  }
  // Exact conversion; more than four decimals is a ValidationError.
  static Money from_decimal(const Decimal& amount, Currency currency);

  std::int64_t units() const noexcept { return units_; }
  Currency currency() const noexcept { return currency_; }
  Decimal amount() const;
  bool is_zero() const noexcept { return units_ == 0; }
  bool is_negative() const noexcept { return units_ < 0; }
  bool is_positive() const noexcept { return units_ > 0; }

  // The amount with at least the currency's minor digits and no trailing
  // zeros beyond them: "1000000.00", "0.125", "100" (JPY).
  std::string to_string() const;

  Money operator-() const {
    if (units_ == INT64_MIN) detail::throw_money_overflow("negate");
    return Money(-units_, currency_);
  }
  Money& operator+=(const Money& b) {
    check_same_currency(b);
    if (__builtin_add_overflow(units_, b.units_, &units_)) detail::throw_money_overflow("add");
    return *this;
  }
  Money& operator-=(const Money& b) {
    check_same_currency(b);
    if (__builtin_sub_overflow(units_, b.units_, &units_)) detail::throw_money_overflow("subtract");
    return *this;
  }
  friend Money operator+(Money a, const Money& b) { return a += b; }
  friend Money operator-(Money a, const Money& b) { return a -= b; }

  // Exact integer multiple.
  Money times(std::int64_t factor) const {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(units_, factor, &out)) detail::throw_money_overflow("multiply");
    return Money(out, currency_);
  }
  // Product with a decimal factor (a rate, a price), rounded once to 10^-4.
  Money times(const Decimal& factor, Rounding rounding = Rounding::half_even) const;
  // Product with an exact ratio, rounded once to 10^-4.
  Money times(const Ratio& factor, Rounding rounding = Rounding::half_even) const;
  // Rounded to `scale` decimals (0..4).
  Money rounded(int scale, Rounding rounding = Rounding::half_even) const;
  // Rounded to the currency's minor unit.
  Money rounded_to_minor(Rounding rounding = Rounding::half_even) const {
    return rounded(currency_.exponent() < kScale ? currency_.exponent() : kScale, rounding);
  }
  // Splits the amount by non-negative integer weights (at least one
  // positive) in the currency's minor unit; remainder units go one each to
  // the first parts with a positive weight. 100.00 CNY by [1,1,1] is
  // 33.34 + 33.33 + 33.33; the parts always sum exactly to the amount.
  // An amount that is not a whole number of minor units is a ValidationError.
  std::vector<Money> allocate(std::span<const std::int64_t> weights) const;

  // The exact ratio a / b of two amounts of one currency (b non-zero).
  friend Ratio ratio(const Money& a, const Money& b);

  friend bool operator==(const Money& a, const Money& b) noexcept = default;
  // Ordering across currencies is a currency-mismatch error.
  friend std::strong_ordering operator<=>(const Money& a, const Money& b) {
    a.check_same_currency(b);
    return a.units_ <=> b.units_;
  }

 private:
  Money(std::int64_t units, Currency currency) noexcept : units_(units), currency_(currency) {}
  void check_same_currency(const Money& b) const {
    if (!(currency_ == b.currency_)) detail::throw_currency_mismatch(currency_.code(), b.currency_.code());
  }

  std::int64_t units_ = 0;
  Currency currency_;
};

}  // namespace pactum
