/* KPI through the C API (C99): the article's worked example, the payroll
 * link, closing a period, templates, targets, rules and bands, and every
 * refusal with its code, both languages and an unchanged database. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "scorecard_check.h"
#include "temp_dir.h"

static char db_path[256];

static void setup_company(pactum_db *db) {
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_department(db, "HR", "人力资源部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E2", "李四", "SD", "sales", "2021-06-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E3", "王五", "HR", "hr", NULL, NULL));
}

static const char *kContract =
    "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000000.00\",\"signed\":\"2024-01-10\","
    "\"end\":\"2024-12-31\",\"counterparty\":\"华东机械\","
    "\"installments\":[{\"due\":\"2024-01-31\",\"amount\":\"300000.00\"},"
    "{\"due\":\"2024-02-29\",\"amount\":\"500000.00\"},{\"due\":\"2024-03-31\",\"amount\":\"200000.00\"}]}";

static void test_worked_example(pactum_db *db) {
  char *out = NULL;
  char number[64];
  CHECK_OK(pactum_create_contract(db, kContract, &out));
  contract_number(out, number);
  pactum_free(out);
  CHECK(number[0] != '\0');
  CHECK_OK(pactum_activate(db, number, "2024-01-10", NULL));

  CHECK_OK(pactum_record_payment(db, number, "300000.00", "2024-01-31", "BANK-1", NULL, NULL));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-01-31", &out));
  CHECK_POINTS(out, "collection_rate", "9.00");
  CHECK_JSON_HAS(out, "\"value\":\"0.3\"");
  CHECK_JSON_HAS(out, "\"rules\":[]");
  pactum_free(out);

  CHECK_OK(pactum_record_payment(db, number, "500000.00", "2024-02-29", "BANK-2", NULL, NULL));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-02-29", &out));
  CHECK_POINTS(out, "collection_rate", "24.00");
  CHECK_JSON_HAS(out, "\"rule\":\"collection_80\",\"kind\":\"hit\",\"points\":\"5.00\"");
  CHECK_JSON_HAS(out, "\"date\":\"2024-02-29\"");
  pactum_free(out);

  CHECK_OK(pactum_record_payment(db, number, "200000.00", "2024-03-31", "BANK-3", NULL, NULL));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &out));
  CHECK_POINTS(out, "collection_rate", "30.00");
  /* No survey and no delivery yet: the two measured indicators (70 of 100
     points) are scaled up to the full 100, and the 80% collection bonus adds 5. */
  CHECK_JSON_HAS(out, "\"total\":\"105.00\",\"total_10\":\"10.500\",\"coverage\":\"70\",\"no_data\":\"reweight\","
                      "\"indicator_points\":\"70.00\",\"scaled_points\":\"100.00\",\"rule_points\":\"5.00\"");
  pactum_free(out);

  CHECK_OK(pactum_reverse_payment(db, "BANK-2", "2024-03-31", NULL, NULL));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &out));
  CHECK_POINTS(out, "collection_rate", "15.00");
  CHECK_JSON_HAS(out, "\"rule\":\"collection_80\",\"kind\":\"retraction\",\"points\":\"-5.00\"");
  pactum_free(out);

  /* Many at once: everyone of the sales department. */
  CHECK_OK(pactum_scorecards(db, "2024-Q1", "2024-03-31", "{\"version\":1,\"department\":\"SD\"}", &out));
  CHECK_JSON_HAS(out, "\"scorecards\":[{\"version\":1,\"employee\":\"E1\"");
  CHECK_JSON_HAS(out, "\"employee\":\"E2\"");
  CHECK(strstr(out, "\"employee\":\"E3\"") == NULL);
  pactum_free(out);
  CHECK_OK(pactum_scorecards(db, "2024-Q1", "2024-03-31", NULL, &out));
  CHECK_JSON_HAS(out, "\"employee\":\"E3\",\"position\":\"hr\"");
  CHECK_JSON_HAS(out, "\"scored\":false,\"total\":null");
  pactum_free(out);
}

static void test_payroll(pactum_db *db) {
  char *out = NULL;
  char number[64];
  CHECK_OK(pactum_define_kpi_template(
      db,
      "{\"id\":\"amount_only\",\"indicators\":[{\"name\":\"signed\",\"metric\":\"signed_amount\","
      "\"types\":[\"sales\"],\"weight\":100,\"normalisation\":\"target\",\"target\":\"10000\",\"per\":\"quarter\"}]}",
      &out));
  CHECK_JSON_HAS(out, "\"id\":\"amount_only\",\"version\":1");
  pactum_free(out);
  CHECK_OK(pactum_bind_template(db, "hr", "amount_only"));
  CHECK_OK(pactum_template_binding(db, "hr", &out));
  CHECK_STR(out, "amount_only");
  CHECK_OK(pactum_create_contract(
      db,
      "{\"version\":1,\"type\":\"sales\",\"owner\":\"E3\",\"amount\":\"7999.00\",\"signed\":\"2024-02-01\","
      "\"end\":\"2024-12-31\",\"counterparty\":\"客户\"}",
      &out));
  contract_number(out, number);
  pactum_free(out);
  CHECK_OK(pactum_activate(db, number, "2024-02-01", NULL));
  CHECK_OK(pactum_scorecard(db, "E3", "2024-Q1", "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"total\":\"79.99\"");
  pactum_free(out);
  CHECK_OK(pactum_bonus_adjustment(db, "E3", "2024-Q1", "10000.00", NULL, "2024-03-31", &out));
  CHECK_STR(out, "-1000.00");
  CHECK_OK(pactum_create_contract(
      db,
      "{\"version\":1,\"type\":\"sales\",\"owner\":\"E3\",\"amount\":\"1.00\",\"signed\":\"2024-02-02\","
      "\"end\":\"2024-12-31\",\"counterparty\":\"客户\"}",
      &out));
  contract_number(out, number);
  pactum_free(out);
  CHECK_OK(pactum_activate(db, number, "2024-02-02", NULL));
  CHECK_OK(pactum_bonus_adjustment(db, "E3", "2024-Q1", "10000.00", "CNY", "2024-03-31", &out));
  CHECK_STR(out, "0.00");

  CHECK_OK(pactum_set_bonus_bands(db, "{\"version\":1,\"template\":\"amount_only\",\"bands\":[{\"from\":\"80\",\"rate\":\"0.05\"}]}"));
  CHECK_OK(pactum_bonus_bands(db, "amount_only", &out));
  CHECK_STR(out, "{\"version\":1,\"bands\":[{\"from\":\"80\",\"rate\":\"0.05\"}],\"min_coverage\":\"50\"}");
  CHECK_OK(pactum_bonus_bands(db, NULL, &out));
  CHECK_STR(out, "{\"version\":1,\"bands\":[{\"below\":\"80\",\"rate\":\"-0.1\"}],\"min_coverage\":\"50\"}");
  CHECK_OK(pactum_bonus_adjustment(db, "E3", "2024-Q1", "10000.00", NULL, "2024-03-31", &out));
  CHECK_STR(out, "500.00");

  CHECK_OK(pactum_set_target(db, "{\"version\":1,\"indicator\":\"signed\",\"value\":\"16000\",\"per\":\"quarter\",\"employee\":\"E3\"}"));
  CHECK_OK(pactum_scorecard(db, "E3", "2024-Q1", "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"total\":\"50.00\"");
  pactum_free(out);
  CHECK_OK(pactum_bind_template(db, "hr", NULL));
  CHECK_OK(pactum_template_binding(db, "hr", &out));
  CHECK(out == NULL);
}

static void test_rules_and_templates(pactum_db *db) {
  char *out = NULL;
  CHECK_OK(pactum_set_rule(db, "{\"version\":1,\"template\":\"sales\",\"rule\":\"collection_80\",\"enabled\":false}"));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-02-29", &out));
  CHECK(strstr(out, "collection_80") == NULL);
  pactum_free(out);
  CHECK_OK(pactum_set_rule(db, "{\"version\":1,\"template\":\"sales\",\"rule\":\"collection_80\",\"points\":\"7\"}"));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-02-29", &out));
  CHECK_JSON_HAS(out, "\"rule\":\"collection_80\",\"kind\":\"hit\",\"points\":\"7.00\"");
  pactum_free(out);

  CHECK_OK(pactum_kpi_template(db, "sales", 0, &out));
  CHECK_JSON_HAS(out, "\"name\":\"signed_amount\",\"metric\":\"signed_amount\",\"types\":[\"sales\"],\"weight\":\"40\"");
  pactum_free(out);
  CHECK_OK(pactum_kpi_template(db, "rnd", 1, &out));
  CHECK_JSON_HAS(out, "\"target\":\"2\",\"per\":\"year\"");
  pactum_free(out);
  CHECK_OK(pactum_kpi_templates(db, &out));
  CHECK_JSON_HAS(out, "\"id\":\"procurement\"");
  CHECK_JSON_HAS(out, "\"id\":\"amount_only\"");
  pactum_free(out);
  CHECK_OK(pactum_check_kpi_template(
      "{\"id\":\"x\",\"indicators\":[{\"name\":\"c\",\"metric\":\"collection_rate\",\"types\":[\"sales\"],"
      "\"weight\":\"100.00\",\"normalisation\":\"rate\"}]}",
      &out));
  CHECK_JSON_HAS(out, "\"weight\":\"100\"");
  CHECK_JSON_HAS(out, "\"rule\":\"breach\",\"enabled\":true,\"points\":\"-15\"");
  pactum_free(out);
  CHECK_OK(pactum_parse_period("2024-01-15..2024-04-14", &out));
  CHECK_STR(out,
            "{\"version\":1,\"period\":\"2024-01-15..2024-04-14\",\"kind\":\"custom\",\"start\":\"2024-01-15\","
            "\"end\":\"2024-04-14\",\"months\":\"3\"}");
  CHECK_OK(pactum_parse_period("2024-01-01..2024-01-10", &out));
  CHECK_JSON_HAS(out, "\"months\":\"20/61\"");
  pactum_free(out);
}

static void test_closing(pactum_db *db) {
  char *out = NULL;
  char *before = NULL;
  const char *seq_at;
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &before));
  CHECK_OK(pactum_close_period(db, "2024-Q1", "2024-04-05", &out));
  CHECK_JSON_HAS(out, "\"type\":\"period_closed\"");
  CHECK_JSON_HAS(out, "2024-Q1");
  pactum_free(out);
  CHECK_REFUSED(db, pactum_close_period(db, "2024-Q1", "2024-04-06", NULL), PACTUM_ESTATE, "already closed", "已关闭");

  /* A back-dated payment after the close: reported, not applied. */
  CHECK_OK(pactum_record_payment(db, "1", "100000.00", "2024-03-20", "BANK-LATE", NULL, &out));
  seq_at = strstr(out, "\"seq\":");
  CHECK(seq_at != NULL);
  pactum_free(out);
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"closed\":true");
  CHECK_JSON_HAS(out, "\"post_close\":[{\"seq\":");
  CHECK_JSON_HAS(out, "\"type\":\"payment_received\"");
  CHECK_POINTS(out, "collection_rate", "15.00");
  {
    char a[64];
    char b[64];
    member_after(before, "signed_amount", "points", a);
    member_after(out, "signed_amount", "points", b);
    CHECK(strcmp(a, b) == 0);
    CHECK(strstr(before, "\"total\":\"75.57\"") != NULL);
    CHECK(strstr(out, "\"total\":\"75.57\"") != NULL);
  }
  pactum_free(out);
  pactum_free(before);

  CHECK_REFUSED(db, pactum_reopen_period(db, "2024-Q1", "", "2024-04-10", NULL), PACTUM_EINVALID, "reason", "原因");
  CHECK_OK(pactum_reopen_period(db, "2024-Q1", "late statement", "2024-04-10", &out));
  CHECK_JSON_HAS(out, "\"type\":\"period_reopened\"");
  CHECK_JSON_HAS(out, "\"reason\":\"late statement\"");
  pactum_free(out);
  CHECK_REFUSED(db, pactum_reopen_period(db, "2024-Q1", "again", "2024-04-11", NULL), PACTUM_ESTATE, "not closed",
                "未关闭");
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"closed\":false");
  CHECK_POINTS(out, "collection_rate", "18.00");
  pactum_free(out);
}

static void test_refusals(pactum_db *db) {
  char *out = NULL;
  /* Invalid templates. */
  CHECK_REFUSED(db,
                pactum_define_kpi_template(db,
                                           "{\"id\":\"bad\",\"indicators\":[{\"name\":\"c\",\"metric\":\"collection_rate\","
                                           "\"types\":[\"sales\"],\"weight\":90,\"normalisation\":\"rate\"}]}",
                                           NULL),
                PACTUM_EINVALID, "sum to 90", "之和为 90");
  CHECK_REFUSED(db,
                pactum_define_kpi_template(db,
                                           "{\"id\":\"bad\",\"indicators\":[{\"name\":\"c\",\"metric\":\"mood\","
                                           "\"types\":[\"sales\"],\"weight\":100,\"normalisation\":\"rate\"}]}",
                                           NULL),
                PACTUM_EINVALID, "unknown metric 'mood'", "未知的度量“mood”");
  CHECK_REFUSED(db,
                pactum_define_kpi_template(
                    db,
                    "{\"id\":\"bad\",\"indicators\":[{\"name\":\"c\",\"metric\":\"collection_rate\",\"types\":[\"sales\"],"
                    "\"weight\":110,\"normalisation\":\"rate\"},{\"name\":\"d\",\"metric\":\"dispute_rate\","
                    "\"types\":[\"sales\"],\"weight\":-10,\"normalisation\":\"rate\"}]}",
                    NULL),
                PACTUM_EINVALID, "negative", "负数");
  CHECK_REFUSED(db,
                pactum_define_kpi_template(db,
                                           "{\"id\":\"bad\",\"indicators\":[{\"name\":\"s\",\"metric\":\"signed_amount\","
                                           "\"types\":[\"sales\"],\"weight\":100,\"normalisation\":\"target\",\"target\":\"-5\"}]}",
                                           NULL),
                PACTUM_EINVALID, "greater than 0", "必须大于 0");
  CHECK_REFUSED(db, pactum_define_kpi_template(db, "{\"id\":", NULL), PACTUM_EINVALID, "malformed JSON at line 1", "JSON 格式错误");
  CHECK_REFUSED(db, pactum_define_kpi_template(db, "{\"id\":\"\xff\"}", NULL), PACTUM_EINVALID, "UTF-8", "UTF-8");
  CHECK_CODE(pactum_check_kpi_template("{\"id\":\"bad\",\"indicators\":[]}", &out), PACTUM_EINVALID);
  CHECK(out == NULL);

  /* Invalid requests. */
  CHECK_REFUSED(db, pactum_scorecard(db, "E9", "2024-Q1", "2024-03-31", &out), PACTUM_ENOTFOUND, "E9", "E9");
  CHECK_REFUSED(db, pactum_scorecard(db, "E1", "2024-Q5", "2024-03-31", &out), PACTUM_EINVALID, "2024-Q5", "2024-Q5");
  CHECK_REFUSED(db, pactum_scorecard(db, "E1", "2024-Q1", "2024-02-30", &out), PACTUM_EINVALID, "2024-02-30",
                "2024-02-30");
  CHECK_REFUSED(db, pactum_bonus_adjustment(db, "E1", "2024-Q1", "-5.00", NULL, NULL, &out), PACTUM_EINVALID,
                "negative", "负数");
  CHECK_REFUSED(db, pactum_bonus_adjustment(db, "E1", "2024-Q1", "1e5", NULL, NULL, &out), PACTUM_EINVALID, "1e5",
                "1e5");
  CHECK_REFUSED(db, pactum_bonus_adjustment(db, "E1", "2024-Q1", "99999999999999999999", NULL, NULL, &out),
                PACTUM_EOVERFLOW, "", "");
  CHECK_REFUSED(db, pactum_bind_template(db, "sales", "nothing"), PACTUM_ENOTFOUND, "nothing", "nothing");
  CHECK_REFUSED(db, pactum_bind_template(db, "hr", NULL), PACTUM_ENOTFOUND, "hr", "hr");
  CHECK_REFUSED(db, pactum_set_target(db, "{\"version\":1,\"indicator\":\"signed\",\"value\":\"1\"}"), PACTUM_EINVALID,
                "exactly one", "必须且只能");
  CHECK_REFUSED(db, pactum_set_target(db, "{\"version\":2,\"indicator\":\"signed\",\"value\":\"1\",\"position\":\"sales\"}"),
                PACTUM_EINVALID, "version", "版本");
  CHECK_REFUSED(db, pactum_set_rule(db, "{\"version\":1,\"rule\":\"lunch\"}"), PACTUM_EINVALID, "lunch", "lunch");
  CHECK_REFUSED(db, pactum_set_bonus_bands(db, "{\"version\":1,\"bands\":[{\"below\":\"80\",\"rate\":0.1}]}"),
                PACTUM_EINVALID, "decimal", "decimal");
  CHECK_REFUSED(db, pactum_close_period(db, "2024-13", NULL, NULL), PACTUM_EINVALID, "2024-13", "2024-13");
  CHECK_REFUSED(db, pactum_kpi_template(db, "sales", 9, &out), PACTUM_ENOTFOUND, "version 9", "版本 9");
  CHECK_REFUSED(db, pactum_scorecards(db, "2024-Q1", NULL, "{\"version\":1,\"department\":\"XX\"}", &out),
                PACTUM_ENOTFOUND, "XX", "XX");
  CHECK_REFUSED(db, pactum_scorecards(db, "2024-Q1", NULL, "{\"team\":\"a\"}", &out), PACTUM_EINVALID, "team", "team");

  /* NULL arguments. */
  CHECK_CODE(pactum_scorecard(NULL, "E1", "2024-Q1", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_scorecard(db, NULL, "2024-Q1", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_scorecard(db, "E1", NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_scorecard(db, "E1", "2024-Q1", NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_scorecards(db, NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_scorecards(db, "2024-Q1", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_bonus_adjustment(db, "E1", "2024-Q1", NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_bonus_adjustment(db, "E1", "2024-Q1", "1.00", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_define_kpi_template(db, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_define_kpi_template(NULL, "{}", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_template(db, NULL, 0, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_template(db, "sales", 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_template(db, "sales", -1, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_templates(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_templates(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_bind_template(db, NULL, "sales"), PACTUM_EINVALID);
  CHECK_CODE(pactum_template_binding(db, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_template_binding(db, "sales", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_target(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_rule(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_bonus_bands(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_bonus_bands(db, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_close_period(db, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reopen_period(db, "2024-Q1", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_kpi_template(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_kpi_template("{}", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_period(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_period("2024", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_period("2024-Q0", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("2024-Q0");
}

int main(void) {
  pactum_db *db = NULL;
  char dir[200];
  if (temp_dir_make(dir, sizeof dir, "kpi") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/kpi.db", dir);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  setup_company(db);
  test_worked_example(db);
  test_payroll(db);
  test_rules_and_templates(db);
  test_closing(db);
  test_refusals(db);
  pactum_close(db);
  temp_dir_remove(dir);
  return check_report("capi_kpi_test");
}
