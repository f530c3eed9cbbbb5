#include <gtest/gtest.h>

#include <random>

#include "pactum/core/decimal.hpp"
#include "pactum/core/error.hpp"

using namespace pactum;

namespace {

Decimal dec(const char* s) { return Decimal::parse(s); }

std::string round_str(const char* s, int scale, Rounding r) { return dec(s).rescaled(scale, r).to_string(); }

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

TEST(DecimalTest, HalfEvenRoundsTiesToEven) {
  EXPECT_EQ(round_str("0.125", 2, Rounding::half_even), "0.12");
  EXPECT_EQ(round_str("0.135", 2, Rounding::half_even), "0.14");
  EXPECT_EQ(round_str("-2.5", 0, Rounding::half_even), "-2");
  EXPECT_EQ(round_str("2.5", 0, Rounding::half_even), "2");
  EXPECT_EQ(round_str("3.5", 0, Rounding::half_even), "4");
  EXPECT_EQ(round_str("0.1251", 2, Rounding::half_even), "0.13");
}

TEST(DecimalTest, EveryPolicyOnTheSameValues) {
  struct Row {
    const char* value;
    const char* half_even;
    const char* half_up;
    const char* down;
    const char* up;
    const char* floor;
    const char* ceiling;
  };
  const Row rows[] = {
      {"-2.5", "-2", "-3", "-2", "-3", "-3", "-2"}, {"2.5", "2", "3", "2", "3", "2", "3"},
      {"1.1", "1", "1", "1", "2", "1", "2"},        {"-1.1", "-1", "-1", "-1", "-2", "-2", "-1"},
      {"1.9", "2", "2", "1", "2", "1", "2"},        {"0", "0", "0", "0", "0", "0", "0"},
      {"-0.5", "0", "-1", "0", "-1", "-1", "0"},    {"7", "7", "7", "7", "7", "7", "7"},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(round_str(r.value, 0, Rounding::half_even), r.half_even) << r.value;
    EXPECT_EQ(round_str(r.value, 0, Rounding::half_up), r.half_up) << r.value;
    EXPECT_EQ(round_str(r.value, 0, Rounding::down), r.down) << r.value;
    EXPECT_EQ(round_str(r.value, 0, Rounding::up), r.up) << r.value;
    EXPECT_EQ(round_str(r.value, 0, Rounding::floor), r.floor) << r.value;
    EXPECT_EQ(round_str(r.value, 0, Rounding::ceiling), r.ceiling) << r.value;
  }
}

TEST(DecimalTest, RatiosAreExactUntilRoundedOnce) {
  EXPECT_EQ(Ratio(1, 3).round(4).to_string(), "0.3333");
  EXPECT_EQ(Ratio(2, 3).round(4).to_string(), "0.6667");
  EXPECT_EQ(Ratio(300000, 1000000), Ratio(3, 10));
  EXPECT_EQ(Ratio(300000, 1000000).round(1).to_string(), "0.3");
  EXPECT_EQ((Ratio(dec("0.3")) * Ratio(30)).round(0).to_string(), "9");
  EXPECT_EQ(dec("0.3") * dec("30"), Decimal(9));
  EXPECT_EQ(Ratio(1, 3) + Ratio(1, 6), Ratio(1, 2));
  EXPECT_EQ(Ratio(1, 3) - Ratio(1, 2), Ratio(-1, 6));
  EXPECT_EQ(Ratio(1, 3) / Ratio(2, 3), Ratio(1, 2));
  EXPECT_EQ(Ratio(3, -6), Ratio(-1, 2));
  EXPECT_LT(Ratio(79, 100), Ratio(4, 5));
  EXPECT_GE(Ratio(8, 10), Ratio(4, 5));
  EXPECT_EQ(min(Ratio(1), Ratio(3, 2)), Ratio(1));
  EXPECT_EQ(code_of([] { Ratio(1, 0); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { (void)(Ratio(1) / Ratio(0)); }), Errc::invalid_argument);
}

TEST(DecimalTest, ParsingIsStrict) {
  for (const char* bad : {"", " 1", "1 ", "+1", ".5", "5.", "1e5", "1E5", "abc", "1.2.3", "1,0", "--1", "-"}) {
    EXPECT_EQ(code_of([&] { dec(bad); }), Errc::invalid_argument) << bad;
  }
  EXPECT_EQ(code_of([] { dec("0.0000000000000000001"); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { dec("9223372036854775808"); }), Errc::overflow);
  EXPECT_EQ(dec("-9223372036854775808").to_string(), "-9223372036854775808");
  EXPECT_EQ(dec("1.50").to_string(), "1.50");
  EXPECT_EQ(dec("1.50"), dec("1.5"));
  EXPECT_EQ(dec("1.50").normalized().to_string(), "1.5");
  EXPECT_EQ(dec("-0.05").to_string(), "-0.05");
}

TEST(DecimalTest, ArithmeticIsCheckedNeverWraps) {
  EXPECT_EQ((dec("0.1") + dec("0.2")).to_string(), "0.3");
  EXPECT_EQ((dec("1") - dec("0.25")).to_string(), "0.75");
  EXPECT_EQ(code_of([] { (void)(dec("9223372036854775807") + dec("1")); }), Errc::overflow);
  EXPECT_EQ(code_of([] { (void)(dec("9223372036854775807") * dec("2")); }), Errc::overflow);
  EXPECT_EQ(code_of([] { (void)(dec("0.000000001") * dec("0.0000000001")); }), Errc::overflow);
  EXPECT_EQ(code_of([] { (void)dec("1").rescaled(19); }), Errc::invalid_argument);
  EXPECT_EQ(code_of([] { (void)Ratio(INT64_MAX, 1).round(2); }), Errc::overflow);
}

// Laws of rounding: floor <= x <= ceiling, each within one unit of the last
// place, down/up are the truncations toward/away from zero, and half_even
// differs from the exact value by at most half a unit.
TEST(DecimalTest, RoundingLawsHoldOnRandomValues) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::int64_t> coeff(-1'000'000'000'000, 1'000'000'000'000);
  std::uniform_int_distribution<int> scale(0, 8);
  for (int i = 0; i < 20000; ++i) {
    const Decimal x = Decimal::from_coefficient(coeff(rng), scale(rng) + 2);
    const int s = scale(rng) % (x.scale() + 1);
    const Decimal fl = x.rescaled(s, Rounding::floor);
    const Decimal ce = x.rescaled(s, Rounding::ceiling);
    const Decimal he = x.rescaled(s, Rounding::half_even);
    const Decimal unit = Decimal::from_coefficient(1, s);
    ASSERT_LE(fl, x);
    ASSERT_GE(ce, x);
    ASSERT_LE(ce - fl, unit);
    ASSERT_TRUE(he == fl || he == ce);
    const Ratio err = Ratio(he) - Ratio(x);
    ASSERT_LE(err < Ratio(0) ? -err : err, Ratio(unit) / Ratio(2));
    ASSERT_EQ(x.rescaled(s, Rounding::down), x.is_negative() ? ce : fl);
    ASSERT_EQ(x.rescaled(s, Rounding::up), x.is_negative() ? fl : ce);
    ASSERT_EQ(Decimal::parse(x.to_string()), x);
  }
}

// Results whose intermediates overflow 64 bits take the checked 128-bit path
// and still come out exact.
TEST(DecimalTest, LargeIntermediatesStayExact) {
  const std::int64_t a = 3'000'000'000'000'000'001;  // ~2^61.4
  const std::int64_t b = 2'999'999'999'999'999'999;
  EXPECT_EQ(Ratio(a, b) * Ratio(b, a), Ratio(1));
  EXPECT_EQ(Ratio(a, b) / Ratio(a, b), Ratio(1));
  EXPECT_EQ(Ratio(a, b) - Ratio(a, b), Ratio(0));
  EXPECT_EQ(Ratio(1, a) + Ratio(1, a), Ratio(2, a));
  EXPECT_LT(Ratio(b, a), Ratio(a, b));
  EXPECT_GT(Ratio(a, b), Ratio(1));
  EXPECT_EQ(Ratio(a, b).round(2).to_string(), "1.00");
  EXPECT_EQ(Ratio(INT64_MIN, 2), Ratio(INT64_MIN / 2));
  EXPECT_THROW(Ratio(7, INT64_MIN), ValidationError);  // the denominator 2^63 does not fit
  EXPECT_THROW((void)(Ratio(a) * Ratio(b)), ValidationError);
  EXPECT_EQ(Decimal::parse("-9223372036854775808").rescaled(0), Decimal::parse("-9223372036854775808"));
  EXPECT_EQ(Decimal::parse("-922337203685477580.8").rescaled(0, Rounding::floor).to_string(),
            "-922337203685477581");
}
