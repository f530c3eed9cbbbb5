// How figures are shown: the one place display rounding is decided, for the
// documents of the C API and the command line and the values of Python.
// Every figure shown rounded has its exact value beside it where it matters
// (a scorecard's value_exact, a report's exact ratios).
#pragma once

#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

namespace pactum::display {

// An exact money figure (an average, a median) rounded half-even, once, to
// the currency's minor unit.
Money money(const Ratio& exact, Currency currency);
// An amount at the currency's minor digits ("1500000.00" for CNY), rounded
// half-even when it holds more.
Decimal amount(const Money& m);
// A rate or any other ratio shown as a number: rounded half-even to 6
// decimals, trailing zeros dropped ("0.3", "0.333333").
Decimal rate(const Ratio& exact);

}  // namespace pactum::display
