// Approval routes against their baselines, in the same run (files on disk):
//  - routing a contract through a one-step route (create, submit: the table
//    evaluated and the route stored, approve: the contract activated) vs the
//    host activating it directly (create, activate), batches of 100 contracts
//    per transaction;
//  - an approver's inbox (100 items) among N open routes vs finding as many
//    contracts by owner (an indexed lookup that loads each contract);
//  - moving the clock (advance_to, whose escalation scan looks for open steps
//    past their deadline) with N open steps under a deadline (none passed) vs
//    the same database whose N open steps have no deadline, each move inside
//    a transaction that is rolled back: the scan should not grow with N.
// Database files go to $PACTUM_BENCH_DIR, or the current directory.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "bench_files.hpp"
#include "bench_main.hpp"
#include "pactum/store/database.hpp"

using namespace pactum;

namespace {

const Date kSigned = Date::parse("2024-01-10");

// head + k (appending keeps GCC's string-concatenation warnings quiet).
std::string tagged(const char* head, int k) {
  std::string out(head);
  out.append(std::to_string(k));
  return out;
}

// SD (manager M1) under HQ; 100 sellers S0..S99 in SD.
void prepare_company(Database& db) {
  db.add_department({"HQ", "总部", std::nullopt, std::nullopt});
  db.add_department({"SD", "销售部", std::string("HQ"), std::nullopt});
  db.add_employee({"M1", "经理", "SD", "manager", std::nullopt, std::nullopt});
  db.set_department_manager("SD", "M1");
  for (int i = 0; i < 100; ++i) db.add_employee({tagged("S", i), "销售", "SD", "sales", std::nullopt, std::nullopt});
}

Contract draft(Database& db, int k) {
  ContractSpec s;
  s.type = "sales";
  s.owner = tagged("S", k % 100);
  s.amount = Money::parse("30000.00", "CNY");
  s.signed_on = kSigned;
  s.counterparty = "华东机械有限公司";
  return db.create_contract(s);
}

constexpr int kBatch = 100;

void BM_Approval_RouteOneStep(benchmark::State& state) {
  Database db(bench::fresh_file("approval_bench_route.db"));
  prepare_company(db);
  int k = 0;
  for (auto _ : state) {
    auto tx = db.transaction();
    for (int i = 0; i < kBatch; ++i, ++k) {
      const Contract c = draft(db, k);
      db.submit(c.id, c.owner, kSigned);
      db.approve(c.id, "M1", "", kSigned);
    }
    tx.commit();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_Approval_HostActivate(benchmark::State& state) {
  Database db(bench::fresh_file("approval_bench_activate.db"));
  prepare_company(db);
  int k = 0;
  for (auto _ : state) {
    auto tx = db.transaction();
    for (int i = 0; i < kBatch; ++i, ++k) {
      const Contract c = draft(db, k);
      db.activate(c.id, kSigned);
    }
    tx.commit();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// A database with `open` contracts in review, the first `mine` of them
// waiting for X1 (a one-step route naming X1), the others for M1; with
// `deadlines` the manager's step has a deadline ten years ahead (nothing
// escalates), without them none.
std::unique_ptr<Database> open_routes(const std::string& name, int open, int mine, bool deadlines = true) {
  auto db = std::make_unique<Database>(bench::fresh_file(name));
  prepare_company(*db);
  db->add_employee({"X1", "审批人", "HQ", "approver", std::nullopt, std::nullopt});
  auto tx = db->transaction();
  db->load_routing(deadlines ? R"({"id": "bench", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
    "rules": [{"id": "all", "route": [{"role": "dept_manager", "deadline_days": 3650, "escalate_to": {"person": "X1"}}]}]})"
                              : R"({"id": "bench", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
    "rules": [{"id": "all", "route": [{"role": "dept_manager"}]}]})");
  for (int k = 0; k < open - mine; ++k) {
    const Contract c = draft(*db, k);
    db->submit(c.id, c.owner, kSigned);
  }
  db->load_routing(R"({"id": "bench", "version": 2, "inputs": [{"name": "amount", "type": "money"}],
    "rules": [{"id": "all", "route": [{"person": "X1"}]}]})");
  for (int k = 0; k < mine; ++k) {
    const Contract c = draft(*db, k);
    db->submit(c.id, c.owner, kSigned);
  }
  tx.commit();
  return db;
}

void BM_Approval_Inbox(benchmark::State& state) {
  const int open = pactum::bench::size(static_cast<int>(state.range(0)), 20);
  const auto db = open_routes("approval_bench_inbox.db", open, pactum::bench::size(100, 5));
  for (auto _ : state) benchmark::DoNotOptimize(db->inbox("X1", kSigned));
  state.SetItemsProcessed(state.iterations());
}

void BM_Approval_FindContractsByOwner(benchmark::State& state) {
  const int open = pactum::bench::size(static_cast<int>(state.range(0)), 20);
  const auto db = open_routes("approval_bench_find.db", open, 0);
  ContractFilter f;
  f.owner = "S7";  // one seller in 100: about as many contracts as the inbox holds
  for (auto _ : state) benchmark::DoNotOptimize(db->find_contracts(f));
  state.SetItemsProcessed(state.iterations());
}

// The same move every time: each one is rolled back, so the clock stays unset
// (and no deadline, ten years ahead, is ever passed).
void advance(benchmark::State& state, Database& db) {
  const Date day = Date::parse("2024-02-01");
  for (auto _ : state) {
    auto tx = db.transaction();
    benchmark::DoNotOptimize(db.advance_to(day));
    tx.rollback();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Approval_AdvanceClock(benchmark::State& state) {
  const auto db =
      open_routes("approval_bench_clock.db", pactum::bench::size(static_cast<int>(state.range(0)), 20), 0);
  advance(state, *db);
}

void BM_Approval_AdvanceClockWithoutDeadlines(benchmark::State& state) {
  const auto db = open_routes("approval_bench_clock_plain.db",
                              pactum::bench::size(static_cast<int>(state.range(0)), 20), 0, false);
  advance(state, *db);
}

}  // namespace

BENCHMARK(BM_Approval_RouteOneStep)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Approval_HostActivate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Approval_Inbox)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Approval_FindContractsByOwner)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Approval_AdvanceClock)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Approval_AdvanceClockWithoutDeadlines)->Arg(10000)->Unit(benchmark::kMicrosecond);

PACTUM_BENCH_COMPARE(BM_Approval_RouteOneStep, BM_Approval_HostActivate);
PACTUM_BENCH_COMPARE(BM_Approval_Inbox, BM_Approval_FindContractsByOwner);
PACTUM_BENCH_COMPARE(BM_Approval_AdvanceClock, BM_Approval_AdvanceClockWithoutDeadlines);

PACTUM_BENCH_MAIN();
