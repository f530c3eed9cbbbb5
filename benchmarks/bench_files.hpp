// Where the benchmarks keep their database files, and how they open them.
// Files go to $PACTUM_BENCH_DIR (the test suite's smoke runs set it to the
// build tree), or to the current directory; point it at a disk, not tmpfs,
// for figures that include writing.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "pactum/store/database.hpp"

namespace pactum::bench {

// $PACTUM_BENCH_DIR, or the current directory.
inline std::filesystem::path files_dir() {
  const char* dir = std::getenv("PACTUM_BENCH_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::current_path();
}

// Removes the database file `p` with its -wal and -shm files, where present.
inline void remove_db(const std::filesystem::path& p) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
}

// The path of a fresh database file `name` in files_dir(): any file of that
// name (with its -wal and -shm files) is removed first.
inline std::string fresh_file(const std::string& name) {
  const std::filesystem::path p = files_dir() / name;
  remove_db(p);
  return p.string();
}

// The options the benchmarks open files with: WAL and synchronous=NORMAL.
inline OpenOptions fast_options() {
  OpenOptions o;
  o.durability = Durability::normal;
  return o;
}

}  // namespace pactum::bench
