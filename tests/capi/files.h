/* Files of a C test in its temporary directory `dir` (temp_dir.h): the test
 * defines `static char dir[200];` before including this header. */
#ifndef PACTUM_TEST_FILES_H
#define PACTUM_TEST_FILES_H

#include <stdio.h>
#include <stdlib.h>

/* DIR/NAME in one of 8 rotating buffers. */
static inline const char *path_of(const char *name) {
  static char paths[8][300];
  static int next = 0;
  char *p = paths[next++ % 8];
  snprintf(p, 300, "%s/%s", dir, name);
  return p;
}

static inline void write_bytes(const char *name, const char *bytes, size_t size) {
  FILE *f = fopen(path_of(name), "wb");
  if (f == NULL) abort();
  if (fwrite(bytes, 1, size, f) != size) abort();
  fclose(f);
}

static inline void write_text(const char *name, const char *text) { write_bytes(name, text, strlen(text)); }

/* The whole file, malloc'd (free it), or NULL when it cannot be opened. */
static inline char *read_text(const char *path) {
  FILE *f = fopen(path, "rb");
  char *text;
  long size;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = (char *)malloc((size_t)size + 1);
  if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) abort();
  text[size] = '\0';
  fclose(f);
  return text;
}

#endif
