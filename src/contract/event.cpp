// Event types: stable codes and their names.
#include "pactum/contract/event.hpp"

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

}  // namespace pactum
