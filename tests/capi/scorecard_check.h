/* Reading scorecard and contract documents in the C tests (C99): an
 * indicator's member, an indicator's points, a contract's number. */
#ifndef PACTUM_TEST_SCORECARD_CHECK_H
#define PACTUM_TEST_SCORECARD_CHECK_H

#include <stdio.h>
#include <string.h>

#include "check.h"

/* The text of member `member` (a JSON string) that follows `"name":"<name>"`
 * in `json`, copied into `out` (at most 63 characters); "" when absent. */
static void member_after(const char *json, const char *name, const char *member, char *out) {
  char key[128];
  const char *at;
  const char *end;
  size_t n;
  out[0] = '\0';
  if (json == NULL) return;
  snprintf(key, sizeof key, "\"name\":\"%s\"", name);
  at = strstr(json, key);
  if (at == NULL) return;
  snprintf(key, sizeof key, "\"%s\":\"", member);
  at = strstr(at, key);
  if (at == NULL) return;
  at += strlen(key);
  end = strchr(at, '"');
  if (end == NULL) return;
  n = (size_t)(end - at);
  if (n > 63) n = 63;
  memcpy(out, at, n);
  out[n] = '\0';
}

#define CHECK_POINTS(json, indicator, expected)                                                     \
  do {                                                                                              \
    char got_[64];                                                                                  \
    member_after((json), (indicator), "points", got_);                                              \
    if (strcmp(got_, (expected)) != 0) {                                                            \
      fprintf(stderr, "%s:%d: %s points %s, expected %s\n", __FILE__, __LINE__, (indicator), got_, \
              (expected));                                                                          \
      ++check_failures;                                                                             \
    }                                                                                               \
  } while (0)

/* Copies the "number" of a contract document into `out`. */
static void contract_number(const char *json, char *out) {
  const char *at = json ? strstr(json, "\"number\":\"") : NULL;
  const char *end;
  out[0] = '\0';
  if (at == NULL) return;
  at += strlen("\"number\":\"");
  end = strchr(at, '"');
  if (end == NULL || end - at > 63) return;
  memcpy(out, at, (size_t)(end - at));
  out[end - at] = '\0';
}

#endif
