// C API: contracts and the event log.
#include "capi_internal.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/documents.hpp"

using namespace pactum;
using capi::contract_arg;
using capi::optional_date;
using capi::put_optional;
using capi::put;
using capi::require;
using capi::text;
using capi::text_arg;
using capi::with_db;

namespace {



// The event of `fn`, written to an optional out parameter.
template <class Fn>
void event_out(char** out, Fn&& fn) {
  if (out != nullptr) *out = nullptr;
  const Event e = fn();
  put_optional(out, json::to_json(e));
}

}  // namespace

extern "C" {

int pactum_set_exchange_rate(pactum_db* db, const char* currency, const char* rate, const char* on) {
  return with_db(db, [&](Database& d) {
    d.set_exchange_rate(text(currency, "currency"), Decimal::parse(text_arg(rate, "rate")),
                        Date::parse(text_arg(on, "on")));
  });
}

int pactum_exchange_rate(pactum_db* db, const char* currency, const char* on, char** out_rate) {
  return with_db(db, [&](Database& d) {
    require(out_rate, "out_rate");
    const Date day = on != nullptr ? Date::parse(text_arg(on, "on")) : d.today();
    put(out_rate, d.exchange_rate(text(currency, "currency"), day).to_string(), "out_rate");
  });
}

int pactum_create_contract(pactum_db* db, const char* spec_json, char** contract_json) {
  return with_db(db, [&](Database& d) {
    if (contract_json != nullptr) *contract_json = nullptr;
    const ContractSpec spec = json::contract_spec_from_json(text_arg(spec_json, "spec_json"), d.reporting_currency());
    put_optional(contract_json, json::to_json(d.create_contract(spec)));
  });
}

int pactum_contract(pactum_db* db, const char* contract, char** contract_json) {
  return with_db(db, [&](Database& d) {
    require(contract_json, "contract_json");
    put(contract_json, json::to_json(d.contract(contract_arg(d, contract))), "contract_json");
  });
}

int pactum_find_contracts(pactum_db* db, const char* filter_json, char** contracts_json) {
  return with_db(db, [&](Database& d) {
    require(contracts_json, "contracts_json");
    const ContractFilter f =
        filter_json != nullptr ? json::contract_filter_from_json(text_arg(filter_json, "filter_json")) : ContractFilter{};
    put(contracts_json, json::contracts_to_json(d.find_contracts(f)), "contracts_json");
  });
}

int pactum_activate(pactum_db* db, const char* contract, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] { return d.activate(contract_arg(d, contract), optional_date(on, "on")); });
  });
}

int pactum_reassign(pactum_db* db, const char* contract, const char* new_owner, const char* reason, const char* on,
                    char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      return d.reassign(contract_arg(d, contract), text(new_owner, "new_owner"), text(reason, "reason"),
                        optional_date(on, "on"));
    });
  });
}

int pactum_complete(pactum_db* db, const char* contract, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] { return d.complete(contract_arg(d, contract), optional_date(on, "on")); });
  });
}

int pactum_terminate(pactum_db* db, const char* contract, const char* reason, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      return d.terminate(contract_arg(d, contract), text(reason, "reason"), optional_date(on, "on"));
    });
  });
}

int pactum_amend(pactum_db* db, const char* contract, const char* reason, const char* changes_json, const char* on,
                 char** event_json) {
  return pactum_amend_v2(db, contract, reason, changes_json, on, nullptr, event_json);
}

int pactum_amend_v2(pactum_db* db, const char* contract, const char* reason, const char* changes_json, const char* on,
                    const char* actor, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      const ContractRef ref = contract_arg(d, contract);
      const std::string why = text(reason, "reason");
      const Amendment changes =
          json::amendment_from_json(text_arg(changes_json, "changes_json"), d.contract(ref).amount.currency());
      return d.amend(ref, why, changes, optional_date(on, "on"), capi::optional_text_arg(actor, "actor"));
    });
  });
}

int pactum_renew(pactum_db* db, const char* contract, const char* renewal_json, char** contract_json) {
  return with_db(db, [&](Database& d) {
    if (contract_json != nullptr) *contract_json = nullptr;
    const ContractRef ref = contract_arg(d, contract);
    const RenewalSpec spec = renewal_json != nullptr
                                 ? json::renewal_from_json(text_arg(renewal_json, "renewal_json"),
                                                           d.contract(ref).amount.currency())
                                 : RenewalSpec{};
    put_optional(contract_json, json::to_json(d.renew(ref, spec)));
  });
}

int pactum_execution(pactum_db* db, const char* contract, const char* as_of, char** summary_json) {
  return with_db(db, [&](Database& d) {
    require(summary_json, "summary_json");
    put(summary_json, json::to_json(d.execution(contract_arg(d, contract), optional_date(as_of, "as_of"))),
        "summary_json");
  });
}

int pactum_record_payment(pactum_db* db, const char* contract, const char* amount, const char* on, const char* ref,
                          const char* source, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      require(contract, "contract");
      const Decimal value = Decimal::parse(text_arg(amount, "amount"));
      const std::string payment_ref = text(ref, "ref");
      const std::string src = source != nullptr ? text(source, "source") : std::string(kDefaultPaymentSource);
      const std::optional<Date> day = optional_date(on, "on");
      const ContractRef c = contract_arg(d, contract);
      const Money m = Money::from_decimal(value, d.contract(c).amount.currency());
      return d.record_payment(c, m, day, payment_ref, src);
    });
  });
}

int pactum_reverse_payment(pactum_db* db, const char* ref, const char* on, const char* source, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      const std::string src = source != nullptr ? text(source, "source") : std::string(kDefaultPaymentSource);
      return d.reverse_payment(text(ref, "ref"), optional_date(on, "on"), src);
    });
  });
}

int pactum_record_delivery(pactum_db* db, const char* contract, int accepted, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json,
              [&] { return d.record_delivery(contract_arg(d, contract), accepted != 0, optional_date(on, "on")); });
  });
}

int pactum_record_satisfaction(pactum_db* db, const char* contract, int score, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json,
              [&] { return d.record_satisfaction(contract_arg(d, contract), score, optional_date(on, "on")); });
  });
}

int pactum_record_dispute(pactum_db* db, const char* contract, const char* reason, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      const std::string why = reason != nullptr ? text(reason, "reason") : std::string();
      return d.record_dispute(contract_arg(d, contract), why, optional_date(on, "on"));
    });
  });
}

int pactum_record_breach(pactum_db* db, const char* contract, const char* reason, const char* on, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      const std::string why = reason != nullptr ? text(reason, "reason") : std::string();
      return d.record_breach(contract_arg(d, contract), why, optional_date(on, "on"));
    });
  });
}

int pactum_record_fact(pactum_db* db, const char* contract, const char* type, const char* reason, const char* on,
                       char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] {
      const EventType t = parse_event_type(text_arg(type, "type"));
      const std::string why = reason != nullptr ? text(reason, "reason") : std::string();
      return d.record_fact(contract_arg(d, contract), t, why, optional_date(on, "on"));
    });
  });
}

int pactum_event_types(char** types_json) {
  return capi::guard([&] {
    require(types_json, "types_json");
    put(types_json, json::event_types_to_json(), "types_json");
  });
}

int pactum_record_event(pactum_db* db, const char* input_json, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] { return json::record_event_from_json(d, text_arg(input_json, "input_json")); });
  });
}

int pactum_advance_to(pactum_db* db, const char* date, char** event_json) {
  return with_db(db, [&](Database& d) {
    event_out(event_json, [&] { return d.advance_to(Date::parse(text_arg(date, "date"))); });
  });
}

int pactum_contract_events(pactum_db* db, const char* contract, char** events_json) {
  return with_db(db, [&](Database& d) {
    require(events_json, "events_json");
    put(events_json, json::events_to_json(d.events(contract_arg(d, contract))), "events_json");
  });
}

int pactum_events_after(pactum_db* db, int64_t after_seq, int limit, char** events_json) {
  return with_db(db, [&](Database& d) {
    require(events_json, "events_json");
    put(events_json, json::events_to_json(d.events_after(after_seq, limit)), "events_json");
  });
}

}  // extern "C"
