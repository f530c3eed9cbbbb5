// The rules of the org directory, over the facts the store loads.
#include "pactum/org/rules.hpp"

#include <algorithm>
#include <set>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

// nullopt ("since always") sorts before every date.
bool on_or_before(const std::optional<Date>& from, const std::optional<Date>& on) noexcept {
  if (!from) return true;
  return on && *from <= *on;
}

// An end (exclusive) later than `on`; nullopt ends never. With `on` nullopt
// every end is later.
bool ends_after(const std::optional<Date>& until, const std::optional<Date>& on) noexcept {
  if (!until || !on) return true;
  return *on < *until;
}

bool later_start(const std::optional<Date>& a, const std::optional<Date>& b) noexcept {
  if (!a) return false;
  return !b || *b < *a;
}

}  // namespace

void refuse_unknown_employee(const std::string& id) { raise(Errc::not_found, "org.unknown_employee", {{"id", id}}); }

const EmploymentFacts& require_known_employee(const std::optional<EmploymentFacts>& found, const std::string& id) {
  if (!found) refuse_unknown_employee(id);
  return *found;
}

void require_known_department(bool found, const std::string& code) {
  if (!found) raise(Errc::not_found, "org.unknown_department", {{"code", code}});
}

void require_new_department(bool exists, const std::string& code) {
  if (exists) raise(Errc::conflict, "org.duplicate_department", {{"code", code}});
}

void require_new_employee(bool exists, const std::string& id) {
  if (exists) raise(Errc::conflict, "org.duplicate_employee", {{"id", id}});
}

bool employed_on(const std::optional<Date>& hired, const std::optional<Date>& left, Date on) noexcept {
  return !(hired && on < *hired) && !(left && *left <= on);
}

void require_employed(const EmploymentFacts& employee, Date on) {
  if (!employed_on(employee.hired, employee.left, on)) {
    raise(Errc::invalid_state, "org.not_employed", {{"id", employee.id}, {"on", on.to_string()}});
  }
}

void check_transfer(const EmploymentFacts& employee, Date on) {
  if (employee.hired && on < *employee.hired) {
    raise(Errc::invalid_argument, "org.transfer_before_hire",
          {{"id", employee.id}, {"on", on.to_string()}, {"hired", employee.hired->to_string()}});
  }
  if (employee.left && *employee.left <= on) {
    raise(Errc::invalid_state, "org.already_left", {{"id", employee.id}, {"left", employee.left->to_string()}});
  }
}

bool check_departure(const EmploymentFacts& employee, Date day) {
  if (employee.left) {
    if (*employee.left == day) return false;
    raise(Errc::invalid_state, "org.already_left", {{"id", employee.id}, {"left", employee.left->to_string()}});
  }
  if (employee.hired && day < *employee.hired) {
    raise(Errc::invalid_argument, "org.left_before_hire",
          {{"id", employee.id}, {"on", day.to_string()}, {"hired", employee.hired->to_string()}});
  }
  return true;
}

std::optional<Posting> posting_on(const std::vector<Posting>& history, Date on) {
  const Posting* best = nullptr;
  for (const Posting& p : history) {
    if (!on_or_before(p.from, on)) continue;
    if (best == nullptr || later_start(p.from, best->from)) best = &p;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

void require_no_manager_cycle(const std::string& employee, const std::string& manager,
                              const std::vector<std::string>& chain) {
  std::set<std::string> seen{employee};
  for (const std::string& above : chain) {
    if (!seen.insert(above).second) {
      raise(Errc::invalid_argument, "org.manager_cycle", {{"id", employee}, {"manager", manager}});
    }
  }
}

std::optional<RoleAssignment> role_assignment_on(const std::vector<RoleAssignment>& rows,
                                                 const std::optional<Date>& on) {
  const RoleAssignment* best = nullptr;
  for (const RoleAssignment& r : rows) {
    if (!on_or_before(r.from, on) || !ends_after(r.until, on)) continue;
    if (best == nullptr || later_start(r.from, best->from)) best = &r;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

std::optional<RoleOpening> plan_role_assignment(const std::vector<RoleAssignment>& rows,
                                                const std::optional<Date>& on) {
  const std::optional<RoleAssignment> holding = role_assignment_on(rows, on);
  if (!holding) return RoleOpening{on};
  if (!holding->until) return std::nullopt;  // already held from then on
  return RoleOpening{holding->from};
}

RoleAssignment plan_role_revocation(const std::vector<RoleAssignment>& rows, const std::string& employee,
                                    const std::string& role, const std::optional<std::string>& department, Date day) {
  std::optional<RoleAssignment> holding = role_assignment_on(rows, day);
  if (!holding) {
    raise(Errc::not_found, "org.role_not_held",
          {{"id", employee}, {"role", role}, {"department", department.value_or("*")}, {"on", day.to_string()}});
  }
  holding->until = day;
  return *holding;
}

}  // namespace pactum
