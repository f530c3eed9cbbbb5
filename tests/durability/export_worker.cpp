// Helper process of the export-kill test: exports a database over a
// directory.
//
//   export_worker DB DIR
//
// Prints "ready" once the database is open, exports it to DIR, prints
// "done" and exits at once (no close: closing could save the KPI engine's
// snapshot and change the database the next export reads). Any error is
// printed to stderr and the process exits with status 3.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "pactum/store/database.hpp"

namespace {

void say(const char* line) {
  if (::write(STDOUT_FILENO, line, std::char_traits<char>::length(line)) < 0) std::_Exit(4);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: export_worker DB DIR\n");
    return 64;
  }
  try {
    auto* db = new pactum::Database(argv[1]);  // never closed, see above
    say("ready\n");
    db->export_to(argv[2]);
    say("done\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "export_worker: %s\n", e.what());
    std::_Exit(3);
  }
  std::_Exit(0);
}
