/* Issue 17 through the C API (C99): files owner-only, reports that never land
 * on the database, refusals of the whole file that write their report, an
 * endless input refused, one JSON policy (duplicates, 1e999) with messages
 * made of positions, skip-mode imports of cut UTF-8, and no undefined
 * behaviour for a rounding of -1 or extreme date arithmetic. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char dir[200];
static char db_path[300];

#include "files.h"

static unsigned mode_of(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return 0;
  return (unsigned)(st.st_mode & 0777);
}

/* Well-formed UTF-8 (no overlong forms or surrogates are checked here:
 * only that no sequence is cut or stray). */
static int utf8_ok(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0) return 0;
    ++p;
    while (n-- > 0) {
      if ((*p & 0xC0) != 0x80) return 0;
      ++p;
    }
  }
  return 1;
}

static const char *kContract =
    "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000.00\",\"signed\":\"2024-01-10\","
    "\"end\":\"2024-12-31\",\"counterparty\":\"华东机械\",\"external_id\":\"ERP-1\"}";

static void test_files(void) {
  pactum_db *db = NULL;
  pactum_open_options options = PACTUM_OPEN_OPTIONS_INIT;
  char *report = NULL;
  char *text;
  char wal[320];
  mode_t old = umask(022);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_create_contract(db, kContract, NULL));
  snprintf(wal, sizeof wal, "%s-wal", db_path);
  CHECK(mode_of(db_path) == 0600);
  CHECK(mode_of(wal) == 0600);

  /* A report over the database, its log or the input: refused, nothing written. */
  write_text("pay.csv", "contract,amount,date,ref\n");
  {
    char json[700];
    snprintf(json, sizeof json, "{\"version\":1,\"report\":\"%s\"}", db_path);
    CHECK_REFUSED(db, pactum_import_file(db, "payments", path_of("pay.csv"), json, NULL, NULL, &report), PACTUM_EINVALID,
                  "is the database", "是数据库");
    snprintf(json, sizeof json, "{\"version\":1,\"report\":\"%s\"}", wal);
    CHECK_REFUSED(db, pactum_import_file(db, "payments", path_of("pay.csv"), json, NULL, NULL, &report), PACTUM_EINVALID,
                  "is the database", "是数据库");
    snprintf(json, sizeof json, "{\"version\":1,\"report\":\"%s\"}", path_of("pay.csv"));
    CHECK_REFUSED(db, pactum_import_file(db, "payments", path_of("pay.csv"), json, NULL, NULL, &report), PACTUM_EINVALID,
                  "is the input", "是输入文件");
    text = read_text(path_of("pay.csv"));
    CHECK(text != NULL && strcmp(text, "contract,amount,date,ref\n") == 0);
    free(text);

    /* A refusal at the header writes its report over a stale one. */
    write_text("report.json", "{\"committed\":true}");
    write_text("bad.csv", "contract,amount,date,reference\n");
    snprintf(json, sizeof json, "{\"version\":1,\"report\":\"%s\"}", path_of("report.json"));
    CHECK_CODE(pactum_import_file(db, "payments", path_of("bad.csv"), json, NULL, NULL, &report), PACTUM_EINVALID);
    text = read_text(path_of("report.json"));
    CHECK_JSON_HAS(text, "\"committed\":false");
    CHECK_JSON_HAS(text, "\"key\":\"io.unknown_column\"");
    free(text);
    CHECK(mode_of(path_of("report.json")) == 0600);

    /* An endless input is refused at once. */
    CHECK_CODE(pactum_import_file(db, "payments", "/dev/zero", "{\"version\":1,\"format\":\"csv\"}", NULL, NULL, &report),
               PACTUM_EINVALID);
    CHECK_MESSAGE_HAS("not a regular file");
    CHECK_CODE(pactum_import_file(db, "payments", path_of("pay.csv"), "{\"version\":1,\"max_bytes\":4}", NULL, NULL, &report),
               PACTUM_EINVALID);
    CHECK_MESSAGE_HAS("larger than the import limit of 4 bytes");
  }
  CHECK_OK(pactum_export(db, path_of("export")));
  CHECK(mode_of(path_of("export")) == 0700);
  pactum_close(db);

  /* Version 2 options: a wider mode on request. */
  options.file_mode = 0640;
  CHECK_OK(pactum_open(path_of("team.db"), &options, &db));
  CHECK(mode_of(path_of("team.db")) == 0640);
  pactum_close(db);
  options.file_mode = 0400;
  CHECK_CODE(pactum_open(path_of("bad.db"), &options, &db), PACTUM_EINVALID);
  umask(old);
}

static void test_json_policy(void) {
  pactum_db *db = NULL;
  char *out = NULL;
  const char *huge_table =
      "{\"id\":\"t\",\"version\":1,\"hit_policy\":\"FIRST\",\"inputs\":[{\"name\":\"amount\",\"type\":\"money\"}],"
      "\"rules\":[{\"id\":\"r\",\"when\":{\"amount\":\"-\"},\"route\":[{\"role\":\"x\",\"deadline_days\":1e999}]}]}";
  CHECK_OK(pactum_open(db_path, NULL, &db));
  /* 1e999 was PACTUM_EINTERNAL with the parser's text. */
  CHECK_REFUSED(db, pactum_load_routing(db, huge_table, 0, &out), PACTUM_EINVALID, "beyond the representable range",
                "超出可表示范围");
  CHECK(strstr(pactum_error_last()->message, "json.exception") == NULL);
  CHECK_CODE(pactum_check_routing(huge_table, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_kpi_template("{\"id\":\"t\",\"indicators\":[{\"weight\":-1e999}]}", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("line 1, column 35");
  /* Duplicate members: the last "amount" used to win in contract documents. */
  CHECK_REFUSED(db,
                pactum_create_contract(db,
                                       "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1.00\","
                                       "\"amount\":\"1000000.00\",\"signed\":\"2024-01-10\",\"counterparty\":\"X\"}",
                                       &out),
                PACTUM_EINVALID, "\"amount\" appears twice (/amount)", "“amount”出现两次");
  CHECK_REFUSED(db, pactum_issue_number(db, "contract", "2024-01-10", "{\"type\":\"A\",\"type\":\"B\"}", NULL, &out),
                PACTUM_EINVALID, "appears twice", "出现两次");
  CHECK_REFUSED(db, pactum_create_contract(db, "{\"version\":1,\"type\":\"sales\" 1}", &out), PACTUM_EINVALID,
                "malformed JSON at line 1, column 29", "第 1 行第 29 列");
  pactum_close(db);
}

static void test_skip_import_of_cut_utf8(void) {
  pactum_db *db = NULL;
  char *report = NULL;
  char *contract = NULL;
  char number[64] = {0};
  char lines[600];
  const char *at;
  int n;
  CHECK_OK(pactum_open(db_path, NULL, &db));
  CHECK_OK(pactum_create_contract(db, kContract, &contract)); /* the same external id: the first contract */
  at = contract != NULL ? strstr(contract, "\"number\":\"") : NULL;
  if (at != NULL) sscanf(at + 10, "%63[^\"]", number);
  pactum_free(contract);
  CHECK_OK(pactum_activate(db, number, "2024-01-10", NULL));
  /* Line 2 is cut inside 合 (E5 90 88 -> E5 90); line 3 is malformed after Chinese text. */
  n = snprintf(lines, sizeof lines,
               "{\"contract\":\"%s\",\"amount\":\"1.00\",\"date\":\"2024-02-01\",\"ref\":\"R1\"}\n"
               "{\"contract\":\"%s\",\"amount\":\"1.00\",\"date\":\"2024-02-01\",\"ref\":\"\xE5\x90\n"
               "{\"contract\":\"合同\",\"amount\":1.00 2}\n",
               number, number);
  write_bytes("cut.jsonl", lines, (size_t)n);
  CHECK_OK(pactum_import_file(db, "payments", path_of("cut.jsonl"), "{\"version\":1,\"mode\":\"skip\"}", NULL, NULL,
                              &report));
  CHECK_JSON_HAS(report, "\"applied\":1");
  CHECK_JSON_HAS(report, "\"skipped\":2");
  CHECK(report != NULL && utf8_ok(report));
  CHECK_LACKS(report, "json.exception");
  pactum_free(report);
  CHECK_CODE(pactum_import_file(db, "payments", path_of("cut.jsonl"), NULL, NULL, NULL, &report), PACTUM_EINVALID);
  CHECK(utf8_ok(pactum_error_last()->message));
  pactum_close(db);
}

static void test_undefined_behaviour(void) {
  char *out = NULL;
  char date[PACTUM_DATE_SIZE];
  /* An out-of-range enum value: every int is a value of pactum_rounding now. */
  CHECK_CODE(pactum_decimal_round("1.005", 2, (pactum_rounding)-1, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_round("1.005", 2, (pactum_rounding)6, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_round("1.005", "CNY", 2, (pactum_rounding)-1, &out), PACTUM_EINVALID);
  CHECK_OK(pactum_decimal_round("1.005", 2, PACTUM_ROUND_HALF_UP, &out));
  CHECK_STR(out, "1.01");
  /* Signed overflow in date arithmetic for extreme arguments. */
  CHECK_CODE(pactum_date_add_days("2024-01-31", INT64_MAX, date), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_days("2024-01-31", INT64_MIN, date), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_months("2024-01-31", INT64_MAX, date), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_months("2024-01-31", INT64_MIN, date), PACTUM_EINVALID);
  CHECK_OK(pactum_date_add_days("9999-12-30", 1, date));
  CHECK(strcmp(date, "9999-12-31") == 0);
}

int main(void) {
  if (temp_dir_make(dir, sizeof dir, "guarantees") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/company.db", dir);
  test_files();
  test_json_policy();
  test_skip_import_of_cut_utf8();
  test_undefined_behaviour();
  temp_dir_remove(dir);
  return check_report("capi_guarantees_test");
}
