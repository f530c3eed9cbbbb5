// Cold paths measured as users meet them: a fresh process of the command-line
// tool, timed from fork to exit, with its peak resident memory.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace pactum::bench {

struct ProcessRun {
  double seconds = 0;
  double peak_mb = 0;  // the process's peak resident memory
  int status = 0;      // its exit status
};

// Runs `program` with `args` (standard output to /dev/null, standard error
// kept) and waits for it.
inline ProcessRun run_process(const std::string& program, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::vector<std::string> owned;
  owned.push_back(program);
  for (const std::string& a : args) owned.push_back(a);
  for (std::string& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) throw std::runtime_error("wait4 failed");
  const auto t1 = std::chrono::steady_clock::now();
  ProcessRun run;
  run.seconds = std::chrono::duration<double>(t1 - t0).count();
  run.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

}  // namespace pactum::bench
