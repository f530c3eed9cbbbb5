// Bulk import of payments against its baseline, in the same run (files on
// disk, WAL, synchronous=FULL):
//  - BM_Import_PaymentsCsv: Database::import_file of a CSV file of payments
//    (1,000,000 rows over 1,000 active contracts): reading and checking the
//    file, the payment checks, the event rows, the collected totals, one
//    transaction;
//  - BM_Import_PlainInserts: plain inserts of the same rows (values prepared
//    in memory) into a table with the same definition and indexes as the
//    event log (copied from a Pactum database), in one transaction, with the
//    page cache an import runs with (64 MiB).
// Each iteration runs both, interleaved, each timing its own half, so that
// both see the same disk. Database and CSV files go to $PACTUM_BENCH_DIR, or
// the current directory: put it on a disk, not tmpfs.
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

std::int64_t payment_rows() { return bench::size<std::int64_t>(1000000, 2000); }
int contract_count() { return bench::size(1000, 10); }

const Currency kCny = Currency::of("CNY");

// One department, one employee and `count` active contracts large enough
// that no payment of the benchmark is an over-payment; returns their numbers.
std::vector<std::string> prepare_company(Database& db, int count) {
  auto tx = db.transaction();
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", std::nullopt, std::nullopt});
  std::vector<std::string> numbers;
  for (int i = 0; i < count; ++i) {
    ContractSpec s;
    s.type = "sales";
    s.owner = "E1";
    s.amount = Money::parse("900000000000", kCny);
    s.signed_on = Date::parse("2024-01-10");
    s.counterparty = "华东机械有限公司";
    const Contract c = db.create_contract(s);
    db.activate(c.id, s.signed_on);
    numbers.push_back(c.number);
  }
  tx.commit();
  return numbers;
}

// The payments: row k pays 10.00 + k % 100 cents to contract k % count.
struct PaymentRow {
  std::int64_t contract;  // 1-based id
  std::string number;
  std::string amount;
  std::int64_t units;
  std::string date;
  std::string ref;
};

const std::vector<PaymentRow>& payments(const std::vector<std::string>& numbers) {
  static std::vector<PaymentRow> rows;
  if (!rows.empty()) return rows;
  const std::int64_t n = payment_rows();
  rows.reserve(static_cast<std::size_t>(n));
  char buffer[32];
  for (std::int64_t k = 0; k < n; ++k) {
    PaymentRow r;
    const std::size_t c = static_cast<std::size_t>(k) % numbers.size();
    r.contract = static_cast<std::int64_t>(c) + 1;
    r.number = numbers[c];
    std::snprintf(buffer, sizeof buffer, "10.%02d", static_cast<int>(k % 100));
    r.amount = buffer;
    r.units = 100000 + (k % 100) * 100;
    std::snprintf(buffer, sizeof buffer, "2024-%02d-%02d", static_cast<int>(2 + k % 10), static_cast<int>(1 + k % 28));
    r.date = buffer;
    std::snprintf(buffer, sizeof buffer, "BANK-%08lld", static_cast<long long>(k));
    r.ref = buffer;
    rows.push_back(std::move(r));
  }
  return rows;
}

// The CSV file of the payments, written once.
const std::string& payments_csv(const std::vector<std::string>& numbers) {
  static std::string path;
  if (!path.empty()) return path;
  path = (bench::files_dir() / "import_bench_payments.csv").string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "contract,amount,date,ref\n";
  for (const PaymentRow& r : payments(numbers)) out << r.number << ',' << r.amount << ',' << r.date << ',' << r.ref << '\n';
  return path;
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

struct ImportPair {
  // Pactum: a fresh database with its contracts, then the import of the file.
  double import_seconds() {
    const std::string path = bench::fresh_file("import_bench.db");
    std::int64_t applied = 0;
    double seconds = 0;
    {
      Database db(path);
      const std::vector<std::string> numbers = prepare_company(db, contract_count());
      const std::string& csv = payments_csv(numbers);
      const auto t0 = std::chrono::steady_clock::now();
      applied = db.import_file(ImportKind::payments, csv).applied;
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      ddl = events_ddl(path);
    }
    if (applied != payment_rows()) std::abort();
    bench::fresh_file("import_bench.db");
    return seconds;
  }

  // Baseline: the same rows as plain inserts into a copy of the events table.
  double plain_seconds() {
    if (ddl.empty()) import_seconds();
    const std::string path = bench::fresh_file("import_bench_plain.db");
    double seconds = 0;
    {
      SQLite::Database plain(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      plain.exec("PRAGMA journal_mode = WAL");
      plain.exec("PRAGMA synchronous = FULL");
      // The page cache an import runs with (store::kBulkCacheKiB).
      plain.exec("PRAGMA cache_size = -65536");
      for (const std::string& sql : ddl) plain.exec(sql);
      const std::vector<PaymentRow>& rows = payments({});
      const std::string recorded = "2024-03-01T08:00:00.000Z";
      const auto t0 = std::chrono::steady_clock::now();
      plain.exec("BEGIN IMMEDIATE");
      SQLite::Statement insert(plain,
                               "INSERT INTO events(type, contract, effective, recorded_at, actor, source, idem_key, amount, "
                               "ref, value, reason, payload) VALUES(?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, NULL, NULL)");
      for (const PaymentRow& r : rows) {
        insert.bind(1, 3);
        insert.bind(2, r.contract);
        insert.bind(3, r.date);
        insert.bind(4, recorded);
        insert.bind(5, "finance");
        insert.bind(6, r.ref);
        insert.bind(7, r.units);
        insert.exec();
        insert.reset();
      }
      plain.exec("COMMIT");
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    bench::fresh_file("import_bench_plain.db");
    return seconds;
  }

  std::vector<std::string> ddl;
};

template <bool kTimeImport>
void run_pair(benchmark::State& state) {
  ImportPair pair;
  for (auto _ : state) {
    const double imported = pair.import_seconds();
    const double plain = pair.plain_seconds();
    state.SetIterationTime(kTimeImport ? imported : plain);
  }
  state.SetItemsProcessed(state.iterations() * payment_rows());
}

void BM_Import_PaymentsCsv(benchmark::State& state) { run_pair<true>(state); }
void BM_Import_PlainInserts(benchmark::State& state) { run_pair<false>(state); }

}  // namespace

// Durable writes wait for the disk: wall-clock time (of each half) is what counts.
// Three pairs each: the shared disk and CPUs vary from one minute to the next.
BENCHMARK(BM_Import_PaymentsCsv)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Import_PlainInserts)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

PACTUM_BENCH_COMPARE(BM_Import_PaymentsCsv, BM_Import_PlainInserts);

PACTUM_BENCH_MAIN();
