// The records of approval on SQLite (backend_approval.hpp, ApprovalRecords):
// tables routing_tables and routing_current (classification_tables and
// classification_current alike), approval_routes, approval_steps,
// approval_approvers, approval_amendments, approval_history,
// approval_delegations and approval_routed_types, and the few columns of
// contracts, events, employees and numbering_issued approval reads or writes.
// A history entry's reasons and approvers are stored as JSON arrays, as are
// an amendment's inputs.
#include <nlohmann/json.hpp>

#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

using ordered_json = nlohmann::ordered_json;

// The statement's first row as `from_row` reads it, if there is one.
template <class FromRow>
auto first_row(Statement& st, FromRow from_row) -> std::optional<decltype(from_row(*st))> {
  if (!st->executeStep()) return std::nullopt;
  return from_row(*st);
}

// Every row of the statement as `from_row` reads it.
template <class FromRow>
auto all_rows(Statement& st, FromRow from_row) -> std::vector<decltype(from_row(*st))> {
  std::vector<decltype(from_row(*st))> out;
  while (st->executeStep()) out.push_back(from_row(*st));
  return out;
}

// The statement of `kind`'s tables (both literals, for the statement cache).
const char* of_kind(DecisionTableKind kind, const char* routing, const char* classification) {
  return kind == DecisionTableKind::routing ? routing : classification;
}

#define PACTUM_ROUTE_COLUMNS                                                                                  \
  "SELECT id, contract, round, table_id, table_version, hit_policy, matched_rules, inputs, submitter, owner, " \
  "department, submitted_on, status, current_step, steps, last_action_on, ended_on FROM approval_routes "

RouteRow route_from_row(SQLite::Statement& st) {
  RouteRow r;
  r.id = st.getColumn(0).getInt64();
  r.contract = st.getColumn(1).getInt64();
  r.round = st.getColumn(2).getInt();
  r.table_id = st.getColumn(3).getString();
  r.table_version = st.getColumn(4).getInt();
  r.hit_policy = st.getColumn(5).getString();
  r.matched_rules = st.getColumn(6).getString();
  r.inputs = st.getColumn(7).getString();
  r.submitter = st.getColumn(8).getString();
  r.owner = st.getColumn(9).getString();
  r.department = st.getColumn(10).getString();
  r.submitted_on = Date::parse(st.getColumn(11).getString());
  r.status = parse_route_status(st.getColumn(12).getString());
  if (!st.getColumn(13).isNull()) r.current_step = st.getColumn(13).getInt();
  r.steps = st.getColumn(14).getInt();
  r.last_action_on = Date::parse(st.getColumn(15).getString());
  r.ended_on = optional_date(st.getColumn(16));
  return r;
}


#define PACTUM_STEP_COLUMNS                                                                                   \
  "SELECT step, approver_kind, approver, mode, k, deadline_days, escalate_kind, escalate_to, required, "     \
  "approvals, opened_on, due_on, escalated_on, closed_on FROM approval_steps "

Approver approver_of(const std::string& kind, const std::string& name) {
  return kind == "person" ? Approver::person(name) : Approver::role(name);
}

StepRow step_from_row(SQLite::Statement& st) {
  StepRow s;
  s.number = st.getColumn(0).getInt();
  s.spec.approver = approver_of(st.getColumn(1).getString(), st.getColumn(2).getString());
  const std::string mode = st.getColumn(3).getString();
  const int k = st.getColumn(4).getInt();
  s.spec.mode = mode == "all" ? ApprovalMode::all() : mode == "k_of_n" ? ApprovalMode{ApprovalMode::Kind::k_of_n, k}
                                                                       : ApprovalMode::any();
  if (!st.getColumn(5).isNull()) s.spec.deadline_days = st.getColumn(5).getInt();
  if (!st.getColumn(6).isNull()) s.spec.escalate_to = approver_of(st.getColumn(6).getString(), st.getColumn(7).getString());
  s.required = st.getColumn(8).getInt();
  s.approvals = st.getColumn(9).getInt();
  s.opened_on = optional_date(st.getColumn(10));
  s.due_on = optional_date(st.getColumn(11));
  s.escalated_on = optional_date(st.getColumn(12));
  s.closed_on = optional_date(st.getColumn(13));
  return s;
}

std::string notes_to_json(const std::vector<ApprovalNote>& notes) {
  ordered_json list = ordered_json::array();
  for (const ApprovalNote& n : notes) {
    ordered_json args = ordered_json::array();
    for (const auto& [name, value] : n.args) args.push_back(ordered_json::array({name, value}));
    list.push_back(ordered_json{{"key", n.key}, {"args", std::move(args)}});
  }
  return list.dump();
}

std::vector<ApprovalNote> notes_from_json(const std::string& text) {
  std::vector<ApprovalNote> out;
  for (const auto& item : nlohmann::json::parse(text)) {
    ApprovalNote n;
    n.key = item.at("key").get<std::string>();
    for (const auto& pair : item.at("args")) n.args.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::string> names_from_json(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& name : nlohmann::json::parse(text)) out.push_back(name.get<std::string>());
  return out;
}

#define PACTUM_HISTORY_COLUMNS                                                                              \
  "SELECT h.id, h.contract, r.round, h.step, h.action, h.actor, h.on_behalf_of, h.comment, h.effective, " \
  "h.reasons, h.approvers, h.event FROM approval_history h JOIN approval_routes r ON r.id = h.route "

ApprovalHistoryEntry entry_from_row(SQLite::Statement& st) {
  ApprovalHistoryEntry e;
  e.id = st.getColumn(0).getInt64();
  e.contract = st.getColumn(1).getInt64();
  e.round = st.getColumn(2).getInt();
  if (!st.getColumn(3).isNull()) e.step = st.getColumn(3).getInt();
  e.action = parse_approval_action(st.getColumn(4).getString());
  e.actor = optional_text(st.getColumn(5));
  e.on_behalf_of = optional_text(st.getColumn(6));
  e.comment = st.getColumn(7).getString();
  e.on = Date::parse(st.getColumn(8).getString());
  if (!st.getColumn(9).isNull()) e.reasons = notes_from_json(st.getColumn(9).getString());
  if (!st.getColumn(10).isNull()) e.approvers = names_from_json(st.getColumn(10).getString());
  e.event = optional_int(st.getColumn(11));
  return e;
}

#define PACTUM_INBOX_COLUMNS                                                                                       \
  "SELECT r.contract, c.number, c.type, c.currency, c.amount, c.owner, r.submitter, r.round, a.step, r.steps, "    \
  "s.approver_kind, s.approver, s.opened_on, s.due_on, s.escalated_on, a.employee, r.id, "                        \
  "(SELECT COUNT(*) FROM approval_approvers x WHERE x.route = a.route AND x.step = a.step AND x.approved_by = ?1), " \
  "EXISTS(SELECT 1 FROM approval_amendments m WHERE m.route = r.id) FROM approval_approvers a "                     \
  "JOIN approval_routes r ON r.id = a.route AND r.current_step = a.step AND r.status = 'in_review' "               \
  "JOIN approval_steps s ON s.route = a.route AND s.step = a.step JOIN contracts c ON c.id = r.contract "

std::vector<InboxRow> inbox_rows(Statement& st) {
  std::vector<InboxRow> out;
  while (st->executeStep()) {
    InboxRow& row = out.emplace_back();
    InboxItem& item = row.item;
    item.contract = st->getColumn(0).getInt64();
    item.number = st->getColumn(1).getString();
    item.type = st->getColumn(2).getString();
    item.amount = Money::from_units(st->getColumn(4).getInt64(), Currency::of(st->getColumn(3).getString()));
    item.owner = st->getColumn(5).getString();
    item.submitter = st->getColumn(6).getString();
    item.round = st->getColumn(7).getInt();
    item.step = st->getColumn(8).getInt();
    item.steps = st->getColumn(9).getInt();
    item.approver = approver_of(st->getColumn(10).getString(), st->getColumn(11).getString());
    item.opened_on = Date::parse(st->getColumn(12).getString());
    item.due_on = optional_date(st->getColumn(13));
    item.escalated = !st->getColumn(14).isNull();
    item.amendment = st->getColumn(18).getInt() != 0;
    row.approver = st->getColumn(15).getString();
    row.route = st->getColumn(16).getInt64();
    row.acted = st->getColumn(17).getInt() != 0;
  }
  return out;
}

#define PACTUM_DELEGATION_COLUMNS "SELECT id, person, delegate, valid_from, valid_to FROM approval_delegations "

Delegation delegation_from_row(SQLite::Statement& st) {
  return Delegation{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                    Date::parse(st.getColumn(3).getString()), Date::parse(st.getColumn(4).getString())};
}

void bind_optional_int(SQLite::Statement& st, int index, const std::optional<int>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

class SqliteApprovalRecords final : public ApprovalRecords {
 public:
  explicit SqliteApprovalRecords(Database::Impl& impl) : impl_(impl) {}

  std::optional<int> latest_table_version(DecisionTableKind kind, const std::string& id) override {
    auto st = impl_.statement(of_kind(kind, "SELECT MAX(version) FROM routing_tables WHERE id = ?",
                                      "SELECT MAX(version) FROM classification_tables WHERE id = ?"));
    st->bind(1, id);
    if (!st->executeStep() || st->getColumn(0).isNull()) return std::nullopt;
    return st->getColumn(0).getInt();
  }

  std::optional<std::string> table_document(DecisionTableKind kind, const std::string& id, int version) override {
    auto st = impl_.statement(of_kind(kind, "SELECT document FROM routing_tables WHERE id = ? AND version = ?",
                                      "SELECT document FROM classification_tables WHERE id = ? AND version = ?"));
    st->bind(1, id);
    st->bind(2, version);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  void insert_table(DecisionTableKind kind, const std::string& id, int version, const std::string& document) override {
    auto st = impl_.statement(of_kind(kind, "INSERT INTO routing_tables(id, version, document) VALUES(?, ?, ?)",
                                      "INSERT INTO classification_tables(id, version, document) VALUES(?, ?, ?)"));
    st->bind(1, id);
    st->bind(2, version);
    st->bind(3, document);
    st->exec();
  }

  void store_current_table(DecisionTableKind kind, const std::string& id, int version) override {
    auto st = impl_.statement(of_kind(kind,
                                      "INSERT INTO routing_current(one, id, version) VALUES(1, ?, ?) "
                                      "ON CONFLICT(one) DO UPDATE SET id = excluded.id, version = excluded.version",
                                      "INSERT INTO classification_current(one, id, version) VALUES(1, ?, ?) "
                                      "ON CONFLICT(one) DO UPDATE SET id = excluded.id, version = excluded.version"));
    st->bind(1, id);
    st->bind(2, version);
    st->exec();
  }

  std::optional<TableVersionRow> current_table(DecisionTableKind kind) override {
    auto st = impl_.statement(of_kind(kind,
                                      "SELECT t.id, t.version, t.document FROM routing_current c "
                                      "JOIN routing_tables t ON t.id = c.id AND t.version = c.version WHERE c.one = 1",
                                      "SELECT t.id, t.version, t.document FROM classification_current c "
                                      "JOIN classification_tables t ON t.id = c.id AND t.version = c.version "
                                      "WHERE c.one = 1"));
    if (!st->executeStep()) return std::nullopt;
    return TableVersionRow{st->getColumn(0).getString(), st->getColumn(1).getInt(), st->getColumn(2).getString()};
  }

  std::optional<TableVersionRow> current_table_version(DecisionTableKind kind) override {
    auto st = impl_.statement(of_kind(kind, "SELECT id, version FROM routing_current WHERE one = 1",
                                      "SELECT id, version FROM classification_current WHERE one = 1"));
    if (!st->executeStep()) return std::nullopt;
    return TableVersionRow{st->getColumn(0).getString(), st->getColumn(1).getInt(), std::string()};
  }

  std::vector<RoutingTableInfo> table_versions(DecisionTableKind kind) override {
    auto st = impl_.statement(of_kind(kind,
                                      "SELECT t.id, t.version, c.one IS NOT NULL FROM routing_tables t "
                                      "LEFT JOIN routing_current c ON c.id = t.id AND c.version = t.version "
                                      "ORDER BY t.id, t.version",
                                      "SELECT t.id, t.version, c.one IS NOT NULL FROM classification_tables t "
                                      "LEFT JOIN classification_current c ON c.id = t.id AND c.version = t.version "
                                      "ORDER BY t.id, t.version"));
    std::vector<RoutingTableInfo> out;
    while (st->executeStep()) {
      out.push_back({st->getColumn(0).getString(), st->getColumn(1).getInt(), st->getColumn(2).getInt() != 0});
    }
    return out;
  }

  std::optional<RouteRow> latest_route(std::int64_t contract) override {
    auto st = impl_.statement(PACTUM_ROUTE_COLUMNS "WHERE contract = ? ORDER BY round DESC LIMIT 1");
    st->bind(1, contract);
    return first_row(st, route_from_row);
  }

  std::optional<RouteRow> latest_route_with_status(std::int64_t contract, RouteStatus status) override {
    auto st = impl_.statement(PACTUM_ROUTE_COLUMNS "WHERE contract = ? AND status = ? ORDER BY round DESC LIMIT 1");
    st->bind(1, contract);
    st->bind(2, route_status_name(status));
    return first_row(st, route_from_row);
  }

  std::optional<RouteRow> route(std::int64_t id) override {
    auto st = impl_.statement(PACTUM_ROUTE_COLUMNS "WHERE id = ?");
    st->bind(1, id);
    return first_row(st, route_from_row);
  }

  std::int64_t insert_route(const RouteRow& r) override {
    auto st = impl_.statement(
        "INSERT INTO approval_routes(contract, round, table_id, table_version, hit_policy, matched_rules, inputs, "
        "submitter, owner, department, submitted_on, status, current_step, steps, last_action_on, ended_on) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, r.contract);
    st->bind(2, r.round);
    st->bind(3, r.table_id);
    st->bind(4, r.table_version);
    st->bind(5, r.hit_policy);
    st->bind(6, r.matched_rules);
    st->bind(7, r.inputs);
    st->bind(8, r.submitter);
    st->bind(9, r.owner);
    st->bind(10, r.department);
    st->bind(11, r.submitted_on.to_string());
    st->bind(12, route_status_name(r.status));
    bind_optional_int(*st, 13, r.current_step);
    st->bind(14, r.steps);
    st->bind(15, r.last_action_on.to_string());
    bind_optional(*st, 16, r.ended_on);
    st->exec();
    return impl_.db.getLastInsertRowid();
  }

  std::vector<RoundParties> round_parties(std::int64_t contract, std::int64_t except) override {
    auto st =
        impl_.statement("SELECT submitter, owner FROM approval_routes WHERE contract = ? AND id <> ? ORDER BY id");
    st->bind(1, contract);
    st->bind(2, except);
    std::vector<RoundParties> out;
    while (st->executeStep()) out.push_back({st->getColumn(0).getString(), st->getColumn(1).getString()});
    return out;
  }

  void store_current_step(std::int64_t route, int step) override {
    auto st = impl_.statement("UPDATE approval_routes SET current_step = ? WHERE id = ?");
    st->bind(1, step);
    st->bind(2, route);
    st->exec();
  }

  void store_route_end(std::int64_t route, RouteStatus status, Date on) override {
    auto st = impl_.statement(
        "UPDATE approval_routes SET status = ?, current_step = NULL, ended_on = ?, last_action_on = ? WHERE id = ?");
    st->bind(1, route_status_name(status));
    st->bind(2, on.to_string());
    st->bind(3, on.to_string());
    st->bind(4, route);
    st->exec();
  }

  void store_last_action(std::int64_t route, Date on) override {
    auto st = impl_.statement("UPDATE approval_routes SET last_action_on = ? WHERE id = ?");
    st->bind(1, on.to_string());
    st->bind(2, route);
    st->exec();
  }

  void insert_step(std::int64_t route, int number, const RouteStep& s) override {
    auto st = impl_.statement(
        "INSERT INTO approval_steps(route, step, approver_kind, approver, mode, k, deadline_days, escalate_kind, "
        "escalate_to) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, route);
    st->bind(2, number);
    st->bind(3, approver_kind_name(s.approver.kind));
    st->bind(4, s.approver.name);
    st->bind(5, s.mode.kind == ApprovalMode::Kind::all      ? "all"
                : s.mode.kind == ApprovalMode::Kind::k_of_n ? "k_of_n"
                                                            : "any");
    st->bind(6, s.mode.kind == ApprovalMode::Kind::k_of_n ? s.mode.k : 1);
    bind_optional_int(*st, 7, s.deadline_days);
    if (s.escalate_to) {
      st->bind(8, approver_kind_name(s.escalate_to->kind));
      st->bind(9, s.escalate_to->name);
    } else {
      st->bind(8);
      st->bind(9);
    }
    st->exec();
  }

  std::optional<StepRow> step(std::int64_t route, int number) override {
    auto st = impl_.statement(PACTUM_STEP_COLUMNS "WHERE route = ? AND step = ?");
    st->bind(1, route);
    st->bind(2, number);
    return first_row(st, step_from_row);
  }

  std::vector<StepRow> steps(std::int64_t route) override {
    auto st = impl_.statement(PACTUM_STEP_COLUMNS "WHERE route = ? ORDER BY step");
    st->bind(1, route);
    return all_rows(st, step_from_row);
  }

  void store_step_opened(std::int64_t route, int step, int required, Date on,
                         const std::optional<Date>& due_on) override {
    auto st = impl_.statement(
        "UPDATE approval_steps SET required = ?, opened_on = ?, due_on = ? WHERE route = ? AND step = ?");
    st->bind(1, required);
    st->bind(2, on.to_string());
    bind_optional(*st, 3, due_on);
    st->bind(4, route);
    st->bind(5, step);
    st->exec();
  }

  void store_step_approvals(std::int64_t route, int step, int approvals) override {
    update_step("UPDATE approval_steps SET approvals = ? WHERE route = ? AND step = ?", route, step, approvals);
  }

  void store_step_escalated(std::int64_t route, int step, Date on) override {
    update_step("UPDATE approval_steps SET escalated_on = ? WHERE route = ? AND step = ?", route, step,
                on.to_string());
  }

  void store_step_closed(std::int64_t route, int step, Date on) override {
    update_step("UPDATE approval_steps SET closed_on = ? WHERE route = ? AND step = ?", route, step, on.to_string());
  }

  std::vector<StepKey> steps_due_before(Date clock) override {
    auto st = impl_.statement(
        "SELECT s.route, s.step FROM approval_steps s JOIN approval_routes r ON r.id = s.route "
        "WHERE s.due_on IS NOT NULL AND s.escalated_on IS NULL AND s.closed_on IS NULL AND s.escalate_to IS NOT NULL "
        "AND s.due_on < ? AND r.status = 'in_review' AND r.current_step = s.step ORDER BY s.due_on, s.route");
    st->bind(1, clock.to_string());
    std::vector<StepKey> out;
    while (st->executeStep()) out.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getInt()});
    return out;
  }

  std::vector<StepApprover> approvers(std::int64_t route, int step) override {
    auto st = impl_.statement(
        "SELECT employee, origin, added_on, approved_on, approved_by FROM approval_approvers "
        "WHERE route = ? AND step = ? ORDER BY position");
    st->bind(1, route);
    st->bind(2, step);
    std::vector<StepApprover> out;
    while (st->executeStep()) {
      StepApprover a;
      a.employee = st->getColumn(0).getString();
      const std::string origin = st->getColumn(1).getString();
      a.origin = origin == "rerouted" ? ApproverOrigin::rerouted
                 : origin == "escalation" ? ApproverOrigin::escalation
                                          : ApproverOrigin::route;
      a.added_on = Date::parse(st->getColumn(2).getString());
      a.approved_on = optional_date(st->getColumn(3));
      a.approved_by = optional_text(st->getColumn(4));
      out.push_back(std::move(a));
    }
    return out;
  }

  void insert_approver(std::int64_t route, int step, int position, const StepApprover& a) override {
    auto st = impl_.statement(
        "INSERT INTO approval_approvers(route, step, employee, position, origin, added_on, approved_on, approved_by) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, route);
    st->bind(2, step);
    st->bind(3, a.employee);
    st->bind(4, position);
    st->bind(5, approver_origin_name(a.origin));
    st->bind(6, a.added_on.to_string());
    bind_optional(*st, 7, a.approved_on);
    bind_optional(*st, 8, a.approved_by);
    st->exec();
  }

  void store_approval(std::int64_t route, int step, const std::string& employee, Date on,
                      const std::string& by) override {
    auto st = impl_.statement(
        "UPDATE approval_approvers SET approved_on = ?, approved_by = ? WHERE route = ? AND step = ? AND employee = ?");
    st->bind(1, on.to_string());
    st->bind(2, by);
    st->bind(3, route);
    st->bind(4, step);
    st->bind(5, employee);
    st->exec();
  }

  std::optional<AmendmentRow> amendment(std::int64_t route) override {
    auto st = impl_.statement(
        "SELECT contract, reason, changes, diff, inputs, proposed_by, proposed_on, event FROM approval_amendments "
        "WHERE route = ?");
    st->bind(1, route);
    if (!st->executeStep()) return std::nullopt;
    return AmendmentRow{st->getColumn(0).getInt64(),
                        st->getColumn(1).getString(),
                        st->getColumn(2).getString(),
                        st->getColumn(3).getString(),
                        names_from_json(st->getColumn(4).getString()),
                        st->getColumn(5).getString(),
                        Date::parse(st->getColumn(6).getString()),
                        optional_int(st->getColumn(7))};
  }

  void insert_amendment(std::int64_t route, const AmendmentRow& a) override {
    auto st = impl_.statement(
        "INSERT INTO approval_amendments(route, contract, reason, changes, diff, inputs, proposed_by, proposed_on, "
        "event) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, route);
    st->bind(2, a.contract);
    st->bind(3, a.reason);
    st->bind(4, a.changes);
    st->bind(5, a.diff);
    st->bind(6, nlohmann::json(a.inputs).dump());
    st->bind(7, a.proposed_by);
    st->bind(8, a.proposed_on.to_string());
    bind_optional(*st, 9, a.event);
    st->exec();
  }

  void store_amendment_event(std::int64_t route, std::int64_t event) override {
    auto st = impl_.statement("UPDATE approval_amendments SET event = ? WHERE route = ?");
    st->bind(1, event);
    st->bind(2, route);
    st->exec();
  }

  std::optional<PendingAmendment> amendment_in_review(std::int64_t contract) override {
    auto st = impl_.statement(
        "SELECT r.round, r.submitted_on FROM approval_amendments a JOIN approval_routes r ON r.id = a.route "
        "WHERE a.contract = ? AND r.status = 'in_review'");
    st->bind(1, contract);
    if (!st->executeStep()) return std::nullopt;
    return PendingAmendment{st->getColumn(0).getInt(), Date::parse(st->getColumn(1).getString())};
  }

  std::int64_t insert_history(std::int64_t route, const ApprovalHistoryEntry& e) override {
    auto st = impl_.statement(
        "INSERT INTO approval_history(route, contract, step, action, actor, on_behalf_of, comment, effective, reasons, "
        "approvers, event) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, route);
    st->bind(2, e.contract);
    bind_optional_int(*st, 3, e.step);
    st->bind(4, approval_action_name(e.action));
    bind_optional(*st, 5, e.actor);
    bind_optional(*st, 6, e.on_behalf_of);
    st->bind(7, e.comment);
    st->bind(8, e.on.to_string());
    if (e.reasons.empty()) {
      st->bind(9);
    } else {
      st->bind(9, notes_to_json(e.reasons));
    }
    if (e.approvers.empty()) {
      st->bind(10);
    } else {
      st->bind(10, nlohmann::json(e.approvers).dump());
    }
    bind_optional(*st, 11, e.event);
    st->exec();
    return impl_.db.getLastInsertRowid();
  }

  std::optional<ApprovalHistoryEntry> history_entry(std::int64_t id) override {
    auto st = impl_.statement(PACTUM_HISTORY_COLUMNS "WHERE h.id = ?");
    st->bind(1, id);
    return first_row(st, entry_from_row);
  }

  std::vector<ApprovalHistoryEntry> history(std::int64_t contract) override {
    auto st = impl_.statement(PACTUM_HISTORY_COLUMNS "WHERE h.contract = ? ORDER BY h.id");
    st->bind(1, contract);
    return all_rows(st, entry_from_row);
  }

  std::vector<InboxRow> waiting_for(const std::string& person, Date on) override {
    auto st = impl_.statement(PACTUM_INBOX_COLUMNS
                              "WHERE a.employee = ?1 AND a.approved_on IS NULL AND a.added_on <= ?2");
    st->bind(1, person);
    st->bind(2, on.to_string());
    return inbox_rows(st);
  }

  std::vector<InboxRow> waiting_for_delegators(const std::string& delegate, Date on) override {
    auto st = impl_.statement(PACTUM_INBOX_COLUMNS
                              "JOIN approval_delegations d ON d.person = a.employee "
                              "WHERE d.delegate = ?1 AND d.valid_from <= ?2 AND d.valid_to >= ?2 "
                              "AND a.approved_on IS NULL AND a.added_on <= ?2");
    st->bind(1, delegate);
    st->bind(2, on.to_string());
    return inbox_rows(st);
  }

  std::optional<Delegation> delegation(const std::string& person, const std::string& delegate, Date from,
                                       Date to) override {
    auto st = impl_.statement(PACTUM_DELEGATION_COLUMNS
                              "WHERE person = ? AND delegate = ? AND valid_from = ? AND valid_to = ?");
    st->bind(1, person);
    st->bind(2, delegate);
    st->bind(3, from.to_string());
    st->bind(4, to.to_string());
    return first_row(st, delegation_from_row);
  }

  std::int64_t insert_delegation(const Delegation& d) override {
    auto st = impl_.statement(
        "INSERT INTO approval_delegations(person, delegate, valid_from, valid_to) VALUES(?, ?, ?, ?)");
    st->bind(1, d.person);
    st->bind(2, d.delegate);
    st->bind(3, d.from.to_string());
    st->bind(4, d.to.to_string());
    st->exec();
    return impl_.db.getLastInsertRowid();
  }

  std::vector<Delegation> delegations(const std::optional<std::string>& person) override {
    auto st = impl_.statement(PACTUM_DELEGATION_COLUMNS "WHERE ?1 IS NULL OR person = ?1 OR delegate = ?1 ORDER BY id");
    bind_optional(*st, 1, person);
    return all_rows(st, delegation_from_row);
  }

  bool delete_delegation(std::int64_t id) override {
    auto st = impl_.statement("DELETE FROM approval_delegations WHERE id = ?");
    st->bind(1, id);
    return st->exec() != 0;
  }

  std::vector<std::string> delegators(const std::string& delegate, Date on) override {
    auto st = impl_.statement(
        "SELECT DISTINCT person FROM approval_delegations WHERE delegate = ?1 AND valid_from <= ?2 AND valid_to >= ?2 "
        "ORDER BY person");
    st->bind(1, delegate);
    st->bind(2, on.to_string());
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  bool routed_type(const std::string& type) override {
    auto st = impl_.statement("SELECT 1 FROM approval_routed_types WHERE type = ?");
    st->bind(1, type);
    return st->executeStep();
  }

  void insert_routed_type(const std::string& type, std::int64_t first_route) override {
    auto st = impl_.statement("INSERT OR IGNORE INTO approval_routed_types(type, first_route) VALUES(?, ?)");
    st->bind(1, type);
    st->bind(2, first_route);
    st->exec();
  }

  std::optional<ContractBrief> contract_brief(std::int64_t contract) override {
    auto st = impl_.statement("SELECT number, type, owner FROM contracts WHERE id = ?");
    st->bind(1, contract);
    if (!st->executeStep()) return std::nullopt;
    return ContractBrief{st->getColumn(0).getString(), st->getColumn(1).getString(), st->getColumn(2).getString()};
  }

  void store_contract_activated(std::int64_t contract, ContractStatus status, Date on) override {
    auto st = impl_.statement("UPDATE contracts SET status = ?, activated_on = ? WHERE id = ?");
    st->bind(1, contract_status_name(status));
    st->bind(2, on.to_string());
    st->bind(3, contract);
    st->exec();
  }

  std::vector<std::string> contract_editors(std::int64_t contract) override {
    static_assert(static_cast<int>(EventType::created) == 1 && static_cast<int>(EventType::amended) == 9);
    auto st = impl_.statement(
        "SELECT DISTINCT e.actor FROM events e JOIN employees m ON m.id = e.actor "
        "WHERE e.contract = ? AND e.type IN (1, 9) ORDER BY e.actor");
    st->bind(1, contract);
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  std::optional<VoidedNumber> voided_number(const std::string& number) override {
    auto st = impl_.statement("SELECT voided_on, void_reason FROM numbering_issued WHERE number = ? AND voided = 1");
    st->bind(1, number);
    if (!st->executeStep()) return std::nullopt;
    return VoidedNumber{st->getColumn(0).getString(), st->getColumn(1).getString()};
  }

 private:
  // Runs `sql`, an update of one column of a step: the value, then the
  // route and the step number.
  template <class Value>
  void update_step(const char* sql, std::int64_t route, int step, const Value& value) {
    auto st = impl_.statement(sql);
    st->bind(1, value);
    st->bind(2, route);
    st->bind(3, step);
    st->exec();
  }

  Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<ApprovalRecords> make_sqlite_approval_records(Database::Impl& impl) {
  return std::make_unique<SqliteApprovalRecords>(impl);
}

}  // namespace pactum::store
