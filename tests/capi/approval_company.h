/* The company of the C approval tests (C99): HQ (manager G1, the general
 * manager) above SD (manager E1), FD (F1) and HR (H1); F1..F3 hold finance,
 * H1 hr, G1 general_manager, C1 chair. Helpers to create draft contracts,
 * load one-rule tables and check a contract's status and approvers. */
#ifndef PACTUM_TEST_APPROVAL_COMPANY_H
#define PACTUM_TEST_APPROVAL_COMPANY_H

#include <stdio.h>

#include "check.h"

static int contracts = 0;

/* The contract's current approvers document equals `expected` (a JSON array). */
static void check_approvers(pactum_db *db, const char *contract, const char *expected) {
  char *out = NULL;
  char want[256];
  snprintf(want, sizeof want, "{\"employees\":%s,\"version\":1}", expected);
  CHECK_OK(pactum_current_approvers(db, contract, &out));
  CHECK_STR(out, want);
}

/* The contract's status is `status`. */
static void check_status(pactum_db *db, const char *contract, const char *status) {
  char *out = NULL;
  char want[64];
  snprintf(want, sizeof want, "\"status\":\"%s\"", status);
  CHECK_OK(pactum_contract(db, contract, &out));
  CHECK_JSON_HAS(out, want);
  pactum_free(out);
}

/* HQ (manager G1, general manager) above SD (manager E1), FD (F1) and HR (H1). */
static void setup_company(pactum_db *db) {
  CHECK_OK(pactum_add_department(db, "HQ", "总部", NULL, NULL));
  CHECK_OK(pactum_add_department(db, "SD", "销售部", "HQ", NULL));
  CHECK_OK(pactum_add_department(db, "FD", "财务部", "HQ", NULL));
  CHECK_OK(pactum_add_department(db, "HR", "人力资源部", "HQ", NULL));
  CHECK_OK(pactum_add_employee(db, "G1", "王总", "HQ", "gm", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "C1", "陈董", "HQ", "chair", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E1", "张三", "SD", "sales", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "E2", "李四", "SD", "sales", "2020-01-01", "E1"));
  CHECK_OK(pactum_add_employee(db, "E3", "赵六", "SD", "sales", "2020-01-01", "E1"));
  CHECK_OK(pactum_add_employee(db, "F1", "钱七", "FD", "finance", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "F2", "孙八", "FD", "finance", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "F3", "周九", "FD", "finance", "2020-01-01", NULL));
  CHECK_OK(pactum_add_employee(db, "H1", "吴十", "HR", "hr", "2020-01-01", NULL));
  CHECK_OK(pactum_set_department_manager(db, "HQ", "G1", NULL));
  CHECK_OK(pactum_set_department_manager(db, "SD", "E1", NULL));
  CHECK_OK(pactum_set_department_manager(db, "FD", "F1", NULL));
  CHECK_OK(pactum_set_department_manager(db, "HR", "H1", NULL));
  CHECK_OK(pactum_assign_role(db, "F1", "finance", NULL, NULL));
  CHECK_OK(pactum_assign_role(db, "F2", "finance", NULL, NULL));
  CHECK_OK(pactum_assign_role(db, "F3", "finance", NULL, NULL));
  CHECK_OK(pactum_assign_role(db, "H1", "hr", NULL, NULL));
  CHECK_OK(pactum_assign_role(db, "G1", "general_manager", NULL, NULL));
  CHECK_OK(pactum_assign_role(db, "C1", "chair", NULL, NULL));
}

/* A draft contract signed 2024-01-10; `id` receives its id as text. */
static void new_contract(pactum_db *db, const char *owner, const char *type, const char *amount, char id[16]) {
  char spec[512];
  snprintf(spec, sizeof spec,
           "{\"version\":1,\"type\":\"%s\",\"owner\":\"%s\",\"amount\":\"%s\",\"signed\":\"2024-01-10\","
           "\"end\":\"2024-12-31\",\"counterparty\":\"华东机械\"}",
           type, owner, amount);
  CHECK_OK(pactum_create_contract(db, spec, NULL));
  snprintf(id, 16, "%d", ++contracts);
}

/* Makes a one-rule table with the given steps current. */
static void load_table(pactum_db *db, const char *id, const char *steps) {
  char table[1024];
  snprintf(table, sizeof table,
           "{\"id\":\"%s\",\"version\":1,\"inputs\":[{\"name\":\"amount\",\"type\":\"money\"}],"
           "\"rules\":[{\"id\":\"all\",\"route\":%s}]}",
           id, steps);
  CHECK_OK(pactum_load_routing(db, table, 0, NULL));
}

#endif
