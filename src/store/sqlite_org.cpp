// The org directory's records on SQLite (backend.hpp, OrgRecords): tables
// departments, department_managers, employees, postings and role_assignments.
// '' in a valid_from column means "since always" and sorts before every
// date; '' in role_assignments.department means company-wide.
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

std::string from_key(const std::optional<Date>& from) { return from ? from->to_string() : std::string(); }
std::optional<Date> from_value(const std::string& key) {
  if (key.empty()) return std::nullopt;
  return Date::parse(key);
}
std::string scope_key(const std::optional<std::string>& department) { return department.value_or(""); }

EmployeeRecord employee_from(SQLite::Statement& st, int first) {
  return EmployeeRecord{st.getColumn(first).getString(), st.getColumn(first + 1).getString(),
                        optional_text(st.getColumn(first + 2)), optional_date(st.getColumn(first + 3)),
                        optional_date(st.getColumn(first + 4))};
}

class SqliteOrgRecords final : public OrgRecords {
 public:
  explicit SqliteOrgRecords(Database::Impl& impl) : impl_(impl) {}

  std::optional<DepartmentRecord> department(const std::string& code) override {
    auto st = impl_.statement("SELECT name, parent FROM departments WHERE code = ?");
    st->bind(1, code);
    if (!st->executeStep()) return std::nullopt;
    return DepartmentRecord{code, st->getColumn(0).getString(), optional_text(st->getColumn(1))};
  }

  std::vector<DepartmentRecord> departments() override {
    auto st = impl_.statement("SELECT code, name, parent FROM departments ORDER BY code");
    std::vector<DepartmentRecord> out;
    while (st->executeStep()) {
      out.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(), optional_text(st->getColumn(2))});
    }
    return out;
  }

  void insert_department(const DepartmentRecord& d) override {
    auto st = impl_.statement("INSERT INTO departments(code, name, parent) VALUES(?, ?, ?)");
    st->bind(1, d.code);
    st->bind(2, d.name);
    bind_optional(*st, 3, d.parent);
    st->exec();
  }

  std::optional<std::string> manager_on(const std::string& department, Date on) override {
    auto st = impl_.statement(
        "SELECT employee FROM department_managers WHERE department = ? AND valid_from <= ? "
        "ORDER BY valid_from DESC LIMIT 1");
    st->bind(1, department);
    st->bind(2, on.to_string());
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::vector<std::pair<std::optional<Date>, std::string>> managers(const std::string& department) override {
    auto st = impl_.statement(
        "SELECT valid_from, employee FROM department_managers WHERE department = ? ORDER BY valid_from");
    st->bind(1, department);
    std::vector<std::pair<std::optional<Date>, std::string>> out;
    while (st->executeStep()) out.emplace_back(from_value(st->getColumn(0).getString()), st->getColumn(1).getString());
    return out;
  }

  void store_manager(const std::string& department, std::optional<Date> from, const std::string& employee) override {
    auto st = impl_.statement(
        "INSERT INTO department_managers(department, valid_from, employee) VALUES(?, ?, ?) "
        "ON CONFLICT(department, valid_from) DO UPDATE SET employee = excluded.employee");
    st->bind(1, department);
    st->bind(2, from_key(from));
    st->bind(3, employee);
    st->exec();
  }

  std::optional<EmployeeRecord> employee(const std::string& id) override {
    auto st = impl_.statement("SELECT id, name, manager, hired, left_on FROM employees WHERE id = ?");
    st->bind(1, id);
    if (!st->executeStep()) return std::nullopt;
    return employee_from(*st, 0);
  }

  void insert_employee(const EmployeeRecord& e) override {
    auto st = impl_.statement("INSERT INTO employees(id, name, manager, hired, left_on) VALUES(?, ?, ?, ?, ?)");
    st->bind(1, e.id);
    st->bind(2, e.name);
    bind_optional(*st, 3, e.manager);
    bind_optional(*st, 4, e.hired);
    bind_optional(*st, 5, e.left);
    st->exec();
  }

  void store_employee_manager(const std::string& id, const std::optional<std::string>& manager) override {
    auto st = impl_.statement("UPDATE employees SET manager = ? WHERE id = ?");
    bind_optional(*st, 1, manager);
    st->bind(2, id);
    st->exec();
  }

  void store_departure(const std::string& id, Date left) override {
    auto st = impl_.statement("UPDATE employees SET left_on = ? WHERE id = ?");
    st->bind(1, left.to_string());
    st->bind(2, id);
    st->exec();
  }

  std::vector<Posting> postings(const std::string& employee) override {
    auto st = impl_.statement(
        "SELECT valid_from, department, position FROM postings WHERE employee = ? ORDER BY valid_from");
    st->bind(1, employee);
    std::vector<Posting> out;
    while (st->executeStep()) {
      out.push_back(Posting{st->getColumn(1).getString(), st->getColumn(2).getString(),
                            from_value(st->getColumn(0).getString())});
    }
    return out;
  }

  void store_posting(const std::string& employee, std::optional<Date> from, const std::string& department,
                     const std::string& position) override {
    auto st = impl_.statement(
        "INSERT INTO postings(employee, valid_from, department, position) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(employee, valid_from) DO UPDATE SET department = excluded.department, "
        "position = excluded.position");
    st->bind(1, employee);
    st->bind(2, from_key(from));
    st->bind(3, department);
    st->bind(4, position);
    st->exec();
  }

  std::vector<PostedEmployee> employees_on(Date on, const std::optional<std::string>& department) override {
    auto st = impl_.statement(
        "SELECT e.id, e.name, e.manager, e.hired, e.left_on, p.department, p.position "
        "FROM employees e JOIN postings p ON p.employee = e.id AND p.valid_from = "
        "(SELECT MAX(q.valid_from) FROM postings q WHERE q.employee = e.id AND q.valid_from <= ?1) "
        "WHERE ?2 IS NULL OR p.department = ?2 ORDER BY e.id");
    st->bind(1, on.to_string());
    bind_optional(*st, 2, department);
    std::vector<PostedEmployee> out;
    while (st->executeStep()) {
      out.push_back({employee_from(*st, 0), st->getColumn(5).getString(), st->getColumn(6).getString()});
    }
    return out;
  }

  std::vector<RoleAssignment> role_assignments(const std::string& role, const std::optional<std::string>& department,
                                               const std::string& employee) override {
    auto st = impl_.statement(
        "SELECT valid_from, valid_until FROM role_assignments WHERE role = ? AND department = ? AND employee = ? "
        "ORDER BY valid_from");
    st->bind(1, role);
    st->bind(2, scope_key(department));
    st->bind(3, employee);
    std::vector<RoleAssignment> out;
    while (st->executeStep()) {
      out.push_back(RoleAssignment{employee, role, department, from_value(st->getColumn(0).getString()),
                                   optional_date(st->getColumn(1))});
    }
    return out;
  }

  void open_role(const std::string& role, const std::optional<std::string>& department, const std::string& employee,
                 std::optional<Date> from) override {
    auto st = impl_.statement(
        "INSERT INTO role_assignments(role, department, employee, valid_from, valid_until) VALUES(?, ?, ?, ?, NULL) "
        "ON CONFLICT(role, department, employee, valid_from) DO UPDATE SET valid_until = NULL");
    st->bind(1, role);
    st->bind(2, scope_key(department));
    st->bind(3, employee);
    st->bind(4, from_key(from));
    st->exec();
  }

  void close_role(const std::string& role, const std::optional<std::string>& department, const std::string& employee,
                  std::optional<Date> from, Date until) override {
    auto st = impl_.statement(
        "UPDATE role_assignments SET valid_until = ? WHERE role = ? AND department = ? AND employee = ? "
        "AND valid_from = ?");
    st->bind(1, until.to_string());
    st->bind(2, role);
    st->bind(3, scope_key(department));
    st->bind(4, employee);
    st->bind(5, from_key(from));
    st->exec();
  }

  std::vector<std::string> role_holders_on(const std::string& role, const std::optional<std::string>& department,
                                           Date on) override {
    auto st = impl_.statement(
        "SELECT DISTINCT r.employee FROM role_assignments r JOIN employees e ON e.id = r.employee "
        "WHERE r.role = ?1 AND r.department = ?2 AND r.valid_from <= ?3 "
        "AND (r.valid_until IS NULL OR r.valid_until > ?3) "
        "AND (e.hired IS NULL OR e.hired <= ?3) AND (e.left_on IS NULL OR e.left_on > ?3) "
        "ORDER BY r.employee");
    st->bind(1, role);
    st->bind(2, scope_key(department));
    st->bind(3, on.to_string());
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  std::vector<RoleAssignment> roles_of(const std::string& employee) override {
    auto st = impl_.statement(
        "SELECT role, department, valid_from, valid_until FROM role_assignments WHERE employee = ? "
        "ORDER BY role, department, valid_from");
    st->bind(1, employee);
    std::vector<RoleAssignment> out;
    while (st->executeStep()) {
      const std::string scope = st->getColumn(1).getString();
      out.push_back(RoleAssignment{employee, st->getColumn(0).getString(),
                                   scope.empty() ? std::nullopt : std::optional<std::string>(scope),
                                   from_value(st->getColumn(2).getString()), optional_date(st->getColumn(3))});
    }
    return out;
  }

 private:
  Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<OrgRecords> make_sqlite_org_records(Database::Impl& impl) {
  return std::make_unique<SqliteOrgRecords>(impl);
}

}  // namespace pactum::store
