// Approval routing against its baselines, in the same run:
//  - decisions of the compiled evaluator (per-input indexes, bitsets over
//    rules) vs the linear scan of the same table (the reference evaluator),
//    on a realistic 1,000-rule table: 5 contract types x 20 departments x
//    10 amount bands, hit policy UNIQUE (every decision looks at every rule);
//  - the same with the full result (merged route and audit record);
//  - loading (parse + compile) and checking that table vs parsing its JSON
//    text alone (the floor of any loader).
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "bench_main.hpp"
#include "pactum/approval/routing.hpp"

using namespace pactum;

namespace {

const char* const kTypes[] = {"sales", "procurement", "project", "lease"};  // + every other type
const char* const kBands[] = {"< 10000",          "[10000..20000)",   "[20000..50000)",   "[50000..100000]",
                              "(100000..200000)", "[200000..500000)", "[500000..1000000)", "[1000000..2000000)",
                              "[2000000..5000000)", ">= 5000000"};

const char* const kBandFloors[] = {"0", "10000", "20000", "50000", "100000", "200000", "500000", "1000000", "2000000", "5000000"};

// The last band is open-ended.
std::string last_band(int b) { return b == 4 ? "> 100000" : ">= " + std::string(kBandFloors[b]); }

int departments() { return bench::size(20, 4); }
int bands() { return bench::size(10, 3); }

std::string department(int d) {
  std::string out;
  out.append("D").append(std::to_string(d));
  return out;
}

// The route grows with the amount band; key departments add legal.
nlohmann::json route(int band, int dept) {
  nlohmann::json r = nlohmann::json::array();
  r.push_back({{"role", "dept_manager"}});
  if (dept % 5 == 0) r.push_back({{"role", "legal"}});
  if (band >= 3) r.push_back({{"role", "finance"}, {"mode", band >= 6 ? "all" : "any"}});
  if (band >= 4) r.push_back({{"role", "general_manager"}, {"deadline_days", 3}, {"escalate_to", {{"role", "ceo"}}}});
  if (band >= 8) r.push_back({{"role", "board"}, {"mode", {{"k", 2}}}});
  return r;
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "\"" : ", \"") + v + "\"";
  return out;
}

// types x departments x bands rules; the last type and the last department
// rows are "every other value" (not(...)), so the table has no gap.
std::string table_document() {
  nlohmann::json doc = {{"id", "bench"}, {"version", 1}, {"hit_policy", "UNIQUE"}};
  doc["inputs"] = nlohmann::json::array({{{"name", "type"}, {"type", "text"}},
                                         {{"name", "department"}, {"type", "department"}},
                                         {{"name", "amount"}, {"type", "money"}}});
  std::vector<std::string> types(std::begin(kTypes), std::end(kTypes));
  std::vector<std::string> depts;
  for (int d = 0; d + 1 < departments(); ++d) depts.push_back(department(d));
  nlohmann::json rules = nlohmann::json::array();
  for (std::size_t t = 0; t <= types.size(); ++t) {
    const std::string type_cell = t < types.size() ? "\"" + types[t] + "\"" : "not(" + quoted_list(types) + ")";
    for (int d = 0; d < departments(); ++d) {
      const std::string dept_cell =
          d + 1 < departments() ? "\"" + department(d) + "\"" : "not(" + quoted_list(depts) + ")";
      for (int b = 0; b < bands(); ++b) {
        const std::string band = b + 1 < bands() ? std::string(kBands[b]) : last_band(b);
        std::string id;
        id.append("t").append(std::to_string(t)).append("-d").append(std::to_string(d));
        id.append("-b").append(std::to_string(b));
        rules.push_back({{"id", id},
                         {"when", {{"type", type_cell}, {"department", dept_cell}, {"amount", band}}},
                         {"route", route(b, d)}});
      }
    }
  }
  doc["rules"] = std::move(rules);
  return doc.dump();
}

const std::string& document() {
  static const std::string doc = table_document();
  return doc;
}

const RoutingTable& table() {
  static const RoutingTable t = RoutingTable::parse(document());
  return t;
}

// 1,024 contracts: listed and unlisted types and departments, amounts over
// every band (to the cent).
const std::vector<RoutingInputs>& contracts() {
  static const std::vector<RoutingInputs> list = [] {
    std::vector<RoutingInputs> out;
    std::mt19937_64 rng(42);
    const char* const types[] = {"sales", "procurement", "project", "lease", "labour", "patent"};
    for (int i = 0; i < 1024; ++i) {
      RoutingInputs in;
      in.type = types[rng() % 6];
      in.department = department(static_cast<int>(rng() % (departments() + 2)));
      const std::int64_t cents = static_cast<std::int64_t>(rng() % 800000000);  // up to 8,000,000.00
      in.amount = Money::from_units(cents * 100, Currency::of("CNY"));
      out.push_back(std::move(in));
    }
    return out;
  }();
  return list;
}

template <RoutingEvaluator E>
void select(benchmark::State& state) {
  const RoutingTable& t = table();
  const auto& in = contracts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.select(in[i++ & 1023], E));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["rules"] = static_cast<double>(t.rule_count());
}

template <RoutingEvaluator E>
void evaluate(benchmark::State& state) {
  const RoutingTable& t = table();
  const auto& in = contracts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.evaluate(in[i++ & 1023], E));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_Routing_Select_Compiled(benchmark::State& state) { select<RoutingEvaluator::compiled>(state); }
void BM_Routing_Select_LinearScan(benchmark::State& state) { select<RoutingEvaluator::linear>(state); }
void BM_Routing_Evaluate_Compiled(benchmark::State& state) { evaluate<RoutingEvaluator::compiled>(state); }
void BM_Routing_Evaluate_LinearScan(benchmark::State& state) { evaluate<RoutingEvaluator::linear>(state); }

// Loading: parse + validate + compile the indexes, then check.
void BM_Routing_LoadAndCheck(benchmark::State& state) {
  std::size_t findings = 0;
  for (auto _ : state) {
    const RoutingTable t = RoutingTable::parse(document());
    findings = t.check().size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["rules"] = static_cast<double>(table().rule_count());
}
void BM_Routing_Load(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(RoutingTable::parse(document()));
}
void BM_Routing_Check(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(table().check());
}
// The floor: the JSON text parsed into a DOM, nothing else.
void BM_Routing_JsonParseOnly(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(document()));
}

}  // namespace

BENCHMARK(BM_Routing_Select_Compiled);
BENCHMARK(BM_Routing_Select_LinearScan);
BENCHMARK(BM_Routing_Evaluate_Compiled);
BENCHMARK(BM_Routing_Evaluate_LinearScan);
BENCHMARK(BM_Routing_LoadAndCheck)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Routing_Load)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Routing_Check)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Routing_JsonParseOnly)->Unit(benchmark::kMillisecond);

PACTUM_BENCH_COMPARE(BM_Routing_Select_Compiled, BM_Routing_Select_LinearScan);
PACTUM_BENCH_COMPARE(BM_Routing_Evaluate_Compiled, BM_Routing_Evaluate_LinearScan);
PACTUM_BENCH_COMPARE(BM_Routing_LoadAndCheck, BM_Routing_JsonParseOnly);

PACTUM_BENCH_MAIN();
