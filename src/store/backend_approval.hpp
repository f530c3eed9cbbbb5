// Internal: the storage interface's records of approval (backend.hpp):
// routing tables, routes, their steps and decisions, delegations and approval controls.
// Records are stored as given; the rules over them are the domain's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/approval/approval.hpp"
#include "pactum/approval/controls.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"

namespace pactum::store {

// The kinds of decision table, each kept the same way: every version of
// every table as its canonical document, and one current version.
enum class DecisionTableKind : unsigned char { routing, classification };

// A version of a decision table; `document` is empty where only the
// version was asked for.
struct TableVersionRow {
  std::string id;
  int version = 0;
  std::string document;

  friend bool operator==(const TableVersionRow&, const TableVersionRow&) = default;
};

// One route instance (one round of a contract) as stored. The routing audit
// is kept as its JSON documents: `matched_rules` an array of rule ids,
// `inputs` an array of {"name", "type", "value"}.
struct RouteRow {
  std::int64_t id = 0;
  std::int64_t contract = 0;
  int round = 1;
  std::string table_id;
  int table_version = 0;
  std::string hit_policy;
  std::string matched_rules;
  std::string inputs;
  std::string submitter;
  std::string owner;
  std::string department;
  Date submitted_on;
  RouteStatus status = RouteStatus::in_review;
  std::optional<int> current_step;
  int steps = 1;
  Date last_action_on;
  std::optional<Date> ended_on;

  friend bool operator==(const RouteRow&, const RouteRow&) = default;
};

// The submitter and owner of a round.
struct RoundParties {
  std::string submitter;
  std::string owner;

  friend bool operator==(const RoundParties&, const RoundParties&) = default;
};

// A step of a route: what the route names, and the state it reached.
struct StepRow {
  int number = 1;
  RouteStep spec;
  int required = 0;
  int approvals = 0;
  std::optional<Date> opened_on;
  std::optional<Date> due_on;
  std::optional<Date> escalated_on;
  std::optional<Date> closed_on;

  friend bool operator==(const StepRow&, const StepRow&) = default;
};

// A step named by its route and number.
struct StepKey {
  std::int64_t route = 0;
  int step = 1;

  friend bool operator==(const StepKey&, const StepKey&) = default;
};

// The change an amendment round carries.
struct AmendmentRow {
  std::int64_t contract = 0;
  std::string reason;
  std::string changes;  // the Amendment document (json::amendment_to_json)
  std::string diff;     // the amended event's payload
  std::vector<std::string> inputs;  // the routing inputs it touches
  std::string proposed_by;
  Date proposed_on;
  std::optional<std::int64_t> event;  // the amended event, once applied

  friend bool operator==(const AmendmentRow&, const AmendmentRow&) = default;
};

// A pending approval as stored: one approver of the current step of a route
// in review, with the contract's and the route's columns an inbox shows.
struct InboxRow {
  InboxItem item;         // on_behalf_of unset
  std::string approver;   // the employee the approval waits for
  std::int64_t route = 0;
  bool acted = false;     // an approval in the step was given by the person asked about
};

// What approval reads of a contract's own row (table contracts).
struct ContractBrief {
  std::string number;
  std::string type;
  std::string owner;

  friend bool operator==(const ContractBrief&, const ContractBrief&) = default;
};

// A void number as the numbering registry holds it (table numbering_issued).
struct VoidedNumber {
  std::string voided_on;
  std::string reason;

  friend bool operator==(const VoidedNumber&, const VoidedNumber&) = default;
};

class ApprovalRecords {
 public:
  virtual ~ApprovalRecords() = default;

  // ---- Decision tables (routing and classification) ----
  // The highest stored version of table `id`, if any.
  virtual std::optional<int> latest_table_version(DecisionTableKind kind, const std::string& id) = 0;
  // The document of version `version` of table `id`, if stored.
  virtual std::optional<std::string> table_document(DecisionTableKind kind, const std::string& id, int version) = 0;
  virtual void insert_table(DecisionTableKind kind, const std::string& id, int version,
                            const std::string& document) = 0;
  // Version `version` of table `id` becomes the current one.
  virtual void store_current_table(DecisionTableKind kind, const std::string& id, int version) = 0;
  // The current version with its document, if one is set.
  virtual std::optional<TableVersionRow> current_table(DecisionTableKind kind) = 0;
  // The current version's id and version (no document), if one is set.
  virtual std::optional<TableVersionRow> current_table_version(DecisionTableKind kind) = 0;
  // Every stored version, by id and version, the current one marked.
  virtual std::vector<RoutingTableInfo> table_versions(DecisionTableKind kind) = 0;

  // ---- Routes ----
  // The contract's route of the highest round, if it has any.
  virtual std::optional<RouteRow> latest_route(std::int64_t contract) = 0;
  // The contract's route of the highest round among those with `status`.
  virtual std::optional<RouteRow> latest_route_with_status(std::int64_t contract, RouteStatus status) = 0;
  virtual std::optional<RouteRow> route(std::int64_t id) = 0;
  // Stores `route` (its id is ignored) and returns the new route's id.
  virtual std::int64_t insert_route(const RouteRow& route) = 0;
  // The submitter and owner of each of the contract's routes but `except`, by id.
  virtual std::vector<RoundParties> round_parties(std::int64_t contract, std::int64_t except) = 0;
  virtual void store_current_step(std::int64_t route, int step) = 0;
  // The route ends with `status` on `on` (its last action too); no step is current.
  virtual void store_route_end(std::int64_t route, RouteStatus status, Date on) = 0;
  virtual void store_last_action(std::int64_t route, Date on) = 0;

  // ---- Steps and their approvers ----
  // Step `number` of the route as the route names it, not opened yet.
  virtual void insert_step(std::int64_t route, int number, const RouteStep& spec) = 0;
  virtual std::optional<StepRow> step(std::int64_t route, int number) = 0;
  // The route's steps in order.
  virtual std::vector<StepRow> steps(std::int64_t route) = 0;
  // The step opens on `on` needing `required` approvals, due on `due_on`.
  virtual void store_step_opened(std::int64_t route, int step, int required, Date on,
                                 const std::optional<Date>& due_on) = 0;
  virtual void store_step_approvals(std::int64_t route, int step, int approvals) = 0;
  virtual void store_step_escalated(std::int64_t route, int step, Date on) = 0;
  virtual void store_step_closed(std::int64_t route, int step, Date on) = 0;
  // The current steps of routes in review that have an escalation target,
  // are due before `clock`, neither escalated nor closed; by due date, then route.
  virtual std::vector<StepKey> steps_due_before(Date clock) = 0;
  // The step's approvers in the order of their positions.
  virtual std::vector<StepApprover> approvers(std::int64_t route, int step) = 0;
  virtual void insert_approver(std::int64_t route, int step, int position, const StepApprover& approver) = 0;
  // The approver `employee`'s approval, given on `on` by `by`.
  virtual void store_approval(std::int64_t route, int step, const std::string& employee, Date on,
                              const std::string& by) = 0;

  // ---- Amendment rounds ----
  // The change the route carries, if it is an amendment round.
  virtual std::optional<AmendmentRow> amendment(std::int64_t route) = 0;
  virtual void insert_amendment(std::int64_t route, const AmendmentRow& amendment) = 0;
  // The amended event that applied the route's change.
  virtual void store_amendment_event(std::int64_t route, std::int64_t event) = 0;
  // The round and submission date of the contract's amendment round in review, if any.
  virtual std::optional<PendingAmendment> amendment_in_review(std::int64_t contract) = 0;

  // ---- History ----
  // Appends the entry to the route's history (its id and round are not
  // stored: the id is new, the round the route's) and returns its id.
  virtual std::int64_t insert_history(std::int64_t route, const ApprovalHistoryEntry& entry) = 0;
  // The entry `id` with its route's round, if any.
  virtual std::optional<ApprovalHistoryEntry> history_entry(std::int64_t id) = 0;
  // The contract's entries in the order they were added.
  virtual std::vector<ApprovalHistoryEntry> history(std::int64_t contract) = 0;

  // ---- Inboxes and delegations ----
  // The pending approvals of `person` added on or before `on`.
  virtual std::vector<InboxRow> waiting_for(const std::string& person, Date on) = 0;
  // The pending approvals added on or before `on` of the people whose
  // delegation to `delegate` covers `on`, one row per delegation.
  virtual std::vector<InboxRow> waiting_for_delegators(const std::string& delegate, Date on) = 0;
  // The delegation of exactly that person, delegate and window, if stored.
  virtual std::optional<Delegation> delegation(const std::string& person, const std::string& delegate, Date from,
                                               Date to) = 0;
  // Stores the delegation (its id is ignored) and returns the new id.
  virtual std::int64_t insert_delegation(const Delegation& delegation) = 0;
  // The delegations from or to `person` (nullopt: all), by id.
  virtual std::vector<Delegation> delegations(const std::optional<std::string>& person) = 0;
  // Removes the delegation; false when there is none with that id.
  virtual bool delete_delegation(std::int64_t id) = 0;
  // The people whose delegation to `delegate` covers `on`, by id, each once.
  virtual std::vector<std::string> delegators(const std::string& delegate, Date on) = 0;

  // ---- Contract types that entered a route ----
  virtual bool routed_type(const std::string& type) = 0;
  // Records the type's first route; a type recorded already keeps its own.
  virtual void insert_routed_type(const std::string& type, std::int64_t first_route) = 0;

  // ---- Other domains' tables, as approval reads and writes them ----
  // The contract's number, type and owner (table contracts), if it exists.
  virtual std::optional<ContractBrief> contract_brief(std::int64_t contract) = 0;
  // The contract becomes `status`, activated on `on` (table contracts).
  virtual void store_contract_activated(std::int64_t contract, ContractStatus status, Date on) = 0;
  // The employees among the actors of the contract's created and amended
  // events, by id, each once (tables events and employees).
  virtual std::vector<std::string> contract_editors(std::int64_t contract) = 0;
  // The number's void record (table numbering_issued), if it is void.
  virtual std::optional<VoidedNumber> voided_number(const std::string& number) = 0;
};

}  // namespace pactum::store
