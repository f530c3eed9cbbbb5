// JSON documents (version 1) of approval route instances, history, inboxes
// and delegations: what the C API and the command-line tool hand out. The
// records are described in pactum/approval/document.hpp; members keep the
// order described.
#include <nlohmann/json.hpp>

#include "../core/json_sink.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/approval/document.hpp"

namespace pactum {

namespace {

using ordered_json = nlohmann::ordered_json;

// {"version": 1, key: body}.
std::string versioned_under(const char* key, ordered_json body) {
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  out[key] = std::move(body);
  return out.dump();
}

ordered_json entry_json(const ApprovalHistoryEntry& e, Lang lang) {
  OrderedJsonSink sink;
  describe(e, lang, sink);
  return sink.take();
}

ordered_json delegation_object(const Delegation& d) {
  return ordered_json{{"id", d.id},
                      {"person", d.person},
                      {"delegate", d.delegate},
                      {"from", d.from.to_string()},
                      {"to", d.to.to_string()}};
}

}  // namespace

std::string route_instance_json(const ApprovalRouteInstance& r) {
  return versioned_document(r);
}

std::string approval_step_json(const std::optional<ApprovalStepState>& step) {
  return versioned_under("step", step ? json_document_of<ordered_json>(*step) : ordered_json());
}

std::string approval_entry_json(const ApprovalHistoryEntry& entry, Lang lang) {
  return versioned_text(entry_json(entry, lang));
}

std::string approval_history_json(const std::vector<ApprovalHistoryEntry>& history, Lang lang) {
  ordered_json list = ordered_json::array();
  for (const ApprovalHistoryEntry& e : history) list.push_back(entry_json(e, lang));
  return versioned_under("history", std::move(list));
}

std::string inbox_json(const std::vector<InboxItem>& items) {
  ordered_json list = ordered_json::array();
  for (const InboxItem& i : items) list.push_back(json_document_of<ordered_json>(i));
  return versioned_under("items", std::move(list));
}

std::string delegation_json(const Delegation& delegation) { return versioned_text(delegation_object(delegation)); }

std::string delegations_json(const std::vector<Delegation>& delegations) {
  ordered_json list = ordered_json::array();
  for (const Delegation& d : delegations) list.push_back(delegation_object(d));
  return versioned_under("delegations", std::move(list));
}

}  // namespace pactum
