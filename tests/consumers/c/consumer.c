/*
 * A C program built against an installed Pactum through pkg-config only:
 *
 *   cc -std=c99 consumer.c $(pkg-config --cflags --libs pactum) -o consumer
 *   ./consumer DATABASE EXPECTED_VERSION
 *
 * It checks that the header and the library it links agree with pkg-config's
 * version, writes a salesperson's contract and a payment into DATABASE,
 * reads the scorecard back (3/10 collected: 9.00 of 30 points), has a bad
 * payment refused with its code, and reopens the file to see the payment
 * kept and the refused one absent. Exit status 0 only when all of it holds.
 */
#include <pactum.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void expect(int condition, const char *what) {
  if (!condition) {
    const pactum_error *error = pactum_error_last();
    fprintf(stderr, "consumer_c: FAILED: %s (last error %s: %s)\n", what, pactum_error_name(error->code),
            error->message);
    ++failures;
  }
}

/* The JSON object (flat text from '{' to the next '}') that holds `"name":"<name>"`. */
static int indicator_has(const char *json, const char *name, const char *member) {
  char key[96];
  const char *start;
  const char *end;
  const char *found;
  snprintf(key, sizeof key, "\"name\":\"%s\"", name);
  start = strstr(json, key);
  if (start == NULL) return 0;
  end = strchr(start, '}');
  found = strstr(start, member);
  return found != NULL && end != NULL && found < end;
}

static const char CONTRACT[] =
    "{\"version\":1,\"type\":\"sales\",\"owner\":\"E001\",\"amount\":\"1000000.00\",\"currency\":\"CNY\","
    "\"signed\":\"2024-01-10\",\"end\":\"2024-12-31\",\"delivery_due\":\"2024-03-01\","
    "\"counterparty\":\"华东机械有限公司\",\"numbering\":\"contract\","
    "\"installments\":[{\"due\":\"2024-02-01\",\"amount\":\"300000.00\"},"
    "{\"due\":\"2024-06-30\",\"amount\":\"700000.00\"}]}";

int main(int argc, char **argv) {
  pactum_open_options options = PACTUM_OPEN_OPTIONS_INIT;
  pactum_db *db = NULL;
  char *contract = NULL;
  char *card = NULL;
  char *summary = NULL;
  char *sum = NULL;
  const char *number = "HT-2024-SD-0001";

  if (argc != 3) {
    fprintf(stderr, "usage: consumer DATABASE EXPECTED_VERSION\n");
    return 2;
  }
  expect(strcmp(pactum_version(), PACTUM_VERSION) == 0, "the library's version is the header's");
  expect(strcmp(pactum_version(), argv[2]) == 0, "the library's version is pkg-config's");
  expect(pactum_libversion_number() == PACTUM_VERSION_NUMBER, "the library's version number is the header's");

  expect(pactum_money_add("0.10", "CNY", "0.20", "CNY", &sum) == PACTUM_OK && strcmp(sum, "0.30") == 0,
         "0.10 + 0.20 is exactly 0.30");
  pactum_free(sum);

  options.currency = "CNY";
  if (pactum_open(argv[1], &options, &db) != PACTUM_OK) {
    expect(0, "open the database");
    return EXIT_FAILURE;
  }
  expect(pactum_add_department(db, "SD", "销售部", NULL, NULL) == PACTUM_OK, "add a department");
  expect(pactum_add_employee(db, "E001", "王芳", "SD", "sales", "2023-03-01", NULL) == PACTUM_OK, "add an employee");
  expect(pactum_create_contract(db, CONTRACT, &contract) == PACTUM_OK, "create a contract");
  expect(contract != NULL && strstr(contract, number) != NULL, "the contract is numbered HT-2024-SD-0001");
  expect(pactum_activate(db, number, "2024-01-10", NULL) == PACTUM_OK, "activate the contract");
  expect(pactum_record_payment(db, number, "300000.00", "2024-02-01", "BANK-0001", NULL, NULL) == PACTUM_OK,
         "record a payment");

  expect(pactum_scorecard(db, "E001", "2024-Q1", "2024-03-31", &card) == PACTUM_OK, "read the scorecard");
  expect(card != NULL && indicator_has(card, "collection_rate", "\"value_exact\":\"3/10\""),
         "collection rate 3/10");
  expect(card != NULL && indicator_has(card, "collection_rate", "\"points\":\"9.00\""),
         "collection rate 9.00 points");

  /* A negative amount is refused with a stable code and changes nothing. */
  expect(pactum_record_payment(db, number, "-5.00", "2024-02-02", "BANK-0002", NULL, NULL) == PACTUM_EINVALID,
         "a negative payment is refused with PACTUM_EINVALID");
  expect(pactum_error_last()->code == PACTUM_EINVALID && pactum_error_last()->message[0] != '\0',
         "the refusal has a code and a message");
  expect(strcmp(pactum_error_name(PACTUM_EINVALID), "PACTUM_EINVALID") == 0, "error names");
  pactum_close(db);
  db = NULL;

  /* The file holds the payment and not the refused one. */
  if (pactum_open(argv[1], NULL, &db) != PACTUM_OK) {
    expect(0, "reopen the database");
  } else {
    expect(pactum_execution(db, number, "2024-03-31", &summary) == PACTUM_OK, "read the execution summary");
    expect(summary != NULL && strstr(summary, "\"collected\":\"300000.00\"") != NULL,
           "300000.00 collected after reopening");
    pactum_close(db);
  }

  if (card != NULL) printf("%s\n", card);
  printf("consumer_c: Pactum %s, contract %s, collection_rate 3/10 = 9.00 points, %d failure(s)\n",
         pactum_version(), number, failures);
  pactum_free(summary);
  pactum_free(card);
  pactum_free(contract);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
