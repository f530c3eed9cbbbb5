// Shared main of Pactum's benchmarks: every benchmark runs beside its
// baseline in the same binary, and the ratios are printed at the end.
//
//   PACTUM_BENCH_COMPARE(BM_Money_Add, BM_Money_Add_Int64);
//   PACTUM_BENCH_MAIN();
//
// `--smoke` runs each benchmark for one short round on tiny inputs so the
// test suite keeps every benchmark compiling and running (no timing is
// checked there). Ratios are "speed of Pactum / speed of the baseline":
// above 1 Pactum is faster.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace pactum::bench {

inline bool& smoke_flag() {
  static bool smoke = false;
  return smoke;
}
// True in the test suite's smoke mode: use tiny inputs.
inline bool smoke() { return smoke_flag(); }
// `full` normally, `tiny` in smoke mode.
template <class T>
T size(T full, T tiny) {
  return smoke() ? tiny : full;
}

struct Comparison {
  std::string subject;
  std::string baseline;
};

inline std::vector<Comparison>& comparisons() {
  static std::vector<Comparison> list;
  return list;
}

inline int register_comparison(const char* subject, const char* baseline) {
  comparisons().push_back({subject, baseline});
  return 0;
}

// Records every run (per-iteration real time and items/s) while printing as usual.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  struct Result {
    double seconds_per_iteration = 0;
    double items_per_second = 0;
  };

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.iterations == 0) continue;
      Result res;
      res.seconds_per_iteration = r.real_accumulated_time / static_cast<double>(r.iterations);
      auto it = r.counters.find("items_per_second");
      if (it != r.counters.end()) res.items_per_second = it->second.value;
      results_[r.benchmark_name()] = res;
    }
  }

  // Every comparison whose names are a prefix of run names (arguments such
  // as "/1000" are matched pairwise).
  void print_ratios() const {
    std::printf("\nRatios (speed of Pactum / speed of baseline, same run):\n");
    for (const Comparison& c : comparisons()) {
      bool any = false;
      for (const auto& [name, res] : results_) {
        if (name.rfind(c.subject, 0) != 0) continue;
        const std::string suffix = name.substr(c.subject.size());
        if (!suffix.empty() && suffix[0] != '/') continue;
        auto base = results_.find(c.baseline + suffix);
        if (base == results_.end()) continue;
        double ratio = 0;
        if (res.items_per_second > 0 && base->second.items_per_second > 0) {
          ratio = res.items_per_second / base->second.items_per_second;
        } else if (res.seconds_per_iteration > 0) {
          ratio = base->second.seconds_per_iteration / res.seconds_per_iteration;
        }
        std::printf("  %-52s vs %-40s %10.3fx\n", name.c_str(), (c.baseline + suffix).c_str(), ratio);
        any = true;
      }
      if (!any) std::printf("  %-52s vs %-40s (not run)\n", c.subject.c_str(), c.baseline.c_str());
    }
  }

 private:
  std::map<std::string, Result> results_;
};

inline int run_main(int argc, char** argv) {
  std::vector<char*> args;
  std::string min_time = "--benchmark_min_time=0.000001";
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke_flag() = true;
      continue;
    }
    args.push_back(argv[i]);
  }
  if (smoke()) args.push_back(min_time.data());
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios();
  benchmark::Shutdown();
  return 0;
}

}  // namespace pactum::bench

#define PACTUM_BENCH_CONCAT2(a, b) a##b
#define PACTUM_BENCH_CONCAT(a, b) PACTUM_BENCH_CONCAT2(a, b)
#define PACTUM_BENCH_COMPARE(subject, baseline)                                        \
  static const int PACTUM_BENCH_CONCAT(pactum_bench_cmp_, __LINE__) [[maybe_unused]] = \
      ::pactum::bench::register_comparison(#subject, #baseline)
#define PACTUM_BENCH_MAIN() \
  int main(int argc, char** argv) { return ::pactum::bench::run_main(argc, argv); }
