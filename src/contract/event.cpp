// Event types: stable codes and their names.
#include "pactum/contract/event.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

struct TypeName {
  EventType type;
  const char* name;
};

constexpr TypeName kTypes[] = {
    {EventType::created, "created"},
    {EventType::activated, "activated"},
    {EventType::payment_received, "payment_received"},
    {EventType::payment_reversed, "payment_reversed"},
    {EventType::delivered, "delivered"},
    {EventType::satisfaction, "satisfaction"},
    {EventType::dispute, "dispute"},
    {EventType::breach, "breach"},
    {EventType::amended, "amended"},
    {EventType::terminated, "terminated"},
    {EventType::renewed, "renewed"},
    {EventType::completed, "completed"},
    {EventType::clock_advanced, "clock_advanced"},
    {EventType::period_closed, "period_closed"},
    {EventType::period_reopened, "period_reopened"},
    {EventType::submitted, "submitted"},
    {EventType::approved, "approved"},
    {EventType::rejected, "rejected"},
    {EventType::sent_back, "sent_back"},
    {EventType::withdrawn, "withdrawn"},
    {EventType::approval_escalated, "approval_escalated"},
    {EventType::expired, "expired"},
    {EventType::reassigned, "reassigned"},
    {EventType::setting_changed, "setting_changed"},
};

}  // namespace

const char* event_type_name(EventType type) noexcept {
  for (const TypeName& t : kTypes) {
    if (t.type == type) return t.name;
  }
  return "unknown";
}

EventType parse_event_type(std::string_view name) {
  for (const TypeName& t : kTypes) {
    if (name == t.name) return t.type;
  }
  raise(Errc::invalid_argument, "event.bad_type", {{"type", std::string(name)}});
}

bool is_execution_event(EventType type) noexcept {
  switch (type) {
    case EventType::payment_received:
    case EventType::payment_reversed:
    case EventType::delivered:
    case EventType::satisfaction:
    case EventType::dispute:
    case EventType::breach: return true;
    default: return false;
  }
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
