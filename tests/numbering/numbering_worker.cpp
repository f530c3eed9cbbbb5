// A helper process of the numbering tests: issues numbers of one or more
// rules from several threads, each with its own connection.
//
//   numbering_worker DB THREADS COUNT RULE [RULE...]
//
// Each thread issues COUNT numbers (0: until killed), cycling through the
// rules, dated 2024-01-01 and without fields. Every number is written to
// stdout on its own line once issue_number() returned (it is committed).
// Any error is printed to stderr and the process exits with status 2.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "pactum/store/database.hpp"

namespace {

void report(const std::string& number) {
  const std::string line = number + "\n";
  // One write(2) per line: atomic on a pipe, so threads do not interleave.
  if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) std::_Exit(3);
}

void run(const std::string& path, long count, const std::vector<std::string>& rules) {
  try {
    pactum::OpenOptions options;
    options.durability = pactum::Durability::normal;
    pactum::Database db(path, options);
    const pactum::Date on = pactum::Date::parse("2024-01-01");
    for (long i = 0; count == 0 || i < count; ++i) {
      report(db.issue_number(rules[static_cast<std::size_t>(i) % rules.size()], on, {}));
    }
  } catch (const pactum::Error& e) {
    std::fprintf(stderr, "numbering_worker: %s (%d): %s\n", pactum::errc_name(e.code()), static_cast<int>(e.code()),
                 e.what());
    std::_Exit(2);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: numbering_worker DB THREADS COUNT RULE [RULE...]\n");
    return 64;
  }
  const std::string path = argv[1];
  const int threads = std::atoi(argv[2]);
  const long count = std::atol(argv[3]);
  const std::vector<std::string> rules(argv + 4, argv + argc);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(run, path, count, rules);
  for (auto& t : pool) t.join();
  return 0;
}
