// A helper program started by a test, its standard output on a pipe the
// test reads (the process tests of numbering, the KPI engine and the crash
// loop).
#pragma once

#include <spawn.h>
#include <unistd.h>

#include <string>
#include <vector>

extern char** environ;

namespace pactum::test {

struct ChildProcess {
  pid_t pid = -1;  // -1 when it could not be started
  int out = -1;    // read end of its stdout
};

// Starts `program` with `args`, its stdout on a pipe.
inline ChildProcess spawn_with_pipe(const std::string& program, const std::vector<std::string>& args) {
  ChildProcess c;
  int fds[2];
  if (::pipe(fds) != 0) return c;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<std::string> all{program};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&c.pid, program.c_str(), &actions, nullptr, argv.data(), environ) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  c.out = fds[0];
  return c;
}

}  // namespace pactum::test
