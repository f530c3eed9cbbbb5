/* A logical dump of a database file for the C tests: every table in name
 * order, its rows sorted by all columns, as text. Two dumps are equal exactly
 * when the data is. The caller frees the result with free(). Also
 * CHECK_REFUSED, which compares the dumps before and after a refused call. */
#ifndef PACTUM_TEST_DUMP_H
#define PACTUM_TEST_DUMP_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

typedef struct dump_buffer {
  char *text;
  size_t size;
  size_t capacity;
} dump_buffer;

static void dump_append(dump_buffer *b, const char *s, size_t n) {
  if (b->size + n + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (b->size + n + 1 > capacity) capacity *= 2;
    b->text = (char *)realloc(b->text, capacity);
    if (b->text == NULL) abort();
    b->capacity = capacity;
  }
  memcpy(b->text + b->size, s, n);
  b->size += n;
  b->text[b->size] = '\0';
}

static void dump_append_str(dump_buffer *b, const char *s) { dump_append(b, s, strlen(s)); }

static void dump_table(sqlite3 *db, const char *table, dump_buffer *b) {
  char sql[512];
  sqlite3_stmt *probe = NULL;
  sqlite3_stmt *st = NULL;
  int columns, i;
  snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
  if (sqlite3_prepare_v2(db, sql, -1, &probe, NULL) != SQLITE_OK) abort();
  columns = sqlite3_column_count(probe);
  sqlite3_finalize(probe);
  snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY ", table);
  for (i = 1; i <= columns; ++i) {
    char part[16];
    snprintf(part, sizeof part, i == 1 ? "%d" : ", %d", i);
    strncat(sql, part, sizeof sql - strlen(sql) - 1);
  }
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) abort();
  dump_append_str(b, "## ");
  dump_append_str(b, table);
  dump_append_str(b, "\n");
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (i = 0; i < columns; ++i) {
      const unsigned char *v = sqlite3_column_text(st, i);
      if (i > 0) dump_append_str(b, " | ");
      dump_append_str(b, v ? (const char *)v : "NULL");
    }
    dump_append_str(b, "\n");
  }
  sqlite3_finalize(st);
}

static char *logical_dump(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  dump_buffer b = {NULL, 0, 0};
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) abort();
  if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &tables,
                         NULL) != SQLITE_OK) {
    abort();
  }
  dump_append_str(&b, "");
  while (sqlite3_step(tables) == SQLITE_ROW) {
    dump_table(db, (const char *)sqlite3_column_text(tables, 0), &b);
  }
  sqlite3_finalize(tables);
  sqlite3_close(db);
  return b.text;
}

/* The call, on the database handle `db` whose file is `path`, fails with
 * `code`, its message holding `en` in English and `zh` in Chinese (the call
 * is made once in each language), and the file's logical dump is the same
 * before and after. The handle is left in English. */
#define CHECK_REFUSED_AT(path, db, call, code, en, zh)                                  \
  do {                                                                                 \
    char *before_ = logical_dump(path);                                                \
    char *after_;                                                                      \
    CHECK_OK(pactum_set_lang((db), "en"));                                             \
    CHECK_CODE(call, code);                                                            \
    CHECK_MESSAGE_HAS(en);                                                             \
    CHECK_OK(pactum_set_lang((db), "zh-CN"));                                          \
    CHECK_CODE(call, code);                                                            \
    CHECK_MESSAGE_HAS(zh);                                                             \
    CHECK_OK(pactum_set_lang((db), "en"));                                             \
    after_ = logical_dump(path);                                                       \
    if (strcmp(before_, after_) != 0) {                                                \
      fprintf(stderr, "%s:%d: database changed by %s\n", __FILE__, __LINE__, #call); \
      ++check_failures;                                                                \
    }                                                                                  \
    free(before_);                                                                     \
    free(after_);                                                                      \
  } while (0)

/* CHECK_REFUSED_AT on the file named by the test's `db_path` (the convention
 * of the C tests: a `static char db_path[]` holding the path of the database
 * file currently under test). */
#define CHECK_REFUSED(db, call, code, en, zh) CHECK_REFUSED_AT(db_path, db, call, code, en, zh)

#endif
