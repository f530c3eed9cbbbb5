#include "pactum/tracking/document.hpp"

namespace pactum {

using document::member;

void describe(const Reminder& r, DocumentSink& s) {
  s.begin_object();
  member(s, "id", r.id);
  member(s, "kind", reminder_kind_name(r.kind));
  member(s, "contract", r.contract);
  member(s, "number", r.number);
  member(s, "type", r.type);
  member(s, "owner", r.owner);
  member(s, "department", r.department);
  member(s, "counterparty", r.counterparty);
  member(s, "key_account", r.key_account);
  member(s, "due", r.due);
  member(s, "trigger", r.trigger);
  member(s, "days", r.days);
  member(s, "installment", r.installment);
  member(s, "installment_amount", r.installment_amount);
  member(s, "unpaid", r.unpaid);
  s.key("currency");
  if (r.installment_amount) {
    s.text(r.installment_amount->currency().code());
  } else {
    s.null();
  }
  member(s, "round", r.round);
  member(s, "step", r.step);
  member(s, "message", r.message);
  s.end_object();
}

void describe(const Acknowledgement& a, DocumentSink& s) {
  s.begin_object();
  member(s, "id", a.id);
  member(s, "contract", a.contract);
  member(s, "on", a.on);
  member(s, "actor", a.actor);
  member(s, "recorded_at", a.recorded_at);
  s.end_object();
}

void describe(const ReminderLeads& leads, DocumentSink& s) {
  s.begin_object();
  for (ReminderKind kind : kReminderKinds) member(s, reminder_kind_name(kind), leads.days(kind));
  s.end_object();
}

}  // namespace pactum
