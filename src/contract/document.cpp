#include "pactum/contract/document.hpp"

namespace pactum {

using document::currency;
using document::member;

void describe(const AttributeValue& value, DocumentSink& s) {
  if (!s.keeps_types()) {
    s.begin_object();
    member(s, "type", attribute_type_name(value.type()));
    member(s, "value", value.to_string());
    s.end_object();
    return;
  }
  switch (value.type()) {
    case AttributeType::text: s.text(value.text()); return;
    case AttributeType::decimal: s.decimal(value.decimal()); return;
    case AttributeType::money: s.money(value.money()); return;
    case AttributeType::date: s.date(value.date()); return;
    case AttributeType::boolean: s.boolean(value.boolean()); return;
  }
  s.null();
}

void describe(const Attributes& attributes, DocumentSink& s) {
  s.begin_object();
  for (const auto& [name, value] : attributes) {
    s.key(name);
    describe(value, s);
  }
  s.end_object();
}

void describe(const Installment& i, DocumentSink& s) {
  s.begin_object();
  member(s, "due", i.due);
  member(s, "amount", i.amount);
  s.end_object();
}

void describe(const Contract& c, DocumentSink& s) {
  s.begin_object();
  member(s, "id", c.id);
  member(s, "number", c.number);
  member(s, "numbering", c.numbering);
  member(s, "external_id", c.external_id);
  member(s, "type", c.type);
  member(s, "status", contract_status_name(c.status));
  member(s, "owner", c.owner);
  member(s, "signer", c.signer);
  member(s, "department", c.department);
  member(s, "counterparty", c.counterparty);
  member(s, "key_account", c.key_account);
  member(s, "amount", c.amount);
  currency(s, "currency", c.amount);
  member(s, "reporting_amount", c.reporting_amount);
  currency(s, "reporting_currency", c.reporting_amount);
  member(s, "exchange_rate", c.exchange_rate);
  member(s, "signed", c.signed_on);
  member(s, "start", c.start);
  member(s, "end", c.end);
  member(s, "delivery_due", c.delivery_due);
  s.key("installments");
  s.begin_list();
  for (const Installment& i : c.installments) describe(i, s);
  s.end_list();
  s.key("attributes");
  describe(c.attributes, s);
  member(s, "activated_on", c.activated_on);
  member(s, "closed_on", c.closed_on);
  member(s, "renews", c.renews);
  member(s, "renewed_by", c.renewed_by);
  member(s, "collected", c.collected);
  s.end_object();
}

void describe(const Event& e, DocumentSink& s) {
  s.begin_object();
  member(s, "seq", e.seq);
  member(s, "type", event_type_name(e.type));
  member(s, "type_code", static_cast<int>(e.type));
  member(s, "contract", e.contract);
  member(s, "effective", e.effective);
  member(s, "recorded_at", e.recorded_at);
  member(s, "actor", e.actor);
  member(s, "source", e.source);
  member(s, "key", e.key);
  member(s, "amount", e.amount);
  s.key("currency");
  if (e.amount) {
    s.text(e.amount->currency().code());
  } else {
    s.null();
  }
  member(s, "ref", e.ref);
  member(s, "value", e.value);
  member(s, "reason", e.reason);
  s.key("payload");
  if (e.payload.empty()) {
    s.null();
  } else {
    s.json(e.payload);
  }
  s.end_object();
}

void describe(const InstallmentStatus& i, DocumentSink& s) {
  s.begin_object();
  member(s, "position", i.position);
  member(s, "due", i.due);
  member(s, "amount", i.amount);
  member(s, "paid", i.paid);
  member(s, "paid_by_due", i.paid_by_due);
  member(s, "paid_in_full_on", i.paid_in_full_on);
  member(s, "overdue", i.overdue);
  s.end_object();
}

void describe(const ExecutionSummary& x, DocumentSink& s) {
  s.begin_object();
  member(s, "contract", x.contract);
  member(s, "as_of", x.as_of);
  member(s, "amount", x.amount);
  currency(s, "currency", x.amount);
  member(s, "collected", x.collected);
  member(s, "outstanding", x.outstanding);
  member(s, "collection_rate", x.collection_rate);
  member(s, "collection_ratio", x.collection_ratio);
  s.key("installments");
  s.begin_list();
  for (const InstallmentStatus& i : x.installments) describe(i, s);
  s.end_list();
  s.key("overdue");
  s.begin_list();
  for (const InstallmentStatus& i : x.installments) {
    if (i.overdue) describe(i, s);
  }
  s.end_list();
  member(s, "overdue_installments", x.overdue_installments);
  member(s, "delivery_due", x.delivery_due);
  member(s, "delivered_on", x.delivered_on);
  member(s, "failed_deliveries", x.failed_deliveries);
  member(s, "delivery_late_days", x.delivery_late_days);
  member(s, "satisfaction_count", x.satisfaction_count);
  member(s, "satisfaction_average", x.satisfaction_average);
  member(s, "disputes", x.disputes);
  member(s, "breaches", x.breaches);
  member(s, "amendments", x.amendments);
  s.end_object();
}

}  // namespace pactum
