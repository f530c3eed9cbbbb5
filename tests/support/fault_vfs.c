/* A test-only SQLite VFS failing writes and syncs on command (fault_vfs.h). */
#include "fault_vfs.h"

#include <sqlite3.h>
#include <string.h>

typedef struct fault_file {
  sqlite3_file base;  /* pMethods: fault_methods */
  sqlite3_file *real; /* the wrapped VFS's file, right after this struct */
  char suffix_of[16]; /* the end of the file name, to match suffixes */
} fault_file;

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *real_vfs = NULL;
static sqlite3_io_methods fault_methods;
static int methods_ready = 0;

static int armed_op = 0;
static char armed_suffix[16];
static int armed_any_file = 1;
static int armed_countdown = 0;
static int armed_persistent = 0;
static int fired = 0;
static int failures = 0;

static int ends_with(const char *name, const char *suffix) {
  size_t n = strlen(name);
  size_t s = strlen(suffix);
  return n >= s && strcmp(name + n - s, suffix) == 0;
}

static int should_fail(fault_file *f, int op) {
  if (armed_op != op) return 0;
  if (!armed_any_file && !ends_with(f->suffix_of, armed_suffix)) return 0;
  if (fired && armed_persistent) {
    ++failures;
    return 1;
  }
  if (fired) return 0;
  if (--armed_countdown > 0) return 0;
  fired = 1;
  ++failures;
  return 1;
}

static int f_close(sqlite3_file *p) { return ((fault_file *)p)->real->pMethods->xClose(((fault_file *)p)->real); }
static int f_read(sqlite3_file *p, void *buf, int n, sqlite3_int64 off) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xRead(r, buf, n, off);
}
static int f_write(sqlite3_file *p, const void *buf, int n, sqlite3_int64 off) {
  fault_file *f = (fault_file *)p;
  if (should_fail(f, FAULT_WRITE)) return SQLITE_IOERR_WRITE;
  return f->real->pMethods->xWrite(f->real, buf, n, off);
}
static int f_truncate(sqlite3_file *p, sqlite3_int64 size) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xTruncate(r, size);
}
static int f_sync(sqlite3_file *p, int flags) {
  fault_file *f = (fault_file *)p;
  if (should_fail(f, FAULT_SYNC)) return SQLITE_IOERR_FSYNC;
  return f->real->pMethods->xSync(f->real, flags);
}
static int f_file_size(sqlite3_file *p, sqlite3_int64 *size) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xFileSize(r, size);
}
static int f_lock(sqlite3_file *p, int level) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xLock(r, level);
}
static int f_unlock(sqlite3_file *p, int level) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xUnlock(r, level);
}
static int f_check_reserved(sqlite3_file *p, int *out) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xCheckReservedLock(r, out);
}
static int f_file_control(sqlite3_file *p, int op, void *arg) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xFileControl(r, op, arg);
}
static int f_sector_size(sqlite3_file *p) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xSectorSize(r);
}
static int f_device_characteristics(sqlite3_file *p) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xDeviceCharacteristics(r);
}
static int f_shm_map(sqlite3_file *p, int page, int size, int extend, void volatile **out) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xShmMap(r, page, size, extend, out);
}
static int f_shm_lock(sqlite3_file *p, int offset, int n, int flags) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xShmLock(r, offset, n, flags);
}
static void f_shm_barrier(sqlite3_file *p) {
  sqlite3_file *r = ((fault_file *)p)->real;
  r->pMethods->xShmBarrier(r);
}
static int f_shm_unmap(sqlite3_file *p, int delete_flag) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xShmUnmap(r, delete_flag);
}
static int f_fetch(sqlite3_file *p, sqlite3_int64 off, int n, void **out) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xFetch(r, off, n, out);
}
static int f_unfetch(sqlite3_file *p, sqlite3_int64 off, void *ptr) {
  sqlite3_file *r = ((fault_file *)p)->real;
  return r->pMethods->xUnfetch(r, off, ptr);
}

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags) {
  fault_file *f = (fault_file *)file;
  int rc;
  (void)vfs;
  f->base.pMethods = NULL;
  f->real = (sqlite3_file *)(f + 1);
  f->suffix_of[0] = '\0';
  if (name != NULL) {
    size_t n = strlen(name);
    size_t keep = n < sizeof f->suffix_of - 1 ? n : sizeof f->suffix_of - 1;
    memcpy(f->suffix_of, name + n - keep, keep);
    f->suffix_of[keep] = '\0';
  }
  rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK || f->real->pMethods == NULL) return rc;
  if (!methods_ready) {
    fault_methods.iVersion = f->real->pMethods->iVersion;
    fault_methods.xClose = f_close;
    fault_methods.xRead = f_read;
    fault_methods.xWrite = f_write;
    fault_methods.xTruncate = f_truncate;
    fault_methods.xSync = f_sync;
    fault_methods.xFileSize = f_file_size;
    fault_methods.xLock = f_lock;
    fault_methods.xUnlock = f_unlock;
    fault_methods.xCheckReservedLock = f_check_reserved;
    fault_methods.xFileControl = f_file_control;
    fault_methods.xSectorSize = f_sector_size;
    fault_methods.xDeviceCharacteristics = f_device_characteristics;
    fault_methods.xShmMap = f_shm_map;
    fault_methods.xShmLock = f_shm_lock;
    fault_methods.xShmBarrier = f_shm_barrier;
    fault_methods.xShmUnmap = f_shm_unmap;
    fault_methods.xFetch = f_fetch;
    fault_methods.xUnfetch = f_unfetch;
    methods_ready = 1;
  }
  f->base.pMethods = &fault_methods;
  return SQLITE_OK;
}

static int f_delete(sqlite3_vfs *vfs, const char *name, int sync_dir) {
  (void)vfs;
  return real_vfs->xDelete(real_vfs, name, sync_dir);
}
static int f_access(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
  (void)vfs;
  return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int f_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
  (void)vfs;
  return real_vfs->xFullPathname(real_vfs, name, n, out);
}

int fault_vfs_install(void) {
  if (real_vfs != NULL) return SQLITE_OK;
  real_vfs = sqlite3_vfs_find(NULL);
  if (real_vfs == NULL) return SQLITE_ERROR;
  fault_vfs = *real_vfs; /* dlopen, randomness, sleep, time... as the real one */
  fault_vfs.zName = "pactum_fault";
  fault_vfs.szOsFile = (int)sizeof(fault_file) + real_vfs->szOsFile;
  fault_vfs.pNext = NULL;
  fault_vfs.xOpen = f_open;
  fault_vfs.xDelete = f_delete;
  fault_vfs.xAccess = f_access;
  fault_vfs.xFullPathname = f_full_pathname;
  return sqlite3_vfs_register(&fault_vfs, 1);
}

void fault_vfs_arm(int op, const char *suffix, int nth, int persistent) {
  armed_op = op;
  armed_any_file = suffix == NULL;
  armed_suffix[0] = '\0';
  if (suffix != NULL) {
    size_t n = strlen(suffix);
    if (n > sizeof armed_suffix - 1) n = sizeof armed_suffix - 1;
    memcpy(armed_suffix, suffix, n);
    armed_suffix[n] = '\0';
  }
  armed_countdown = nth;
  armed_persistent = persistent;
  fired = 0;
  failures = 0;
}

void fault_vfs_disarm(void) {
  armed_op = 0;
  fired = 0;
}

int fault_vfs_failures(void) { return failures; }
