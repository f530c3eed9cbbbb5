/* A temporary directory for a C test's files (the C counterpart of
 * tests/support/temp_dir.hpp): made under $PACTUM_TEST_DIR when it is set
 * (for tests that need a disk rather than tmpfs), else under /tmp, and
 * removed with everything in it at the end. Uses POSIX calls: the test
 * defines _XOPEN_SOURCE 700 before its first include. */
#ifndef PACTUM_TEST_TEMP_DIR_H
#define PACTUM_TEST_TEMP_DIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

/* Makes a new directory "<base>/pactum-capi-<name>-XXXXXX" and writes its
 * path into `dir` (of `size` bytes). Returns 0, or -1 after saying why. */
static inline int temp_dir_make(char *dir, size_t size, const char *name) {
  const char *base = getenv("PACTUM_TEST_DIR");
  int n = snprintf(dir, size, "%s/pactum-capi-%s-XXXXXX", base != NULL ? base : "/tmp", name);
  if (n < 0 || (size_t)n >= size) {
    fprintf(stderr, "temporary directory name too long: %s\n", dir);
    return -1;
  }
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return -1;
  }
  return 0;
}

static inline int temp_dir_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* Removes `dir` and everything in it (a database with its -wal and -shm
 * files, exported files); says so when it cannot. */
static inline void temp_dir_remove(const char *dir) {
  if (nftw(dir, temp_dir_remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

#endif
