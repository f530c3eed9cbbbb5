/* The HTML report, the collection trend and labels through the C API (C99):
 * a page with its four charts and the ranking table, byte-identical for the
 * same data and loading nothing; the trend's figures per month in JSON, text
 * and CSV; labels; NULL and malformed arguments; refusals that leave the
 * database unchanged. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char dir_path[200];
static char db_path[256];

/* Two sales people in one department; each signs one contract of two
 * instalments (January and February), paid as given, delivered on time. */
static void build(pactum_db *db) {
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E2", "李四", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_create_contract(
      db,
      "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000.00\",\"signed\":\"2024-01-05\","
      "\"end\":\"2024-12-31\",\"delivery_due\":\"2024-02-20\",\"counterparty\":\"华东机械\",\"installments\":["
      "{\"due\":\"2024-01-31\",\"amount\":\"300.00\"},{\"due\":\"2024-02-29\",\"amount\":\"700.00\"}]}",
      NULL));
  CHECK_OK(pactum_create_contract(
      db,
      "{\"version\":1,\"type\":\"sales\",\"owner\":\"E2\",\"amount\":\"2000.00\",\"signed\":\"2024-01-08\","
      "\"end\":\"2024-12-31\",\"delivery_due\":\"2024-02-20\",\"counterparty\":\"华南贸易\",\"installments\":["
      "{\"due\":\"2024-01-31\",\"amount\":\"1000.00\"},{\"due\":\"2024-02-29\",\"amount\":\"1000.00\"}]}",
      NULL));
  CHECK_OK(pactum_activate(db, "1", "2024-01-05", NULL));
  CHECK_OK(pactum_activate(db, "2", "2024-01-08", NULL));
  CHECK_OK(pactum_record_payment(db, "1", "300.00", "2024-01-31", "A1", NULL, NULL));
  CHECK_OK(pactum_record_payment(db, "1", "700.00", "2024-02-29", "A2", NULL, NULL));
  CHECK_OK(pactum_record_payment(db, "2", "1000.00", "2024-01-31", "B1", NULL, NULL));
  CHECK_OK(pactum_record_payment(db, "2", "400.00", "2024-02-15", "B2", NULL, NULL));
  CHECK_OK(pactum_reverse_payment(db, "B2", "2024-02-20", NULL, NULL));
  CHECK_OK(pactum_record_delivery(db, "1", 1, "2024-02-20", NULL));
  CHECK_OK(pactum_record_delivery(db, "2", 1, "2024-02-20", NULL));
  CHECK_OK(pactum_advance_to(db, "2024-03-31", NULL));
}

static pactum_db *open_built(const char *name) {
  pactum_db *db = NULL;
  snprintf(db_path, sizeof db_path, "%s/%s", dir_path, name);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  build(db);
  return db;
}

static void trend(pactum_db *db) {
  char *out = NULL;
  /* January: 1,300 due, 1,300 paid; February: 1,700 due, 700 + 400 - 400. */
  CHECK_OK(pactum_collection_trend(db, "2024-Q1", "2024-03-31", NULL, NULL, &out));
  CHECK_HAS(out, "\"month\":\"2024-01\",\"from\":\"2024-01-01\",\"to\":\"2024-01-31\",\"due\":\"1300.00\","
                 "\"collected\":\"1300.00\"");
  CHECK_HAS(out, "\"month\":\"2024-02\",\"from\":\"2024-02-01\",\"to\":\"2024-02-29\",\"due\":\"1700.00\","
                 "\"collected\":\"700.00\",\"due_to_date\":\"3000.00\",\"collected_to_date\":\"2000.00\","
                 "\"collection_rate\":\"0.666667\",\"collection_ratio\":\"2/3\"");
  CHECK_HAS(out, "\"contracts\":2");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_collection_trend(db, "2024-Q1", "2024-03-31", "{\"version\":1,\"types\":[\"project\"]}", "csv", &out));
  CHECK_HAS(out, "month,from,to,due_amount,collected,due_to_date,collected_to_date,collection_rate\r\n");
  CHECK_HAS(out, "2024-01,2024-01-01,2024-01-31,0.00,0.00,0.00,0.00,\r\n");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_OK(pactum_collection_trend(db, "2024-Q1", NULL, NULL, "text", &out));
  CHECK_HAS(out, "每月应收与实收");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_set_lang(db, "en"));
}

static void html(pactum_db *db, pactum_db *twin) {
  char *page = NULL;
  char *again = NULL;
  CHECK_OK(pactum_report_html(db, "2024-Q1", "2024-03-31", NULL, &page));
  CHECK(page != NULL && strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
  CHECK(check_count(page, "<svg ") == 4);
  CHECK_HAS(page, "<svg id=\"chart-departments\"");
  CHECK_HAS(page, "<svg id=\"chart-scores\"");
  CHECK_HAS(page, "<svg id=\"chart-collections\"");
  CHECK_HAS(page, "<table class=\"ranking\">");
  CHECK_HAS(page, "<td>E1</td><td>张三</td>");
  CHECK_LACKS(page, "http");
  CHECK_LACKS(page, "<script");
  CHECK_LACKS(page, "src=");
  /* The same events in another file give the same bytes. */
  CHECK_OK(pactum_report_html(twin, "2024-Q1", "2024-03-31", NULL, &again));
  CHECK(page != NULL && again != NULL && strcmp(page, again) == 0);
  pactum_free(page);
  pactum_free(again);
  page = NULL;
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_OK(pactum_report_html(db, "2024-Q1", "2024-03-31",
                              "{\"version\":1,\"sections\":[\"collections\"],\"title\":\"回款 & 趋势\"}", &page));
  CHECK_OK(pactum_set_lang(db, "en"));
  CHECK(check_count(page, "<svg ") == 1);
  CHECK_HAS(page, "<html lang=\"zh-CN\">");
  CHECK_HAS(page, "<title>回款 &amp; 趋势</title>");
  CHECK_HAS(page, "月度回款趋势");
  pactum_free(page);
}

static void labels(pactum_db *db) {
  char *out = NULL;
  CHECK_OK(pactum_set_label(db, "origin", "ERP 导入"));
  CHECK_OK(pactum_set_label(db, "app.name", "payroll"));
  CHECK_OK(pactum_set_label(db, "origin", "ERP 迁移"));
  CHECK_OK(pactum_label(db, "origin", &out));
  CHECK_STR(out, "ERP 迁移");
  CHECK_OK(pactum_labels(db, &out));
  CHECK_STR(out, "{\"version\":1,\"labels\":{\"app.name\":\"payroll\",\"origin\":\"ERP 迁移\"}}");
  CHECK_REFUSED(db, pactum_label(db, "tenant", &out), PACTUM_ENOTFOUND, "no label 'tenant'", "没有标签");
  CHECK(out == NULL);
  CHECK_REFUSED(db, pactum_set_label(db, "bad name", "x"), PACTUM_EINVALID, "label name 'bad name'", "标签名");
  CHECK_REFUSED(db, pactum_set_label(db, "origin", "\xff"), PACTUM_EINVALID, "UTF-8", "UTF-8");
}

static void refusals(pactum_db *db) {
  char *out = NULL;
  CHECK_REFUSED(db, pactum_report_html(db, "2024-Q5", NULL, NULL, &out), PACTUM_EINVALID, "2024-Q5", "2024-Q5");
  CHECK_REFUSED(db, pactum_report_html(db, "2024-Q1", "2024-02-30", NULL, &out), PACTUM_EINVALID, "2024-02-30",
                "2024-02-30");
  CHECK_REFUSED(db, pactum_report_html(db, "2024-Q1", NULL, "{\"version\":1,\"sections\":[\"charts\"]}", &out),
                PACTUM_EINVALID, "unknown report section 'charts'", "未知的报告部分");
  CHECK_REFUSED(db, pactum_report_html(db, "2024-Q1", NULL, "{\"version\":1,\"months\":200}", &out), PACTUM_EINVALID,
                "1 to 120 months", "1 到 120");
  CHECK_REFUSED(db, pactum_report_html(db, "2024-Q1", NULL, "{\"version\":1,", &out), PACTUM_EINVALID,
                "malformed JSON at line 1, column 14", "JSON");
  CHECK_REFUSED(db, pactum_collection_trend(db, "2024-Q1", NULL, NULL, "xml", &out), PACTUM_EINVALID, "xml", "xml");
  CHECK_REFUSED(db, pactum_collection_trend(db, "2024-Q1", NULL, "{\"version\":1,\"types\":[\"Bad Type\"]}", NULL, &out),
                PACTUM_EINVALID, "Bad Type", "Bad Type");
  CHECK(out == NULL);
  /* NULL arguments. */
  CHECK_CODE(pactum_report_html(NULL, "2024-Q1", NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_report_html(db, NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_report_html(db, "2024-Q1", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_collection_trend(db, NULL, NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_collection_trend(db, "2024-Q1", NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_label(db, NULL, "x"), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_label(db, "x", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_label(db, "x", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_label(NULL, "x", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_labels(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_labels(NULL, &out), PACTUM_EINVALID);
}

int main(void) {
  pactum_db *db;
  pactum_db *twin;
  char twin_path[256];
  if (temp_dir_make(dir_path, sizeof dir_path, "html") != 0) return 1;
  twin = open_built("twin.db");
  snprintf(twin_path, sizeof twin_path, "%s", db_path);
  db = open_built("report.db");
  trend(db);
  html(db, twin);
  labels(db);
  refusals(db);
  pactum_close(db);
  pactum_close(twin);
  temp_dir_remove(dir_path);
  (void)twin_path;
  return check_report("capi_report_html_test");
}
