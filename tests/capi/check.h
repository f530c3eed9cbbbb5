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

/* `json` contains `needle`; on failure the whole of `json` is shown (for
 * JSON and other short outputs). */
#define CHECK_JSON_HAS(json, needle)                                                                     \
  do {                                                                                                   \
    if ((json) == NULL || strstr((json), (needle)) == NULL) {                                            \
      fprintf(stderr, "%s:%d: %s not in %s\n", __FILE__, __LINE__, (needle), (json) ? (json) : "(null)"); \
      ++check_failures;                                                                                  \
    }                                                                                                    \
  } while (0)

/* `text` contains `needle`; on failure only the needle is shown (for long
 * outputs such as an HTML page). */
#define CHECK_HAS(text, needle)                                                     \
  do {                                                                              \
    if ((text) == NULL || strstr((text), (needle)) == NULL) {                       \
      fprintf(stderr, "%s:%d: %s not in output\n", __FILE__, __LINE__, (needle));   \
      ++check_failures;                                                             \
    }                                                                               \
  } while (0)

/* `text` does not contain `needle`. */
#define CHECK_LACKS(text, needle)                                                            \
  do {                                                                                       \
    if ((text) != NULL && strstr((text), (needle)) != NULL) {                                \
      fprintf(stderr, "%s:%d: %s unexpectedly in output\n", __FILE__, __LINE__, (needle));   \
      ++check_failures;                                                                      \
    }                                                                                        \
  } while (0)

/* How many times the non-empty `needle` occurs in `text`, without overlaps. */
static inline size_t check_count(const char *text, const char *needle) {
  size_t n = 0;
  const char *at = text;
  while ((at = strstr(at, needle)) != NULL) {
    ++n;
    at += strlen(needle);
  }
  return n;
}

static int check_report(const char *name) {
  if (check_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

#endif
