// Display rounding (pactum/core/display.hpp).
#include "pactum/core/display.hpp"

#include <algorithm>

namespace pactum::display {

Money money(const Ratio& exact, Currency currency) {
  // Rounded once, straight to the minor unit: rounding to 10^-4 first and
  // then to the minor unit can land more than half a unit away
  // (0.004996 -> 0.0050 -> 0.01).
  const int minor = std::min(currency.exponent(), Money::kScale);
  return Money::from_decimal(exact.round(minor, Rounding::half_even), currency);
}

Decimal amount(const Money& m) {
  return m.rounded_to_minor().amount().rescaled(std::min(m.currency().exponent(), Money::kScale));
}

Decimal rate(const Ratio& exact) { return exact.round(6, Rounding::half_even).normalized(); }

}  // namespace pactum::display
