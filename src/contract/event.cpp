// Event types: stable codes and their names.
#include "pactum/contract/event.hpp"

#include <nlohmann/json.hpp>
#include <iterator>
#include <string>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

using S = EventShape;
constexpr std::optional<ContractTransition> kNone = std::nullopt;

// The registry. A new type is one row here and its code in event.hpp
// (docs/contributing.md, "Add an event type").
//  type                            name                  shape          exec   fact   open   transition
constexpr EventTypeInfo kTypes[] = {
    {EventType::created,            "created",            S::own_call,   false, true,  false, kNone},
    {EventType::activated,          "activated",          S::own_call,   false, true,  false, kNone},
    {EventType::payment_received,   "payment_received",   S::payment,    true,  true,  false, kNone},
    {EventType::payment_reversed,   "payment_reversed",   S::reversal,   true,  true,  false, kNone},
    {EventType::delivered,          "delivered",          S::delivery,   true,  true,  true,  kNone},
    {EventType::satisfaction,       "satisfaction",       S::score,      true,  true,  false, kNone},
    {EventType::dispute,            "dispute",            S::reason,     true,  true,  false, kNone},
    {EventType::breach,             "breach",             S::reason,     true,  true,  true,  ContractTransition::breach},
    {EventType::amended,            "amended",            S::own_call,   false, true,  false, kNone},
    {EventType::terminated,         "terminated",         S::own_call,   false, true,  false, kNone},
    {EventType::renewed,            "renewed",            S::own_call,   false, false, false, kNone},
    {EventType::completed,          "completed",          S::own_call,   false, true,  false, kNone},
    {EventType::clock_advanced,     "clock_advanced",     S::own_call,   false, false, false, kNone},
    {EventType::period_closed,      "period_closed",      S::own_call,   false, false, false, kNone},
    {EventType::period_reopened,    "period_reopened",    S::own_call,   false, false, false, kNone},
    {EventType::submitted,          "submitted",          S::own_call,   false, false, false, kNone},
    {EventType::approved,           "approved",           S::own_call,   false, false, false, kNone},
    {EventType::rejected,           "rejected",           S::own_call,   false, false, false, kNone},
    {EventType::sent_back,          "sent_back",          S::own_call,   false, false, false, kNone},
    {EventType::withdrawn,          "withdrawn",          S::own_call,   false, false, false, kNone},
    {EventType::approval_escalated, "approval_escalated", S::own_call,   false, false, false, kNone},
    {EventType::expired,            "expired",            S::own_call,   false, true,  false, kNone},
    {EventType::reassigned,         "reassigned",         S::own_call,   false, true,  false, kNone},
    {EventType::setting_changed,    "setting_changed",    S::own_call,   false, false, false, kNone},
};

}  // namespace

const char* event_shape_name(EventShape shape) noexcept {
  switch (shape) {
    case EventShape::own_call: return "own_call";
    case EventShape::payment: return "payment";
    case EventShape::reversal: return "reversal";
    case EventShape::delivery: return "delivery";
    case EventShape::score: return "score";
    case EventShape::reason: return "reason";
  }
  return "unknown";
}

std::span<const EventTypeInfo> event_types() noexcept { return kTypes; }

// Codes are 1..N in registry order (tests/contract/event_registry_test.cpp).
const EventTypeInfo* event_type_info(EventType type) noexcept {
  const auto code = static_cast<std::size_t>(static_cast<int>(type));
  if (code < 1 || code > std::size(kTypes)) return nullptr;
  return &kTypes[code - 1];
}

const char* event_type_name(EventType type) noexcept {
  const EventTypeInfo* t = event_type_info(type);
  return t != nullptr ? t->name.data() : "unknown";
}

EventType parse_event_type(std::string_view name) {
  for (const EventTypeInfo& t : kTypes) {
    if (name == t.name) return t.type;
  }
  raise(Errc::invalid_argument, "event.bad_type", {{"type", std::string(name)}});
}

bool is_execution_event(EventType type) noexcept {
  const EventTypeInfo* t = event_type_info(type);
  return t != nullptr && t->execution;
}

std::string reassignment_payload(const Reassignment& r) {
  nlohmann::ordered_json j;
  j["from"] = r.from;
  j["to"] = r.to;
  return j.dump();
}

std::optional<Reassignment> reassignment_of(const Event& e) {
  if (e.type != EventType::reassigned) return std::nullopt;
  const auto j = nlohmann::json::parse(e.payload, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  const auto from = j.find("from");
  const auto to = j.find("to");
  if (from == j.end() || to == j.end() || !from->is_string() || !to->is_string()) return std::nullopt;
  return Reassignment{from->get<std::string>(), to->get<std::string>()};
}

void require_same_event(const Event& existing, const EventContent& incoming) {
  std::string differs;
  auto field = [&](bool same, const char* name) {
    if (same) return;
    if (!differs.empty()) differs += ", ";
    differs += name;
  };
  field(existing.type == incoming.type, "type");
  field(existing.contract == incoming.contract, "contract");
  field(!incoming.effective || existing.effective == *incoming.effective, "effective");
  field((existing.amount ? std::optional<std::int64_t>(existing.amount->units()) : std::nullopt) == incoming.amount, "amount");
  field(existing.value == incoming.value, "value");
  field(existing.reason == incoming.reason, "reason");
  field(existing.payload == incoming.payload, "payload");
  if (differs.empty()) return;
  raise(Errc::conflict, "event.key_conflict",
        {{"source", existing.source},
         {"key", existing.key.value_or("")},
         {"seq", std::to_string(existing.seq)},
         {"type", event_type_name(existing.type)},
         {"fields", differs}});
}

void check_event_limit(int limit) {
  if (limit <= 0) raise(Errc::invalid_argument, "event.bad_limit", {{"limit", std::to_string(limit)}});
}

void refuse_unknown_event(std::int64_t seq) { raise(Errc::not_found, "event.unknown", {{"seq", std::to_string(seq)}}); }

}  // namespace pactum
