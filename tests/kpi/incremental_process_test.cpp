// The engine across processes and crashes: a payment another process records
// is in this process's next scorecard; a process killed (SIGKILL) after a
// batch leaves a database whose engine, reopened from its snapshot and the
// log tail, equals a replay; torn, stale and wrong snapshots are harmless.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "kpi/engine_load.hpp"
#include "kpi/incremental.hpp"
#include "kpi/kpi_support.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

using Child = test::ChildProcess;

Child spawn_worker(const std::vector<std::string>& args) {
  const Child c = test::spawn_with_pipe(PACTUM_KPI_WORKER, args);
  EXPECT_GT(c.pid, 0);
  return c;
}

int wait_exit(const Child& c) {
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  ::close(c.out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_line(int fd) {
  std::string line;
  char ch = 0;
  while (::read(fd, &ch, 1) == 1 && ch != '\n') line.push_back(ch);
  return line;
}

void sql(const std::string& path, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statement, nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// A company with a dozen active contracts of four people, on disk.
void company_on_disk(const std::string& path) {
  Database db(path);
  add_company(db);
  db.advance_to(d("2024-02-01"));
  const char* owners[] = {"S1", "S2", "P1", "R1"};
  const char* types[] = {"sales", "sales", "procurement", "project"};
  for (int i = 0; i < 12; ++i) {
    Terms t;
    t.owner = owners[i % 4];
    t.type = types[i % 4];
    t.amount = "800000.00";
    t.signed_on = i % 2 == 0 ? "2024-01-10" : "2024-01-25";
    t.delivery_due = "2024-02-20";
    t.installments = {{"2024-02-05", "400000.00"}, {"2024-03-05", "400000.00"}};
    sign(db, t);
  }
}

void expect_reference(Database& db) {
  for (const char* e : {"S1", "S2", "P1", "R1"}) {
    for (const char* p : {"2024-01", "2024-02", "2024-Q1", "2024"}) {
      EXPECT_EQ(db.scorecard(e, period(p)), evaluate_scorecard(db.scoring_input(e, period(p)))) << e << " " << p;
    }
  }
}

}  // namespace

TEST(IncrementalEngineProcesses, AnotherProcesssPaymentIsInTheNextScorecard) {
  test::TempDir dir;
  const std::string path = dir.file("shared.db");
  company_on_disk(path);
  Database db(path);
  std::vector<ScoreChange> heard;
  db.subscribe_scores([&](const ScoreChange& c) { heard.push_back(c); });
  const Scorecard before = db.scorecard("S1", period("2024-Q1"));
  ASSERT_EQ(before.indicator("collection_rate")->value, Ratio(0));
  const std::string number = before.contracts.front();

  const Child child = spawn_worker({"pay", path, number, "400000.00", "REMOTE-1", "2024-01-30"});
  ASSERT_EQ(wait_exit(child), 0);

  const Scorecard after = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(after.indicator("collection_rate")->value, Ratio(400000, 800000 * 3));
  EXPECT_EQ(after, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));
  EXPECT_EQ(db.kpi_engine_stats().last_seq, db.last_event_seq());
  // The catch-up told this process's listeners, on this thread: January,
  // the quarter, the year, and February (collection counts up to each
  // month's cutoff, and the clock is in February).
  ASSERT_EQ(heard.size(), 4U);
  for (const ScoreChange& c : heard) {
    EXPECT_EQ(c.employee, "S1");
    if (c.period == period("2024-Q1")) {
      EXPECT_TRUE(c.old_total == before.total);
      EXPECT_TRUE(c.new_total == after.total);
    }
  }
}

TEST(IncrementalEngineProcesses, AProcessKilledAfterABatchLeavesAStateEqualToAReplay) {
  test::TempDir dir;
  const std::string path = dir.file("killed.db");
  company_on_disk(path);
  const Child child = spawn_worker({"batch", path, "300", "7"});
  const std::string ready = read_line(child.out);
  ASSERT_EQ(ready.rfind("ready ", 0), 0U) << ready;
  const std::int64_t last = std::stoll(ready.substr(6));
  ::kill(child.pid, SIGKILL);
  int status = 0;
  ::waitpid(child.pid, &status, 0);
  ::close(child.out);
  ASSERT_TRUE(WIFSIGNALED(status));

  Database db(path);
  const KpiHealth health = db.kpi_health();
  EXPECT_TRUE(health.ok) << (health.differences.empty() ? "" : health.differences.front());
  EXPECT_EQ(health.last_seq, last);
  EXPECT_EQ(db.last_event_seq(), last);
  const KpiEngineStats stats = db.kpi_engine_stats();
  EXPECT_EQ(stats.snapshots_loaded, 1);  // saved half way by the killed process
  EXPECT_EQ(stats.replays, 0);
  ASSERT_TRUE(stats.snapshot_seq.has_value());
  EXPECT_LT(*stats.snapshot_seq, last);
  expect_reference(db);
}

TEST(IncrementalEngineProcesses, ATornSnapshotIsIgnoredAndTheLogReplayed) {
  test::TempDir dir;
  const std::string path = dir.file("torn.db");
  company_on_disk(path);
  {
    Database db(path);
    db.scorecard("S1", period("2024-Q1"));
    db.save_kpi_snapshot();
  }
  sql(path, "UPDATE kpi_snapshot SET data = substr(data, 1, length(data) - 8) WHERE part = 1");
  {
    Database db(path);
    expect_reference(db);
    const KpiEngineStats stats = db.kpi_engine_stats();
    EXPECT_EQ(stats.snapshots_loaded, 0);
    EXPECT_EQ(stats.replays, 1);
    EXPECT_TRUE(db.kpi_health().ok);
  }
  // A whole snapshot again, then of another layout (the base64 text of
  // layout 1, or an unknown one), or with parts missing: the same.
  {
    Database db(path);
    db.save_kpi_snapshot();
  }
  for (const char* layout : {"1", "9"}) {
    sql(path, ("UPDATE kpi_snapshot SET data = replace(data, 'pactum-kpi-snapshot 2 ', 'pactum-kpi-snapshot " +
               std::string(layout) + " ') WHERE part = 0")
                  .c_str());
    Database db(path);
    expect_reference(db);
    EXPECT_EQ(db.kpi_engine_stats().snapshots_loaded, 0) << layout;
    EXPECT_EQ(db.kpi_engine_stats().replays, 1) << layout;
    sql(path, ("UPDATE kpi_snapshot SET data = replace(data, 'pactum-kpi-snapshot " + std::string(layout) +
               " ', 'pactum-kpi-snapshot 2 ') WHERE part = 0")
                  .c_str());
  }
  {
    Database db(path);
    expect_reference(db);
    EXPECT_EQ(db.kpi_engine_stats().snapshots_loaded, 1);  // the header put back: whole again
  }
  sql(path, "DELETE FROM kpi_snapshot WHERE part = 1");  // the body gone, the header left
  {
    Database db(path);
    expect_reference(db);
    EXPECT_EQ(db.kpi_engine_stats().snapshots_loaded, 0);
    EXPECT_EQ(db.kpi_engine_stats().replays, 1);
  }
  sql(path, "DELETE FROM kpi_snapshot WHERE part = 0");
  {
    Database db(path);
    expect_reference(db);
    EXPECT_EQ(db.kpi_engine_stats().replays, 1);
  }
}

TEST(IncrementalEngineProcesses, AStaleSnapshotCatchesUpWithTheLog) {
  test::TempDir dir;
  const std::string path = dir.file("stale.db");
  company_on_disk(path);
  std::string number;
  {
    Database db(path);
    number = db.scorecard("S1", period("2024-Q1")).contracts.front();
    db.save_kpi_snapshot();
  }
  {
    Database db(path);  // no engine loaded: the snapshot falls behind
    db.record_payment(number, cny("700000.00"), d("2024-01-28"), "LATE-1");
    db.advance_to(d("2024-03-06"));
  }
  Database db(path);
  expect_reference(db);
  const KpiEngineStats stats = db.kpi_engine_stats();
  EXPECT_EQ(stats.snapshots_loaded, 1);
  EXPECT_EQ(stats.last_seq, db.last_event_seq());
  EXPECT_LT(*stats.snapshot_seq, stats.last_seq);
}

TEST(IncrementalEngineProcesses, ClosingAHandleSavesTheEngine) {
  test::TempDir dir;
  const std::string path = dir.file("close.db");
  company_on_disk(path);
  std::int64_t last = 0;
  {
    OpenOptions fast;
    fast.durability = Durability::normal;
    Database db(path, fast);
    const std::string number = db.scorecard("S1", period("2024-Q1")).contracts.front();
    auto tx = db.transaction();
    for (int i = 0; i < 1100; ++i) db.record_satisfaction(number, i % 101, d("2024-01-28"));
    tx.commit();
    last = db.last_event_seq();
  }
  Database db(path);
  db.scorecard("S1", period("2024-Q1"));
  const KpiEngineStats stats = db.kpi_engine_stats();
  EXPECT_EQ(stats.snapshots_loaded, 1);
  EXPECT_EQ(stats.snapshot_seq, last);
}

TEST(IncrementalEngineProcesses, AWrongSnapshotIsFoundAndRepairedByTheHealthCheck) {
  test::TempDir dir;
  const std::string path = dir.file("wrong.db");
  company_on_disk(path);
  std::string number;
  std::int64_t id = 0;
  {
    Database db(path);
    const Scorecard card = db.scorecard("S1", period("2024-Q1"));
    number = card.contracts.front();
    id = db.contract(number).id;
    db.save_kpi_snapshot();
  }
  // Forge a well-formed snapshot whose state has a payment the log lacks:
  // decode the stored state, apply a phantom payment as the next event, and
  // store it under the fingerprint of the event that really comes next.
  std::string bytes;  // the body's parts, one after the other
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT data FROM kpi_snapshot WHERE part > 0 ORDER BY part", -1, &st, nullptr),
              SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      bytes.append(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
    }
    sqlite3_finalize(st);
    sqlite3_close(raw);
  }
  std::int64_t next = 0;
  {
    Database db(path);
    next = db.advance_to(d("2024-02-02")).seq;  // the event that really comes next
  }
  kpi_engine::Engine forged = kpi_engine::Engine::deserialize(bytes, Currency::of("CNY"));
  forged.begin(forged.time());
  kpi_engine::EngineEvent phantom;
  phantom.seq = next;
  phantom.type = EventType::payment_received;
  phantom.contract = id;
  phantom.effective = d("2024-01-20");
  phantom.amount = 100000 * Money::kUnitsPerOne;
  forged.apply(phantom);
  forged.finish();
  const std::string forged_bytes = forged.serialize();
  std::string fingerprint;
  {
    Database db(path);
    const Event e = db.event(next);
    fingerprint = e.recorded_at + "/" + std::to_string(static_cast<int>(e.type));
  }
  const std::string forged_head = "pactum-kpi-snapshot 2 " + std::to_string(next) + " 1 " +
                                  std::to_string(forged_bytes.size()) + " " + fingerprint;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "DELETE FROM kpi_snapshot", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "INSERT INTO kpi_snapshot(part, data) VALUES(0, ?), (1, ?)", -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(st, 1, forged_head.data(), static_cast<int>(forged_head.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 2, forged_bytes.data(), static_cast<int>(forged_bytes.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(raw);
  }

  Database db(path);
  const KpiHealth health = db.kpi_health();
  EXPECT_FALSE(health.ok);
  EXPECT_TRUE(health.repaired);
  ASSERT_FALSE(health.differences.empty());
  EXPECT_NE(health.differences.front().find("contract " + std::to_string(id)), std::string::npos)
      << health.differences.front();
  EXPECT_EQ(db.kpi_engine_stats().snapshots_loaded, 1);
  // Repaired: the scorecards are the log's again, and a second check is clean.
  expect_reference(db);
  EXPECT_TRUE(db.kpi_health().ok);
}

TEST(IncrementalEngineProcesses, APastDayIsTheEnginesAndADayAfterTheClockTheReferences) {
  test::TempDir dir;
  const std::string path = dir.file("asof.db");
  company_on_disk(path);
  {
    Database db(path);
    db.scorecard("S1", period("2024-Q1"));
    db.save_kpi_snapshot();
  }
  Database db(path);
  // A day after the clock: the engine's queue is not applied that far, so
  // the reference evaluator answers, and the engine is not loaded for it.
  const Date ahead = db.today().add_days(40);
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1"), ahead),
            evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"), ahead)));
  KpiEngineStats stats = db.kpi_engine_stats();
  EXPECT_FALSE(stats.loaded);
  EXPECT_EQ(stats.snapshots_loaded, 0);
  EXPECT_EQ(stats.replays, 0);
  EXPECT_EQ(stats.reference_answers, 1);
  EXPECT_EQ(stats.incremental_answers, 0);
  // Days before the clock, one scorecard and many: the engine, loaded once
  // from its snapshot, equal to the reference evaluator.
  for (const Date past : {d("2024-01-15"), d("2024-01-31"), db.today().add_days(-1)}) {
    ASSERT_LT(past, db.today());
    EXPECT_EQ(db.scorecard("S1", period("2024-Q1"), past),
              evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"), past)))
        << past.to_string();
    const std::vector<Scorecard> cards = db.scorecards(period("2024-Q1"), past);
    ASSERT_FALSE(cards.empty());
    for (const Scorecard& c : cards) {
      EXPECT_EQ(c, evaluate_scorecard(db.scoring_input(c.employee, period("2024-Q1"), past))) << c.employee;
    }
  }
  stats = db.kpi_engine_stats();
  EXPECT_TRUE(stats.loaded);
  EXPECT_EQ(stats.snapshots_loaded, 1);
  EXPECT_EQ(stats.replays, 0);
  EXPECT_EQ(stats.reference_answers, 1);
  EXPECT_GE(stats.incremental_answers, 6);
}

// A large log (more events than kpi::EngineLoadPolicy::kSmallLog): a fresh
// handle asked one scorecard answers from the reference evaluator without
// loading the engine; a question about many scorecards loads it at once; and
// single scorecards load it once what the reference read reaches the cost.
TEST(IncrementalEngineProcesses, ALargeLogIsNotLoadedForOneScorecardUntilLoadingPays) {
  test::TempDir dir;
  const std::string path = dir.file("large.db");
  company_on_disk(path);
  std::string number;
  {
    OpenOptions fast;
    fast.durability = Durability::normal;
    Database db(path, fast);
    number = db.scorecard("R1", period("2024-Q1")).contracts.front();
    auto tx = db.transaction();
    for (std::int64_t i = 0; i <= kpi::EngineLoadPolicy::kSmallLog; ++i) db.record_satisfaction(number, static_cast<int>(i % 101), d("2024-01-28"));
    tx.commit();
    db.save_kpi_snapshot();
  }
  const Period q1 = period("2024-Q1");
  {
    Database db(path);
    ASSERT_GT(db.last_event_seq(), kpi::EngineLoadPolicy::kSmallLog);
    // S1's contracts hold few events: each answer reads little.
    const Scorecard card = db.scorecard("S1", q1);
    EXPECT_EQ(card, evaluate_scorecard(db.scoring_input("S1", q1)));
    KpiEngineStats stats = db.kpi_engine_stats();
    EXPECT_FALSE(stats.loaded);
    EXPECT_EQ(stats.snapshots_loaded, 0);
    EXPECT_EQ(stats.reference_answers, 1);
    // Many scorecards: loaded from the snapshot, and the same answers.
    const std::vector<Scorecard> cards = db.scorecards(q1);
    ASSERT_FALSE(cards.empty());
    for (const Scorecard& c : cards) EXPECT_EQ(c, evaluate_scorecard(db.scoring_input(c.employee, q1))) << c.employee;
    stats = db.kpi_engine_stats();
    EXPECT_TRUE(stats.loaded);
    EXPECT_EQ(stats.snapshots_loaded, 1);
    EXPECT_EQ(db.scorecard("S1", q1), card);
    EXPECT_EQ(db.kpi_engine_stats().reference_answers, 1);
  }
  {
    Database db(path);
    // R1's contract holds the surveys: reading it once costs more than
    // loading, so the next single scorecard loads the engine.
    const Scorecard r1 = db.scorecard("R1", q1);
    EXPECT_FALSE(db.kpi_engine_stats().loaded);
    EXPECT_EQ(db.scorecard("R1", q1), r1);
    const KpiEngineStats stats = db.kpi_engine_stats();
    EXPECT_TRUE(stats.loaded);
    EXPECT_EQ(stats.reference_answers, 1);
    EXPECT_EQ(stats.incremental_answers, 1);
  }
}

// The snapshot's binary parts travel through an export (as base64) and the
// restored database loads them as they were.
TEST(IncrementalEngineProcesses, AnExportCarriesTheSnapshotAndTheRestoreLoadsIt) {
  test::TempDir dir;
  const std::string path = dir.file("source.db");
  company_on_disk(path);
  {
    Database db(path);
    db.scorecards(period("2024-Q1"));
    db.save_kpi_snapshot();
    db.export_to(dir.file("export"));
  }
  const std::string target_path = dir.file("target.db");
  {
    Database target(target_path);
    target.import_export(dir.file("export"));
  }
  Database target(target_path);
  expect_reference(target);
  const KpiEngineStats stats = target.kpi_engine_stats();
  EXPECT_EQ(stats.snapshots_loaded, 1);
  EXPECT_EQ(stats.replays, 0);
  EXPECT_TRUE(target.kpi_health().ok);
}
