// The event log against its baselines, in the same run (files on disk, WAL,
// synchronous=FULL):
//  - one payment event per transaction (record_payment: validation, the
//    idempotency key, the event row, the contract's collected total) vs an
//    empty write transaction: BEGIN IMMEDIATE; INSERT of one integer; COMMIT
//    (interleaved, each timing its own half);
//  - batches of 1,000 payment events in one transaction vs plain inserts of
//    the same rows into a table with the same definition and indexes (copied
//    from a Pactum database), in one transaction (interleaved likewise).
// Database files go to $PACTUM_BENCH_DIR, or the current directory: put it on
// a disk, not tmpfs, for the durable figures.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_files.hpp"
#include "bench_main.hpp"
#include "pactum/store/database.hpp"

using namespace pactum;

namespace {

const Date kOn = Date::parse("2024-03-01");
const Currency kCny = Currency::of("CNY");

std::string tagged(const char* head, std::int64_t k) {
  std::string out(head);
  out.append(std::to_string(k));
  return out;
}

// A database with one department, one employee and one active contract large
// enough that no payment of the benchmark is an over-payment.
std::int64_t prepare_company(Database& db) {
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", std::nullopt, std::nullopt});
  ContractSpec s;
  s.type = "sales";
  s.owner = "E1";
  s.amount = Money::parse("900000000000000", kCny);
  s.signed_on = Date::parse("2024-01-10");
  s.counterparty = "华东机械有限公司";
  const Contract c = db.create_contract(s);
  db.activate(c.id, s.signed_on);
  return c.id;
}

// The DDL of the events table and its indexes in a Pactum database.
std::vector<std::string> events_ddl(const std::string& pactum_file) {
  SQLite::Database db(pactum_file, SQLite::OPEN_READONLY);
  SQLite::Statement st(db, "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL "
                           "ORDER BY type = 'table' DESC, name");
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

// ---- one event per transaction ------------------------------------------------
// fsync time on a shared disk swings by an order of magnitude within seconds,
// so both benchmarks run the same interleaved pair of writes (one Pactum event,
// one empty write transaction) and each times only its own half: they see the
// same disk.

struct DurablePair {
  DurablePair()
      : pactum_path(bench::fresh_file("store_bench_single.db")),
        plain_path(bench::fresh_file("store_bench_empty.db")),
        db(pactum_path),
        plain(plain_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
    contract = prepare_company(db);
    plain.exec("PRAGMA journal_mode = WAL");
    plain.exec("PRAGMA synchronous = FULL");
    plain.exec("CREATE TABLE t (x INTEGER)");
    begin = std::make_unique<SQLite::Statement>(plain, "BEGIN IMMEDIATE");
    insert = std::make_unique<SQLite::Statement>(plain, "INSERT INTO t (x) VALUES (?)");
    commit = std::make_unique<SQLite::Statement>(plain, "COMMIT");
  }
  ~DurablePair() {
    begin.reset();
    insert.reset();
    commit.reset();
  }

  // One payment event in its own transaction.
  void event() { benchmark::DoNotOptimize(db.record_payment(contract, one, kOn, tagged("P", ++i))); }
  // BEGIN IMMEDIATE; INSERT of one integer; COMMIT.
  void empty_write() {
    begin->exec();
    begin->reset();
    insert->bind(1, ++j);
    insert->exec();
    insert->reset();
    commit->exec();
    commit->reset();
  }

  std::string pactum_path;
  std::string plain_path;
  Database db;
  SQLite::Database plain;
  std::unique_ptr<SQLite::Statement> begin, insert, commit;
  std::int64_t contract = 0;
  const Money one = Money::parse("1.00", kCny);
  std::int64_t i = 0;
  std::int64_t j = 0;
};

template <bool kTimeEvent>
void run_durable_pair(benchmark::State& state) {
  {
    DurablePair pair;
    for (auto _ : state) {
      const auto t0 = std::chrono::steady_clock::now();
      if (kTimeEvent) {
        pair.event();
      } else {
        pair.empty_write();
      }
      const auto t1 = std::chrono::steady_clock::now();
      if (kTimeEvent) {
        pair.empty_write();
      } else {
        pair.event();
      }
      state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
    }
    state.SetItemsProcessed(state.iterations());
  }
  bench::fresh_file("store_bench_single.db");
  bench::fresh_file("store_bench_empty.db");
}

void BM_Store_SingleEvent(benchmark::State& state) { run_durable_pair<true>(state); }
void BM_Store_SingleEvent_EmptyWrite(benchmark::State& state) { run_durable_pair<false>(state); }

// ---- batches of events in one transaction -------------------------------------------
// Interleaved too: each iteration writes one Pactum batch and one plain batch
// and each benchmark times its own.

struct BatchPair {
  explicit BatchPair(std::int64_t size)
      : batch(size),
        pactum_path(bench::fresh_file("store_bench_batch.db")),
        plain_path(bench::fresh_file("store_bench_plain.db")),
        db(pactum_path),
        plain(plain_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
    contract = prepare_company(db);
    // The events table of a real Pactum database, recreated in a plain file.
    plain.exec("PRAGMA journal_mode = WAL");
    plain.exec("PRAGMA synchronous = FULL");
    for (const std::string& sql : events_ddl(pactum_path)) plain.exec(sql);
    begin = std::make_unique<SQLite::Statement>(plain, "BEGIN IMMEDIATE");
    insert = std::make_unique<SQLite::Statement>(
        plain,
        "INSERT INTO events(type, contract, effective, recorded_at, actor, source, idem_key, amount, ref, value, "
        "reason, payload) VALUES(?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, NULL, NULL)");
    commit = std::make_unique<SQLite::Statement>(plain, "COMMIT");
  }
  ~BatchPair() {
    begin.reset();
    insert.reset();
    commit.reset();
  }

  void events() {
    auto tx = db.transaction();
    for (std::int64_t k = 0; k < batch; ++k) {
      benchmark::DoNotOptimize(db.record_payment(contract, one, kOn, tagged("P", ++i)));
    }
    tx.commit();
  }
  // The same rows as plain inserts.
  void plain_inserts() {
    begin->exec();
    begin->reset();
    for (std::int64_t k = 0; k < batch; ++k) {
      insert->bind(1, 3);
      insert->bind(2, static_cast<std::int64_t>(1));
      insert->bind(3, effective);
      insert->bind(4, recorded);
      insert->bind(5, "finance");
      insert->bind(6, tagged("P", ++j));
      insert->bind(7, static_cast<std::int64_t>(10000));
      insert->exec();
      insert->reset();
    }
    commit->exec();
    commit->reset();
  }

  std::int64_t batch;
  std::string pactum_path;
  std::string plain_path;
  Database db;
  SQLite::Database plain;
  std::unique_ptr<SQLite::Statement> begin, insert, commit;
  std::int64_t contract = 0;
  const Money one = Money::parse("1.00", kCny);
  const std::string effective = kOn.to_string();
  const std::string recorded = "2024-03-01T08:00:00.000Z";
  std::int64_t i = 0;
  std::int64_t j = 0;
};

template <bool kTimeEvents>
void run_batch_pair(benchmark::State& state) {
  {
    BatchPair pair(state.range(0));
    for (auto _ : state) {
      const auto t0 = std::chrono::steady_clock::now();
      if (kTimeEvents) {
        pair.events();
      } else {
        pair.plain_inserts();
      }
      const auto t1 = std::chrono::steady_clock::now();
      if (kTimeEvents) {
        pair.plain_inserts();
      } else {
        pair.events();
      }
      state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
    }
    state.SetItemsProcessed(state.iterations() * pair.batch);
  }
  bench::fresh_file("store_bench_batch.db");
  bench::fresh_file("store_bench_plain.db");
}

void BM_Store_EventBatch(benchmark::State& state) { run_batch_pair<true>(state); }
void BM_Store_EventBatch_PlainInsert(benchmark::State& state) { run_batch_pair<false>(state); }

}  // namespace

// Durable writes wait for the disk: wall-clock time (of each half) is what counts.
BENCHMARK(BM_Store_SingleEvent)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Store_SingleEvent_EmptyWrite)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Store_EventBatch)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_EventBatch_PlainInsert)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond);

PACTUM_BENCH_COMPARE(BM_Store_SingleEvent, BM_Store_SingleEvent_EmptyWrite);
PACTUM_BENCH_COMPARE(BM_Store_EventBatch, BM_Store_EventBatch_PlainInsert);

PACTUM_BENCH_MAIN();
