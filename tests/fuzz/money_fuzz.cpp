// Fuzz target: exact decimals and money (docs/money.md).
//
// Input lines: a decimal text, a second decimal text, a currency code (CNY
// when empty) and allocation weights separated by commas. Laws: parsing
// refuses with a pactum::Error or gives a value whose text parses back to
// it (same value, same scale); normalising and widening keep the value;
// checked arithmetic either refuses or agrees with exact ratios; money
// parses back from its text and from its decimal amount, and an accepted
// allocation sums exactly to the amount.
#include <charconv>
#include <optional>

#include "fuzz/fuzz_support.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

using namespace pactum;

namespace {

constexpr Rounding kRoundings[] = {Rounding::half_even, Rounding::half_up, Rounding::down,
                                   Rounding::up,        Rounding::floor,   Rounding::ceiling};

std::int64_t power_of_ten(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

void decimal_laws(const Decimal& d) {
  const std::string text = d.to_string();
  const Decimal back = Decimal::parse(text);
  PACTUM_FUZZ_CHECK(back == d && back.scale() == d.scale(), text);
  PACTUM_FUZZ_CHECK(d.normalized() == d, text);
  PACTUM_FUZZ_CHECK(Ratio(d).round(d.scale()) == d, text);
  for (int scale = d.scale(); scale <= Decimal::kMaxScale; ++scale) {
    Decimal wide;
    if (fuzz::accepted([&] { wide = d.rescaled(scale); })) PACTUM_FUZZ_CHECK(wide == d, text);
  }
  for (Rounding r : kRoundings) {
    for (int scale = 0; scale < d.scale(); ++scale) {
      Decimal narrow;
      if (!fuzz::accepted([&] { narrow = d.rescaled(scale, r); })) continue;
      PACTUM_FUZZ_CHECK(narrow.scale() == scale, text);
      PACTUM_FUZZ_CHECK(narrow == Ratio(d).round(scale, r), text + " " + narrow.to_string());
      // Rounding moves the value by less than one unit of the last place
      // kept (when the exact difference is representable).
      fuzz::accepted([&] {
        const Ratio moved = Ratio(narrow) - Ratio(d);
        const Ratio unit(1, power_of_ten(scale));
        PACTUM_FUZZ_CHECK(moved < unit && -unit < moved, text + " " + narrow.to_string());
      });
    }
  }
}

void arithmetic_laws(const Decimal& a, const Decimal& b) {
  const std::string both = a.to_string() + " " + b.to_string();
  // Each law holds whenever its operations are representable (a refusal is
  // an overflow error, checked by accepted()).
  Decimal sum;
  if (fuzz::accepted([&] { sum = a + b; })) {
    fuzz::accepted([&] { PACTUM_FUZZ_CHECK(Ratio(sum) == Ratio(a) + Ratio(b), both); });
    Decimal back;
    if (fuzz::accepted([&] { back = sum - b; })) PACTUM_FUZZ_CHECK(back == a, both);
  }
  Decimal product;
  if (fuzz::accepted([&] { product = a * b; })) {
    fuzz::accepted([&] { PACTUM_FUZZ_CHECK(Ratio(product) == Ratio(a) * Ratio(b), both); });
  }
  if (!b.is_zero()) {
    fuzz::accepted([&] { PACTUM_FUZZ_CHECK((Ratio(a) / Ratio(b)) * Ratio(b) == Ratio(a), both); });
  }
  PACTUM_FUZZ_CHECK((a <=> b) == (Ratio(a) <=> Ratio(b)), both);
}

std::vector<std::int64_t> weights_of(std::string_view text) {
  std::vector<std::int64_t> out;
  while (!text.empty() && out.size() < 64) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    std::int64_t w = 0;
    if (std::from_chars(item.data(), item.data() + item.size(), w).ec == std::errc()) out.push_back(w);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

void money_laws(std::string_view text, Currency currency, const std::vector<std::int64_t>& weights) {
  std::optional<Money> m;
  if (!fuzz::accepted([&] { m = Money::parse(text, currency); })) return;
  const std::string shown = m->to_string();
  PACTUM_FUZZ_CHECK(Money::parse(shown, currency) == *m, shown);
  PACTUM_FUZZ_CHECK(Money::from_decimal(m->amount(), currency) == *m, shown);
  for (Rounding r : kRoundings) {
    Money minor;
    if (fuzz::accepted([&] { minor = m->rounded_to_minor(r); })) {
      PACTUM_FUZZ_CHECK(minor.currency() == currency, shown);
    }
  }
  std::vector<Money> parts;
  if (!weights.empty() && fuzz::accepted([&] { parts = m->allocate(weights); })) {
    PACTUM_FUZZ_CHECK(parts.size() == weights.size(), shown);
    Money total = Money::zero(currency);
    for (const Money& p : parts) total += p;
    PACTUM_FUZZ_CHECK(total == *m, shown);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> in = fuzz::lines(fuzz::as_text(data, size));
  const auto line = [&](std::size_t i) { return i < in.size() ? in[i] : std::string_view(); };
  std::optional<Decimal> a;
  std::optional<Decimal> b;
  if (fuzz::accepted([&] { a = Decimal::parse(line(0)); })) decimal_laws(*a);
  if (fuzz::accepted([&] { b = Decimal::parse(line(1)); })) decimal_laws(*b);
  if (a && b) arithmetic_laws(*a, *b);
  Currency currency = Currency::of("CNY");
  if (!line(2).empty() && !fuzz::accepted([&] { currency = Currency::of(line(2)); })) return 0;
  const std::vector<std::int64_t> weights = weights_of(line(3));
  money_laws(line(0), currency, weights);
  money_laws(line(1), currency, weights);
  return 0;
}
