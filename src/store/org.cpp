// The org directory in SQLite: departments, employees, postings, managers and
// roles, with their dated history.
#include <chrono>
#include <set>

#include "contracts_internal.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/rules.hpp"

namespace pactum {

namespace store {

namespace {

// '' in valid_from means "since always" and sorts before every date.
std::string from_key(const std::optional<Date>& on) { return on ? on->to_string() : std::string(); }
std::optional<Date> from_value(const std::string& key) {
  if (key.empty()) return std::nullopt;
  return Date::parse(key);
}

}  // namespace

std::optional<Date> optional_date(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return Date::parse(column.getString());
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<Date>& value) {
  if (value) {
    st.bind(index, value->to_string());
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    st.bind(index, static_cast<std::int64_t>(*value));
  } else {
    st.bind(index);
  }
}

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

bool department_exists(Database::Impl& impl, const std::string& code) {
  auto st = impl.statement("SELECT 1 FROM departments WHERE code = ?");
  st->bind(1, code);
  return st->executeStep();
}

void require_department(Database::Impl& impl, const std::string& code) {
  require_known_department(department_exists(impl, code), code);
}

std::optional<EmployeeRow> find_employee(Database::Impl& impl, const std::string& id) {
  auto st = impl.statement("SELECT name, hired, left_on FROM employees WHERE id = ?");
  st->bind(1, id);
  if (!st->executeStep()) return std::nullopt;
  return EmployeeRow{id, st->getColumn(0).getString(), optional_date(st->getColumn(1)),
                     optional_date(st->getColumn(2))};
}

EmployeeRow require_employee(Database::Impl& impl, const std::string& id) {
  return require_known_employee(find_employee(impl, id), id);
}

// The posting history of `employee`, oldest first (empty for an unknown id).
std::vector<Posting> postings_of(Database::Impl& impl, const std::string& employee) {
  auto st = impl.statement("SELECT valid_from, department, position FROM postings WHERE employee = ? ORDER BY valid_from");
  st->bind(1, employee);
  std::vector<Posting> out;
  while (st->executeStep()) {
    out.push_back(Posting{st->getColumn(1).getString(), st->getColumn(2).getString(),
                          from_value(st->getColumn(0).getString())});
  }
  return out;
}

std::pair<std::string, std::string> posting_on(Database::Impl& impl, const std::string& employee, Date on) {
  // Every employee has a posting since always: none in force means no such employee.
  std::optional<Posting> p = pactum::posting_on(postings_of(impl, employee), on);
  if (!p) refuse_unknown_employee(employee);
  return {std::move(p->department), std::move(p->position)};
}

std::string department_name(Database::Impl& impl, const std::string& code) {
  auto st = impl.statement("SELECT name FROM departments WHERE code = ?");
  st->bind(1, code);
  const bool found = st->executeStep();
  require_known_department(found, code);
  return st->getColumn(0).getString();
}

bool employee_exists(Database::Impl& impl, const std::string& id) {
  auto st = impl.statement("SELECT 1 FROM employees WHERE id = ?");
  st->bind(1, id);
  return st->executeStep();
}

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

std::optional<std::string> manager_on(Database::Impl& impl, const std::string& code, Date on) {
  auto st = impl.statement(
      "SELECT employee FROM department_managers WHERE department = ? AND valid_from <= ? "
      "ORDER BY valid_from DESC LIMIT 1");
  st->bind(1, code);
  st->bind(2, on.to_string());
  if (!st->executeStep()) return std::nullopt;
  return st->getColumn(0).getString();
}

// `manager`, their manager and so on (pactum/org/rules.hpp,
// require_no_manager_cycle), stopping after `employee` or a repetition.
std::vector<std::string> manager_chain(Database::Impl& impl, const std::string& employee, const std::string& manager) {
  std::vector<std::string> chain;
  std::set<std::string> seen{employee};
  std::optional<std::string> current = manager;
  while (current) {
    chain.push_back(*current);
    if (!seen.insert(*current).second) break;
    auto st = impl.statement("SELECT manager FROM employees WHERE id = ?");
    st->bind(1, *current);
    current = st->executeStep() ? optional_text(st->getColumn(0)) : std::nullopt;
  }
  return chain;
}

// The assignments of `role` in `scope` ('' company-wide) to `employee`.
std::vector<RoleAssignment> role_rows(Database::Impl& impl, const std::string& role, const std::string& scope,
                                      const std::string& employee) {
  auto st = impl.statement(
      "SELECT valid_from, valid_until FROM role_assignments WHERE role = ? AND department = ? AND employee = ?");
  st->bind(1, role);
  st->bind(2, scope);
  st->bind(3, employee);
  std::vector<RoleAssignment> out;
  while (st->executeStep()) {
    RoleAssignment r;
    r.employee = employee;
    r.role = role;
    if (!scope.empty()) r.department = scope;
    r.from = from_value(st->getColumn(0).getString());
    r.until = optional_date(st->getColumn(1));
    out.push_back(std::move(r));
  }
  return out;
}

std::string role_scope_key(const std::optional<std::string>& department) { return department.value_or(""); }

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
    auto st = impl_->statement("INSERT INTO departments(code, name, parent) VALUES(?, ?, ?)");
    st->bind(1, spec.code);
    st->bind(2, spec.name);
    bind_optional(*st, 3, spec.parent);
    st->exec();
    if (spec.manager) {
      auto m = impl_->statement("INSERT INTO department_managers(department, valid_from, employee) VALUES(?, '', ?)");
      m->bind(1, spec.code);
      m->bind(2, *spec.manager);
      m->exec();
    }
  });
}

Department Database::department(const std::string& code, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(code, "code");
    auto st = impl_->statement("SELECT name, parent FROM departments WHERE code = ?");
    st->bind(1, code);
    require_known_department(st->executeStep(), code);
    Department d{code, st->getColumn(0).getString(), optional_text(st->getColumn(1)), std::nullopt};
    d.manager = manager_on(*impl_, code, day);
    return d;
  });
}

std::vector<Department> Database::departments(std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    std::vector<Department> out;
    {
      auto st = impl_->statement("SELECT code, name, parent FROM departments ORDER BY code");
      while (st->executeStep()) {
        out.push_back(Department{st->getColumn(0).getString(), st->getColumn(1).getString(),
                                 optional_text(st->getColumn(2)), std::nullopt});
      }
    }
    for (Department& d : out) d.manager = manager_on(*impl_, d.code, day);
    return out;
  });
}

void Database::set_department_manager(const std::string& code, const std::string& employee, std::optional<Date> on) {
  impl_->write([&] {
    require_identifier(code, "code");
    require_identifier(employee, "employee");
    require_department(*impl_, code);
    require_employee(*impl_, employee);
    auto st = impl_->statement(
        "INSERT INTO department_managers(department, valid_from, employee) VALUES(?, ?, ?) "
        "ON CONFLICT(department, valid_from) DO UPDATE SET employee = excluded.employee");
    st->bind(1, code);
    st->bind(2, from_key(on));
    st->bind(3, employee);
    st->exec();
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
    {
      auto st = impl_->statement("INSERT INTO employees(id, name, manager, hired, left_on) VALUES(?, ?, ?, ?, NULL)");
      st->bind(1, spec.id);
      st->bind(2, spec.name);
      bind_optional(*st, 3, spec.manager);
      bind_optional(*st, 4, spec.hired);
      st->exec();
    }
    auto st = impl_->statement("INSERT INTO postings(employee, valid_from, department, position) VALUES(?, '', ?, ?)");
    st->bind(1, spec.id);
    st->bind(2, spec.department);
    st->bind(3, spec.position);
    st->exec();
  });
}

Employee Database::employee(const std::string& id, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(id, "id");
    auto st = impl_->statement("SELECT name, manager, hired, left_on FROM employees WHERE id = ?");
    st->bind(1, id);
    if (!st->executeStep()) refuse_unknown_employee(id);
    Employee e;
    e.id = id;
    e.name = st->getColumn(0).getString();
    e.manager = optional_text(st->getColumn(1));
    e.hired = optional_date(st->getColumn(2));
    e.left = optional_date(st->getColumn(3));
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
    auto st = impl_->statement(
        "SELECT e.id, e.name, e.manager, e.hired, e.left_on, p.department, p.position "
        "FROM employees e JOIN postings p ON p.employee = e.id AND p.valid_from = "
        "(SELECT MAX(q.valid_from) FROM postings q WHERE q.employee = e.id AND q.valid_from <= ?1) "
        "WHERE ?2 IS NULL OR p.department = ?2 ORDER BY e.id");
    st->bind(1, day.to_string());
    bind_optional(*st, 2, department);
    std::vector<Employee> out;
    while (st->executeStep()) {
      Employee e;
      e.id = st->getColumn(0).getString();
      e.name = st->getColumn(1).getString();
      e.manager = optional_text(st->getColumn(2));
      e.hired = optional_date(st->getColumn(3));
      e.left = optional_date(st->getColumn(4));
      e.department = st->getColumn(5).getString();
      e.position = st->getColumn(6).getString();
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
    auto st = impl_->statement(
        "INSERT INTO postings(employee, valid_from, department, position) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(employee, valid_from) DO UPDATE SET department = excluded.department, "
        "position = excluded.position");
    st->bind(1, employee);
    st->bind(2, on.to_string());
    st->bind(3, department);
    st->bind(4, new_position);
    st->exec();
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
    auto st = impl_->statement("UPDATE employees SET manager = ? WHERE id = ?");
    bind_optional(*st, 1, manager);
    st->bind(2, employee);
    st->exec();
  });
}

void Database::deactivate_employee(const std::string& employee, std::optional<Date> on) {
  const Date day = on ? *on : today();
  impl_->write([&] {
    require_identifier(employee, "employee");
    const EmployeeRow row = require_employee(*impl_, employee);
    if (!check_departure(row, day)) return;
    auto st = impl_->statement("UPDATE employees SET left_on = ? WHERE id = ?");
    st->bind(1, day.to_string());
    st->bind(2, employee);
    st->exec();
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
        plan_role_assignment(role_rows(*impl_, role, role_scope_key(department), employee), on);
    if (!opening) return;  // already held from then on
    auto ins = impl_->statement(
        "INSERT INTO role_assignments(role, department, employee, valid_from, valid_until) VALUES(?, ?, ?, ?, NULL) "
        "ON CONFLICT(role, department, employee, valid_from) DO UPDATE SET valid_until = NULL");
    ins->bind(1, role);
    ins->bind(2, role_scope_key(department));
    ins->bind(3, employee);
    ins->bind(4, from_key(opening->from));
    ins->exec();
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
    const RoleAssignment ending = plan_role_revocation(role_rows(*impl_, role, role_scope_key(department), employee),
                                                       employee, role, department, day);
    const std::string from = from_key(ending.from);
    auto up = impl_->statement(
        "UPDATE role_assignments SET valid_until = ? WHERE role = ? AND department = ? AND employee = ? "
        "AND valid_from = ?");
    up->bind(1, day.to_string());
    up->bind(2, role);
    up->bind(3, role_scope_key(department));
    up->bind(4, employee);
    up->bind(5, from);
    up->exec();
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
    auto holders = [&](const std::string& scope) {
      auto st = impl_->statement(
          "SELECT DISTINCT r.employee FROM role_assignments r JOIN employees e ON e.id = r.employee "
          "WHERE r.role = ?1 AND r.department = ?2 AND r.valid_from <= ?3 "
          "AND (r.valid_until IS NULL OR r.valid_until > ?3) "
          "AND (e.hired IS NULL OR e.hired <= ?3) AND (e.left_on IS NULL OR e.left_on > ?3) "
          "ORDER BY r.employee");
      st->bind(1, role);
      st->bind(2, scope);
      st->bind(3, day.to_string());
      std::vector<std::string> out;
      while (st->executeStep()) out.push_back(st->getColumn(0).getString());
      return out;
    };
    if (department) {
      auto own = holders(*department);
      if (!own.empty()) return own;
    }
    return holders(std::string());
  });
}

std::vector<RoleAssignment> Database::roles_of(const std::string& employee) const {
  return impl_->read([&] {
    require_utf8(employee, "employee");
    require_employee(*impl_, employee);
    auto st = impl_->statement(
        "SELECT role, department, valid_from, valid_until FROM role_assignments WHERE employee = ? "
        "ORDER BY role, department, valid_from");
    st->bind(1, employee);
    std::vector<RoleAssignment> out;
    while (st->executeStep()) {
      RoleAssignment r;
      r.employee = employee;
      r.role = st->getColumn(0).getString();
      const std::string scope = st->getColumn(1).getString();
      if (!scope.empty()) r.department = scope;
      r.from = from_value(st->getColumn(2).getString());
      r.until = optional_date(st->getColumn(3));
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace pactum
