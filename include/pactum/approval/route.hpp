// Approval routes: the ordered steps a contract passes through before it is
// active. A step names its approvers by role or by person, says how many of
// them must approve (mode), and may carry a deadline with an escalation target.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pactum {

// Who approves: a role (a free string such as "finance"; `dept_manager` is
// the manager of the contract's department) or one person (an employee id).
struct Approver {
  enum class Kind : unsigned char { role, person };

  Kind kind = Kind::role;
  std::string name;

  static Approver role(std::string name) { return {Kind::role, std::move(name)}; }
  static Approver person(std::string name) { return {Kind::person, std::move(name)}; }

  friend bool operator==(const Approver&, const Approver&) = default;
  friend std::strong_ordering operator<=>(const Approver&, const Approver&) = default;
};

// "role" / "person".
const char* approver_kind_name(Approver::Kind kind) noexcept;

// How many of a step's approvers must approve: one of them (`any`, the
// default), k of them, or every one (`all`). Strictness: all > k of n (a
// larger k is stricter) > any.
struct ApprovalMode {
  enum class Kind : unsigned char { any, k_of_n, all };

  Kind kind = Kind::any;
  int k = 1;  // meaningful for k_of_n only (2..kMaxK)

  static constexpr int kMaxK = 99;

  static ApprovalMode any() noexcept { return {Kind::any, 1}; }
  static ApprovalMode all() noexcept { return {Kind::all, 1}; }
  // k of n; k = 1 is `any`. k outside 1..kMaxK is a ValidationError.
  static ApprovalMode k_of(int k);

  // Orders modes by strictness: a < b when b is stricter.
  friend std::strong_ordering operator<=>(const ApprovalMode& a, const ApprovalMode& b) noexcept;
  friend bool operator==(const ApprovalMode&, const ApprovalMode&) = default;

  // "any", "all" or "2 of n".
  std::string to_string() const;
};

// One step of a route.
struct RouteStep {
  static constexpr int kMaxDeadlineDays = 3650;

  Approver approver;
  ApprovalMode mode;
  // Days the step may stay open (1..kMaxDeadlineDays) before it escalates.
  std::optional<int> deadline_days;
  // Added to the step's approvers once the deadline has passed.
  std::optional<Approver> escalate_to;

  friend bool operator==(const RouteStep&, const RouteStep&) = default;
};

// An ordered list of steps; never empty once it comes out of a routing table.
struct ApprovalRoute {
  std::vector<RouteStep> steps;

  bool empty() const noexcept { return steps.empty(); }
  std::size_t size() const noexcept { return steps.size(); }
  friend bool operator==(const ApprovalRoute&, const ApprovalRoute&) = default;
};

}  // namespace pactum
