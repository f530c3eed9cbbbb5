/* Approval routing through the C API: checking, evaluating, the default
 * table, malformed tables and NULL arguments. Compiled as C99. */
#include <stdio.h>

#include "check.h"

/* The article's two rules: over 100,000 the general manager, under 50,000
 * the department manager. */
static const char *kArticle =
    "{\"id\": \"article\", \"version\": 1, \"hit_policy\": \"UNIQUE\","
    " \"inputs\": [{\"name\": \"type\", \"type\": \"text\"}, {\"name\": \"amount\", \"type\": \"money\"}],"
    " \"rules\": ["
    "  {\"id\": \"over-100000\", \"when\": {\"amount\": \"> 100000\"}, \"route\": [{\"role\": \"general_manager\"}]},"
    "  {\"id\": \"under-50000\", \"when\": {\"amount\": \"< 50000\"}, \"route\": [{\"role\": \"dept_manager\"}]}]}";

static const char *kCollect =
    "{\"id\": \"c\", \"version\": 2, \"hit_policy\": \"COLLECT\","
    " \"inputs\": [{\"name\": \"amount\", \"type\": \"money\"}, {\"name\": \"key_account\", \"type\": \"boolean\"}],"
    " \"rules\": ["
    "  {\"id\": \"all\", \"route\": [{\"role\": \"finance\"}, {\"role\": \"dept_manager\"}]},"
    "  {\"id\": \"key\", \"when\": {\"key_account\": \"true\"}, \"route\": [{\"role\": \"finance\", \"mode\": \"all\"}]}]}";

static int contains(const char *haystack, const char *needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Tables stored in a database: the default, loading, versions, the current table. */
static void stored_tables(void) {
  pactum_db *db = NULL;
  char *out = NULL;
  CHECK_OK(pactum_open(":memory:", NULL, &db));

  CHECK_OK(pactum_routing_tables(db, &out));
  CHECK_STR(out, "{\"version\":1,\"tables\":[{\"id\":\"default\",\"version\":1,\"current\":true}]}");
  CHECK_OK(pactum_evaluate_loaded_routing(db, "{\"type\": \"labour\", \"amount\": 1}", &out));
  CHECK(contains(out, "\"route\":[{\"role\":\"dept_manager\",\"mode\":\"any\"},{\"role\":\"hr\",\"mode\":\"any\"}]"));
  CHECK(contains(out, "\"table\":\"default\",\"table_version\":1"));
  pactum_free(out);
  out = NULL;

  /* The article's table has a gap: refused, unless allowed. */
  CHECK_CODE(pactum_load_routing(db, kArticle, 0, &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("1 gap(s)");
  CHECK(out == NULL);
  CHECK_OK(pactum_routing_table(db, NULL, 0, &out));
  CHECK(contains(out, "\"id\":\"default\""));
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_load_routing(db, kArticle, PACTUM_ROUTING_ALLOW_GAPS, &out));
  CHECK(contains(out, "\"region\":{\"amount\":\"[50000, 100000]\"}"));
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_load_routing(db, kArticle, PACTUM_ROUTING_ALLOW_GAPS, NULL)); /* again: no-op, findings not wanted */
  CHECK_OK(pactum_routing_table(db, NULL, 0, &out));
  CHECK(contains(out, "\"id\":\"article\""));
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_evaluate_loaded_routing(db, "{\"amount\": \"150000\"}", &out));
  CHECK(contains(out, "\"matched_rules\":[\"over-100000\"]"));
  pactum_free(out);
  out = NULL;
  CHECK_CODE(pactum_evaluate_loaded_routing(db, "{\"amount\": \"75000\"}", &out), PACTUM_ENOROUTE);

  /* Versions are immutable. */
  CHECK_CODE(pactum_load_routing(db, kCollect, 0, NULL), PACTUM_OK);
  {
    char changed[2048];
    const char *at = strstr(kCollect, "\"finance\"}, {\"role\": \"dept_manager\"}");
    size_t head = (size_t)(at - kCollect);
    CHECK(at != NULL && strlen(kCollect) + 8 < sizeof changed);
    memcpy(changed, kCollect, head);
    strcpy(changed + head, "\"legal\"}, {\"role\": \"dept_manager\"}");
    strcat(changed, at + strlen("\"finance\"}, {\"role\": \"dept_manager\"}"));
    CHECK_CODE(pactum_load_routing(db, changed, 0, NULL), PACTUM_ECONFLICT);
  }
  CHECK_OK(pactum_routing_tables(db, &out));
  CHECK_STR(out,
            "{\"version\":1,\"tables\":[{\"id\":\"article\",\"version\":1,\"current\":false},"
            "{\"id\":\"c\",\"version\":2,\"current\":true},{\"id\":\"default\",\"version\":1,\"current\":false}]}");
  CHECK_OK(pactum_routing_table(db, "default", 1, &out));
  CHECK(contains(out, "\"id\":\"default\""));
  pactum_free(out);
  out = NULL;
  CHECK_OK(pactum_routing_table(db, "c", 0, &out));
  CHECK(contains(out, "\"version\":2"));
  pactum_free(out);
  out = NULL;
  CHECK_CODE(pactum_routing_table(db, "c", 1, &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_routing_table(db, "nobody", 0, &out), PACTUM_ENOTFOUND);
  CHECK_CODE(pactum_routing_table(db, "c", -1, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_routing_table(db, NULL, 3, &out), PACTUM_EINVALID);

  /* A load rolled back leaves no trace. */
  CHECK_OK(pactum_begin(db));
  CHECK_OK(pactum_load_routing(db, kArticle, PACTUM_ROUTING_ALLOW_GAPS, NULL));
  CHECK_OK(pactum_rollback(db));
  CHECK_OK(pactum_routing_table(db, NULL, 0, &out));
  CHECK(contains(out, "\"id\":\"c\""));
  pactum_free(out);
  out = NULL;

  /* Messages in the handle's language. */
  CHECK_OK(pactum_set_lang(db, "zh-CN"));
  CHECK_OK(pactum_check_routing_db(db, kArticle, &out));
  CHECK(contains(out, "\"message\":\"缺口"));
  pactum_free(out);
  out = NULL;
  CHECK_CODE(pactum_load_routing(db, "{\"id\": \"x\", \"version\": 1, \"inputs\": [], \"rules\": [{\"id\": \"r1\", \"route\": []}]}",
                                 0, NULL),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("规则“r1”(第 1 条)");

  /* Bad arguments. */
  CHECK_CODE(pactum_load_routing(db, kArticle, 4u, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_load_routing(db, NULL, 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_load_routing(NULL, kArticle, 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_load_routing(db, "{", 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_routing_db(NULL, kArticle, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_routing_db(db, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_check_routing_db(db, kArticle, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_routing_table(NULL, NULL, 0, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_routing_table(db, NULL, 0, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_routing_tables(NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_routing_tables(db, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_loaded_routing(NULL, "{}", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_loaded_routing(db, NULL, &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_loaded_routing(db, "{}", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_loaded_routing(db, "{\"amount\": 1.5}", &out), PACTUM_EINVALID);
  CHECK(out == NULL);
  pactum_close(db);
}

int main(void) {
  char *out = NULL;

  /* The article's table: one gap, exactly [50000, 100000]. */
  CHECK_OK(pactum_check_routing(kArticle, &out));
  CHECK(contains(out, "\"errors\":1"));
  CHECK(contains(out, "\"kind\":\"gap\""));
  CHECK(contains(out, "\"severity\":\"error\""));
  CHECK(contains(out, "\"region\":{\"amount\":\"[50000, 100000]\"}"));
  CHECK(contains(out, "\"zh-CN\":"));
  CHECK(!contains(out, "\"kind\":\"overlap\""));
  pactum_free(out);
  out = NULL;

  /* The default table checks clean and routes 75,000 through finance. */
  CHECK_OK(pactum_default_routing_table(&out));
  CHECK(contains(out, "\"id\": \"default\""));
  {
    char *findings = NULL;
    char *result = NULL;
    CHECK_OK(pactum_check_routing(out, &findings));
    CHECK_STR(findings, "{\"version\":1,\"errors\":0,\"warnings\":0,\"findings\":[]}");
    CHECK_OK(pactum_evaluate_routing(out, "{\"type\": \"sales\", \"amount\": \"75000.00\", \"currency\": \"CNY\"}",
                                     &result));
    CHECK(contains(result, "\"route\":[{\"role\":\"dept_manager\",\"mode\":\"any\"},{\"role\":\"finance\",\"mode\":\"any\"}]"));
    CHECK(contains(result, "\"matched_rules\":[\"50000-to-100000\"]"));
    CHECK(contains(result, "\"table\":\"default\",\"table_version\":1"));
    CHECK(contains(result, "\"amount\":\"75000.00\""));
    pactum_free(result);
  }
  pactum_free(out);
  out = NULL;

  /* COLLECT merges: finance once, with the stricter mode, in step order. */
  CHECK_OK(pactum_evaluate_routing(kCollect, "{\"version\": 1, \"amount\": 10, \"key_account\": true}", &out));
  CHECK(contains(out, "\"route\":[{\"role\":\"dept_manager\",\"mode\":\"any\"},{\"role\":\"finance\",\"mode\":\"all\"}]"));
  CHECK(contains(out, "\"matched_rules\":[\"all\",\"key\"]"));
  CHECK(contains(out, "\"key_account\":true"));
  pactum_free(out);
  out = NULL;

  /* No route: PACTUM_ENOROUTE naming the table and the inputs. */
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{\"type\": \"sales\", \"amount\": \"75000\"}", &out), PACTUM_ENOROUTE);
  CHECK_MESSAGE_HAS("'article'");
  CHECK_MESSAGE_HAS("amount=75000");
  CHECK(out == NULL);

  /* Malformed tables point at the rule, the input and the position. */
  CHECK_CODE(pactum_check_routing("{\"id\": \"x\", \"version\": 1, \"inputs\": [{\"name\": \"amount\", \"type\": \"money\"}],"
                                  " \"rules\": [{\"id\": \"r1\", \"when\": {\"amount\": \"< 5x\"}, \"route\": [{\"role\": \"a\"}]}]}",
                                  &out),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("rule 'r1' (number 1), input 'amount', position 4");
  CHECK_CODE(pactum_check_routing("{\"id\": \"x\", \"version\": 1, \"inputs\": [],"
                                  " \"rules\": [{\"id\": \"r1\", \"when\": {\"amout\": \"< 5\"}, \"route\": [{\"role\": \"a\"}]}]}",
                                  &out),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("'amout'");
  CHECK_CODE(pactum_check_routing("{\"id\": \"x\", \"version\": 1, \"inputs\": [], \"rules\": [{\"id\": \"r1\", \"route\": []}]}",
                                  &out),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("rule 'r1' (number 1) has an empty route");
  CHECK_CODE(pactum_check_routing("{\"id\": \"x\", \"version\": 1, \"hit_policy\": \"MOST\", \"inputs\": [],"
                                  " \"rules\": [{\"route\": [{\"role\": \"a\"}]}]}",
                                  &out),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("'MOST'");
  CHECK_CODE(pactum_check_routing("{\"id\": \"x\", \"version\": 1, \"inputs\": [],"
                                  " \"rules\": [{\"id\": \"r1\", \"route\": [{\"mode\": \"all\"}]}]}",
                                  &out),
             PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("step 1: the step names neither a role nor a person");
  CHECK_CODE(pactum_check_routing("{\"id\": ", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("line 1");
  CHECK_CODE(pactum_check_routing("{\"id\": \"\xc3\x28\"}", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("UTF-8");
  CHECK(out == NULL);

  /* A role nobody holds is fine. */
  CHECK_OK(pactum_check_routing("{\"id\": \"x\", \"version\": 1, \"inputs\": [],"
                                " \"rules\": [{\"route\": [{\"role\": \"nobody_yet\"}]}]}",
                                &out));
  CHECK_STR(out, "{\"version\":1,\"errors\":0,\"warnings\":0,\"findings\":[]}");

  /* Malformed inputs. */
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{\"amount\": 75000.5}", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{\"amount\": \"-5\"}", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{\"amount\": \"99999999999999999999\"}", &out), PACTUM_EOVERFLOW);
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{\"type\": \"sales\"}", &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("'amount'");
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{\"colour\": \"red\"}", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_routing(kArticle, "not json", &out), PACTUM_EINVALID);
  CHECK(out == NULL);

  /* NULL arguments. */
  CHECK_CODE(pactum_check_routing(NULL, &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("table_json");
  CHECK_CODE(pactum_check_routing(kArticle, NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_routing(NULL, "{}", &out), PACTUM_EINVALID);
  CHECK_CODE(pactum_evaluate_routing(kArticle, NULL, &out), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("inputs_json");
  CHECK_CODE(pactum_evaluate_routing(kArticle, "{}", NULL), PACTUM_EINVALID);
  CHECK_CODE(pactum_default_routing_table(NULL), PACTUM_EINVALID);
  CHECK(out == NULL);
  CHECK(strcmp(pactum_error_name(PACTUM_ENOROUTE), "PACTUM_ENOROUTE") == 0);

  stored_tables();
  return check_report("capi_routing_test");
}
