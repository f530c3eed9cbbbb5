// When collections cover an amount (src/tracking/windows.hpp): Coverage, built
// once per contract, answers as covered_from() does for every threshold.
#include <gtest/gtest.h>

#include <random>

#include "tracking/windows.hpp"

using namespace pactum;
using tracking::Coverage;
using tracking::Steps;

namespace {

Date d(const char* text) { return Date::parse(text); }

}  // namespace

TEST(TrackingCoverage, ARunToTheEndCoversAndAReversalBreaksIt) {
  // 400 collected, reversed to 100, then 800.
  const Steps steps{{d("2024-02-05"), 400}, {d("2024-02-20"), 100}, {d("2024-03-05"), 800}};
  const Coverage c(steps);
  EXPECT_EQ(c.from(100), d("2024-02-05"));  // never below 100 from the first payment
  EXPECT_EQ(c.from(400), d("2024-03-05"));  // the reversal broke the first run
  EXPECT_EQ(c.from(800), d("2024-03-05"));
  EXPECT_EQ(c.from(801), std::nullopt);
  EXPECT_EQ(Coverage(Steps{}).from(1), std::nullopt);
}

TEST(TrackingCoverage, EqualsCoveredFromOverRandomHistories) {
  std::mt19937_64 rng(20241208);
  for (int round = 0; round < 2000; ++round) {
    Steps steps;
    Date day = d("2024-01-01");
    std::int64_t collected = 0;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      day = day.add_days(static_cast<int>(rng() % 20));  // same-day steps too
      const std::int64_t change = static_cast<std::int64_t>(rng() % 700) - 200;  // reversals too
      collected = std::max<std::int64_t>(0, collected + change);
      steps.emplace_back(day, collected);
    }
    const Coverage c(steps);
    for (std::int64_t threshold = 0; threshold <= 2000; threshold += 1 + static_cast<std::int64_t>(rng() % 97)) {
      ASSERT_EQ(c.from(threshold), tracking::covered_from(steps, threshold)) << "round " << round << " threshold "
                                                                               << threshold;
    }
  }
}
