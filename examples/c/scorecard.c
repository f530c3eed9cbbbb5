/*
 * Pactum from C: a department, a salesperson, a contract, two payments, a
 * delivery, a satisfaction survey, and the salesperson's scorecard; then two
 * refused calls.
 *
 *   cc -std=c99 scorecard.c $(pkg-config --cflags --libs pactum) -o scorecard
 *   ./scorecard [DATABASE]        (default: a private in-memory database)
 *
 * Every call returns PACTUM_OK (0) or a negative PACTUM_E* code; after a
 * failure pactum_error_last() holds the code and a message in the handle's
 * language. Strings returned through `char **` are freed with pactum_free().
 */
#include <pactum.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the last failure ("PACTUM_EINVALID (-1): ...") after `what`. */
static void print_error(const char *what) {
  const pactum_error *error = pactum_error_last();
  fprintf(stderr, "%s: %s (%d): %s\n", what, pactum_error_name(error->code), error->code, error->message);
}

/* The text of the string member `name` of a JSON document we trust (one
 * Pactum just wrote). A real program would use its JSON library. */
static int string_member(const char *json, const char *name, char *out, size_t size) {
  char key[64];
  const char *start;
  const char *end;
  snprintf(key, sizeof key, "\"%s\":\"", name);
  start = strstr(json, key);
  if (start == NULL) return 0;
  start += strlen(key);
  end = strchr(start, '"');
  if (end == NULL || (size_t)(end - start) >= size) return 0;
  memcpy(out, start, (size_t)(end - start));
  out[end - start] = '\0';
  return 1;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : ":memory:";
  pactum_open_options options = PACTUM_OPEN_OPTIONS_INIT;
  pactum_db *db = NULL;
  char *contract_json = NULL;
  char *scorecard = NULL;
  char number[64];
  int status = EXIT_FAILURE;

  printf("Pactum %s\n", pactum_version());
  options.currency = "CNY"; /* the reporting currency of a new database */
  if (pactum_open(path, &options, &db) != PACTUM_OK) {
    print_error("open");
    return EXIT_FAILURE;
  }

  /* The org directory: who owns contracts, and the position that picks the
   * KPI template ("sales" is bound to the built-in sales template). */
  if (pactum_add_department(db, "SD", "销售部", NULL, NULL) != PACTUM_OK ||
      pactum_add_employee(db, "E001", "王芳", "SD", "sales", "2023-03-01", NULL) != PACTUM_OK) {
    print_error("org");
    goto done;
  }

  /* A contract of 1,000,000.00 in two instalments; its number is issued in
   * the same transaction (rule "contract": HT-{year}-{dept}-{seq:4}). */
  if (pactum_create_contract(db,
                             "{\"version\":1,\"type\":\"sales\",\"owner\":\"E001\",\"amount\":\"1000000.00\","
                             "\"currency\":\"CNY\",\"signed\":\"2024-01-10\",\"end\":\"2024-12-31\","
                             "\"delivery_due\":\"2024-03-01\",\"counterparty\":\"华东机械有限公司\","
                             "\"installments\":[{\"due\":\"2024-02-01\",\"amount\":\"300000.00\"},"
                             "{\"due\":\"2024-06-30\",\"amount\":\"700000.00\"}]}",
                             &contract_json) != PACTUM_OK) {
    print_error("create contract");
    goto done;
  }
  if (!string_member(contract_json, "number", number, sizeof number)) {
    fprintf(stderr, "no number in %s\n", contract_json);
    goto done;
  }
  printf("contract %s signed\n", number);

  /* Approved outside Pactum here (pactum_submit/pactum_approve route it
   * through the approval table instead), then paid, delivered and surveyed.
   * Each fact is an event; a payment is identified by its reference within
   * its source. */
  if (pactum_activate(db, number, "2024-01-10", NULL) != PACTUM_OK ||
      pactum_record_payment(db, number, "200000.00", "2024-01-25", "BANK-0001", NULL, NULL) != PACTUM_OK ||
      pactum_record_payment(db, number, "100000.00", "2024-02-01", "BANK-0002", NULL, NULL) != PACTUM_OK ||
      pactum_record_delivery(db, number, 1, "2024-02-28", NULL) != PACTUM_OK ||
      pactum_record_satisfaction(db, number, 90, "2024-03-15", NULL) != PACTUM_OK) {
    print_error("contract life");
    goto done;
  }

  /* The scorecard of the first quarter as of its last day: 300,000 of
   * 1,000,000 collected is a collection rate of 3/10, 9.00 of 30 points. */
  if (pactum_scorecard(db, "E001", "2024-Q1", "2024-03-31", &scorecard) != PACTUM_OK) {
    print_error("scorecard");
    goto done;
  }
  printf("%s\n", scorecard);

  /* Refusals leave the database exactly as it was. 800,000 is more than the
   * 700,000 outstanding; 2024-02-30 is no date (message in Chinese). */
  if (pactum_record_payment(db, number, "800000.00", "2024-03-05", "BANK-0003", NULL, NULL) != PACTUM_OK) {
    print_error("refused");
  }
  pactum_set_lang(db, "zh-CN");
  if (pactum_record_delivery(db, number, 1, "2024-02-30", NULL) != PACTUM_OK) {
    print_error("refused");
  }
  status = EXIT_SUCCESS;

done:
  pactum_free(scorecard);
  pactum_free(contract_json);
  pactum_close(db);
  return status;
}
