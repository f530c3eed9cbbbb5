// A temporary directory removed at the end of a test. Tests that need a
// file on disk (not tmpfs) may set PACTUM_TEST_DIR.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace pactum::test {

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("PACTUM_TEST_DIR");
    std::filesystem::path root = base ? base : std::filesystem::temp_directory_path();
    std::string tmpl = (root / "pactum-test-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    path_ = made ? made : tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace pactum::test
