// Approval controls: direct activation, amendments that re-enter the route,
// and who may decide on an open step. Pure rules (docs/approval.md, "Laws").
#include "pactum/approval/controls.hpp"

#include <algorithm>

namespace pactum {

namespace {

constexpr const char* kDirectActivationNames[] = {"refuse", "allow"};

bool listed(const std::vector<std::string>& list, const std::string& employee) {
  return std::find(list.begin(), list.end(), employee) != list.end();
}

// The attribute an input reads (attribute inputs), or empty.
std::string attribute_of(const RoutingInput& input) {
  if (input.type != RoutingInputType::attribute) return {};
  return input.attribute.empty() ? input.name : input.attribute;
}

std::string approvers_text(const std::vector<StepApprover>& approvers) {
  std::string out;
  for (const StepApprover& a : approvers) {
    if (!out.empty()) out += ", ";
    out += a.employee;
  }
  return out.empty() ? std::string("-") : out;
}

}  // namespace

// ---- Direct activation -----------------------------------------------------------------

const char* direct_activation_name(DirectActivation policy) noexcept {
  const auto i = static_cast<std::size_t>(policy);
  return i < std::size(kDirectActivationNames) ? kDirectActivationNames[i] : "unknown";
}

DirectActivation parse_direct_activation(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kDirectActivationNames); ++i) {
    if (name == kDirectActivationNames[i]) return static_cast<DirectActivation>(i);
  }
  raise(Errc::invalid_argument, "approval.bad_direct_activation", {{"value", std::string(name)}});
}

bool table_routes_type(const RoutingTable& table, std::string_view type) {
  const std::vector<RoutingInput>& inputs = table.definition().inputs;
  for (std::size_t input = 0; input < inputs.size(); ++input) {
    if (inputs[input].name != "type") continue;
    for (std::size_t rule = 0; rule < table.rule_count(); ++rule) {
      if (table.test(rule, input).matches(type)) return true;
    }
    return false;
  }
  return table.rule_count() > 0;
}

void check_direct_activation(const DirectActivationFacts& facts) {
  if (facts.round) {
    raise(Errc::invalid_state, "approval.activation_after_route",
          {{"contract", facts.contract},
           {"round", std::to_string(*facts.round)},
           {"status", facts.route_status ? route_status_name(*facts.route_status) : "in_review"}});
  }
  if (facts.routing_in_use && facts.policy == DirectActivation::refuse) {
    raise(Errc::invalid_state, "approval.activation_routed_type", {{"contract", facts.contract}, {"type", facts.type}});
  }
}

// ---- Amendments ----------------------------------------------------------------------------

RoutingInputs routing_inputs(const Contract& c) {
  RoutingInputs in;
  in.type = c.type;
  in.amount = c.reporting_amount;
  in.currency = std::string(c.amount.currency().code());
  in.department = c.department;
  in.key_account = c.key_account;
  for (const auto& [name, value] : c.attributes) {
    switch (value.type()) {
      case AttributeType::text: in.attributes[name] = value.text(); break;
      case AttributeType::decimal: in.attributes[name] = value.decimal().to_string(); break;
      case AttributeType::money: in.attributes[name] = value.money().amount().to_string(); break;
      case AttributeType::date: in.attributes[name] = value.date().to_string(); break;
      case AttributeType::boolean: in.attributes[name] = value.boolean() ? "true" : "false"; break;
    }
  }
  return in;
}

std::vector<std::string> changed_routing_inputs(const RoutingTable& table, const Contract& before,
                                                const Contract& after) {
  const RoutingInputs a = routing_inputs(before);
  const RoutingInputs b = routing_inputs(after);
  std::vector<std::string> out;
  for (const RoutingInput& input : table.definition().inputs) {
    bool changed = false;
    if (input.type == RoutingInputType::attribute) {
      const std::string name = attribute_of(input);
      const auto x = a.attributes.find(name);
      const auto y = b.attributes.find(name);
      const bool has_x = x != a.attributes.end();
      const bool has_y = y != b.attributes.end();
      changed = has_x != has_y || (has_x && x->second != y->second);
    } else if (input.name == "type") {
      changed = a.type != b.type;
    } else if (input.name == "amount") {
      changed = a.amount != b.amount || !(before.amount == after.amount);
    } else if (input.name == "currency") {
      changed = a.currency != b.currency;
    } else if (input.name == "department") {
      changed = a.department != b.department;
    } else if (input.name == "key_account") {
      changed = a.key_account != b.key_account;
    }
    if (changed) out.push_back(input.name);
  }
  return out;
}

bool amendment_needs_round(const AmendmentRoutingFacts& facts) noexcept {
  if (facts.status != ContractStatus::active && facts.status != ContractStatus::breached) return false;
  if (facts.changed_inputs.empty()) return false;
  return facts.approved_by_route || (facts.routing_in_use && facts.policy == DirectActivation::refuse);
}

// ---- Deciding on an open step -----------------------------------------------------------

void require_active(const ApproverDirectory& directory, const std::string& employee, Date on, Date recorded) {
  if (!directory.employed(employee, on)) {
    raise(Errc::invalid_state, "org.not_employed", {{"id", employee}, {"on", on.to_string()}});
  }
  if (!directory.employed(employee, recorded)) {
    raise(Errc::invalid_state, "approval.not_employed_when_recorded",
          {{"id", employee}, {"on", on.to_string()}, {"recorded", recorded.to_string()}});
  }
}

void check_segregation(const RouteParties& parties, const std::string& employee, const std::string& contract) {
  const char* key = nullptr;
  if (employee == parties.owner || listed(parties.other_owners, employee)) {
    key = "approval.segregation_owner";
  } else if (employee == parties.submitter) {
    key = "approval.segregation_submitter";
  } else if (listed(parties.earlier_submitters, employee)) {
    key = "approval.segregation_earlier_submitter";
  } else if (listed(parties.editors, employee)) {
    key = "approval.segregation_editor";
  }
  if (key != nullptr) raise(Errc::segregation, key, {{"employee", employee}, {"contract", contract}});
}

std::string decision_principal(const StepDecisionFacts& step, const std::string& by,
                               const std::optional<std::string>& on_behalf_of, Date on, std::string_view action) {
  const std::vector<StepApprover>& approvers = step.approvers;
  auto find = [&](const std::string& employee) -> const StepApprover* {
    for (const StepApprover& a : approvers) {
      if (a.employee == employee) return &a;
    }
    return nullptr;
  };
  auto delegated = [&](const std::string& p) { return listed(step.delegators, p); };
  auto not_approver = [&](const std::string& employee) {
    raise(Errc::not_approver, "approval.not_an_approver",
          {{"employee", employee},
           {"step", std::to_string(step.step)},
           {"contract", step.contract},
           {"on", on.to_string()},
           {"approvers", approvers_text(approvers)}});
  };
  auto too_early = [&](const StepApprover& a) {
    raise(Errc::invalid_argument, "approval.before_added",
          {{"employee", a.employee},
           {"step", std::to_string(step.step)},
           {"contract", step.contract},
           {"added", a.added_on.to_string()},
           {"action", std::string(action)},
           {"on", on.to_string()}});
  };
  auto already = [&](const StepApprover& a) {
    raise(Errc::conflict, "approval.already_approved",
          {{"principal", a.employee},
           {"step", std::to_string(step.step)},
           {"contract", step.contract},
           {"approved_on", a.approved_on ? a.approved_on->to_string() : std::string()}});
  };
  // One person, one vote: whoever gave an approval in this step, for
  // themselves or for a delegator, has acted in it.
  for (const StepApprover& a : approvers) {
    if (!a.approved_by || *a.approved_by != by) continue;
    if (a.employee == by && (!on_behalf_of || *on_behalf_of == by)) already(a);
    raise(Errc::conflict, "approval.counted_once",
          {{"employee", by},
           {"step", std::to_string(step.step)},
           {"contract", step.contract},
           {"principal", a.employee},
           {"approved_on", a.approved_on ? a.approved_on->to_string() : std::string()}});
  }
  if (on_behalf_of) {
    const StepApprover* a = find(*on_behalf_of);
    if (a == nullptr) not_approver(*on_behalf_of);
    if (*on_behalf_of != by && !delegated(*on_behalf_of)) {
      raise(Errc::not_approver, "approval.no_delegation",
            {{"employee", by}, {"principal", *on_behalf_of}, {"on", on.to_string()}});
    }
    if (on < a->added_on) too_early(*a);
    if (a->approved_on) already(*a);
    return a->employee;
  }
  const StepApprover* own = find(by);
  if (own != nullptr && own->added_on <= on && !own->approved_on) return by;
  const StepApprover* decided = own != nullptr && own->approved_on ? own : nullptr;
  const StepApprover* early = own != nullptr && on < own->added_on ? own : nullptr;
  for (const StepApprover& a : approvers) {
    if (a.employee == by || !delegated(a.employee)) continue;
    if (on < a.added_on) {
      if (early == nullptr) early = &a;
      continue;
    }
    if (!a.approved_on) return a.employee;
    if (decided == nullptr) decided = &a;
  }
  if (decided != nullptr) already(*decided);
  if (early != nullptr) too_early(*early);
  not_approver(by);
  return {};
}

// ---- The directory as of two dates ---------------------------------------------------------

std::optional<std::string> ActiveWhenRecorded::manager_of(const std::string& department, Date on) const {
  std::optional<std::string> manager = inner_.manager_of(department, on);
  if (manager && !inner_.employed(*manager, recorded_)) return std::nullopt;
  return manager;
}

std::optional<std::string> ActiveWhenRecorded::parent_of(const std::string& department) const {
  return inner_.parent_of(department);
}

std::vector<std::string> ActiveWhenRecorded::role_holders(const std::string& role,
                                                          const std::optional<std::string>& department, Date on) const {
  std::vector<std::string> holders = inner_.role_holders(role, department, on);
  std::erase_if(holders, [&](const std::string& e) { return !inner_.employed(e, recorded_); });
  return holders;
}

bool ActiveWhenRecorded::employed(const std::string& employee, Date on) const {
  return inner_.employed(employee, on) && inner_.employed(employee, recorded_);
}

void require_round_after_previous(const std::string& contract, Date on, const std::optional<Date>& ended) {
  if (ended && on < *ended) {
    raise(Errc::invalid_argument, "approval.before_previous_route",
          {{"on", on.to_string()}, {"contract", contract}, {"ended", ended->to_string()}});
  }
}

void require_no_pending_amendment(const std::string& contract, const std::optional<PendingAmendment>& pending) {
  if (!pending) return;
  raise(Errc::invalid_state, "approval.amendment_pending",
        {{"contract", contract}, {"round", std::to_string(pending->round)}, {"on", pending->submitted.to_string()}});
}

void require_amendment_submitter(const std::string& contract, const std::optional<std::string>& actor,
                                 const std::vector<std::string>& inputs) {
  if (actor) return;
  std::string names;
  for (const std::string& n : inputs) names += (names.empty() ? "" : ", ") + n;
  raise(Errc::invalid_argument, "approval.amendment_needs_submitter", {{"contract", contract}, {"inputs", names}});
}

void require_amendment_applicable(const std::string& contract, ContractStatus status, int round) {
  if (status == ContractStatus::active || status == ContractStatus::breached) return;
  raise(Errc::invalid_state, "approval.amendment_closed",
        {{"contract", contract}, {"status", contract_status_name(status)}, {"round", std::to_string(round)}});
}

// ---- Settings, delegations and voided numbers ---------------------------------------

void check_setting_change(DirectActivation current, DirectActivation wanted) {
  if (current == wanted) {
    raise(Errc::invalid_state, "approval.setting_unchanged",
          {{"setting", "direct_activation"}, {"value", direct_activation_name(wanted)}});
  }
}

void check_delegation(const std::string& person, const std::string& deputy, Date from, Date to) {
  if (person == deputy) raise(Errc::invalid_argument, "approval.delegation_self", {{"person", person}});
  if (to < from) {
    raise(Errc::invalid_argument, "approval.delegation_dates",
          {{"person", person}, {"delegate", deputy}, {"from", from.to_string()}, {"to", to.to_string()}});
  }
}

void refuse_unknown_delegation(std::int64_t id) {
  raise(Errc::not_found, "approval.unknown_delegation", {{"id", std::to_string(id)}});
}

void refuse_never_submitted(const std::string& contract, ContractStatus status) {
  raise(Errc::not_found, "approval.not_submitted", {{"contract", contract}, {"status", contract_status_name(status)}});
}

void refuse_void_number(const std::string& contract, const std::string& voided_on, const std::string& reason,
                        const char* action) {
  raise(Errc::invalid_state, "contract.number_void",
        {{"contract", contract}, {"on", voided_on}, {"reason", reason}, {"action", action}});
}

}  // namespace pactum
