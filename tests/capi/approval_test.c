/* Approval routes through the C API (C99): the default table's routes,
 * segregation of duties, k of n, all, delegation, send back and resubmit,
 * withdraw, reject, the refusals and escalation, with history and comments
 * checked; every refusal leaves the database unchanged. */
#define _XOPEN_SOURCE 700
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "dump.h"
#include "temp_dir.h"

static char db_path[256];

#include "approval_company.h"

static void test_default_table(pactum_db *db) {
  char c[16];
  char *out = NULL;

  /* 30,000: one step, the department manager. */
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", "请审批", "2024-01-11", &out));
  CHECK_JSON_HAS(out, "\"matched_rules\":[\"under-50000\"]");
  CHECK_JSON_HAS(out, "\"table\":\"default\",\"table_version\":1");
  CHECK_JSON_HAS(out, "\"approver\":{\"role\":\"dept_manager\"}");
  CHECK(strstr(out, "\"number\":2") == NULL);
  pactum_free(out);
  check_status(db, c, "pending_approval");
  check_approvers(db, c, "[\"E1\"]");
  CHECK_OK(pactum_approve(db, c, "E1", "同意", "2024-01-12", NULL, &out));
  CHECK_JSON_HAS(out, "\"action\":\"approved\"");
  CHECK_JSON_HAS(out, "\"actor\":\"E1\"");
  CHECK_JSON_HAS(out, "\"comment\":\"同意\"");
  pactum_free(out);
  check_status(db, c, "active");
  CHECK_OK(pactum_contract(db, c, &out));
  CHECK_JSON_HAS(out, "\"activated_on\":\"2024-01-12\"");
  pactum_free(out);
  check_approvers(db, c, "[]");
  CHECK_OK(pactum_current_step(db, c, &out));
  CHECK_STR(out, "{\"version\":1,\"step\":null}");

  /* 80,000: the department manager, then finance. */
  new_contract(db, "E2", "sales", "80000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", &out));
  CHECK_JSON_HAS(out, "\"matched_rules\":[\"50000-to-100000\"]");
  CHECK_JSON_HAS(out, "\"approver\":{\"role\":\"finance\"}");
  pactum_free(out);
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL));
  check_approvers(db, c, "[\"F1\",\"F2\",\"F3\"]");
  CHECK_OK(pactum_current_step(db, c, &out));
  CHECK_JSON_HAS(out, "\"number\":2");
  CHECK_JSON_HAS(out, "\"opened_on\":\"2024-01-12\"");
  pactum_free(out);
  CHECK_OK(pactum_approve(db, c, "F2", "财务同意", "2024-01-13", NULL, NULL));
  check_status(db, c, "active");
  CHECK_OK(pactum_approval_history(db, c, &out));
  CHECK_JSON_HAS(out, "\"action\":\"submitted\"");
  CHECK_JSON_HAS(out, "\"actor\":\"F2\",\"on_behalf_of\":null,\"comment\":\"财务同意\",\"on\":\"2024-01-13\"");
  pactum_free(out);

  /* 150,000: then the general manager. */
  new_contract(db, "E2", "sales", "150000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", &out));
  CHECK_JSON_HAS(out, "\"matched_rules\":[\"over-100000\"]");
  CHECK_JSON_HAS(out, "\"approver\":{\"role\":\"general_manager\"}");
  pactum_free(out);
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL));
  CHECK_OK(pactum_approve(db, c, "F3", NULL, "2024-01-13", NULL, NULL));
  check_approvers(db, c, "[\"G1\"]");
  CHECK_OK(pactum_approve(db, c, "G1", "批准", "2024-01-14", NULL, NULL));
  check_status(db, c, "active");

  /* Labour: the department manager, then HR. */
  new_contract(db, "E2", "labour", "500000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", &out));
  CHECK_JSON_HAS(out, "\"matched_rules\":[\"labour\"]");
  CHECK_JSON_HAS(out, "\"approver\":{\"role\":\"hr\"}");
  pactum_free(out);
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL));
  check_approvers(db, c, "[\"H1\"]");
  CHECK_OK(pactum_approve(db, c, "H1", NULL, "2024-01-12", NULL, NULL));
  check_status(db, c, "active");
  CHECK_OK(pactum_approval_route(db, c, &out));
  CHECK_JSON_HAS(out, "\"status\":\"approved\"");
  CHECK_JSON_HAS(out, "\"ended_on\":\"2024-01-12\"");
  pactum_free(out);
}

static void test_segregation(pactum_db *db) {
  char c[16];
  char *out = NULL;
  /* The department manager's own contract goes to HQ's manager. */
  new_contract(db, "E1", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E1", NULL, "2024-01-11", NULL));
  check_approvers(db, c, "[\"G1\"]");
  CHECK_OK(pactum_approval_history(db, c, &out));
  CHECK_JSON_HAS(out, "\"action\":\"rerouted\"");
  CHECK_JSON_HAS(out, "\"reason\":\"E1 owns the contract and may not approve it (segregation of duties); the step goes to G1, manager of the "
                      "parent department HQ\"");
  CHECK_JSON_HAS(out, "\"zh-CN\":\"E1 是合同负责人,不得审批(职责分离); 该步转交上级部门 HQ 的负责人 G1\"");
  pactum_free(out);
  CHECK_REFUSED(db, pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL), PACTUM_ESEGREGATION,
                "E1 owns contract HT-2024-SD-0005 and may not approve", "E1 是合同 HT-2024-SD-0005 的负责人");
  CHECK_OK(pactum_approve(db, c, "G1", NULL, "2024-01-12", NULL, NULL));
  check_status(db, c, "active");

  /* The submitter may not approve either. */
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E3", NULL, "2024-01-11", NULL));
  CHECK_REFUSED(db, pactum_approve(db, c, "E3", NULL, "2024-01-12", NULL, NULL), PACTUM_ESEGREGATION,
                "E3 submitted contract HT-2024-SD-0006", "E3 提交了合同 HT-2024-SD-0006");
  CHECK_REFUSED(db, pactum_reject(db, c, "E2", NULL, "2024-01-12", NULL, NULL), PACTUM_ESEGREGATION,
                "segregation of duties", "职责分离");
  CHECK_OK(pactum_withdraw(db, c, "E3", "撤回", "2024-01-12", NULL));
}

static void test_actions(pactum_db *db) {
  char c[16];
  char *out = NULL;
  int64_t id = 0;

  /* 2 of 3 finance holders. */
  load_table(db, "committee", "[{\"role\":\"dept_manager\"},{\"role\":\"finance\",\"mode\":{\"k\":2}}]");
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", &out));
  CHECK_JSON_HAS(out, "\"table\":\"committee\"");
  CHECK_JSON_HAS(out, "\"mode\":{\"k\":2}");
  pactum_free(out);
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL));
  CHECK_OK(pactum_approve(db, c, "F1", "第一票", "2024-01-13", NULL, NULL));
  check_approvers(db, c, "[\"F2\",\"F3\"]");
  check_status(db, c, "pending_approval");
  /* Approving twice in the same step. */
  CHECK_REFUSED(db, pactum_approve(db, c, "F1", NULL, "2024-01-14", NULL, NULL), PACTUM_ECONFLICT,
                "F1 already approved step 2", "F1 已于 2024-01-13 审批通过");
  /* Someone not current. */
  CHECK_REFUSED(db, pactum_approve(db, c, "H1", NULL, "2024-01-14", NULL, NULL), PACTUM_ENOTAPPROVER,
                "H1 is not an approver of step 2", "H1 在 2024-01-14 不是");
  CHECK_OK(pactum_approve(db, c, "F3", "第二票", "2024-01-14", NULL, NULL));
  check_status(db, c, "active");
  CHECK_OK(pactum_approval_history(db, c, &out));
  CHECK_JSON_HAS(out, "\"actor\":\"F1\",\"on_behalf_of\":null,\"comment\":\"第一票\"");
  CHECK_JSON_HAS(out, "\"actor\":\"F3\",\"on_behalf_of\":null,\"comment\":\"第二票\"");
  pactum_free(out);
  /* Acting after the route ended. */
  CHECK_REFUSED(db, pactum_approve(db, c, "F2", NULL, "2024-01-15", NULL, NULL), PACTUM_ESTATE,
                "has ended: approved on 2024-01-14", "已结束");

  /* all: every finance holder. */
  load_table(db, "everyone", "[{\"role\":\"finance\",\"mode\":\"all\"}]");
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_approve(db, c, "F1", NULL, "2024-01-12", NULL, NULL));
  CHECK_OK(pactum_approve(db, c, "F2", NULL, "2024-01-12", NULL, NULL));
  check_approvers(db, c, "[\"F3\"]");
  CHECK_OK(pactum_approve(db, c, "F3", "最后一票", "2024-01-12", NULL, NULL));
  check_status(db, c, "active");

  /* Delegation inside and outside its window. */
  load_table(db, "person", "[{\"person\":\"F1\"}]");
  CHECK_OK(pactum_delegate(db, "F1", "F2", "2024-01-01", "2024-01-15", &id));
  CHECK(id > 0);
  CHECK_OK(pactum_delegations(db, "F2", &out));
  CHECK_JSON_HAS(out, "\"person\":\"F1\",\"delegate\":\"F2\",\"from\":\"2024-01-01\",\"to\":\"2024-01-15\"");
  pactum_free(out);
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_inbox(db, "F2", "2024-01-12", &out));
  CHECK_JSON_HAS(out, "\"on_behalf_of\":\"F1\"");
  pactum_free(out);
  CHECK_OK(pactum_inbox(db, "F2", "2024-01-16", &out));
  CHECK_STR(out, "{\"version\":1,\"items\":[]}");
  CHECK_REFUSED(db, pactum_approve(db, c, "F2", NULL, "2024-01-16", NULL, NULL), PACTUM_ENOTAPPROVER,
                "F2 is not an approver of step 1", "F2 在 2024-01-16 不是");
  CHECK_OK(pactum_approve(db, c, "F2", "代批", "2024-01-15", "F1", &out));
  CHECK_JSON_HAS(out, "\"actor\":\"F2\",\"on_behalf_of\":\"F1\",\"comment\":\"代批\"");
  pactum_free(out);
  check_status(db, c, "active");
  CHECK_OK(pactum_revoke_delegation(db, id));
  CHECK_REFUSED(db, pactum_revoke_delegation(db, id), PACTUM_ENOTFOUND, "no delegation", "没有授权");

  /* Send back, then resubmit: the evaluation runs again. */
  load_table(db, "two", "[{\"role\":\"dept_manager\"},{\"role\":\"finance\"}]");
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-11", NULL));
  CHECK_OK(pactum_approve(db, c, "E1", NULL, "2024-01-12", NULL, NULL));
  CHECK_OK(pactum_send_back(db, c, "F1", "请补充附件", "2024-01-13", NULL, &out));
  CHECK_JSON_HAS(out, "\"action\":\"sent_back\"");
  pactum_free(out);
  check_status(db, c, "draft");
  check_approvers(db, c, "[]");
  load_table(db, "one", "[{\"role\":\"hr\"}]");
  CHECK_OK(pactum_submit(db, c, "E2", "已补充", "2024-01-14", &out));
  CHECK_JSON_HAS(out, "\"round\":2");
  CHECK_JSON_HAS(out, "\"table\":\"one\"");
  pactum_free(out);
  check_approvers(db, c, "[\"H1\"]");
  CHECK_OK(pactum_approval_history(db, c, &out));
  CHECK_JSON_HAS(out, "\"round\":1,\"action\":\"sent_back\",\"step\":2,\"actor\":\"F1\",\"on_behalf_of\":null,"
                      "\"comment\":\"请补充附件\"");
  CHECK_JSON_HAS(out, "\"round\":2,\"action\":\"submitted\"");
  CHECK_JSON_HAS(out, "\"comment\":\"已补充\"");
  pactum_free(out);

  /* Withdraw: the submitter only. */
  CHECK_REFUSED(db, pactum_withdraw(db, c, "E3", NULL, "2024-01-15", NULL), PACTUM_ENOTAPPROVER,
                "only the submitter E2 may withdraw", "只有提交人 E2 可以撤回");
  CHECK_OK(pactum_withdraw(db, c, "E2", "暂不签署", "2024-01-15", &out));
  CHECK_JSON_HAS(out, "\"action\":\"withdrawn\"");
  CHECK_JSON_HAS(out, "\"comment\":\"暂不签署\"");
  pactum_free(out);
  check_status(db, c, "draft");

  /* Reject. */
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-16", NULL));
  CHECK_OK(pactum_reject(db, c, "H1", "不予批准", "2024-01-17", NULL, &out));
  CHECK_JSON_HAS(out, "\"action\":\"rejected\"");
  CHECK_JSON_HAS(out, "\"comment\":\"不予批准\"");
  pactum_free(out);
  check_status(db, c, "rejected");
  CHECK_REFUSED(db, pactum_reject(db, c, "H1", NULL, "2024-01-18", NULL, NULL), PACTUM_ESTATE,
                "has ended: rejected on 2024-01-17", "已结束");

  /* Back-dated: approval before submission. */
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-01-20", NULL));
  CHECK_REFUSED(db, pactum_approve(db, c, "H1", NULL, "2024-01-19", NULL, NULL), PACTUM_EINVALID,
                "approve on 2024-01-19 is dated before step 1", "早于合同");
}

static void test_escalation(pactum_db *db) {
  char c[16];
  char *out = NULL;
  char *before;
  char *after;
  load_table(db, "deadline",
             "[{\"role\":\"dept_manager\",\"deadline_days\":3,\"escalate_to\":{\"role\":\"chair\"}},"
             "{\"role\":\"finance\"}]");
  new_contract(db, "E2", "sales", "30000.00", c);
  CHECK_OK(pactum_submit(db, c, "E2", NULL, "2024-02-01", NULL));
  CHECK_OK(pactum_current_step(db, c, &out));
  CHECK_JSON_HAS(out, "\"due_on\":\"2024-02-04\"");
  pactum_free(out);
  CHECK_OK(pactum_advance_to(db, "2024-02-04", NULL));
  check_approvers(db, c, "[\"E1\"]");
  CHECK_OK(pactum_advance_to(db, "2024-02-10", NULL));
  check_approvers(db, c, "[\"E1\",\"C1\"]");
  CHECK_OK(pactum_contract_events(db, c, &out));
  CHECK_JSON_HAS(out, "\"type\":\"approval_escalated\"");
  CHECK_JSON_HAS(out, "\"effective\":\"2024-02-05\"");
  pactum_free(out);
  CHECK_OK(pactum_approval_history(db, c, &out));
  CHECK_JSON_HAS(out, "\"action\":\"escalated\"");
  CHECK_JSON_HAS(out, "\"reason\":\"the deadline of step 1 (2024-02-04) has passed: escalated to chair\"");
  pactum_free(out);
  /* Advancing again adds nothing. */
  before = logical_dump(db_path);
  CHECK_OK(pactum_advance_to(db, "2024-03-01", NULL));
  CHECK_OK(pactum_contract_events(db, c, &out));
  CHECK(strstr(strstr(out, "approval_escalated") + 1, "approval_escalated") == NULL);
  pactum_free(out);
  check_approvers(db, c, "[\"E1\",\"C1\"]");
  after = logical_dump(db_path);
  CHECK(strcmp(before, after) != 0); /* the clock moved */
  free(before);
  free(after);
  CHECK_OK(pactum_inbox(db, "C1", NULL, &out));
  CHECK_JSON_HAS(out, "\"escalated\":true");
  pactum_free(out);
  CHECK_OK(pactum_approve(db, c, "C1", "董事长批准", NULL, NULL, &out));
  CHECK_JSON_HAS(out, "\"on\":\"2024-03-01\"");
  pactum_free(out);
  check_approvers(db, c, "[\"F1\",\"F2\",\"F3\"]");
}

static void test_null_arguments(pactum_db *db) {
  char *out = NULL;
  int64_t id = 0;
  CHECK_REFUSED(db, pactum_submit(NULL, "1", "E2", NULL, NULL, NULL), PACTUM_EINVALID, "db", "db");
  CHECK_REFUSED(db, pactum_submit(db, NULL, "E2", NULL, NULL, NULL), PACTUM_EINVALID, "contract", "contract");
  CHECK_REFUSED(db, pactum_submit(db, "1", NULL, NULL, NULL, NULL), PACTUM_EINVALID, "by", "by");
  CHECK_REFUSED(db, pactum_approve(db, "1", NULL, NULL, NULL, NULL, NULL), PACTUM_EINVALID, "by", "by");
  CHECK_REFUSED(db, pactum_approve(NULL, "1", "E1", NULL, NULL, NULL, NULL), PACTUM_EINVALID, "db", "db");
  CHECK_REFUSED(db, pactum_reject(db, NULL, "E1", NULL, NULL, NULL, NULL), PACTUM_EINVALID, "contract", "contract");
  CHECK_REFUSED(db, pactum_send_back(db, "1", NULL, NULL, NULL, NULL, NULL), PACTUM_EINVALID, "by", "by");
  CHECK_REFUSED(db, pactum_withdraw(db, "1", NULL, NULL, NULL, NULL), PACTUM_EINVALID, "by", "by");
  CHECK_REFUSED(db, pactum_approval_route(db, "1", NULL), PACTUM_EINVALID, "route_json", "route_json");
  CHECK_REFUSED(db, pactum_current_step(db, NULL, &out), PACTUM_EINVALID, "contract", "contract");
  CHECK_REFUSED(db, pactum_current_approvers(db, "1", NULL), PACTUM_EINVALID, "approvers_json", "approvers_json");
  CHECK_REFUSED(db, pactum_approval_history(db, "1", NULL), PACTUM_EINVALID, "history_json", "history_json");
  CHECK_REFUSED(db, pactum_inbox(db, NULL, NULL, &out), PACTUM_EINVALID, "person", "person");
  CHECK_REFUSED(db, pactum_inbox(db, "E1", NULL, NULL), PACTUM_EINVALID, "inbox_json", "inbox_json");
  CHECK_REFUSED(db, pactum_delegate(db, NULL, "F2", "2024-01-01", "2024-01-02", &id), PACTUM_EINVALID, "person",
                "person");
  CHECK_REFUSED(db, pactum_delegate(db, "F1", "F2", NULL, "2024-01-02", &id), PACTUM_EINVALID, "from", "from");
  CHECK_REFUSED(db, pactum_delegations(db, NULL, NULL), PACTUM_EINVALID, "delegations_json", "delegations_json");
  CHECK_REFUSED(db, pactum_revoke_delegation(NULL, 1), PACTUM_EINVALID, "db", "db");
  /* Malformed values. */
  CHECK_REFUSED(db, pactum_submit(db, "1", "E2", NULL, "2024-02-30", NULL), PACTUM_EINVALID, "2024-02-30",
                "2024-02-30");
  CHECK_REFUSED(db, pactum_approve(db, "1", "E\xFF", NULL, NULL, NULL, NULL), PACTUM_EINVALID, "UTF-8", "UTF-8");
  CHECK_REFUSED(db, pactum_approve(db, "1", "E1", "bad\x01", NULL, NULL, NULL), PACTUM_EINVALID,
                "control character", "控制字符");
  CHECK_REFUSED(db, pactum_submit(db, "HT-2099-XX-0001", "E2", NULL, NULL, NULL), PACTUM_ENOTFOUND,
                "HT-2099-XX-0001", "HT-2099-XX-0001");
  CHECK_REFUSED(db, pactum_approval_route(db, "HT-2099-XX-0001", &out), PACTUM_ENOTFOUND, "HT-2099-XX-0001",
                "HT-2099-XX-0001");
  CHECK_REFUSED(db, pactum_delegate(db, "F1", "F2", "2024-02-01", "2024-01-01", NULL), PACTUM_EINVALID,
                "cannot end", "不能早于");
}

int main(void) {
  pactum_db *db = NULL;
  char dir[200];
  if (temp_dir_make(dir, sizeof dir, "approval") != 0) return 1;
  snprintf(db_path, sizeof db_path, "%s/approval.db", dir);
  CHECK_OK(pactum_open(db_path, NULL, &db));
  setup_company(db);
  test_default_table(db);
  test_segregation(db);
  test_actions(db);
  test_null_arguments(db);
  test_escalation(db);
  pactum_close(db);
  temp_dir_remove(dir);
  return check_report("capi_approval_test");
}
