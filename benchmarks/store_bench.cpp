// The event log against its baselines, in the same run (files on disk, WAL,
// synchronous=FULL):
//  - one payment event per transaction (record_payment: validation, the
//    idempotency key, the event row, the contract's collected total) vs an
//    empty write transaction: BEGIN IMMEDIATE; INSERT of one integer; COMMIT
//    (interleaved, each timing its own half);
//  - batches of 1,000 payment events in one transaction vs plain inserts of
//    the same rows into a table with the same definition and indexes (copied
//    from a Pactum database), in one transaction (interleaved likewise);
//  - restoring an export (Database::import_export into a new file, default
//    durability, as `pactum import export DIR` does) vs exporting the same
//    database (Database::export_to), in rows per second. The database holds
//    100,000 contracts written through the API (instalments, activation,
//    payments, deliveries, the tracking index; about 1.4 million rows);
//    $PACTUM_RESTORE_BENCH_CONTRACTS asks for another size. It is kept in
//    $PACTUM_BENCH_DIR with a marker and reused by later runs.
// Database files go to $PACTUM_BENCH_DIR, or the current directory: put it on
// a disk, not tmpfs, for the durable figures.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

// ---- restore vs export of the same database -----------------------------------------

namespace fs = std::filesystem;

std::int64_t restore_contracts() {
  if (const char* n = std::getenv("PACTUM_RESTORE_BENCH_CONTRACTS"); n != nullptr && !bench::smoke()) {
    return std::max<std::int64_t>(std::atoll(n), 1);
  }
  return bench::size<std::int64_t>(100000, 300);
}

// The source database (written once, kept with a marker).
const std::string& restore_source() {
  static const std::string path = [] {
    const std::int64_t n = restore_contracts();
    const fs::path file = bench::files_dir() / tagged("store_bench_restore_", n).append(".db");
    const fs::path marker = file.string() + ".ok";
    if (fs::exists(marker) && fs::exists(file)) return file.string();
    fs::remove(marker);
    bench::remove_db(file);
    const auto t0 = std::chrono::steady_clock::now();
    Database db(file.string(), bench::fast_options());
    for (int d = 0; d < 20; ++d) db.add_department({tagged("D", d), tagged("部门", d), std::nullopt, std::nullopt});
    for (int e = 0; e < 1000; ++e) {
      db.add_employee({tagged("E", e), tagged("员工", e), tagged("D", e % 20), "sales", std::nullopt, std::nullopt});
    }
    const Date first = Date::parse("2020-01-01");
    for (std::int64_t k = 0; k < n;) {
      auto tx = db.transaction();
      for (const std::int64_t end = std::min(n, k + 1000); k < end; ++k) {
        ContractSpec c;
        c.type = "sales";
        c.owner = tagged("E", k % 1000);
        c.amount = Money::from_units((10 + k % 490) * 1000 * Money::kUnitsPerOne, kCny);
        c.signed_on = first.add_days(k % 1500);
        c.delivery_due = c.signed_on.add_days(30 + k % 61);
        c.end = c.signed_on.add_days(365);
        c.counterparty = tagged("客户", k % 5000);
        c.external_id = tagged("X", k);
        const Money half = Money::from_units((10 + k % 490) * 500 * Money::kUnitsPerOne, kCny);
        c.installments = {{*c.delivery_due, half}, {*c.end, half}};
        const Contract made = db.create_contract(c);
        db.activate(made.id, c.signed_on);
        db.record_payment(made.id, half, *c.delivery_due, tagged("B", k));
        if (k % 3 != 0) db.record_payment(made.id, half, *c.end, tagged("C", k));
        if (k % 5 != 0) db.record_delivery(made.id, true, {*c.delivery_due});
      }
      tx.commit();
    }
    db.advance_to(Date::parse("2024-06-30"));
    db.catch_up_tracking();
    std::printf("restore source: %lld contracts through the API in %.1f s\n", static_cast<long long>(n),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    std::ofstream(marker) << n << "\n";
    return file.string();
  }();
  return path;
}

std::int64_t rows_of(const ExportSummary& s) {
  std::int64_t rows = 0;
  for (const ExportTable& t : s.tables) rows += t.rows;
  return rows;
}

// Each round exports the source (BM_Store_Export) or restores its export into
// a new file (BM_Store_Restore); only that call is timed.
template <bool kRestore>
void run_restore_pair(benchmark::State& state) {
  const fs::path dir = bench::files_dir() / "store_bench_export";
  const std::string target = bench::fresh_file("store_bench_restored.db");
  std::error_code ec;
  fs::remove_all(dir, ec);
  std::int64_t rows = 0;
  {
    Database source(restore_source(), bench::fast_options());
    if (kRestore) source.export_to(dir.string());
    for (auto _ : state) {
      if (kRestore) {
        bench::fresh_file("store_bench_restored.db");
        Database db(target);
        const auto t0 = std::chrono::steady_clock::now();
        rows = rows_of(db.import_export(dir.string()));
        state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      } else {
        fs::remove_all(dir, ec);
        const auto t0 = std::chrono::steady_clock::now();
        rows = rows_of(source.export_to(dir.string()));
        state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * rows);
  fs::remove_all(dir, ec);
  bench::fresh_file("store_bench_restored.db");
}

void BM_Store_Restore(benchmark::State& state) { run_restore_pair<true>(state); }
void BM_Store_Export(benchmark::State& state) { run_restore_pair<false>(state); }

}  // namespace

// Durable writes wait for the disk: wall-clock time (of each half) is what counts.
BENCHMARK(BM_Store_SingleEvent)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Store_SingleEvent_EmptyWrite)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Store_EventBatch)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_EventBatch_PlainInsert)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_Restore)->UseManualTime()->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_Export)->UseManualTime()->Iterations(2)->Unit(benchmark::kMillisecond);

PACTUM_BENCH_COMPARE(BM_Store_SingleEvent, BM_Store_SingleEvent_EmptyWrite);
PACTUM_BENCH_COMPARE(BM_Store_EventBatch, BM_Store_EventBatch_PlainInsert);
PACTUM_BENCH_COMPARE(BM_Store_Restore, BM_Store_Export);

PACTUM_BENCH_MAIN();
