// The documents of contracts, their events and their execution
// (pactum/core/document.hpp): the members every face shows, described once.
// docs/contracts.md and docs/events.md list them.
#pragma once

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/document.hpp"

namespace pactum {

// {"id", "number", "numbering", "external_id", "type", "status", "owner",
//  "signer", "department", "counterparty", "key_account", "amount",
//  "currency", "reporting_amount", "reporting_currency", "exchange_rate",
//  "signed", "start", "end", "delivery_due", "installments": [{"due",
//  "amount"}], "attributes": {name: value}, "activated_on", "closed_on",
//  "renews", "renewed_by", "collected"}
void describe(const Contract& contract, DocumentSink& sink);
// A value where the sink keeps types; {"type", "value": text} where not.
void describe(const AttributeValue& value, DocumentSink& sink);
// {name: value, ...}
void describe(const Attributes& attributes, DocumentSink& sink);
// {"due", "amount"}
void describe(const Installment& installment, DocumentSink& sink);
// {"seq", "type", "type_code", "contract", "effective", "recorded_at",
//  "actor", "source", "key", "amount", "currency", "ref", "value", "reason",
//  "payload"}
void describe(const Event& event, DocumentSink& sink);
// {"position", "due", "amount", "paid", "paid_by_due", "paid_in_full_on",
//  "overdue"}
void describe(const InstallmentStatus& installment, DocumentSink& sink);
// {"contract", "as_of", "amount", "currency", "collected", "outstanding",
//  "collection_rate", "collection_ratio", "installments", "overdue" (the
//  overdue installments), "overdue_installments", "delivery_due",
//  "delivered_on", "failed_deliveries", "delivery_late_days",
//  "satisfaction_count", "satisfaction_average", "disputes", "breaches",
//  "amendments"}
void describe(const ExecutionSummary& summary, DocumentSink& sink);

}  // namespace pactum
