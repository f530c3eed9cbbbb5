#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"

using namespace pactum;

namespace {

const Currency CNY = Currency::of("CNY");
const Currency JPY = Currency::of("JPY");

Money cny(const char* s) { return Money::parse(s, CNY); }

std::vector<std::string> strings(const std::vector<Money>& parts) {
  std::vector<std::string> out;
  for (const Money& m : parts) out.push_back(m.to_string());
  return out;
}

template <class Fn>
Errc code_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

}  // namespace

TEST(MoneyTest, ParsesPlainDecimalsAndFormatsWithMinorDigits) {
  EXPECT_EQ(cny("1000000").to_string(), "1000000.00");
  EXPECT_EQ(cny("1000000.00").units(), 10000000000);
  EXPECT_EQ(cny("-0.5").to_string(), "-0.50");
  EXPECT_EQ(cny("0.1234").to_string(), "0.1234");
  EXPECT_EQ(Money::parse("100", JPY).to_string(), "100");
  EXPECT_EQ(Money::parse("1.5", JPY).to_string(), "1.5");
  EXPECT_EQ(Money::parse("1.234", "KWD").to_string(), "1.234");
}

TEST(MoneyTest, RejectsMalformedAmountsWithInvalidArgument) {
  for (const char* bad : {"1e5", "abc", "1.2.3", "", " 1", "1.23456", "1,000.00", "+1", ".5", "5.", "1 ", "--1",
                          "0x10", "１"}) {
    EXPECT_EQ(code_of([&] { cny(bad); }), Errc::invalid_argument) << bad;
  }
}

TEST(MoneyTest, RejectsUnknownCurrencies) {
  EXPECT_EQ(code_of([] { Currency::of("RMB"); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { Currency::of("cny"); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { Currency::of(""); }), Errc::invalid_argument);
  EXPECT_EQ(Currency::of("JPY").exponent(), 0);
  EXPECT_EQ(Currency::of("KWD").exponent(), 3);
  EXPECT_EQ(Currency::of("CNY").exponent(), 2);
}

TEST(MoneyTest, OverflowAtTheLimitsIsAnError) {
  const Money max = Money::from_units(std::numeric_limits<std::int64_t>::max(), CNY);
  const Money min = Money::from_units(std::numeric_limits<std::int64_t>::min(), CNY);
  EXPECT_EQ(max.to_string(), "922337203685477.5807");
  EXPECT_EQ(cny("922337203685477.5807"), max);
  EXPECT_EQ(code_of([] { cny("922337203685477.5808"); }), Errc::overflow);
  EXPECT_EQ(code_of([] { cny("99999999999999999999"); }), Errc::overflow);
  EXPECT_EQ(code_of([&] { (void)(max + cny("0.0001")); }), Errc::overflow);
  EXPECT_EQ(code_of([&] { (void)(min - cny("0.0001")); }), Errc::overflow);
  EXPECT_EQ(code_of([&] { (void)(-min); }), Errc::overflow);
  EXPECT_EQ(code_of([&] { (void)max.times(2); }), Errc::overflow);
  EXPECT_EQ(code_of([&] { (void)max.times(Decimal::parse("1.5")); }), Errc::overflow);
  EXPECT_EQ(code_of([&] { (void)max.rounded(0, Rounding::up); }), Errc::overflow);
  EXPECT_EQ((max - cny("1")) + cny("1"), max);
}

TEST(MoneyTest, ArithmeticAcrossCurrenciesIsRefused) {
  const Money usd = Money::parse("1", "USD");
  EXPECT_EQ(code_of([&] { (void)(cny("1") + usd); }), Errc::currency_mismatch);
  EXPECT_EQ(code_of([&] { (void)(cny("1") < usd); }), Errc::currency_mismatch);
  EXPECT_EQ(code_of([&] { (void)ratio(cny("1"), usd); }), Errc::currency_mismatch);
  EXPECT_FALSE(cny("1") == usd);
  // A default Money has no currency and never mixes silently.
  EXPECT_EQ(code_of([&] { (void)(Money() + cny("1")); }), Errc::currency_mismatch);
  try {
    (void)(cny("1") + usd);
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("USD"), std::string::npos);
  }
}

TEST(MoneyTest, RoundingPoliciesAtAnExplicitScale) {
  EXPECT_EQ(cny("0.125").rounded(2, Rounding::half_even).to_string(), "0.12");
  EXPECT_EQ(cny("0.135").rounded(2, Rounding::half_even).to_string(), "0.14");
  EXPECT_EQ(cny("-2.5").rounded(0, Rounding::half_even).to_string(), "-2.00");
  EXPECT_EQ(cny("-2.5").rounded(0, Rounding::half_up).to_string(), "-3.00");
  EXPECT_EQ(cny("-2.5").rounded(0, Rounding::down).to_string(), "-2.00");
  EXPECT_EQ(cny("-2.5").rounded(0, Rounding::up).to_string(), "-3.00");
  EXPECT_EQ(cny("-2.5").rounded(0, Rounding::floor).to_string(), "-3.00");
  EXPECT_EQ(cny("-2.5").rounded(0, Rounding::ceiling).to_string(), "-2.00");
  EXPECT_EQ(cny("2.0001").rounded(2, Rounding::ceiling).to_string(), "2.01");
  EXPECT_EQ(cny("2.0099").rounded(2, Rounding::floor).to_string(), "2.00");
  EXPECT_EQ(cny("0.125").rounded_to_minor().to_string(), "0.12");
  EXPECT_EQ(code_of([] { (void)cny("1").rounded(5); }), Errc::invalid_argument);
}

TEST(MoneyTest, ExactProductsAndRatios) {
  // 300000 / 1000000 x 30 = 9 exactly.
  const Ratio rate = ratio(cny("300000"), cny("1000000"));
  EXPECT_EQ(rate, Ratio(3, 10));
  EXPECT_EQ(rate * Ratio(30), Ratio(9));
  EXPECT_EQ((rate * Ratio(30)).round(2).to_string(), "9.00");
  EXPECT_EQ(cny("1000000").times(Decimal::parse("0.3")).to_string(), "300000.00");
  EXPECT_EQ(cny("100").times(Ratio(1, 3)).to_string(), "33.3333");
  EXPECT_EQ(cny("100").times(Ratio(1, 3)).rounded_to_minor().to_string(), "33.33");
  EXPECT_EQ(cny("0.01").times(Decimal::parse("0.5"), Rounding::half_even).to_string(), "0.005");
  EXPECT_EQ(code_of([] { (void)ratio(cny("1"), cny("0")); }), Errc::invalid_argument);
}

TEST(MoneyTest, AllocationGivesRemainderToFirstParts) {
  const std::vector<std::int64_t> thirds{1, 1, 1};
  EXPECT_EQ(strings(cny("100.00").allocate(thirds)), (std::vector<std::string>{"33.34", "33.33", "33.33"}));
  EXPECT_EQ(strings(Money::parse("100", JPY).allocate(thirds)), (std::vector<std::string>{"34", "33", "33"}));
  EXPECT_EQ(strings(cny("-100.00").allocate(thirds)), (std::vector<std::string>{"-33.34", "-33.33", "-33.33"}));
  const std::vector<std::int64_t> article{3, 5, 2};
  EXPECT_EQ(strings(cny("1000000").allocate(article)),
            (std::vector<std::string>{"300000.00", "500000.00", "200000.00"}));
  const std::vector<std::int64_t> with_zero{0, 1, 1};
  EXPECT_EQ(strings(cny("0.03").allocate(with_zero)), (std::vector<std::string>{"0.00", "0.02", "0.01"}));
}

TEST(MoneyTest, AllocationRefusesBadWeightsAndSubMinorAmounts) {
  EXPECT_EQ(code_of([] { (void)cny("1").allocate(std::vector<std::int64_t>{}); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { (void)cny("1").allocate(std::vector<std::int64_t>{0, 0}); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { (void)cny("1").allocate(std::vector<std::int64_t>{1, -1}); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { (void)cny("0.001").allocate(std::vector<std::int64_t>{1, 1}); }),
            Errc::invalid_argument);
}

// Law: the parts of an allocation sum exactly to the amount, each part is
// within one minor unit of its exact share, and parts are in minor units.
TEST(MoneyTest, AllocationPropertySumsExactly) {
  std::mt19937_64 rng(20240131);
  std::uniform_int_distribution<std::int64_t> amount(-1'000'000'000, 1'000'000'000);
  std::uniform_int_distribution<int> count(1, 12);
  std::uniform_int_distribution<std::int64_t> weight(0, 1000);
  for (int iter = 0; iter < 5000; ++iter) {
    const Money m = Money::from_units(amount(rng) * 100, CNY);  // whole cents
    std::vector<std::int64_t> w(static_cast<std::size_t>(count(rng)));
    std::int64_t total = 0;
    for (auto& x : w) total += (x = weight(rng));
    if (total == 0) w[0] = total = 1;
    const auto parts = m.allocate(w);
    Money sum = Money::zero(CNY);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      sum += parts[i];
      EXPECT_EQ(parts[i].units() % 100, 0);
      const Ratio exact = Ratio(m.units(), 100) * Ratio(w[i], total);
      const Ratio got(parts[i].units(), 100);
      const Ratio diff = got - exact;
      EXPECT_LE(diff < Ratio(0) ? -diff : diff, Ratio(1));
    }
    ASSERT_EQ(sum, m);
  }
}

// Law: parse(to_string(m)) == m for every representable amount.
TEST(MoneyTest, FormatParseRoundTripProperty) {
  std::mt19937_64 rng(7);
  for (int iter = 0; iter < 20000; ++iter) {
    const Money m = Money::from_units(static_cast<std::int64_t>(rng()), iter % 2 ? CNY : JPY);
    ASSERT_EQ(Money::parse(m.to_string(), m.currency()), m) << m.to_string();
  }
}
