// The org directory: departments, employees, postings, managers and roles,
// with their dated history. The rules are pactum/org/rules.hpp; the records
// are read and written through the storage interface (backend.hpp,
// OrgRecords).
#include <chrono>
#include <set>

#include "contracts_internal.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/rules.hpp"

namespace pactum {

namespace store {

namespace {

OrgRecords& org(Database::Impl& impl) { return impl.storage().org(); }

}  // namespace

std::string recorded_now() {
  using namespace std::chrono;
  const auto now = time_point_cast<milliseconds>(system_clock::now());
  const auto days = floor<std::chrono::days>(now);
  const year_month_day ymd{days};
  const hh_mm_ss<milliseconds> t{now - days};
  // "YYYY-MM-DDTHH:MM:SS.mmmZ", written digit by digit (this runs once per event).
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](std::size_t end, long long value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10) out[end - static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(3, static_cast<int>(ymd.year()), 4);
  put(6, static_cast<unsigned>(ymd.month()), 2);
  put(9, static_cast<unsigned>(ymd.day()), 2);
  put(12, t.hours().count(), 2);
  put(15, t.minutes().count(), 2);
  put(18, t.seconds().count(), 2);
  put(22, t.subseconds().count(), 3);
  return out;
}

bool department_exists(Database::Impl& impl, const std::string& code) { return org(impl).department(code).has_value(); }

void require_department(Database::Impl& impl, const std::string& code) {
  require_known_department(department_exists(impl, code), code);
}

std::optional<EmployeeRow> find_employee(Database::Impl& impl, const std::string& id) {
  std::optional<EmployeeRecord> e = org(impl).employee(id);
  if (!e) return std::nullopt;
  return EmployeeRow{id, std::move(e->name), e->hired, e->left};
}

EmployeeRow require_employee(Database::Impl& impl, const std::string& id) {
  return require_known_employee(find_employee(impl, id), id);
}

// The posting history of `employee`, oldest first (empty for an unknown id).
std::vector<Posting> postings_of(Database::Impl& impl, const std::string& employee) {
  return org(impl).postings(employee);
}

std::pair<std::string, std::string> posting_on(Database::Impl& impl, const std::string& employee, Date on) {
  // Every employee has a posting since always: none in force means no such employee.
  std::optional<Posting> p = pactum::posting_on(postings_of(impl, employee), on);
  if (!p) refuse_unknown_employee(employee);
  return {std::move(p->department), std::move(p->position)};
}

std::string department_name(Database::Impl& impl, const std::string& code) {
  std::optional<DepartmentRecord> d = org(impl).department(code);
  require_known_department(d.has_value(), code);
  return std::move(d->name);
}

bool employee_exists(Database::Impl& impl, const std::string& id) { return org(impl).employee(id).has_value(); }

void fill_directory_fields(Database::Impl& impl, const std::vector<std::string>& names, const std::string& employee,
                           Date on, NumberFields& fields) {
  std::optional<std::pair<std::string, std::string>> posting;
  auto department = [&]() -> const std::string& {
    if (!posting) posting = posting_on(impl, employee, on);
    return posting->first;
  };
  for (const std::string& name : names) {
    if (fields.count(name) != 0) continue;
    if (name == "dept") {
      fields[name] = department();
    } else if (name == "dept_name") {
      fields[name] = department_name(impl, department());
    } else if (name == "employee") {
      fields[name] = employee;
    } else if (name == "employee_name") {
      fields[name] = require_employee(impl, employee).name;
    }
  }
}

}  // namespace store

using namespace store;

namespace {

// `manager`, their manager and so on (pactum/org/rules.hpp,
// require_no_manager_cycle), stopping after `employee` or a repetition.
std::vector<std::string> manager_chain(Database::Impl& impl, const std::string& employee, const std::string& manager) {
  std::vector<std::string> chain;
  std::set<std::string> seen{employee};
  std::optional<std::string> current = manager;
  while (current) {
    chain.push_back(*current);
    if (!seen.insert(*current).second) break;
    const std::optional<EmployeeRecord> next = org(impl).employee(*current);
    current = next ? next->manager : std::nullopt;
  }
  return chain;
}

}  // namespace

// ---- Departments ----------------------------------------------------------------

void Database::add_department(const DepartmentSpec& spec) {
  impl_->write([&] {
    require_identifier(spec.code, "code");
    require_name(spec.name, "name");
    if (spec.parent) {
      require_identifier(*spec.parent, "parent");
      require_department(*impl_, *spec.parent);
    }
    if (spec.manager) {
      require_identifier(*spec.manager, "manager");
      require_employee(*impl_, *spec.manager);
    }
    require_new_department(department_exists(*impl_, spec.code), spec.code);
    org(*impl_).insert_department({spec.code, spec.name, spec.parent});
    if (spec.manager) org(*impl_).store_manager(spec.code, std::nullopt, *spec.manager);
  });
}

Department Database::department(const std::string& code, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(code, "code");
    std::optional<DepartmentRecord> d = org(*impl_).department(code);
    require_known_department(d.has_value(), code);
    return Department{code, std::move(d->name), std::move(d->parent), org(*impl_).manager_on(code, day)};
  });
}

std::vector<Department> Database::departments(std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    std::vector<Department> out;
    for (DepartmentRecord& d : org(*impl_).departments()) {
      out.push_back(Department{d.code, std::move(d.name), std::move(d.parent), std::nullopt});
    }
    for (Department& d : out) d.manager = org(*impl_).manager_on(d.code, day);
    return out;
  });
}

void Database::set_department_manager(const std::string& code, const std::string& employee, std::optional<Date> on) {
  impl_->write([&] {
    require_identifier(code, "code");
    require_identifier(employee, "employee");
    require_department(*impl_, code);
    require_employee(*impl_, employee);
    org(*impl_).store_manager(code, on, employee);
  });
}

// ---- Employees ------------------------------------------------------------------

void Database::add_employee(const EmployeeSpec& spec) {
  impl_->write([&] {
    require_identifier(spec.id, "id");
    require_name(spec.name, "name");
    require_identifier(spec.department, "department");
    require_name(spec.position, "position");
    require_department(*impl_, spec.department);
    if (spec.manager) {
      require_identifier(*spec.manager, "manager");
      // A new employee manages no one yet: only managing oneself loops.
      require_no_manager_cycle(spec.id, *spec.manager, {*spec.manager});
      require_employee(*impl_, *spec.manager);
    }
    require_new_employee(employee_exists(*impl_, spec.id), spec.id);
    org(*impl_).insert_employee({spec.id, spec.name, spec.manager, spec.hired, std::nullopt});
    org(*impl_).store_posting(spec.id, std::nullopt, spec.department, spec.position);
  });
}

Employee Database::employee(const std::string& id, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(id, "id");
    std::optional<EmployeeRecord> row = org(*impl_).employee(id);
    if (!row) refuse_unknown_employee(id);
    Employee e;
    e.id = id;
    e.name = std::move(row->name);
    e.manager = std::move(row->manager);
    e.hired = row->hired;
    e.left = row->left;
    e.active = employed_on(e.hired, e.left, day);
    auto [department, position] = posting_on(*impl_, id, day);
    e.department = std::move(department);
    e.position = std::move(position);
    return e;
  });
}

std::vector<Employee> Database::employees(const std::optional<std::string>& department, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    if (department) require_department(*impl_, *department);
    std::vector<Employee> out;
    for (PostedEmployee& p : org(*impl_).employees_on(day, department)) {
      Employee e;
      e.id = std::move(p.employee.id);
      e.name = std::move(p.employee.name);
      e.manager = std::move(p.employee.manager);
      e.hired = p.employee.hired;
      e.left = p.employee.left;
      e.department = std::move(p.department);
      e.position = std::move(p.position);
      e.active = employed_on(e.hired, e.left, day);
      out.push_back(std::move(e));
    }
    return out;
  });
}

void Database::transfer(const std::string& employee, const std::string& department,
                        const std::optional<std::string>& position, Date on) {
  impl_->write([&] {
    require_identifier(employee, "employee");
    require_identifier(department, "department");
    if (position) require_name(*position, "position");
    const EmployeeRow row = require_employee(*impl_, employee);
    require_department(*impl_, department);
    check_transfer(row, on);
    const std::string new_position = position ? *position : posting_on(*impl_, employee, on).second;
    org(*impl_).store_posting(employee, on, department, new_position);
  });
}

std::vector<Posting> Database::postings(const std::string& employee) const {
  return impl_->read([&] {
    require_utf8(employee, "employee");
    require_employee(*impl_, employee);
    return postings_of(*impl_, employee);
  });
}

std::string Database::department_of(const std::string& employee, Date on) const {
  return impl_->read([&] {
    require_utf8(employee, "employee");
    require_employee(*impl_, employee);
    return posting_on(*impl_, employee, on).first;
  });
}

void Database::set_employee_manager(const std::string& employee, const std::optional<std::string>& manager) {
  impl_->write([&] {
    require_identifier(employee, "employee");
    require_employee(*impl_, employee);
    if (manager) {
      require_identifier(*manager, "manager");
      require_employee(*impl_, *manager);
      require_no_manager_cycle(employee, *manager, manager_chain(*impl_, employee, *manager));
    }
    org(*impl_).store_employee_manager(employee, manager);
  });
}

void Database::deactivate_employee(const std::string& employee, std::optional<Date> on) {
  const Date day = on ? *on : today();
  impl_->write([&] {
    require_identifier(employee, "employee");
    const EmployeeRow row = require_employee(*impl_, employee);
    if (!check_departure(row, day)) return;
    org(*impl_).store_departure(employee, day);
  });
}

// ---- Roles ------------------------------------------------------------------------

void Database::assign_role(const std::string& employee, const std::string& role,
                           const std::optional<std::string>& department, std::optional<Date> on) {
  impl_->write([&] {
    require_identifier(employee, "employee");
    require_identifier(role, "role");
    require_employee(*impl_, employee);
    if (department) {
      require_identifier(*department, "department");
      require_department(*impl_, *department);
    }
    const std::optional<RoleOpening> opening =
        plan_role_assignment(org(*impl_).role_assignments(role, department, employee), on);
    if (!opening) return;  // already held from then on
    org(*impl_).open_role(role, department, employee, opening->from);
  });
}

void Database::revoke_role(const std::string& employee, const std::string& role,
                           const std::optional<std::string>& department, std::optional<Date> on) {
  const Date day = on ? *on : today();
  impl_->write([&] {
    require_identifier(employee, "employee");
    require_identifier(role, "role");
    require_employee(*impl_, employee);
    if (department) {
      require_identifier(*department, "department");
      require_department(*impl_, *department);
    }
    const RoleAssignment ending = plan_role_revocation(org(*impl_).role_assignments(role, department, employee),
                                                       employee, role, department, day);
    org(*impl_).close_role(role, department, employee, ending.from, day);
  });
}

std::vector<std::string> Database::role_holders(const std::string& role, const std::optional<std::string>& department,
                                                std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(role, "role");
    if (department) {
      require_utf8(*department, "department");
      require_department(*impl_, *department);
    }
    // The department's own holders, else the company-wide ones.
    if (department) {
      std::vector<std::string> own = org(*impl_).role_holders_on(role, department, day);
      if (!own.empty()) return own;
    }
    return org(*impl_).role_holders_on(role, std::nullopt, day);
  });
}

std::vector<RoleAssignment> Database::roles_of(const std::string& employee) const {
  return impl_->read([&] {
    require_utf8(employee, "employee");
    require_employee(*impl_, employee);
    return org(*impl_).roles_of(employee);
  });
}

}  // namespace pactum
