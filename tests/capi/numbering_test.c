/* The numbering engine through the C API (compiled as C99): every entry
 * point, NULL arguments, and the table of compile and field errors, each
 * checked for its code, its message (English and Chinese) and an unchanged
 * database. */
#include <stdio.h>

#include "check.h"

/* Everything the numbering API shows of the database, as one text: the
 * rules, the registry (through prefix search and the registry entries) and
 * the next numbers of the scopes used below. */
static char *state_of(pactum_db *db) {
  static const char *const previews[][3] = {
      {"sales", "2024-03-01", "{\"type\":\"XSC\",\"dept\":\"SD\"}"},
      {"checked", "2024-03-01", "{\"type\":\"XSC\"}"},
  };
  char *rules = NULL, *found = NULL, *next = NULL, *entry = NULL;
  size_t size = 1;
  char *out;
  size_t i;
  if (pactum_numbering_rules(db, &rules) != PACTUM_OK) return NULL;
  if (pactum_find_numbers(db, "", 10000, NULL, &found) != PACTUM_OK) return NULL;
  if (pactum_issued_number(db, "XSC-2024-SD-001", &entry) != PACTUM_OK) return NULL;
  size += strlen(rules) + strlen(found) + strlen(entry) + 3;
  out = malloc(size + 200);
  sprintf(out, "%s|%s|%s", rules, found, entry);
  for (i = 0; i < sizeof previews / sizeof previews[0]; ++i) {
    if (pactum_preview_number(db, previews[i][0], previews[i][1], previews[i][2], &next) != PACTUM_OK) {
      free(out);
      out = NULL;
      break;
    }
    strcat(out, "|");
    strncat(out, next, 80);
    pactum_free(next);
  }
  pactum_free(rules);
  pactum_free(found);
  pactum_free(entry);
  return out;
}

#define CHECK_UNCHANGED(db, before)                   \
  do {                                                \
    char *after_ = state_of(db);                      \
    CHECK(after_ != NULL && (before) != NULL);        \
    if (after_ != NULL && (before) != NULL) {         \
      if (strcmp(after_, (before)) != 0) {            \
        fprintf(stderr, "changed:\n%s\n%s\n", (before), after_); \
      }                                               \
      CHECK(strcmp(after_, (before)) == 0);           \
    }                                                 \
    free(after_);                                     \
  } while (0)

struct bad_input {
  const char *name;
  const char *pattern;     /* compile errors: define_numbering; NULL: a field error */
  const char *rule;        /* field errors: the rule */
  const char *fields;      /* field errors: the fields JSON */
  int code;
  const char *en;          /* the English message contains this */
  const char *zh;          /* the Chinese message contains this */
};

static const struct bad_input bad_inputs[] = {
    {"unknown token", "{type}-{bogus-token}-{seq:3}", NULL, NULL, PACTUM_EPATTERN,
     "'{bogus-token}' at character 8", "\xE7\xAC\xAC 8 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"unbalanced brace", "{type-{seq:3}", NULL, NULL, PACTUM_EPATTERN, "character 1",
     "\xE7\xAC\xAC 1 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"closing brace alone", "XSC}-{seq:3}", NULL, NULL, PACTUM_EPATTERN, "'}' at character 4",
     "\xE7\xAC\xAC 4 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"no seq", "{type}-{year}", NULL, NULL, PACTUM_EPATTERN, "{seq:3}", "{seq:3}"},
    {"two seq", "{seq:3}-{seq:4}", NULL, NULL, PACTUM_EPATTERN, "character 9",
     "\xE7\xAC\xAC 9 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"width zero", "A-{seq:0}", NULL, NULL, PACTUM_EPATTERN, "1..18", "1..18"},
    {"width 19", "A-{seq:19}", NULL, NULL, PACTUM_EPATTERN, "character 3",
     "\xE7\xAC\xAC 3 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"touching fields", "{type}{dept}-{seq}", NULL, NULL, PACTUM_EPATTERN, "{type} and {dept} touch at character 7",
     "\xE7\xAC\xAC 7 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"touching seq", "{type}-{seq:3}{dept}", NULL, NULL, PACTUM_EPATTERN, "character 15",
     "\xE7\xAC\xAC 15 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"two check", "{seq:3}{check}{check}", NULL, NULL, PACTUM_EPATTERN, "character 15",
     "\xE7\xAC\xAC 15 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"ambiguous text", "{seq:3}7{type}", NULL, NULL, PACTUM_EPATTERN, "character 8",
     "\xE7\xAC\xAC 8 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"control character", "A\tB-{seq}", NULL, NULL, PACTUM_EPATTERN, "character 2",
     "\xE7\xAC\xAC 2 \xE4\xB8\xAA\xE5\xAD\x97\xE7\xAC\xA6"},
    {"invalid UTF-8 pattern", "A\xC3-{seq}", NULL, NULL, PACTUM_EINVALID, "UTF-8", "UTF-8"},
    {"missing field", NULL, "sales", "{\"type\":\"XSC\"}", PACTUM_EINVALID, "'dept' is missing",
     "\xE7\xBC\xBA\xE5\xB0\x91\xE5\xAD\x97\xE6\xAE\xB5"},
    {"unknown field", NULL, "sales", "{\"type\":\"XSC\",\"dept\":\"SD\",\"region\":\"N\"}", PACTUM_EINVALID,
     "'region'", "region"},
    {"empty value", NULL, "sales", "{\"type\":\"XSC\",\"dept\":\"\"}", PACTUM_EINVALID, "'dept' is empty",
     "\xE4\xB8\xBA\xE7\xA9\xBA"},
    {"control character", NULL, "sales", "{\"type\":\"XSC\",\"dept\":\"S\\u0001\"}", PACTUM_EINVALID,
     "control character", "\xE6\x8E\xA7\xE5\x88\xB6\xE5\xAD\x97\xE7\xAC\xA6"},
    {"invalid UTF-8 in the fields", NULL, "sales", "{\"type\":\"XSC\",\"dept\":\"S\xE9\x94\"}", PACTUM_EINVALID,
     "not valid UTF-8", "UTF-8"},
    {"separator in value", NULL, "sales", "{\"type\":\"XSC\",\"dept\":\"S-D\"}", PACTUM_EINVALID, "contains '-'",
     "\xE5\x88\x86\xE9\x9A\x94\xE7\xAC\xA6"},
    {"value too long", NULL, "sales",
     "{\"type\":\"XSC\",\"dept\":\"DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD\"}",
     PACTUM_EINVALID, "longer than 128", "128"},
    {"lower case with check", NULL, "checked", "{\"type\":\"xsc\"}", PACTUM_EINVALID, "has 'x'", "A-Z"},
    {"non-ASCII with check", NULL, "checked", "{\"type\":\"\xE9\x94\x80\"}", PACTUM_EINVALID,
     "has '\xE9\x94\x80'", "\xE9\x94\x80"},
    {"malformed JSON", NULL, "sales", "{\"type\":\"XSC\",", PACTUM_EINVALID, "malformed JSON", "JSON"},
    {"duplicate key", NULL, "sales", "{\"type\":\"XSC\",\"dept\":\"SD\",\"dept\":\"HR\"}", PACTUM_EINVALID,
     "\"dept\" appears twice (/dept)", "出现两次"},
    {"not an object", NULL, "sales", "[\"XSC\",\"SD\"]", PACTUM_EINVALID, "JSON object", "JSON"},
    {"value not a text", NULL, "sales", "{\"type\":\"XSC\",\"dept\":7}", PACTUM_EINVALID, "'dept' must be a text",
     "\xE6\x96\x87\xE6\x9C\xAC"},
};

static void check_message(const char *name, const char *needle) {
  const char *message = pactum_error_last()->message;
  if (strstr(message, needle) == NULL) {
    fprintf(stderr, "%s: message \"%s\" lacks \"%s\"\n", name, message, needle);
    ++check_failures;
  }
}

static void error_table(pactum_db *db) {
  size_t i;
  char *before = state_of(db);
  char *out = NULL;
  for (i = 0; i < sizeof bad_inputs / sizeof bad_inputs[0]; ++i) {
    const struct bad_input *c = &bad_inputs[i];
    int lang;
    for (lang = 0; lang < 2; ++lang) {
      CHECK_OK(pactum_set_lang(db, lang == 0 ? "en" : "zh-CN"));
      if (c->pattern != NULL) {
        int version = -1;
        CHECK_CODE(pactum_define_numbering(db, "sales", c->pattern, PACTUM_NUMBERING_GAPLESS, &version), c->code);
        check_message(c->name, lang == 0 ? c->en : c->zh);
        CHECK(version == -1);
        CHECK_CODE(pactum_define_numbering(db, "new_rule", c->pattern, PACTUM_NUMBERING_FAST, NULL), c->code);
        check_message(c->name, lang == 0 ? c->en : c->zh);
        if (lang == 0) {
          CHECK_CODE(pactum_numbering_check_pattern(c->pattern, &out), c->code);
          check_message(c->name, c->en);
          CHECK(out == NULL);
        }
      } else {
        CHECK_CODE(pactum_issue_number(db, c->rule, "2024-03-01", c->fields, "owner-1", &out), c->code);
        check_message(c->name, lang == 0 ? c->en : c->zh);
        CHECK(out == NULL);
        CHECK_CODE(pactum_preview_number(db, c->rule, "2024-03-01", c->fields, &out), c->code);
        check_message(c->name, lang == 0 ? c->en : c->zh);
        /* Inside a transaction too; the transaction goes on. */
        CHECK_OK(pactum_begin(db));
        CHECK_CODE(pactum_issue_number(db, c->rule, NULL, c->fields, NULL, &out), c->code);
        CHECK_OK(pactum_commit(db));
      }
    }
    CHECK_UNCHANGED(db, before);
  }
  CHECK_OK(pactum_set_lang(db, "en"));
  free(before);
}

int main(void) {
  pactum_db *db = NULL;
  pactum_open_options opts = PACTUM_OPEN_OPTIONS_INIT;
  char *out = NULL;
  char *before = NULL;
  char check = 0;
  int version = 0;
  int i;

  /* Without a database. */
  CHECK_OK(pactum_numbering_check_pattern("{type}-{year}-{dept}-{seq:3}{check}", &out));
  CHECK_STR(out, "{\"check\":true,\"fields\":[\"type\",\"dept\"],\"pattern\":\"{type}-{year}-{dept}-{seq:3}{check}\","
                 "\"seq_width\":3,\"version\":1}");
  CHECK_OK(pactum_check_character("XSC2024SD001", &check));
  CHECK(check != 0 && strchr("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*", check) != NULL);
  {
    char again = 0;
    CHECK_OK(pactum_check_character("XSC-2024-SD-001", &again)); /* separators do not count */
    CHECK(again == check);
  }
  CHECK_CODE(pactum_check_character(NULL, &check), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_character("A", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_check_pattern(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_check_pattern("{seq}", NULL), PACTUM_EINVALID);

  opts.durability = PACTUM_DURABILITY_NORMAL;
  CHECK_OK(pactum_open(":memory:", &opts, &db));

  /* Acceptance 1: the article's numbers. */
  CHECK_OK(pactum_define_numbering(db, "sales", "{type}-{year}-{dept}-{seq:3}", PACTUM_NUMBERING_GAPLESS, &version));
  CHECK(version == 1);
  CHECK_OK(pactum_issue_number(db, "sales", "2024-03-01", "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL, &out));
  CHECK_STR(out, "XSC-2024-SD-001");
  for (i = 0; i < 5; ++i) {
    CHECK_OK(pactum_issue_number(db, "sales", "2024-03-01", "{\"type\":\"LD\",\"dept\":\"HR\"}", "crm:1", &out));
    if (i < 4) {
      pactum_free(out);
      out = NULL;
    }
  }
  CHECK_STR(out, "LD-2024-HR-005");
  CHECK_OK(pactum_define_numbering(db, "contract", "HT-{year}-{dept_name}-{employee_name}-{seq:3}",
                                   PACTUM_NUMBERING_GAPLESS, NULL));
  CHECK_OK(pactum_issue_number(db, "contract", "2024-03-01",
                               "{\"dept_name\":\"\xE9\x94\x80\xE5\x94\xAE\xE9\x83\xA8\","
                               "\"employee_name\":\"\xE5\xBC\xA0\xE4\xB8\x89\"}",
                               NULL, &out));
  CHECK_STR(out, "HT-2024-\xE9\x94\x80\xE5\x94\xAE\xE9\x83\xA8-\xE5\xBC\xA0\xE4\xB8\x89-001");
  CHECK_OK(pactum_define_numbering(db, "checked", "{type}-{seq:4}{check}", PACTUM_NUMBERING_FAST, NULL));
  CHECK_OK(pactum_issue_number(db, "checked", "2024-03-01", "{\"type\":\"XSC\"}", NULL, &out));
  CHECK(out != NULL && strncmp(out, "XSC-0001", 8) == 0 && strlen(out) == 9);
  pactum_free(out);
  out = NULL;

  /* Rules. */
  CHECK_OK(pactum_numbering_rule(db, "sales", &out));
  CHECK_STR(out, "{\"fields\":[\"type\",\"dept\"],\"id\":\"sales\",\"mode\":\"gapless\","
                 "\"pattern\":\"{type}-{year}-{dept}-{seq:3}\",\"rule_version\":1,\"version\":1}");
  CHECK_OK(pactum_numbering_rules(db, &out));
  CHECK(out != NULL && strstr(out, "\"id\":\"checked\"") != NULL && strstr(out, "\"mode\":\"fast\"") != NULL);
  pactum_free(out);
  out = NULL;
  CHECK_CODE(pactum_numbering_rule(db, "nope", &out), PACTUM_ENOTFOUND);
  CHECK(out == NULL);

  /* Preview does not consume. */
  CHECK_OK(pactum_preview_number(db, "sales", "2024-03-01", "{\"type\":\"XSC\",\"dept\":\"SD\"}", &out));
  CHECK_STR(out, "XSC-2024-SD-002");
  CHECK_OK(pactum_preview_number(db, "sales", "2024-03-01", "{\"dept\":\"SD\",\"type\":\"XSC\"}", &out));
  CHECK_STR(out, "XSC-2024-SD-002");

  /* Acceptance 6 through C: a rollback gives the number back. */
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_issue_number(db, "sales", "2024-03-01", "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL, &out));
  CHECK_STR(out, "XSC-2024-SD-002");
  CHECK_OK(pactum_rollback(db));
  CHECK_OK(pactum_issue_number(db, "sales", "2024-03-01", "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL, &out));
  CHECK_STR(out, "XSC-2024-SD-002");

  /* Parse back. */
  CHECK_OK(pactum_parse_number(db, "sales", "LD-2024-HR-005", &out));
  CHECK_STR(out, "{\"fields\":{\"dept\":\"HR\",\"type\":\"LD\",\"year\":\"2024\"},\"seq\":5,\"version\":1}");
  CHECK_CODE(pactum_parse_number(db, "sales", "LD-2024-HR", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("does not match");
  CHECK_CODE(pactum_parse_number(db, "checked", "XSC-0001*", &out), PACTUM_EINVALID);
  CHECK(out == NULL);

  /* Registry entries and void. */
  CHECK_OK(pactum_issued_number(db, "LD-2024-HR-005", &out));
  CHECK_STR(out, "{\"issued_on\":\"2024-03-01\",\"number\":\"LD-2024-HR-005\",\"owner\":\"crm:1\",\"rule\":\"sales\","
                 "\"rule_version\":1,\"seq\":5,\"version\":1,\"void_reason\":null,\"voided\":false,\"voided_on\":null}");
  CHECK_OK(pactum_void_number(db, "LD-2024-HR-005", "duplicate order", "2024-03-05"));
  CHECK_OK(pactum_issued_number(db, "LD-2024-HR-005", &out));
  CHECK(out != NULL && strstr(out, "\"voided\":true") != NULL && strstr(out, "\"void_reason\":\"duplicate order\"") != NULL &&
        strstr(out, "\"voided_on\":\"2024-03-05\"") != NULL);
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_issue_number(db, "sales", "2024-03-01", "{\"type\":\"LD\",\"dept\":\"HR\"}", NULL, &out));
  CHECK_STR(out, "LD-2024-HR-006"); /* never reissued */

  /* Acceptance 7 through C: prefix search and paging. */
  CHECK_OK(pactum_find_numbers(db, "LD-2024-HR", 50, NULL, &out));
  CHECK_STR(out, "{\"numbers\":[\"LD-2024-HR-001\",\"LD-2024-HR-002\",\"LD-2024-HR-003\",\"LD-2024-HR-004\","
                 "\"LD-2024-HR-005\",\"LD-2024-HR-006\"],\"version\":1}");
  CHECK_OK(pactum_find_numbers(db, "LD-2024-HR", 2, "LD-2024-HR-002", &out));
  CHECK_STR(out, "{\"numbers\":[\"LD-2024-HR-003\",\"LD-2024-HR-004\"],\"version\":1}");
  CHECK_OK(pactum_find_numbers(db, "HT-2024-\xE9\x94\x80\xE5\x94\xAE", 50, NULL, &out));
  CHECK_STR(out, "{\"numbers\":[\"HT-2024-\xE9\x94\x80\xE5\x94\xAE\xE9\x83\xA8-\xE5\xBC\xA0\xE4\xB8\x89-001\"],\"version\":1}");
  CHECK_OK(pactum_find_numbers(db, "XSC-2024-SD%", 50, NULL, &out));
  CHECK_STR(out, "{\"numbers\":[],\"version\":1}");

  /* The error table (acceptance 8). */
  error_table(db);

  /* Other refusals, each leaving the database as it was. */
  before = state_of(db);
  CHECK_CODE(pactum_issue_number(db, "nope", NULL, NULL, NULL, &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_issue_number(db, "sales", "2024-02-30", "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL, &out),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("2024-02-30");
  CHECK_CODE(pactum_issue_number(db, "sales", "2024-3-1", "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL, &out),
             PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(db, "sales", NULL, "{\"type\":\"XSC\",\"dept\":\"SD\"}", "", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(db, "sales", NULL, "{\"type\":\"XSC\",\"dept\":\"SD\"}", "o\xFF", &out),
             PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(db, "sa\xFFles", NULL, "{}", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(db, "sales", NULL, NULL, NULL, &out), PACTUM_EINVALID); /* fields missing */
  CHECK_CODE(pactum_define_numbering(db, "", "{seq}", PACTUM_NUMBERING_GAPLESS, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_define_numbering(db, "r", "{seq}", (pactum_numbering_mode)7, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_void_number(db, "LD-2024-HR-005", "again", NULL), PACTUM_ESTATE);
  CHECK_CODE(pactum_void_number(db, "LD-2024-HR-404", "typo", NULL), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_void_number(db, "LD-2024-HR-006", "", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_void_number(db, "LD-2024-HR-006", "early", "2024-02-01"), PACTUM_EINVALID);
  CHECK_CODE(pactum_void_number(db, "LD-2024-HR-006", "bad date", "2024-13-01"), PACTUM_EINVALID);
  CHECK_CODE(pactum_issued_number(db, "LD-2024-HR-404", &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_find_numbers(db, "LD", 0, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_find_numbers(db, "LD", 10001, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_find_numbers(db, "LD\xC3", 10, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_find_numbers(db, "LD", 10, "LD\xC3", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_number(db, "nope", "X-1", &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_parse_number(db, "sales", "X\xFF", &out), PACTUM_EINVALID);
  CHECK(out == NULL);
  CHECK_UNCHANGED(db, before);

  /* NULL arguments: an error, never a crash, nothing changed. */
  CHECK_CODE(pactum_define_numbering(NULL, "r", "{seq}", PACTUM_NUMBERING_GAPLESS, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_define_numbering(db, NULL, "{seq}", PACTUM_NUMBERING_GAPLESS, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_define_numbering(db, "r", NULL, PACTUM_NUMBERING_GAPLESS, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_rule(NULL, "sales", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_rule(db, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_rule(db, "sales", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_rules(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_numbering_rules(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_preview_number(NULL, "sales", NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_preview_number(db, NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_preview_number(db, "sales", NULL, "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(NULL, "sales", NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(db, NULL, NULL, NULL, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_issue_number(db, "sales", NULL, "{\"type\":\"XSC\",\"dept\":\"SD\"}", NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_number(NULL, "sales", "X", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_number(db, NULL, "X", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_number(db, "sales", NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_parse_number(db, "sales", "X", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_void_number(NULL, "X", "r", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_void_number(db, NULL, "r", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_void_number(db, "LD-2024-HR-006", NULL, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_issued_number(NULL, "X", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_issued_number(db, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_issued_number(db, "X", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_find_numbers(NULL, "X", 10, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_find_numbers(db, NULL, 10, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_find_numbers(db, "X", 10, NULL, NULL), PACTUM_EINVALID);
  CHECK(out == NULL);
  CHECK_UNCHANGED(db, before);
  free(before);

  pactum_close(db);
  return check_report("capi_numbering_test");
}
