// The documents of the reports' rows (pactum/core/document.hpp), described
// once for every face; docs/reports.md lists the members. Amounts are shown
// at the currency's minor unit, rates as computed (6 decimals) with their
// exact ratios beside them.
#pragma once

#include "pactum/core/document.hpp"
#include "pactum/report/report.hpp"

namespace pactum {

// {"department", "name", "contracts_due", "executed", "execution_rate",
//  "execution_ratio", "employees", "scored", "average_score",
//  "average_score_10", "average_score_exact"}
void describe(const DepartmentReportRow& row, DocumentSink& sink);
// {"employee", "name", "department", "position", "group", "contracts",
//  "signed_amount", "collected", "collection_rate", "collection_ratio",
//  "score", "score_10", "coverage", "signed_rank", "collection_rank",
//  "score_rank", "score_top_half", "high_signing", "high_execution",
//  "classification", "recommended_action", "classification_rule"}
void describe(const EmployeeReportRow& row, DocumentSink& sink);
// The contract's members {"contract", "number", "type", "owner",
// "department", "counterparty", "key_account", "amount", "currency"}, then
// {"end", "days_left"}.
void describe(const ExpiringContract& contract, DocumentSink& sink);
// The contract's members, then {"collected", "outstanding",
// "collection_rate", "collection_ratio", "due_by_horizon",
// "earliest_unpaid_due"}.
void describe(const UnderCollectedContract& contract, DocumentSink& sink);
// {"month", "from", "to", "installments", "contracts", "amount", "unpaid",
//  "payable_installments", "payable_contracts", "payable_amount",
//  "payable_unpaid"}
void describe(const InstallmentMonth& month, DocumentSink& sink);

}  // namespace pactum
