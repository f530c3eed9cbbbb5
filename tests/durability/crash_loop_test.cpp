// The crash loop: rounds of 2 to 4 writer processes (crash_writer, two
// threads each) on one database file, all killed with SIGKILL at random
// moments; after each round every invariant of durability_support.hpp is
// checked and every write a writer was told had succeeded must be there.
//
// PACTUM_CRASH_ROUNDS sets the number of rounds (default 6: seconds), a
// fresh database every 25 rounds; PACTUM_CRASH_SEED the seed (default 1).
// docs/testing.md, "Crash loop".
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <random>
#include <thread>

#include "durability/durability_support.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::durability;

namespace {

long env_number(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtol(v, nullptr, 10) : fallback;
}

// The running writers of one round and what they printed.
class Writers {
 public:
  ~Writers() {
    for (Child& c : children_) {
      if (c.pid > 0) {
        ::kill(c.pid, SIGKILL);
        ::waitpid(c.pid, nullptr, 0);
      }
      if (c.out >= 0) ::close(c.out);
    }
  }

  void start(const std::string& path, unsigned seed) {
    const test::ChildProcess started = test::spawn_with_pipe(PACTUM_CRASH_WRITER, {path, std::to_string(seed), "2"});
    Child c;
    c.pid = started.pid;
    c.out = started.out;
    children_.push_back(c);
    ASSERT_GT(c.pid, 0);
  }

  // Reads what the writers print for `ms` milliseconds (or until every
  // thread said "ready", when `until_ready`).
  void drain(int ms, bool until_ready = false) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
      if (until_ready && ready_ == 2 * children_.size()) return;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return;
      std::vector<pollfd> fds;
      std::vector<Child*> polled;
      for (Child& c : children_) {
        if (c.open) {
          fds.push_back({c.out, POLLIN, 0});
          polled.push_back(&c);
        }
      }
      if (fds.empty()) return;  // every writer has stopped
      if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) <= 0) continue;
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !read_from(*polled[i])) polled[i]->open = false;
      }
    }
  }

  // Kills every writer in a random order at random moments; false when one
  // had already stopped by itself (its error is on stderr).
  bool kill_all(std::mt19937& rng) {
    std::shuffle(children_.begin(), children_.end(), rng);
    bool all_killed = true;
    for (Child& c : children_) {
      drain(static_cast<int>(rng() % 15));
      ::kill(c.pid, SIGKILL);
      int status = 0;
      ::waitpid(c.pid, &status, 0);
      c.pid = -1;
      if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) all_killed = false;
    }
    for (Child& c : children_) {
      while (c.open && read_from(c)) {
      }
      c.open = false;
    }
    return all_killed;
  }

  const std::vector<std::string>& lines() const { return lines_; }

 private:
  struct Child {
    pid_t pid = -1;
    int out = -1;
    bool open = true;  // its pipe has not reached its end
    std::string pending;
  };

  // Reads once from the child's pipe; false at its end.
  bool read_from(Child& c) {
    char buffer[4096];
    const ssize_t n = ::read(c.out, buffer, sizeof buffer);
    if (n <= 0) return false;
    c.pending.append(buffer, static_cast<std::size_t>(n));
    std::size_t at;
    while ((at = c.pending.find('\n')) != std::string::npos) {
      const std::string line = c.pending.substr(0, at);
      c.pending.erase(0, at + 1);
      if (line == "ready") {
        ++ready_;
      } else {
        lines_.push_back(line);
      }
    }
    return true;
  }

  std::vector<Child> children_;
  std::vector<std::string> lines_;
  std::size_t ready_ = 0;
};

}  // namespace

TEST(CrashLoopTest, WritersKilledAtRandomLeaveEveryInvariant) {
  const long rounds = env_number("PACTUM_CRASH_ROUNDS", 6);
  const unsigned seed = static_cast<unsigned>(env_number("PACTUM_CRASH_SEED", 1));
  std::mt19937 rng(seed);
  std::unique_ptr<test::TempDir> dir;
  std::string path;
  Acknowledged ack;
  std::size_t acknowledged = 0;
  for (long round = 0; round < rounds; ++round) {
    if (round % 25 == 0) {
      dir = std::make_unique<test::TempDir>();
      path = dir->file("crash.db");
      Database db(path);
      add_company(db, 6);
      ack = {};
    }
    Writers writers;
    const int count = 2 + static_cast<int>(rng() % 3);
    for (int w = 0; w < count; ++w) writers.start(path, seed * 100000 + static_cast<unsigned>(round * 10 + w));
    writers.drain(30000, true);
    writers.drain(static_cast<int>(rng() % 80));
    ASSERT_TRUE(writers.kill_all(rng)) << "a writer stopped by itself in round " << round << " (seed " << seed << ")";
    for (const std::string& line : writers.lines()) ack.add(line);
    acknowledged += writers.lines().size();
    const std::vector<std::string> broken = invariant_violations(path, ack);
    ASSERT_TRUE(broken.empty()) << "round " << round << " (seed " << seed << "): " << broken.front() << " ("
                                << broken.size() << " violations)";
  }
  std::printf("crash loop: %ld rounds, %zu acknowledged writes re-checked\n", rounds, acknowledged);
  EXPECT_GT(acknowledged, static_cast<std::size_t>(rounds));
}

// The checker the crash loop relies on sees what it looks for: a hole in a
// gapless rule, a total that disagrees with its payments, an acknowledged
// payment that is not there.
TEST(CrashLoopTest, TheInvariantsSeeAHoleAWrongTotalAndALostPayment) {
  test::TempDir dir;
  const std::string path = dir.file("broken.db");
  {
    Database db(path);
    add_company(db, 1);
    for (int i = 0; i < 3; ++i) db.issue_number(kGapless, day("2024-02-01"), {{"dept", "SD"}});
    db.record_payment("C-SD-00001", cny(10000), day("2024-02-01"), "PAID");
  }
  EXPECT_EQ(invariant_violations(path), std::vector<std::string>());
  Acknowledged ack;
  ack.add("payment LOST C-SD-00001 10000");
  ack.add("number G-SD-00009");
  const std::vector<std::string> lost = invariant_violations(path, ack);
  EXPECT_EQ(lost, std::vector<std::string>({"acknowledged number G-SD-00009 missing",
                                            "acknowledged payment LOST recorded 0 times"}));

  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "DELETE FROM numbering_issued WHERE number = 'G-SD-00002';"
                         "UPDATE contract_totals SET collected = collected + 1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  const std::vector<std::string> broken = invariant_violations(path);
  ASSERT_EQ(broken.size(), 2U) << ::testing::PrintToString(broken);
  EXPECT_EQ(broken[0], "G-SD-: expected sequence 2, found 3");
  EXPECT_EQ(broken[1], "C-SD-00001: collected 1.0001, payment events 1.00");
}
