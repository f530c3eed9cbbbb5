// The documents of reminders and acknowledgements
// (pactum/core/document.hpp), described once for every face; docs/reports.md
// lists the members.
#pragma once

#include "pactum/core/document.hpp"
#include "pactum/tracking/reminder.hpp"

namespace pactum {

// {"id", "kind", "contract", "number", "type", "owner", "department",
//  "counterparty", "key_account", "due", "trigger", "days", "installment",
//  "installment_amount", "unpaid", "currency", "round", "step", "message"}
void describe(const Reminder& reminder, DocumentSink& sink);
// {"id", "contract", "on", "actor", "recorded_at"}
void describe(const Acknowledgement& acknowledgement, DocumentSink& sink);
// {"expiry": days, "payment_due": days, ...}: every kind's lead time.
void describe(const ReminderLeads& leads, DocumentSink& sink);

}  // namespace pactum
