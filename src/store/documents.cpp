// The JSON documents of the faces that name stored things (docs/events.md,
// docs/contracts.md): an event read by the domain (pactum/contract/io.hpp)
// against the stored contracts, then recorded; a contract named as text.
#include "pactum/store/documents.hpp"

#include <string>

#include "pactum/contract/io.hpp"
#include "pactum/store/database.hpp"

namespace pactum {

namespace json {

Event record_event_from_json(Database& db, std::string_view text) {
  EventDocumentContext context;
  context.contract_named = [&](std::string_view name) { return contract_ref_from_text(db, name); };
  context.currency_of = [&](const ContractRef& ref) { return db.contract(ref).amount.currency(); };
  const EventRequest q = event_request_from_json(text, context);
  const EventOptions& o = q.options;
  const std::string source = o.source.value_or(std::string(kDefaultPaymentSource));
  switch (event_type_info(q.type)->shape) {
    case EventShape::payment:
      return db.record_payment(*q.contract, *q.amount, o.on, q.ref, source, q.allow_overpayment, o.actor);
    case EventShape::reversal:
      return db.reverse_payment(q.ref, o.on, source, o.actor);
    case EventShape::delivery:
      return db.record_delivery(*q.contract, q.accepted, o, q.note);
    case EventShape::score:
      return db.record_satisfaction(*q.contract, q.score, o);
    default:  // reason: the reader returns no own-call type
      return db.record_fact(*q.contract, q.type, q.reason, o);
  }
}

}  // namespace json

ContractRef contract_ref_from_text(const Database& db, std::string_view text) {
  const std::optional<std::int64_t> id = contract_id_in_text(text);
  try {
    return ContractRef(db.contract(ContractRef(std::string(text))).id);
  } catch (const NotFoundError&) {
    if (!id) throw;
    return ContractRef(*id);
  }
}

}  // namespace pactum
