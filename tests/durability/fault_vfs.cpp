// The fault-injecting VFS: every method forwards to the default VFS's file,
// except xWrite and xSync, which count and fail as planned (SQLITE_IOERR_WRITE,
// SQLITE_IOERR_FSYNC). A failed write writes nothing; a failed sync leaves
// what was written in the file, as a failed fsync(2) may.
#include "durability/fault_vfs.hpp"

#include <sqlite3.h>

#include <cstring>

namespace pactum::durability {

namespace {

struct State {
  sqlite3_vfs* real = nullptr;
  sqlite3_vfs vfs{};
  sqlite3_io_methods methods{};
  bool methods_ready = false;
  FaultPlan plan;
  std::int64_t writes = 0;
  std::int64_t syncs = 0;
  bool fired = false;
};

State& state() {
  static State s;
  return s;
}

// Our file: the header SQLite sees, followed by the real file's bytes.
struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }

bool fails(FaultKind kind, std::int64_t count) {
  State& s = state();
  if (s.plan.at == 0 || s.plan.kind != kind) return false;
  if (count == s.plan.at || (s.plan.persistent && count > s.plan.at)) {
    s.fired = true;
    return true;
  }
  return false;
}

int x_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int x_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return real_of(f)->pMethods->xRead(real_of(f), buffer, amount, offset);
}
int x_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  if (fails(FaultKind::write, ++state().writes)) return SQLITE_IOERR_WRITE;
  return real_of(f)->pMethods->xWrite(real_of(f), buffer, amount, offset);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int x_sync(sqlite3_file* f, int flags) {
  if (fails(FaultKind::sync, ++state().syncs)) return SQLITE_IOERR_FSYNC;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int x_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int x_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int x_device_characteristics(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int x_shm_unmap(sqlite3_file* f, int remove) { return real_of(f)->pMethods->xShmUnmap(real_of(f), remove); }
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return real_of(f)->pMethods->xFetch(real_of(f), offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), offset, p);
}

int x_open(sqlite3_vfs* /*vfs*/, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  State& s = state();
  auto* ours = reinterpret_cast<FaultFile*>(file);
  ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
  ours->base.pMethods = nullptr;
  const int rc = s.real->xOpen(s.real, name, ours->real, flags, out_flags);
  if (ours->real->pMethods == nullptr) return rc;
  if (!s.methods_ready) {
    const sqlite3_io_methods* m = ours->real->pMethods;
    s.methods = {m->iVersion, x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_unlock,
                 x_check_reserved_lock, x_file_control, x_sector_size, x_device_characteristics,
                 m->iVersion >= 2 ? x_shm_map : nullptr, m->iVersion >= 2 ? x_shm_lock : nullptr,
                 m->iVersion >= 2 ? x_shm_barrier : nullptr, m->iVersion >= 2 ? x_shm_unmap : nullptr,
                 m->iVersion >= 3 ? x_fetch : nullptr, m->iVersion >= 3 ? x_unfetch : nullptr};
    s.methods_ready = true;
  }
  ours->base.pMethods = &s.methods;
  return rc;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) { return state().real->xDelete(state().real, name, sync_dir); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return state().real->xAccess(state().real, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return state().real->xFullPathname(state().real, name, size, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return state().real->xDlOpen(state().real, name); }
void x_dl_error(sqlite3_vfs*, int size, char* out) { state().real->xDlError(state().real, size, out); }
void (*x_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return state().real->xDlSym(state().real, handle, symbol);
}
void x_dl_close(sqlite3_vfs*, void* handle) { state().real->xDlClose(state().real, handle); }
int x_randomness(sqlite3_vfs*, int size, char* out) { return state().real->xRandomness(state().real, size, out); }
int x_sleep(sqlite3_vfs*, int micros) { return state().real->xSleep(state().real, micros); }
int x_current_time(sqlite3_vfs*, double* out) { return state().real->xCurrentTime(state().real, out); }
int x_get_last_error(sqlite3_vfs*, int size, char* out) { return state().real->xGetLastError(state().real, size, out); }
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return state().real->xCurrentTimeInt64(state().real, out);
}

}  // namespace

void FaultVfs::install() {
  State& s = state();
  if (s.real != nullptr) return;
  s.real = sqlite3_vfs_find(nullptr);
  s.vfs = *s.real;
  s.vfs.iVersion = 2;  // up to xCurrentTimeInt64: no system-call overrides
  s.vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + s.real->szOsFile;
  s.vfs.pNext = nullptr;
  s.vfs.zName = "pactum-faults";
  s.vfs.pAppData = nullptr;
  s.vfs.xOpen = x_open;
  s.vfs.xDelete = x_delete;
  s.vfs.xAccess = x_access;
  s.vfs.xFullPathname = x_full_pathname;
  s.vfs.xDlOpen = x_dl_open;
  s.vfs.xDlError = x_dl_error;
  s.vfs.xDlSym = x_dl_sym;
  s.vfs.xDlClose = x_dl_close;
  s.vfs.xRandomness = x_randomness;
  s.vfs.xSleep = x_sleep;
  s.vfs.xCurrentTime = x_current_time;
  s.vfs.xGetLastError = x_get_last_error;
  s.vfs.xCurrentTimeInt64 = x_current_time_int64;
  sqlite3_vfs_register(&s.vfs, 1);
}

void FaultVfs::arm(const FaultPlan& plan) {
  State& s = state();
  s.plan = plan;
  s.writes = 0;
  s.syncs = 0;
  s.fired = false;
}

std::int64_t FaultVfs::writes() { return state().writes; }
std::int64_t FaultVfs::syncs() { return state().syncs; }
bool FaultVfs::fired() { return state().fired; }

}  // namespace pactum::durability
