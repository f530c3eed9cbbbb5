/* The incremental KPI engine through the C API (C99): score listeners with
 * user_data — one call per changed scorecard with the totals read before and
 * after, none for a duplicate payment or a rolled-back transaction, no
 * writes from inside a listener —, the health check, snapshots, the engine's
 * figures, and every refusal with its code and both languages. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "temp_dir.h"

typedef struct heard {
  int calls;
  char periods[8][16];
  char old_totals[8][16];
  char new_totals[8][16];
  pactum_db *db;      /* to try a write from inside the listener */
  int write_code;     /* what that write returned */
} heard;

/* The text of the JSON member `"name":` in `json` (a string, or "null"),
 * copied into `out` (at most 15 characters). */
static void member(const char *json, const char *name, char *out) {
  char key[64];
  const char *at;
  size_t n = 0;
  out[0] = '\0';
  snprintf(key, sizeof key, "\"%s\":", name);
  at = json ? strstr(json, key) : NULL;
  if (at == NULL) return;
  at += strlen(key);
  if (*at == '"') ++at;
  while (at[n] != '\0' && at[n] != '"' && at[n] != ',' && at[n] != '}' && n < 15) ++n;
  memcpy(out, at, n);
  out[n] = '\0';
}

static void on_change(const char *change_json, void *user_data) {
  heard *h = (heard *)user_data;
  if (h->calls < 8) {
    member(change_json, "period", h->periods[h->calls]);
    member(change_json, "old_total", h->old_totals[h->calls]);
    member(change_json, "new_total", h->new_totals[h->calls]);
  }
  ++h->calls;
  if (h->db != NULL) h->write_code = pactum_record_dispute(h->db, "HT-2024-SD-0001", "from a listener", NULL, NULL);
}

/* The scorecard's total as text ("null" without a score). */
static void total_of(pactum_db *db, const char *employee, const char *period, char *out) {
  char *card = NULL;
  CHECK_OK(pactum_scorecard(db, employee, period, NULL, &card));
  member(card, "total", out);
  pactum_free(card);
}

static const char *kPeriods[3] = {"2024-01", "2024-Q1", "2024"};

static int period_index(const char *period) {
  int i;
  for (i = 0; i < 3; ++i) {
    if (strcmp(period, kPeriods[i]) == 0) return i;
  }
  return -1;
}

static void test_listeners(pactum_db *db) {
  heard h;
  uint64_t token = 0;
  char before[3][16];
  char now[16];
  char *out = NULL;
  int i;
  memset(&h, 0, sizeof h);
  CHECK_OK(pactum_subscribe_scores(db, on_change, &h, &token));
  CHECK(token != 0);
  for (i = 0; i < 3; ++i) total_of(db, "E1", kPeriods[i], before[i]);

  /* One payment: the month, the quarter and the year of the signing date. */
  CHECK_OK(pactum_record_payment(db, "HT-2024-SD-0001", "850000.00", "2024-01-15", "BANK-1", NULL, NULL));
  CHECK(h.calls == 3);
  for (i = 0; i < 3 && i < h.calls; ++i) {
    const int p = period_index(h.periods[i]);
    CHECK(p >= 0);
    if (p < 0) continue;
    CHECK(strcmp(h.old_totals[i], before[p]) == 0);
    total_of(db, "E1", kPeriods[p], now);
    CHECK(strcmp(h.new_totals[i], now) == 0);
    CHECK(strcmp(h.old_totals[i], h.new_totals[i]) != 0);
  }

  /* The same payment again changes nothing: no call. */
  h.calls = 0;
  CHECK_OK(pactum_record_payment(db, "HT-2024-SD-0001", "850000.00", "2024-01-15", "BANK-1", NULL, NULL));
  CHECK(h.calls == 0);

  /* A rolled-back transaction: no call; a committed one: after the commit. */
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_record_satisfaction(db, "HT-2024-SD-0001", 90, "2024-01-16", NULL));
  CHECK_CODE(pactum_subscribe_scores(db, on_change, &h, &token), PACTUM_ESTATE);
  CHECK_CODE(pactum_kpi_health(db, &out), PACTUM_ESTATE);
  CHECK(out == NULL);
  CHECK_CODE(pactum_save_kpi_snapshot(db), PACTUM_ESTATE);
  CHECK_OK(pactum_rollback(db));
  CHECK(h.calls == 0);
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_record_satisfaction(db, "HT-2024-SD-0001", 90, "2024-01-16", NULL));
  CHECK(h.calls == 0);
  CHECK_OK(pactum_commit(db));
  CHECK(h.calls == 3);

  /* A listener cannot write through the handle. */
  h.calls = 0;
  h.db = db;
  h.write_code = 0;
  CHECK_OK(pactum_reverse_payment(db, "BANK-1", "2024-01-20", NULL, NULL));
  CHECK(h.calls == 3);
  CHECK(h.write_code == PACTUM_ESTATE);
  h.db = NULL;
  CHECK_OK(pactum_contract_events(db, "HT-2024-SD-0001", &out));
  CHECK(out != NULL && strstr(out, "\"dispute\"") == NULL);
  pactum_free(out);
  out = NULL;

  /* Unsubscribed: silence; unknown token: PACTUM_ENOTFOUND in both languages. */
  CHECK_OK(pactum_unsubscribe_scores(db, token));
  h.calls = 0;
  CHECK_OK(pactum_record_payment(db, "HT-2024-SD-0001", "100000.00", "2024-01-21", "BANK-2", NULL, NULL));
  CHECK(h.calls == 0);
  CHECK_CODE(pactum_unsubscribe_scores(db, token), PACTUM_ENOTFOUND);
  CHECK_MESSAGE_HAS("no score listener");
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_CODE(pactum_unsubscribe_scores(db, token), PACTUM_ENOTFOUND);
  CHECK_MESSAGE_HAS("监听器");
  CHECK_OK(pactum_set_lang(db, "en"));
}

static void test_health_and_snapshots(pactum_db *db) {
  char *out = NULL;
  char value[16];
  CHECK_OK(pactum_kpi_health(db, &out));
  member(out, "ok", value);
  CHECK(strcmp(value, "true") == 0);
  member(out, "contracts", value);
  CHECK(strcmp(value, "1") == 0);
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_save_kpi_snapshot(db));
  CHECK_OK(pactum_kpi_engine_stats(db, &out));
  member(out, "loaded", value);
  CHECK(strcmp(value, "true") == 0);
  member(out, "snapshots_written", value);
  CHECK(strcmp(value, "1") == 0);
  member(out, "incremental_answers", value);
  CHECK(atoi(value) > 0);
  pactum_free(out);
}

static void test_refusals(void) {
  uint64_t token = 0;
  char *out = NULL;
  CHECK_CODE(pactum_subscribe_scores(NULL, on_change, NULL, &token), PACTUM_EINVALID);
  CHECK_CODE(pactum_unsubscribe_scores(NULL, 1), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_health(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_save_kpi_snapshot(NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_engine_stats(NULL, &out), PACTUM_EINVALID);
  CHECK(out == NULL);
}

static void test_null_arguments(pactum_db *db) {
  uint64_t token = 0;
  CHECK_CODE(pactum_subscribe_scores(db, NULL, NULL, &token), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("listener");
  CHECK_CODE(pactum_subscribe_scores(db, on_change, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_health(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_kpi_engine_stats(db, NULL), PACTUM_EINVALID);
}

int main(void) {
  pactum_db *db = NULL;
  char *out = NULL;
  char dir[200];
  char path[256];
  if (temp_dir_make(dir, sizeof dir, "kpi-engine") != 0) return 1;
  snprintf(path, sizeof path, "%s/engine.db", dir);
  CHECK_OK(pactum_open(path, NULL, &db));
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_advance_to(db, "2024-01-25", NULL));
  CHECK_OK(pactum_create_contract(db,
                                  "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000000.00\","
                                  "\"signed\":\"2024-01-10\",\"end\":\"2024-12-31\",\"counterparty\":\"华东机械\"}",
                                  &out));
  CHECK(out != NULL && strstr(out, "HT-2024-SD-0001") != NULL);
  pactum_free(out);
  CHECK_OK(pactum_activate(db, "HT-2024-SD-0001", "2024-01-10", NULL));
  test_null_arguments(db);
  test_listeners(db);
  test_health_and_snapshots(db);
  test_refusals();
  pactum_close(db);
  temp_dir_remove(dir);
  return check_report("capi_kpi_listener_test");
}
