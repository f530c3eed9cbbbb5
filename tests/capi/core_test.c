/* Every core C entry point: version, errors, memory, money, decimals, dates,
 * with NULL and malformed arguments (an error, never a crash). */
#include <stdint.h>

#include "check.h"

static void test_version_and_errors(void) {
  CHECK(strcmp(pactum_version(), PACTUM_VERSION) == 0);
  CHECK(pactum_libversion_number() == PACTUM_VERSION_NUMBER);
  pactum_error_clear();
  CHECK(pactum_error_last() != NULL);
  CHECK(pactum_error_last()->code == PACTUM_OK);
  CHECK(strcmp(pactum_strerror(PACTUM_EINVALID), "invalid argument") == 0);
  CHECK(strcmp(pactum_strerror(-9999), "unknown error") == 0);
  CHECK(strcmp(pactum_error_name(PACTUM_ENOTFOUND), "PACTUM_ENOTFOUND") == 0);
  CHECK(strcmp(pactum_error_name(PACTUM_EPOSTCLOSE), "PACTUM_EPOSTCLOSE") == 0);
  CHECK(strcmp(pactum_error_name(12345), "PACTUM_EUNKNOWN") == 0);
  pactum_free(NULL);
}

static void test_money(void) {
  char *out = NULL;
  int cmp = 7;
  int64_t weights[3] = {1, 1, 1};

  CHECK_OK(pactum_money_normalize("1000000", "CNY", &out));
  CHECK_STR(out, "1000000.00");
  CHECK_OK(pactum_money_normalize("100", "JPY", &out));
  CHECK_STR(out, "100");
  CHECK_OK(pactum_money_add("0.10", "CNY", "0.20", "CNY", &out));
  CHECK_STR(out, "0.30");
  CHECK_OK(pactum_money_sub("1", "CNY", "2.5", "CNY", &out));
  CHECK_STR(out, "-1.50");
  CHECK_CODE(pactum_money_add("1", "CNY", "1", "USD", &out), PACTUM_ECURRENCY);
  CHECK(out == NULL);
  CHECK_OK(pactum_money_compare("2", "CNY", "10", "CNY", &cmp));
  CHECK(cmp == -1);
  CHECK_CODE(pactum_money_compare("2", "CNY", "10", "EUR", &cmp), PACTUM_ECURRENCY);
  CHECK_OK(pactum_money_mul("1000000", "CNY", "0.3", PACTUM_ROUND_HALF_EVEN, &out));
  CHECK_STR(out, "300000.00");
  CHECK_OK(pactum_money_round("0.125", "CNY", 2, PACTUM_ROUND_HALF_EVEN, &out));
  CHECK_STR(out, "0.12");
  CHECK_OK(pactum_money_round("-2.5", "CNY", 0, PACTUM_ROUND_HALF_UP, &out));
  CHECK_STR(out, "-3.00");
  CHECK_CODE(pactum_money_round("1", "CNY", 5, PACTUM_ROUND_HALF_UP, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_round("1", "CNY", 2, (pactum_rounding)42, &out), PACTUM_EINVALID);
  CHECK_OK(pactum_money_allocate("100.00", "CNY", weights, 3, &out));
  CHECK_STR(out, "{\"currency\":\"CNY\",\"parts\":[\"33.34\",\"33.33\",\"33.33\"],\"version\":1}");
  CHECK_OK(pactum_money_allocate("100", "JPY", weights, 3, &out));
  CHECK_STR(out, "{\"currency\":\"JPY\",\"parts\":[\"34\",\"33\",\"33\"],\"version\":1}");
  CHECK_CODE(pactum_money_allocate("100", "JPY", weights, 0, &out), PACTUM_EINVALID);

  /* Malformed amounts and currencies. */
  CHECK_CODE(pactum_money_normalize("1e5", "CNY", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("1e5");
  CHECK_CODE(pactum_money_normalize("1,000.00", "CNY", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_normalize("1.23456", "CNY", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_normalize("", "CNY", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_normalize("1", "RMB", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_normalize("\xff\xfe", "CNY", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("UTF-8");
  CHECK_CODE(pactum_money_normalize("922337203685477.5807", "CNY", &out), PACTUM_OK);
  pactum_free(out);
  out = NULL;
  CHECK_CODE(pactum_money_normalize("922337203685477.5808", "CNY", &out), PACTUM_EOVERFLOW);
  CHECK_CODE(pactum_money_add("922337203685477", "CNY", "1", "CNY", &out), PACTUM_EOVERFLOW);
  CHECK(out == NULL);

  /* NULL arguments. */
  CHECK_CODE(pactum_money_normalize(NULL, "CNY", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("amount");
  CHECK_CODE(pactum_money_normalize("1", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_normalize("1", "CNY", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_add(NULL, "CNY", "1", "CNY", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_add("1", "CNY", "1", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_add("1", "CNY", "1", "CNY", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_sub(NULL, NULL, NULL, NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_compare("1", "CNY", "1", "CNY", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_mul("1", "CNY", NULL, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_round(NULL, "CNY", 2, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_allocate("1", "CNY", NULL, 3, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_money_allocate("1", "CNY", weights, 3, NULL), PACTUM_EINVALID);
  CHECK(out == NULL);
}

static void test_decimal(void) {
  char *out = NULL;
  CHECK_OK(pactum_decimal_ratio("1", "3", 4, PACTUM_ROUND_HALF_EVEN, &out));
  CHECK_STR(out, "0.3333");
  CHECK_OK(pactum_decimal_ratio("300000", "1000000", 2, PACTUM_ROUND_HALF_EVEN, &out));
  CHECK_STR(out, "0.30");
  CHECK_CODE(pactum_decimal_ratio("1", "0", 2, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_OK(pactum_decimal_round("0.135", 2, PACTUM_ROUND_HALF_EVEN, &out));
  CHECK_STR(out, "0.14");
  CHECK_OK(pactum_decimal_round("-2.5", 0, PACTUM_ROUND_HALF_EVEN, &out));
  CHECK_STR(out, "-2");
  CHECK_OK(pactum_decimal_mul("0.3", "30", &out));
  CHECK_STR(out, "9.0");
  CHECK_CODE(pactum_decimal_round("abc", 2, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_round("1", 19, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_ratio(NULL, "1", 2, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_ratio("1", "1", 2, PACTUM_ROUND_HALF_EVEN, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_round(NULL, 2, PACTUM_ROUND_HALF_EVEN, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_mul("1", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_mul("1", "1", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_decimal_mul("9223372036854775807", "10", &out), PACTUM_EOVERFLOW);
  CHECK(out == NULL);
}

static void test_dates(void) {
  char out[PACTUM_DATE_SIZE];
  int64_t days = 0;
  CHECK_OK(pactum_date_check("2024-02-29"));
  CHECK_CODE(pactum_date_check("2023-02-29"), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("2023-02-29");
  CHECK_CODE(pactum_date_check("2024-1-1"), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_check(""), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_check(NULL), PACTUM_EINVALID);
  CHECK_OK(pactum_date_add_months("2024-01-31", 1, out));
  CHECK(strcmp(out, "2024-02-29") == 0);
  CHECK_OK(pactum_date_add_months("2024-04-30", 1, out));
  CHECK(strcmp(out, "2024-05-30") == 0);
  CHECK_OK(pactum_date_add_days("2024-02-28", 2, out));
  CHECK(strcmp(out, "2024-03-01") == 0);
  CHECK_CODE(pactum_date_add_days("9999-12-31", 1, out), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_days("2024-13-01", 1, out), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_days("2024-01-01", 1, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_months(NULL, 1, out), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_add_months("2024-01-01", 1, NULL), PACTUM_EINVALID);
  CHECK_OK(pactum_date_days_between("2024-01-10", "2024-03-01", &days));
  CHECK(days == 51);
  CHECK_CODE(pactum_date_days_between("2024-01-10", NULL, &days), PACTUM_EINVALID);
  CHECK_CODE(pactum_date_days_between("2024-01-10", "2024-01-11", NULL), PACTUM_EINVALID);
}

int main(void) {
  test_version_and_errors();
  test_money();
  test_decimal();
  test_dates();
  return check_report("capi_core_test");
}
