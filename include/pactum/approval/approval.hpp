// Approval route instances: a contract submitted for approval walks the steps
// of the route its routing table gave it. Each step's approvers are resolved
// through the org directory when the step opens (department manager, role
// holders, named people), with segregation of duties (the submitter and the
// owner never approve) and rerouting up the department tree when that leaves
// a step without approvers. Delegates act for approvers inside a date
// window; a step whose deadline passes escalates once. docs/approval.md
// describes the semantics; pactum::Database runs them on a stored contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/approval/route.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

// ---- Words ---------------------------------------------------------------------

// The state of one route instance (one submission of a contract).
enum class RouteStatus : unsigned char {
  in_review,  // a step is open
  approved,   // every step approved: the contract is active
  rejected,   // an approver rejected: the contract is `rejected`
  sent_back,  // an approver sent it back to the submitter: the contract is `draft`
  withdrawn,  // the submitter withdrew it: the contract is `draft`
};
// "in_review", "approved", "rejected", "sent_back", "withdrawn".
const char* route_status_name(RouteStatus status) noexcept;
// The inverse; an unknown name is a ValidationError.
RouteStatus parse_route_status(std::string_view name);

// What an entry of the approval history records.
enum class ApprovalAction : unsigned char {
  submitted,  // the contract entered review (a new route instance)
  approved,   // one approver's approval of the current step
  rejected,
  sent_back,
  withdrawn,
  rerouted,   // a step's approvers differ from what the route names (the reason says why)
  escalated,  // a step's deadline passed: its escalation target was added
};
const char* approval_action_name(ApprovalAction action) noexcept;
ApprovalAction parse_approval_action(std::string_view name);

// How an approver came to a step.
enum class ApproverOrigin : unsigned char {
  route,       // resolved from the step's role or person
  rerouted,    // the step went up the department tree (or to the general manager)
  escalation,  // added when the step's deadline passed
};
const char* approver_origin_name(ApproverOrigin origin) noexcept;

// A reason recorded in the history (why a step was rerouted or escalated):
// a catalog entry and its arguments, rendered in either language.
struct ApprovalNote {
  std::string key;
  MessageArgs args;

  std::string message(Lang lang = Lang::en) const { return render_message(key, lang, args); }
  friend bool operator==(const ApprovalNote&, const ApprovalNote&) = default;
};
// The notes' messages in `lang`, joined with "; ".
std::string join_notes(const std::vector<ApprovalNote>& notes, Lang lang);

// ---- Resolution ------------------------------------------------------------------

// What approver resolution reads from the org directory, as of a date.
class ApproverDirectory {
 public:
  virtual ~ApproverDirectory() = default;
  // The manager of `department` on `on`, if there is one and they are employed then.
  virtual std::optional<std::string> manager_of(const std::string& department, Date on) const = 0;
  // The parent department, if any.
  virtual std::optional<std::string> parent_of(const std::string& department) const = 0;
  // The holders of `role` employed on `on`, by id: the department's own
  // holders when it has any, else the company-wide ones (`department`
  // nullopt: the company-wide ones only).
  virtual std::vector<std::string> role_holders(const std::string& role, const std::optional<std::string>& department,
                                                Date on) const = 0;
  // True when the employee exists and is employed on `on`.
  virtual bool employed(const std::string& employee, Date on) const = 0;
};

// The people segregation of duties keeps out of a route, and the department
// whose manager and role holders approve. Segregation holds across rounds:
// whoever submitted, resubmitted or edited the contract in any round, and
// its owner, approve no step of it.
struct RouteParties {
  std::string department;  // the contract's department
  std::string submitter;   // of this round
  std::string owner;       // when this round was submitted
  // Submitters of the contract's other rounds, and its owners other than
  // `owner` (before or after a handover).
  std::vector<std::string> earlier_submitters = {};
  std::vector<std::string> other_owners = {};
  // Employees who recorded or amended the contract's terms (the `actor` of
  // its created and amended events, when it names an employee).
  std::vector<std::string> editors = {};

  bool excluded(const std::string& employee) const noexcept;
};

// The role whose holders approve at the top of the department tree.
inline constexpr std::string_view kGeneralManagerRole = "general_manager";
// The role naming the manager of the contract's department.
inline constexpr std::string_view kDeptManagerRole = "dept_manager";

struct ResolvedApprover {
  std::string employee;
  ApproverOrigin origin = ApproverOrigin::route;
  friend bool operator==(const ResolvedApprover&, const ResolvedApprover&) = default;
};

struct StepResolution {
  std::vector<ResolvedApprover> approvers;
  // Approvals the step needs: 1 for `any`, k for k of n, every approver
  // resolved for `all`. Fixed when the step opens.
  int required = 1;
  // Approvals the mode asks for before the step can close (k for k of n, 1
  // otherwise); fewer approvers than this is a step nobody can complete.
  int needed = 1;
  // Why the approvers differ from what the step names (empty: they do not).
  std::vector<ApprovalNote> notes;

  bool complete() const noexcept { return static_cast<int>(approvers.size()) >= needed; }
};

// The approvers who may candidate for `approver` on `on`, before segregation:
// the department manager, the role's holders or the named person (when
// employed then), in id order.
std::vector<std::string> approver_candidates(const Approver& approver, const std::string& department, Date on,
                                             const ApproverDirectory& directory);

// Resolves a step opening on `on`. The submitter and the owner are left out;
// when that (or nobody holding the role) leaves fewer approvers than the mode
// needs, the managers of the parent departments are added going up, then the
// holders of `general_manager`. A resolution that is still short is returned
// as such (complete() false): nobody can approve the step.
StepResolution resolve_step(const RouteStep& step, const RouteParties& parties, Date on,
                            const ApproverDirectory& directory);

struct EscalationResolution {
  std::vector<std::string> added;  // new approvers, in order
  std::vector<ApprovalNote> notes;
};

// Resolves an escalation target on `on` against a step's current approvers:
// new approvers only, never the submitter or the owner; a target nobody
// holds (or only excluded people) goes up the department tree like a step.
EscalationResolution resolve_escalation(const Approver& target, const RouteParties& parties,
                                        const std::vector<std::string>& current, Date on,
                                        const ApproverDirectory& directory);

// ---- Route instances ---------------------------------------------------------------

// An approver of a step and what they did.
struct StepApprover {
  std::string employee;
  ApproverOrigin origin = ApproverOrigin::route;
  Date added_on;
  std::optional<Date> approved_on;
  // Who gave the approval: the approver, or a delegate acting for them.
  std::optional<std::string> approved_by;

  friend bool operator==(const StepApprover&, const StepApprover&) = default;
};

struct ApprovalStepState {
  int number = 1;  // 1-based
  RouteStep step;  // as the route names it
  int required = 0;   // approvals needed (0 until the step opens)
  int approvals = 0;  // approvals given
  std::optional<Date> opened_on;
  // The deadline: opened_on + deadline_days; the step escalates once the
  // clock is past it.
  std::optional<Date> due_on;
  std::optional<Date> escalated_on;
  std::optional<Date> closed_on;
  std::vector<StepApprover> approvers;  // in the order they were added

  friend bool operator==(const ApprovalStepState&, const ApprovalStepState&) = default;
};

// The change an amendment round carries (docs/approval.md, "Amendment
// rounds"): the terms in force change only when the round is approved.
struct RouteAmendment {
  std::string reason;
  // The change as the amended event will carry it: a JSON object
  // {"field": {"from": .., "to": ..}}.
  std::string changes;
  // The routing inputs it touches, by name.
  std::vector<std::string> inputs;
  // The amended event, once the round is approved.
  std::optional<std::int64_t> event;

  friend bool operator==(const RouteAmendment&, const RouteAmendment&) = default;
};

// One submission of a contract and where it stands.
struct ApprovalRouteInstance {
  std::int64_t contract = 0;
  std::string number;  // the contract's number
  int round = 1;       // 1 for the first submission, 2 after a resubmission, ...
  RouteStatus status = RouteStatus::in_review;
  std::string submitter;
  std::string owner;
  std::string department;
  Date submitted_on;
  std::optional<Date> ended_on;
  std::optional<int> current_step;  // while in review
  // The evaluation the route came from: table id and version, hit policy,
  // matched rules and every input with its value.
  RoutingAudit audit;
  std::vector<ApprovalStepState> steps;
  // Set for a round that amends an approved or active contract (the
  // submitter proposed the change); nullopt for a submission of the contract.
  std::optional<RouteAmendment> amendment;
};

struct ApprovalHistoryEntry {
  std::int64_t id = 0;
  std::int64_t contract = 0;
  int round = 1;
  ApprovalAction action = ApprovalAction::submitted;
  std::optional<int> step;
  // Who acted (none for escalations and reroutings, which the route does itself).
  std::optional<std::string> actor;
  // The approver a delegate acted for ("X for Y": actor X, on_behalf_of Y).
  std::optional<std::string> on_behalf_of;
  std::string comment;
  Date on;
  // Rerouted and escalated entries: why, and who was added.
  std::vector<ApprovalNote> reasons;
  std::vector<std::string> approvers;
  // The event the action appended to the log (none for reroutings).
  std::optional<std::int64_t> event;

  // The reasons as one text.
  std::string reason(Lang lang = Lang::en) const { return join_notes(reasons, lang); }
};

// A pending approval in a person's inbox.
struct InboxItem {
  std::int64_t contract = 0;
  std::string number;
  std::string type;
  Money amount;  // in the contract's currency
  std::string owner;
  std::string submitter;
  int round = 1;
  int step = 1;
  int steps = 1;
  Approver approver;  // what the step names
  // Set when the person acts as a delegate of this approver.
  std::optional<std::string> on_behalf_of;
  Date opened_on;
  std::optional<Date> due_on;
  bool escalated = false;
  // The round amends an approved or active contract (its change waits for
  // this approval).
  bool amendment = false;
};

// `delegate` acts for `person` from `from` to `to` (both inclusive).
struct Delegation {
  std::int64_t id = 0;
  std::string person;
  std::string delegate;
  Date from;
  Date to;

  bool covers(Date on) const noexcept { return from <= on && on <= to; }
  friend bool operator==(const Delegation&, const Delegation&) = default;
};

// Comments are UTF-8 text of at most this many characters; line breaks and
// tabs are allowed, other control characters are not.
inline constexpr std::size_t kMaxCommentLength = 4000;
// A ValidationError unless `comment` is such a text (empty is fine).
void validate_comment(std::string_view comment);

// ---- JSON documents of the faces (C API, command line) ----------------------------
// Dates are "YYYY-MM-DD", absent values null; reasons in `lang` under
// "reason" and in both languages under "reasons".
std::string route_instance_json(const ApprovalRouteInstance& route);
// {"version":1,"step":{...}} or {"version":1,"step":null}.
std::string approval_step_json(const std::optional<ApprovalStepState>& step);
std::string approval_entry_json(const ApprovalHistoryEntry& entry, Lang lang);
// {"version":1,"history":[entries]}
std::string approval_history_json(const std::vector<ApprovalHistoryEntry>& history, Lang lang);
// {"version":1,"items":[...]}
std::string inbox_json(const std::vector<InboxItem>& items);
std::string delegation_json(const Delegation& delegation);
// {"version":1,"delegations":[...]}
std::string delegations_json(const std::vector<Delegation>& delegations);

}  // namespace pactum
