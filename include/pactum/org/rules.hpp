// The rules of the org directory (docs/contracts.md, "Org directory"): who is employed on a date,
// which posting holds on a date, who may manage whom, when a transfer or a
// departure may be recorded, and which role assignment holds on a date. Pure
// functions over the facts the store loads; the store saves what they allow.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/org/directory.hpp"

namespace pactum {

// The facts of one employee the rules read.
struct EmploymentFacts {
  std::string id;
  std::string name;
  std::optional<Date> hired;
  std::optional<Date> left;
};

// ---- Existence -------------------------------------------------------------------

// The employee looked up as `id`, or PACTUM_ENOTFOUND (org.unknown_employee).
const EmploymentFacts& require_known_employee(const std::optional<EmploymentFacts>& found, const std::string& id);
[[noreturn]] void refuse_unknown_employee(const std::string& id);
// PACTUM_ENOTFOUND (org.unknown_department) unless `found`.
void require_known_department(bool found, const std::string& code);
// PACTUM_ECONFLICT (org.duplicate_department / org.duplicate_employee) when the key is taken.
void require_new_department(bool exists, const std::string& code);
void require_new_employee(bool exists, const std::string& id);

// ---- Employment ------------------------------------------------------------------

// Hired on or before `on` (or no hire date) and not left on or before it.
bool employed_on(const std::optional<Date>& hired, const std::optional<Date>& left, Date on) noexcept;
// A StateError (org.not_employed) unless the employee is employed on `on`.
void require_employed(const EmploymentFacts& employee, Date on);
// A transfer effective `on`: refused before the hire date (ValidationError)
// and on or after the departure (StateError).
void check_transfer(const EmploymentFacts& employee, Date on);
// A departure on `day`: false when the employee already left that very day
// (nothing to record), true to record it; refused when the employee left on
// another day (StateError) or `day` is before the hire date (ValidationError).
bool check_departure(const EmploymentFacts& employee, Date day);

// ---- Postings --------------------------------------------------------------------

// The posting in force on `on` among `history` (any order): the latest dated
// posting on or before `on`, else the undated one; nullopt if none holds.
std::optional<Posting> posting_on(const std::vector<Posting>& history, Date on);

// ---- Managers --------------------------------------------------------------------

// `chain` lists the managers above `employee` if `manager` became theirs:
// `manager`, then `manager`'s manager, and so on, stopping after the first
// repetition or at someone without a manager. A ValidationError
// (org.manager_cycle) when the chain leads back to `employee` or loops.
void require_no_manager_cycle(const std::string& employee, const std::string& manager,
                              const std::vector<std::string>& chain);

// ---- Roles -----------------------------------------------------------------------

// Among `rows` (the assignments of one role and scope to one employee), the
// one holding on `on`: from on or before it (an undated row since always,
// `on` nullopt meaning "since always" too) and not ended by then; the latest
// such. nullopt when none holds.
std::optional<RoleAssignment> role_assignment_on(const std::vector<RoleAssignment>& rows,
                                                 const std::optional<Date>& on);

// Assigning the role from `on`: nullopt when an open assignment already holds
// then (nothing to write), else the `from` of the assignment to open (or
// reopen): the holding row's when one holds but ends later, `on` otherwise.
struct RoleOpening {
  std::optional<Date> from;
};
std::optional<RoleOpening> plan_role_assignment(const std::vector<RoleAssignment>& rows, const std::optional<Date>& on);

// Revoking the role on `day`: the assignment to end on `day`, or
// PACTUM_ENOTFOUND (org.role_not_held) when none holds then.
RoleAssignment plan_role_revocation(const std::vector<RoleAssignment>& rows, const std::string& employee,
                                    const std::string& role, const std::optional<std::string>& department, Date day);

}  // namespace pactum
