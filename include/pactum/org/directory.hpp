// The org directory: departments, employees, their dated postings and roles.
//
// Org facts recorded without a date (a department's manager, an employee's
// first posting, a role) hold for all dates; dated facts (transfers, dated
// manager changes and role assignments) hold from their date on. Questions
// such as "department of employee on date" are answered from that history.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum {

// A department to add. `parent` and `manager` must already exist.
struct DepartmentSpec {
  std::string code;  // the key, e.g. "SD"; also the numbering field {dept}
  std::string name;  // e.g. "销售部"; the numbering field {dept_name}
  std::optional<std::string> parent;
  std::optional<std::string> manager;  // an employee id
};

struct Department {
  std::string code;
  std::string name;
  std::optional<std::string> parent;
  // The manager holding the post on the date asked.
  std::optional<std::string> manager;

  friend bool operator==(const Department&, const Department&) = default;
};

// An employee to add: the first posting holds for all dates before the first
// dated transfer.
struct EmployeeSpec {
  std::string id;    // the key, e.g. "E001"; the numbering field {employee}
  std::string name;  // the numbering field {employee_name}
  std::string department;
  std::string position;  // free text; KPI templates bind to positions
  std::optional<Date> hired;
  std::optional<std::string> manager;  // an employee id
};

struct Employee {
  std::string id;
  std::string name;
  // The posting on the date asked.
  std::string department;
  std::string position;
  std::optional<std::string> manager;
  std::optional<Date> hired;
  // The date the employee left (deactivate_employee); nullopt while employed.
  std::optional<Date> left;
  // Employed on the date asked: hired on or before it (or no hire date) and
  // not left on or before it.
  bool active = true;

  friend bool operator==(const Employee&, const Employee&) = default;
};

// One posting of an employee's history: valid from `from` (nullopt: since
// always) until the next posting's date.
struct Posting {
  std::string department;
  std::string position;
  std::optional<Date> from;

  friend bool operator==(const Posting&, const Posting&) = default;
};

// A role held by an employee, company-wide (`department` nullopt) or for one
// department, from `from` (nullopt: always) until `until` (exclusive;
// nullopt: open).
struct RoleAssignment {
  std::string employee;
  std::string role;
  std::optional<std::string> department;
  std::optional<Date> from;
  std::optional<Date> until;

  friend bool operator==(const RoleAssignment&, const RoleAssignment&) = default;
};

// Checks shared by every org and contract text: an identifier (department
// code, employee id, role, source, key) is non-empty valid UTF-8 without
// control characters and without leading or trailing spaces, at most
// `max_code_points` long; a name is the same but may hold inner spaces of
// any kind and must not be blank. ValidationError naming `what` otherwise.
void require_identifier(std::string_view value, std::string_view what, std::size_t max_code_points = 64);
void require_name(std::string_view value, std::string_view what, std::size_t max_code_points = 200);

}  // namespace pactum
