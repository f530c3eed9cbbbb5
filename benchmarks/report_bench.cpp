// Reports and reminders against the equivalent SQL on the same SQLite file,
// in the same run (1,000,000 contracts, 10,000 employees in 100 departments):
//  - BM_Report_Departments vs BM_Report_Departments_SqlGroupBy: the
//    department report of 2024-Q3 as of the database clock (2024-10-15) vs
//    one SQL GROUP BY over contracts, instalments and the event log computing
//    the same contracts due and executed (the first accepted delivery and
//    every instalment's payments by its due date in correlated subqueries,
//    with an index on contracts(delivery_due) added for it). SQL cannot fold
//    the KPI rules: the baseline takes the scores from one
//    Database::scorecards() call (BM_Report_Scorecards times it alone), the
//    report reads the totals from the incremental engine.
//  - BM_Report_Employees vs BM_Report_Employees_SqlGroupBy: the employee
//    report of 2024-Q3 vs a GROUP BY owner with collections summed from the
//    log up to the cutoff and RANK() windows, plus the same scorecards call.
//  - BM_Reminders_Today vs BM_Reminders_SqlScan: the reminders of the clock
//    date for a host that acknowledged everything due the day before, vs
//    the same reminders found by SQL without the tracking index (instalments
//    by due date with their payments summed from the log, deliveries and end
//    dates, less the acknowledged ids). BM_Reminders_AfterAWeek asks a week
//    later (a week of downtime: every reminder that triggered meanwhile).
//  - BM_Tracking_CatchUpPayments/n: folding the contracts of n new payment
//    events (n = 1,000, 10,000, 100,000; inside a transaction rolled back
//    after each round) into the index vs recording them
//    (BM_Tracking_RecordPayments/n); and both per payment against the same
//    on a history of 10,000 contracts (..._10kContracts, written like the
//    large one without copies; kept beside it).
//  - BM_Tracking_PaymentOn3000Instalments: one payment, the owner's
//    scorecard and the catch-up on a contract with 3,000 instalments vs the
//    same with 3 (BM_Tracking_PaymentOn3Instalments).
//  - Cold paths, each a fresh `pactum` process on the file (wall time from
//    fork to exit, peak resident memory as `peak_mb`):
//    BM_Cold_ScorecardProcess (`score E00001` for 2024-Q3 as of the clock)
//    vs BM_Cold_VersionProcess (`pactum --version`: starting a process);
//    BM_Cold_ReportEmployeesProcess vs BM_Warm_ReportEmployees (the same
//    report in this warm process); BM_Cold_DepartmentsAsOfYesterdayProcess
//    (the department report as of the day before the clock) vs
//    BM_Warm_Departments (warm, at the clock).
//  - BM_Kpi_SnapshotSave (the KPI engine's snapshot written in parts, with
//    the memory it adds at its peak as `peak_added_mb`) vs
//    BM_Kpi_SnapshotCopyRows (SQLite copying the same stored parts into
//    another table in one transaction: the cost of writing those bytes).
// History: 100,000 contracts written through the public API (ten years,
// 2014-10-16 to 2024-10-15: activation, instalments paid on time, late or
// not at all, deliveries early, on time, late or missing, completion), then
// nine copies made with SQL under new ids, numbers, sequence numbers and
// keys; the tracking index is then built by one catch-up (its time is
// printed). The file is kept in $PACTUM_BENCH_DIR (or the current directory;
// a disk, not tmpfs) and reused by later runs. --smoke uses 800 contracts.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench_files.hpp"
#include "bench_main.hpp"
#include "bench_process.hpp"
#include "pactum/store/database.hpp"

using namespace pactum;
namespace fs = std::filesystem;

namespace {

const Currency kCny = Currency::of("CNY");
const Date kClock = Date::parse("2024-10-15");
const Date kFirstDay = Date::parse("2014-10-16");
const Period kQuarter = Period::parse("2024-Q3");

struct Scale {
  int employees;
  int departments;
  std::int64_t base;  // contracts written through the API
  int copies;         // total = base x copies
};

// The history of the report benchmarks: 1,000,000 contracts (--smoke: 800).
Scale scale() { return bench::size(Scale{10000, 100, 100000, 10}, Scale{40, 4, 400, 2}); }
// A small history written the same way, for the figures per payment at two
// database sizes: 10,000 contracts (--smoke: 200).
Scale small_scale() { return bench::size(Scale{10000, 100, 10000, 1}, Scale{40, 4, 200, 1}); }

std::string employee_id(std::int64_t k) {
  char id[16];
  std::snprintf(id, sizeof id, "E%05lld", static_cast<long long>(k));
  return id;
}

std::string department_code(std::int64_t k) {
  char id[16];
  std::snprintf(id, sizeof id, "D%03lld", static_cast<long long>(k));
  return id;
}

// head followed by the number (GCC 12 warns wrongly about `"x" + to_string(k)`).
std::string tagged(const char* head, std::int64_t k) {
  std::string out(head);
  out.append(std::to_string(k));
  return out;
}

// A fixed pseudo-random number per (k, salt) in [0, 100).
int roll(std::int64_t k, int salt) {
  std::uint64_t x = static_cast<std::uint64_t>(k) * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(salt) * 0xBF58476D1CE4E5B9ull;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 29;
  return static_cast<int>(x % 100);
}

void write_base(Database& db, const Scale& s) {
  for (int d = 0; d < s.departments; ++d) db.add_department({department_code(d), tagged("部门", d), std::nullopt, std::nullopt});
  for (int e = 0; e < s.employees; ++e) {
    const int p = e % 10;
    const char* position = p < 7 ? "sales" : p < 9 ? "rnd" : "procurement";
    db.add_employee({employee_id(e), tagged("员工", e), department_code(e % s.departments), position,
                     Date::parse("2010-01-01"), std::nullopt});
  }
  const std::int64_t days = days_between(kFirstDay, kClock) + 1;
  std::unique_ptr<Database::Transaction> tx;
  for (std::int64_t k = 0; k < s.base; ++k) {
    if (!tx) tx = std::make_unique<Database::Transaction>(db.transaction());
    const std::int64_t owner = k % s.employees;
    const int p = static_cast<int>(owner % 10);
    ContractSpec c;
    c.type = p < 7 ? "sales" : p < 9 ? "project" : "procurement";
    c.owner = employee_id(owner);
    const std::int64_t thousands = 10 + (k * 7919) % 490;
    c.amount = Money::from_units(thousands * 1000 * Money::kUnitsPerOne, kCny);
    c.signed_on = kFirstDay.add_days(k * days / s.base);
    c.delivery_due = c.signed_on.add_days(30 + k % 61);
    c.end = c.signed_on.add_days(365);
    c.counterparty = tagged("客户", k % 5000);
    c.key_account = roll(k, 1) < 20;
    const Money half = Money::from_units(thousands * 500 * Money::kUnitsPerOne, kCny);
    c.installments = {{*c.delivery_due, half}, {*c.end, half}};
    const Contract made = db.create_contract(c);
    db.activate(made.id, c.signed_on);
    bool settled = true;
    Date last_paid = c.signed_on;
    for (int i = 0; i < 2; ++i) {
      const Date due = c.installments[static_cast<std::size_t>(i)].due;
      const int r = roll(k, 10 + i);
      const Date paid = r < 90 ? due : due.add_days(7);
      if (r >= 95 || paid > kClock) {
        settled = false;
        continue;
      }
      db.record_payment(made.id, half, paid, tagged(tagged("B", k).append("-").c_str(), i));
      last_paid = std::max(last_paid, paid);
    }
    const int r = roll(k, 20);
    const Date delivered = r < 85 ? c.delivery_due->add_days(-(k % 3)) : c.delivery_due->add_days(3 + k % 8);
    if (r < 95 && delivered <= kClock) {
      db.record_delivery(made.id, true, {delivered});
    } else {
      settled = false;
    }
    if (settled && *c.end <= kClock) db.complete(made.id, std::max(*c.end, last_paid));
    if (k % 1000 == 999) {
      tx->commit();
      tx.reset();
    }
  }
  if (tx) tx->commit();
  db.advance_to(kClock);
}

// Copies 1..copies-1 of the base contracts under new ids, numbers, event
// sequence numbers and keys.
void copy_base(const fs::path& path, const Scale& s) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  db.exec("PRAGMA synchronous = OFF");
  const std::int64_t max_id = db.execAndGet("SELECT MAX(id) FROM contracts").getInt64();
  const std::int64_t max_seq = db.execAndGet("SELECT MAX(seq) FROM events").getInt64();
  SQLite::Transaction tx(db);
  for (int copy = 1; copy < s.copies; ++copy) {
    // ?1 id offset, ?2 number and key suffix, ?3 seq offset, ?4 the last base id, ?5 the last base seq.
    auto run = [&](const char* sql) {
      SQLite::Statement st(db, sql);
      st.bind(1, static_cast<std::int64_t>(copy * max_id));
      st.bind(2, tagged("/", copy));
      st.bind(3, static_cast<std::int64_t>(copy * max_seq));
      st.bind(4, static_cast<std::int64_t>(max_id));
      st.bind(5, static_cast<std::int64_t>(max_seq));
      st.exec();
    };
    run("INSERT INTO contracts (id, number, numbering, type, status, owner, signer, department, counterparty, "
        "key_account, currency, amount, reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, "
        "activated_on, closed_on) SELECT id + ?1, number || ?2, numbering, type, status, owner, signer, department, "
        "counterparty, key_account, currency, amount, reporting_amount, exchange_rate, signed_on, start_on, end_on, "
        "delivery_due, activated_on, closed_on FROM contracts WHERE id <= ?4 AND ?3 >= 0 AND ?5 >= 0");
    run("INSERT INTO installments SELECT contract + ?1, position, due, amount FROM installments "
        "WHERE contract <= ?4 AND ?2 IS NOT NULL AND ?3 >= 0 AND ?5 >= 0");
    run("INSERT INTO contract_totals SELECT contract + ?1, collected FROM contract_totals "
        "WHERE contract <= ?4 AND ?2 IS NOT NULL AND ?3 >= 0 AND ?5 >= 0");
    run("INSERT INTO numbering_issued SELECT number || ?2, rule_id, rule_version, counter, seq, issued_on, "
        "'contract:' || (CAST(substr(owner, 10) AS INTEGER) + ?1), voided, void_reason, voided_on FROM numbering_issued "
        "WHERE owner LIKE 'contract:%' AND CAST(substr(owner, 10) AS INTEGER) <= ?4 AND ?3 >= 0 AND ?5 >= 0");
    run("INSERT INTO events SELECT seq + ?3, type, contract + ?1, effective, recorded_at, actor, source, "
        "CASE WHEN idem_key IS NULL THEN NULL ELSE idem_key || ?2 END, amount, "
        "CASE WHEN ref IS NULL THEN NULL ELSE ref + ?3 END, value, reason, payload FROM events "
        "WHERE contract IS NOT NULL AND contract <= ?4 AND seq <= ?5");
  }
  tx.commit();
}

struct History {
  fs::path path;
  double index_seconds = 0;
  std::int64_t acknowledged = 0;
};

// The history file of scale `s` (written once and kept with a marker).
History make_history(const Scale& s) {
  History out;
  out.path = bench::files_dir() / tagged("report_bench_", s.base * s.copies).append(".db");
  const fs::path marker = out.path.string() + ".ok";
  if (fs::exists(marker) && fs::exists(out.path)) {
    std::ifstream in(marker);
    in >> out.index_seconds >> out.acknowledged;
    return out;
  }
  fs::remove(marker);
  bench::remove_db(out.path);
  const auto t0 = std::chrono::steady_clock::now();
  {
    Database db(out.path.string(), bench::fast_options());
    write_base(db, s);
  }
  const auto t1 = std::chrono::steady_clock::now();
  copy_base(out.path, s);
  {
    // An index on delivery due dates for the SQL baseline's sake.
    SQLite::Database raw(out.path.string(), SQLite::OPEN_READWRITE);
    raw.exec("CREATE INDEX IF NOT EXISTS bench_contracts_by_delivery_due ON contracts(delivery_due)");
  }
  const auto t2 = std::chrono::steady_clock::now();
  Database db(out.path.string(), bench::fast_options());
  const std::int64_t folded = db.catch_up_tracking();
  const auto t3 = std::chrono::steady_clock::now();
  out.index_seconds = std::chrono::duration<double>(t3 - t2).count();
  // The host acknowledged every reminder due the day before.
  {
    auto tx = db.transaction();
    for (const Reminder& r : db.reminders(kClock.add_days(-1))) {
      db.acknowledge(r.id, std::string("bench"), kClock.add_days(-1));
      ++out.acknowledged;
    }
    tx.commit();
  }
  const auto t4 = std::chrono::steady_clock::now();
  std::printf("history: %lld contracts through the API in %.1f s, copies in %.1f s, tracking index of %lld "
              "contracts in %.1f s, %lld reminders acknowledged in %.1f s\n",
              static_cast<long long>(s.base), std::chrono::duration<double>(t1 - t0).count(),
              std::chrono::duration<double>(t2 - t1).count(), static_cast<long long>(folded), out.index_seconds,
              static_cast<long long>(out.acknowledged), std::chrono::duration<double>(t4 - t3).count());
  std::ofstream(marker) << out.index_seconds << " " << out.acknowledged << "\n";
  return out;
}

const History& history() {
  static const History h = make_history(scale());
  return h;
}

const History& small_history() {
  static const History h = make_history(small_scale());
  return h;
}

// A handle on `h`, its KPI engine and tracking index warm.
std::unique_ptr<Database> warm_handle(const History& h) {
  auto handle = std::make_unique<Database>(h.path.string(), bench::fast_options());
  handle->catch_up_tracking();
  handle->scorecards(kQuarter, kClock);  // loads the KPI engine
  return handle;
}

// One handle per history for every benchmark.
Database& database() {
  static const std::unique_ptr<Database> db = warm_handle(history());
  return *db;
}

Database& small_database() {
  static const std::unique_ptr<Database> db = warm_handle(small_history());
  return *db;
}

SQLite::Database& raw() {
  static SQLite::Database db(history().path.string(), SQLite::OPEN_READONLY);
  return db;
}

SQLite::Database& small_raw() {
  static SQLite::Database db(small_history().path.string(), SQLite::OPEN_READONLY);
  return db;
}

// ---- Department report -----------------------------------------------------------

void BM_Report_Departments(benchmark::State& state) {
  Database& db = database();
  std::int64_t due = 0;
  for (auto _ : state) {
    const DepartmentReport r = db.report_departments(kQuarter, kClock);
    due = 0;
    for (const DepartmentReportRow& d : r.departments) due += d.contracts_due;
    benchmark::DoNotOptimize(r.correlation.r);
  }
  state.counters["contracts_due"] = static_cast<double>(due);
}

void BM_Report_Departments_SqlGroupBy(benchmark::State& state) {
  Database& db = database();
  SQLite::Statement st(raw(),
                       "SELECT c.department, COUNT(*), SUM(CASE WHEN "
                       "(SELECT MIN(e.effective) FROM events e WHERE e.contract = c.id AND e.type = 5 AND e.value = 1) "
                       "<= c.delivery_due AND (c.type = 'procurement' OR NOT EXISTS ("
                       "SELECT 1 FROM installments i WHERE i.contract = c.id AND i.due <= ?2 AND "
                       "(SELECT COALESCE(SUM(e.amount), 0) FROM events e WHERE e.contract = c.id AND e.type IN (3, 4) "
                       "AND e.effective <= i.due) < (SELECT SUM(j.amount) FROM installments j WHERE j.contract = c.id "
                       "AND j.position <= i.position))) THEN 1 ELSE 0 END) "
                       "FROM contracts c WHERE c.delivery_due >= ?1 AND c.delivery_due <= ?2 AND c.activated_on <= ?3 "
                       "AND c.type <> 'labour' GROUP BY c.department ORDER BY c.department");
  std::int64_t due = 0;
  for (auto _ : state) {
    st.bind(1, kQuarter.start().to_string());
    st.bind(2, std::min(kClock, kQuarter.end()).to_string());
    st.bind(3, kClock.to_string());
    due = 0;
    while (st.executeStep()) due += st.getColumn(1).getInt64();
    st.reset();
    const std::vector<Scorecard> cards = db.scorecards(kQuarter, kClock);
    benchmark::DoNotOptimize(cards.size());
  }
  state.counters["contracts_due"] = static_cast<double>(due);
}

void BM_Report_Scorecards(benchmark::State& state) {
  Database& db = database();
  for (auto _ : state) {
    const std::vector<Scorecard> cards = db.scorecards(kQuarter, kClock);
    benchmark::DoNotOptimize(cards.size());
  }
  const KpiEngineStats stats = db.kpi_engine_stats();
  state.counters["engine_answers"] = static_cast<double>(stats.incremental_answers);
  state.counters["reference_answers"] = static_cast<double>(stats.reference_answers);
}

// ---- Employee report -------------------------------------------------------------

void BM_Report_Employees(benchmark::State& state) {
  Database& db = database();
  std::size_t rows = 0;
  for (auto _ : state) {
    const EmployeeReport r = db.report_employees(kQuarter, kClock);
    rows = r.employees.size();
    benchmark::DoNotOptimize(r.signed_cutoff);
  }
  state.counters["employees"] = static_cast<double>(rows);
}

void BM_Report_Employees_SqlGroupBy(benchmark::State& state) {
  Database& db = database();
  SQLite::Statement st(raw(),
                       "SELECT owner, n, signed, collected, RANK() OVER (ORDER BY signed DESC), "
                       "RANK() OVER (ORDER BY collected * 1.0 / signed DESC) FROM ("
                       "SELECT owner, COUNT(*) AS n, SUM(reporting_amount) AS signed, "
                       "SUM(CASE WHEN collected >= amount THEN reporting_amount ELSE collected * reporting_amount / amount END) "
                       "AS collected FROM (SELECT c.owner, c.amount, c.reporting_amount, "
                       "(SELECT COALESCE(SUM(e.amount), 0) FROM events e WHERE e.contract = c.id AND e.type IN (3, 4) "
                       "AND e.effective <= ?3) AS collected FROM contracts c WHERE c.signed_on >= ?1 AND c.signed_on <= ?2 "
                       "AND c.activated_on <= ?4 AND c.type <> 'labour') GROUP BY owner)");
  std::size_t rows = 0;
  for (auto _ : state) {
    st.bind(1, kQuarter.start().to_string());
    st.bind(2, kQuarter.end().to_string());
    st.bind(3, std::min(kClock, kQuarter.end()).to_string());
    st.bind(4, kClock.to_string());
    rows = 0;
    while (st.executeStep()) ++rows;
    st.reset();
    const std::vector<Scorecard> cards = db.scorecards(kQuarter, kClock);
    benchmark::DoNotOptimize(cards.size());
  }
  state.counters["owners"] = static_cast<double>(rows);
}

// ---- Reminders ---------------------------------------------------------------------

void reminders_at(benchmark::State& state, Date day) {
  Database& db = database();
  std::size_t n = 0;
  for (auto _ : state) {
    const std::vector<Reminder> list = db.reminders(day);
    n = list.size();
    benchmark::DoNotOptimize(list.data());
  }
  state.counters["reminders"] = static_cast<double>(n);
}

void BM_Reminders_Today(benchmark::State& state) { reminders_at(state, kClock); }
void BM_Reminders_AfterAWeek(benchmark::State& state) { reminders_at(state, kClock.add_days(7)); }

// The same reminders without the tracking index: payment reminders from the
// instalments due up to as_of + 7 days with their payments summed from the
// log; delivery reminders from the delivery due dates; expiry from the end
// dates; less the acknowledged ids.
void BM_Reminders_SqlScan(benchmark::State& state) {
  database();
  SQLite::Statement payments(
      raw(),
      "SELECT i.contract, i.position, i.due FROM installments i JOIN contracts c ON c.id = i.contract "
      "WHERE i.due <= ?2 AND c.activated_on <= ?1 AND (i.due >= ?1 OR i.due < ?1) "
      "AND (SELECT COALESCE(SUM(e.amount), 0) FROM events e WHERE e.contract = i.contract AND e.type IN (3, 4) "
      "AND e.effective <= ?1) < (SELECT SUM(j.amount) FROM installments j WHERE j.contract = i.contract "
      "AND j.position <= i.position) AND NOT EXISTS (SELECT 1 FROM reminder_acks a WHERE a.id = "
      "(CASE WHEN i.due >= ?1 THEN 'payment_due:' ELSE 'payment_overdue:' END) || i.contract || ':' || i.position "
      "|| ':' || i.due)");
  SQLite::Statement deliveries(
      raw(),
      "SELECT c.id, c.delivery_due FROM contracts c WHERE c.delivery_due <= ?2 AND c.activated_on <= ?1 "
      "AND (c.closed_on IS NULL OR c.closed_on > ?1) AND NOT EXISTS (SELECT 1 FROM events e WHERE e.contract = c.id "
      "AND e.type = 5 AND e.value = 1 AND e.effective <= ?1) AND NOT EXISTS (SELECT 1 FROM reminder_acks a WHERE a.id = "
      "(CASE WHEN c.delivery_due >= ?1 THEN 'delivery_due:' ELSE 'delivery_late:' END) || c.id || ':' || c.delivery_due)");
  SQLite::Statement expiry(
      raw(),
      "SELECT c.id, c.end_on FROM contracts c WHERE c.end_on <= ?2 AND c.activated_on <= ?1 "
      "AND (c.closed_on IS NULL OR c.closed_on > ?1) AND NOT EXISTS (SELECT 1 FROM events e WHERE e.contract = c.id "
      "AND e.type = 11 AND e.effective <= ?1) AND NOT EXISTS (SELECT 1 FROM reminder_acks a WHERE a.id = "
      "'expiry:' || c.id || ':' || c.end_on)");
  std::size_t n = 0;
  for (auto _ : state) {
    n = 0;
    const std::string a = kClock.to_string();
    payments.bind(1, a);
    payments.bind(2, kClock.add_days(7).to_string());
    while (payments.executeStep()) ++n;
    payments.reset();
    deliveries.bind(1, a);
    deliveries.bind(2, kClock.add_days(7).to_string());
    while (deliveries.executeStep()) ++n;
    deliveries.reset();
    expiry.bind(1, a);
    expiry.bind(2, kClock.add_days(30).to_string());
    while (expiry.executeStep()) ++n;
    expiry.reset();
  }
  state.counters["reminders"] = static_cast<double>(n);
}

// ---- Keeping the index up to date ------------------------------------------------------

std::int64_t bench_payment = 0;

// `n` one-yuan payments on the most recent contracts not collected in full
// (in turn when there are fewer: each has far more than n yuan unpaid).
void record_payments(Database& db, SQLite::Database& file, std::int64_t n) {
  SQLite::Statement st(file, "SELECT contract FROM tracking_contracts WHERE activated_on <= ? AND collected_full_on IS NULL "
                             "ORDER BY contract DESC LIMIT ?");
  st.bind(1, kClock.to_string());
  st.bind(2, n);
  std::vector<std::int64_t> ids;
  while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  if (ids.empty()) return;
  for (std::int64_t k = 0; k < n; ++k) {
    db.record_payment(ids[static_cast<std::size_t>(k) % ids.size()], Money::parse("1.00", kCny), kClock,
                      tagged("bench-", ++bench_payment));
  }
}

// The payments of one round: the argument, at most 50 in smoke mode.
std::int64_t payments_of(const benchmark::State& state) {
  return bench::size<std::int64_t>(state.range(0), std::min<std::int64_t>(state.range(0), 50));
}

// Folding the contracts of the new payments into the index (the payments
// recorded untimed, everything rolled back after each round).
void catch_up_after_payments(benchmark::State& state, Database& db, SQLite::Database& file) {
  const std::int64_t n = payments_of(state);
  for (auto _ : state) {
    state.PauseTiming();
    auto tx = db.transaction();
    record_payments(db, file, n);
    state.ResumeTiming();
    benchmark::DoNotOptimize(db.catch_up_tracking());
    state.PauseTiming();
    tx.rollback();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
}

// Recording the payments (the baseline of the catch-up).
void record_payments_timed(benchmark::State& state, Database& db, SQLite::Database& file) {
  const std::int64_t n = payments_of(state);
  for (auto _ : state) {
    auto tx = db.transaction();
    record_payments(db, file, n);
    state.PauseTiming();
    tx.rollback();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_Tracking_CatchUpPayments(benchmark::State& state) { catch_up_after_payments(state, database(), raw()); }
void BM_Tracking_RecordPayments(benchmark::State& state) { record_payments_timed(state, database(), raw()); }
void BM_Tracking_CatchUpPayments_10kContracts(benchmark::State& state) {
  catch_up_after_payments(state, small_database(), small_raw());
}
void BM_Tracking_RecordPayments_10kContracts(benchmark::State& state) {
  record_payments_timed(state, small_database(), small_raw());
}

// One payment, the owner's scorecard and the tracking catch-up after it on
// a contract with many instalments against the same on a contract with
// three: the work per payment should not grow with the instalments already
// on the contract. The payments fall on 80 days in turn (back-dated ones
// among them), so the collections grow and shift as they do in use.
void payment_on_contract_with(benchmark::State& state, int installments) {
  const std::string path = bench::fresh_file("report_bench_heavy.db");
  {
    Database db(path, bench::fast_options());
    db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
    db.add_employee({"S1", "张三", "SD", "sales", std::nullopt, std::nullopt});
    ContractSpec spec;
    spec.type = "sales";
    spec.owner = "S1";
    spec.counterparty = "华东机电";
    spec.signed_on = Date::parse("2024-01-02");
    spec.start = spec.signed_on;
    spec.end = Date::parse("2099-12-31");
    for (int i = 0; i < installments; ++i) {
      spec.installments.push_back({spec.signed_on.add_days(7 * (i + 1)), Money::parse("1000.00", "CNY")});
    }
    spec.amount = Money::parse(std::to_string(installments * 1000) + ".00", "CNY");
    const std::int64_t id = db.create_contract(spec).id;
    db.activate(id, spec.signed_on);
    // The scorecard as of the clock, as a host asks it (the incremental
    // engine's answer).
    const Date clock = Date::parse("2024-03-31");
    const Period quarter = Period::parse("2024-Q1");
    db.advance_to(clock);
    db.catch_up_tracking();
    db.scorecard("S1", quarter);
    int round = 0;
    for (auto _ : state) {
      ++round;
      db.record_payment(id, Money::parse("0.01", "CNY"), spec.signed_on.add_days(1 + round % 80), "heavy-" + std::to_string(round));
      benchmark::DoNotOptimize(db.scorecard("S1", quarter).scored());
      benchmark::DoNotOptimize(db.catch_up_tracking());
    }
    state.counters["installments"] = installments;
  }
  bench::fresh_file("report_bench_heavy.db");
}

void BM_Tracking_PaymentOn3000Instalments(benchmark::State& state) { payment_on_contract_with(state, 3000); }
void BM_Tracking_PaymentOn3Instalments(benchmark::State& state) { payment_on_contract_with(state, 3); }

// ---- Cold paths ---------------------------------------------------------------------

// The file with a snapshot of the KPI engine as of its last event (the other
// benchmarks append events), at rest as a process that starts finds it: its
// write-ahead log checkpointed into the file and emptied.
const std::string& cold_file() {
  static const std::string path = [] {
    database().save_kpi_snapshot();
    SQLite::Database rw(history().path.string(), SQLite::OPEN_READWRITE);
    rw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return history().path.string();
  }();
  return path;
}

#ifdef PACTUM_CLI_PATH
// Forked before anything is loaded (bench_process.hpp).
const bool spawner = bench::spawner_ready();

void cold_process(benchmark::State& state, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", cold_file()});
  double peak = 0;
  for (auto _ : state) {
    const bench::ProcessRun run = bench::run_process(PACTUM_CLI_PATH, args);
    if (run.status != 0) {
      state.SkipWithError("the pactum process failed");
      return;
    }
    state.SetIterationTime(run.seconds);
    peak = std::max(peak, run.peak_mb);
  }
  state.counters["peak_mb"] = peak;
}
#else
void cold_process(benchmark::State& state, const std::vector<std::string>&) {
  state.SkipWithError("built without the command-line tool");
}
#endif

void BM_Cold_VersionProcess(benchmark::State& state) { cold_process(state, {"--version"}); }
void BM_Cold_ScorecardProcess(benchmark::State& state) {
  cold_process(state, {"score", employee_id(1), "--period", kQuarter.to_string(), "--as-of", kClock.to_string()});
}
void BM_Cold_ReportEmployeesProcess(benchmark::State& state) {
  cold_process(state, {"report", "employees", "--period", kQuarter.to_string(), "--as-of", kClock.to_string(),
                       "--format", "json"});
}
void BM_Cold_DepartmentsAsOfYesterdayProcess(benchmark::State& state) {
  cold_process(state, {"report", "departments", "--period", kQuarter.to_string(), "--as-of",
                       kClock.add_days(-1).to_string(), "--format", "json"});
}

// The same questions in this warm process (engine loaded, file cached),
// timed like the processes so that the ratios pair them.
template <class Question>
void warm(benchmark::State& state, Question&& question) {
  Database& db = database();
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    question(db);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
}
void BM_Warm_ReportEmployees(benchmark::State& state) {
  warm(state, [](Database& db) { benchmark::DoNotOptimize(db.report_employees(kQuarter, kClock).employees.size()); });
}
void BM_Warm_Departments(benchmark::State& state) {
  warm(state, [](Database& db) { benchmark::DoNotOptimize(db.report_departments(kQuarter, kClock).departments.size()); });
}

// This process's resident memory and its peak since the peak was last reset
// (/proc/self/status, in MB); 0 where the kernel does not tell.
double status_mb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stod(line.substr(std::string(field).size())) / 1024.0;
  }
  return 0;
}
void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

void BM_Kpi_SnapshotSave(benchmark::State& state) {
  Database& db = database();
  cold_file();
  double added = 0;
  for (auto _ : state) {
    reset_peak();
    const double before = status_mb("VmRSS:");
    db.save_kpi_snapshot();
    added = std::max(added, status_mb("VmHWM:") - before);
  }
  state.counters["peak_added_mb"] = added;
}

void BM_Kpi_SnapshotCopyRows(benchmark::State& state) {
  cold_file();
  SQLite::Database rw(history().path.string(), SQLite::OPEN_READWRITE);
  rw.exec("PRAGMA synchronous = NORMAL");
  rw.exec("CREATE TABLE IF NOT EXISTS bench_snapshot_copy(part INTEGER PRIMARY KEY, data BLOB)");
  for (auto _ : state) {
    SQLite::Transaction tx(rw);
    rw.exec("DELETE FROM bench_snapshot_copy");
    rw.exec("INSERT INTO bench_snapshot_copy SELECT part, data FROM kpi_snapshot");
    tx.commit();
  }
  rw.exec("DROP TABLE bench_snapshot_copy");
}

}  // namespace

BENCHMARK(BM_Report_Departments)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report_Departments_SqlGroupBy)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report_Scorecards)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report_Employees)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report_Employees_SqlGroupBy)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Reminders_Today)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Reminders_AfterAWeek)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Reminders_SqlScan)->Unit(benchmark::kMillisecond)->UseRealTime();
// 1,000, 10,000 and 100,000 payments on the 1,000,000-contract history (one
// round of the largest), and 1,000 on the 10,000-contract one.
BENCHMARK(BM_Tracking_CatchUpPayments)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Tracking_CatchUpPayments)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Tracking_RecordPayments)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Tracking_RecordPayments)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Tracking_CatchUpPayments_10kContracts)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Tracking_RecordPayments_10kContracts)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Tracking_PaymentOn3000Instalments)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Tracking_PaymentOn3Instalments)->Unit(benchmark::kMicrosecond)->UseRealTime();

BENCHMARK(BM_Cold_VersionProcess)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(5);
BENCHMARK(BM_Cold_ScorecardProcess)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(5);
BENCHMARK(BM_Cold_ReportEmployeesProcess)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_Cold_DepartmentsAsOfYesterdayProcess)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_Warm_ReportEmployees)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_Warm_Departments)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);
BENCHMARK(BM_Kpi_SnapshotSave)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Kpi_SnapshotCopyRows)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

PACTUM_BENCH_COMPARE(BM_Report_Departments, BM_Report_Departments_SqlGroupBy);
PACTUM_BENCH_COMPARE(BM_Cold_ScorecardProcess, BM_Cold_VersionProcess);
PACTUM_BENCH_COMPARE(BM_Cold_ReportEmployeesProcess, BM_Warm_ReportEmployees);
PACTUM_BENCH_COMPARE(BM_Cold_DepartmentsAsOfYesterdayProcess, BM_Warm_Departments);
PACTUM_BENCH_COMPARE(BM_Kpi_SnapshotSave, BM_Kpi_SnapshotCopyRows);
PACTUM_BENCH_COMPARE(BM_Tracking_PaymentOn3000Instalments, BM_Tracking_PaymentOn3Instalments);
PACTUM_BENCH_COMPARE(BM_Report_Employees, BM_Report_Employees_SqlGroupBy);
PACTUM_BENCH_COMPARE(BM_Reminders_Today, BM_Reminders_SqlScan);
// Catch-up against recording the same payments (items/s: per payment).
PACTUM_BENCH_COMPARE(BM_Tracking_CatchUpPayments, BM_Tracking_RecordPayments);
PACTUM_BENCH_COMPARE(BM_Tracking_CatchUpPayments_10kContracts, BM_Tracking_RecordPayments_10kContracts);
// Per payment on 1,000,000 contracts against 10,000.
PACTUM_BENCH_COMPARE(BM_Tracking_CatchUpPayments, BM_Tracking_CatchUpPayments_10kContracts);
PACTUM_BENCH_COMPARE(BM_Tracking_RecordPayments, BM_Tracking_RecordPayments_10kContracts);

PACTUM_BENCH_MAIN();
