/* Minimal assertions for the C tests (compiled as C99). */
#ifndef PACTUM_TEST_CHECK_H
#define PACTUM_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pactum.h"

static int check_failures = 0;

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++check_failures;                                                    \
    }                                                                      \
  } while (0)

/* The call returns `code`; on failure the last error carries the same code
 * and a non-empty message. */
#define CHECK_CODE(call, expected_code)                                                           \
  do {                                                                                   \
    int rc_ = (call);                                                                    \
    if (rc_ != (expected_code)) {                                                                 \
      fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d\n", __FILE__, __LINE__, \
              #call, rc_, pactum_error_last()->message, (int)(expected_code));                   \
      ++check_failures;                                                                  \
    } else if (rc_ != PACTUM_OK) {                                                       \
      const pactum_error *e_ = pactum_error_last();                                      \
      CHECK(e_ != NULL && e_->code == rc_ && e_->message != NULL && e_->message[0]);     \
    }                                                                                    \
  } while (0)

#define CHECK_OK(call) CHECK_CODE(call, PACTUM_OK)

/* *out equals `expected`; frees it. */
#define CHECK_STR(out, expected)                                                           \
  do {                                                                                     \
    if ((out) == NULL || strcmp((out), (expected)) != 0) {                                 \
      fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", __FILE__, __LINE__,         \
              (out) ? (out) : "(null)", (expected));                                        \
      ++check_failures;                                                                    \
    }                                                                                      \
    pactum_free(out);                                                                      \
    (out) = NULL;                                                                          \
  } while (0)

/* The last error's message contains `needle`. */
#define CHECK_MESSAGE_HAS(needle) CHECK(strstr(pactum_error_last()->message, (needle)) != NULL)

static int check_report(const char *name) {
  if (check_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

#endif
