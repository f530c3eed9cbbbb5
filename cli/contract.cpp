// `pactum contract`: the contracts of a database (--db FILE).
//   contract show CONTRACT [--as-of DATE] [--format text|json]
//   contract list [--owner ID] [--department CODE] [--status STATUS] [--type TYPE]
//                 [--counterparty NAME] [--prefix PREFIX] [--limit N] [--format text|json]
//   contract activate CONTRACT [--on DATE] [--by ACTOR] [--format text|json]
//   contract amend CONTRACT --reason TEXT --changes JSON [--by ACTOR] [--on DATE] [--format text|json]
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"

namespace pactum::cli {

namespace {

[[noreturn]] void usage(const Invocation& inv) { throw UsageError{inv.text("cli.contract_usage")}; }

void expect_arguments(const Invocation& inv, std::size_t count) {
  refuse_unknown_options(inv, inv.args);
  if (inv.args.size() < count) usage(inv);
  if (inv.args.size() > count) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[count]}})};
}

bool take_json_format(Invocation& inv) {
  const std::string format = take_option(inv.args, "format").value_or("text");
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.contract_bad_format", {{"format", format}})};
  return format == "json";
}

Database open_existing(const Invocation& inv) {
  if (!inv.db) throw UsageError{inv.text("cli.contract_needs_db")};
  if (!std::filesystem::exists(*inv.db)) raise(Errc::not_found, "cli.contract_no_database", {{"path", *inv.db}});
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

std::string or_dash(const std::optional<Date>& d) { return d ? d->to_string() : "-"; }

void show_text(const Invocation& inv, const Contract& c, const ExecutionSummary& x, const std::vector<Event>& log) {
  std::ostream& out = *inv.out;
  const std::string currency(c.amount.currency().code());
  out << inv.text("cli.contract_show_head", {{"number", c.number},
                                             {"id", std::to_string(c.id)},
                                             {"type", c.type},
                                             {"status", contract_status_name(c.status)}})
      << "\n";
  out << "  "
      << inv.text("cli.contract_show_parties", {{"owner", c.owner},
                                                {"department", c.department},
                                                {"counterparty", c.counterparty},
                                                {"key_account", c.key_account ? inv.text("cli.contract_key_account") : ""}})
      << "\n";
  out << "  "
      << inv.text("cli.contract_show_amount", {{"amount", c.amount.to_string()},
                                               {"currency", currency},
                                               {"reporting", c.reporting_amount.to_string()},
                                               {"reporting_currency", std::string(c.reporting_amount.currency().code())},
                                               {"rate", c.exchange_rate.to_string()}})
      << "\n";
  out << "  "
      << inv.text("cli.contract_show_dates", {{"signed", c.signed_on.to_string()},
                                              {"start", c.start.to_string()},
                                              {"end", or_dash(c.end)},
                                              {"delivery_due", or_dash(c.delivery_due)}})
      << "\n";
  if (c.external_id) out << "  " << inv.text("cli.contract_show_external_id", {{"external_id", *c.external_id}}) << "\n";
  if (c.renews) out << "  " << inv.text("cli.contract_show_renews", {{"id", std::to_string(*c.renews)}}) << "\n";
  if (c.renewed_by) out << "  " << inv.text("cli.contract_show_renewed_by", {{"id", std::to_string(*c.renewed_by)}}) << "\n";
  // The summary counts what the instalment lines say.
  std::int64_t overdue = 0;
  std::int64_t paid_late = 0;
  for (const InstallmentStatus& i : x.installments) {
    // Paid in full after its due date: paid late; still short after it:
    // overdue.
    const bool paid = i.paid == i.amount;
    const bool late = paid && i.paid_in_full_on && *i.paid_in_full_on > i.due;
    const bool short_now = !paid && i.due <= x.as_of;
    overdue += short_now ? 1 : 0;
    paid_late += late ? 1 : 0;
    const char* key = late        ? "cli.contract_show_installment_paid_late"
                      : short_now ? "cli.contract_show_installment_overdue"
                                  : "cli.contract_show_installment";
    out << "  "
        << inv.text(key, {{"position", std::to_string(i.position)},
                          {"amount", i.amount.to_string()},
                          {"currency", currency},
                          {"due", i.due.to_string()},
                          {"paid", i.paid.to_string()},
                          {"days", late ? std::to_string(days_between(i.due, *i.paid_in_full_on)) : std::string()}})
        << "\n";
  }
  for (const auto& [name, value] : c.attributes) {
    out << "  "
        << inv.text("cli.contract_show_attribute",
                    {{"name", name}, {"type", attribute_type_name(value.type())}, {"value", value.to_string()}})
        << "\n";
  }
  out << inv.text("cli.contract_show_execution", {{"as_of", x.as_of.to_string()},
                                                  {"collected", x.collected.to_string()},
                                                  {"outstanding", x.outstanding.to_string()},
                                                  {"currency", currency},
                                                  {"rate", x.collection_rate.to_string()},
                                                  {"overdue", std::to_string(overdue)},
                                                  {"late", std::to_string(paid_late)}})
      << "\n";
  if (x.delivery_due) {
    out << "  "
        << inv.text("cli.contract_show_delivery", {{"due", x.delivery_due->to_string()},
                                                   {"delivered", or_dash(x.delivered_on)},
                                                   {"late", std::to_string(x.delivery_late_days.value_or(0))}})
        << "\n";
  }
  out << inv.text("cli.contract_show_events") << "\n";
  for (const Event& e : log) {
    out << "  " << e.seq << "\t" << e.effective.to_string() << "\t" << event_type_name(e.type);
    if (e.amount) out << "\t" << e.amount->to_string();
    if (e.key) out << "\t" << e.source << ":" << *e.key;
    if (e.value) out << "\t" << *e.value;
    if (e.reason) out << "\t" << *e.reason;
    out << "\n";
  }
}

int take_limit(Invocation& inv) {
  const auto text = take_option(inv.args, "limit");
  if (!text) return 0;
  const bool digits = !text->empty() && text->size() <= 6 && text->find_first_not_of("0123456789") == std::string::npos;
  if (!digits) throw UsageError{inv.text("cli.contract_bad_limit", {{"limit", *text}})};
  int value = 0;
  for (char ch : *text) value = value * 10 + (ch - '0');
  return value;
}

}  // namespace

int run_contract(Invocation& inv) {
  if (inv.args.empty()) usage(inv);
  const std::string sub = inv.args.front();
  inv.args.erase(inv.args.begin());
  std::ostream& out = *inv.out;

  if (sub == "show") {
    const bool json_format = take_json_format(inv);
    const auto as_of = take_option(inv.args, "as-of");
    expect_arguments(inv, 1);
    Database db = open_existing(inv);
    const Contract c = db.contract(contract_ref_from_text(db, inv.args[0]));
    if (json_format) {
      out << json::to_json(c) << "\n";
      return kExitOk;
    }
    const std::optional<Date> day = as_of ? std::optional<Date>(Date::parse(*as_of)) : std::nullopt;
    show_text(inv, c, db.execution(c.id, day), db.events(c.id));
    return kExitOk;
  }
  if (sub == "reassign") {
    const bool json_format = take_json_format(inv);
    const auto to = take_option(inv.args, "to");
    const auto reason = take_option(inv.args, "reason");
    const auto on = take_option(inv.args, "on");
    expect_arguments(inv, 1);
    if (!to || !reason) usage(inv);
    Database db = open_existing(inv);
    const Event e = db.reassign(contract_ref_from_text(db, inv.args[0]), *to, *reason,
                                on ? std::optional<Date>(Date::parse(*on)) : std::nullopt);
    if (json_format) {
      out << json::to_json(e) << "\n";
      return kExitOk;
    }
    const auto r = reassignment_of(e);
    out << inv.text("cli.contract_reassigned", {{"contract", inv.args[0]},
                                               {"from", r ? r->from : std::string("-")},
                                               {"to", r ? r->to : std::string("-")},
                                               {"on", e.effective.to_string()},
                                               {"seq", std::to_string(e.seq)}})
        << "\n";
    return kExitOk;
  }
  if (sub == "list") {
    const bool json_format = take_json_format(inv);
    ContractFilter f;
    f.owner = take_option(inv.args, "owner");
    f.department = take_option(inv.args, "department");
    if (auto status = take_option(inv.args, "status")) f.status = parse_contract_status(*status);
    f.type = take_option(inv.args, "type");
    f.counterparty = take_option(inv.args, "counterparty");
    f.number_prefix = take_option(inv.args, "prefix");
    f.limit = take_limit(inv);
    expect_arguments(inv, 0);
    Database db = open_existing(inv);
    const std::vector<Contract> found = db.find_contracts(f);
    if (json_format) {
      out << json::contracts_to_json(found) << "\n";
      return kExitOk;
    }
    out << inv.text("cli.contract_list_header") << "\n";
    for (const Contract& c : found) {
      out << c.number << "\t" << contract_status_name(c.status) << "\t" << c.type << "\t" << c.owner << "\t"
          << c.department << "\t" << c.amount.to_string() << "\t" << c.amount.currency().code() << "\t"
          << c.signed_on.to_string() << "\t" << c.counterparty << "\n";
    }
    return kExitOk;
  }
  if (sub == "activate" || sub == "amend") {
    const bool json_format = take_json_format(inv);
    const auto on = take_option(inv.args, "on");
    const auto by = take_option(inv.args, "by");
    const auto reason = sub == "amend" ? take_option(inv.args, "reason") : std::nullopt;
    const auto changes = sub == "amend" ? take_option(inv.args, "changes") : std::nullopt;
    expect_arguments(inv, 1);
    if (sub == "amend" && (!reason || !changes)) usage(inv);
    Database db = open_existing(inv);
    const ContractRef ref = contract_ref_from_text(db, inv.args[0]);
    const std::optional<Date> day = on ? std::optional<Date>(Date::parse(*on)) : std::nullopt;
    Event e;
    if (sub == "activate") {
      e = db.activate(ref, day, by);
    } else {
      const Amendment a = json::amendment_from_json(*changes, db.contract(ref).amount.currency());
      e = db.amend(ref, *reason, a, day, by);
    }
    if (json_format) {
      out << json::to_json(e) << "\n";
      return kExitOk;
    }
    const Contract c = db.contract(ref);
    if (e.type == EventType::submitted) {
      // The change re-entered the approval route: the terms stay until it is approved.
      const ApprovalRouteInstance route = db.approval_route(ref);
      out << inv.text("cli.contract_amendment_round", {{"contract", c.number},
                                                       {"round", std::to_string(route.round)},
                                                       {"steps", std::to_string(route.steps.size())},
                                                       {"approvers", joined(db.current_approvers(ref))}})
          << "\n";
      return kExitOk;
    }
    out << inv.text("cli.contract_recorded", {{"contract", c.number},
                                              {"event", event_type_name(e.type)},
                                              {"seq", std::to_string(e.seq)},
                                              {"on", e.effective.to_string()},
                                              {"status", contract_status_name(c.status)}})
        << "\n";
    return kExitOk;
  }
  usage(inv);
}

}  // namespace pactum::cli
