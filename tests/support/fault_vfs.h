/*
 * A test-only SQLite VFS that wraps the default one and fails writes or
 * syncs on command, to reproduce I/O errors at chosen points (written in C:
 * the C++ tests and the C tests of the C API share it).
 *
 *   fault_vfs_install();                       registers it as the default VFS
 *   fault_vfs_arm(FAULT_SYNC, "-wal", 1, 1);   the next sync of a WAL file
 *                                              fails, and every later one
 *   ...                                        (a write through Pactum)
 *   fault_vfs_disarm();
 *
 * Only connections opened after fault_vfs_install() go through it. Not
 * thread-safe: arm and disarm while no other thread uses SQLite.
 */
#ifndef PACTUM_TEST_FAULT_VFS_H
#define PACTUM_TEST_FAULT_VFS_H

#ifdef __cplusplus
extern "C" {
#endif

enum fault_op { FAULT_WRITE = 1, FAULT_SYNC = 2 };

/* Registers the VFS as the default (once); 0 on success, else an SQLite code. */
int fault_vfs_install(void);
/* From now on, the `nth` call (1: the next one) of `op` on a file whose name
 * ends with `suffix` ("-wal", "-journal", ".db"; NULL: any file) fails with
 * SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC; with `persistent`, every later
 * matching call fails too. */
void fault_vfs_arm(int op, const char *suffix, int nth, int persistent);
/* No more failures. */
void fault_vfs_disarm(void);
/* How many calls failed since the last arm. */
int fault_vfs_failures(void);

#ifdef __cplusplus
}
#endif

#endif
