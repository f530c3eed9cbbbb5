// What the crash loop and the I/O-fault sweep share: the company their
// writers work on, the record of what a writer was told had been written,
// and the invariants a database must keep whatever happened to the writers
// (docs/testing.md, "Crash loop" and "I/O-fault sweep").
#pragma once

#include <sqlite3.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pactum/kpi/scorecard.hpp"
#include "pactum/store/database.hpp"

namespace pactum::durability {

inline Date day(const char* iso) { return Date::parse(iso); }
inline Money cny(std::int64_t units) { return Money::from_units(units, Currency::of("CNY")); }

// The employees who own contracts, with their departments.
inline const std::vector<std::pair<std::string, std::string>>& owners() {
  static const std::vector<std::pair<std::string, std::string>> all = {{"S1", "SD"}, {"S2", "SD"}, {"R1", "RD"}};
  return all;
}
inline constexpr const char* kPeriods[] = {"2024-01", "2024-Q1", "2024"};

// Numbering rules: G gapless and F fast for standalone numbers (G's scope is
// the department), C gapless for contracts (scope: the owner's department).
inline constexpr const char* kGapless = "G";
inline constexpr const char* kFast = "F";
inline constexpr const char* kContracts = "C";

// A contract of `owner` (one instalment due 2024-03-01) numbered by rule C.
inline ContractSpec contract_spec(const std::string& owner, std::int64_t amount_units, const std::string& external_id) {
  ContractSpec s;
  s.type = owner[0] == 'R' ? "project" : "sales";
  s.owner = owner;
  s.amount = cny(amount_units);
  s.signed_on = day("2024-01-15");
  s.end = day("2024-12-31");
  s.delivery_due = day("2024-03-01");
  s.counterparty = "华东机械";
  s.numbering = kContracts;
  s.external_id = external_id;
  return s;
}

// Two departments, three people, the numbering rules, the clock on
// 2024-02-01 and `contracts` active contracts (external ids "seed-N").
inline void add_company(Database& db, int contracts) {
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_department({"RD", "研发部", std::nullopt, std::nullopt});
  db.add_employee({"S1", "张三", "SD", "sales", day("2020-01-01"), std::nullopt});
  db.add_employee({"S2", "李四", "SD", "sales", day("2021-06-01"), std::nullopt});
  db.add_employee({"R1", "王五", "RD", "rnd", day("2020-01-01"), std::nullopt});
  db.define_numbering(kGapless, "G-{dept}-{seq:5}");
  db.define_numbering(kFast, "F-{seq:6}", NumberingMode::fast);
  db.define_numbering(kContracts, "C-{dept}-{seq:5}");
  db.advance_to(day("2024-02-01"));
  for (int i = 0; i < contracts; ++i) {
    const std::string& owner = owners()[static_cast<std::size_t>(i) % owners().size()].first;
    const Contract c = db.create_contract(contract_spec(owner, 5000000000 + i * 10000, "seed-" + std::to_string(i)));
    db.activate(c.id, day("2024-01-15"));
  }
}

// What writers were told had been written: the lines a crash writer prints
// after each call returned ("number N", "contract NUMBER EXTERNAL_ID",
// "payment REF CONTRACT UNITS", "reversal REF").
struct Acknowledged {
  std::set<std::string> numbers;
  std::map<std::string, std::string> contracts;  // number -> external id
  std::map<std::string, std::string> payments;   // ref -> contract number
  std::set<std::string> reversals;

  void add(const std::string& line) {
    std::istringstream in(line);
    std::string what, a, b;
    in >> what >> a >> b;
    if (what == "number") numbers.insert(a);
    if (what == "contract") contracts[a] = b;
    if (what == "payment") payments[a] = b;
    if (what == "reversal") reversals.insert(a);
  }
};

// The sequence numbers of every issued number starting with `prefix`.
inline std::vector<std::int64_t> sequences(const Database& db, const std::string& rule, const std::string& prefix) {
  std::vector<std::int64_t> out;
  std::optional<std::string> after;
  for (;;) {
    const std::vector<std::string> page = db.find_numbers(prefix, 1000, after);
    if (page.empty()) break;
    for (const std::string& n : page) out.push_back(db.parse_number(rule, n).seq);
    after = page.back();
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "" when the sequences are exactly 1..N, else what is wrong.
inline std::string gapless_problem(const std::vector<std::int64_t>& seqs, const std::string& scope) {
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    if (seqs[i] != static_cast<std::int64_t>(i + 1)) {
      return scope + ": expected sequence " + std::to_string(i + 1) + ", found " + std::to_string(seqs[i]);
    }
  }
  return {};
}

inline std::string integrity(const std::string& path) {
  sqlite3* raw = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(raw);
  return out;
}

// Every invariant of the database at `path`, and every acknowledged write
// present; returns what is broken (empty: all hold).
//  - the file is intact (integrity_check);
//  - gapless numbers are exactly 1..N per scope (G per department, C per
//    department), fast numbers distinct; every C number is a contract's;
//  - the event log's sequence numbers are exactly 1..N;
//  - each contract's stored collected total equals its payment events;
//  - the KPI engine equals a replay of the log, and its scorecards the
//    reference evaluator's;
//  - every acknowledged number, contract, payment and reversal is there,
//    each payment once.
inline std::vector<std::string> invariant_violations(const std::string& path, const Acknowledged& ack = {}) {
  std::vector<std::string> out;
  const std::string intact = integrity(path);
  if (intact != "ok") return {"integrity_check: " + intact};
  Database db(path);
  for (const char* dept : {"SD", "RD"}) {
    for (const char* rule : {kGapless, kContracts}) {
      const std::string prefix = std::string(rule) + "-" + dept + "-";
      const std::string problem = gapless_problem(sequences(db, rule, prefix), prefix);
      if (!problem.empty()) out.push_back(problem);
    }
  }
  const std::vector<std::int64_t> fast = sequences(db, kFast, "F-");
  if (std::adjacent_find(fast.begin(), fast.end()) != fast.end()) out.push_back("a fast number issued twice");

  const std::vector<Contract> contracts = db.find_contracts();
  std::size_t numbered = 0;
  std::map<std::string, int> paid;  // payment ref -> events
  std::set<std::string> reversed;   // refs of reversed payments
  for (const Contract& c : contracts) {
    numbered += c.numbering == kContracts ? 1 : 0;
    Money collected = Money::zero(c.amount.currency());
    std::map<std::int64_t, std::string> refs;  // payment seq -> ref
    for (const Event& e : db.events(c.id)) {
      if (e.type == EventType::payment_received) {
        collected += *e.amount;
        refs[e.seq] = *e.key;
        ++paid[*e.key];
      } else if (e.type == EventType::payment_reversed) {
        collected += *e.amount;
        reversed.insert(refs[*e.ref]);
      }
    }
    if (collected != c.collected) {
      out.push_back(c.number + ": collected " + c.collected.to_string() + ", payment events " + collected.to_string());
    }
  }
  std::size_t contract_numbers = 0;
  for (const char* dept : {"SD", "RD"}) {
    contract_numbers += sequences(db, kContracts, std::string(kContracts) + "-" + dept + "-").size();
  }
  if (contract_numbers != numbered) {
    out.push_back(std::to_string(contract_numbers) + " contract numbers issued for " + std::to_string(numbered) +
                  " contracts");
  }

  const std::int64_t last = db.last_event_seq();
  std::int64_t expected = 1;
  for (std::int64_t after = 0; after < last;) {
    const std::vector<Event> page = db.events_after(after, 1000);
    if (page.empty()) break;
    for (const Event& e : page) {
      if (e.seq != expected++) {
        out.push_back("event " + std::to_string(e.seq) + " where " + std::to_string(expected - 1) + " was due");
        break;
      }
    }
    after = page.back().seq;
  }

  const KpiHealth health = db.kpi_health();
  if (!health.ok) out.push_back("KPI engine differs from a replay: " + health.differences.front());
  for (const auto& [owner, dept] : owners()) {
    (void)dept;
    for (const char* p : kPeriods) {
      const Period period = Period::parse(p);
      if (!(db.scorecard(owner, period) == evaluate_scorecard(db.scoring_input(owner, period)))) {
        out.push_back(std::string("scorecard ") + owner + " " + p + " differs from the reference evaluator");
      }
    }
  }

  for (const std::string& n : ack.numbers) {
    try {
      db.issued_number(n);
    } catch (const NotFoundError&) {
      out.push_back("acknowledged number " + n + " missing");
    }
  }
  for (const auto& [number, external_id] : ack.contracts) {
    try {
      if (db.contract(number).external_id != external_id) out.push_back("contract " + number + ": another external id");
    } catch (const NotFoundError&) {
      out.push_back("acknowledged contract " + number + " missing");
    }
  }
  for (const auto& [ref, contract] : ack.payments) {
    if (paid[ref] != 1) out.push_back("acknowledged payment " + ref + " recorded " + std::to_string(paid[ref]) + " times");
  }
  for (const std::string& ref : ack.reversals) {
    if (!reversed.contains(ref)) out.push_back("acknowledged reversal of " + ref + " missing");
  }
  return out;
}

}  // namespace pactum::durability
