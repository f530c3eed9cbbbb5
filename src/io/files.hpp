// Internal: the POSIX side of writing and reading Pactum's files (exports,
// import reports): exclusive creation without following symbolic links,
// fsync of files and directories, unpredictable temporary names.
#pragma once

#include <string>
#include <string_view>

#include "pactum/io/files.hpp"

namespace pactum::files {

// The mode of a directory holding files of `file_mode`: execute where read.
unsigned directory_mode(unsigned file_mode) noexcept;

// A descriptor closed on destruction.
class Fd {
 public:
  Fd() noexcept = default;
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// Creates `name` in the directory `dir` (a descriptor) with O_CREAT |
// O_EXCL | O_NOFOLLOW and `mode`: the descriptor, or -1 with errno set.
int create_exclusive(int dir, const std::string& name, unsigned mode) noexcept;

// A new file being written; `shown` names it in errors.
class NewFile {
 public:
  // create_exclusive(), or a StorageError.
  NewFile(int dir, const std::string& name, unsigned mode, std::string shown);
  NewFile(Fd fd, std::string shown) noexcept : fd_(std::move(fd)), shown_(std::move(shown)) {}
  void write(std::string_view bytes);
  // fsync and close; errors are StorageErrors.
  void finish();

 private:
  Fd fd_;
  std::string shown_;
};

// Opens the directory `path` (following a link named by the caller).
Fd open_directory(const std::string& path);
// fsync of a directory, so that names created or renamed in it last.
void sync_directory(int dir, const std::string& shown);
void sync_directory(const std::string& path);
// A random suffix of 12 letters and digits.
std::string random_suffix();

[[noreturn]] void write_failed(const std::string& path, int error);

}  // namespace pactum::files
