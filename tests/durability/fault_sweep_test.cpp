// The I/O-fault sweep: a workload (create contracts, issue numbers, record
// payments, a transaction grouping a payment and a number) runs in a child
// process with the k-th write, or the k-th sync, failing (fault_vfs.hpp), for
// every k in turn; the child exits right after the workload (or after its
// first refused call) without closing its handle, as a process that dies
// there, and the database is reopened. The law for every call: it succeeded and its write is there, or
// it was refused and its write is absent, or it was refused with "outcome
// unknown" (-19) and either may be; never refused and present. The child
// must not crash, a refusal must be a storage error, and every invariant of
// durability_support.hpp must hold after the reopen.
//
// Short by default (one workload, transient faults, the child stopping at
// its first refusal); PACTUM_FAULT_SWEEP=long also runs a workload three
// times as long, persistent faults (every call from k on fails) and a child
// that goes on after a refusal. docs/testing.md, "I/O-fault sweep".
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "durability/durability_support.hpp"
#include "durability/fault_vfs.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::durability;

namespace {

// "Outcome unknown" (PACTUM_EOUTCOME): the code of a refusal after which the
// write may or may not be there (docs/testing.md, "I/O-fault sweep").
constexpr int kOutcomeUnknown = -19;

// One call of the workload; `id` names what it writes (an external id, a
// number's owner, a payment's ref; a group writes payment `id` and number
// `id`).
struct Call {
  enum Kind { contract, gapless_number, fast_number, payment, group } kind;
  std::string id;
  std::string owner;  // contracts: the owner; payments: the contract paid
};

std::vector<Call> workload(int repeats) {
  std::vector<Call> calls;
  for (int r = 0; r < repeats; ++r) {
    const std::string n = std::to_string(r);
    calls.push_back({Call::contract, "X" + n + "a", "S1"});
    calls.push_back({Call::gapless_number, "N" + n + "a", "SD"});
    calls.push_back({Call::payment, "P" + n + "a", "C-SD-00001"});
    calls.push_back({Call::fast_number, "N" + n + "b", ""});
    calls.push_back({Call::contract, "X" + n + "b", "R1"});
    calls.push_back({Call::payment, "P" + n + "b", "C-RD-00001"});
    calls.push_back({Call::group, "T" + n, "C-SD-00002"});
    calls.push_back({Call::gapless_number, "N" + n + "c", "RD"});
  }
  return calls;
}

void perform(Database& db, const Call& c) {
  const Date on = day("2024-02-01");
  switch (c.kind) {
    case Call::contract: db.create_contract(contract_spec(c.owner, 10000000, c.id)); break;
    case Call::gapless_number: db.issue_number(kGapless, on, {{"dept", c.owner}}, c.id); break;
    case Call::fast_number: db.issue_number(kFast, on, {}, c.id); break;
    case Call::payment: db.record_payment(c.owner, cny(1000000), on, c.id); break;
    case Call::group: {
      Database::Transaction tx = db.transaction();
      db.record_payment(c.owner, cny(2000000), on, c.id);
      db.issue_number(kGapless, on, {{"dept", "SD"}}, c.id);
      tx.commit();
      break;
    }
  }
}

struct SweepOptions {
  int repeats = 1;
  bool persistent = false;
  bool stop_at_refusal = true;
  bool close_before_exit = false;  // the child closes its handle, then exits
};

// What the child reported: one code per call made (0: success), and the
// writes and syncs it counted.
struct ChildRun {
  std::vector<int> codes;
  std::int64_t writes = 0;
  std::int64_t syncs = 0;
  std::string crash;  // non-empty when the child did not exit normally
};

// Runs the workload on `path` in a child process with `plan` armed.
ChildRun run_child(const std::string& path, const std::vector<Call>& calls, const FaultPlan& plan,
                   const SweepOptions& options) {
  int fds[2];
  if (::pipe(fds) != 0) return {{}, 0, 0, "pipe failed"};
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    std::string report;
    std::optional<Database> db;  // never closed: the process dies with it open
    try {
      db.emplace(path);
      FaultVfs::arm(plan);
      for (const Call& c : calls) {
        int code = 0;
        try {
          perform(*db, c);
        } catch (const Error& e) {
          code = static_cast<int>(e.code());
        }
        report += std::to_string(code) + " ";
        if (code != 0 && options.stop_at_refusal) break;
      }
      report += "; " + std::to_string(FaultVfs::writes()) + " " + std::to_string(FaultVfs::syncs()) + "\n";
      if (options.close_before_exit) db.reset();
    } catch (const std::exception& e) {
      report = std::string("open failed: ") + e.what() + "\n";
    }
    if (::write(fds[1], report.data(), report.size()) < 0) std::_Exit(5);
    std::_Exit(0);  // no destructor, no close: as if the process died here
  }
  ::close(fds[1]);
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ChildRun run;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.crash = "child status " + std::to_string(status);
    return run;
  }
  if (text.rfind("open failed", 0) == 0) {
    run.crash = text;
    return run;
  }
  std::istringstream in(text);
  std::string word;
  while (in >> word && word != ";") run.codes.push_back(std::stoi(word));
  in >> run.writes >> run.syncs;
  return run;
}

// What is in the reopened database, by the ids of the workload.
struct Present {
  std::set<std::string> contracts;  // external ids
  std::set<std::string> numbers;    // owners
  std::set<std::string> payments;   // refs

  explicit Present(const std::string& path) {
    Database db(path);
    for (const Contract& c : db.find_contracts()) {
      if (c.external_id) contracts.insert(*c.external_id);
      for (const Event& e : db.events(c.id)) {
        if (e.type == EventType::payment_received) payments.insert(*e.key);
      }
    }
    for (const char* prefix : {"G-", "F-"}) {
      std::optional<std::string> after;
      for (;;) {
        const std::vector<std::string> page = db.find_numbers(prefix, 1000, after);
        if (page.empty()) break;
        for (const std::string& n : page) {
          if (auto owner = db.issued_number(n).owner) numbers.insert(*owner);
        }
        after = page.back();
      }
    }
  }

  // Whether the call's write is there; a group half there is reported.
  bool has(const Call& c, std::vector<std::string>& problems) const {
    switch (c.kind) {
      case Call::contract: return contracts.contains(c.id);
      case Call::gapless_number:
      case Call::fast_number: return numbers.contains(c.id);
      case Call::payment: return payments.contains(c.id);
      case Call::group: {
        const bool paid = payments.contains(c.id);
        if (paid != numbers.contains(c.id)) problems.push_back("group " + c.id + " half-present after a reopen");
        return paid;
      }
    }
    return false;
  }
};

std::string describe(const SweepOptions& o) {
  return std::string(o.persistent ? "persistent" : "transient") + (o.stop_at_refusal ? ", stop" : ", go on") +
         (o.close_before_exit ? ", closed" : ", died") + (o.repeats > 1 ? ", long workload" : "");
}

const char* kind_name(Call::Kind k) {
  static const char* const names[] = {"create_contract", "issue_number", "issue_number", "record_payment",
                                      "transaction"};
  return names[k];
}

class FaultSweepTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string pristine = dir.file("pristine.db");

  void SetUp() override {
    FaultVfs::install();
    FaultVfs::arm({});
    Database db(pristine);
    add_company(db, 3);
  }

  std::string fresh_copy() {
    const std::string path = dir.file("point.db");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
    std::filesystem::copy_file(pristine, path);
    return path;
  }

  // Fails every write (or sync) of the workload in turn; returns the
  // violations, one line each, and prints a summary.
  std::vector<std::string> sweep(FaultKind kind, const SweepOptions& options) {
    const std::vector<Call> calls = workload(options.repeats);
    const ChildRun dry = run_child(fresh_copy(), calls, {}, options);
    EXPECT_TRUE(dry.crash.empty()) << dry.crash;
    EXPECT_EQ(dry.codes, std::vector<int>(calls.size(), 0)) << "the workload fails without faults";
    const std::int64_t points = kind == FaultKind::write ? dry.writes : dry.syncs;
    EXPECT_GT(points, 0);
    const char* what = kind == FaultKind::write ? "write" : "sync";
    std::vector<std::string> violations;
    std::map<std::string, int> outcomes;
    for (std::int64_t k = 1; k <= points; ++k) {
      const std::string path = fresh_copy();
      const ChildRun run = run_child(path, calls, {kind, k, options.persistent}, options);
      const std::string point = std::string(what) + " fault " + std::to_string(k) + "/" + std::to_string(points) +
                                " (" + describe(options) + ")";
      if (!run.crash.empty()) {
        violations.push_back(point + ": the workload crashed: " + run.crash);
        continue;
      }
      std::vector<std::string> problems;
      try {
        const Present present(path);
        bool unknown_before = false;  // an earlier call of this run returned "outcome unknown"
        for (std::size_t i = 0; i < run.codes.size(); ++i) {
          const Call& c = calls[i];
          const int code = run.codes[i];
          const bool there = present.has(c, problems);
          const std::string call = "call " + std::to_string(i + 1) + " " + kind_name(c.kind) + " " + c.id;
          if (code == 0) {
            ++outcomes["succeeded"];
            if (!there) problems.push_back(call + ": succeeded and absent after a reopen");
          } else if (code == kOutcomeUnknown) {
            ++outcomes["outcome unknown"];
            unknown_before = true;
          } else {
            ++outcomes["refused"];
            const std::string name = errc_name(static_cast<Errc>(code));
            if (there) problems.push_back(call + ": refused (" + name + ") and present after a reopen");
            // After "outcome unknown" the handle refuses writes in its own
            // words until it is reopened; before, an I/O error is a storage error.
            if (code != static_cast<int>(Errc::storage) && !unknown_before) {
              problems.push_back(call + ": refused with an unexpected code " + name);
            }
          }
        }
        for (const std::string& v : invariant_violations(path)) problems.push_back("invariant broken: " + v);
      } catch (const Error& e) {
        problems.push_back(std::string("invariant broken: the reopened database fails: ") + e.what());
      }
      if (std::getenv("PACTUM_FAULT_SWEEP_TRACE") != nullptr) {
        std::string codes;
        for (int code : run.codes) codes += " " + std::to_string(code);
        std::printf("%s: codes%s\n", point.c_str(), codes.c_str());
      }
      for (const std::string& p : problems) violations.push_back(point + ": " + p);
    }
    std::printf("%s faults: %lld points (%s); calls", what, static_cast<long long>(points), describe(options).c_str());
    for (const auto& [outcome, count] : outcomes) std::printf(" %s %d,", outcome.c_str(), count);
    std::printf(" violations %zu\n", violations.size());
    for (const std::string& v : violations) std::printf("  %s\n", v.c_str());
    return violations;
  }

  void sweep_all(FaultKind kind) {
    const bool long_mode = std::getenv("PACTUM_FAULT_SWEEP") != nullptr &&
                           std::string(std::getenv("PACTUM_FAULT_SWEEP")) == "long";
    std::vector<SweepOptions> runs{{1, false, true, false}};
    if (long_mode) {
      runs.clear();
      for (bool persistent : {false, true}) {
        for (bool stop : {true, false}) {
          for (bool close : {false, true}) runs.push_back({3, persistent, stop, close});
        }
      }
    }
    std::size_t violations = 0;
    for (const SweepOptions& options : runs) violations += sweep(kind, options).size();
    EXPECT_EQ(violations, 0U) << "see the violations above";
  }
};

}  // namespace

TEST_F(FaultSweepTest, EveryFailedWriteLeavesTheDatabaseAsItsCallsSaid) { sweep_all(FaultKind::write); }

TEST_F(FaultSweepTest, EveryFailedSyncLeavesTheDatabaseAsItsCallsSaid) { sweep_all(FaultKind::sync); }
