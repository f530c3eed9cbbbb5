// Approval route instances: the words of the domain and approver resolution
// (segregation of duties, rerouting up the department tree, escalation
// targets). Pure logic: the org directory is read through ApproverDirectory.
#include "pactum/approval/approval.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "pactum/core/text.hpp"

namespace pactum {

namespace {

constexpr const char* kRouteStatusNames[] = {"in_review", "approved", "rejected", "sent_back", "withdrawn"};
constexpr const char* kActionNames[] = {"submitted", "approved", "rejected", "sent_back",
                                        "withdrawn", "rerouted", "escalated"};
constexpr const char* kOriginNames[] = {"route", "rerouted", "escalation"};

// A department tree deeper than this is treated as a cycle (the directory
// refuses cycles; this only keeps a damaged database from looping).
constexpr int kMaxDepartmentDepth = 10000;

bool contains(const std::vector<ResolvedApprover>& list, const std::string& employee) {
  return std::any_of(list.begin(), list.end(), [&](const ResolvedApprover& a) { return a.employee == employee; });
}

// Why `approver` resolves to nobody on `on`.
ApprovalNote nobody_note(const Approver& approver, const std::string& department, Date on) {
  if (approver.kind == Approver::Kind::person) {
    return {"approval.note_person_unavailable", {{"employee", approver.name}, {"on", on.to_string()}}};
  }
  if (approver.name == kDeptManagerRole) {
    return {"approval.note_no_manager", {{"department", department}, {"on", on.to_string()}}};
  }
  return {"approval.note_no_holder", {{"role", approver.name}, {"on", on.to_string()}}};
}

bool listed(const std::vector<std::string>& list, const std::string& employee) {
  return std::find(list.begin(), list.end(), employee) != list.end();
}

// Why segregation of duties keeps `employee` out of the route (a catalog key
// of the history's notes).
const char* excluded_note_key(const std::string& employee, const RouteParties& parties) {
  if (employee == parties.owner || listed(parties.other_owners, employee)) return "approval.note_is_owner";
  if (employee == parties.submitter) return "approval.note_is_submitter";
  if (listed(parties.earlier_submitters, employee)) return "approval.note_submitted_earlier";
  return "approval.note_is_editor";
}

ApprovalNote excluded_note(const std::string& employee, const RouteParties& parties) {
  return {excluded_note_key(employee, parties), {{"employee", employee}}};
}

// Adds approvers going up from the parent of the parties' department, then
// the general manager role, until `list` holds `needed` of them. `taken`
// says who may not be added (already an approver elsewhere in the step).
void go_up(std::vector<ResolvedApprover>& list, std::size_t needed, const std::vector<std::string>& taken,
           const RouteParties& parties, Date on, const ApproverDirectory& directory, ApproverOrigin origin,
           std::vector<ApprovalNote>& notes) {
  auto available = [&](const std::string& employee) {
    return !parties.excluded(employee) && !contains(list, employee) &&
           std::find(taken.begin(), taken.end(), employee) == taken.end();
  };
  std::optional<std::string> department = directory.parent_of(parties.department);
  for (int depth = 0; department && list.size() < needed && depth < kMaxDepartmentDepth; ++depth) {
    if (auto manager = directory.manager_of(*department, on); manager && available(*manager)) {
      list.push_back({*manager, origin});
      notes.push_back({"approval.note_parent_manager", {{"employee", *manager}, {"department", *department}}});
    }
    department = directory.parent_of(*department);
  }
  if (list.size() >= needed) return;
  for (const std::string& gm : directory.role_holders(std::string(kGeneralManagerRole), std::nullopt, on)) {
    if (list.size() >= needed) break;
    if (!available(gm)) continue;
    list.push_back({gm, origin});
    notes.push_back({"approval.note_general_manager", {{"employee", gm}}});
  }
}

}  // namespace

bool RouteParties::excluded(const std::string& employee) const noexcept {
  return employee == submitter || employee == owner || listed(earlier_submitters, employee) ||
         listed(other_owners, employee) || listed(editors, employee);
}

const char* route_status_name(RouteStatus status) noexcept {
  const auto i = static_cast<std::size_t>(status);
  return i < std::size(kRouteStatusNames) ? kRouteStatusNames[i] : "unknown";
}

RouteStatus parse_route_status(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kRouteStatusNames); ++i) {
    if (name == kRouteStatusNames[i]) return static_cast<RouteStatus>(i);
  }
  raise(Errc::invalid_argument, "approval.bad_route_status", {{"status", std::string(name)}});
}

const char* approval_action_name(ApprovalAction action) noexcept {
  const auto i = static_cast<std::size_t>(action);
  return i < std::size(kActionNames) ? kActionNames[i] : "unknown";
}

ApprovalAction parse_approval_action(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kActionNames); ++i) {
    if (name == kActionNames[i]) return static_cast<ApprovalAction>(i);
  }
  raise(Errc::invalid_argument, "approval.bad_action", {{"action", std::string(name)}});
}

const char* approver_origin_name(ApproverOrigin origin) noexcept {
  const auto i = static_cast<std::size_t>(origin);
  return i < std::size(kOriginNames) ? kOriginNames[i] : "unknown";
}

std::string join_notes(const std::vector<ApprovalNote>& notes, Lang lang) {
  std::string out;
  for (const ApprovalNote& n : notes) {
    if (!out.empty()) out += "; ";
    out += n.message(lang);
  }
  return out;
}

std::vector<std::string> approver_candidates(const Approver& approver, const std::string& department, Date on,
                                             const ApproverDirectory& directory) {
  if (approver.kind == Approver::Kind::person) {
    if (directory.employed(approver.name, on)) return {approver.name};
    return {};
  }
  if (approver.name == kDeptManagerRole) {
    if (auto manager = directory.manager_of(department, on)) return {*manager};
    return {};
  }
  return directory.role_holders(approver.name, department, on);
}

StepResolution resolve_step(const RouteStep& step, const RouteParties& parties, Date on,
                            const ApproverDirectory& directory) {
  StepResolution out;
  out.needed = step.mode.kind == ApprovalMode::Kind::k_of_n ? step.mode.k : 1;
  const auto needed = static_cast<std::size_t>(out.needed);
  const std::vector<std::string> candidates = approver_candidates(step.approver, parties.department, on, directory);
  std::vector<std::string> excluded;
  for (const std::string& c : candidates) {
    if (parties.excluded(c)) {
      excluded.push_back(c);
    } else {
      out.approvers.push_back({c, ApproverOrigin::route});
    }
  }
  if (out.approvers.size() < needed) {
    if (candidates.empty()) out.notes.push_back(nobody_note(step.approver, parties.department, on));
    for (const std::string& e : excluded) out.notes.push_back(excluded_note(e, parties));
    if (!out.approvers.empty()) {
      out.notes.push_back({"approval.note_short",
                           {{"needed", std::to_string(needed)}, {"available", std::to_string(out.approvers.size())}}});
    }
    go_up(out.approvers, needed, {}, parties, on, directory, ApproverOrigin::rerouted, out.notes);
  }
  out.required = step.mode.kind == ApprovalMode::Kind::all ? static_cast<int>(out.approvers.size()) : out.needed;
  return out;
}

EscalationResolution resolve_escalation(const Approver& target, const RouteParties& parties,
                                        const std::vector<std::string>& current, Date on,
                                        const ApproverDirectory& directory) {
  EscalationResolution out;
  const std::vector<std::string> candidates = approver_candidates(target, parties.department, on, directory);
  std::vector<ResolvedApprover> added;
  bool excluded = false;
  for (const std::string& c : candidates) {
    if (parties.excluded(c)) {
      excluded = true;
      out.notes.push_back(excluded_note(c, parties));
    } else if (std::find(current.begin(), current.end(), c) == current.end() && !contains(added, c)) {
      added.push_back({c, ApproverOrigin::escalation});
    }
  }
  if (added.empty()) {
    if (candidates.empty()) out.notes.push_back(nobody_note(target, parties.department, on));
    if (candidates.empty() || excluded) {
      go_up(added, 1, current, parties, on, directory, ApproverOrigin::escalation, out.notes);
    } else {
      out.notes.push_back({"approval.note_already_approvers", {{"target", target.name}}});
    }
  }
  if (added.empty() && (candidates.empty() || excluded)) out.notes.push_back({"approval.note_nobody_added", {}});
  for (const ResolvedApprover& a : added) out.added.push_back(a.employee);
  return out;
}

void validate_comment(std::string_view comment) {
  require_utf8(comment, "comment");
  for (unsigned char ch : comment) {
    if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7F) {
      raise(Errc::invalid_argument, "approval.comment_control");
    }
  }
  // C1 controls (U+0080..U+009F) are two bytes: C2 80..C2 9F.
  for (std::size_t i = 0; i + 1 < comment.size(); ++i) {
    if (static_cast<unsigned char>(comment[i]) == 0xC2 && static_cast<unsigned char>(comment[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(comment[i + 1]) <= 0x9F) {
      raise(Errc::invalid_argument, "approval.comment_control");
    }
  }
  if (code_point_count(comment) > kMaxCommentLength) {
    raise(Errc::invalid_argument, "approval.comment_too_long", {{"max", std::to_string(kMaxCommentLength)}});
  }
}

}  // namespace pactum
