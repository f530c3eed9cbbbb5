#include "pactum/report/document.hpp"

namespace pactum {

using document::member;

namespace {

// An amount as shown: rounded half-even to the currency's minor unit.
void shown(DocumentSink& s, std::string_view name, const Money& m) { member(s, name, m.rounded_to_minor()); }

void contract_members(const ForecastContract& c, DocumentSink& s) {
  member(s, "contract", c.id);
  member(s, "number", c.number);
  member(s, "type", c.type);
  member(s, "owner", c.owner);
  member(s, "department", c.department);
  member(s, "counterparty", c.counterparty);
  member(s, "key_account", c.key_account);
  shown(s, "amount", c.amount);
  document::currency(s, "currency", c.amount);
}

}  // namespace

void describe(const DepartmentReportRow& r, DocumentSink& s) {
  s.begin_object();
  member(s, "department", r.department);
  member(s, "name", r.name);
  member(s, "contracts_due", r.contracts_due);
  member(s, "executed", r.executed);
  member(s, "execution_rate", r.execution_rate);
  member(s, "execution_ratio", r.execution_ratio);
  member(s, "employees", r.employees);
  member(s, "scored", r.scored);
  member(s, "average_score", r.average_score);
  member(s, "average_score_10", r.average_score_10);
  member(s, "average_score_exact", r.average_score_ratio);
  s.end_object();
}

void describe(const EmployeeReportRow& r, DocumentSink& s) {
  s.begin_object();
  member(s, "employee", r.employee);
  member(s, "name", r.name);
  member(s, "department", r.department);
  member(s, "position", r.position);
  member(s, "group", r.group);
  member(s, "contracts", r.contracts);
  shown(s, "signed_amount", r.signed_amount);
  shown(s, "collected", r.collected);
  member(s, "collection_rate", r.collection_rate);
  member(s, "collection_ratio", r.collection_ratio);
  member(s, "score", r.score);
  member(s, "score_10", r.score_10);
  member(s, "coverage", r.coverage ? std::optional<Decimal>(r.coverage->normalized()) : std::nullopt);
  member(s, "signed_rank", r.signed_rank);
  member(s, "collection_rank", r.collection_rank);
  member(s, "score_rank", r.score_rank);
  member(s, "score_top_half", r.score_top_half);
  member(s, "high_signing", r.high_signing);
  member(s, "high_execution", r.high_execution);
  member(s, "classification", r.classification);
  member(s, "recommended_action", r.action);
  member(s, "classification_rule", r.classification_rule);
  s.end_object();
}

void describe(const ExpiringContract& e, DocumentSink& s) {
  s.begin_object();
  contract_members(e.contract, s);
  member(s, "end", e.end);
  member(s, "days_left", e.days_left);
  s.end_object();
}

void describe(const UnderCollectedContract& u, DocumentSink& s) {
  s.begin_object();
  contract_members(u.contract, s);
  shown(s, "collected", u.collected);
  shown(s, "outstanding", u.outstanding);
  member(s, "collection_rate", u.collection_rate);
  member(s, "collection_ratio", u.collection_ratio);
  shown(s, "due_by_horizon", u.due_by_horizon);
  member(s, "earliest_unpaid_due", u.earliest_unpaid_due);
  s.end_object();
}

void describe(const InstallmentMonth& m, DocumentSink& s) {
  s.begin_object();
  member(s, "month", m.month);
  member(s, "from", m.from);
  member(s, "to", m.to);
  member(s, "installments", m.installments);
  member(s, "contracts", m.contracts);
  shown(s, "amount", m.amount);
  shown(s, "unpaid", m.unpaid);
  member(s, "payable_installments", m.payable_installments);
  member(s, "payable_contracts", m.payable_contracts);
  shown(s, "payable_amount", m.payable_amount);
  shown(s, "payable_unpaid", m.payable_unpaid);
  s.end_object();
}

}  // namespace pactum
