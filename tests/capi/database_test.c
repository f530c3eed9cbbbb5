/* Database handles and transactions through the C API. */
#include <stdio.h>

#include "check.h"

int main(void) {
  pactum_db *db = NULL;
  pactum_open_options opts = PACTUM_OPEN_OPTIONS_INIT;
  char currency[PACTUM_CURRENCY_SIZE];
  char today[PACTUM_DATE_SIZE];

  CHECK(pactum_schema_version() >= 1);
  CHECK_OK(pactum_open(":memory:", NULL, &db));
  CHECK(db != NULL);
  CHECK_OK(pactum_reporting_currency(db, currency));
  CHECK(strcmp(currency, "CNY") == 0);
  CHECK_OK(pactum_today(db, today));
  CHECK(strlen(today) == 10);
  CHECK_OK(pactum_date_check(today));

  /* Transactions nest; commit/rollback without an open level is a state error. */
  CHECK_CODE(pactum_commit(db), PACTUM_ESTATE);
  CHECK_CODE(pactum_rollback(db), PACTUM_ESTATE);
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_rollback(db));
  CHECK_OK(pactum_commit(db));
  CHECK_CODE(pactum_commit(db), PACTUM_ESTATE);
  CHECK_OK(pactum_begin(db)); /* left open: pactum_close rolls it back */

  /* Language of messages. */
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_CODE(pactum_set_lang(db, "fr"), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("fr");
  CHECK_CODE(pactum_set_lang(db, NULL), PACTUM_EINVALID);
  pactum_close(db);
  pactum_close(NULL);

  /* Options: currency, durability, version. */
  opts.currency = "USD";
  opts.durability = PACTUM_DURABILITY_NORMAL;
  CHECK_OK(pactum_open(":memory:", &opts, &db));
  CHECK_OK(pactum_reporting_currency(db, currency));
  CHECK(strcmp(currency, "USD") == 0);
  pactum_close(db);
  db = NULL;
  opts.currency = "NOPE";
  CHECK_CODE(pactum_open(":memory:", &opts, &db), PACTUM_EINVALID);
  CHECK(db == NULL);
  opts.currency = NULL;
  opts.durability = 7;
  CHECK_CODE(pactum_open(":memory:", &opts, &db), PACTUM_EINVALID);
  opts.durability = PACTUM_DURABILITY_FULL;
  opts.version = 99;
  CHECK_CODE(pactum_open(":memory:", &opts, &db), PACTUM_EINVALID);
  opts.version = PACTUM_OPEN_OPTIONS_VERSION;
  opts.lang = "zh-CN";
  opts.busy_timeout_ms = -1;
  CHECK_CODE(pactum_open(":memory:", &opts, &db), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("不能为负数");

  /* NULL and bad arguments. */
  CHECK_CODE(pactum_open(NULL, NULL, &db), PACTUM_EINVALID);
  CHECK_CODE(pactum_open(":memory:", NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_open("/nonexistent-dir/sub/x.db", NULL, &db), PACTUM_ESTORAGE);
  CHECK_CODE(pactum_begin(NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_commit(NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_rollback(NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_reporting_currency(NULL, currency), PACTUM_EINVALID);
  CHECK_CODE(pactum_today(NULL, today), PACTUM_EINVALID);
  CHECK_OK(pactum_open(":memory:", NULL, &db));
  CHECK_CODE(pactum_reporting_currency(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_today(db, NULL), PACTUM_EINVALID);
  pactum_close(db);
  return check_report("capi_database_test");
}
