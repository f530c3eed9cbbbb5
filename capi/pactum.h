/*
 * pactum.h — the C ABI of Pactum: contract management and performance
 * evaluation, closed loop.
 *
 * Conventions (every function follows them):
 *  - Every fallible function returns an int status: PACTUM_OK (0) on success,
 *    a negative PACTUM_E* code on failure. New codes may be added in later
 *    versions: treat any negative value you do not know as an error.
 *  - Results are written through out parameters, only on success.
 *  - After a failure, pactum_error_last() describes it (thread-local, owned by
 *    the library, valid until the next failing call on the same thread).
 *  - Strings are UTF-8. Amounts cross as plain decimal strings ("1000.00"),
 *    currencies as ISO 4217 codes ("CNY"), dates as "YYYY-MM-DD".
 *    Structured results are JSON documents carrying a "version" member.
 *  - Memory returned through a `char **out` is owned by the caller and must
 *    be released with pactum_free().
 *  - A NULL or malformed argument is an error (PACTUM_EINVALID), never a
 *    crash. No C++ exception crosses this boundary.
 *
 * This header is self-contained and compiles as C99 and C++.
 */
#ifndef PACTUM_H
#define PACTUM_H

#include <stddef.h>
#include <stdint.h>

/* Compile-time version; pactum_libversion_number() gives the linked one. */
#define PACTUM_VERSION_MAJOR 0
#define PACTUM_VERSION_MINOR 1
#define PACTUM_VERSION_PATCH 0
#define PACTUM_VERSION "0.1.0"
#define PACTUM_VERSION_NUMBER (PACTUM_VERSION_MAJOR * 1000000 + PACTUM_VERSION_MINOR * 1000 + PACTUM_VERSION_PATCH)

#if defined(__GNUC__) || defined(__clang__)
#define PACTUM_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
#define PACTUM_EXTERN(type) extern type
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------
 * Status codes: stable forever; new codes are appended.
 * ------------------------------------------------------------------------- */
#define PACTUM_OK 0
#define PACTUM_EINVALID (-1)     /* malformed or out-of-range argument */
#define PACTUM_ENOTFOUND (-2)    /* unknown id, number, rule, ... */
#define PACTUM_ECONFLICT (-3)    /* duplicate, or idempotency key reused with other content */
#define PACTUM_ESTATE (-4)       /* the object's state forbids the operation */
#define PACTUM_ESTORAGE (-5)     /* database error */
#define PACTUM_EBUSY (-6)        /* database locked past the busy timeout */
#define PACTUM_ECORRUPT (-7)     /* database file damaged */
#define PACTUM_ESCHEMA (-8)      /* database written by a newer Pactum */
#define PACTUM_EOVERFLOW (-9)    /* value out of the representable range */
#define PACTUM_ECURRENCY (-10)   /* currencies combined without an exchange rate */
#define PACTUM_ECANCELLED (-11)  /* a callback cancelled the operation; rolled back */
#define PACTUM_ENOMEM (-12)      /* out of memory */
#define PACTUM_EINTERNAL (-13)   /* a bug in Pactum */
#define PACTUM_EPATTERN (-14)    /* numbering pattern does not compile */
#define PACTUM_ENOTAPPROVER (-15) /* actor is not an approver of the current step */
#define PACTUM_ESEGREGATION (-16) /* actor is the submitter or owner */
#define PACTUM_EPOSTCLOSE (-17)  /* event falls into a closed period */
#define PACTUM_ENOROUTE (-18)    /* routing table: no rule matches, or UNIQUE/ANY violated */
#define PACTUM_EOUTCOME (-19)    /* a commit failed and may still have been kept: the write's outcome is
                                    unknown; the handle refuses writes until it is closed. Reopen, then
                                    retry with the same idempotency key (docs/storage.md) */

/* Rounding policies. */
typedef enum pactum_rounding {
  PACTUM_ROUND_HALF_EVEN = 0, /* nearest, ties to even (default) */
  PACTUM_ROUND_HALF_UP = 1,   /* nearest, ties away from zero */
  PACTUM_ROUND_DOWN = 2,      /* toward zero */
  PACTUM_ROUND_UP = 3,        /* away from zero */
  PACTUM_ROUND_FLOOR = 4,     /* toward negative infinity */
  PACTUM_ROUND_CEILING = 5,   /* toward positive infinity */
  PACTUM_ROUNDING_FORCE_INT = 0x7FFFFFFF, /* keeps the enum int-sized; not a policy */
  PACTUM_ROUNDING_FORCE_SIGNED = -0x7FFFFFFF - 1 /* every int is a value of the type (a wrong one is
                                                     PACTUM_EINVALID); not a policy */
} pactum_rounding;

/* Size of a buffer holding a date "YYYY-MM-DD" and its terminating NUL. */
#define PACTUM_DATE_SIZE 11

/* ---------------------------------------------------------------------------
 * Version, errors, memory
 * ------------------------------------------------------------------------- */

/* The linked library's version, e.g. "0.1.0". Static storage. */
PACTUM_EXTERN(const char *) pactum_version(void);
/* The linked library's PACTUM_VERSION_NUMBER. */
PACTUM_EXTERN(int) pactum_libversion_number(void);

typedef struct pactum_error {
  int code;            /* the PACTUM_E* code of the last failure, 0 if none */
  const char *message; /* UTF-8 text, in the language of the handle involved */
} pactum_error;

/* The last failure on this thread; never NULL (code 0 when there was none).
 * Owned by the library; valid until the next failing call on this thread. */
PACTUM_EXTERN(const pactum_error *) pactum_error_last(void);
/* Forgets the last failure of this thread. */
PACTUM_EXTERN(void) pactum_error_clear(void);
/* Static English text for a status code ("unknown error" for other values). */
PACTUM_EXTERN(const char *) pactum_strerror(int code);
/* Static name of a status code, e.g. "PACTUM_EINVALID". */
PACTUM_EXTERN(const char *) pactum_error_name(int code);
/* Releases memory returned by Pactum. NULL is a no-op. */
PACTUM_EXTERN(void) pactum_free(void *ptr);

/* ---------------------------------------------------------------------------
 * Money: exact decimal amounts (up to four decimals) of an ISO 4217 currency.
 * Results are formatted with at least the currency's minor digits.
 * ------------------------------------------------------------------------- */

/* Parses `amount` strictly ("1000", "-0.5"; not "1e5", "1,000", " 1",
 * "1.23456") and writes its canonical text ("1000.00" for CNY) to *out. */
PACTUM_EXTERN(int) pactum_money_normalize(const char *amount, const char *currency, char **out);
/* *out = a + b. Different currencies: PACTUM_ECURRENCY. */
PACTUM_EXTERN(int) pactum_money_add(const char *a, const char *a_currency, const char *b,
                                    const char *b_currency, char **out);
/* *out = a - b. Different currencies: PACTUM_ECURRENCY. */
PACTUM_EXTERN(int) pactum_money_sub(const char *a, const char *a_currency, const char *b,
                                    const char *b_currency, char **out);
/* *out = -1, 0 or 1 as a <, ==, > b. Different currencies: PACTUM_ECURRENCY. */
PACTUM_EXTERN(int) pactum_money_compare(const char *a, const char *a_currency, const char *b,
                                        const char *b_currency, int *out);
/* *out = amount x factor (a decimal string), rounded once to four decimals. */
PACTUM_EXTERN(int) pactum_money_mul(const char *amount, const char *currency, const char *factor,
                                    pactum_rounding rounding, char **out);
/* *out = amount rounded to `scale` decimals (0..4). */
PACTUM_EXTERN(int) pactum_money_round(const char *amount, const char *currency, int scale,
                                      pactum_rounding rounding, char **out);
/* Splits `amount` by `count` non-negative weights in the currency's minor
 * unit, remainder units to the first parts. *out_json:
 * {"version":1,"currency":"CNY","parts":["33.34","33.33","33.33"]} */
PACTUM_EXTERN(int) pactum_money_allocate(const char *amount, const char *currency, const int64_t *weights,
                                         size_t count, char **out_json);

/* ---------------------------------------------------------------------------
 * Decimals: exact rates and scores.
 * ------------------------------------------------------------------------- */

/* *out = numerator / denominator, computed exactly and rounded once to
 * `scale` decimals (0..18). Division by zero: PACTUM_EINVALID. */
PACTUM_EXTERN(int) pactum_decimal_ratio(const char *numerator, const char *denominator, int scale,
                                        pactum_rounding rounding, char **out);
/* *out = value rounded to `scale` decimals (0..18). */
PACTUM_EXTERN(int) pactum_decimal_round(const char *value, int scale, pactum_rounding rounding, char **out);
/* *out = a x b, exact. */
PACTUM_EXTERN(int) pactum_decimal_mul(const char *a, const char *b, char **out);

/* ---------------------------------------------------------------------------
 * Dates: strict ISO "YYYY-MM-DD", 1400-01-01 to 9999-12-31.
 * ------------------------------------------------------------------------- */

/* PACTUM_OK when `date` is a valid date, PACTUM_EINVALID otherwise. */
PACTUM_EXTERN(int) pactum_date_check(const char *date);
/* out = date + days. */
PACTUM_EXTERN(int) pactum_date_add_days(const char *date, int64_t days, char out[PACTUM_DATE_SIZE]);
/* out = date + months, keeping the day and clamping to the month's end only
 * when the day does not exist (2024-01-31 + 1 = 2024-02-29). */
PACTUM_EXTERN(int) pactum_date_add_months(const char *date, int64_t months, char out[PACTUM_DATE_SIZE]);
/* *out = to - from in days. */
PACTUM_EXTERN(int) pactum_date_days_between(const char *from, const char *to, int64_t *out);

/* ---------------------------------------------------------------------------
 * Database handle: one SQLite database file (or ":memory:"). A handle is one
 * connection: open one per thread; calls on one handle are serialised. A
 * transaction belongs to the thread that called pactum_begin(): while it is
 * open, calls through the handle from any other thread (pactum_commit and
 * pactum_rollback included) fail with PACTUM_ESTATE and change nothing.
 * After PACTUM_EOUTCOME the handle refuses writes (PACTUM_ESTATE) until it
 * is closed: reopen the database and retry with the same idempotency key.
 * Every write is atomic; pactum_begin() groups writes (nested calls are
 * savepoints) until pactum_commit() or pactum_rollback().
 * ------------------------------------------------------------------------- */

typedef struct pactum_db pactum_db;

#define PACTUM_DURABILITY_FULL 0   /* synchronous=FULL (default) */
#define PACTUM_DURABILITY_NORMAL 1 /* synchronous=NORMAL: faster, last commits may be lost on power loss */

#define PACTUM_OPEN_OPTIONS_VERSION 2
typedef struct pactum_open_options {
  unsigned int version; /* PACTUM_OPEN_OPTIONS_VERSION (1 and 2 are accepted) */
  const char *lang;     /* "en" (NULL) or "zh-CN": language of messages through this handle */
  const char *currency; /* reporting currency of a new database; NULL: CNY */
  int durability;       /* PACTUM_DURABILITY_FULL or PACTUM_DURABILITY_NORMAL */
  int busy_timeout_ms;  /* wait for other connections' locks; 0: 30000 */
  /* Version 2: permissions of the files created through this handle (a new
   * database and its -wal/-shm files, exports, import reports), e.g. 0640;
   * 0 (and version 1): 0600, owner only. The owner must read and write. */
  int file_mode;
} pactum_open_options;
#define PACTUM_OPEN_OPTIONS_INIT {PACTUM_OPEN_OPTIONS_VERSION, NULL, NULL, PACTUM_DURABILITY_FULL, 0, 0}

/* Size of a buffer holding a currency code and its terminating NUL. */
#define PACTUM_CURRENCY_SIZE 4

/* Opens (creating if needed) the database at `path`. `options` may be NULL.
 * A new database file is created owner-only (0600) unless options->file_mode
 * says otherwise.
 * On success *out is a handle to release with pactum_close(). A database
 * written by a newer Pactum is refused with PACTUM_ESCHEMA. */
PACTUM_EXTERN(int) pactum_open(const char *path, const pactum_open_options *options, pactum_db **out);
/* Closes the handle, rolling back an open transaction. NULL is a no-op. */
PACTUM_EXTERN(void) pactum_close(pactum_db *db);
/* Sets the language of messages through this handle: "en" or "zh-CN". */
PACTUM_EXTERN(int) pactum_set_lang(pactum_db *db, const char *lang);
/* The database's reporting currency, e.g. "CNY". */
PACTUM_EXTERN(int) pactum_reporting_currency(pactum_db *db, char out[PACTUM_CURRENCY_SIZE]);
/* The schema version this library writes. */
PACTUM_EXTERN(int) pactum_schema_version(void);
/* Opens a transaction, or a savepoint inside the open one. */
PACTUM_EXTERN(int) pactum_begin(pactum_db *db);
/* Commits the innermost open transaction or savepoint. */
PACTUM_EXTERN(int) pactum_commit(pactum_db *db);
/* Rolls back the innermost open transaction or savepoint. */
PACTUM_EXTERN(int) pactum_rollback(pactum_db *db);
/* The database clock's date ("YYYY-MM-DD"): the last advance_to, or the
 * host's local date if the clock was never set. */
PACTUM_EXTERN(int) pactum_today(pactum_db *db, char out[PACTUM_DATE_SIZE]);

/* ---------------------------------------------------------------------------
 * Numbering: rules such as "{type}-{year}-{dept}-{seq:3}" -> "XSC-2024-SD-001"
 * (the pattern language is described in docs/numbering.md).
 *  - `fields_json` is a flat JSON object of text values, e.g.
 *    {"type":"XSC","dept":"SD"}; NULL means no fields. Its keys are the
 *    rule's field names, so it carries no "version" member.
 *  - `on` is the effective date "YYYY-MM-DD"; NULL means the database clock.
 *  - Every call that fails leaves the database as it was.
 * ------------------------------------------------------------------------- */

typedef enum pactum_numbering_mode {
  PACTUM_NUMBERING_GAPLESS = 0, /* allocated in the transaction that stores it; no holes */
  PACTUM_NUMBERING_FAST = 1,    /* blocks of 100 reserved per handle; holes only when a block is abandoned */
  PACTUM_NUMBERING_MODE_FORCE_INT = 0x7FFFFFFF, /* keeps the enum int-sized; not a mode */
  PACTUM_NUMBERING_MODE_FORCE_SIGNED = -0x7FFFFFFF - 1 /* every int is a value of the type; not a mode */
} pactum_numbering_mode;

/* Compiles `pattern` without a database. *out_json:
 * {"version":1,"pattern":"...","fields":["type","dept"],"seq_width":3,"check":false}
 * A pattern that does not compile is PACTUM_EPATTERN, its message naming the
 * position (in characters, from 1). */
PACTUM_EXTERN(int) pactum_numbering_check_pattern(const char *pattern, char **out_json);
/* The ISO 7064 MOD 37-2 check character of the letters A-Z and digits of
 * `text` (other characters skipped): one of 0-9, A-Z, '*'. */
PACTUM_EXTERN(int) pactum_check_character(const char *text, char *out);
/* Defines rule `rule_id`, or a new version of it (counters continue where the
 * scope is unchanged; the same pattern and mode again is no new version).
 * *out_version (may be NULL) receives the version in force. */
PACTUM_EXTERN(int) pactum_define_numbering(pactum_db *db, const char *rule_id, const char *pattern,
                                           pactum_numbering_mode mode, int *out_version);
/* The rule's latest version. *out_json: {"version":1,"id":"sales","rule_version":2,
 * "pattern":"...","mode":"gapless","fields":["type","dept"]}. Unknown: PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_numbering_rule(pactum_db *db, const char *rule_id, char **out_json);
/* Every rule at its latest version, by id: {"version":1,"rules":[{...}, ...]}. */
PACTUM_EXTERN(int) pactum_numbering_rules(pactum_db *db, char **out_json);
/* The number pactum_issue_number() would give now through this handle,
 * without consuming it. */
PACTUM_EXTERN(int) pactum_preview_number(pactum_db *db, const char *rule_id, const char *on,
                                         const char *fields_json, char **out);
/* Issues the next number of the rule's scope and registers it with the
 * optional `owner` reference (NULL: none). Inside pactum_begin() it belongs
 * to that transaction: a rollback gives it back (gapless mode). */
PACTUM_EXTERN(int) pactum_issue_number(pactum_db *db, const char *rule_id, const char *on,
                                       const char *fields_json, const char *owner, char **out);
/* Takes a number of the rule apart: {"version":1,"fields":{"type":"XSC",
 * "year":"2024","dept":"SD"},"seq":1}. A number the rule cannot have made
 * (or with a wrong check character) is PACTUM_EINVALID. */
PACTUM_EXTERN(int) pactum_parse_number(pactum_db *db, const char *rule_id, const char *number, char **out_json);
/* Voids an issued number from `on`; `reason` is required. It stays in the
 * registry and is never issued again. Already void: PACTUM_ESTATE. */
PACTUM_EXTERN(int) pactum_void_number(pactum_db *db, const char *number, const char *reason, const char *on);
/* The registry entry: {"version":1,"number":"...","rule":"sales","rule_version":1,
 * "seq":1,"issued_on":"2024-03-01","owner":null,"voided":false,"void_reason":null,
 * "voided_on":null}. Unknown: PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_issued_number(pactum_db *db, const char *number, char **out_json);
/* Issued numbers (voided ones included) starting with `prefix`, in byte
 * order, at most `limit` (1..10000), after `after` (the last number of the
 * previous page; NULL for the first): {"version":1,"numbers":["...", ...]}. */
PACTUM_EXTERN(int) pactum_find_numbers(pactum_db *db, const char *prefix, int limit, const char *after,
                                       char **out_json);

/* ---------------------------------------------------------------------------
 * Approval routing: decision tables mapping a contract's facts to an approval
 * route (document format and semantics in docs/routing.md, JSON Schema in
 * docs/routing-table.schema.json).
 *  - A malformed table is PACTUM_EINVALID; the message names the rule (id and
 *    number), the input and the position in the cell (characters, from 1),
 *    or the JSON Pointer of the offending member.
 *  - Findings documents: {"version":1,"errors":1,"warnings":0,"findings":[
 *    {"kind":"gap","severity":"error","rules":[],"region":{"amount":"[50000, 100000]"},
 *     "message":"...","messages":{"en":"...","zh-CN":"..."}}]}
 *    kind is "gap", "overlap" or "unreachable"; gaps and overlaps are errors,
 *    unreachable rules warnings.
 *  - Inputs documents: {"version":1,"type":"sales","amount":"75000.00",
 *    "currency":"CNY","department":"SD","key_account":false,
 *    "attributes":{"region":"east"}}; every member is optional; amounts are
 *    decimal strings or integers, never JSON floats.
 *  - Results: {"version":1,"route":[{"role":"dept_manager","mode":"any"},
 *    {"role":"finance","mode":{"k":2},"deadline_days":3,"escalate_to":{"role":"cfo"}}],
 *    "audit":{"table":"default","table_version":1,"hit_policy":"UNIQUE",
 *    "matched_rules":["50000-to-100000"],"inputs":{"type":"sales","amount":"75000.00"}}}
 *  - No matching rule, several under UNIQUE, or different routes under ANY:
 *    PACTUM_ENOROUTE, the message naming the rules and the inputs.
 * ------------------------------------------------------------------------- */

/* Parses and checks a table document. *findings_json receives the findings
 * (messages in English under "message", both languages under "messages"). */
PACTUM_EXTERN(int) pactum_check_routing(const char *table_json, char **findings_json);
/* Parses a table document and evaluates it for `inputs_json`. */
PACTUM_EXTERN(int) pactum_evaluate_routing(const char *table_json, const char *inputs_json, char **result_json);
/* The default table shipped with the library (docs/routing-default.json). */
PACTUM_EXTERN(int) pactum_default_routing_table(char **table_json);

/* Stored tables (docs/routing.md "Stored tables"). A new database holds the
 * default table ("default", version 1) and routes with it. */
#define PACTUM_ROUTING_ALLOW_GAPS 1u     /* load a table with gaps anyway */
#define PACTUM_ROUTING_ALLOW_OVERLAPS 2u /* load a table with overlaps anyway */
/* Checks `table_json` and makes it the table new contracts are routed with.
 * A table with gaps or overlaps is refused (PACTUM_EINVALID, nothing stored)
 * unless `flags` allow them. The same id and version again with the same
 * document only makes it current; with another document, or a version below
 * the id's latest: PACTUM_ECONFLICT. *findings_json (may be NULL) receives
 * the findings, messages in the handle's language. */
PACTUM_EXTERN(int) pactum_load_routing(pactum_db *db, const char *table_json, unsigned int flags,
                                       char **findings_json);
/* pactum_check_routing with messages in the handle's language; nothing stored. */
PACTUM_EXTERN(int) pactum_check_routing_db(pactum_db *db, const char *table_json, char **findings_json);
/* The canonical document of table `id` at `version` (0: its latest), or of
 * the current table when `id` is NULL (and `version` 0). Unknown:
 * PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_routing_table(pactum_db *db, const char *id, int version, char **table_json);
/* Every stored version: {"version":1,"tables":[{"id":"default","version":1,"current":true}]}. */
PACTUM_EXTERN(int) pactum_routing_tables(pactum_db *db, char **out_json);
/* Evaluates the current table; the result's audit names its id and version. */
PACTUM_EXTERN(int) pactum_evaluate_loaded_routing(pactum_db *db, const char *inputs_json, char **result_json);

/* ---------------------------------------------------------------------------
 * Org directory: departments, employees, their dated postings, managers and
 * roles (docs/contracts.md).
 *  - Optional text arguments are NULL when absent.
 *  - `on` is a date "YYYY-MM-DD". Where a fact may be undated (a manager, a
 *    role), NULL records it for all dates; for queries and for events NULL
 *    means the database clock (pactum_today()).
 *  - JSON results carry "version": 1 and are released with pactum_free().
 *  - Every call that fails leaves the database as it was.
 * ------------------------------------------------------------------------- */

/* Adds a department; `parent` and `manager` (an employee id) may be NULL. */
PACTUM_EXTERN(int) pactum_add_department(pactum_db *db, const char *code, const char *name, const char *parent,
                                         const char *manager);
/* {"version":1,"code":"SD","name":"销售部","parent":null,"manager":"E1"} with
 * the manager on `on`. */
PACTUM_EXTERN(int) pactum_department(pactum_db *db, const char *code, const char *on, char **out_json);
/* {"version":1,"departments":[...]} ordered by code. */
PACTUM_EXTERN(int) pactum_departments(pactum_db *db, const char *on, char **out_json);
/* The manager from `on` on (NULL: for all dates). */
PACTUM_EXTERN(int) pactum_set_department_manager(pactum_db *db, const char *code, const char *employee,
                                                 const char *on);
/* Adds an employee posted in `department` for all dates before a transfer;
 * `hired` ("YYYY-MM-DD") and `manager` may be NULL. */
PACTUM_EXTERN(int) pactum_add_employee(pactum_db *db, const char *id, const char *name, const char *department,
                                       const char *position, const char *hired, const char *manager);
/* {"version":1,"id","name","department","position","manager","hired","left",
 * "active"} with the posting of `on`. */
PACTUM_EXTERN(int) pactum_employee(pactum_db *db, const char *id, const char *on, char **out_json);
/* {"version":1,"employees":[...]}: everyone, or those posted in `department`, on `on`. */
PACTUM_EXTERN(int) pactum_employees(pactum_db *db, const char *department, const char *on, char **out_json);
/* A dated transfer (`on` is required); `position` NULL keeps the current one. */
PACTUM_EXTERN(int) pactum_transfer(pactum_db *db, const char *employee, const char *department,
                                   const char *position, const char *on);
/* {"version":1,"postings":[{"department","position","from"}]}, "from" null
 * for the first posting. */
PACTUM_EXTERN(int) pactum_postings(pactum_db *db, const char *employee, char **out_json);
/* The code of the employee's department on `on` (required). */
PACTUM_EXTERN(int) pactum_department_of(pactum_db *db, const char *employee, const char *on, char **out_code);
/* `manager` NULL removes the manager. */
PACTUM_EXTERN(int) pactum_set_employee_manager(pactum_db *db, const char *employee, const char *manager);
/* The employee leaves on `on`. */
PACTUM_EXTERN(int) pactum_deactivate_employee(pactum_db *db, const char *employee, const char *on);
/* A role, company-wide (`department` NULL) or for one department, from `on`
 * (NULL: for all dates). */
PACTUM_EXTERN(int) pactum_assign_role(pactum_db *db, const char *employee, const char *role, const char *department,
                                      const char *on);
/* Ends the role held on `on` from that date. */
PACTUM_EXTERN(int) pactum_revoke_role(pactum_db *db, const char *employee, const char *role, const char *department,
                                      const char *on);
/* {"version":1,"employees":["E1",...]}: the holders of `role` on `on` who are
 * employed then; the department's own holders win over company-wide ones. */
PACTUM_EXTERN(int) pactum_role_holders(pactum_db *db, const char *role, const char *department, const char *on,
                                       char **out_json);
/* {"version":1,"roles":[{"employee","role","department","from","until"}]} */
PACTUM_EXTERN(int) pactum_roles_of(pactum_db *db, const char *employee, char **out_json);

/* ---------------------------------------------------------------------------
 * Contracts (docs/contracts.md). A `contract` argument is the contract's
 * number, or its id in decimal digits when no contract has that number.
 * Results written through `char **` out parameters that are documented as
 * optional may be NULL when the caller does not want them.
 * ------------------------------------------------------------------------- */

/* 1 `currency` = `rate` (a decimal string) in the reporting currency from `on`. */
PACTUM_EXTERN(int) pactum_set_exchange_rate(pactum_db *db, const char *currency, const char *rate, const char *on);
/* The latest rate on or before `on`; none is PACTUM_ECURRENCY. */
PACTUM_EXTERN(int) pactum_exchange_rate(pactum_db *db, const char *currency, const char *on, char **out_rate);
/* Creates a draft contract; its number is issued in the same transaction.
 * spec_json: {"version":1,"type":"sales","owner":"E1","amount":"1000000.00",
 * "currency":"CNY","signed":"2024-01-10","end":"2024-12-31",
 * "delivery_due":"2024-03-01","counterparty":"...","key_account":false,
 * "installments":[{"due":"2024-02-01","amount":"300000.00"},...],
 * "numbering":"contract","fields":{},"external_id":"ERP-7",
 * "attributes":{"budget":{"type":"money","value":"120000.00 CNY"}}}.
 * *contract_json (optional): the contract document.
 * "external_id" is the creation's idempotency key: the same external id with
 * the same terms returns the first contract and writes nothing (other terms:
 * PACTUM_ECONFLICT). Give one whenever a retry is possible, e.g. after
 * PACTUM_EOUTCOME (reopen the database, then create again with the same
 * document). */
PACTUM_EXTERN(int) pactum_create_contract(pactum_db *db, const char *spec_json, char **contract_json);
/* The contract document. */
PACTUM_EXTERN(int) pactum_contract(pactum_db *db, const char *contract, char **contract_json);
/* {"version":1,"contracts":[...]} matching filter_json (NULL: all):
 * {"version":1,"owner","department","status","type","counterparty","prefix",
 * "external_id","signed_from","signed_to","limit","after"}, all optional. */
PACTUM_EXTERN(int) pactum_find_contracts(pactum_db *db, const char *filter_json, char **contracts_json);
/* draft -> active, for hosts approving outside Pactum. *event_json optional.
 * PACTUM_ESTATE for a contract that entered an approval route (only its
 * route activates it), for one whose number is void, and — unless the
 * setting direct_activation is "allow" — for a type with routing in use
 * (pactum_routing_in_use). */
PACTUM_EXTERN(int) pactum_activate(pactum_db *db, const char *contract, const char *on, char **event_json);
/* active | breached -> completed. *event_json optional. */
PACTUM_EXTERN(int) pactum_complete(pactum_db *db, const char *contract, const char *on, char **event_json);
/* Hands the contract over to employee `new_owner` from `on` (NULL: the
 * clock), with a reason (required): a "reassigned" event. The signed amount
 * stays with the signer; execution from `on` counts for the new owner
 * (docs/contracts.md "Handovers"). *event_json optional. */
PACTUM_EXTERN(int) pactum_reassign(pactum_db *db, const char *contract, const char *new_owner, const char *reason,
                                   const char *on, char **event_json);
/* active | breached -> terminated, with a reason. *event_json optional. */
PACTUM_EXTERN(int) pactum_terminate(pactum_db *db, const char *contract, const char *reason, const char *on,
                                    char **event_json);
/* Changes terms: changes_json {"version":1,"start","end","delivery_due",
 * "counterparty","key_account","amount","installments","set_attributes",
 * "remove_attributes"}, all optional (an amount needs installments).
 * *event_json (optional): the "amended" event. pactum_amend_v2 with no actor. */
PACTUM_EXTERN(int) pactum_amend(pactum_db *db, const char *contract, const char *reason, const char *changes_json,
                                const char *on, char **event_json);
/* pactum_amend with the actor who records the change (NULL: none; an
 * employee id makes them an editor of the contract, whom segregation of
 * duties keeps out of its approval). A change of an active or breached
 * contract that a routing table reads (amount, key-account flag, attributes
 * used as inputs), when its terms are governed by routing, is a new approval
 * round instead (docs/approval.md, "Amendment rounds"): `actor` must then be
 * the employee who submits it (else PACTUM_EINVALID), *event_json is the
 * round's "submitted" event and the terms in force stay until the round is
 * approved. Another amendment while one is in approval: PACTUM_ESTATE. */
PACTUM_EXTERN(int) pactum_amend_v2(pactum_db *db, const char *contract, const char *reason, const char *changes_json,
                                   const char *on, const char *actor, char **event_json);
/* A linked successor (a draft). renewal_json (NULL: all defaults):
 * {"version":1,"signed","start","end","delivery_due","amount","currency",
 * "installments","owner","numbering","fields","external_id","attributes"}.
 * *contract_json (optional): the successor. */
PACTUM_EXTERN(int) pactum_renew(pactum_db *db, const char *contract, const char *renewal_json, char **contract_json);
/* The execution summary as of `as_of`: {"version":1,"collected","outstanding",
 * "collection_rate" (6 decimals),"installments":[{...,"overdue"}],"overdue" (the
 * overdue instalments),"overdue_installments","delivery_late_days",...}
 * (docs/contracts.md). */
PACTUM_EXTERN(int) pactum_execution(pactum_db *db, const char *contract, const char *as_of, char **summary_json);

/* ---------------------------------------------------------------------------
 * Events: the append-only log (docs/events.md). An event document:
 * {"version":1,"seq":12,"type":"payment_received","type_code":3,"contract":1,
 *  "effective":"2024-02-01","recorded_at":"...Z","actor":null,
 *  "source":"finance","key":"BANK-1","amount":"300.00","currency":"CNY",
 *  "ref":null,"value":null,"reason":null,"payload":null}
 * The same source and key with the same content returns the first event and
 * changes nothing; other content is PACTUM_ECONFLICT.
 * ------------------------------------------------------------------------- */

/* A payment of `amount` (contract currency) identified by `ref` within
 * `source` (NULL: "finance"). Beyond the outstanding amount: PACTUM_EINVALID
 * (pactum_record_event with "allow_overpayment" accepts it). *event_json optional. */
PACTUM_EXTERN(int) pactum_record_payment(pactum_db *db, const char *contract, const char *amount, const char *on,
                                         const char *ref, const char *source, char **event_json);
/* Retracts the payment `ref` of `source` (NULL: "finance") from `on`. */
PACTUM_EXTERN(int) pactum_reverse_payment(pactum_db *db, const char *ref, const char *on, const char *source,
                                          char **event_json);
/* A delivery: `accepted` non-zero, or 0 when refused for quality. */
PACTUM_EXTERN(int) pactum_record_delivery(pactum_db *db, const char *contract, int accepted, const char *on,
                                          char **event_json);
/* A satisfaction score 0..100. */
PACTUM_EXTERN(int) pactum_record_satisfaction(pactum_db *db, const char *contract, int score, const char *on,
                                              char **event_json);
/* A dispute; `reason` may be NULL. */
PACTUM_EXTERN(int) pactum_record_dispute(pactum_db *db, const char *contract, const char *reason, const char *on,
                                         char **event_json);
/* A breach (the contract becomes "breached"); `reason` may be NULL. */
PACTUM_EXTERN(int) pactum_record_breach(pactum_db *db, const char *contract, const char *reason, const char *on,
                                        char **event_json);
/* A fact of a contract with a reason, of any type the event registry records
 * that way (shape "reason": dispute, breach, ...; see pactum_event_types);
 * another type is PACTUM_EINVALID (event.not_a_fact). `reason` may be NULL. */
PACTUM_EXTERN(int) pactum_record_fact(pactum_db *db, const char *contract, const char *type, const char *reason,
                                      const char *on, char **event_json);
/* The event registry: {"version":1,"event_types":[{"code":8,"name":"breach",
 * "shape":"reason","execution":true,"contract_fact":true,"open_only":true,
 * "transition":"breach"}, ...]}; free with pactum_free. */
PACTUM_EXTERN(int) pactum_event_types(char **types_json);
/* Any of the facts above from a JSON document, with every option:
 * {"version":1,"type":"payment_received","contract":"HT-2024-SD-0001",
 *  "amount":"300.00","currency":"CNY","on":"2024-02-01","ref":"BANK-1",
 *  "source":"finance","allow_overpayment":false,"actor":"..."}; types
 * payment_received, payment_reversed (ref), delivered (accepted, note),
 * satisfaction (score), dispute, breach and any other "reason" fact
 * (reason); "key" for idempotency of
 * the non-payment facts. *event_json optional. */
PACTUM_EXTERN(int) pactum_record_event(pactum_db *db, const char *input_json, char **event_json);
/* Moves the database clock forward to `date` (never back). *event_json optional. */
PACTUM_EXTERN(int) pactum_advance_to(pactum_db *db, const char *date, char **event_json);
/* {"version":1,"events":[...]}: the contract's events in sequence order. */
PACTUM_EXTERN(int) pactum_contract_events(pactum_db *db, const char *contract, char **events_json);
/* {"version":1,"events":[...]}: at most `limit` (> 0) events after `after_seq`. */
PACTUM_EXTERN(int) pactum_events_after(pactum_db *db, int64_t after_seq, int limit, char **events_json);

/* ---------------------------------------------------------------------------
 * KPI: templates, targets, rule settings, bonus bands, scorecards and period
 * closing (docs/kpi.md; templates: docs/kpi-template.schema.json).
 *  - A period is "2024-01", "2024-Q1", "2024" or "2024-01-15..2024-04-14";
 *    anything else ("2024-Q5") is PACTUM_EINVALID.
 *  - `as_of` and `on` are "YYYY-MM-DD"; NULL means the database clock.
 *  - Decimals (weights, targets, points, rates) cross as strings.
 *  - A scorecard document:
 *    {"version":1,"employee":"E1","position":"sales","period":"2024-Q1",
 *     "period_kind":"quarter","period_start":"2024-01-01","period_end":"2024-03-31",
 *     "as_of":"2024-03-31","cutoff":"2024-03-31","collection_cutoff":"2024-03-31",
 *     "currency":"CNY","template":"sales","template_version":1,"scored":true,
 *     "total":"75.00","total_10":"7.500",
 *     "indicators":[{"name":"collection_rate","metric":"collection_rate",
 *       "normalisation":"rate","value":"1","value_exact":"1","target":null,
 *       "floor":null,"ceiling":null,"points":"30.00","weight":"30",
 *       "contracts":["HT-2024-SD-0001"],"no_data":false}],
 *     "rules":[{"rule":"collection_80","kind":"hit","points":"5.00","event":12,
 *       "contract":"HT-2024-SD-0001","date":"2024-02-29","installment":null,"retracts":null}],
 *     "contracts":["HT-2024-SD-0001"],"closed":false,"closed_seq":null,"post_close":[]}
 *    An employee whose position has no template: "scored":false, "total" null.
 * ------------------------------------------------------------------------- */

/* Parses and validates a template document; *canonical_json receives its
 * canonical form. Nothing is stored. */
PACTUM_EXTERN(int) pactum_check_kpi_template(const char *template_json, char **canonical_json);
/* The period `period` names: {"version":1,"period":"2024-Q1","kind":"quarter",
 * "start":"2024-01-01","end":"2024-03-31","months":"3"}. */
PACTUM_EXTERN(int) pactum_parse_period(const char *period, char **period_json);
/* Stores a template: without "version" it becomes the id's next version (the
 * latest document again is no new version); the same version with another
 * document is PACTUM_ECONFLICT. *stored_json (optional): the stored document. */
PACTUM_EXTERN(int) pactum_define_kpi_template(pactum_db *db, const char *template_json, char **stored_json);
/* Template `id` at `version` (0: its latest). Unknown: PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_kpi_template(pactum_db *db, const char *id, int version, char **template_json);
/* {"version":1,"templates":[...]}: every stored version. */
PACTUM_EXTERN(int) pactum_kpi_templates(pactum_db *db, char **templates_json);
/* Binds `position` to the stored template `template_id`; NULL unbinds it
 * (PACTUM_ENOTFOUND when it was not bound). */
PACTUM_EXTERN(int) pactum_bind_template(pactum_db *db, const char *position, const char *template_id);
/* The template bound to `position`; *template_id is NULL when none is. */
PACTUM_EXTERN(int) pactum_template_binding(pactum_db *db, const char *position, char **template_id);
/* target_json: {"version":1,"indicator":"signed_amount","value":"1200000",
 * "per":"quarter","position":"sales" | "employee":"E1","period":"2024-Q1"};
 * exactly one of position and employee; per and period optional. */
PACTUM_EXTERN(int) pactum_set_target(pactum_db *db, const char *target_json);
/* rule_json: {"version":1,"template":"sales","rule":"breach","enabled":true,
 * "points":"-15","cap":"30"}; no template: every template. */
PACTUM_EXTERN(int) pactum_set_rule(pactum_db *db, const char *rule_json);
/* bands_json: {"version":1,"template":"sales","bands":[{"below":"80.00",
 * "rate":"-0.10"},{"from":"95","rate":"0.05"}],"min_coverage":"50"}; no
 * template: every template. min_coverage (0..100) is the scorecard coverage
 * below which no adjustment is made; absent: it stays as it was (50 by
 * default). */
PACTUM_EXTERN(int) pactum_set_bonus_bands(pactum_db *db, const char *bands_json);
/* The payroll link in force for `template_id` (NULL: every template without
 * its own): its bands and min_coverage, as above. */
PACTUM_EXTERN(int) pactum_bonus_bands(pactum_db *db, const char *template_id, char **bands_json);
/* The scorecard of `employee` for `period` as of `as_of`. Unknown employee:
 * PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_scorecard(pactum_db *db, const char *employee, const char *period, const char *as_of,
                                    char **scorecard_json);
/* {"version":1,"scorecards":[...]} of every employee posted on the cutoff
 * date; filter_json (NULL: everyone): {"version":1,"department":"SD","position":"sales"}. */
PACTUM_EXTERN(int) pactum_scorecards(pactum_db *db, const char *period, const char *as_of, const char *filter_json,
                                     char **scorecards_json);
/* The bonus adjustment (a decimal string in `currency`, NULL: the reporting
 * currency) of `base_bonus` for the employee's score: base x the band's rate,
 * rounded half-even to the minor unit ("-1000.00"; "0.00" without a score). */
PACTUM_EXTERN(int) pactum_bonus_adjustment(pactum_db *db, const char *employee, const char *period,
                                           const char *base_bonus, const char *currency, const char *as_of,
                                           char **adjustment);
/* The same with its reason: {"version":1,"employee":"E1","period":"2024-02",
 * "score":"96.43","coverage":"70","min_coverage":"50","rate":"0",
 * "adjustment":"0.00","currency":"CNY","reason":"no_band"}; reason is
 * "band", "no_band", "insufficient_data" (coverage below min_coverage: no
 * adjustment, never a cut) or "no_score" (no template). */
PACTUM_EXTERN(int) pactum_bonus_decision(pactum_db *db, const char *employee, const char *period,
                                         const char *base_bonus, const char *currency, const char *as_of,
                                         char **decision_json);
/* Closes `period` on `on` (not before its end): a period_closed event.
 * Already closed: PACTUM_ESTATE. *event_json optional. */
PACTUM_EXTERN(int) pactum_close_period(pactum_db *db, const char *period, const char *on, char **event_json);
/* Reopens a closed period with a reason: a period_reopened event. Not
 * closed: PACTUM_ESTATE. *event_json optional. */
PACTUM_EXTERN(int) pactum_reopen_period(pactum_db *db, const char *period, const char *reason, const char *on,
                                        char **event_json);

/* ---------------------------------------------------------------------------
 * KPI engine (docs/kpi.md, "Incremental engine"): pactum_scorecard() answers
 * from an incremental engine whenever it holds the scorecard asked for (a
 * month, quarter or year as of the database clock or an earlier day, the
 * period not closed, outside pactum_begin()); it is loaded from its stored
 * snapshot and the log when a handle asks for many scorecards, subscribes
 * or checks its health, and for single scorecards once loading pays (on a
 * small log at once), and catches up with every commit.
 *  - A score change document: {"version":1,"employee":"E1","period":"2024-Q1",
 *    "as_of":"2024-03-31","seq":42,"old_total":"75.00","new_total":"80.00"};
 *    a total is null when the scorecard has no score.
 * ------------------------------------------------------------------------- */

/* A score listener: `change_json` (a score change document) is valid during
 * the call only; `user_data` is what pactum_subscribe_scores() was given. It
 * is called after the change is committed, on the thread that committed it
 * (or whose call caught up with another handle's or process's events), once
 * per scorecard whose figures changed. It must not write through the same
 * handle (the write fails with PACTUM_ESTATE); it may read. */
typedef void (*pactum_score_listener)(const char *change_json, void *user_data);
/* Subscribes `listener`; *out_token identifies it for unsubscribing.
 * Inside pactum_begin(): PACTUM_ESTATE. */
PACTUM_EXTERN(int) pactum_subscribe_scores(pactum_db *db, pactum_score_listener listener, void *user_data,
                                           uint64_t *out_token);
/* Unknown token: PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_unsubscribe_scores(pactum_db *db, uint64_t token);
/* Compares the engine's state with a replay of the log; what differs is
 * listed, and the replay replaces the state. *health_json:
 * {"version":1,"ok":true,"last_seq":42,"as_of":"2024-03-31","contracts":3,
 *  "scorecards":9,"differences":[],"repaired":false}. Inside pactum_begin()
 * or a listener: PACTUM_ESTATE. */
PACTUM_EXTERN(int) pactum_kpi_health(pactum_db *db, char **health_json);
/* Saves the engine's state in the database now (it is also saved as the log
 * grows and when the handle closes). Inside pactum_begin(): PACTUM_ESTATE. */
PACTUM_EXTERN(int) pactum_save_kpi_snapshot(pactum_db *db);
/* What the engine holds and has done through this handle: {"version":1,
 * "loaded":true,"last_seq":42,"as_of":"2024-03-31","contracts":3,
 * "active_contracts":3,"scorecards":9,"queued_events":0,"deadlines":2,
 * "bytes":4096,"schedule_bytes":96,"snapshot_seq":40,"incremental_answers":5,
 * "reference_answers":1,"replays":1,"snapshots_loaded":0,"snapshots_written":1}. */
PACTUM_EXTERN(int) pactum_kpi_engine_stats(pactum_db *db, char **stats_json);

/* ---------------------------------------------------------------------------
 * Approval routes (docs/approval.md): a contract submitted for approval walks
 * the steps its routing table gives it. `by` is the acting employee;
 * `comment` may be NULL (no comment); `on` NULL means the database clock.
 *  - A contract never submitted, or whose route ended: PACTUM_ESTATE.
 *  - The submitter or the owner approving, rejecting or sending back:
 *    PACTUM_ESEGREGATION. Someone who is neither an approver of the current
 *    step nor the delegate of one on `on` (or, for a withdrawal, not the
 *    submitter): PACTUM_ENOTAPPROVER. An approver approving a second time:
 *    PACTUM_ECONFLICT. An action dated before what it depends on (the
 *    signing, the submission, the step's opening, the route's last action):
 *    PACTUM_EINVALID.
 *  - Route documents: {"version":1,"contract":1,"number":"HT-2024-SD-0001",
 *    "round":1,"status":"in_review","submitter":"E2","owner":"E2",
 *    "department":"SD","submitted_on":"2024-01-11","ended_on":null,
 *    "current_step":1,"audit":{"table":"default","table_version":1,
 *    "hit_policy":"UNIQUE","matched_rules":["under-50000"],"inputs":{...}},
 *    "steps":[{"number":1,"approver":{"role":"dept_manager"},"mode":"any",
 *    "deadline_days":null,"escalate_to":null,"required":1,"approvals":0,
 *    "opened_on":"2024-01-11","due_on":null,"escalated_on":null,
 *    "closed_on":null,"approvers":[{"employee":"E1","origin":"route",
 *    "added_on":"2024-01-11","approved_on":null,"approved_by":null}]}]}
 *  - History entries: {"version":1,"id":2,"contract":1,"round":1,
 *    "action":"approved","step":1,"actor":"F2","on_behalf_of":"F1",
 *    "comment":"...","on":"2024-01-12","reason":null,"reasons":null,
 *    "approvers":[],"event":5}; "reason" (rerouted and escalated entries) is
 *    in the handle's language, "reasons" in both: {"en":"...","zh-CN":"..."}.
 * ------------------------------------------------------------------------- */

/* Submits a draft (or rejected) contract: evaluates the current routing
 * table, stores the route with the table version, matched rules and inputs,
 * and opens step 1. *route_json (optional): the route document. */
PACTUM_EXTERN(int) pactum_submit(pactum_db *db, const char *contract, const char *by, const char *comment,
                                 const char *on, char **route_json);
/* One approval of the current step by an approver, or by a delegate acting
 * for `on_behalf_of` (NULL: for themselves, else for the first approver of
 * the step who delegated to them). The last step's approval activates the
 * contract effective `on`. *entry_json (optional): the history entry. */
PACTUM_EXTERN(int) pactum_approve(pactum_db *db, const char *contract, const char *by, const char *comment,
                                  const char *on, const char *on_behalf_of, char **entry_json);
/* Ends the route: the contract becomes "rejected". */
PACTUM_EXTERN(int) pactum_reject(pactum_db *db, const char *contract, const char *by, const char *comment,
                                 const char *on, const char *on_behalf_of, char **entry_json);
/* Ends the route: the contract goes back to its submitter as a draft. */
PACTUM_EXTERN(int) pactum_send_back(pactum_db *db, const char *contract, const char *by, const char *comment,
                                    const char *on, const char *on_behalf_of, char **entry_json);
/* The submitter takes the contract back: a draft again. */
PACTUM_EXTERN(int) pactum_withdraw(pactum_db *db, const char *contract, const char *by, const char *comment,
                                   const char *on, char **entry_json);
/* The contract's latest route document; never submitted: PACTUM_ENOTFOUND. */
PACTUM_EXTERN(int) pactum_approval_route(pactum_db *db, const char *contract, char **route_json);
/* {"version":1,"step":{...}} for the open step, {"version":1,"step":null}
 * when none is open. */
PACTUM_EXTERN(int) pactum_current_step(pactum_db *db, const char *contract, char **step_json);
/* {"employees":["F2","F3"],"version":1}: the open step's approvers who have
 * not approved yet; empty when no step is open. */
PACTUM_EXTERN(int) pactum_current_approvers(pactum_db *db, const char *contract, char **approvers_json);
/* {"version":1,"history":[entries]}: every submission's entries, oldest first. */
PACTUM_EXTERN(int) pactum_approval_history(pactum_db *db, const char *contract, char **history_json);
/* {"version":1,"items":[{"contract":1,"number":"...","type":"sales",
 * "amount":"30000.00","currency":"CNY","owner":"E2","submitter":"E2",
 * "round":1,"step":1,"steps":2,"approver":{"role":"dept_manager"},
 * "on_behalf_of":null,"opened_on":"...","due_on":null,"escalated":false}]}:
 * the open steps `person` can decide on `on`, delegations included. */
PACTUM_EXTERN(int) pactum_inbox(pactum_db *db, const char *person, const char *on, char **inbox_json);
/* `delegate` acts for `person` from `from` to `to` (dates, inclusive). The
 * same window again is the stored one. *out_id (may be NULL): its id. */
PACTUM_EXTERN(int) pactum_delegate(pactum_db *db, const char *person, const char *delegate, const char *from,
                                   const char *to, int64_t *out_id);
/* {"version":1,"delegations":[{"id":1,"person":"F1","delegate":"F2",
 * "from":"2024-01-01","to":"2024-01-15"}]} given or received by `person`
 * (NULL: all). */
PACTUM_EXTERN(int) pactum_delegations(pactum_db *db, const char *person, char **delegations_json);
/* Removes delegation `id` (unknown: PACTUM_ENOTFOUND). */
PACTUM_EXTERN(int) pactum_revoke_delegation(pactum_db *db, int64_t id);

/* ---------------------------------------------------------------------------
 * Approval controls (docs/approval.md, "Laws" and "Settings"). Route
 * documents carry "amendment": null, or for an amendment round
 * {"reason","changes":{"field":{"from","to"}},"inputs":["amount"],"event"}
 * ("event": the amended event once approved); inbox items "amendment": bool.
 * Besides the refusals above: an earlier round's submitter or an editor of
 * the terms deciding, PACTUM_ESEGREGATION; a person approving a second time
 * in one step, for themselves or for anyone, PACTUM_ECONFLICT; an actor (or
 * the approver a delegate acts for) not employed on the action's date or on
 * the database clock when it is recorded, PACTUM_ESTATE.
 * ------------------------------------------------------------------------- */

/* *policy: "refuse" (the default) or "allow", malloc'd (pactum_free). */
PACTUM_EXTERN(int) pactum_direct_activation(pactum_db *db, char **policy);
/* Sets direct_activation to `policy` ("refuse" or "allow"): a
 * "setting_changed" event (no contract) with `by` (who, free text), `reason`
 * and the date `on` (NULL: the database clock). The same value again:
 * PACTUM_ESTATE, nothing written. *event_json (optional): the event. */
PACTUM_EXTERN(int) pactum_set_direct_activation(pactum_db *db, const char *policy, const char *by, const char *reason,
                                                const char *on, char **event_json);
/* *in_use: 1 when routing is in use for contracts of `type` (one of them was
 * submitted, or the current table — loaded by the host — routes the type),
 * else 0. */
PACTUM_EXTERN(int) pactum_routing_in_use(pactum_db *db, const char *type, int *in_use);

/* ---------------------------------------------------------------------------
 * Import and export (docs/import.md).
 *  - pactum_import_file reads one CSV or JSON Lines file of one kind:
 *    "departments", "employees", "contracts", "payments", "reversals",
 *    "deliveries" or "satisfaction". The whole file is one transaction (a
 *    savepoint inside pactum_begin()). In mode "all" (the default) a bad row
 *    rolls everything back and returns that row's error code; the message
 *    names the line, the column and the reason ("line 5001, column 'amount':
 *    '1,000.00' is not a valid amount ..."). In mode "skip" the good rows are
 *    committed and the bad ones listed in the report. Rows already recorded
 *    with the same content change nothing; other content is PACTUM_ECONFLICT.
 *  - options_json (NULL: defaults): {"version":1,"mode":"all"|"skip",
 *    "format":"auto"|"csv"|"jsonl","report":"PATH","max_bytes":N}; "auto"
 *    goes by the file name (.csv, .jsonl, .ndjson); "report" also writes the
 *    report there (CSV when PATH ends in .csv, else the JSON below), as a
 *    whole and owner-only; a PATH that is the database, its -wal/-shm files
 *    or the input is PACTUM_EINVALID (nothing written). A refusal of the
 *    whole file (its header, an unreadable or too large file, a storage
 *    failure, a cancellation) writes the report too, "committed":false, the
 *    refusal in "errors" (line 0 unless it names one). "max_bytes" bounds the
 *    input (default 4 GiB); the input must be a regular file (/dev/zero or a
 *    pipe: PACTUM_EINVALID).
 *  - progress (may be NULL) is called with the rows read so far and the rows
 *    in the file every 1,000 rows and after the last one, on the calling
 *    thread; returning non-zero cancels: everything is rolled back and
 *    PACTUM_ECANCELLED returned. It must not call Pactum with the same handle
 *    to write.
 *  - *report_json (may be NULL; NULL on failure), freed with pactum_free:
 *    {"version":1,"kind":"payments","mode":"skip","format":"csv","rows":10000,
 *     "applied":9999,"unchanged":0,"skipped":1,"committed":true,
 *     "errors":[{"line":5001,"column":"amount","code":-1,
 *                "error":"PACTUM_EINVALID","key":"core.bad_amount",
 *                "message":"'1,000.00' is not a valid amount ..."}]}
 * ------------------------------------------------------------------------- */

/* Called during an import; a non-zero return cancels it. */
typedef int (*pactum_progress_fn)(int64_t rows_done, int64_t rows_total, void *user_data);

PACTUM_EXTERN(int) pactum_import_file(pactum_db *db, const char *kind, const char *path, const char *options_json,
                                      pactum_progress_fn progress, void *user_data, char **report_json);
/* Writes every table as DIRECTORY/TABLE.jsonl and DIRECTORY/manifest.json
 * (each file's size and SHA-256) from one consistent snapshot, into a new
 * directory put in place as a whole (docs/import.md "Export"): an older
 * export there is replaced entirely; a directory that is not an export, or a
 * symbolic link, is PACTUM_EINVALID. */
PACTUM_EXTERN(int) pactum_export(pactum_db *db, const char *directory);
/* Restores an export into this database, which must hold nothing a new
 * database would not (else PACTUM_ESTATE) and have no open transaction
 * (PACTUM_ESTATE). A broken export (a file that does not match the manifest,
 * a symbolic link, a bad line, totals that disagree with the events) is
 * PACTUM_EINVALID naming the file and line, never quoting its content;
 * nothing is changed then. Exporting the result gives identical files. */
PACTUM_EXTERN(int) pactum_import_export(pactum_db *db, const char *directory);

/* ---------------------------------------------------------------------------
 * Tracking and reports (docs/reports.md): reminders, acknowledgements, lead
 * times per contract type, and the department, employee and forecast reports.
 *  - `as_of` and `on` are "YYYY-MM-DD"; NULL means the database clock. A
 *    period is "2024-Q1", "2024-01", "2024" or "2024-01-15..2024-04-14".
 *  - These calls first bring the tracking index up to date with the event log
 *    (a write when new events arrived): they may wait for another
 *    connection's write lock like any write.
 *  - `format`: NULL or "json" gives the JSON document, "text" an aligned text
 *    table in the handle's language, "csv" the rows as RFC 4180 CSV (CRLF line
 *    ends; column names in the first line). The forecast has three tables:
 *    "csv:expiring", "csv:under_collected", "csv:installments".
 *  - Reminder ids are text and stable: "expiry:42:2024-12-31",
 *    "payment_due:42:3:2024-05-01" (instalment 3), "payment_overdue:...",
 *    "delivery_due:42:2024-06-01", "delivery_late:...",
 *    "approval_overdue:42:2.1:2024-03-05" (round 2, step 1).
 *  - Reminders document: {"version":1,"as_of":"2024-03-10","reminders":[{"id":
 *    "payment_due:1:2:2024-03-15","kind":"payment_due","contract":1,
 *    "number":"HT-2024-SD-0001","type":"sales","owner":"E2","department":"SD",
 *    "counterparty":"...","key_account":false,"due":"2024-03-15",
 *    "trigger":"2024-03-08","days":5,"installment":2,
 *    "installment_amount":"700.00","unpaid":"700.00","currency":"CNY",
 *    "round":null,"step":null,"message":"..."}]}
 *  - Department report: {"version":1,"report":"departments","period":"2024-Q1",
 *    ...,"departments":[{"department":"MKT","name":"...","contracts_due":25,
 *    "executed":23,"execution_rate":"0.920000","execution_ratio":"23/25",
 *    "employees":5,"scored":5,"average_score":"86.00","average_score_10":"8.600",
 *    "average_score_exact":"86"}],"correlation":{"points":3,"r":"0.996616",
 *    "r_squared":"147/148"}}; nulls for undefined figures.
 *  - Employee report: {"version":1,"report":"employees",...,"signed_cutoff":
 *    "800000.00","collection_cutoff":"0.800000",...,"employees":[{"employee":
 *    "E02",...,"signed_amount":"1500000.00","collection_rate":"1.000000",
 *    "score":"92.00","score_10":"9.200","signed_rank":2,"collection_rank":1,
 *    "score_rank":1,"high_signing":true,"high_execution":true,
 *    "classification":"high_contribution_high_performance",
 *    "recommended_action":"promote","action":"..."}]}.
 *  - Forecast: {"version":1,"report":"forecast","as_of":..,"months":3,
 *    "horizon_end":..,"threshold":"0.5","expiring_count":20,"key_accounts":10,
 *    "under_collected_count":5,"expiring":[...],"under_collected":[...],
 *    "installments":[{"month":1,"from":..,"to":..,"installments":9,
 *    "contracts":9,"amount":"840000.00","unpaid":"40000.00"}]}.
 * ------------------------------------------------------------------------- */

/* The reminders due on `as_of` and not acknowledged (*reminders: a document in
 * `format`). */
PACTUM_EXTERN(int) pactum_reminders(pactum_db *db, const char *as_of, const char *format, char **reminders);
/* Acknowledges reminder `reminder_id` for good, by `by` (NULL: nobody named)
 * on `on`. A malformed id: PACTUM_EINVALID; an id naming no reminder of that
 * contract: PACTUM_ENOTFOUND. Again: the first acknowledgement.
 * *ack_json (may be NULL): {"version":1,"id":..,"contract":1,"on":..,
 * "actor":..,"recorded_at":..}. */
PACTUM_EXTERN(int) pactum_acknowledge(pactum_db *db, const char *reminder_id, const char *by, const char *on,
                                      char **ack_json);
/* {"version":1,"acknowledgements":[...]} of one contract (number or id), or
 * of all (NULL). */
PACTUM_EXTERN(int) pactum_acknowledgements(pactum_db *db, const char *contract, char **acks_json);
/* The lead time of reminder `kind` ("expiry", "payment_due", ...) in days for
 * contracts of `type` (NULL: the default of every type without its own):
 * 0..3650 days before the date for expiry, payment_due and delivery_due,
 * 1..3650 days after it for the others. */
PACTUM_EXTERN(int) pactum_set_reminder_lead(pactum_db *db, const char *type, const char *kind, int days);
/* {"version":1,"type":"sales","expiry":30,"payment_due":7,"payment_overdue":1,
 * "delivery_due":7,"delivery_late":1,"approval_overdue":1} in force for `type`
 * (NULL: the database default). */
PACTUM_EXTERN(int) pactum_reminder_leads(pactum_db *db, const char *type, char **leads_json);
/* The department report of `period` as of `as_of`. */
PACTUM_EXTERN(int) pactum_report_departments(pactum_db *db, const char *period, const char *as_of, const char *format,
                                             char **report);
/* The employee report; options_json (NULL: none): {"version":1,
 * "department":"SD","position":"sales","signed_cutoff":"800000.00",
 * "collection_cutoff":"0.8"} (without cut-offs "high" is the top half of the
 * employee's position group). Classes and actions are stable codes in JSON
 * and CSV ("high_contribution_high_performance", "promote", ...), labels in
 * text. */
PACTUM_EXTERN(int) pactum_report_employees(pactum_db *db, const char *period, const char *as_of,
                                           const char *options_json, const char *format, char **report);
/* The forecast from `as_of`; options_json (NULL: none): {"version":1,
 * "months":3,"threshold":"0.5"}. */
PACTUM_EXTERN(int) pactum_forecast(pactum_db *db, const char *as_of, const char *options_json, const char *format,
                                   char **report);

/* ---------------------------------------------------------------------------
 * Classification of employees (docs/reports.md "Classification"): a decision
 * table of the routing engine whose inputs are coverage, score, score_half,
 * contribution and execution and whose outputs are "class" and "action",
 * stored and versioned like routing tables; position groups say who is
 * compared with whom.
 * ------------------------------------------------------------------------- */

/* The default table (docs/classification-default.json). */
PACTUM_EXTERN(int) pactum_default_classification_table(char **table_json);
/* Checks `table_json` and makes it the table the employee report uses; gaps
 * or overlaps refuse it (PACTUM_EINVALID, nothing stored) unless `flags`
 * (PACTUM_ROUTING_ALLOW_GAPS, PACTUM_ROUTING_ALLOW_OVERLAPS) allow them. The
 * same id and version with another document, or a version below the id's
 * latest: PACTUM_ECONFLICT. *findings_json (may be NULL) receives the
 * findings. */
PACTUM_EXTERN(int) pactum_load_classification(pactum_db *db, const char *table_json, unsigned int flags,
                                              char **findings_json);
/* The findings of `table_json`, nothing stored. */
PACTUM_EXTERN(int) pactum_check_classification(pactum_db *db, const char *table_json, char **findings_json);
/* The canonical document of the current table. */
PACTUM_EXTERN(int) pactum_classification_table(pactum_db *db, char **table_json);
/* {"version":1,"tables":[{"id":"default","version":1,"current":true}]}. */
PACTUM_EXTERN(int) pactum_classification_tables(pactum_db *db, char **out_json);
/* Employees in `position` are compared with those of `group` (NULL: with
 * their own position again). */
PACTUM_EXTERN(int) pactum_set_position_group(pactum_db *db, const char *position, const char *group);
/* The group of `position` (the position itself unless grouped). */
PACTUM_EXTERN(int) pactum_position_group(pactum_db *db, const char *position, char **group);

/* ---------------------------------------------------------------------------
 * The HTML report, the monthly collection trend, and labels
 * (docs/reports-html.md).
 *  - The HTML report is one self-contained UTF-8 page (inline CSS and SVG, no
 *    script, no network resource) in the handle's language: the department
 *    scatter (execution rate against average score), the score distribution,
 *    the monthly collection trend, the ranking table and the forecast. The
 *    same data gives byte-identical pages.
 *  - Report options (NULL: none): {"version":1,"sections":["departments",
 *    "employees","collections","forecast"],"title":"...","months":3,
 *    "threshold":"0.5","department":"SD","position":"sales",
 *    "signed_cutoff":"800000.00","collection_cutoff":"0.8","types":["sales"]};
 *    every member optional, unknown or duplicate members refused.
 *  - Collection trend: instalments due and money collected (payments less
 *    reversals) per month of the period up to min(as_of, period end), in the
 *    reporting currency. Options (NULL: none): {"version":1,"types":["sales"]}
 *    (default: every type except labour and procurement). Document:
 *    {"version":1,"report":"collections","period":"2024",...,"months":[{
 *    "month":"2024-01","from":..,"to":..,"due":"840000.00","collected":..,
 *    "due_to_date":..,"collected_to_date":..,"collection_rate":"0.952381",
 *    "collection_ratio":"20/21"}]}.
 *  - Labels: small facts a host keeps with the database; a name is 1 to 64
 *    ASCII letters, digits, '.', '_' or '-', a value UTF-8 of at most 4,096
 *    bytes.
 * ------------------------------------------------------------------------- */

/* The collection trend of `period` as of `as_of` (NULL: the database clock);
 * `format` NULL or "json", "text" or "csv". *report freed with pactum_free. */
PACTUM_EXTERN(int) pactum_collection_trend(pactum_db *db, const char *period, const char *as_of,
                                           const char *options_json, const char *format, char **report);
/* The HTML report of `period` as of `as_of` (NULL: the database clock).
 * *html freed with pactum_free. */
PACTUM_EXTERN(int) pactum_report_html(pactum_db *db, const char *period, const char *as_of, const char *options_json,
                                      char **html);
/* Sets (or replaces) label `name`. */
PACTUM_EXTERN(int) pactum_set_label(pactum_db *db, const char *name, const char *value);
/* The value of label `name` (*value freed with pactum_free); PACTUM_ENOTFOUND
 * when it was never set. */
PACTUM_EXTERN(int) pactum_label(pactum_db *db, const char *name, char **value);
/* {"version":1,"labels":{"name":"value",...}} by name; freed with pactum_free. */
PACTUM_EXTERN(int) pactum_labels(pactum_db *db, char **labels_json);

#ifdef __cplusplus
}
#endif

#endif /* PACTUM_H */
