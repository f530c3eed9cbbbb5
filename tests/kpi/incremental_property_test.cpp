// The law of the incremental engine: every scorecard it answers equals the
// reference evaluator's, exactly — indicators and their scopes, rule hits,
// coverage, contracts, total. Checked over at least 100 random
// streams of at least 10,000 events each, built in memory and fed to the
// engine in batches of random size (one event at a time, or many, with
// duplicate deliveries of events already applied), with the clock moving on,
// events back-dated and dated ahead, amendments, reversals, refused
// deliveries, handovers, completions, terminations, expiries and period
// closes, over monthly, quarterly and yearly scorecards, as of the clock and
// as of earlier days. Along the way the state goes through its
// snapshot bytes, and a replay of the whole log (with the contracts' current
// terms, as the store reads them) finds no difference.
//
// The environment variables PACTUM_KPI_STREAMS and PACTUM_KPI_STREAM_EVENTS
// scale it; the defaults are the acceptance's 100 x 10,000 (25 x 10,000 in
// the sanitizer build, tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <cstdlib>

#include "kpi/incremental_stream.hpp"

using namespace pactum;
using namespace pactum::kpi_stream;
using kpi_engine::Engine;
using kpi_engine::EngineEvent;

namespace {

#ifndef PACTUM_KPI_DEFAULT_STREAMS
#define PACTUM_KPI_DEFAULT_STREAMS 100
#endif

int env_or(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

struct Checker {
  const Company& company;
  int compared = 0;
  int nonempty = 0;  // of them, scorecards that read contracts
  int referred = 0;  // scorecards the engine leaves to the reference (a cost attribute in a third currency)

  // One scorecard: the engine's (when it answers) equals the reference's.
  void check(Engine& engine, const Stream& s, const std::string& employee, const Period& p) {
    check(engine, s, s.input(employee, p));
  }
  void check(Engine& engine, const Stream& s, const ScoringInput& in) {
    const std::string& employee = in.employee;
    const Period& p = in.period;
    const auto closing = closing_seq(p, in.events);
    ASSERT_EQ(engine.closed(p), closing) << employee << " " << p.to_string();
    if (closing) return;  // a closed period is the reference path's
    std::optional<Scorecard> want;
    try {
      want = evaluate_scorecard(in);
    } catch (const Error& e) {
      ASSERT_EQ(e.code(), Errc::currency_mismatch) << e.what();
    }
    const auto got = engine.scorecard(employee, in.position, p, in.kpi_template,
                                      [&](std::int64_t id) { return s.number(id); }, in.as_of);
    if (!want) {
      // The reference refuses (a budget in a third currency): the engine
      // must not answer either.
      ASSERT_FALSE(got.has_value()) << employee << " " << p.to_string();
      ++referred;
      return;
    }
    if (!got) {
      ++referred;
      return;
    }
    ++compared;
    ASSERT_EQ(*got, *want) << employee << " " << p.to_string() << " as of " << in.as_of.to_string() << "\nengine:    "
                           << got->to_json() << "\nreference: " << want->to_json();
    if (!want->contracts.empty()) ++nonempty;
  }

  // Every scorecard at the clock, and one in two again as of an earlier day
  // (the engine reads its state as it stood then): a day in the period or
  // shortly after, its last day or the day before the clock.
  void check_all(Engine& engine, const Stream& s) {
    const std::vector<Period> periods = s.periods();
    std::mt19937 rng(static_cast<unsigned>(s.log().size()));
    for (const std::string& e : company.employees) {
      ScoringInput in = s.input(e);
      const std::size_t contract_events = in.events.size();
      for (const Period& p : periods) {
        s.for_period(in, p, contract_events);
        check(engine, s, in);
        if (::testing::Test::HasFatalFailure()) return;
        const Date clock = in.as_of;
        const std::int64_t span = days_between(p.start(), clock) + 1;
        if (span <= 1) continue;
        const Date within = p.start().add_days(static_cast<int>(rng() % static_cast<unsigned>(std::min<std::int64_t>(span, 200))));
        const Date candidates[] = {within, within, std::min(p.end(), clock), clock.add_days(-1)};
        const Date day = candidates[rng() % 4];
        if (rng() % 2 == 0 || day >= clock || day < p.start()) continue;
        in.as_of = day;
        check(engine, s, in);
        in.as_of = clock;
        ++as_of_compared;
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
  }
  int as_of_compared = 0;  // of the checks, those as of an earlier day

  // The periods of the clock's date for one employee.
  void check_now(Engine& engine, const Stream& s, const std::string& employee) {
    for (const Period& p : {Period::month_of(s.clock()), Period::quarter_of(s.clock()), Period::year_of(s.clock())}) {
      check(engine, s, employee, p);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
};

// A replay of the whole log in one batch, at the stream's clock.
Engine replay_of(const Stream& s) {
  Engine e(kCny);
  e.begin(s.clock());
  for (const EngineEvent& ev : s.replay()) e.apply(ev);
  e.finish();
  return e;
}

void run_stream(unsigned seed, int events, Checker& checker, bool one_by_one) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  Stream s(seed, checker.company);
  std::mt19937 rng(seed * 7919U + 1);
  Engine engine(kCny);
  std::vector<EngineEvent> pending;
  int checkpoints = 0;
  const int every = events / 4;
  auto flush = [&] {
    engine.begin(s.clock());
    for (const EngineEvent& e : pending) engine.apply(e);
    // Duplicate deliveries: events already applied come again.
    if (!s.log().empty() && rng() % 3 == 0) {
      for (int k = 0; k < 3; ++k) engine.apply(s.replayed(rng() % s.log().size(), false));
    }
    engine.finish();
    pending.clear();
  };
  while (static_cast<int>(s.log().size()) < events) {
    for (EngineEvent& e : s.step()) pending.push_back(std::move(e));
    if (one_by_one || rng() % 8 == 0 || pending.size() > 40) flush();
    if (rng() % 40 == 0 && !pending.empty()) {
      flush();
      const Event& last = s.log().back();
      if (last.contract) checker.check_now(engine, s, s.contracts().at(*last.contract).owner);
      if (::testing::Test::HasFatalFailure()) return;
    }
    if (static_cast<int>(s.log().size()) >= (checkpoints + 1) * every) {
      ++checkpoints;
      flush();
      checker.check_all(engine, s);
      if (::testing::Test::HasFatalFailure()) return;
      if (checkpoints % 2 == 1) {
        // Through the snapshot bytes and back.
        engine = Engine::deserialize(engine.serialize(), kCny);
        Engine replay = replay_of(s);
        const auto diff = engine.differences(replay);
        ASSERT_TRUE(diff.empty()) << diff.front();
      }
    }
  }
  flush();
  checker.check_all(engine, s);
}

TEST(IncrementalEngineProperty, EveryScorecardEqualsTheReferenceOverRandomStreams) {
  const int streams = env_or("PACTUM_KPI_STREAMS", PACTUM_KPI_DEFAULT_STREAMS);
  const int events = env_or("PACTUM_KPI_STREAM_EVENTS", 10000);
  Company company;
  Checker checker{company};
  for (int i = 0; i < streams; ++i) {
    run_stream(static_cast<unsigned>(1000 + i), events, checker, false);
    if (HasFatalFailure()) return;
  }
  // The comparisons really happened, most scorecards were the engine's, and
  // most of them read contracts.
  EXPECT_GT(checker.compared, streams * 1000);
  EXPECT_GT(checker.as_of_compared, streams * 500);
  EXPECT_LT(checker.referred * 10, checker.compared);
  EXPECT_GT(checker.nonempty * 2, checker.compared);
}

TEST(IncrementalEngineProperty, OneEventPerBatchGivesTheSameScorecards) {
  Company company;
  Checker checker{company};
  for (unsigned seed = 1; seed <= 5; ++seed) {
    run_stream(seed, 3000, checker, true);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(checker.compared, 1000);
}

// An engine fed the first `events` events of stream `seed` in one batch.
Engine engine_of(unsigned seed, std::size_t events, const Company& company) {
  Stream s(seed, company);
  Engine engine(kCny);
  engine.begin(s.clock());
  while (s.log().size() < events) {
    for (const EngineEvent& e : s.step()) engine.apply(e);
  }
  engine.finish();
  return engine;
}

// The state the parts hold, read part by part; `total` defaults to their
// length together.
Engine read_parts(const std::vector<std::string>& parts, std::optional<std::size_t> total = std::nullopt) {
  std::size_t sum = 0;
  for (const std::string& p : parts) sum += p.size();
  std::size_t next = 0;
  const Engine::PartSource source = [&]() -> std::optional<std::string> {
    if (next == parts.size()) return std::nullopt;
    return parts[next++];
  };
  Engine e = Engine::deserialize(source, total.value_or(sum), kCny);
  if (next != parts.size()) throw std::logic_error("parts left unread");
  return e;
}

TEST(IncrementalEngineProperty, ASnapshotRestoresTheSameState) {
  Company company;
  const Engine engine = engine_of(77, 4000, company);
  const std::string bytes = engine.serialize();
  Engine copy = Engine::deserialize(bytes, kCny);
  EXPECT_EQ(copy.serialize(), bytes);
  EXPECT_TRUE(copy.differences(engine).empty());
  EXPECT_EQ(copy.last_seq(), engine.last_seq());
  EXPECT_EQ(copy.time(), engine.time());
}

// The state streamed in small parts and read back part by part: the same
// state, whatever the part size (values straddle parts).
TEST(IncrementalEngineProperty, ASnapshotStreamedInPartsRestoresTheSameState) {
  Company company;
  const Engine engine = engine_of(80, 3000, company);
  const std::string whole = engine.serialize();
  for (std::size_t part_bytes : {std::size_t{64}, std::size_t{1000}, std::size_t{1} << 16}) {
    std::vector<std::string> parts;
    engine.serialize([&](std::string_view p) { parts.emplace_back(p); }, part_bytes);
    ASSERT_GT(parts.size(), part_bytes < 2000 ? 10U : 0U) << part_bytes;
    for (const std::string& p : parts) EXPECT_LE(p.size(), part_bytes + 4096) << "a part holds about part_bytes";
    const Engine copy = read_parts(parts);
    EXPECT_TRUE(copy.differences(engine).empty());
    EXPECT_EQ(copy.serialize(), whole);
  }
}

// Parts missing, moved, cut short, damaged or added: every one refused.
TEST(IncrementalEngineProperty, TornOrDamagedPartsAreRefused) {
  Company company;
  const Engine engine = engine_of(81, 1500, company);
  std::vector<std::string> parts;
  engine.serialize([&](std::string_view p) { parts.emplace_back(p); }, 512);
  ASSERT_GT(parts.size(), 8U);
  const auto read = [](const std::vector<std::string>& list) { return read_parts(list); };
  EXPECT_NO_THROW(read(parts));
  const std::size_t mid = parts.size() / 2;
  std::vector<std::string> v = parts;
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(mid));  // a part missing in the middle
  EXPECT_THROW(read(v), std::runtime_error);
  v = parts;
  v.pop_back();  // the last part missing: torn
  EXPECT_THROW(read(v), std::runtime_error);
  v = parts;
  std::swap(v[1], v[2]);  // two parts moved
  EXPECT_THROW(read(v), std::runtime_error);
  v = parts;
  v[mid].resize(v[mid].size() - 3);  // a part cut short
  EXPECT_THROW(read(v), std::runtime_error);
  v = parts;
  v[mid][v[mid].size() / 2] ^= 0x21;  // a byte changed
  EXPECT_THROW(read(v), std::runtime_error);
  v = parts;
  v.push_back(parts.back());  // a part too many
  EXPECT_THROW(read(v), std::runtime_error);
  // A total that does not hold the parts (a head from another snapshot).
  EXPECT_THROW(read_parts(parts, 100), std::runtime_error);
}

TEST(IncrementalEngineProperty, DamagedSnapshotsAreRefused) {
  Company company;
  const Engine engine = engine_of(78, 500, company);
  const std::string bytes = engine.serialize();
  // Truncated anywhere, one byte changed anywhere, another currency.
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_THROW(Engine::deserialize(std::string_view(bytes).substr(0, cut), kCny), std::runtime_error) << cut;
  }
  for (std::size_t at : {std::size_t{3}, std::size_t{20}, bytes.size() / 3, bytes.size() - 3}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    EXPECT_THROW(Engine::deserialize(damaged, kCny), std::runtime_error) << at;
  }
  EXPECT_THROW(Engine::deserialize(bytes, kUsd), std::runtime_error);
}

TEST(IncrementalEngineProperty, ADifferentStateIsReported) {
  Company company;
  Stream s(79, company);
  Engine engine(kCny);
  engine.begin(s.clock());
  while (s.log().size() < 800) {
    for (const EngineEvent& e : s.step()) engine.apply(e);
  }
  engine.finish();
  // The same log without its last payments: a replay differs.
  Engine partial(kCny);
  partial.begin(s.clock());
  const auto all = s.replay();
  std::size_t skipped = 0;
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (it->type == EventType::payment_received && skipped < 3 && it->seq > 400) {
      ++skipped;
      continue;
    }
    partial.apply(*it);
  }
  partial.finish();
  ASSERT_EQ(skipped, 3U);
  const auto diff = engine.differences(partial);
  ASSERT_FALSE(diff.empty());
  bool names_a_contract = false;
  for (const std::string& d : diff) names_a_contract = names_a_contract || d.find("contract ") == 0;
  EXPECT_TRUE(names_a_contract) << diff.front();
}

}  // namespace
