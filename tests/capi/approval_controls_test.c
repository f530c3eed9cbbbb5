/* Approval controls through the C API (C99), one check per attack of issue
 * 16 — send back then activate, approve small then amend large, one person
 * two votes, segregation per round only, a leaver approving back-dated, a
 * void number on a working contract — each refused with its code and both
 * messages and the database unchanged; the direct_activation setting and
 * routing in use; NULL arguments. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char db_path[256];

#include "approval_company.h"

static void test_send_back_then_activate(pactum_db *db) {
  char c[16];
  char other[16];
  int in_use = -1;
  new_contract(db, "E2", "sales", "5000000.00", c);
  CHECK_OK(pactum_routing_in_use(db, "sales", &in_use));
  CHECK(in_use == 0);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_send_back(db, c, "E1", "请补充", "2024-01-12", NULL, NULL));
  check_status(db, c, "draft");
  CHECK_REFUSED(db, pactum_activate(db, c, "2024-01-13", NULL), PACTUM_ESTATE,
                "contract HT-2024-SD-0001 entered an approval route (round 1, sent_back): only its route can make it active",
                "合同 HT-2024-SD-0001 已进入审批路线(第 1 轮,sent_back):只能经审批路线生效");
  CHECK_OK(pactum_routing_in_use(db, "sales", &in_use));
  CHECK(in_use == 1);
  CHECK_OK(pactum_routing_in_use(db, "labour", &in_use));
  CHECK(in_use == 0);
  new_contract(db, "E2", "sales", "30000.00", other);
  CHECK_REFUSED(db, pactum_activate(db, other, "2024-01-13", NULL), PACTUM_ESTATE,
                "contracts of type sales are approved through routing in this database",
                "本数据库中 sales 类型的合同须经审批路线审批");
}

static void test_setting(pactum_db *db) {
  char *out = NULL;
  CHECK_OK(pactum_direct_activation(db, &out));
  CHECK_STR(out, "refuse");
  CHECK_OK(pactum_set_direct_activation(db, "allow", "IT 管理员", "ERP 内部审批", "2024-01-12", &out));
  CHECK_JSON_HAS(out, "\"type\":\"setting_changed\"");
  CHECK_JSON_HAS(out, "\"actor\":\"IT 管理员\"");
  CHECK_JSON_HAS(out, "\"effective\":\"2024-01-12\"");
  pactum_free(out);
  CHECK_OK(pactum_direct_activation(db, &out));
  CHECK_STR(out, "allow");
  CHECK_REFUSED(db, pactum_set_direct_activation(db, "allow", "IT", "again", NULL, NULL), PACTUM_ESTATE,
                "the setting direct_activation is already 'allow'", "设置 direct_activation 已是“allow”");
  CHECK_REFUSED(db, pactum_set_direct_activation(db, "yes", "IT", "why", NULL, NULL), PACTUM_EINVALID,
                "unknown direct activation setting 'yes' (refuse or allow)", "未知的直接生效设置“yes”");
  /* Allowed: the draft never submitted is activated; the sent-back one is not. */
  CHECK_OK(pactum_activate(db, "2", "2024-01-13", NULL));
  check_status(db, "2", "active");
  CHECK_REFUSED(db, pactum_activate(db, "1", "2024-01-13", NULL), PACTUM_ESTATE, "only its route can make it active",
                "只能经审批路线生效");
  CHECK_OK(pactum_set_direct_activation(db, "refuse", "IT 管理员", "全部走审批", "2024-01-14", NULL));
}

static void test_amend_large(pactum_db *db) {
  char c[16];
  char *out = NULL;
  const char *large = "{\"version\":1,\"amount\":\"50000000.00\",\"installments\":[]}";
  new_contract(db, "E2", "sales", "1000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL));
  check_status(db, c, "active");
  CHECK_REFUSED(db, pactum_amend(db, c, "扩大合作", large, "2024-02-01", NULL), PACTUM_EINVALID,
                "the change of amount of contract HT-2024-SD-0003 is read by the routing table",
                "合同 HT-2024-SD-0003 的 amount 变更会被路由表读取");
  CHECK_OK(pactum_amend_v2(db, c, "扩大合作", large, "2024-02-01", "E2", &out));
  CHECK_JSON_HAS(out, "\"type\":\"submitted\"");
  pactum_free(out);
  CHECK_OK(pactum_contract(db, c, &out));
  CHECK_JSON_HAS(out, "\"amount\":\"1000.00\"");
  pactum_free(out);
  CHECK_OK(pactum_approval_route(db, c, &out));
  CHECK_JSON_HAS(out, "\"amendment\":{\"reason\":\"扩大合作\"");
  CHECK_JSON_HAS(out, "\"inputs\":[\"amount\"]");
  pactum_free(out);
  CHECK_REFUSED(db, pactum_amend_v2(db, c, "交期", "{\"version\":1,\"delivery_due\":\"2024-06-30\"}", "2024-02-02",
                                    NULL, NULL),
                PACTUM_ESTATE, "has an amendment in approval (round 2, submitted on 2024-02-01)", "有一项变更正在审批中");
  CHECK_REFUSED(db, pactum_approve(db, c, "E2", NULL, "2024-02-02", NULL, NULL), PACTUM_ESEGREGATION,
                "E2 owns contract HT-2024-SD-0003", "E2 是合同 HT-2024-SD-0003 的负责人");
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-02-02", NULL, NULL));
  CHECK_OK(pactum_approve(db, c, "F1", NULL, "2024-02-02", NULL, NULL));
  check_approvers(db, c, "[\"G1\"]");
  CHECK_OK(pactum_approve(db, c, "G1", NULL, "2024-02-03", NULL, NULL));
  CHECK_OK(pactum_contract(db, c, &out));
  CHECK_JSON_HAS(out, "\"amount\":\"50000000.00\"");
  CHECK_JSON_HAS(out, "\"status\":\"active\"");
  pactum_free(out);
  /* A signed contract keeps its number. */
  CHECK_REFUSED(db, pactum_void_number(db, "HT-2024-SD-0003", "作废", "2024-02-04"), PACTUM_ESTATE,
                "number 'HT-2024-SD-0003' is the number of a contract that is active: only a draft's number can be voided",
                "编号“HT-2024-SD-0003”是一份处于 active 状态的合同的编号");
}

static void test_two_votes(pactum_db *db) {
  char c[16];
  load_table(db, "committee", "[{\"role\":\"finance\",\"mode\":{\"k\":2}}]");
  CHECK_OK(pactum_delegate(db, "F2", "F1", "2024-01-01", "2024-12-31", NULL));
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_approve(db, c, "F1", NULL, "2024-01-12", NULL, NULL));
  CHECK_REFUSED(db, pactum_approve(db, c, "F1", NULL, "2024-01-12", "F2", NULL), PACTUM_ECONFLICT,
                "F1 already approved step 1 of contract HT-2024-SD-0004 (for F1, on 2024-01-12); a person counts once per step",
                "同一步中每人只计一次");
  check_status(db, c, "pending_approval");
}

static void test_segregation_across_rounds(pactum_db *db) {
  char c[16];
  CHECK_OK(pactum_assign_role(db, "E3", "finance", NULL, NULL));
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E3", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_send_back(db, c, "F1", "金额有误", "2024-01-12", NULL, NULL));
  CHECK_OK(pactum_amend_v2(db, c, "更正", "{\"version\":1,\"counterparty\":\"华东机械股份有限公司\"}", "2024-01-13", "E3",
                           NULL));
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-14", NULL));
  check_approvers(db, c, "[\"F1\",\"F2\",\"F3\"]");
  CHECK_REFUSED(db, pactum_approve(db, c, "E3", NULL, "2024-01-15", NULL, NULL), PACTUM_ESEGREGATION,
                "E3 submitted an earlier round of contract HT-2024-SD-0005", "E3 提交过合同 HT-2024-SD-0005 的前一轮审批");
}

static void test_leaver(pactum_db *db) {
  char c[16];
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_deactivate_employee(db, "F3", "2024-02-01"));
  CHECK_OK(pactum_advance_to(db, "2024-02-05", NULL));
  CHECK_REFUSED(db, pactum_approve(db, c, "F3", "离职前审批", "2024-01-31", NULL, NULL), PACTUM_ESTATE,
                "employee 'F3' is not employed on 2024-02-05, when this action is recorded (the database clock)",
                "员工“F3”在记录该操作的日期 2024-02-05(数据库时钟)不在职");
}

static void test_null_arguments(pactum_db *db) {
  char *out = NULL;
  int in_use = 0;
  CHECK_REFUSED(db, pactum_direct_activation(NULL, &out), PACTUM_EINVALID, "db", "db");
  CHECK_REFUSED(db, pactum_direct_activation(db, NULL), PACTUM_EINVALID, "policy", "policy");
  CHECK_REFUSED(db, pactum_set_direct_activation(db, NULL, "IT", "why", NULL, NULL), PACTUM_EINVALID, "policy",
                "policy");
  CHECK_REFUSED(db, pactum_set_direct_activation(db, "allow", NULL, "why", NULL, NULL), PACTUM_EINVALID, "by", "by");
  CHECK_REFUSED(db, pactum_set_direct_activation(db, "allow", "IT", NULL, NULL, NULL), PACTUM_EINVALID, "reason",
                "reason");
  CHECK_REFUSED(db, pactum_set_direct_activation(db, "allow", "IT", "why", "2024-02-30", NULL), PACTUM_EINVALID,
                "2024-02-30", "2024-02-30");
  CHECK_REFUSED(db, pactum_routing_in_use(db, NULL, &in_use), PACTUM_EINVALID, "type", "type");
  CHECK_REFUSED(db, pactum_routing_in_use(db, "sales", NULL), PACTUM_EINVALID, "in_use", "in_use");
  CHECK_REFUSED(db, pactum_routing_in_use(db, "Bad Type", &in_use), PACTUM_EINVALID, "Bad Type", "Bad Type");
  CHECK_REFUSED(db, pactum_amend_v2(db, NULL, "why", "{\"version\":1}", NULL, "E2", NULL), PACTUM_EINVALID, "contract",
                "contract");
  CHECK_REFUSED(db, pactum_amend_v2(db, "1", "why", "{\"version\":1,\"end\":\"2024-12-30\"}", NULL, "E\xFF", NULL),
                PACTUM_EINVALID, "UTF-8", "UTF-8");
}

int main(void) {
  pactum_db *db = NULL;
  char dir[200];
  if (temp_dir_make(dir, sizeof dir, "approval-controls") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/controls.db", dir);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  setup_company(db);
  test_send_back_then_activate(db);
  test_setting(db);
  test_amend_large(db);
  test_two_votes(db);
  test_segregation_across_rounds(db);
  test_leaver(db);
  test_null_arguments(db);
  pactum_close(db);
  temp_dir_remove(dir);
  return check_report("capi_approval_controls_test");
}
