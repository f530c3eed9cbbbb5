// Files Pactum writes: whole or not at all, never through a symbolic link,
// owner-only unless asked (docs/storage.md, "Files").
#pragma once

#include <string>
#include <string_view>

namespace pactum {

// Writes `content` to `path` as a whole: into a new file next to it under an
// unpredictable name (created with O_CREAT | O_EXCL | O_NOFOLLOW and
// `mode`, the umask applying), synced, renamed over `path`, and the
// directory synced. A symbolic link at `path` is replaced, never followed.
// Failures are StorageErrors (io.write_failed) naming `path`; the temporary
// file is removed.
void write_file_atomically(const std::string& path, std::string_view content, unsigned mode = 0600);

// True when `a` and `b` name the same file: the same device and inode when
// both exist, else the same absolute, lexically normal path.
bool same_file(const std::string& a, const std::string& b);

}  // namespace pactum
