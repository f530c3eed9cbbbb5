// Approval controls: the direct_activation setting (an audited
// event when it changes), whether routing is in use for a contract type, and
// the refusals of activate() outside a route and of a contract under a void
// number. The decisions are the pure rules of pactum/approval/controls.hpp.
#include "approval_internal.hpp"
#include "pactum/approval/payloads.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace store {

namespace {

constexpr std::string_view kDirectActivationKey = "approval.direct_activation";

ApprovalRecords& records(Database::Impl& impl) { return impl.storage().approval(); }

// The routing table every new database holds: it does not put a type "in
// use" by itself (hosts that approve elsewhere never load one).
bool is_shipped_default(Database::Impl& impl) {
  const std::optional<TableVersionRow> current = records(impl).current_table_version(DecisionTableKind::routing);
  if (!current) return true;
  return current->id == "default" && current->version == 1;
}

}  // namespace

DirectActivation stored_direct_activation(Database::Impl& impl) {
  const std::optional<std::string> value = impl.meta(kDirectActivationKey);
  return value ? parse_direct_activation(*value) : DirectActivation::refuse;
}

bool routing_in_use_for(const Database& db, const std::string& type) {
  Database::Impl& impl = db.impl();
  if (records(impl).routed_type(type)) return true;
  if (is_shipped_default(impl)) return false;
  return table_routes_type(db.routing_table(), type);
}

void require_number_in_force(Database::Impl& impl, const ContractRow& row, const char* action) {
  const std::optional<VoidedNumber> voided = records(impl).voided_number(row.number);
  if (voided) refuse_void_number(row.number, voided->voided_on, voided->reason, action);
}

void check_activation_outside_route(const Database& db, const ContractRow& row) {
  Database::Impl& impl = db.impl();
  require_number_in_force(impl, row, "activate");
  DirectActivationFacts facts;
  facts.contract = row.number;
  if (std::optional<ContractBrief> contract = records(impl).contract_brief(row.id)) {
    facts.type = std::move(contract->type);
  }
  if (const std::optional<RouteRow> route = records(impl).latest_route(row.id)) {
    facts.round = route->round;
    facts.route_status = route->status;
  }
  facts.policy = stored_direct_activation(impl);
  facts.routing_in_use = routing_in_use_for(db, facts.type);
  check_direct_activation(facts);
}

}  // namespace store

using namespace store;

DirectActivation Database::direct_activation() const {
  return impl_->read([&] { return stored_direct_activation(*impl_); });
}

Event Database::set_direct_activation(DirectActivation policy, const std::string& by, const std::string& reason,
                                      std::optional<Date> on) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    require_name(by, "by");
    require_name(reason, "reason", 2000);
    const DirectActivation current = stored_direct_activation(*impl_);
    check_setting_change(current, policy);
    impl_->set_meta(kDirectActivationKey, direct_activation_name(policy));
    NewEvent e;
    e.type = EventType::setting_changed;
    e.effective = day;
    e.actor = by;
    e.reason = reason;
    e.payload = setting_change_payload_json(
        SettingChangePayload{"direct_activation", direct_activation_name(current), direct_activation_name(policy)});
    return append_event(*impl_, e, impl_->currency);
  });
}

bool Database::routing_in_use(const std::string& type) const {
  return impl_->read([&] {
    validate_contract_type(type);
    return routing_in_use_for(*this, type);
  });
}

}  // namespace pactum
