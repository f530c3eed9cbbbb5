// JSON documents of the faces (C API, command line) that name stored
// things: an event described by a JSON object, recorded through a Database,
// and a contract named as text. The documents themselves are those of
// pactum/contract/io.hpp.
#pragma once

#include <string_view>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"

namespace pactum {

class Database;

namespace json {

// Records one fact described by a JSON object:
//   {"version":1,"type":"payment_received","contract":"HT-2024-SD-0001",
//    "amount":"300.00","on":"2024-02-01","ref":"BANK-1","source":"finance"}
// Types: payment_received (amount, ref; currency, allow_overpayment),
// payment_reversed (ref; no contract), delivered (accepted, note),
// satisfaction (score), dispute and breach (reason). Every type takes on,
// source, key (not payments: their key is the ref) and actor.
Event record_event_from_json(Database& db, std::string_view text);

}  // namespace json

// A contract named in text (C API, command line): the contract with that
// number; otherwise, when the text is a decimal integer, the contract with
// that id; otherwise a NotFoundError naming the text.
ContractRef contract_ref_from_text(const Database& db, std::string_view text);

}  // namespace pactum
