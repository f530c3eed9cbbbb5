/* Reminders and reports through the C API (C99): the article's department
 * and employee figures and the forecast built from contracts and events,
 * reminders after silence, acknowledgement across reopening, the 7- and
 * 30-day boundaries, every entry point with NULL and malformed arguments,
 * and refusals that leave the database unchanged. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char dir_path[200];
static char db_path[256];
static int contracts_made = 0;

static pactum_db *open_db(const char *name) {
  pactum_db *db = NULL;
  snprintf(db_path, sizeof db_path, "%s/%s", dir_path, name);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  contracts_made = 0;
  return db;
}

/* Creates a contract (activated on `activate` unless NULL) and returns its id. */
static int sign(pactum_db *db, const char *owner, const char *type, const char *amount, const char *signed_on,
                const char *end, const char *delivery_due, const char *installments, int key_account,
                const char *activate) {
  char spec[2048];
  char id[32];
  snprintf(spec, sizeof spec,
           "{\"version\":1,\"type\":\"%s\",\"owner\":\"%s\",\"amount\":\"%s\",\"signed\":\"%s\"%s%s%s%s%s%s,"
           "\"counterparty\":\"客户%d\",\"key_account\":%s%s%s}",
           type, owner, amount, signed_on, end ? ",\"end\":\"" : "", end ? end : "", end ? "\"" : "",
           delivery_due ? ",\"delivery_due\":\"" : "", delivery_due ? delivery_due : "", delivery_due ? "\"" : "",
           contracts_made + 1, key_account ? "true" : "false", installments ? ",\"installments\":" : "",
           installments ? installments : "");
  CHECK_OK(pactum_create_contract(db, spec, NULL));
  ++contracts_made;
  snprintf(id, sizeof id, "%d", contracts_made);
  if (activate != NULL) CHECK_OK(pactum_activate(db, id, activate, NULL));
  return contracts_made;
}

static void pay(pactum_db *db, int contract, const char *amount, const char *on) {
  char id[32];
  char ref[64];
  static int payments = 0;
  snprintf(id, sizeof id, "%d", contract);
  snprintf(ref, sizeof ref, "PAY-%d", ++payments);
  CHECK_OK(pactum_record_payment(db, id, amount, on, ref, NULL, NULL));
}

static void deliver(pactum_db *db, int contract, const char *on) {
  char id[32];
  snprintf(id, sizeof id, "%d", contract);
  CHECK_OK(pactum_record_delivery(db, id, 1, on, NULL));
}

static void survey(pactum_db *db, int contract, int score, const char *on) {
  char id[32];
  snprintf(id, sizeof id, "%d", contract);
  CHECK_OK(pactum_record_satisfaction(db, id, score, on, NULL));
}

/* ---- Departments: marketing 92% / 8.6, sales 88% / 8.2, R&D 85% / 7.8 ---- */

static int dept_contract(pactum_db *db, const char *owner, const char *type, const char *due, const char *delivered,
                         const char *paid) {
  char installments[256];
  int c;
  snprintf(installments, sizeof installments,
           "[{\"due\":\"%s\",\"amount\":\"100000.00\"},{\"due\":\"2024-06-30\",\"amount\":\"100000.00\"}]", due);
  c = sign(db, owner, type, "200000.00", "2024-01-10", "2024-12-31", due, installments, 0, "2024-01-10");
  pay(db, c, "100000.00", paid);
  deliver(db, c, delivered);
  return c;
}

static void departments(void) {
  pactum_db *db = open_db("departments.db");
  char id[16];
  char *out = NULL;
  int i, n, c = 0, first = 0;
  CHECK_OK(pactum_add_department(db, "MKT", "市场部", NULL, NULL));
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_department(db, "RD", "研发部", NULL, NULL));
  for (i = 1; i <= 5; ++i) {
    snprintf(id, sizeof id, "M%d", i);
    CHECK_OK(pactum_add_employee(db, id, "市场", "MKT", "sales", "2020-01-01", NULL));
    snprintf(id, sizeof id, "S%d", i);
    CHECK_OK(pactum_add_employee(db, id, "销售", "SD", "sales", "2020-01-01", NULL));
  }
  for (i = 1; i <= 4; ++i) {
    snprintf(id, sizeof id, "R%d", i);
    CHECK_OK(pactum_add_employee(db, id, "研发", "RD", "rnd", "2020-01-01", NULL));
  }
  for (i = 1; i <= 5; ++i) {
    snprintf(id, sizeof id, "M%d", i);
    for (n = 1; n <= 5; ++n) {
      c = dept_contract(db, id, "sales", "2024-02-05",
                        n == 1 ? "2024-02-04" : (n == 5 && i <= 2) ? "2024-02-07" : "2024-02-05", "2024-02-05");
      if (n == 1) first = c;
    }
    survey(db, first, 55, "2024-02-10");
  }
  for (i = 1; i <= 5; ++i) {
    snprintf(id, sizeof id, "S%d", i);
    for (n = 1; n <= 5; ++n) {
      c = dept_contract(db, id, "sales", "2024-02-05", (n == 5 && i <= 2) ? "2024-02-07" : "2024-02-05",
                        (n == 5 && i == 3) ? "2024-02-15" : "2024-02-05");
      if (n == 1) first = c;
    }
    survey(db, first, i == 3 ? 100 : 85, "2024-02-10");
  }
  for (i = 1; i <= 4; ++i) {
    snprintf(id, sizeof id, "R%d", i);
    for (n = 1; n <= 5; ++n) {
      const char *delivered = n == 1                ? "2024-02-19"
                              : (n == 5 && i <= 2) ? "2024-02-28"
                              : (n == 5 && i == 3) ? "2024-02-23"
                                                   : "2024-02-20";
      c = dept_contract(db, id, "project", "2024-02-20", delivered, "2024-02-20");
      if (n == 2 && i == 4) {
        char ref[16];
        snprintf(ref, sizeof ref, "%d", c);
        CHECK_OK(pactum_amend(db, ref, "客户更名", "{\"version\":1,\"counterparty\":\"新名称\"}", "2024-02-01", NULL));
      }
    }
  }

  CHECK_OK(pactum_report_departments(db, "2024-Q1", "2024-03-31", NULL, &out));
  CHECK_JSON_HAS(out, "\"department\":\"MKT\",\"name\":\"市场部\",\"contracts_due\":25,\"executed\":23,"
                      "\"execution_rate\":\"0.920000\"");
  CHECK_JSON_HAS(out, "\"department\":\"SD\",\"name\":\"销售部\",\"contracts_due\":25,\"executed\":22,"
                      "\"execution_rate\":\"0.880000\"");
  CHECK_JSON_HAS(out, "\"department\":\"RD\",\"name\":\"研发部\",\"contracts_due\":20,\"executed\":17,"
                      "\"execution_rate\":\"0.850000\"");
  CHECK_JSON_HAS(out, "\"average_score\":\"86.00\",\"average_score_10\":\"8.600\"");
  CHECK_JSON_HAS(out, "\"average_score\":\"82.00\",\"average_score_10\":\"8.200\"");
  CHECK_JSON_HAS(out, "\"average_score\":\"78.00\",\"average_score_10\":\"7.800\"");
  CHECK_JSON_HAS(out, "\"correlation\":{\"points\":3,\"r\":\"0.996616\",\"r_squared\":\"147/148\"}");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_report_departments(db, "2024-Q1", "2024-03-31", "csv", &out));
  CHECK_JSON_HAS(out, "MKT,市场部,25,23,0.920000,5,5,86.00,8.600\r\n");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_OK(pactum_report_departments(db, "2024-Q1", "2024-03-31", "text", &out));
  CHECK_JSON_HAS(out, "3 个部门的执行率与平均绩效相关系数:r = 0.996616");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_set_lang(db, "en"));

  CHECK_REFUSED(db, pactum_report_departments(db, "2024-Q5", NULL, NULL, &out), PACTUM_EINVALID, "2024-Q5", "2024-Q5");
  CHECK_REFUSED(db, pactum_report_departments(db, NULL, NULL, NULL, &out), PACTUM_EINVALID, "period", "period");
  CHECK_REFUSED(db, pactum_report_departments(db, "2024-Q1", "2024-02-30", NULL, &out), PACTUM_EINVALID, "2024-02-30",
                "2024-02-30");
  CHECK_REFUSED(db, pactum_report_departments(db, "2024-Q1", NULL, "xml", &out), PACTUM_EINVALID,
                "json, text or csv, not 'xml'", "json、text 或 csv");
  CHECK_REFUSED(db, pactum_report_departments(db, "2024-Q1", NULL, "csv:expiring", &out), PACTUM_EINVALID,
                "csv:expiring", "csv:expiring");
  CHECK_REFUSED(db, pactum_report_departments(db, "2024-Q1\xff", NULL, NULL, &out), PACTUM_EINVALID, "UTF-8", "UTF-8");
  CHECK_CODE(pactum_report_departments(db, "2024-Q1", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_report_departments(NULL, "2024-Q1", NULL, NULL, &out), PACTUM_EINVALID);
  CHECK(out == NULL);
  pactum_close(db);
}

/* ---- Employees: 1.5M #2, 100% #1, 9.2 #1; 1.2M #3, 70% #15, 7.5 #10 ---- */

static void employees(void) {
  static const struct {
    const char *id;
    const char *amount;
    const char *paid;
    int satisfaction;
  } sellers[20] = {
      {"E01", "2000000.00", "1800000.00", 50}, {"E02", "1500000.00", "1500000.00", 85},
      {"E03", "1200000.00", "840000.00", 70},  {"E04", "1000000.00", "950000.00", 80},
      {"E05", "900000.00", "810000.00", 80},   {"E06", "800000.00", "680000.00", 90},
      {"E07", "1100000.00", "880000.00", 60},  {"E08", "700000.00", "630000.00", 100},
      {"E09", "600000.00", "570000.00", 100},  {"E10", "1000000.00", "750000.00", 55},
      {"E11", "900000.00", "720000.00", 75},   {"E12", "400000.00", "340000.00", 50},
      {"E13", "300000.00", "240000.00", 60},   {"E14", "500000.00", "375000.00", 65},
      {"E15", "200000.00", "144000.00", 80},   {"E16", "1000000.00", "600000.00", 80},
      {"E17", "800000.00", "400000.00", 80},   {"E18", "600000.00", "240000.00", 70},
      {"E19", "400000.00", "120000.00", 60},   {"E20", "100000.00", NULL, 50},
  };
  pactum_db *db = open_db("employees.db");
  char *out = NULL;
  int i;
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  for (i = 0; i < 20; ++i) {
    int c;
    CHECK_OK(pactum_add_employee(db, sellers[i].id, "员工", "SD", "sales", "2020-01-01", NULL));
    c = sign(db, sellers[i].id, "sales", sellers[i].amount, "2024-01-15", "2024-12-31", NULL, NULL, 0, "2024-01-15");
    if (sellers[i].paid != NULL) pay(db, c, sellers[i].paid, "2024-03-20");
    survey(db, c, sellers[i].satisfaction, "2024-03-25");
  }
  CHECK_OK(pactum_report_employees(db, "2024-Q1", "2024-03-31", NULL, NULL, &out));
  /* No delivery in the quarter: the cycle indicator has no data, the other
     90 points are scaled to 100 (coverage 90), and the 80% collection bonus
     can lift a score above 100. */
  CHECK_JSON_HAS(out, "\"employee\":\"E02\",\"name\":\"员工\",\"department\":\"SD\",\"position\":\"sales\","
                      "\"group\":\"sales\",\"contracts\":1,\"signed_amount\":\"1500000.00\",\"collected\":\"1500000.00\","
                      "\"collection_rate\":\"1.000000\",\"collection_ratio\":\"1\",\"score\":\"101.67\","
                      "\"score_10\":\"10.167\",\"coverage\":\"90\",\"signed_rank\":2,\"collection_rank\":1,\"score_rank\":1,"
                      "\"score_top_half\":true,\"high_signing\":true,\"high_execution\":true,"
                      "\"classification\":\"high_contribution_high_performance\",\"recommended_action\":\"promote\","
                      "\"classification_rule\":\"promote\"");
  CHECK_JSON_HAS(out, "\"employee\":\"E03\",\"name\":\"员工\",\"department\":\"SD\",\"position\":\"sales\","
                      "\"group\":\"sales\",\"contracts\":1,\"signed_amount\":\"1200000.00\",\"collected\":\"840000.00\","
                      "\"collection_rate\":\"0.700000\",\"collection_ratio\":\"7/10\",\"score\":\"83.33\","
                      "\"score_10\":\"8.333\",\"coverage\":\"90\",\"signed_rank\":3,\"collection_rank\":15,\"score_rank\":10,"
                      "\"score_top_half\":true,\"high_signing\":true,\"high_execution\":false,"
                      "\"classification\":\"high_signing_low_execution\",\"recommended_action\":\"coach_execution\"");
  CHECK_JSON_HAS(out, "\"classification_table\":\"default\",\"classification_version\":1");
  CHECK_JSON_HAS(out, "\"signed_cutoff\":null");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_report_employees(db, "2024-Q1", "2024-03-31",
                                   "{\"version\":1,\"department\":\"SD\",\"signed_cutoff\":\"1500000\","
                                   "\"collection_cutoff\":\"0.7\"}",
                                   "csv", &out));
  CHECK_JSON_HAS(out, "employee,name,department,contracts,signed_amount,signed_rank,collection_rate,collection_rank,score,score_10,coverage,"
                      "score_rank,classification,action\r\n");
  CHECK_JSON_HAS(out, "E03,员工,SD,1,1200000.00,3,0.700000,15,83.33,8.333,90,10,low_signing_high_execution,develop_signing\r\n");
  pactum_free(out);
  out = NULL;

  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1,\"collection_cutoff\":0.7}", NULL, &out),
                PACTUM_EINVALID, "'collection_cutoff' must be a string", "collection_cutoff");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1,\"collection_cutoff\":\"1.2\"}", NULL, &out),
                PACTUM_EINVALID, "1.2 is outside 0..1", "1.2");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":2}", NULL, &out), PACTUM_EINVALID,
                "\"version\" must be 1", "version");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1,\"team\":\"A\"}", NULL, &out),
                PACTUM_EINVALID, "unknown member 'team'", "team");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1,\"version\":1}", NULL, &out),
                PACTUM_EINVALID, "appears twice", "出现两次");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1", NULL, &out), PACTUM_EINVALID,
                "malformed JSON at line 1, column 13", "JSON");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1,\"department\":\"XX\"}", NULL, &out),
                PACTUM_ENOTFOUND, "XX", "XX");
  CHECK_REFUSED(db, pactum_report_employees(db, "2024-Q1", NULL, "{\"version\":1,\"signed_cutoff\":\"-1\"}", NULL, &out),
                PACTUM_EINVALID, "negative", "负数");
  CHECK_CODE(pactum_report_employees(db, "2024-Q1", NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK(out == NULL);
  pactum_close(db);
}

/* ---- Forecast: 20 expiring, 10 key accounts, 5 collecting below 50% ---- */

static void forecast(void) {
  pactum_db *db = open_db("forecast.db");
  char *out = NULL;
  char end[16];
  int k, c;
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  for (k = 0; k < 20; ++k) {
    /* every fourth day from 2024-04-01 to 06-12, and 2024-06-30; every other one a key account */
    static const char *ends[20] = {"2024-04-01", "2024-04-05", "2024-04-09", "2024-04-13", "2024-04-17",
                                   "2024-04-21", "2024-04-25", "2024-04-29", "2024-05-03", "2024-05-07",
                                   "2024-05-11", "2024-05-15", "2024-05-19", "2024-05-23", "2024-05-27",
                                   "2024-05-31", "2024-06-04", "2024-06-08", "2024-06-12", "2024-06-30"};
    snprintf(end, sizeof end, "%s", ends[k]);
    c = sign(db, "E1", "sales", "100000.00", "2024-01-05", end, NULL, NULL, k % 2 == 0, "2024-01-05");
    pay(db, c, "100000.00", "2024-01-20");
  }
  /* Ends on the as-of date; the day after the horizon; a draft. */
  c = sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-03-31", NULL, NULL, 1, "2024-01-05");
  pay(db, c, "100000.00", "2024-01-20");
  c = sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-07-01", NULL, NULL, 1, "2024-01-05");
  pay(db, c, "100000.00", "2024-01-20");
  sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-05-20", NULL, "[{\"due\":\"2024-08-01\",\"amount\":\"100000.00\"}]", 1, NULL);
  /* Five below 50% with money due by 2024-06-30, and one exactly at 50%. */
  c = sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-12-31", NULL,
           "[{\"due\":\"2024-02-15\",\"amount\":\"50000.00\"},{\"due\":\"2024-08-31\",\"amount\":\"50000.00\"}]", 0, "2024-01-05");
  pay(db, c, "40000.00", "2024-02-10");
  sign(db, "E1", "sales", "200000.00", "2024-01-05", "2024-12-31", NULL, "[{\"due\":\"2024-05-10\",\"amount\":\"200000.00\"}]", 0, "2024-01-05");
  c = sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-12-31", NULL,
           "[{\"due\":\"2024-03-01\",\"amount\":\"30000.00\"},{\"due\":\"2024-06-30\",\"amount\":\"70000.00\"}]", 0, "2024-01-05");
  pay(db, c, "30000.00", "2024-03-01");
  c = sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-12-31", NULL,
           "[{\"due\":\"2024-02-01\",\"amount\":\"60000.00\"},{\"due\":\"2024-09-30\",\"amount\":\"40000.00\"}]", 0, "2024-01-05");
  pay(db, c, "49999.99", "2024-02-01");
  c = sign(db, "E1", "sales", "300000.00", "2024-01-05", "2024-12-31", NULL,
           "[{\"due\":\"2024-01-31\",\"amount\":\"100000.00\"},{\"due\":\"2024-02-29\",\"amount\":\"100000.00\"},"
           "{\"due\":\"2024-03-31\",\"amount\":\"100000.00\"}]", 1, "2024-01-05");
  pay(db, c, "100000.00", "2024-01-31");
  c = sign(db, "E1", "sales", "100000.00", "2024-01-05", "2024-12-31", NULL,
           "[{\"due\":\"2024-02-15\",\"amount\":\"50000.00\"},{\"due\":\"2024-05-31\",\"amount\":\"50000.00\"}]", 0, "2024-01-05");
  pay(db, c, "50000.00", "2024-02-15");

  CHECK_OK(pactum_forecast(db, "2024-03-31", NULL, NULL, &out));
  CHECK_JSON_HAS(out, "\"months\":3,\"horizon_end\":\"2024-06-30\",\"threshold\":\"0.5\",\"currency\":\"CNY\","
                      "\"expiring_count\":20,\"key_accounts\":10,\"under_collected_count\":5");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_forecast(db, "2024-03-31", "{\"version\":1,\"months\":1,\"threshold\":\"0.34\"}", NULL, &out));
  CHECK_JSON_HAS(out, "\"expiring_count\":8,\"key_accounts\":4,\"under_collected_count\":1");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_forecast(db, "2024-03-31", NULL, "csv:installments", &out));
  CHECK_STR(out, "month,from,to,installments,contracts,amount,unpaid,payable_installments,payable_amount,payable_unpaid\r\n"
                 "1,2024-04-01,2024-04-30,8,8,800000.00,0.00,0,0.00,0.00\r\n"
                 "2,2024-05-01,2024-05-31,10,10,1050000.00,250000.00,0,0.00,0.00\r\n"
                 "3,2024-06-01,2024-06-30,5,5,470000.00,70000.00,0,0.00,0.00\r\n");
  CHECK_OK(pactum_forecast(db, "2024-03-31", NULL, "text", &out));
  CHECK_JSON_HAS(out, "20 contract(s) end by 2024-06-30, 10 of them key accounts");
  pactum_free(out);
  out = NULL;
  CHECK_REFUSED(db, pactum_forecast(db, "2024-03-31", "{\"version\":1,\"months\":0}", NULL, &out), PACTUM_EINVALID,
                "1 to 120 months, not 0", "1 到 120 个月");
  CHECK_REFUSED(db, pactum_forecast(db, "2024-03-31", "{\"version\":1,\"months\":\"3\"}", NULL, &out), PACTUM_EINVALID,
                "'months' must be an integer", "months");
  CHECK_REFUSED(db, pactum_forecast(db, "2024-03-31", "{\"version\":1,\"threshold\":\"0\"}", NULL, &out), PACTUM_EINVALID,
                "(0, 1]", "(0, 1]");
  CHECK_REFUSED(db, pactum_forecast(db, "2024-03-31", NULL, "csv", &out), PACTUM_EINVALID, "csv:installments",
                "csv:installments");
  CHECK_REFUSED(db, pactum_forecast(db, "2024-03-31", "[1]", NULL, &out), PACTUM_EINVALID, "not a JSON object", "JSON");
  CHECK_CODE(pactum_forecast(db, NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_forecast(NULL, NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK(out == NULL);
  pactum_close(db);
}

/* ---- Reminders ---- */

static void reminders(void) {
  pactum_db *db = open_db("reminders.db");
  char *out = NULL;
  int c;
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E2", "李四", "SD", "sales", "2020-01-01", NULL));
  c = sign(db, "E2", "sales", "1000.00", "2024-01-10", "2024-04-30", "2024-03-15",
           "[{\"due\":\"2024-02-15\",\"amount\":\"300.00\"},{\"due\":\"2024-03-15\",\"amount\":\"700.00\"}]", 0, "2024-01-10");
  CHECK(c == 1);

  /* Silence until 2024-04-10: each due reminder once. */
  CHECK_OK(pactum_reminders(db, "2024-04-10", NULL, &out));
  CHECK_JSON_HAS(out, "\"as_of\":\"2024-04-10\",\"reminders\":[{\"id\":\"payment_overdue:1:1:2024-02-15\","
                      "\"kind\":\"payment_overdue\",\"contract\":1,\"number\":\"HT-2024-SD-0001\"");
  CHECK_JSON_HAS(out, "{\"id\":\"payment_overdue:1:2:2024-03-15\"");
  CHECK_JSON_HAS(out, "{\"id\":\"delivery_late:1:2024-03-15\"");
  CHECK_JSON_HAS(out, "{\"id\":\"expiry:1:2024-04-30\",\"kind\":\"expiry\"");
  CHECK(strstr(strstr(out, "payment_overdue:1:1:2024-02-15") + 1, "payment_overdue:1:1:2024-02-15") == NULL);
  pactum_free(out);
  out = NULL;

  /* The 7-day boundary: 2024-03-07 nothing for the second instalment, 2024-03-08 it comes. */
  CHECK_OK(pactum_reminders(db, "2024-03-07", NULL, &out));
  CHECK(strstr(out, "payment_due:1:2:2024-03-15") == NULL);
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_reminders(db, "2024-03-08", NULL, &out));
  CHECK_JSON_HAS(out, "\"id\":\"payment_due:1:2:2024-03-15\"");
  CHECK_JSON_HAS(out, "\"trigger\":\"2024-03-08\",\"days\":7,\"installment\":2,\"installment_amount\":\"700.00\","
                      "\"unpaid\":\"700.00\",\"currency\":\"CNY\"");
  pactum_free(out);
  out = NULL;
  /* The 30-day boundary of the end date 2024-04-30. */
  CHECK_OK(pactum_reminders(db, "2024-03-30", NULL, &out));
  CHECK(strstr(out, "expiry:1:") == NULL);
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_reminders(db, "2024-03-31", NULL, &out));
  CHECK_JSON_HAS(out, "\"id\":\"expiry:1:2024-04-30\"");
  pactum_free(out);
  out = NULL;

  /* A paid instalment needs no reminder. */
  pay(db, c, "300.00", "2024-03-01");
  CHECK_OK(pactum_reminders(db, "2024-04-10", NULL, &out));
  CHECK(strstr(out, "payment_overdue:1:1:") == NULL);
  pactum_free(out);
  out = NULL;

  /* Acknowledged reminders stay acknowledged after reopening. */
  CHECK_OK(pactum_acknowledge(db, "expiry:1:2024-04-30", "财务部 王五", "2024-04-10", &out));
  CHECK_JSON_HAS(out, "\"id\":\"expiry:1:2024-04-30\",\"contract\":1,\"on\":\"2024-04-10\",\"actor\":\"财务部 王五\"");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_acknowledge(db, "delivery_late:1:2024-03-15", NULL, NULL, NULL));
  pactum_close(db);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  CHECK_OK(pactum_reminders(db, "2024-04-20", NULL, &out));
  CHECK(strstr(out, "expiry:1:") == NULL);
  CHECK(strstr(out, "delivery_late:1:") == NULL);
  CHECK_JSON_HAS(out, "\"id\":\"payment_overdue:1:2:2024-03-15\"");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_acknowledgements(db, "HT-2024-SD-0001", &out));
  CHECK_JSON_HAS(out, "{\"version\":1,\"acknowledgements\":[{\"id\":\"delivery_late:1:2024-03-15\"");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_acknowledgements(db, NULL, &out));
  CHECK_JSON_HAS(out, "\"id\":\"expiry:1:2024-04-30\"");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_reminders(db, "2024-04-20", "csv", &out));
  CHECK_JSON_HAS(out, "id,kind,number,owner,due,days,unpaid,currency,message\r\n"
                      "payment_overdue:1:2:2024-03-15,payment_overdue,HT-2024-SD-0001,E2,2024-03-15,-36,700.00,CNY,");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_OK(pactum_reminders(db, "2024-04-20", "text", &out));
  CHECK_JSON_HAS(out, "合同 HT-2024-SD-0001(客户1)第 2 期已于 2024-03-15 到期(36 天前):未付 700.00 CNY");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_set_lang(db, "en"));

  /* Lead times per type. */
  CHECK_OK(pactum_set_reminder_lead(db, "sales", "payment_due", 10));
  CHECK_OK(pactum_reminder_leads(db, "sales", &out));
  CHECK_STR(out, "{\"version\":1,\"type\":\"sales\",\"expiry\":30,\"payment_due\":10,\"payment_overdue\":1,"
                 "\"delivery_due\":7,\"delivery_late\":1,\"approval_overdue\":1}");
  CHECK_OK(pactum_reminder_leads(db, NULL, &out));
  CHECK_JSON_HAS(out, "\"type\":null,\"expiry\":30,\"payment_due\":7");
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_reminders(db, "2024-03-05", NULL, &out));
  CHECK_JSON_HAS(out, "\"id\":\"payment_due:1:2:2024-03-15\"");
  pactum_free(out);
  out = NULL;

  /* Refusals change nothing. */
  CHECK_REFUSED(db, pactum_acknowledge(db, "expiry:1", NULL, NULL, NULL), PACTUM_EINVALID, "not a reminder id",
                "不是有效的提醒 id");
  CHECK_REFUSED(db, pactum_acknowledge(db, "expiry:1:2024-05-31", NULL, NULL, NULL), PACTUM_ENOTFOUND,
                "no reminder 'expiry:1:2024-05-31'", "没有提醒");
  CHECK_REFUSED(db, pactum_acknowledge(db, "expiry:7:2024-04-30", NULL, NULL, NULL), PACTUM_ENOTFOUND,
                "no reminder", "没有提醒");
  CHECK_REFUSED(db, pactum_acknowledge(db, "expiry:1:2024-04-30\xff", NULL, NULL, NULL), PACTUM_EINVALID, "UTF-8", "UTF-8");
  CHECK_REFUSED(db, pactum_acknowledge(db, "payment_due:1:2:2024-03-15", "", NULL, NULL), PACTUM_EINVALID, "by", "by");
  CHECK_REFUSED(db, pactum_acknowledge(db, "payment_due:1:2:2024-03-15", NULL, "2024-13-01", NULL), PACTUM_EINVALID,
                "2024-13-01", "2024-13-01");
  CHECK_REFUSED(db, pactum_set_reminder_lead(db, NULL, "payment_overdue", 0), PACTUM_EINVALID,
                "1 to 3650 days after its date, not 0", "日期后 1 到 3650 天");
  CHECK_REFUSED(db, pactum_set_reminder_lead(db, NULL, "renewal", 5), PACTUM_EINVALID, "'renewal' is not a reminder kind",
                "不是提醒类型");
  CHECK_REFUSED(db, pactum_set_reminder_lead(db, "Sales", "expiry", 5), PACTUM_EINVALID, "Sales", "Sales");
  CHECK_REFUSED(db, pactum_reminders(db, "2024-04-31", NULL, &out), PACTUM_EINVALID, "2024-04-31", "2024-04-31");
  CHECK_REFUSED(db, pactum_reminders(db, NULL, "xml", &out), PACTUM_EINVALID, "not 'xml'", "xml");
  CHECK_REFUSED(db, pactum_acknowledgements(db, "HT-9999", &out), PACTUM_ENOTFOUND, "HT-9999", "HT-9999");
  CHECK_CODE(pactum_acknowledge(db, NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_acknowledge(NULL, "expiry:1:2024-04-30", NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reminders(db, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reminders(NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_acknowledgements(db, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_reminder_lead(db, NULL, NULL, 5), PACTUM_EINVALID);
  CHECK_CODE(pactum_set_reminder_lead(NULL, NULL, "expiry", 5), PACTUM_EINVALID);
  CHECK_CODE(pactum_reminder_leads(db, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reminder_leads(db, "bad type", &out), PACTUM_EINVALID);
  CHECK(out == NULL);
  pactum_close(db);
}

int main(void) {
  if (temp_dir_make(dir_path, sizeof dir_path, "reports") != 0) return 1;
  departments();
  employees();
  forecast();
  reminders();
  temp_dir_remove(dir_path);
  return check_report("capi_reports_test");
}
