/* Defined outcomes and thread ownership through the C API (C99):
 *  - a commit whose log sync fails is PACTUM_EOUTCOME (it was PACTUM_ESTORAGE,
 *    and the "refused" contract came back after a reopen); the handle then
 *    refuses writes with PACTUM_ESTATE, and a retry with the same external id
 *    after reopening gives one contract;
 *  - a transaction belongs to the thread that opened it: another thread's
 *    calls are PACTUM_ESTATE while it is open, its commit included.
 * I/O errors come from the test-only VFS of tests/support/fault_vfs.c. */
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "fault_vfs.h"
#include "temp_dir.h"

static char db_path[512];

static const char *kSpec =
    "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000.00\",\"signed\":\"2024-01-10\","
    "\"end\":\"2024-12-31\",\"counterparty\":\"华东机械\",\"external_id\":\"ERP-7\"}";

static pactum_db *open_db(void) {
  pactum_db *db = NULL;
  CHECK_OK(pactum_open(db_path, NULL, &db));
  return db;
}

static size_t contracts_with_key(pactum_db *db) {
  char *out = NULL;
  size_t n = 0;
  CHECK_OK(pactum_find_contracts(db, "{\"version\":1,\"external_id\":\"ERP-7\"}", &out));
  if (out != NULL) n = check_count(out, "\"external_id\":\"ERP-7\"");
  pactum_free(out);
  return n;
}

static void test_outcome_unknown(void) {
  pactum_db *db = open_db();
  char *out = NULL;
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));

  fault_vfs_arm(FAULT_SYNC, "-wal", 1, 1);
  CHECK_CODE(pactum_create_contract(db, kSpec, &out), PACTUM_EOUTCOME);
  CHECK(strcmp(pactum_error_name(PACTUM_EOUTCOME), "PACTUM_EOUTCOME") == 0);
  CHECK(strstr(pactum_strerror(PACTUM_EOUTCOME), "unknown") != NULL);
  CHECK_MESSAGE_HAS("same idempotency key");
  CHECK_CODE(pactum_add_department(db, "HR", "人力资源部", NULL, NULL), PACTUM_ESTATE);
  CHECK_CODE(pactum_begin(db), PACTUM_ESTATE);
  pactum_close(db); /* with the disk still failing */
  fault_vfs_disarm();

  db = open_db();
  CHECK(contracts_with_key(db) == 1); /* it came back: "unknown" was right */
  CHECK_OK(pactum_create_contract(db, kSpec, &out)); /* the retry finds it */
  CHECK_JSON_HAS(out, "\"external_id\":\"ERP-7\"");
  pactum_free(out);
  CHECK(contracts_with_key(db) == 1);
  CHECK_OK(pactum_add_department(db, "HR", "人力资源部", NULL, NULL));
  pactum_close(db);
}

struct other_thread_call {
  pactum_db *db;
  int add_department;
  int commit;
  int begin;
};

static void *call_from_other_thread(void *arg) {
  struct other_thread_call *c = (struct other_thread_call *)arg;
  c->add_department = pactum_add_department(c->db, "B1", "乙", NULL, NULL);
  c->commit = pactum_commit(c->db);
  c->begin = pactum_begin(c->db);
  return NULL;
}

static void test_threads(void) {
  pactum_db *db = open_db();
  struct other_thread_call call;
  pthread_t thread;
  char *out = NULL;
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_add_department(db, "A1", "甲", NULL, NULL));
  call.db = db;
  CHECK(pthread_create(&thread, NULL, call_from_other_thread, &call) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  CHECK(call.add_department == PACTUM_ESTATE);
  CHECK(call.commit == PACTUM_ESTATE); /* the transaction stays A's */
  CHECK(call.begin == PACTUM_ESTATE);
  CHECK_OK(pactum_rollback(db));
  CHECK_CODE(pactum_department(db, "A1", NULL, &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_department(db, "B1", NULL, &out), PACTUM_ENOTFOUND);
  /* Outside a transaction, another thread's call goes through. */
  CHECK(pthread_create(&thread, NULL, call_from_other_thread, &call) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  CHECK(call.add_department == PACTUM_OK);
  CHECK(call.commit == PACTUM_ESTATE); /* no transaction */
  CHECK(call.begin == PACTUM_OK);
  /* That thread's transaction is still open, and now the main thread is the other one. */
  CHECK_CODE(pactum_department(db, "B1", NULL, &out), PACTUM_ESTATE);
  pactum_close(db); /* closing rolls it back */
}

int main(void) {
  char dir[400];
  if (temp_dir_make(dir, sizeof dir, "durability") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/company.db", dir);
  if (fault_vfs_install() != 0) {
    fprintf(stderr, "could not register the fault VFS\n");
    return 1;
  }
  test_outcome_unknown();
  snprintf(db_path, sizeof db_path, "%s/threads.db", dir);
  test_threads();
  temp_dir_remove(dir);
  return check_report("capi_durability_test");
}
