// Money arithmetic against raw int64_t (the floor) and against
// Boost's cpp_dec_float_50 (a decimal type people reach for).
#include <boost/multiprecision/cpp_dec_float.hpp>
#include <cstdint>
#include <vector>

#include "bench_main.hpp"
#include "pactum/core/money.hpp"

using namespace pactum;
using DecFloat = boost::multiprecision::cpp_dec_float_50;

namespace {

constexpr int kBatch = 1024;

std::vector<std::int64_t> sample_units() {
  std::vector<std::int64_t> v(kBatch);
  std::uint64_t x = 88172645463325252ull;
  for (auto& u : v) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    u = static_cast<std::int64_t>(x % 100'000'000'00ull);  // up to 1,000,000.0000
  }
  return v;
}

const std::vector<std::int64_t>& units() {
  static const std::vector<std::int64_t> v = sample_units();
  return v;
}

std::vector<Money> sample_money() {
  std::vector<Money> v;
  const Currency cny = Currency::of("CNY");
  for (std::int64_t u : units()) v.push_back(Money::from_units(u, cny));
  return v;
}

std::vector<DecFloat> sample_dec() {
  std::vector<DecFloat> v;
  for (std::int64_t u : units()) v.push_back(DecFloat(u) / 10000);
  return v;
}

// --- add -------------------------------------------------------------------
void BM_Money_Add(benchmark::State& state) {
  const auto v = sample_money();
  for (auto _ : state) {
    Money sum = Money::zero(v[0].currency());
    for (const Money& m : v) sum += m;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
void BM_Money_Add_Int64(benchmark::State& state) {
  const auto& v = units();
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (std::int64_t u : v) {
      benchmark::DoNotOptimize(u);
      sum += u;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
void BM_Money_Add_DecFloat50(benchmark::State& state) {
  const auto v = sample_dec();
  for (auto _ : state) {
    DecFloat sum = 0;
    for (const DecFloat& m : v) sum += m;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// --- multiply by a rate, rounded to the storage scale ------------------------
void BM_Money_Multiply(benchmark::State& state) {
  const auto v = sample_money();
  const Decimal rate = Decimal::parse("0.0375");
  for (auto _ : state) {
    for (const Money& m : v) benchmark::DoNotOptimize(m.times(rate));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
void BM_Money_Multiply_Int64(benchmark::State& state) {
  const auto& v = units();
  for (auto _ : state) {
    for (std::int64_t u : v) {
      benchmark::DoNotOptimize(u);
      benchmark::DoNotOptimize((u * 375 + 5000) / 10000);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
void BM_Money_Multiply_DecFloat50(benchmark::State& state) {
  const auto v = sample_dec();
  const DecFloat rate("0.0375");
  for (auto _ : state) {
    for (const DecFloat& m : v) benchmark::DoNotOptimize(DecFloat(m * rate));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// --- ratio of two amounts, rounded to 4 decimals (a collection rate) ---------
void BM_Money_Ratio(benchmark::State& state) {
  const auto v = sample_money();
  const Money contract = Money::parse("1000000", "CNY");
  for (auto _ : state) {
    for (const Money& m : v) benchmark::DoNotOptimize(ratio(m, contract).round(4));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
void BM_Money_Ratio_Int64(benchmark::State& state) {
  const auto& v = units();
  const std::int64_t contract = 1000000'0000;
  for (auto _ : state) {
    for (std::int64_t u : v) {
      benchmark::DoNotOptimize(u);
      benchmark::DoNotOptimize((u * 10000 + contract / 2) / contract);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
void BM_Money_Ratio_DecFloat50(benchmark::State& state) {
  const auto v = sample_dec();
  const DecFloat contract(1000000);
  for (auto _ : state) {
    for (const DecFloat& m : v) benchmark::DoNotOptimize(DecFloat(m / contract));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

}  // namespace

BENCHMARK(BM_Money_Add);
BENCHMARK(BM_Money_Add_Int64);
BENCHMARK(BM_Money_Add_DecFloat50);
BENCHMARK(BM_Money_Multiply);
BENCHMARK(BM_Money_Multiply_Int64);
BENCHMARK(BM_Money_Multiply_DecFloat50);
BENCHMARK(BM_Money_Ratio);
BENCHMARK(BM_Money_Ratio_Int64);
BENCHMARK(BM_Money_Ratio_DecFloat50);

PACTUM_BENCH_COMPARE(BM_Money_Add, BM_Money_Add_Int64);
PACTUM_BENCH_COMPARE(BM_Money_Add, BM_Money_Add_DecFloat50);
PACTUM_BENCH_COMPARE(BM_Money_Multiply, BM_Money_Multiply_Int64);
PACTUM_BENCH_COMPARE(BM_Money_Multiply, BM_Money_Multiply_DecFloat50);
PACTUM_BENCH_COMPARE(BM_Money_Ratio, BM_Money_Ratio_Int64);
PACTUM_BENCH_COMPARE(BM_Money_Ratio, BM_Money_Ratio_DecFloat50);

PACTUM_BENCH_MAIN();
