// The incremental KPI engine against replaying the log, in the same run.
//
//  - BM_Kpi_PaymentAndScorecard/N vs BM_Kpi_PaymentAndReplay/N: one payment
//    recorded (a file on disk, WAL, synchronous=NORMAL) plus the owner's
//    scorecard for the quarter of the paid contract, read from the engine
//    (which catches up after the commit) vs from an engine rebuilt by
//    replaying the whole log; N = 10^3, 10^4, 10^5, 10^6 events of history
//    across 1,000 employees. BM_Kpi_PaymentAt1e6 vs BM_Kpi_PaymentAt1e3 prints
//    the incremental cost at 10^6 against its cost at 10^3 (target: at least
//    0.5, i.e. within 2x).
//  - BM_Kpi_EngineUpdate/N vs BM_Kpi_EngineRebuild/N: the engine alone, in
//    memory: one payment applied plus the owner's total from the sums, vs
//    rebuilding the engine from the same N events.
//  - BM_Kpi_Replay10M vs BM_Kpi_Scan10M: a full replay of 10 million events
//    from the database (the log read with one statement, folded) vs reading
//    the same columns without folding (target: the replay within 10 s).
//  - BM_Kpi_Memory: the engine's memory per active contract, instalment
//    schedules excluded, by its own count and by the growth of the process's
//    resident set (meaningful when it runs first in a process:
//    --benchmark_filter=Memory).
//
// History: each contract of the 1,000 employees (one a month each, over the
// years, each running for a year) is created and activated, gets three
// payments, a delivery and a survey, every tenth a reversal, every fiftieth
// an amendment — written through the public API in transactions of 250
// contracts, the clock following the signing dates (so that contracts
// expire at their end dates as the years go by). The 10-million
// log is ten copies of the 10^6 history (contracts, instalments and events
// copied with SQL under new ids, numbers and keys): written through the API
// it would take most of an hour on this machine's disk. Histories are kept in
// $PACTUM_BENCH_DIR (or the current directory) and reused by later runs; each
// benchmark works on a copy.
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "bench_files.hpp"
#include "bench_main.hpp"
#include "kpi/incremental.hpp"
#include "pactum/store/database.hpp"
#include "store/kpi_internal.hpp"

using namespace pactum;
namespace fs = std::filesystem;

namespace {

const Currency kCny = Currency::of("CNY");

// A contract a benchmark pays, its owner and the quarter of its signing.
struct Target {
  std::int64_t contract = 0;
  std::string owner;
  Period quarter = Period::parse("2024-Q1");
};

// What a benchmark needs to know about a history file.
struct History {
  fs::path path;
  std::int64_t events = 0;
  // The latest contracts, of different owners: the payments go round them,
  // so that no contract collects thousands of payments.
  std::vector<Target> targets;
};

std::string employee_id(std::int64_t k) {
  char id[16];
  std::snprintf(id, sizeof id, "E%04lld", static_cast<long long>(k % 1000));
  return id;
}

Date signing_date(std::int64_t k) {
  // One contract a month for each of the 1,000 employees, from 2015 on.
  return Date::parse("2015-01-01").add_months(k / 1000).add_days((k % 1000) % 28);
}

// Each contract runs for a year from its signing date.
Date end_date(Date signed_on) { return signed_on.add_months(12).add_days(-1); }

void write_history(const fs::path& path, std::int64_t events) {
  bench::remove_db(path);
  Database db(path.string(), bench::fast_options());
  for (int d = 0; d < 10; ++d) db.add_department({"D" + std::to_string(d), "部门" + std::to_string(d), std::nullopt, std::nullopt});
  for (int e = 0; e < 1000; ++e) {
    db.add_employee({employee_id(e), "员工" + std::to_string(e), "D" + std::to_string(e % 10), "sales", std::nullopt, std::nullopt});
  }
  std::unique_ptr<Database::Transaction> tx;
  std::int64_t k = 0;
  Date last;
  while (db.last_event_seq() < events) {
    if (!tx) {
      tx = std::make_unique<Database::Transaction>(db.transaction());
      if (last < signing_date(k)) db.advance_to(signing_date(k));
    }
    ContractSpec s;
    s.type = "sales";
    s.owner = employee_id(k);
    s.amount = Money::parse("1000000.00", kCny);
    s.signed_on = signing_date(k);
    s.end = end_date(s.signed_on);
    s.delivery_due = s.signed_on.add_days(25);
    s.counterparty = "客户";
    for (int i = 1; i <= 4; ++i) s.installments.push_back({s.signed_on.add_days(30 * i), Money::parse("250000.00", kCny)});
    const Contract c = db.create_contract(s);
    db.activate(c.id, s.signed_on);
    const std::string tag = "h" + std::to_string(k) + "-";
    for (int i = 1; i <= 3; ++i) db.record_payment(c.id, Money::parse("200000.00", kCny), s.signed_on.add_days(5 * i), tag + std::to_string(i));
    db.record_delivery(c.id, true, s.signed_on.add_days(20));
    db.record_satisfaction(c.id, static_cast<int>(60 + k % 41), s.signed_on.add_days(22));
    if (k % 10 == 0) db.reverse_payment(tag + "2", s.signed_on.add_days(18));
    if (k % 50 == 0) {
      Amendment a;
      a.delivery_due = s.signed_on.add_days(30);
      db.amend(c.id, "schedule", a, s.signed_on.add_days(3));
    }
    last = std::max(last, s.signed_on);  // signing dates are not in k order within a month
    if (k % 250 == 249) {
      tx->commit();
      tx.reset();
    }
    ++k;
  }
  if (tx) tx->commit();
  db.advance_to(last.add_days(25));
}

// The history of `events` events (generated once and kept).
History history(std::int64_t events) {
  History h;
  h.path = bench::files_dir() / ("kpi_history_v2_" + std::to_string(events) + ".db");
  const fs::path marker = h.path.string() + ".ok";
  if (!fs::exists(marker) || !fs::exists(h.path)) {
    fs::remove(marker);
    write_history(h.path, events);
    std::ofstream(marker) << "complete\n";
  }
  Database db(h.path.string(), bench::fast_options());
  ContractFilter latest;
  latest.signed_from = db.today().add_days(-60);
  const std::vector<Contract> recent = db.find_contracts(latest);
  for (auto it = recent.rbegin(); it != recent.rend() && h.targets.size() < 100; ++it) {
    h.targets.push_back({it->id, it->owner, Period::quarter_of(it->signed_on)});
  }
  h.events = db.last_event_seq();
  return h;
}

// A working copy of a history, so that runs do not grow the kept file.
fs::path working_copy(const History& h, const char* name) {
  const fs::path copy = bench::files_dir() / name;
  bench::remove_db(copy);
  fs::copy_file(h.path, copy);
  return copy;
}

std::int64_t history_size(std::int64_t full) { return bench::size<std::int64_t>(full, full >= 100000 ? 400 : 200); }

std::int64_t payment_ref = 0;

Money one_yuan() { return Money::parse("1.00", kCny); }

// Pays the next target one yuan and returns it.
const Target& pay(Database& db, const History& h) {
  const Target& t = h.targets[static_cast<std::size_t>(payment_ref % static_cast<std::int64_t>(h.targets.size()))];
  db.record_payment(t.contract, one_yuan(), std::nullopt, "bench-" + std::to_string(++payment_ref));
  return t;
}

// ---- Through the store --------------------------------------------------------

void payment_and_scorecard(benchmark::State& state, std::int64_t events) {
  const History h = history(history_size(events));
  const fs::path copy = working_copy(h, "kpi_incremental.db");
  Database db(copy.string(), bench::fast_options());
  db.scorecards(h.targets.front().quarter);  // many scorecards: loads the engine (a replay: no snapshot yet)
  for (auto _ : state) {
    const Target& t = pay(db, h);
    const Scorecard card = db.scorecard(t.owner, t.quarter);
    benchmark::DoNotOptimize(card.total);
  }
  const KpiEngineStats stats = db.kpi_engine_stats();
  if (stats.incremental_answers < static_cast<std::int64_t>(state.iterations())) {
    state.SkipWithError("the engine did not answer every scorecard");
  }
  state.counters["history_events"] = static_cast<double>(h.events);
  state.SetItemsProcessed(state.iterations());
}

void BM_Kpi_PaymentAndScorecard(benchmark::State& state) { payment_and_scorecard(state, state.range(0)); }

void BM_Kpi_PaymentAndReplay(benchmark::State& state) {
  const History h = history(history_size(state.range(0)));
  const fs::path copy = working_copy(h, "kpi_replay.db");
  Database db(copy.string(), bench::fast_options());
  for (auto _ : state) {
    const Target& t = pay(db, h);
    kpi_engine::Engine engine = store::replay_log(db.impl());
    const auto card = store::scorecard_from(db.impl(), engine, t.owner, t.quarter, engine.time());
    benchmark::DoNotOptimize(card);
  }
  state.counters["history_events"] = static_cast<double>(h.events);
  state.SetItemsProcessed(state.iterations());
}

// One scorecard as of the day before the clock against the same at the
// clock: the engine (loaded before timing) answers both, reading its state as
// it stood on the day asked.
void scorecard_as_of(benchmark::State& state, int days_back) {
  const History h = history(history_size(state.range(0)));
  const fs::path copy = working_copy(h, "kpi_as_of.db");
  Database db(copy.string(), bench::fast_options());
  const Target& t = h.targets.front();
  db.scorecards(t.quarter);  // many scorecards: loads the engine
  const Date day = db.today().add_days(-days_back);
  for (auto _ : state) {
    const Scorecard card = db.scorecard(t.owner, t.quarter, day);
    benchmark::DoNotOptimize(card.total);
  }
  const KpiEngineStats stats = db.kpi_engine_stats();
  if (stats.incremental_answers < static_cast<std::int64_t>(state.iterations())) {
    state.SkipWithError("the scorecards were not answered as intended");
  }
  state.counters["history_events"] = static_cast<double>(h.events);
}

void BM_Kpi_ScorecardAsOfYesterday(benchmark::State& state) { scorecard_as_of(state, 1); }
void BM_Kpi_ScorecardAtTheClock(benchmark::State& state) { scorecard_as_of(state, 0); }

// The same pair at the two ends, under names of their own so that the ratio
// of the incremental cost at 10^6 to its cost at 10^3 is printed.
void BM_Kpi_PaymentAt1e6(benchmark::State& state) { payment_and_scorecard(state, 1000000); }
void BM_Kpi_PaymentAt1e3(benchmark::State& state) { payment_and_scorecard(state, 1000); }

// ---- The engine alone, in memory ---------------------------------------------------

// A synthetic log of `events` events in the engine's own form, over 1,000
// employees, like the histories above.
std::vector<kpi_engine::EngineEvent> synthetic_log(std::int64_t events) {
  std::vector<kpi_engine::EngineEvent> log;
  std::int64_t seq = 0;
  for (std::int64_t k = 0; static_cast<std::int64_t>(log.size()) < events; ++k) {
    auto terms = std::make_shared<kpi_engine::ContractTerms>();
    terms->id = k + 1;
    terms->signer = employee_id(k);
    terms->type = "sales";
    terms->currency = kCny;
    terms->amount = 1000000 * Money::kUnitsPerOne;
    terms->reporting_amount = terms->amount;
    terms->signed_on = signing_date(k);
    terms->delivery_due = terms->signed_on.add_days(25);
    for (int i = 1; i <= 4; ++i) {
      terms->installments.push_back({static_cast<std::int32_t>(terms->signed_on.add_days(30 * i).serial()), 250000 * Money::kUnitsPerOne});
    }
    auto event = [&](EventType type, Date on, std::int64_t amount = 0, std::int64_t value = 0) {
      kpi_engine::EngineEvent e;
      e.seq = ++seq;
      e.type = type;
      e.contract = k + 1;
      e.effective = on;
      e.amount = amount;
      e.value = value;
      return e;
    };
    kpi_engine::EngineEvent created = event(EventType::created, terms->signed_on);
    created.terms = terms;
    log.push_back(created);
    log.push_back(event(EventType::activated, terms->signed_on));
    for (int i = 1; i <= 3; ++i) log.push_back(event(EventType::payment_received, terms->signed_on.add_days(5 * i), 200000 * Money::kUnitsPerOne));
    log.push_back(event(EventType::delivered, terms->signed_on.add_days(20), 0, 1));
    log.push_back(event(EventType::satisfaction, terms->signed_on.add_days(22), 0, 60 + k % 41));
    log.push_back(event(EventType::expired, end_date(terms->signed_on)));
  }
  return log;
}

Date synthetic_today(const std::vector<kpi_engine::EngineEvent>& log) {
  return log[log.size() - 2].effective.add_days(25);
}

std::string number_of(std::int64_t id) { return "HT-" + std::to_string(id); }

void BM_Kpi_EngineUpdate(benchmark::State& state) {
  const auto log = synthetic_log(history_size(state.range(0)));
  const Date today = synthetic_today(log);
  kpi_engine::Engine engine(kCny);
  engine.begin(today);
  for (const auto& e : log) engine.apply(e);
  engine.finish();
  const std::int64_t last = log.back().contract;
  const std::optional<KpiTemplate> sales = KpiTemplate::builtin("sales");
  std::int64_t seq = log.back().seq;
  std::int64_t round = 0;
  for (auto _ : state) {
    // The latest contracts in turn, one per employee.
    const std::int64_t contract = last - (round++ % std::min<std::int64_t>(last, 1000));
    const std::string owner = employee_id(contract - 1);
    const Period quarter = Period::quarter_of(signing_date(contract - 1));
    kpi_engine::EngineEvent p;
    p.seq = ++seq;
    p.type = EventType::payment_received;
    p.contract = contract;
    p.effective = today;
    p.amount = Money::kUnitsPerOne;
    engine.begin(today);
    engine.apply(p);
    engine.finish();
    benchmark::DoNotOptimize(engine.scorecard(owner, std::string("sales"), quarter, sales, number_of)->total);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Kpi_EngineRebuild(benchmark::State& state) {
  const auto log = synthetic_log(history_size(state.range(0)));
  const Date today = synthetic_today(log);
  const std::int64_t contract = log.back().contract;
  const std::string owner = employee_id(contract - 1);
  const Period quarter = Period::quarter_of(signing_date(contract - 1));
  const std::optional<KpiTemplate> sales = KpiTemplate::builtin("sales");
  for (auto _ : state) {
    kpi_engine::Engine engine(kCny);
    engine.begin(today);
    for (const auto& e : log) engine.apply(e);
    engine.finish();
    benchmark::DoNotOptimize(engine.scorecard(owner, std::string("sales"), quarter, sales, number_of)->total);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---- A full replay of 10 million events -------------------------------------------------

// Ten copies of the 10^6 history (or of the smoke history), one file.
History replay_history(std::int64_t events) {
  const History base = history(history_size(1000000));
  History h;
  h.path = bench::files_dir() / ("kpi_history_" + std::to_string(events) + "x10.db");
  const fs::path marker = h.path.string() + ".ok";
  if (!fs::exists(marker) || !fs::exists(h.path)) {
    fs::remove(marker);
    bench::remove_db(h.path);
    fs::copy_file(base.path, h.path);
    SQLite::Database raw(h.path.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("PRAGMA synchronous = NORMAL");
    const std::int64_t contracts = raw.execAndGet("SELECT MAX(id) FROM contracts").getInt64();
    const std::int64_t seqs = raw.execAndGet("SELECT MAX(seq) FROM events").getInt64();
    for (int copy = 1; copy < 10 && raw.execAndGet("SELECT MAX(seq) FROM events").getInt64() < events; ++copy) {
      SQLite::Transaction tx(raw);
      const std::string c = std::to_string(copy * contracts);
      const std::string s = std::to_string(copy * seqs);
      const std::string tag = "'/" + std::to_string(copy) + "'";
      raw.exec("INSERT INTO contracts (id, number, numbering, type, status, owner, signer, department, counterparty, "
               "key_account, currency, amount, reporting_amount, exchange_rate, signed_on, start_on, end_on, "
               "delivery_due, activated_on, closed_on) SELECT id + " + c + ", number || " + tag +
               ", numbering, type, status, owner, signer, department, counterparty, key_account, currency, amount, "
               "reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, activated_on, closed_on "
               "FROM contracts WHERE id <= " + std::to_string(contracts));
      raw.exec("INSERT INTO contract_totals SELECT contract + " + c + ", collected FROM contract_totals WHERE contract <= " +
               std::to_string(contracts));
      raw.exec("INSERT INTO installments SELECT contract + " + c + ", position, due, amount FROM installments WHERE contract <= " +
               std::to_string(contracts));
      raw.exec("INSERT INTO events SELECT seq + " + s + ", type, contract + " + c +
               ", effective, recorded_at, actor, source, idem_key || " + tag + ", amount, ref + " + s +
               ", value, reason, payload FROM events WHERE seq <= " + std::to_string(seqs) + " AND contract IS NOT NULL");
      tx.commit();
    }
    std::ofstream(marker) << "complete\n";
  }
  Database db(h.path.string(), bench::fast_options());
  h.events = db.last_event_seq();
  return h;
}

std::int64_t replay_size() { return bench::size<std::int64_t>(10000000, 2000); }

void BM_Kpi_Replay10M(benchmark::State& state) {
  const History h = replay_history(replay_size());
  Database db(h.path.string(), bench::fast_options());
  for (auto _ : state) {
    kpi_engine::Engine engine = store::replay_log(db.impl());
    benchmark::DoNotOptimize(engine.last_seq());
  }
  state.counters["events"] = static_cast<double>(h.events);
  state.SetItemsProcessed(state.iterations() * h.events);
}

// The same rows read with the same statement shape, not folded.
void BM_Kpi_Scan10M(benchmark::State& state) {
  const History h = replay_history(replay_size());
  SQLite::Database raw(h.path.string(), SQLite::OPEN_READONLY);
  for (auto _ : state) {
    SQLite::Statement st(raw,
                         "SELECT seq, type, contract, effective, amount, value, CASE WHEN type IN (9, 14, 15) THEN payload END "
                         "FROM events WHERE seq > 0 ORDER BY seq");
    std::int64_t sum = 0;
    while (st.executeStep()) {
      sum += st.getColumn(0).getInt64() + st.getColumn(1).getInt() + st.getColumn(3).getBytes();
      if (!st.getColumn(4).isNull()) sum += st.getColumn(4).getInt64();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["events"] = static_cast<double>(h.events);
  state.SetItemsProcessed(state.iterations() * h.events);
}

// ---- Memory ------------------------------------------------------------------------------------

std::int64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0;
  std::int64_t resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::int64_t>(::sysconf(_SC_PAGESIZE));
}

void BM_Kpi_Memory(benchmark::State& state) {
  const History h = replay_history(replay_size());
  Database db(h.path.string(), bench::fast_options());
  double engine_bytes = 0;
  double rss_bytes = 0;
  double schedule_bytes = 0;
  double active = 0;
  for (auto _ : state) {
    const std::int64_t before = resident_bytes();
    kpi_engine::Engine engine = store::replay_log(db.impl());
    const std::int64_t after = resident_bytes();
    const kpi_engine::Stats s = engine.stats();
    active = static_cast<double>(s.active_contracts);
    engine_bytes = static_cast<double>(s.bytes) / active;
    schedule_bytes = static_cast<double>(s.schedule_bytes) / active;
    rss_bytes = static_cast<double>(after - before - s.schedule_bytes) / active;
  }
  state.counters["active_contracts"] = active;
  state.counters["bytes_per_contract"] = engine_bytes;
  state.counters["rss_per_contract"] = rss_bytes;
  state.counters["schedule_per_contract"] = schedule_bytes;
}

}  // namespace

BENCHMARK(BM_Kpi_PaymentAndScorecard)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Kpi_PaymentAndReplay)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)->UseRealTime()->Unit(benchmark::kMicrosecond);
PACTUM_BENCH_COMPARE(BM_Kpi_PaymentAndScorecard, BM_Kpi_PaymentAndReplay);
BENCHMARK(BM_Kpi_ScorecardAsOfYesterday)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Kpi_ScorecardAtTheClock)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)->UseRealTime()->Unit(benchmark::kMicrosecond);
PACTUM_BENCH_COMPARE(BM_Kpi_ScorecardAsOfYesterday, BM_Kpi_ScorecardAtTheClock);
BENCHMARK(BM_Kpi_PaymentAt1e6)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Kpi_PaymentAt1e3)->UseRealTime()->Unit(benchmark::kMicrosecond);
PACTUM_BENCH_COMPARE(BM_Kpi_PaymentAt1e6, BM_Kpi_PaymentAt1e3);
BENCHMARK(BM_Kpi_EngineUpdate)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Kpi_EngineRebuild)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
PACTUM_BENCH_COMPARE(BM_Kpi_EngineUpdate, BM_Kpi_EngineRebuild);
BENCHMARK(BM_Kpi_Replay10M)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Kpi_Scan10M)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
PACTUM_BENCH_COMPARE(BM_Kpi_Replay10M, BM_Kpi_Scan10M);
BENCHMARK(BM_Kpi_Memory)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

PACTUM_BENCH_MAIN();
