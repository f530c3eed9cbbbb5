// Cold paths measured as users meet them: a fresh process of the command-line
// tool, timed from fork to exit, with its peak resident memory.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
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
// kept) as a child of this process and waits for it.
inline ProcessRun run_child(const std::string& program, const std::vector<std::string>& args) {
  std::vector<std::string> owned;
  owned.push_back(program);
  for (const std::string& a : args) owned.push_back(a);
  std::vector<char*> argv;
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

// A small process forked while this one is small, which starts the measured
// processes for it. A child forked from a large process starts with the
// parent's pages mapped: Linux counts them in its peak resident memory
// (even across exec) and copying their page tables delays the start. The
// spawner reads a command (argument count, then each argument's length and
// bytes) from one pipe, runs it, and writes the ProcessRun back on another.
class Spawner {
 public:
  static Spawner& instance() {
    static Spawner s;
    return s;
  }
  ProcessRun run(const std::string& program, const std::vector<std::string>& args) {
    std::vector<std::string> all{program};
    all.insert(all.end(), args.begin(), args.end());
    put_u32(static_cast<std::uint32_t>(all.size()));
    for (const std::string& a : all) {
      put_u32(static_cast<std::uint32_t>(a.size()));
      put(a.data(), a.size());
    }
    ProcessRun r;
    if (!get(from_, &r, sizeof r)) throw std::runtime_error("the spawner stopped");
    return r;
  }

 private:
  Spawner() {
    int to[2];
    int from[2];
    if (pipe(to) != 0 || pipe(from) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      close(to[1]);
      close(from[0]);
      serve(to[0], from[1]);
      _exit(0);
    }
    close(to[0]);
    close(from[1]);
    to_ = to[1];
    from_ = from[0];
  }
  [[noreturn]] static void serve(int in, int out) {
    for (;;) {
      std::uint32_t n = 0;
      if (!get(in, &n, sizeof n)) _exit(0);  // the parent went away
      std::vector<std::string> all(n);
      for (std::string& a : all) {
        std::uint32_t len = 0;
        if (!get(in, &len, sizeof len)) _exit(0);
        a.resize(len);
        if (len > 0 && !get(in, a.data(), len)) _exit(0);
      }
      ProcessRun r;
      r.status = 127;
      if (!all.empty()) r = run_child(all.front(), std::vector<std::string>(all.begin() + 1, all.end()));
      if (write(out, &r, sizeof r) != static_cast<ssize_t>(sizeof r)) _exit(0);
    }
  }
  static bool get(int fd, void* p, std::size_t n) {
    char* at = static_cast<char*>(p);
    while (n > 0) {
      const ssize_t k = read(fd, at, n);
      if (k <= 0) return false;
      at += k;
      n -= static_cast<std::size_t>(k);
    }
    return true;
  }
  void put(const void* p, std::size_t n) {
    const char* at = static_cast<const char*>(p);
    while (n > 0) {
      const ssize_t k = write(to_, at, n);
      if (k <= 0) throw std::runtime_error("the spawner stopped");
      at += k;
      n -= static_cast<std::size_t>(k);
    }
  }
  void put_u32(std::uint32_t v) { put(&v, sizeof v); }
  int to_ = -1;
  int from_ = -1;
};

// Runs `program` through the spawner. Call spawner_ready() at start-up (a
// namespace-scope initialiser) so that the spawner is forked while this
// process is small.
inline ProcessRun run_process(const std::string& program, const std::vector<std::string>& args) {
  return Spawner::instance().run(program, args);
}
inline bool spawner_ready() {
  Spawner::instance();
  return true;
}

}  // namespace pactum::bench
