// Several processes on one database file (acceptance 4) and processes killed
// while issuing (acceptance 5). The work is done by numbering_worker, started
// with posix_spawn.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "numbering/db_support.hpp"

extern char** environ;

using namespace pactum;

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;  // read end of the child's stdout, or -1
};

Child spawn_worker(const std::vector<std::string>& args, bool capture) {
  std::vector<std::string> all{PACTUM_NUMBERING_WORKER};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int fds[2] = {-1, -1};
  if (capture) {
    EXPECT_EQ(::pipe(fds), 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  }
  Child c;
  EXPECT_EQ(posix_spawn(&c.pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  if (capture) {
    ::close(fds[1]);
    c.out = fds[0];
  }
  return c;
}

// Reads what the child wrote so far (blocking until `min_lines` lines, or
// until end of file when min_lines is 0).
std::vector<std::string> read_lines(int fd, std::string& pending, std::size_t min_lines) {
  std::vector<std::string> lines;
  char buf[4096];
  for (;;) {
    std::size_t at;
    while ((at = pending.find('\n')) != std::string::npos) {
      lines.push_back(pending.substr(0, at));
      pending.erase(0, at + 1);
    }
    if (min_lines != 0 && lines.size() >= min_lines) return lines;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return lines;
    pending.append(buf, static_cast<std::size_t>(n));
  }
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::vector<std::int64_t> sequences(const std::string& path, const std::string& rule) {
  Database db(path, test::fast_options());
  std::vector<std::int64_t> out;
  std::optional<std::string> after;
  for (;;) {
    const auto page = db.find_numbers(rule + "-", 10000, after);
    if (page.empty()) break;
    for (const auto& n : page) out.push_back(db.parse_number(rule, n).seq);
    after = page.back();
  }
  std::sort(out.begin(), out.end());
  return out;
}

class NumberingProcessesTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir.file("shared.db");

  void SetUp() override {
    Database db(path, test::fast_options());
    db.define_numbering("G", "G-{year}-{seq:5}");
    db.define_numbering("F", "F-{year}-{seq:5}", NumberingMode::fast);
  }
};

}  // namespace

// 2 processes x 4 threads x 2,500 gapless issuances: exactly 1..20000, and
// no busy error reaches a caller (a worker would exit with status 2).
TEST_F(NumberingProcessesTest, GaplessAcrossProcessesGivesExactlyOneToTwentyThousand) {
  const Child a = spawn_worker({path, "4", "2500", "G"}, false);
  const Child b = spawn_worker({path, "4", "2500", "G"}, false);
  const int sa = wait_exit(a.pid);
  const int sb = wait_exit(b.pid);
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << sa;
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << sb;
  const auto seqs = sequences(path, "G");
  ASSERT_EQ(seqs.size(), 20000u);
  for (std::size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(Database(path, test::fast_options()).preview_number("G", Date::parse("2024-01-01"), {}), "G-2024-20001");
}

// The same in fast mode: 20,000 distinct numbers (holes allowed).
TEST_F(NumberingProcessesTest, FastAcrossProcessesGivesTwentyThousandDistinctNumbers) {
  Child a = spawn_worker({path, "4", "2500", "F"}, true);
  Child b = spawn_worker({path, "4", "2500", "F"}, true);
  std::string pa, pb;
  std::vector<std::string> from_a, from_b;
  std::thread reader([&] { from_b = read_lines(b.out, pb, 0); });
  from_a = read_lines(a.out, pa, 0);
  reader.join();
  ::close(a.out);
  ::close(b.out);
  const int sa = wait_exit(a.pid);
  const int sb = wait_exit(b.pid);
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << sa;
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << sb;
  std::set<std::string> reported(from_a.begin(), from_a.end());
  reported.insert(from_b.begin(), from_b.end());
  EXPECT_EQ(reported.size(), 20000u);
  EXPECT_EQ(from_a.size() + from_b.size(), 20000u);
  EXPECT_EQ(sequences(path, "F").size(), 20000u);
}

// A worker is killed with SIGKILL while issuing, 25 times. Afterwards the
// file is intact, every number a worker saw committed is there, nothing is
// duplicated, and the gapless rule's committed numbers have no hole.
TEST_F(NumberingProcessesTest, KilledWhileIssuingLeavesNoDuplicateAndNoHole) {
  std::mt19937 rng(5);
  std::set<std::string> reported;
  for (int round = 0; round < 25; ++round) {
    Child c = spawn_worker({path, "2", "0", "G", "F"}, true);
    std::string pending;
    // Once it is issuing, let it run a random while, then kill it.
    for (const auto& n : read_lines(c.out, pending, 1)) reported.insert(n);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 20000));
    ::kill(c.pid, SIGKILL);
    const int status = wait_exit(c.pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "round " << round << " status " << status;
    for (const auto& n : read_lines(c.out, pending, 0)) reported.insert(n);
    ::close(c.out);

    ASSERT_EQ(test::query(path, "PRAGMA integrity_check"), "ok") << "round " << round;
    const auto seqs = sequences(path, "G");
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      ASSERT_EQ(seqs[i], static_cast<std::int64_t>(i + 1)) << "hole or duplicate in round " << round;
    }
  }
  Database db(path, test::fast_options());
  for (const auto& n : reported) EXPECT_NO_THROW(db.issued_number(n)) << n;
  const auto fast = sequences(path, "F");
  EXPECT_EQ(std::set<std::int64_t>(fast.begin(), fast.end()).size(), fast.size());
  EXPECT_GT(reported.size(), 25u);
  // The gapless rule continues right after its last number.
  const std::string next = db.issue_number("G", Date::parse("2024-01-01"), {});
  EXPECT_EQ(db.parse_number("G", next).seq, static_cast<std::int64_t>(sequences(path, "G").size()));
}
