// The JSON documents of the faces that name stored things (docs/events.md,
// docs/contracts.md): a contract named as text, an event described by a
// JSON object, recorded through a Database.
#include "pactum/store/documents.hpp"

#include <cstdint>
#include <string>

#include "../contract/json_reader.hpp"
#include "pactum/store/database.hpp"

namespace pactum {

namespace {

using json_reader::currency_member;
using json_reader::Json;
using json_reader::parse_document;
using json_reader::Reader;
using json_reader::wrong_type;

ContractRef contract_member(Database& db, Reader& r) {
  const Json& v = r.need("contract");
  if (v.is_number_integer()) return ContractRef(v.get<std::int64_t>());
  if (v.is_string()) return contract_ref_from_text(db, v.get<std::string>());
  wrong_type(r.qualified("contract"), "contract.json_not_contract");
}

}  // namespace

namespace json {

Event record_event_from_json(Database& db, std::string_view text) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  const EventType type = parse_event_type(r.text("type"));
  EventOptions o;
  o.on = r.opt_date("on");
  o.source = r.opt_text("source");
  o.actor = r.opt_text("actor");
  switch (type) {
    case EventType::payment_received: {
      const ContractRef ref = contract_member(db, r);
      const Currency currency = currency_member(r, db.contract(ref).amount.currency());
      const Money amount = Money::parse(r.text("amount"), currency);
      const std::string payment_ref = r.text("ref");
      const bool allow = r.opt_bool("allow_overpayment").value_or(false);
      r.finish();
      return db.record_payment(ref, amount, o.on, payment_ref, o.source.value_or(std::string(kDefaultPaymentSource)),
                               allow, o.actor);
    }
    case EventType::payment_reversed: {
      const std::string payment_ref = r.text("ref");
      r.finish();
      return db.reverse_payment(payment_ref, o.on, o.source.value_or(std::string(kDefaultPaymentSource)), o.actor);
    }
    case EventType::delivered: {
      const ContractRef ref = contract_member(db, r);
      o.key = r.opt_text("key");
      const bool accepted = r.opt_bool("accepted").value_or(true);
      const auto note = r.opt_text("note");
      r.finish();
      return db.record_delivery(ref, accepted, o, note);
    }
    case EventType::satisfaction: {
      const ContractRef ref = contract_member(db, r);
      o.key = r.opt_text("key");
      r.need("score");
      const std::int64_t score = *r.opt_int("score");
      r.finish();
      if (score < INT32_MIN || score > INT32_MAX) {
        raise(Errc::invalid_argument, "event.bad_score", {{"score", std::to_string(score)}});
      }
      return db.record_satisfaction(ref, static_cast<int>(score), o);
    }
    case EventType::dispute:
    case EventType::breach: {
      const ContractRef ref = contract_member(db, r);
      o.key = r.opt_text("key");
      const std::string reason = r.opt_text("reason").value_or("");
      r.finish();
      return type == EventType::dispute ? db.record_dispute(ref, reason, o) : db.record_breach(ref, reason, o);
    }
    default: break;
  }
  raise(Errc::invalid_argument, "contract.json_event_type", {{"type", event_type_name(type)}});
}

}  // namespace json

ContractRef contract_ref_from_text(const Database& db, std::string_view text) {
  const std::string s(text);
  if (s.empty()) raise(Errc::invalid_argument, "org.empty", {{"what", "contract"}});
  try {
    return ContractRef(db.contract(ContractRef(s)).id);
  } catch (const NotFoundError&) {
    const bool digits = s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) throw;
    return ContractRef(static_cast<std::int64_t>(std::stoll(s)));
  }
}

}  // namespace pactum
