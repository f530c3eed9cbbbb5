#include "pactum/core/money.hpp"

#include <array>
#include <string_view>

#include "exact.hpp"
#include "pactum/core/error.hpp"

namespace pactum {

using detail::Int128;

namespace {

struct CurrencyInfo {
  std::string_view code;
  int exponent;
};

// ISO 4217 active codes with their minor-unit exponents. XXX ("no currency")
// comes first: it is the default Currency. Funds and precious metals without
// a minor unit are given exponent 0.
constexpr std::array kCurrencies{
    CurrencyInfo{"XXX", 0}, CurrencyInfo{"AED", 2}, CurrencyInfo{"AFN", 2}, CurrencyInfo{"ALL", 2},
    CurrencyInfo{"AMD", 2}, CurrencyInfo{"ANG", 2}, CurrencyInfo{"AOA", 2}, CurrencyInfo{"ARS", 2},
    CurrencyInfo{"AUD", 2}, CurrencyInfo{"AWG", 2}, CurrencyInfo{"AZN", 2}, CurrencyInfo{"BAM", 2},
    CurrencyInfo{"BBD", 2}, CurrencyInfo{"BDT", 2}, CurrencyInfo{"BGN", 2}, CurrencyInfo{"BHD", 3},
    CurrencyInfo{"BIF", 0}, CurrencyInfo{"BMD", 2}, CurrencyInfo{"BND", 2}, CurrencyInfo{"BOB", 2},
    CurrencyInfo{"BOV", 2}, CurrencyInfo{"BRL", 2}, CurrencyInfo{"BSD", 2}, CurrencyInfo{"BTN", 2},
    CurrencyInfo{"BWP", 2}, CurrencyInfo{"BYN", 2}, CurrencyInfo{"BZD", 2}, CurrencyInfo{"CAD", 2},
    CurrencyInfo{"CDF", 2}, CurrencyInfo{"CHE", 2}, CurrencyInfo{"CHF", 2}, CurrencyInfo{"CHW", 2},
    CurrencyInfo{"CLF", 4}, CurrencyInfo{"CLP", 0}, CurrencyInfo{"CNY", 2}, CurrencyInfo{"COP", 2},
    CurrencyInfo{"COU", 2}, CurrencyInfo{"CRC", 2}, CurrencyInfo{"CUP", 2}, CurrencyInfo{"CVE", 2},
    CurrencyInfo{"CZK", 2}, CurrencyInfo{"DJF", 0}, CurrencyInfo{"DKK", 2}, CurrencyInfo{"DOP", 2},
    CurrencyInfo{"DZD", 2}, CurrencyInfo{"EGP", 2}, CurrencyInfo{"ERN", 2}, CurrencyInfo{"ETB", 2},
    CurrencyInfo{"EUR", 2}, CurrencyInfo{"FJD", 2}, CurrencyInfo{"FKP", 2}, CurrencyInfo{"GBP", 2},
    CurrencyInfo{"GEL", 2}, CurrencyInfo{"GHS", 2}, CurrencyInfo{"GIP", 2}, CurrencyInfo{"GMD", 2},
    CurrencyInfo{"GNF", 0}, CurrencyInfo{"GTQ", 2}, CurrencyInfo{"GYD", 2}, CurrencyInfo{"HKD", 2},
    CurrencyInfo{"HNL", 2}, CurrencyInfo{"HTG", 2}, CurrencyInfo{"HUF", 2}, CurrencyInfo{"IDR", 2},
    CurrencyInfo{"ILS", 2}, CurrencyInfo{"INR", 2}, CurrencyInfo{"IQD", 3}, CurrencyInfo{"IRR", 2},
    CurrencyInfo{"ISK", 0}, CurrencyInfo{"JMD", 2}, CurrencyInfo{"JOD", 3}, CurrencyInfo{"JPY", 0},
    CurrencyInfo{"KES", 2}, CurrencyInfo{"KGS", 2}, CurrencyInfo{"KHR", 2}, CurrencyInfo{"KMF", 0},
    CurrencyInfo{"KPW", 2}, CurrencyInfo{"KRW", 0}, CurrencyInfo{"KWD", 3}, CurrencyInfo{"KYD", 2},
    CurrencyInfo{"KZT", 2}, CurrencyInfo{"LAK", 2}, CurrencyInfo{"LBP", 2}, CurrencyInfo{"LKR", 2},
    CurrencyInfo{"LRD", 2}, CurrencyInfo{"LSL", 2}, CurrencyInfo{"LYD", 3}, CurrencyInfo{"MAD", 2},
    CurrencyInfo{"MDL", 2}, CurrencyInfo{"MGA", 2}, CurrencyInfo{"MKD", 2}, CurrencyInfo{"MMK", 2},
    CurrencyInfo{"MNT", 2}, CurrencyInfo{"MOP", 2}, CurrencyInfo{"MRU", 2}, CurrencyInfo{"MUR", 2},
    CurrencyInfo{"MVR", 2}, CurrencyInfo{"MWK", 2}, CurrencyInfo{"MXN", 2}, CurrencyInfo{"MXV", 2},
    CurrencyInfo{"MYR", 2}, CurrencyInfo{"MZN", 2}, CurrencyInfo{"NAD", 2}, CurrencyInfo{"NGN", 2},
    CurrencyInfo{"NIO", 2}, CurrencyInfo{"NOK", 2}, CurrencyInfo{"NPR", 2}, CurrencyInfo{"NZD", 2},
    CurrencyInfo{"OMR", 3}, CurrencyInfo{"PAB", 2}, CurrencyInfo{"PEN", 2}, CurrencyInfo{"PGK", 2},
    CurrencyInfo{"PHP", 2}, CurrencyInfo{"PKR", 2}, CurrencyInfo{"PLN", 2}, CurrencyInfo{"PYG", 0},
    CurrencyInfo{"QAR", 2}, CurrencyInfo{"RON", 2}, CurrencyInfo{"RSD", 2}, CurrencyInfo{"RUB", 2},
    CurrencyInfo{"RWF", 0}, CurrencyInfo{"SAR", 2}, CurrencyInfo{"SBD", 2}, CurrencyInfo{"SCR", 2},
    CurrencyInfo{"SDG", 2}, CurrencyInfo{"SEK", 2}, CurrencyInfo{"SGD", 2}, CurrencyInfo{"SHP", 2},
    CurrencyInfo{"SLE", 2}, CurrencyInfo{"SOS", 2}, CurrencyInfo{"SRD", 2}, CurrencyInfo{"SSP", 2},
    CurrencyInfo{"STN", 2}, CurrencyInfo{"SVC", 2}, CurrencyInfo{"SYP", 2}, CurrencyInfo{"SZL", 2},
    CurrencyInfo{"THB", 2}, CurrencyInfo{"TJS", 2}, CurrencyInfo{"TMT", 2}, CurrencyInfo{"TND", 3},
    CurrencyInfo{"TOP", 2}, CurrencyInfo{"TRY", 2}, CurrencyInfo{"TTD", 2}, CurrencyInfo{"TWD", 2},
    CurrencyInfo{"TZS", 2}, CurrencyInfo{"UAH", 2}, CurrencyInfo{"UGX", 0}, CurrencyInfo{"USD", 2},
    CurrencyInfo{"USN", 2}, CurrencyInfo{"UYI", 0}, CurrencyInfo{"UYU", 2}, CurrencyInfo{"UYW", 4},
    CurrencyInfo{"UZS", 2}, CurrencyInfo{"VED", 2}, CurrencyInfo{"VES", 2}, CurrencyInfo{"VND", 0},
    CurrencyInfo{"VUV", 0}, CurrencyInfo{"WST", 2}, CurrencyInfo{"XAF", 0}, CurrencyInfo{"XAG", 0},
    CurrencyInfo{"XAU", 0}, CurrencyInfo{"XCD", 2}, CurrencyInfo{"XDR", 0}, CurrencyInfo{"XOF", 0},
    CurrencyInfo{"XPD", 0}, CurrencyInfo{"XPF", 0}, CurrencyInfo{"XPT", 0}, CurrencyInfo{"XSU", 0},
    CurrencyInfo{"XUA", 0}, CurrencyInfo{"YER", 2}, CurrencyInfo{"ZAR", 2}, CurrencyInfo{"ZMW", 2},
    CurrencyInfo{"ZWL", 2},
};

}  // namespace

namespace detail {

void throw_money_overflow(const char* operation) { throw_overflow(operation); }

void throw_currency_mismatch(std::string_view a, std::string_view b) {
  raise(Errc::currency_mismatch, "core.currency_mismatch", {{"a", std::string(a)}, {"b", std::string(b)}});
}

}  // namespace detail

Currency::Currency() noexcept : index_(0) {}

Currency Currency::of(std::string_view code) {
  for (std::size_t i = 0; i < kCurrencies.size(); ++i) {
    if (kCurrencies[i].code == code) return Currency(static_cast<std::uint16_t>(i));
  }
  raise(Errc::invalid_argument, "core.bad_currency", {{"currency", std::string(code)}});
}

std::string_view Currency::code() const noexcept { return kCurrencies[index_].code; }
int Currency::exponent() const noexcept { return kCurrencies[index_].exponent; }

Money Money::parse(std::string_view amount, Currency currency) {
  Decimal d;
  try {
    d = Decimal::parse(amount);
  } catch (const ValidationError& e) {
    if (e.code() == Errc::overflow) throw;
    raise(Errc::invalid_argument, "core.bad_amount", {{"text", std::string(amount)}});
  }
  if (d.scale() > kScale) {
    raise(Errc::invalid_argument, "core.amount_too_precise",
          {{"text", std::string(amount)}, {"max", std::to_string(kScale)}});
  }
  return from_decimal(d, currency);
}

Money Money::from_decimal(const Decimal& amount, Currency currency) {
  const Decimal n = amount.normalized();
  if (n.scale() > kScale) {
    raise(Errc::invalid_argument, "core.amount_too_precise",
          {{"text", amount.to_string()}, {"max", std::to_string(kScale)}});
  }
  return Money(detail::narrow(Int128(n.coefficient()) * detail::pow10(kScale - n.scale()), "amount"),
               currency);
}

Decimal Money::amount() const { return Decimal::from_coefficient(units_, kScale); }

std::string Money::to_string() const {
  const int minor = currency_.exponent() < kScale ? currency_.exponent() : kScale;
  Decimal d = amount().normalized();
  if (d.scale() < minor) d = d.rescaled(minor);
  return d.to_string();
}

Money Money::times(const Decimal& factor, Rounding rounding) const {
  std::int64_t product64 = 0;
  std::int64_t q = 0;
  if (!__builtin_mul_overflow(units_, factor.coefficient(), &product64) &&
      detail::divide_rounded64(product64, detail::pow10_64(factor.scale()), rounding, &q)) {
    return Money(q, currency_);
  }
  const Int128 product = Int128(units_) * Int128(factor.coefficient());
  return Money(detail::narrow(detail::divide_rounded(product, detail::pow10(factor.scale()), rounding),
                              "multiply"),
               currency_);
}

Money Money::times(const Ratio& factor, Rounding rounding) const {
  std::int64_t product64 = 0;
  std::int64_t q = 0;
  if (!__builtin_mul_overflow(units_, factor.numerator(), &product64) &&
      detail::divide_rounded64(product64, factor.denominator(), rounding, &q)) {
    return Money(q, currency_);
  }
  const Int128 product = Int128(units_) * Int128(factor.numerator());
  return Money(detail::narrow(detail::divide_rounded(product, Int128(factor.denominator()), rounding),
                              "multiply"),
               currency_);
}

Money Money::rounded(int scale, Rounding rounding) const {
  if (scale < 0 || scale > kScale) {
    raise(Errc::invalid_argument, "core.bad_scale", {{"scale", std::to_string(scale)}});
  }
  const Int128 step = detail::pow10(kScale - scale);
  const Int128 q = detail::divide_rounded(Int128(units_), step, rounding);
  return Money(detail::narrow(q * step, "round"), currency_);
}

std::vector<Money> Money::allocate(std::span<const std::int64_t> weights) const {
  if (weights.empty()) raise(Errc::invalid_argument, "core.allocate_no_weights");
  Int128 total_weight = 0;
  for (std::int64_t w : weights) {
    if (w < 0) raise(Errc::invalid_argument, "core.allocate_negative_weight", {{"weight", std::to_string(w)}});
    total_weight += w;
  }
  if (total_weight == 0) raise(Errc::invalid_argument, "core.allocate_zero_weights");

  const int minor = currency_.exponent() < kScale ? currency_.exponent() : kScale;
  const std::int64_t step = static_cast<std::int64_t>(detail::pow10(kScale - minor));
  if (units_ % step != 0) {
    raise(Errc::invalid_argument, "core.allocate_not_minor",
          {{"amount", to_string()}, {"currency", std::string(currency_.code())}});
  }
  const Int128 minor_units = Int128(units_ / step);
  const int sign = minor_units < 0 ? -1 : 1;
  const Int128 magnitude = minor_units < 0 ? Int128(-minor_units) : minor_units;

  std::vector<Int128> parts(weights.size());
  Int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    parts[i] = magnitude * weights[i] / total_weight;
    given += parts[i];
  }
  Int128 remainder = magnitude - given;  // < number of positive weights
  for (std::size_t i = 0; i < weights.size() && remainder > 0; ++i) {
    if (weights[i] > 0) {
      parts[i] += 1;
      remainder -= 1;
    }
  }
  std::vector<Money> out;
  out.reserve(parts.size());
  for (const Int128& p : parts) {
    out.push_back(Money(detail::narrow(p * sign * step, "allocate"), currency_));
  }
  return out;
}

Ratio ratio(const Money& a, const Money& b) {
  a.check_same_currency(b);
  if (b.units_ == 0) raise(Errc::invalid_argument, "core.division_by_zero");
  return Ratio(a.units_, b.units_);
}

}  // namespace pactum
