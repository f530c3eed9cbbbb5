// C API: the org directory.
#include "capi_internal.hpp"
#include "pactum/contract/io.hpp"

using namespace pactum;
using capi::optional_date;
using capi::put;
using capi::require;
using capi::text;
using capi::text_arg;
using capi::with_db;

extern "C" {

int pactum_add_department(pactum_db* db, const char* code, const char* name, const char* parent, const char* manager) {
  return with_db(db, [&](Database& d) {
    d.add_department({text(code, "code"), text(name, "name"), capi::optional_text_arg(parent, "parent"),
                      capi::optional_text_arg(manager, "manager")});
  });
}

int pactum_department(pactum_db* db, const char* code, const char* on, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json, json::to_json(d.department(text(code, "code"), optional_date(on, "on"))));
  });
}

int pactum_departments(pactum_db* db, const char* on, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json, json::departments_to_json(d.departments(optional_date(on, "on"))));
  });
}

int pactum_set_department_manager(pactum_db* db, const char* code, const char* employee, const char* on) {
  return with_db(db, [&](Database& d) {
    d.set_department_manager(text(code, "code"), text(employee, "employee"), optional_date(on, "on"));
  });
}

int pactum_add_employee(pactum_db* db, const char* id, const char* name, const char* department, const char* position,
                        const char* hired, const char* manager) {
  return with_db(db, [&](Database& d) {
    d.add_employee({text(id, "id"), text(name, "name"), text(department, "department"), text(position, "position"),
                    optional_date(hired, "hired"), capi::optional_text_arg(manager, "manager")});
  });
}

int pactum_employee(pactum_db* db, const char* id, const char* on, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json, json::to_json(d.employee(text(id, "id"), optional_date(on, "on"))));
  });
}

int pactum_employees(pactum_db* db, const char* department, const char* on, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json,
        json::employees_to_json(d.employees(capi::optional_text_arg(department, "department"), optional_date(on, "on"))));
  });
}

int pactum_transfer(pactum_db* db, const char* employee, const char* department, const char* position, const char* on) {
  return with_db(db, [&](Database& d) {
    d.transfer(text(employee, "employee"), text(department, "department"),
               capi::optional_text_arg(position, "position"), Date::parse(text_arg(on, "on")));
  });
}

int pactum_postings(pactum_db* db, const char* employee, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json, json::postings_to_json(d.postings(text(employee, "employee"))));
  });
}

int pactum_department_of(pactum_db* db, const char* employee, const char* on, char** out_code) {
  return with_db(db, [&](Database& d) {
    require(out_code, "out_code");
    put(out_code, d.department_of(text(employee, "employee"), Date::parse(text_arg(on, "on"))));
  });
}

int pactum_set_employee_manager(pactum_db* db, const char* employee, const char* manager) {
  return with_db(db, [&](Database& d) {
    d.set_employee_manager(text(employee, "employee"), capi::optional_text_arg(manager, "manager"));
  });
}

int pactum_deactivate_employee(pactum_db* db, const char* employee, const char* on) {
  return with_db(db, [&](Database& d) { d.deactivate_employee(text(employee, "employee"), optional_date(on, "on")); });
}

int pactum_assign_role(pactum_db* db, const char* employee, const char* role, const char* department, const char* on) {
  return with_db(db, [&](Database& d) {
    d.assign_role(text(employee, "employee"), text(role, "role"), capi::optional_text_arg(department, "department"),
                  optional_date(on, "on"));
  });
}

int pactum_revoke_role(pactum_db* db, const char* employee, const char* role, const char* department, const char* on) {
  return with_db(db, [&](Database& d) {
    d.revoke_role(text(employee, "employee"), text(role, "role"), capi::optional_text_arg(department, "department"),
                  optional_date(on, "on"));
  });
}

int pactum_role_holders(pactum_db* db, const char* role, const char* department, const char* on, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json, json::ids_to_json(d.role_holders(text(role, "role"), capi::optional_text_arg(department, "department"),
                                                   optional_date(on, "on"))));
  });
}

int pactum_roles_of(pactum_db* db, const char* employee, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    put(out_json, json::roles_to_json(d.roles_of(text(employee, "employee"))));
  });
}

}  // extern "C"
