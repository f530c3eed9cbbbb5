// The event log against its baselines, in the same run (files on disk, WAL,
// synchronous=FULL):
//  - one payment event per transaction (record_payment: validation, the
//    idempotency key, the event row, the contract's collected total) vs an
//    empty write transaction: BEGIN IMMEDIATE; INSERT of one integer; COMMIT;
//  - batches of 1,000 payment events in one transaction vs plain inserts of
//    the same rows into a table with the same definition and indexes (copied
//    from a Pactum database), in one transaction.
// Database files go to $PACTUM_BENCH_DIR, or the current directory: put it on
// a disk, not tmpfs, for the durable figures.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_main.hpp"
#include "pactum/store/database.hpp"

using namespace pactum;

namespace {

std::filesystem::path bench_dir() {
  const char* dir = std::getenv("PACTUM_BENCH_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::current_path();
}

std::string fresh_file(const std::string& name) {
  const std::filesystem::path p = bench_dir() / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p.string();
}

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

void BM_Store_SingleEvent(benchmark::State& state) {
  const std::string path = fresh_file("store_bench_single.db");
  {
    Database db(path);
    const std::int64_t contract = prepare_company(db);
    const Money one = Money::parse("1.00", kCny);
    std::int64_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(db.record_payment(contract, one, kOn, tagged("P", ++i)));
    state.SetItemsProcessed(state.iterations());
  }
  fresh_file("store_bench_single.db");
}

void BM_Store_SingleEvent_EmptyWrite(benchmark::State& state) {
  const std::string path = fresh_file("store_bench_empty.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("CREATE TABLE t (x INTEGER)");
    SQLite::Statement begin(db, "BEGIN IMMEDIATE");
    SQLite::Statement insert(db, "INSERT INTO t (x) VALUES (?)");
    SQLite::Statement commit(db, "COMMIT");
    std::int64_t i = 0;
    for (auto _ : state) {
      begin.exec();
      begin.reset();
      insert.bind(1, ++i);
      insert.exec();
      insert.reset();
      commit.exec();
      commit.reset();
    }
    state.SetItemsProcessed(state.iterations());
  }
  fresh_file("store_bench_empty.db");
}

// ---- batches of events in one transaction -------------------------------------------

void BM_Store_EventBatch(benchmark::State& state) {
  const std::int64_t batch = state.range(0);
  const std::string path = fresh_file("store_bench_batch.db");
  {
    Database db(path);
    const std::int64_t contract = prepare_company(db);
    const Money one = Money::parse("1.00", kCny);
    std::int64_t i = 0;
    for (auto _ : state) {
      auto tx = db.transaction();
      for (std::int64_t k = 0; k < batch; ++k) {
        benchmark::DoNotOptimize(db.record_payment(contract, one, kOn, tagged("P", ++i)));
      }
      tx.commit();
    }
    state.SetItemsProcessed(state.iterations() * batch);
  }
  fresh_file("store_bench_batch.db");
}

void BM_Store_EventBatch_PlainInsert(benchmark::State& state) {
  const std::int64_t batch = state.range(0);
  // The events table of a real Pactum database, recreated in a plain file.
  const std::string model = fresh_file("store_bench_model.db");
  { Database db(model); }
  const std::vector<std::string> ddl = events_ddl(model);
  fresh_file("store_bench_model.db");
  const std::string path = fresh_file("store_bench_plain.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    for (const std::string& sql : ddl) db.exec(sql);
    SQLite::Statement begin(db, "BEGIN IMMEDIATE");
    SQLite::Statement insert(db,
                             "INSERT INTO events(type, contract, effective, recorded_at, actor, source, idem_key, "
                             "amount, ref, value, reason, payload) VALUES(?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, NULL, "
                             "NULL)");
    SQLite::Statement commit(db, "COMMIT");
    const std::string effective = kOn.to_string();
    const std::string recorded = "2024-03-01T08:00:00.000Z";
    std::int64_t i = 0;
    for (auto _ : state) {
      begin.exec();
      begin.reset();
      for (std::int64_t k = 0; k < batch; ++k) {
        insert.bind(1, 3);
        insert.bind(2, static_cast<std::int64_t>(1));
        insert.bind(3, effective);
        insert.bind(4, recorded);
        insert.bind(5, "finance");
        insert.bind(6, tagged("P", ++i));
        insert.bind(7, static_cast<std::int64_t>(10000));
        insert.exec();
        insert.reset();
      }
      commit.exec();
      commit.reset();
    }
    state.SetItemsProcessed(state.iterations() * batch);
  }
  fresh_file("store_bench_plain.db");
}

}  // namespace

// Durable writes wait for the disk: wall-clock time is what counts.
BENCHMARK(BM_Store_SingleEvent)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Store_SingleEvent_EmptyWrite)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Store_EventBatch)->Arg(1000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_EventBatch_PlainInsert)->Arg(1000)->UseRealTime()->Unit(benchmark::kMillisecond);

PACTUM_BENCH_COMPARE(BM_Store_SingleEvent, BM_Store_SingleEvent_EmptyWrite);
PACTUM_BENCH_COMPARE(BM_Store_EventBatch, BM_Store_EventBatch_PlainInsert);

PACTUM_BENCH_MAIN();
