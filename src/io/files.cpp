// Writing files whole, exclusively, owner-only, synced (files.hpp).
#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace files {

unsigned directory_mode(unsigned file_mode) noexcept { return file_mode | ((file_mode & 0444) >> 2); }

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

void write_failed(const std::string& path, int error) {
  raise(Errc::storage, "io.write_failed", {{"path", path}, {"detail", std::strerror(error)}});
}

int create_exclusive(int dir, const std::string& name, unsigned mode) noexcept {
  return ::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
}

NewFile::NewFile(int dir, const std::string& name, unsigned mode, std::string shown) : shown_(std::move(shown)) {
  const int fd = create_exclusive(dir, name, mode);
  if (fd < 0) write_failed(shown_, errno);
  fd_ = Fd(fd);
}

void NewFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_.get(), bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      write_failed(shown_, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void NewFile::finish() {
  if (::fsync(fd_.get()) != 0) write_failed(shown_, errno);
  fd_ = Fd();
}

Fd open_directory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) write_failed(path, errno);
  return Fd(fd);
}

void sync_directory(int dir, const std::string& shown) {
  if (::fsync(dir) != 0 && errno != EINVAL) write_failed(shown, errno);
}

void sync_directory(const std::string& path) {
  Fd dir = open_directory(path);
  sync_directory(dir.get(), path);
}

std::string random_suffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uniform_int_distribution<int> pick(0, sizeof kChars - 2);
  std::string out;
  for (int i = 0; i < 12; ++i) out += kChars[pick(engine)];
  return out;
}

}  // namespace files

void write_file_atomically(const std::string& path, std::string_view content, unsigned mode) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const std::string parent = target.parent_path().empty() ? std::string(".") : target.parent_path().string();
  const std::string name = target.filename().string();
  if (name.empty() || name == "." || name == "..") files::write_failed(path, EISDIR);
  files::Fd dir = files::open_directory(parent);
  // An unpredictable name created exclusively: nothing planted in a shared
  // directory can be followed or truncated.
  std::string temporary;
  files::Fd fd;
  for (int attempt = 0; !fd; ++attempt) {
    temporary = "." + name + "." + files::random_suffix() + ".tmp";
    fd = files::Fd(files::create_exclusive(dir.get(), temporary, mode));
    if (!fd && (errno != EEXIST || attempt >= 16)) files::write_failed(path, errno);
  }
  std::optional<files::NewFile> file(std::in_place, std::move(fd), path);
  try {
    file->write(content);
    file->finish();
    if (::renameat(dir.get(), temporary.c_str(), dir.get(), name.c_str()) != 0) files::write_failed(path, errno);
  } catch (...) {
    ::unlinkat(dir.get(), temporary.c_str(), 0);
    throw;
  }
  files::sync_directory(dir.get(), parent);
}

bool same_file(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  struct stat sa {};
  struct stat sb {};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) {
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  }
  std::error_code ec;
  const fs::path pa = fs::weakly_canonical(fs::absolute(a, ec), ec);
  const fs::path pb = fs::weakly_canonical(fs::absolute(b, ec), ec);
  return pa.lexically_normal() == pb.lexically_normal();
}

}  // namespace pactum
