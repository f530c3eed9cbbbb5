// An export killed over an older one: a database is exported (the older
// export), more payments are recorded, and an export of the new content
// into a copy of the older export's directory (export_worker) is killed
// with SIGKILL at a random moment of its run, PACTUM_EXPORT_KILLS times
// (default 100). Each directory left behind must either restore to a
// consistent snapshot — the restored database exports exactly as the older
// or the newer content — or be refused with a pactum::Error naming the
// problem. docs/testing.md, "Export killed".
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <thread>

#include "durability/durability_support.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::durability;
namespace fs = std::filesystem;

namespace {

std::string read_line(int fd) {
  std::string line;
  char ch = 0;
  while (::read(fd, &ch, 1) == 1 && ch != '\n') line.push_back(ch);
  return line;
}

// How an export_worker run ended.
struct ExportRun {
  std::optional<std::chrono::microseconds> took;  // set when it finished the export
  std::string problem;                            // set when it failed by itself
};

// Runs export_worker DB DIR, killed `delay` after it is ready (never when
// `delay` is negative).
ExportRun export_killed_after(const std::string& db, const std::string& dir, std::chrono::microseconds delay) {
  ExportRun run;
  const test::ChildProcess c = test::spawn_with_pipe(PACTUM_EXPORT_WORKER, {db, dir});
  if (c.pid <= 0) return {std::nullopt, "export_worker did not start"};
  if (read_line(c.out) != "ready") run.problem = "export_worker did not open the database";
  const auto start = std::chrono::steady_clock::now();
  if (delay.count() >= 0) {
    std::this_thread::sleep_for(delay);
    ::kill(c.pid, SIGKILL);
  }
  const bool done = read_line(c.out) == "done";
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  ::close(c.out);
  if (!(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0))) {
    run.problem = "export_worker failed with status " + std::to_string(status);
  }
  if (done) run.took = took;
  return run;
}

// Every file of an export directory by name -> content.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    out[entry.path().filename().string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return out;
}

// The files of `restored` that differ from `reference`'s, by name.
std::vector<std::string> differing(const std::map<std::string, std::string>& restored,
                                   const std::map<std::string, std::string>& reference) {
  std::vector<std::string> out;
  for (const auto& [name, text] : restored) {
    auto it = reference.find(name);
    if (it == reference.end() || it->second != text) out.push_back(name);
  }
  for (const auto& [name, text] : reference) {
    (void)text;
    if (!restored.contains(name)) out.push_back(name);
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

TEST(ExportKillTest, AnExportKilledOverAnOlderOneRestoresToASnapshotOrIsRefused) {
  const char* env = std::getenv("PACTUM_EXPORT_KILLS");
  const long kills = env != nullptr && *env != '\0' ? std::strtol(env, nullptr, 10) : 100;
  test::TempDir dir;
  const std::string old_db = dir.file("old.db");
  const std::string new_db = dir.file("new.db");
  {
    Database db(old_db);
    add_company(db, 6);
    db.record_payment("C-SD-00001", cny(100000000), day("2024-01-20"), "OLD-1");
  }
  fs::copy_file(old_db, new_db);
  {
    // The newer content: payments on every contract (new events, other
    // totals; the same contracts).
    Database db(new_db);
    int i = 0;
    for (const Contract& c : db.find_contracts()) {
      for (int k = 0; k < 40; ++k) {
        db.record_payment(c.id, cny(1000000 + k), day("2024-01-25"), "NEW-" + std::to_string(i++));
      }
    }
  }
  const fs::path older = dir.path() / "older-export";
  const fs::path newer = dir.path() / "newer-export";
  const ExportRun first = export_killed_after(old_db, older.string(), std::chrono::microseconds(-1));
  ASSERT_TRUE(first.took.has_value()) << first.problem;
  // The export's duration, from its quickest of five complete runs over the
  // older export: the kills fall anywhere in it.
  std::chrono::microseconds quickest = std::chrono::hours(1);
  for (int i = 0; i < 5; ++i) {
    fs::remove_all(newer);
    fs::copy(older, newer);
    const ExportRun run = export_killed_after(new_db, newer.string(), std::chrono::microseconds(-1));
    ASSERT_TRUE(run.took.has_value()) << run.problem;
    quickest = std::min(quickest, *run.took);
  }
  const auto older_files = files_of(older);
  const auto newer_files = files_of(newer);
  ASSERT_NE(older_files, newer_files);

  std::mt19937 rng(7);
  int finished = 0, refused = 0, as_older = 0, as_newer = 0;
  std::vector<std::string> mixtures;  // restored, but neither the older nor the newer content
  std::vector<std::string> others;    // any other violation
  const fs::path target = dir.path() / "target";
  const fs::path check = dir.path() / "check";
  const std::string restored_db = dir.file("restored.db");
  for (long k = 0; k < kills; ++k) {
    fs::remove_all(target);
    fs::copy(older, target);
    const auto delay = std::chrono::microseconds(rng() % static_cast<unsigned>(quickest.count() + 1));
    const ExportRun run = export_killed_after(new_db, target.string(), delay);
    finished += run.took.has_value() ? 1 : 0;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(restored_db + suffix);
    fs::remove_all(check);
    const std::string point = "kill " + std::to_string(k + 1) + " after " + std::to_string(delay.count()) + " us";
    if (!run.problem.empty()) others.push_back(point + ": " + run.problem);
    try {
      Database restored(restored_db);
      restored.import_export(target.string());
      restored.export_to(check.string());
    } catch (const Error& e) {
      ++refused;
      if (e.code() == Errc::internal || std::string(e.what()).empty()) {
        others.push_back(point + ": refused without naming the problem: " + e.what());
      }
      continue;
    }
    const auto restored_files = files_of(check);
    const std::vector<std::string> from_newer = differing(restored_files, older_files);
    const std::vector<std::string> from_older = differing(restored_files, newer_files);
    if (from_newer.empty()) {
      ++as_older;
    } else if (from_older.empty()) {
      ++as_newer;
    } else {
      std::string v = point + ": restored a mix of the two exports (unlike the older in " + joined(from_newer) +
                      "; unlike the newer in " + joined(from_older) + ")";
      const std::vector<std::string> broken = invariant_violations(restored_db);
      if (!broken.empty()) v += "; " + broken.front();
      mixtures.push_back(v);
    }
  }
  std::printf("export killed %ld times (export %lld us): %d finished first, %d refused, %d restored the older content, "
              "%d the newer, %zu a mixture, %zu other violations\n",
              kills, static_cast<long long>(quickest.count()), finished, refused, as_older, as_newer, mixtures.size(),
              others.size());
  for (const std::string& v : mixtures) std::printf("  %s\n", v.c_str());
  for (const std::string& v : others) std::printf("  %s\n", v.c_str());
  EXPECT_TRUE(mixtures.empty()) << "mixtures restored, see above";
  EXPECT_TRUE(others.empty()) << "violations of another kind, see above";
}
