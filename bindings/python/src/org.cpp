// pactum.Database: the org directory (departments, employees, postings,
// managers, roles). Results are plain dicts and lists.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/org/directory.hpp"
#include "pactum/org/document.hpp"
#include "py_database.hpp"

namespace pactum::python {


void bind_org(py::module_& m) {
  database_class(m)
      .def(
          "add_department",
          localized([](PyDatabase& self, py::handle code, py::handle name, py::handle manager, py::handle parent) {
            DepartmentSpec spec{str_arg(code, "code"), str_arg(name, "name"), optional_str_arg(parent, "parent"),
                                optional_str_arg(manager, "manager")};
            Database& db = self.get();
            py::gil_scoped_release release;
            db.add_department(spec);
          }),
          py::arg("code"), py::arg("name"), py::arg("manager") = py::none(), py::arg("parent") = py::none(),
          "Add a department; `manager` (an employee id) and `parent` (a department code) must exist.")
      .def(
          "department",
          localized([](PyDatabase& self, py::handle code, py::handle on) {
            return document_of(self.get().department(str_arg(code, "code"), optional_date_arg(on, "on")));
          }),
          py::arg("code"), py::arg("on") = py::none(),
          "The department as a dict (code, name, parent, manager on `on`, default: the database clock).")
      .def(
          "departments",
          localized([](PyDatabase& self, py::handle on) {
            py::list out;
            for (const Department& d : self.get().departments(optional_date_arg(on, "on"))) out.append(document_of(d));
            return out;
          }),
          py::arg("on") = py::none(), "Every department, by code.")
      .def(
          "set_department_manager",
          localized([](PyDatabase& self, py::handle code, py::handle employee, py::handle on) {
            const std::string c = str_arg(code, "code");
            const std::string e = str_arg(employee, "employee");
            const auto date = optional_date_arg(on, "on");
            Database& db = self.get();
            py::gil_scoped_release release;
            db.set_department_manager(c, e, date);
          }),
          py::arg("code"), py::arg("employee"), py::arg("on") = py::none(),
          "Set the department's manager from `on` (None: for all dates).")
      .def(
          "add_employee",
          localized([](PyDatabase& self, py::handle id, py::handle name, py::handle department, py::handle position,
             py::handle hired, py::handle manager) {
            EmployeeSpec spec{str_arg(id, "id"),
                              str_arg(name, "name"),
                              str_arg(department, "department"),
                              str_arg(position, "position"),
                              optional_date_arg(hired, "hired"),
                              optional_str_arg(manager, "manager")};
            Database& db = self.get();
            py::gil_scoped_release release;
            db.add_employee(spec);
          }),
          py::arg("id"), py::arg("name"), py::arg("department"), py::arg("position"), py::arg("hired") = py::none(),
          py::arg("manager") = py::none(),
          "Add an employee, posted in `department` for all dates before a transfer.")
      .def(
          "employee",
          localized([](PyDatabase& self, py::handle id, py::handle on) {
            return document_of(self.get().employee(str_arg(id, "id"), optional_date_arg(on, "on")));
          }),
          py::arg("id"), py::arg("on") = py::none(),
          "The employee as a dict, with the posting and activity of `on` (default: the database clock).")
      .def(
          "employees",
          localized([](PyDatabase& self, py::handle department, py::handle on) {
            py::list out;
            for (const Employee& e :
                 self.get().employees(optional_str_arg(department, "department"), optional_date_arg(on, "on"))) {
              out.append(document_of(e));
            }
            return out;
          }),
          py::arg("department") = py::none(), py::arg("on") = py::none(),
          "Employees (posted in `department`) on `on`, by id.")
      .def(
          "transfer",
          localized([](PyDatabase& self, py::handle employee, py::handle department, py::handle position, py::handle on) {
            const std::string e = str_arg(employee, "employee");
            const std::string d = str_arg(department, "department");
            const auto p = optional_str_arg(position, "position");
            Database& db = self.get();
            const Date date = on.is_none() ? db.today() : to_date(on, "on");
            py::gil_scoped_release release;
            db.transfer(e, d, p, date);
          }),
          py::arg("employee"), py::arg("department"), py::arg("position") = py::none(), py::arg("on") = py::none(),
          "Move the employee to `department` (and `position`) from `on` (default: the database clock).")
      .def(
          "postings",
          localized([](PyDatabase& self, py::handle employee) {
            return documents_of(self.get().postings(str_arg(employee, "employee")));
          }),
          py::arg("employee"), "The employee's postings in date order; the first has `from` None.")
      .def(
          "department_of",
          localized([](PyDatabase& self, py::handle employee, py::handle on) {
            Database& db = self.get();
            const Date date = on.is_none() ? db.today() : to_date(on, "on");
            return db.department_of(str_arg(employee, "employee"), date);
          }),
          py::arg("employee"), py::arg("on") = py::none(), "The code of the employee's department on `on`.")
      .def(
          "set_employee_manager",
          localized([](PyDatabase& self, py::handle employee, py::handle manager) {
            self.get().set_employee_manager(str_arg(employee, "employee"), optional_str_arg(manager, "manager"));
          }),
          py::arg("employee"), py::arg("manager"), "Set (or with None remove) the employee's manager.")
      .def(
          "deactivate_employee",
          localized([](PyDatabase& self, py::handle employee, py::handle on) {
            self.get().deactivate_employee(str_arg(employee, "employee"), optional_date_arg(on, "on"));
          }),
          py::arg("employee"), py::arg("on") = py::none(), "The employee leaves on `on` (default: the database clock).")
      .def(
          "assign_role",
          localized([](PyDatabase& self, py::handle employee, py::handle role, py::handle department, py::handle on) {
            self.get().assign_role(str_arg(employee, "employee"), str_arg(role, "role"),
                                   optional_str_arg(department, "department"), optional_date_arg(on, "on"));
          }),
          py::arg("employee"), py::arg("role"), py::arg("department") = py::none(), py::arg("on") = py::none(),
          "Give the employee a role, company-wide or for one department, from `on` (None: for all dates).")
      .def(
          "revoke_role",
          localized([](PyDatabase& self, py::handle employee, py::handle role, py::handle department, py::handle on) {
            self.get().revoke_role(str_arg(employee, "employee"), str_arg(role, "role"),
                                   optional_str_arg(department, "department"), optional_date_arg(on, "on"));
          }),
          py::arg("employee"), py::arg("role"), py::arg("department") = py::none(), py::arg("on") = py::none(),
          "End the role from `on` (default: the database clock).")
      .def(
          "role_holders",
          localized([](PyDatabase& self, py::handle role, py::handle department, py::handle on) {
            return self.get().role_holders(str_arg(role, "role"), optional_str_arg(department, "department"),
                                           optional_date_arg(on, "on"));
          }),
          py::arg("role"), py::arg("department") = py::none(), py::arg("on") = py::none(),
          "Employee ids holding the role on `on`: the department's own holders, else the company-wide ones.")
      .def(
          "roles_of",
          localized([](PyDatabase& self, py::handle employee) {
            return documents_of(self.get().roles_of(str_arg(employee, "employee")));
          }),
          py::arg("employee"), "The employee's role assignments.");
}

}  // namespace pactum::python
