// Two processes appending to one database file lose nothing and count each
// idempotent payment once.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <set>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

using namespace pactum;
using pactum::test::cny;

namespace {

pid_t spawn_writer(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string program = PACTUM_EVENT_WRITER;
  argv.push_back(program.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  return pid;
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(EventProcessesTest, TwoProcessesAppendingConcurrentlyLoseNothing) {
  test::TempDir dir;
  const std::string path = dir.file("shared.db");
  std::string number;
  std::int64_t first_seq = 0;
  {
    Database db(path);
    test::add_company(db);
    number = test::active_contract(db, "10000000.00").number;
    first_seq = db.last_event_seq();
  }
  constexpr int kUnique = 300;
  constexpr int kShared = 150;
  constexpr int kSurveys = 60;
  const auto n = [](int v) { return std::to_string(v); };
  const pid_t a = spawn_writer({path, number, "A", n(kUnique), n(kShared), n(kSurveys)});
  const pid_t b = spawn_writer({path, number, "B", n(kUnique), n(kShared), n(kSurveys)});
  EXPECT_EQ(wait_exit_code(a), 0);
  EXPECT_EQ(wait_exit_code(b), 0);

  Database db(path);
  const std::vector<Event> log = db.events(number);
  int payments = 0;
  int surveys = 0;
  Money sum = cny("0");
  std::set<std::string> refs;
  std::int64_t score_sum = 0;
  for (const Event& e : log) {
    if (e.type == EventType::payment_received) {
      ++payments;
      sum += *e.amount;
      EXPECT_TRUE(refs.insert(*e.key).second) << *e.key;
    } else if (e.type == EventType::satisfaction) {
      ++surveys;
      score_sum += *e.value;
    }
  }
  EXPECT_EQ(payments, 2 * kUnique + kShared);
  EXPECT_EQ(sum, cny("1.00").times(2 * kUnique) + cny("2.00").times(kShared));
  EXPECT_EQ(surveys, 2 * kSurveys);
  std::int64_t expected_scores = 0;
  for (int i = 0; i < kSurveys; ++i) expected_scores += 2 * (60 + i % 40);
  EXPECT_EQ(score_sum, expected_scores);
  EXPECT_EQ(db.contract(number).collected, sum);
  EXPECT_EQ(db.execution(number, Date::parse("2024-12-31")).collected, sum);
  // Sequence numbers are contiguous: no append was lost or half-done.
  const auto all = db.events_after(first_seq, 100000);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(2 * kUnique + kShared + 2 * kSurveys));
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, first_seq + 1 + static_cast<std::int64_t>(i));
}
