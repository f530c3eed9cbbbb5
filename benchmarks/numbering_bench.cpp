// The numbering engine against its baselines, in the same run:
//  - render + increment in memory vs snprintf of the same string;
//  - durable gapless issuance, one per transaction, vs an empty
//    BEGIN IMMEDIATE; INSERT; COMMIT (both synchronous=FULL, WAL);
//  - 10,000 numbers in one transaction vs plain inserts of the same strings
//    into a UNIQUE-indexed table (interleaved, each timing its own half);
//  - a page of 50 by prefix over 1,000,000 issued numbers vs the LIKE query
//    people write for it (which cannot use the index).
// Database files go to $PACTUM_BENCH_DIR, or the current directory: put it
// on a disk, not tmpfs, for the durable figures.
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
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

// head + k + tail, e.g. "D" 7 "" -> "D7".
std::string tagged(const char* head, int k, const char* tail) {
  std::string out(head);
  out.append(std::to_string(k));
  out.append(tail);
  return out;
}

// ---- render + increment in memory ------------------------------------------------

void BM_Numbering_Render(benchmark::State& state) {
  const auto pattern = NumberingPattern::compile("{type}-{year}-{dept}-{seq:3}");
  const NumberFields fields{{"type", "XSC"}, {"dept", "SD"}};
  std::int64_t seq = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string n = pattern.render(kOn, fields, ++seq);
    bytes += n.size();
    benchmark::DoNotOptimize(n.data());
  }
  benchmark::DoNotOptimize(bytes);
  state.SetItemsProcessed(state.iterations());
}

void BM_Numbering_RenderScope(benchmark::State& state) {
  const auto pattern = NumberingPattern::compile("{type}-{year}-{dept}-{seq:3}");
  const auto scope = pattern.bind(kOn, {{"type", "XSC"}, {"dept", "SD"}});
  std::string out;
  std::int64_t seq = 0;
  for (auto _ : state) {
    scope.render_into(out, ++seq);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Numbering_Render_Snprintf(benchmark::State& state) {
  const std::string type = "XSC", dept = "SD";
  const int year = kOn.year();
  char buf[64];
  long long seq = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const int n = std::snprintf(buf, sizeof buf, "%s-%04d-%s-%03lld", type.c_str(), year, dept.c_str(), ++seq);
    const std::string s(buf, static_cast<std::size_t>(n));
    bytes += s.size();
    benchmark::DoNotOptimize(s.data());
  }
  benchmark::DoNotOptimize(bytes);
  state.SetItemsProcessed(state.iterations());
}

// ---- durable issuance, one per transaction ------------------------------------------

void BM_Numbering_IssueDurable(benchmark::State& state) {
  const std::string path = bench::fresh_file("numbering_bench_durable.db");
  {
    Database db(path);  // Durability::full
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:6}");
    const NumberFields fields{{"type", "XSC"}, {"dept", "SD"}};
    for (auto _ : state) benchmark::DoNotOptimize(db.issue_number("sales", kOn, fields));
    state.SetItemsProcessed(state.iterations());
  }
  bench::fresh_file("numbering_bench_durable.db");
}

void BM_Numbering_IssueDurable_EmptyWrite(benchmark::State& state) {
  const std::string path = bench::fresh_file("numbering_bench_empty.db");
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
  bench::fresh_file("numbering_bench_empty.db");
}

// ---- 10,000 numbers in one transaction ---------------------------------------------------

int batch() { return bench::size(10000, 200); }

// fsync time on a shared disk swings within seconds, so both benchmarks run
// the same interleaved pair of batches (10,000 Pactum numbers, the same
// 10,000 strings as plain inserts) and each times only its own half: they see
// the same disk.
struct BatchPair {
  BatchPair()
      : pactum_path(bench::fresh_file("numbering_bench_batch.db")),
        plain_path(bench::fresh_file("numbering_bench_plain.db")),
        db(pactum_path),
        plain(plain_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
        pattern(NumberingPattern::compile("{type}-{year}-{dept}-{seq:5}")) {
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:5}");
    plain.exec("PRAGMA journal_mode = WAL");
    plain.exec("PRAGMA synchronous = FULL");
    plain.exec("CREATE TABLE t (number TEXT NOT NULL UNIQUE)");
    insert = std::make_unique<SQLite::Statement>(plain, "INSERT INTO t (number) VALUES (?)");
  }
  ~BatchPair() { insert.reset(); }

  // A new scope each round: the same numbers the baseline inserts.
  NumberFields next_fields() { return {{"type", "XSC"}, {"dept", tagged("D", ++round, "")}}; }

  void issue(const NumberFields& fields) {
    auto tx = db.transaction();
    for (int i = 0; i < batch(); ++i) benchmark::DoNotOptimize(db.issue_number("sales", kOn, fields));
    tx.commit();
  }
  // The strings rendered beforehand (untimed), inserted in one transaction.
  std::vector<std::string> numbers(const NumberFields& fields) const {
    std::vector<std::string> out;
    for (int i = 0; i < batch(); ++i) out.push_back(pattern.render(kOn, fields, i + 1));
    return out;
  }
  void plain_inserts(const std::vector<std::string>& numbers) {
    plain.exec("BEGIN IMMEDIATE");
    for (const std::string& n : numbers) {
      insert->bind(1, n);
      insert->exec();
      insert->reset();
    }
    plain.exec("COMMIT");
  }

  std::string pactum_path;
  std::string plain_path;
  Database db;
  SQLite::Database plain;
  std::unique_ptr<SQLite::Statement> insert;
  NumberingPattern pattern;
  int round = 0;
};

template <bool kTimePactum>
void run_batch_pair(benchmark::State& state) {
  {
    BatchPair pair;
    for (auto _ : state) {
      const NumberFields fields = pair.next_fields();
      const std::vector<std::string> numbers = pair.numbers(fields);
      const auto t0 = std::chrono::steady_clock::now();
      if (kTimePactum) {
        pair.issue(fields);
      } else {
        pair.plain_inserts(numbers);
      }
      const auto t1 = std::chrono::steady_clock::now();
      if (kTimePactum) {
        pair.plain_inserts(numbers);
      } else {
        pair.issue(fields);
      }
      state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
    }
    state.SetItemsProcessed(state.iterations() * batch());
  }
  bench::fresh_file("numbering_bench_batch.db");
  bench::fresh_file("numbering_bench_plain.db");
}

void BM_Numbering_Issue10k(benchmark::State& state) { run_batch_pair<true>(state); }
void BM_Numbering_Issue10k_PlainInsert(benchmark::State& state) { run_batch_pair<false>(state); }

// ---- a page of 50 by prefix over 1,000,000 numbers --------------------------------------

struct SearchFixture {
  std::string path;
  std::unique_ptr<Database> db;
  int depts = 0;
};

SearchFixture& search_fixture() {
  static SearchFixture f = [] {
    SearchFixture s;
    s.path = bench::fresh_file("numbering_bench_search.db");
    OpenOptions o;
    o.durability = Durability::normal;
    s.db = std::make_unique<Database>(s.path, o);
    s.db->define_numbering("sales", "{type}-{year}-{dept}-{seq:5}");
    const int total = bench::size(1000000, 2000);
    s.depts = 100;
    auto tx = s.db->transaction();
    for (int i = 0; i < total; ++i) {
      s.db->issue_number("sales", kOn, {{"type", "XSC"}, {"dept", tagged("D", i % s.depts, "")}});
    }
    tx.commit();
    return s;
  }();
  return f;
}

void BM_Numbering_FindPage(benchmark::State& state) {
  SearchFixture& f = search_fixture();
  int k = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    const std::string prefix = tagged("XSC-2024-D", k++ % f.depts, "-");
    found += f.db->find_numbers(prefix, 50).size();
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}

void BM_Numbering_FindPage_Like(benchmark::State& state) {
  SearchFixture& f = search_fixture();
  SQLite::Database raw(f.path, SQLite::OPEN_READONLY);
  SQLite::Statement like(raw, "SELECT number FROM numbering_issued WHERE number LIKE ? ORDER BY number LIMIT 50");
  int k = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    like.bind(1, tagged("XSC-2024-D", k++ % f.depts, "-%"));
    while (like.executeStep()) ++found;
    like.reset();
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_Numbering_Render);
BENCHMARK(BM_Numbering_RenderScope);
BENCHMARK(BM_Numbering_Render_Snprintf);
BENCHMARK(BM_Numbering_IssueDurable)->UseRealTime();
BENCHMARK(BM_Numbering_IssueDurable_EmptyWrite)->UseRealTime();
BENCHMARK(BM_Numbering_Issue10k)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Numbering_Issue10k_PlainInsert)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Numbering_FindPage)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Numbering_FindPage_Like)->UseRealTime()->Unit(benchmark::kMicrosecond);

PACTUM_BENCH_COMPARE(BM_Numbering_Render, BM_Numbering_Render_Snprintf);
PACTUM_BENCH_COMPARE(BM_Numbering_RenderScope, BM_Numbering_Render_Snprintf);
PACTUM_BENCH_COMPARE(BM_Numbering_IssueDurable, BM_Numbering_IssueDurable_EmptyWrite);
PACTUM_BENCH_COMPARE(BM_Numbering_Issue10k, BM_Numbering_Issue10k_PlainInsert);
PACTUM_BENCH_COMPARE(BM_Numbering_FindPage, BM_Numbering_FindPage_Like);

PACTUM_BENCH_MAIN();
