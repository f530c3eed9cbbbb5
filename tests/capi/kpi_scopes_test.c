/* Indicator scopes, coverage, handovers, expiry and the classification
 * tables through the C API (C99): the article's worked example through
 * monthly scorecards, the payroll link on partial data, and every refusal
 * with its code and an unchanged database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scorecard_check.h"

/* A copy of `text` with the first `from` replaced by `to` (NULL when absent). */
static char *replaced(const char *text, const char *from, const char *to) {
  const char *at = text ? strstr(text, from) : NULL;
  size_t head;
  char *out;
  if (at == NULL) return NULL;
  head = (size_t)(at - text);
  out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
  if (out == NULL) return NULL;
  memcpy(out, text, head);
  strcpy(out + head, to);
  strcat(out, at + strlen(from));
  return out;
}

static const char *kContract =
    "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000000.00\",\"signed\":\"2024-01-10\","
    "\"end\":\"2024-12-31\",\"counterparty\":\"华东机械\","
    "\"installments\":[{\"due\":\"2024-01-31\",\"amount\":\"300000.00\"},"
    "{\"due\":\"2024-02-29\",\"amount\":\"500000.00\"},{\"due\":\"2024-03-31\",\"amount\":\"200000.00\"}]}";

static pactum_db *open_company(char *number) {
  pactum_db *db = NULL;
  char *out = NULL;
  CHECK_OK(pactum_open(":memory:", NULL, &db));
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E2", "李四", "SD", "sales", "2021-06-01", NULL));
  CHECK_OK(pactum_create_contract(db, kContract, &out));
  contract_number(out, number);
  pactum_free(out);
  CHECK(number[0] != '\0');
  CHECK_OK(pactum_activate(db, number, "2024-01-10", NULL));
  return db;
}

static void check_month(pactum_db *db, const char *period, const char *as_of, const char *collection,
                        const char *rule_points) {
  char *out = NULL;
  char got[64];
  CHECK_OK(pactum_scorecard(db, "E1", period, as_of, &out));
  CHECK_POINTS(out, "collection_rate", collection);
  /* Quarter to date: the quarter's signing done in January counts in full. */
  CHECK_POINTS(out, "signed_amount", "40.00");
  CHECK_JSON_HAS(out, "\"coverage\":\"70\"");
  member_after(out, "signed_amount", "scope", got);
  CHECK(strcmp(got, "to_date") == 0);
  member_after(out, "collection_rate", "scope", got);
  CHECK(strcmp(got, "active") == 0);
  if (strstr(out, "\"rule_points\":\"") == NULL || strstr(out, rule_points) == NULL) {
    fprintf(stderr, "%s: rule points %s not in %s\n", period, rule_points, out);
    ++check_failures;
  }
  pactum_free(out);
}

static void test_monthly_worked_example(void) {
  char number[64];
  char *out = NULL;
  pactum_db *db = open_company(number);
  CHECK_OK(pactum_record_payment(db, number, "300000.00", "2024-01-31", "BANK-1", NULL, NULL));
  CHECK_OK(pactum_record_payment(db, number, "500000.00", "2024-02-29", "BANK-2", NULL, NULL));
  check_month(db, "2024-01", "2024-01-31", "9.00", "\"rule_points\":\"0.00\"");
  check_month(db, "2024-02", "2024-02-29", "24.00", "\"rule_points\":\"5.00\"");

  /* The monthly payroll link: February keeps the whole bonus. */
  CHECK_OK(pactum_bonus_adjustment(db, "E1", "2024-02", "10000.00", NULL, "2024-02-29", &out));
  CHECK_STR(out, "0.00");
  CHECK_OK(pactum_bonus_decision(db, "E1", "2024-02", "10000.00", NULL, "2024-02-29", &out));
  CHECK_STR(out, "{\"version\":1,\"employee\":\"E1\",\"period\":\"2024-02\",\"score\":\"96.43\",\"coverage\":\"70\","
                 "\"min_coverage\":\"50\",\"rate\":\"0\",\"adjustment\":\"0.00\",\"currency\":\"CNY\","
                 "\"reason\":\"no_band\"}");

  /* The last instalment paid on 2024-04-10: March sees 80% and an overdue
     instalment; April and Q2 see the whole contract collected. */
  CHECK_OK(pactum_record_payment(db, number, "200000.00", "2024-04-10", "BANK-3", NULL, NULL));
  check_month(db, "2024-03", "2024-03-31", "24.00", "\"rule_points\":\"-3.00\"");
  CHECK_OK(pactum_scorecard(db, "E1", "2024-04", "2024-04-30", &out));
  CHECK_POINTS(out, "collection_rate", "30.00");
  CHECK_JSON_HAS(out, "\"rules\":[]");
  pactum_free(out);
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q2", "2024-06-30", &out));
  CHECK_POINTS(out, "collection_rate", "30.00");
  /* Nothing signed in the second quarter. */
  CHECK_POINTS(out, "signed_amount", "0.00");
  pactum_free(out);
  pactum_close(db);
}

static void test_coverage_and_payroll(void) {
  char number[64];
  char *out = NULL;
  char *tmpl = NULL;
  char *step = NULL;
  char *zero = NULL;
  pactum_db *db = open_company(number);
  CHECK_OK(pactum_record_payment(db, number, "300000.00", "2024-01-31", "BANK-1", NULL, NULL));
  CHECK_OK(pactum_record_payment(db, number, "500000.00", "2024-02-29", "BANK-2", NULL, NULL));
  CHECK_OK(pactum_record_payment(db, number, "200000.00", "2024-03-31", "BANK-3", NULL, NULL));

  /* No survey, no delivery: coverage 70, reweighted to 105.00, no cut. */
  CHECK_OK(pactum_bonus_decision(db, "E1", "2024-Q1", "10000.00", NULL, "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"score\":\"105.00\",\"coverage\":\"70\"");
  CHECK_JSON_HAS(out, "\"adjustment\":\"0.00\"");
  pactum_free(out);

  /* The same template with no_data "zero" gives the old 75.00 and the cut. */
  CHECK_OK(pactum_kpi_template(db, "sales", 0, &tmpl));
  step = replaced(tmpl, "\"no_data\":\"reweight\"", "\"no_data\":\"zero\"");
  zero = replaced(step, "\"version\":2", "\"version\":3");
  CHECK(zero != NULL);
  CHECK_OK(pactum_define_kpi_template(db, zero, NULL));
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"total\":\"75.00\"");
  CHECK_JSON_HAS(out, "\"no_data\":\"zero\"");
  pactum_free(out);
  CHECK_OK(pactum_bonus_adjustment(db, "E1", "2024-Q1", "10000.00", NULL, "2024-03-31", &out));
  CHECK_STR(out, "-1000.00");

  /* Below min_coverage: no adjustment, with its reason, never a cut. */
  CHECK_OK(pactum_set_bonus_bands(db, "{\"version\":1,\"bands\":[{\"below\":\"80\",\"rate\":\"-0.10\"}],"
                                      "\"min_coverage\":\"80\"}"));
  CHECK_OK(pactum_bonus_decision(db, "E1", "2024-Q1", "10000.00", NULL, "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"score\":\"75.00\",\"coverage\":\"70\",\"min_coverage\":\"80\",\"rate\":\"0\","
                      "\"adjustment\":\"0.00\"");
  CHECK_JSON_HAS(out, "\"reason\":\"insufficient_data\"");
  pactum_free(out);
  CHECK_OK(pactum_bonus_adjustment(db, "E1", "2024-Q1", "10000.00", NULL, "2024-03-31", &out));
  CHECK_STR(out, "0.00");
  CHECK_CODE(pactum_set_bonus_bands(db, "{\"version\":1,\"bands\":[],\"min_coverage\":\"101\"}"), PACTUM_EINVALID);
  CHECK_CODE(pactum_bonus_decision(db, "E1", "2024-Q1", "-1.00", NULL, "2024-03-31", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_bonus_decision(db, "NOBODY", "2024-Q1", "1.00", NULL, "2024-03-31", &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_bonus_decision(db, "E1", "2024-Q5", "1.00", NULL, "2024-03-31", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_bonus_decision(db, "E1", "2024-Q1", "1.00", NULL, "2024-03-31", NULL), PACTUM_EINVALID);
  CHECK_OK(pactum_bonus_bands(db, NULL, &out));
  CHECK_JSON_HAS(out, "\"min_coverage\":\"80\"");
  pactum_free(out);

  free(zero);
  free(step);
  pactum_free(tmpl);
  pactum_close(db);
}

static void test_handover_and_expiry(void) {
  char number[64];
  char *out = NULL;
  char *before = NULL;
  pactum_db *db = open_company(number);
  CHECK_OK(pactum_record_payment(db, number, "300000.00", "2024-01-31", "BANK-1", NULL, NULL));
  CHECK_OK(pactum_reassign(db, number, "E2", "E1 moves to key accounts", "2024-02-15", &out));
  CHECK_JSON_HAS(out, "\"type\":\"reassigned\"");
  pactum_free(out);
  CHECK_OK(pactum_record_payment(db, number, "500000.00", "2024-02-29", "BANK-2", NULL, NULL));
  /* Signing stays with E1; February's execution and the +5 are E2's. */
  CHECK_OK(pactum_scorecard(db, "E2", "2024-02", "2024-02-29", &out));
  CHECK_POINTS(out, "collection_rate", "24.00");
  CHECK_JSON_HAS(out, "\"rule\":\"collection_80\",\"kind\":\"hit\",\"points\":\"5.00\"");
  pactum_free(out);
  CHECK_OK(pactum_scorecard(db, "E1", "2024-Q1", "2024-03-31", &out));
  CHECK_POINTS(out, "signed_amount", "40.00");
  CHECK_LACKS(out, "\"rule\":\"collection_80\"");
  pactum_free(out);

  /* Refusals change nothing. */
  CHECK_OK(pactum_contract(db, number, &before));
  CHECK_CODE(pactum_reassign(db, number, "NOBODY", "x", "2024-03-01", NULL), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_reassign(db, number, "E1", "", "2024-03-01", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reassign(db, number, "E1", NULL, "2024-03-01", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reassign(db, number, "E1", "x", "2024-02-30", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reassign(db, number, "E1", "x", "2024-02-01", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reassign(NULL, number, "E1", "x", "2024-03-01", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reassign(db, "HT-NOPE", "E1", "x", "2024-03-01", NULL), PACTUM_ENOTFOUND);
  CHECK_OK(pactum_contract(db, number, &out));
  CHECK(strcmp(out, before) == 0);
  CHECK_JSON_HAS(out, "\"owner\":\"E2\"");
  pactum_free(out);
  pactum_free(before);

  /* The clock passing the end date (2024-12-31) expires the contract. */
  CHECK_OK(pactum_advance_to(db, "2025-01-02", &out));
  pactum_free(out);
  CHECK_OK(pactum_contract(db, number, &out));
  CHECK_JSON_HAS(out, "\"status\":\"expired\"");
  pactum_free(out);
  CHECK_CODE(pactum_advance_to(db, "2024-12-01", NULL), PACTUM_EINVALID);
  pactum_close(db);
}

static void test_classification_tables(void) {
  char number[64];
  char *table = NULL;
  char *v2 = NULL;
  char *out = NULL;
  char *findings = NULL;
  char *changed = NULL;
  pactum_db *db = open_company(number);

  CHECK_OK(pactum_default_classification_table(&table));
  CHECK_JSON_HAS(table, "\"id\":\"default\"");
  CHECK_JSON_HAS(table, "coach-signing-and-execution");
  CHECK_OK(pactum_check_classification(db, table, &findings));
  CHECK_JSON_HAS(findings, "[]");
  pactum_free(findings);

  /* A second version becomes the current one. */
  v2 = replaced(table, "\"version\":1", "\"version\":2");
  CHECK(v2 != NULL);
  CHECK_OK(pactum_load_classification(db, v2, 0, &findings));
  pactum_free(findings);
  CHECK_OK(pactum_classification_tables(db, &out));
  CHECK_JSON_HAS(out, "{\"id\":\"default\",\"version\":2,\"current\":true}");
  pactum_free(out);
  CHECK_OK(pactum_classification_table(db, &out));
  CHECK_JSON_HAS(out, "\"version\":2");
  pactum_free(out);
  /* Loading a stored version again makes it current again (going back). */
  CHECK_OK(pactum_load_classification(db, table, 0, NULL));
  CHECK_OK(pactum_classification_tables(db, &out));
  CHECK_JSON_HAS(out, "{\"id\":\"default\",\"version\":1,\"current\":true}");
  pactum_free(out);
  CHECK_OK(pactum_load_classification(db, v2, 0, NULL));
  /* A changed document under a stored version, malformed JSON, no table. */
  changed = replaced(table, "too early to judge", "too early to say");
  CHECK(changed != NULL);
  CHECK_CODE(pactum_load_classification(db, changed, 0, NULL), PACTUM_ECONFLICT);
  CHECK_CODE(pactum_load_classification(db, "{\"id\":", 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_load_classification(db, NULL, 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_classification(db, "{\"id\":\"x\",\"version\":1}", &out), PACTUM_EINVALID);
  CHECK_OK(pactum_classification_tables(db, &out));
  CHECK_JSON_HAS(out, "{\"id\":\"default\",\"version\":2,\"current\":true}");
  CHECK_LACKS(out, "\"version\":3");
  pactum_free(out);

  /* Position groups: procurement compared with sales, then alone again. */
  CHECK_OK(pactum_position_group(db, "procurement", &out));
  CHECK_STR(out, "procurement");
  CHECK_OK(pactum_set_position_group(db, "procurement", "sales"));
  CHECK_OK(pactum_position_group(db, "procurement", &out));
  CHECK_STR(out, "sales");
  CHECK_OK(pactum_set_position_group(db, "procurement", NULL));
  CHECK_OK(pactum_position_group(db, "procurement", &out));
  CHECK_STR(out, "procurement");
  CHECK_CODE(pactum_set_position_group(db, "", "sales"), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_position_group(db, "procurement", ""), PACTUM_EINVALID);
  CHECK_CODE(pactum_position_group(db, "sales", NULL), PACTUM_EINVALID);

  free(changed);
  free(v2);
  pactum_free(table);
  pactum_close(db);
}

int main(void) {
  test_monthly_worked_example();
  test_coverage_and_payroll();
  test_handover_and_expiry();
  test_classification_tables();
  return check_report("capi_kpi_scopes_test");
}
