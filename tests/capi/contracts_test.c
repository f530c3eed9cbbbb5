/* The org directory, contracts and the event log through the C API (C99). */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char db_path[256];

static void setup_company(pactum_db *db) {
  CHECK_OK(pactum_add_department(db, "SD", "销售部", NULL, NULL));
  CHECK_OK(pactum_add_department(db, "HR", "人力资源部", NULL, NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E2", "李四", "SD", "sales", "2021-06-01", "E1"));
  CHECK_OK(pactum_add_employee(db, "E3", "王五", "HR", "hr", NULL, NULL));
  CHECK_OK(pactum_set_department_manager(db, "SD", "E1", NULL));
}

static const char *kSpec =
    "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000.00\",\"signed\":\"2024-01-10\","
    "\"end\":\"2024-12-31\",\"delivery_due\":\"2024-03-01\",\"counterparty\":\"华东机械\","
    "\"installments\":[{\"due\":\"2024-02-01\",\"amount\":\"300.00\"},{\"due\":\"2024-03-01\",\"amount\":\"700.00\"}],"
    "\"attributes\":{\"budget\":{\"type\":\"money\",\"value\":\"900.00 CNY\"},\"region\":\"华东\"}}";

static void test_org(pactum_db *db) {
  char *out = NULL;
  CHECK_OK(pactum_department(db, "SD", NULL, &out));
  CHECK_JSON_HAS(out, "\"name\":\"销售部\"");
  CHECK_JSON_HAS(out, "\"manager\":\"E1\"");
  CHECK_JSON_HAS(out, "\"version\":1");
  pactum_free(out);
  CHECK_OK(pactum_departments(db, NULL, &out));
  CHECK_JSON_HAS(out, "\"code\":\"HR\"");
  pactum_free(out);

  CHECK_OK(pactum_transfer(db, "E2", "HR", NULL, "2024-04-01"));
  CHECK_OK(pactum_department_of(db, "E2", "2024-03-31", &out));
  CHECK_STR(out, "SD");
  CHECK_OK(pactum_department_of(db, "E2", "2024-04-01", &out));
  CHECK_STR(out, "HR");
  CHECK_OK(pactum_postings(db, "E2", &out));
  CHECK_JSON_HAS(out, "\"from\":\"2024-04-01\"");
  pactum_free(out);
  CHECK_OK(pactum_employee(db, "E2", "2024-05-01", &out));
  CHECK_JSON_HAS(out, "\"department\":\"HR\"");
  CHECK_JSON_HAS(out, "\"manager\":\"E1\"");
  pactum_free(out);
  CHECK_OK(pactum_employees(db, "SD", "2024-05-01", &out));
  CHECK_JSON_HAS(out, "\"id\":\"E1\"");
  CHECK(strstr(out, "\"id\":\"E2\"") == NULL);
  pactum_free(out);

  CHECK_OK(pactum_assign_role(db, "E3", "finance", NULL, NULL));
  CHECK_OK(pactum_assign_role(db, "E2", "finance", "SD", "2024-01-01"));
  CHECK_OK(pactum_role_holders(db, "finance", "SD", "2024-02-01", &out));
  CHECK_JSON_HAS(out, "\"employees\":[\"E2\"]");
  pactum_free(out);
  CHECK_OK(pactum_role_holders(db, "finance", "HR", "2024-02-01", &out));
  CHECK_JSON_HAS(out, "\"employees\":[\"E3\"]");
  pactum_free(out);
  CHECK_OK(pactum_revoke_role(db, "E2", "finance", "SD", "2024-06-01"));
  CHECK_OK(pactum_role_holders(db, "finance", "SD", "2024-06-01", &out));
  CHECK_JSON_HAS(out, "\"employees\":[\"E3\"]");
  pactum_free(out);
  CHECK_OK(pactum_roles_of(db, "E2", &out));
  CHECK_JSON_HAS(out, "\"until\":\"2024-06-01\"");
  pactum_free(out);

  CHECK_OK(pactum_set_employee_manager(db, "E3", "E1"));
  CHECK_OK(pactum_set_employee_manager(db, "E3", NULL));
  CHECK_OK(pactum_add_employee(db, "E4", "田中", "HR", "hr", "2022-01-01", NULL));
  CHECK_OK(pactum_deactivate_employee(db, "E4", "2024-01-31"));
  CHECK_OK(pactum_employee(db, "E4", "2024-02-01", &out));
  CHECK_JSON_HAS(out, "\"active\":false");
  pactum_free(out);
}

/* Names are data: SQL, wildcards, CJK and emoji round-trip exactly. */
static void test_strings(pactum_db *db) {
  static const char *names[] = {"'); DROP TABLE contracts;--", "100%", "a_b", "営業部", "🚀 team"};
  char code[8];
  char *out = NULL;
  size_t i;
  for (i = 0; i < sizeof names / sizeof names[0]; ++i) {
    snprintf(code, sizeof code, "X%u", (unsigned)i);
    CHECK_OK(pactum_add_department(db, code, names[i], NULL, NULL));
    CHECK_OK(pactum_department(db, code, NULL, &out));
    CHECK_JSON_HAS(out, names[i]);
    pactum_free(out);
  }
  CHECK_CODE(pactum_add_department(db, "BAD", "\xC3\x28", NULL, NULL), PACTUM_EINVALID);
  CHECK_MESSAGE_HAS("UTF-8");
}

static void test_contracts(pactum_db *db) {
  char *out = NULL;
  char *again = NULL;
  char *before;
  char *after;
  CHECK_OK(pactum_create_contract(db, kSpec, &out));
  CHECK_JSON_HAS(out, "\"number\":\"HT-2024-SD-0001\"");
  CHECK_JSON_HAS(out, "\"status\":\"draft\"");
  CHECK_JSON_HAS(out, "\"department\":\"SD\"");
  CHECK_JSON_HAS(out, "\"value\":\"900.00 CNY\"");
  pactum_free(out);
  CHECK_OK(pactum_contract(db, "1", &out));
  CHECK_JSON_HAS(out, "\"number\":\"HT-2024-SD-0001\"");
  pactum_free(out);
  CHECK_OK(pactum_contract(db, "HT-2024-SD-0001", &out));
  CHECK_JSON_HAS(out, "\"id\":1");
  pactum_free(out);
  CHECK_CODE(pactum_contract(db, "HT-2099-XX-0001", &out), PACTUM_ENOTFOUND);
  CHECK_MESSAGE_HAS("HT-2099-XX-0001");

  CHECK_OK(pactum_activate(db, "HT-2024-SD-0001", "2024-01-10", &out));
  CHECK_JSON_HAS(out, "\"type\":\"activated\"");
  pactum_free(out);

  /* Idempotency: the same payment twice changes nothing. */
  CHECK_OK(pactum_record_payment(db, "1", "300.00", "2024-01-31", "BANK-1", NULL, &out));
  CHECK_JSON_HAS(out, "\"amount\":\"300.00\"");
  CHECK_JSON_HAS(out, "\"key\":\"BANK-1\"");
  before = logical_dump(db_path);
  CHECK_OK(pactum_record_payment(db, "1", "300.00", "2024-01-31", "BANK-1", "finance", &again));
  after = logical_dump(db_path);
  CHECK(strcmp(before, after) == 0);
  CHECK(again != NULL && strcmp(out, again) == 0);
  free(before);
  free(after);
  pactum_free(out);
  pactum_free(again);
  /* The same key with another amount: a conflict naming the key. */
  CHECK_REFUSED(db, pactum_record_payment(db, "1", "300.01", "2024-01-31", "BANK-1", NULL, NULL), PACTUM_ECONFLICT,
                "BANK-1", "BANK-1");

  CHECK_OK(pactum_record_payment(db, "1", "200.00", "2024-03-01", "BANK-2", NULL, NULL));
  CHECK_OK(pactum_reverse_payment(db, "BANK-2", "2024-03-05", NULL, &out));
  CHECK_JSON_HAS(out, "\"amount\":\"-200.00\"");
  pactum_free(out);
  CHECK_OK(pactum_record_delivery(db, "1", 1, "2024-03-04", NULL));
  CHECK_OK(pactum_record_satisfaction(db, "1", 90, "2024-03-10", NULL));
  CHECK_OK(pactum_record_dispute(db, "1", NULL, "2024-03-11", NULL));
  CHECK_OK(pactum_record_event(db,
                               "{\"version\":1,\"type\":\"payment_received\",\"contract\":1,\"amount\":\"900.00\","
                               "\"on\":\"2024-04-01\",\"ref\":\"OVER\",\"allow_overpayment\":true}",
                               &out));
  CHECK_JSON_HAS(out, "\"amount\":\"900.00\"");
  pactum_free(out);
  CHECK_OK(pactum_record_event(db,
                               "{\"version\":1,\"type\":\"satisfaction\",\"contract\":\"HT-2024-SD-0001\","
                               "\"score\":80,\"on\":\"2024-04-02\",\"source\":\"crm\",\"key\":\"S-1\"}",
                               NULL));

  CHECK_OK(pactum_execution(db, "1", "2024-03-31", &out));
  CHECK_JSON_HAS(out, "\"collected\":\"300.00\"");
  CHECK_JSON_HAS(out, "\"collection_rate\":\"0.300000\"");
  CHECK_JSON_HAS(out, "\"overdue_installments\":1");
  CHECK_JSON_HAS(out, "\"overdue\":[{\"amount\":\"700.00\"");
  CHECK_JSON_HAS(out, "\"delivery_late_days\":3");
  pactum_free(out);

  CHECK_OK(pactum_contract_events(db, "1", &out));
  CHECK_JSON_HAS(out, "\"type\":\"created\"");
  CHECK_JSON_HAS(out, "\"type\":\"payment_reversed\"");
  pactum_free(out);
  CHECK_OK(pactum_events_after(db, 0, 2, &out));
  CHECK_JSON_HAS(out, "\"seq\":2");
  CHECK(strstr(out, "\"seq\":3") == NULL);
  pactum_free(out);

  CHECK_OK(pactum_amend(db, "1", "延期", "{\"version\":1,\"end\":\"2025-06-30\"}", "2024-04-05", &out));
  CHECK_JSON_HAS(out, "\"reason\":\"延期\"");
  pactum_free(out);
  CHECK_OK(pactum_record_fact(db, "1", "dispute", "付款争议", "2024-04-05", &out));
  CHECK_JSON_HAS(out, "\"type\":\"dispute\"");
  CHECK_JSON_HAS(out, "\"reason\":\"付款争议\"");
  pactum_free(out);
  CHECK_OK(pactum_event_types(&out));
  CHECK_JSON_HAS(out, "\"name\":\"breach\",\"open_only\":true,\"shape\":\"reason\",\"transition\":\"breach\"");
  pactum_free(out);
  CHECK_CODE(pactum_event_types(NULL), PACTUM_EINVALID);
  CHECK_OK(pactum_record_breach(db, "1", "late", "2024-04-06", NULL));
  CHECK_OK(pactum_renew(db, "1", "{\"version\":1,\"signed\":\"2024-12-01\"}", &out));
  CHECK_JSON_HAS(out, "\"renews\":1");
  pactum_free(out);
  CHECK_OK(pactum_complete(db, "1", "2024-12-31", NULL));
  CHECK_OK(pactum_find_contracts(db, "{\"version\":1,\"status\":\"completed\"}", &out));
  CHECK_JSON_HAS(out, "\"number\":\"HT-2024-SD-0001\"");
  CHECK(strstr(out, "HT-2024-SD-0002") == NULL);
  pactum_free(out);
  CHECK_OK(pactum_find_contracts(db, NULL, &out));
  CHECK_JSON_HAS(out, "HT-2024-SD-0002");
  pactum_free(out);
  CHECK_OK(pactum_activate(db, "2", "2024-12-01", NULL));
  CHECK_OK(pactum_terminate(db, "2", "客户撤单", "2025-01-15", NULL));

  CHECK_OK(pactum_set_exchange_rate(db, "USD", "7.10", "2024-01-01"));
  CHECK_OK(pactum_exchange_rate(db, "USD", "2024-06-01", &out));
  CHECK_STR(out, "7.10");
  CHECK_OK(pactum_advance_to(db, "2025-02-01", &out));
  CHECK_JSON_HAS(out, "\"type\":\"clock_advanced\"");
  pactum_free(out);
}

static void test_refusals(pactum_db *db) {
  char *out = NULL;
  /* Contract 3: a draft of 100.00 signed 2025-01-10, activated below. */
  CHECK_OK(pactum_create_contract(db,
                                  "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"100.00\","
                                  "\"signed\":\"2025-01-10\",\"counterparty\":\"y\"}",
                                  &out));
  CHECK_JSON_HAS(out, "\"id\":3");
  pactum_free(out);
  /* Arguments. */
  CHECK_CODE(pactum_record_payment(NULL, "1", "1.00", NULL, "X", NULL, NULL), PACTUM_EINVALID);
  CHECK_REFUSED(db, pactum_record_payment(db, NULL, "1.00", NULL, "X", NULL, NULL), PACTUM_EINVALID,
                "'contract' must not be NULL", "不能为 NULL");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", NULL, NULL, "X", NULL, NULL), PACTUM_EINVALID, "'amount'",
                "“amount”");
  CHECK_REFUSED(db, pactum_contract(db, "1", NULL), PACTUM_EINVALID, "contract_json", "contract_json");
  CHECK_REFUSED(db, pactum_create_contract(db, "{\"version\":1,", NULL), PACTUM_EINVALID, "malformed JSON",
                "JSON 格式错误");
  CHECK_REFUSED(db, pactum_create_contract(db, "{\"version\":2}", NULL), PACTUM_EINVALID,
                "unsupported document version 2", "不支持的文档版本 2");
  CHECK_REFUSED(db,
                pactum_create_contract(db,
                                       "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":1000,"
                                       "\"signed\":\"2024-01-10\",\"counterparty\":\"x\"}",
                                       NULL),
                PACTUM_EINVALID, "'amount' must be a string", "“amount”必须是字符串");
  CHECK_REFUSED(db,
                pactum_create_contract(db,
                                       "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1.00\","
                                       "\"signed\":\"2024-01-10\",\"counterparty\":\"x\",\"ammount\":\"2\"}",
                                       NULL),
                PACTUM_EINVALID, "unknown JSON member 'ammount'", "未知的 JSON 成员“ammount”");
  CHECK_REFUSED(db, pactum_activate(db, "1", "2024-02-30", NULL), PACTUM_EINVALID, "'2024-02-30' is not a valid date",
                "不是有效日期");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "99999999999999999999", NULL, "X", NULL, NULL),
                PACTUM_EOVERFLOW, "out of range", "超出范围");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "1.00", "2025-02-01", "\xFF", NULL, NULL), PACTUM_EINVALID,
                "not valid UTF-8", "UTF-8");
  CHECK_REFUSED(db, pactum_add_employee(db, "E9", "", "SD", "sales", NULL, NULL), PACTUM_EINVALID,
                "'name' must not be empty", "“name”不能为空");
  CHECK_REFUSED(db, pactum_add_employee(db, "E9", "x", "ZZ", "sales", NULL, NULL), PACTUM_ENOTFOUND,
                "unknown department 'ZZ'", "未知部门“ZZ”");
  CHECK_REFUSED(db, pactum_transfer(db, "E2", "HR", NULL, "2021-01-01"), PACTUM_EINVALID, "before the hire date",
                "早于入职日期");

  /* Contracts. */
  CHECK_REFUSED(db, pactum_create_contract(db,
                                           "{\"version\":1,\"type\":\"sales\",\"owner\":\"E9\",\"amount\":\"1.00\","
                                           "\"signed\":\"2024-01-10\",\"counterparty\":\"x\"}",
                                           NULL),
                PACTUM_ENOTFOUND, "unknown employee 'E9'", "未知员工“E9”");
  CHECK_REFUSED(db, pactum_create_contract(db,
                                           "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1.00\","
                                           "\"currency\":\"EUR\",\"signed\":\"2024-01-10\",\"counterparty\":\"x\"}",
                                           NULL),
                PACTUM_ECURRENCY, "no exchange rate from EUR", "EUR 兑 CNY 的汇率");
  CHECK_REFUSED(db, pactum_create_contract(db,
                                           "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1000.00\","
                                           "\"signed\":\"2024-01-10\",\"counterparty\":\"x\",\"installments\":"
                                           "[{\"due\":\"2024-02-01\",\"amount\":\"900.00\"}]}",
                                           NULL),
                PACTUM_EINVALID, "100.00 short", "少 100.00");
  CHECK_REFUSED(db, pactum_create_contract(db,
                                           "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"-1.00\","
                                           "\"signed\":\"2024-01-10\",\"counterparty\":\"x\"}",
                                           NULL),
                PACTUM_EINVALID, "must be positive", "必须为正数");
  CHECK_REFUSED(db, pactum_create_contract(db,
                                           "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1.00\","
                                           "\"signed\":\"2024-01-10\",\"end\":\"2024-01-01\",\"counterparty\":\"x\"}",
                                           NULL),
                PACTUM_EINVALID, "before the", "早于");
  CHECK_REFUSED(db, pactum_create_contract(db,
                                           "{\"version\":1,\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"1.00\","
                                           "\"signed\":\"2024-01-10\",\"counterparty\":\" \"}",
                                           NULL),
                PACTUM_EINVALID, "must not be blank", "不能全是空白");

  /* Events on contract 3. */
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "1.00", "2025-02-01", "D1", NULL, NULL), PACTUM_ESTATE,
                "needs an activated contract", "需要已生效的合同");
  CHECK_OK(pactum_activate(db, "3", "2025-01-10", NULL));
  CHECK_REFUSED(db, pactum_record_payment(db, "999", "1.00", NULL, "X", NULL, NULL), PACTUM_ENOTFOUND,
                "unknown contract 999", "未知合同 999");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "1.00", "2025-01-09", "X", NULL, NULL), PACTUM_EINVALID,
                "before the signing date 2025-01-10", "早于合同");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "100.01", "2025-02-01", "X", NULL, NULL), PACTUM_EINVALID,
                "exceeds the 100.00 CNY outstanding", "超过合同");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "0", "2025-02-01", "X", NULL, NULL), PACTUM_EINVALID,
                "must be positive", "必须为正数");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "-5", "2025-02-01", "X", NULL, NULL), PACTUM_EINVALID,
                "must be positive", "必须为正数");
  CHECK_REFUSED(db, pactum_record_payment(db, "3", "1.00", "2025-02-01", "", NULL, NULL), PACTUM_EINVALID,
                "'ref' must not be empty", "“ref”不能为空");
  CHECK_REFUSED(db,
                pactum_record_event(db,
                                    "{\"version\":1,\"type\":\"payment_received\",\"contract\":3,\"amount\":\"1.00\","
                                    "\"currency\":\"USD\",\"ref\":\"X\",\"on\":\"2025-02-01\"}",
                                    NULL),
                PACTUM_ECURRENCY, "the payment is in USD", "回款货币是 USD");
  CHECK_REFUSED(db, pactum_record_fact(db, "3", "payment_received", NULL, "2025-02-01", NULL), PACTUM_EINVALID,
                "recorded by their own call", "专门的调用");
  CHECK_REFUSED(db, pactum_record_fact(db, "3", "no_such_type", NULL, "2025-02-01", NULL), PACTUM_EINVALID,
                "unknown event type 'no_such_type'", "未知事件类型");
  CHECK_REFUSED(db, pactum_record_fact(db, "3", NULL, NULL, "2025-02-01", NULL), PACTUM_EINVALID, "type", "type");
  CHECK_REFUSED(db, pactum_reverse_payment(db, "NOPE", NULL, NULL, NULL), PACTUM_ENOTFOUND,
                "no payment with ref 'NOPE'", "没有编号为“NOPE”的回款");
  CHECK_REFUSED(db, pactum_reverse_payment(db, "BANK-2", "2024-03-06", NULL, NULL), PACTUM_ECONFLICT,
                "already reversed on 2024-03-05", "已于 2024-03-05 冲销");
  CHECK_REFUSED(db, pactum_record_satisfaction(db, "3", 101, "2025-02-01", NULL), PACTUM_EINVALID,
                "outside 0..100", "不在 0..100 范围内");
  CHECK_REFUSED(db, pactum_record_delivery(db, "1", 1, "2025-02-01", NULL), PACTUM_ESTATE,
                "is not accepted after it closed", "结束后不能再登记");
  CHECK_REFUSED(db, pactum_activate(db, "3", NULL, NULL), PACTUM_ESTATE, "activate is not allowed",
                "不允许 activate");
  CHECK_REFUSED(db, pactum_terminate(db, "3", "x", "2025-01-01", NULL), PACTUM_EINVALID, "before the signing date",
                "早于合同");
  CHECK_REFUSED(db, pactum_advance_to(db, "2025-01-31", NULL), PACTUM_EINVALID, "cannot move back to 2025-01-31",
                "不能回退到 2025-01-31");
  CHECK_REFUSED(db, pactum_amend(db, "3", "x", "{\"version\":1,\"amount\":\"200.00\"}", "2025-02-01", NULL),
                PACTUM_EINVALID, "needs a new instalment schedule", "新的分期付款计划");
  CHECK_REFUSED(db, pactum_events_after(db, 0, 0, &out), PACTUM_EINVALID, "limit 0", "数量上限 0");
}

int main(void) {
  pactum_db *db = NULL;
  char dir[200];
  if (temp_dir_make(dir, sizeof dir, "contracts") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/contracts.db", dir);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  setup_company(db);
  test_org(db);
  test_strings(db);
  test_contracts(db);
  test_refusals(db);
  pactum_close(db);
  temp_dir_remove(dir);
  return check_report("capi_contracts_test");
}
