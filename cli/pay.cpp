// `pactum pay`: records a payment received on a contract, or reverses one.
//   --db FILE pay CONTRACT AMOUNT --ref REF [--on DATE] [--source SOURCE]
//                 [--currency CODE] [--allow-overpayment] [--format text|json]
//   --db FILE pay --reverse REF [--on DATE] [--source SOURCE] [--format text|json]
// AMOUNT is a decimal in the contract's currency (--currency, when given,
// must be that currency). A payment is keyed by SOURCE (default finance) and
// REF: the same payment again changes nothing, another one under the same key
// is a conflict.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"

namespace pactum::cli {

namespace {

std::optional<Date> date_option(Invocation& inv, const char* name) {
  const auto text = take_option(inv.args, name);
  return text ? std::optional<Date>(Date::parse(*text)) : std::nullopt;
}

std::string percent(const Ratio& r) { return (r * Ratio(100)).round(2).to_string() + "%"; }

}  // namespace

int run_pay(Invocation& inv) {
  const auto reverse = take_option(inv.args, "reverse");
  const auto ref = take_option(inv.args, "ref");
  const std::optional<Date> on = date_option(inv, "on");
  const std::string source = take_option(inv.args, "source").value_or(std::string(kDefaultPaymentSource));
  const auto currency = take_option(inv.args, "currency");
  const bool overpay = take_flag(inv.args, "allow-overpayment");
  const std::string format = take_option(inv.args, "format").value_or("text");
  refuse_unknown_options(inv, inv.args);
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.pay_bad_format", {{"format", format}})};
  if (reverse) {
    if (ref || currency || overpay) throw UsageError{inv.text("cli.pay_usage")};
    if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
  } else {
    if (inv.args.size() < 2) throw UsageError{inv.text("cli.pay_usage")};
    if (inv.args.size() > 2) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[2]}})};
    if (!ref) throw UsageError{inv.text("cli.pay_needs_ref")};
  }
  Database db = open_existing_database(inv, "cli.pay_needs_db", "cli.pay_no_database");
  std::ostream& out = *inv.out;
  const std::int64_t before = db.last_event_seq();
  Event e;
  if (reverse) {
    e = db.reverse_payment(*reverse, on, source);
  } else {
    const Contract c = db.contract(contract_ref_from_text(db, inv.args[0]));
    const Currency contract_currency = c.amount.currency();
    if (currency && !(Currency::of(*currency) == contract_currency)) {
      raise(Errc::currency_mismatch, "cli.pay_currency",
            {{"currency", *currency}, {"contract", c.number}, {"contract_currency", std::string(contract_currency.code())}});
    }
    e = db.record_payment(c.id, Money::parse(inv.args[1], contract_currency), on, *ref, source, overpay);
  }
  if (format == "json") {
    out << json::to_json(e) << "\n";
    return kExitOk;
  }
  const Contract c = db.contract(*e.contract);
  const ExecutionSummary x = db.execution(c.id, std::max(e.effective, db.today()));
  const MessageArgs args = {{"contract", c.number},
                            {"ref", reverse ? *reverse : *ref},
                            {"source", source},
                            {"amount", e.amount ? e.amount->to_string() : std::string("-")},
                            {"currency", std::string(c.amount.currency().code())},
                            {"on", e.effective.to_string()},
                            {"seq", std::to_string(e.seq)}};
  out << inv.text(reverse ? "cli.pay_reversed" : "cli.pay_recorded", args);
  if (e.seq <= before) out << " " << inv.text("cli.pay_unchanged");
  out << "\n";
  out << "  "
      << inv.text("cli.pay_collected", {{"as_of", x.as_of.to_string()},
                                        {"collected", x.collected.to_string()},
                                        {"amount", x.amount.to_string()},
                                        {"currency", std::string(c.amount.currency().code())},
                                        {"rate", percent(x.collection_ratio)},
                                        {"overdue", std::to_string(x.overdue_installments)}})
      << "\n";
  return kExitOk;
}

}  // namespace pactum::cli
