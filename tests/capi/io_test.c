/* Bulk import and export through the C API (C99): every kind from files,
 * all-or-nothing and skip modes, progress with user_data, cancellation,
 * idempotency, the export round trip, and every refusal. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char dir[200];
static char db_path[300];

#include "files.h"

/* `rows` payments of 10.00 over the two contracts; `bad` (1-based, 0: none)
 * gets the amount "1e3". */
static void write_payments(const char *name, int rows, int bad) {
  FILE *f = fopen(path_of(name), "wb");
  int i;
  if (f == NULL) abort();
  fputs("contract,amount,date,ref\n", f);
  for (i = 1; i <= rows; ++i) {
    fprintf(f, "HT-2024-SD-000%d,%s,2024-02-01,P%05d\n", 1 + i % 2, i == bad ? "1e3" : "10.00", i);
  }
  fclose(f);
}

typedef struct progress_log {
  int calls;
  int64_t last_done;
  int64_t last_total;
  int64_t cancel_at; /* cancel when rows_done reaches it; 0: never */
} progress_log;

static int on_progress(int64_t rows_done, int64_t rows_total, void *user_data) {
  progress_log *log = (progress_log *)user_data;
  ++log->calls;
  log->last_done = rows_done;
  log->last_total = rows_total;
  return log->cancel_at != 0 && rows_done >= log->cancel_at;
}

static void check_unchanged(const char *before) {
  char *after = logical_dump(db_path);
  CHECK(strcmp(before, after) == 0);
  free(after);
}

static void test_org_and_contracts(pactum_db *db) {
  char *report = NULL;
  write_text("departments.csv", "code,name\nSD,销售部\n");
  write_text("employees.jsonl",
             "{\"id\":\"E1\",\"name\":\"张三\",\"department\":\"SD\",\"position\":\"sales\"}\n"
             "{\"id\":\"E2\",\"name\":\"李四\",\"department\":\"SD\",\"position\":\"sales\",\"manager\":\"E1\"}\n");
  write_text("contracts.csv",
             "external_id,type,owner,amount,signed,counterparty,installments,activated\n"
             "C1,sales,E1,50000.00,2024-01-10,甲,2024-02-01:20000.00;2024-03-01:30000.00,2024-01-10\n"
             "C2,sales,E2,50000.00,2024-01-11,\"乙, 有限公司\",,2024-01-11\n");
  CHECK_OK(pactum_import_file(db, "departments", path_of("departments.csv"), NULL, NULL, NULL, NULL));
  CHECK_OK(pactum_import_file(db, "employees", path_of("employees.jsonl"), NULL, NULL, NULL, &report));
  CHECK(report != NULL && strstr(report, "\"format\":\"jsonl\"") != NULL && strstr(report, "\"applied\":2") != NULL);
  pactum_free(report);
  CHECK_OK(pactum_import_file(db, "contracts", path_of("contracts.csv"), "{\"version\":1,\"mode\":\"all\"}", NULL, NULL,
                              &report));
  CHECK(report != NULL && strstr(report, "\"applied\":2") != NULL);
  pactum_free(report);
  /* Again: nothing changes. */
  CHECK_OK(pactum_import_file(db, "contracts", path_of("contracts.csv"), NULL, NULL, NULL, &report));
  CHECK(report != NULL && strstr(report, "\"unchanged\":2") != NULL && strstr(report, "\"applied\":0") != NULL);
  pactum_free(report);
}

static void test_payments(pactum_db *db) {
  char *report = NULL;
  char *before;
  progress_log log = {0, 0, 0, 0};
  write_payments("bad.csv", 3000, 1500);
  write_payments("good.csv", 3000, 0);

  /* A bad row refuses the file, naming line 1501, in both languages. */
  before = logical_dump(db_path);
  report = (char *)"untouched";
  CHECK_CODE(pactum_import_file(db, "payments", path_of("bad.csv"), NULL, NULL, NULL, &report), PACTUM_EINVALID);
  CHECK(report == NULL);
  CHECK_MESSAGE_HAS("line 1501, column 'amount': '1e3' is not a valid amount");
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_CODE(pactum_import_file(db, "payments", path_of("bad.csv"), NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("第 1501 行,“amount”列");
  CHECK_OK(pactum_set_lang(db, "en"));
  check_unchanged(before);

  /* Cancelled half way: rolled back. */
  log.cancel_at = 2000;
  CHECK_CODE(pactum_import_file(db, "payments", path_of("good.csv"), NULL, on_progress, &log, NULL), PACTUM_ECANCELLED);
  CHECK(log.calls == 2 && log.last_done == 2000 && log.last_total == 3000);
  check_unchanged(before);
  free(before);

  /* Skip mode: 2,999 committed, the bad row reported (and written to a file). */
  {
    char options[512];
    char *written;
    snprintf(options, sizeof options, "{\"version\":1,\"mode\":\"skip\",\"report\":\"%s\"}", path_of("report.csv"));
    log.calls = 0;
    log.cancel_at = 0;
    CHECK_OK(pactum_import_file(db, "payments", path_of("bad.csv"), options, on_progress, &log, &report));
    CHECK(log.calls == 3 && log.last_done == 3000);
    CHECK(report != NULL && strstr(report, "\"applied\":2999") != NULL && strstr(report, "\"skipped\":1") != NULL &&
          strstr(report, "\"code\":-1,\"column\":\"amount\"") != NULL && strstr(report, "\"line\":1501") != NULL);
    pactum_free(report);
    written = read_text(path_of("report.csv"));
    CHECK(written != NULL && strstr(written, "1501,amount,-1,PACTUM_EINVALID,") != NULL);
    free(written);
  }
  /* The good file: only the row skipped before is new. */
  CHECK_OK(pactum_import_file(db, "payments", path_of("good.csv"), NULL, NULL, NULL, &report));
  CHECK(report != NULL && strstr(report, "\"applied\":1,") != NULL &&
        strstr(report, "\"unchanged\":2999") != NULL);
  pactum_free(report);
  CHECK_OK(pactum_execution(db, "HT-2024-SD-0001", "2024-12-31", &report));
  CHECK(report != NULL && strstr(report, "\"collected\":\"15000.00\"") != NULL);
  pactum_free(report);

  /* Inside pactum_begin() the import is rolled back with the transaction. */
  before = logical_dump(db_path);
  write_text("more.csv", "contract,amount,date,ref\nHT-2024-SD-0001,5.00,2024-03-01,M1\n");
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_import_file(db, "payments", path_of("more.csv"), NULL, NULL, NULL, NULL));
  CHECK_OK(pactum_rollback(db));
  check_unchanged(before);
  free(before);
}

static void test_refusals(pactum_db *db) {
  char *before = logical_dump(db_path);
  char *report = NULL;
  CHECK_CODE(pactum_import_file(NULL, "payments", path_of("good.csv"), NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_file(db, NULL, path_of("good.csv"), NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("'kind' must not be NULL");
  CHECK_CODE(pactum_import_file(db, "payments", NULL, NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_file(db, "invoices", path_of("good.csv"), NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("unknown import kind 'invoices'");
  CHECK_CODE(pactum_import_file(db, "payments", path_of("missing.csv"), NULL, NULL, NULL, &report), PACTUM_ENOTFOUND);
  CHECK(report == NULL);
  CHECK_CODE(pactum_import_file(db, "payments", "bad\xff.csv", NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_file(db, "payments", path_of("good.csv"), "{\"mode\":", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_file(db, "payments", path_of("good.csv"), "{\"mode\":\"most\"}", NULL, NULL, NULL),
             PACTUM_EINVALID);
  CHECK_CODE(pactum_import_file(db, "payments", path_of("good.csv"), "{\"version\":1,\"extra\":true}", NULL, NULL, NULL),
             PACTUM_EINVALID);
  CHECK_CODE(pactum_import_file(db, "payments", path_of("good.csv"), "[]", NULL, NULL, NULL), PACTUM_EINVALID);
  write_text("wrong.csv", "contract,amount,date,reference\n");
  CHECK_CODE(pactum_import_file(db, "payments", path_of("wrong.csv"), NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("unknown column 'reference'");
  write_text("other.csv", "contract,amount,date,ref\nHT-2024-SD-0001,99.00,2024-02-01,P00001\n");
  CHECK_CODE(pactum_import_file(db, "payments", path_of("other.csv"), NULL, NULL, NULL, NULL), PACTUM_ECONFLICT);
  CHECK_MESSAGE_HAS("line 2, column 'ref'");
  write_text("unknown.jsonl", "{\"contract\":\"HT-9\",\"amount\":\"1.00\",\"date\":\"2024-02-01\",\"ref\":\"U1\"}\n");
  CHECK_CODE(pactum_import_file(db, "payments", path_of("unknown.jsonl"), NULL, NULL, NULL, NULL), PACTUM_ENOTFOUND);
  CHECK_MESSAGE_HAS("line 1, column 'contract': unknown contract HT-9");
  CHECK_CODE(pactum_export(NULL, path_of("x")), PACTUM_EINVALID);
  CHECK_CODE(pactum_export(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_export(NULL, path_of("x")), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_export(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_import_export(db, path_of("nowhere")), PACTUM_ENOTFOUND);
  check_unchanged(before);
  free(before);
}

static void test_export(pactum_db *db) {
  pactum_db *copy = NULL;
  static const char *files[] = {"manifest.json", "events.jsonl", "contracts.jsonl", "numbering_issued.jsonl", "meta.jsonl"};
  size_t i;
  char first[300];
  char second[300];
  char copy_path[300];
  snprintf(first, sizeof first, "%s", path_of("export"));
  snprintf(second, sizeof second, "%s", path_of("again"));
  snprintf(copy_path, sizeof copy_path, "%s", path_of("copy.db"));
  CHECK_OK(pactum_export(db, first));
  CHECK_OK(pactum_open(copy_path, NULL, &copy));
  CHECK_OK(pactum_import_export(copy, first));
  CHECK_CODE(pactum_import_export(copy, first), PACTUM_ESTATE);
  CHECK_MESSAGE_HAS("not empty");
  CHECK_OK(pactum_export(copy, second));
  for (i = 0; i < sizeof files / sizeof files[0]; ++i) {
    char a[400];
    char b[400];
    char *ta;
    char *tb;
    snprintf(a, sizeof a, "%s/%s", first, files[i]);
    snprintf(b, sizeof b, "%s/%s", second, files[i]);
    ta = read_text(a);
    tb = read_text(b);
    CHECK(ta != NULL && tb != NULL && strcmp(ta, tb) == 0);
    free(ta);
    free(tb);
  }
  {
    char *dump_a = logical_dump(db_path);
    char *dump_b = logical_dump(copy_path);
    CHECK(strcmp(dump_a, dump_b) == 0);
    free(dump_a);
    free(dump_b);
  }
  pactum_close(copy);
}

int main(void) {
  pactum_db *db = NULL;
  if (temp_dir_make(dir, sizeof dir, "io") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/io.db", dir);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  test_org_and_contracts(db);
  test_payments(db);
  test_refusals(db);
  test_export(db);
  pactum_close(db);
  temp_dir_remove(dir);
  return check_report("capi_io_test");
}
