// Display rounding (pactum/core/display.hpp): one rule for every face.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "pactum/core/display.hpp"

using namespace pactum;

TEST(DisplayTest, MoneyIsShownAtTheMinorUnitRoundedHalfEven) {
  const Currency cny = Currency::of("CNY");
  EXPECT_EQ(display::money(Ratio(100005, 10000), cny).to_string(), "10.00");  // 10.0005 -> half-even 10.00
  EXPECT_EQ(display::money(Ratio(100015, 10000), cny).to_string(), "10.00");  // 10.0015 -> 10.00
  EXPECT_EQ(display::money(Ratio(1, 3), cny).to_string(), "0.33");
  EXPECT_EQ(display::money(Ratio(-2, 3), cny).to_string(), "-0.67");
  EXPECT_EQ(display::money(Ratio(5, 2), Currency::of("JPY")).to_string(), "2");  // half-even at 0 decimals
  EXPECT_EQ(display::amount(Money::parse("1500000", "CNY")).to_string(), "1500000.00");
  EXPECT_EQ(display::amount(Money::parse("0.125", "CNY")).to_string(), "0.12");
  EXPECT_EQ(display::amount(Money::parse("0.135", "CNY")).to_string(), "0.14");
  EXPECT_EQ(display::rate(Ratio(1, 3)).to_string(), "0.333333");
  EXPECT_EQ(display::rate(Ratio(3, 10)).to_string(), "0.3");
  EXPECT_EQ(display::rate(Ratio(2, 1)).to_string(), "2");
}

// Laws: the shown money is within half a minor unit of the exact value, and
// shown amounts of minor-unit money are the amounts themselves.
TEST(DisplayTest, ShownMoneyIsWithinHalfAMinorUnit) {
  std::mt19937_64 rng(11);
  const Currency cny = Currency::of("CNY");
  for (int i = 0; i < 5000; ++i) {
    const auto num = static_cast<std::int64_t>(rng() % 2000000001) - 1000000000;
    const auto den = static_cast<std::int64_t>(1 + rng() % 997);
    const Ratio exact(num, den);
    const Money shown = display::money(exact, cny);
    EXPECT_EQ(shown.units() % 100, 0);
    // |shown - exact| <= 0.005, i.e. |shown_units * den - num * 10^4| <= 50 * den.
    const std::int64_t diff = shown.units() * den - num * 10000;  // both below 2^63 here
    EXPECT_LE(diff < 0 ? -diff : diff, 50 * den) << num << "/" << den;
    EXPECT_EQ(display::amount(shown), shown.amount().rescaled(2));
  }
}
