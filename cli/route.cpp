// `pactum route`: approval routing tables.
//   route check TABLE.json [--format text|json]   findings; exit 3 on errors
//   route default                                 the default table document
// With --db FILE:
//   route load TABLE.json [--allow-gaps] [--allow-overlaps] [--format text|json]
//   route show [ID [VERSION]]                     a stored table's document
//   route list [--format text|json]               every stored version
//   route submit CONTRACT --by EMPLOYEE [--comment TEXT] [--on DATE]
//   route approve|reject|send-back CONTRACT --by EMPLOYEE [--for EMPLOYEE] [--comment TEXT] [--on DATE]
//   route withdraw CONTRACT --by EMPLOYEE [--comment TEXT] [--on DATE]
//   route current CONTRACT | route history CONTRACT   the open step; every entry
//   route inbox EMPLOYEE [--on DATE]               pending approvals, delegations included
//   route delegate PERSON DELEGATE FROM TO         a delegation window
//   route direct-activation [refuse|allow] [--by NAME --reason TEXT] [--on DATE]
//                                                  the setting; with a value, its change (audited)
// Every route instance command takes --format text|json.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/approval/controls.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"

namespace pactum::cli {

namespace {

Database open_database(const Invocation& inv, bool create) {
  if (!inv.db) throw UsageError{inv.text("cli.route_needs_db")};
  if (!create && *inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, "cli.route_no_database", {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

int check(Invocation& inv, const std::string& format) {
  if (inv.args.size() != 1) throw UsageError{inv.text("cli.route_usage")};
  const std::vector<RoutingFinding> findings = check_routing(read_file(inv.args[0]));
  print_findings(inv, findings, format);
  return has_errors(findings) ? kExitFindings : kExitOk;
}

int load(Invocation& inv, const std::string& format, const RoutingLoadOptions& options) {
  if (inv.args.size() != 1) throw UsageError{inv.text("cli.route_usage")};
  const std::string document = read_file(inv.args[0]);
  // A table that would be refused creates no database file: try it on a
  // private in-memory database first when the file does not exist yet.
  if (inv.db && !std::filesystem::exists(*inv.db)) {
    OpenOptions scratch;
    scratch.lang = inv.lang;
    Database(":memory:", scratch).load_routing(document, options);
  }
  Database db = open_database(inv, true);
  const std::vector<RoutingFinding> findings = db.load_routing(document, options);
  const RoutingTable table = db.routing_table();
  if (format == "text") {
    *inv.out << inv.text("cli.route_loaded", {{"table", table.id()}, {"version", std::to_string(table.version())}})
             << "\n";
  }
  print_findings(inv, findings, format);
  return kExitOk;
}

int show(Invocation& inv) {
  if (inv.args.size() > 2) throw UsageError{inv.text("cli.route_usage")};
  std::optional<int> version;
  if (inv.args.size() == 2) {
    const std::string& text = inv.args[1];
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
      throw UsageError{inv.text("cli.route_bad_version", {{"version", text}})};
    }
    version = std::stoi(text);
  }
  Database db = open_database(inv, false);
  const RoutingTable table = inv.args.empty() ? db.routing_table() : db.routing_table(inv.args[0], version);
  *inv.out << table.to_json() << "\n";
  return kExitOk;
}

int list(Invocation& inv, const std::string& format) {
  if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
  Database db = open_database(inv, false);
  const std::vector<RoutingTableInfo> tables = db.routing_tables();
  if (format == "json") {
    *inv.out << routing_tables_json(tables) << "\n";
    return kExitOk;
  }
  for (const RoutingTableInfo& t : tables) {
    *inv.out << t.id << '\t' << t.version;
    if (t.current) *inv.out << '\t' << inv.text("cli.route_current");
    *inv.out << '\n';
  }
  return kExitOk;
}

// ---- Contracts through their routes -------------------------------------------------

struct ActionOptions {
  std::optional<std::string> by;
  std::optional<std::string> on;
  std::optional<std::string> comment;
  std::optional<std::string> for_whom;
};

bool is_instance_command(const std::string& sub) {
  for (const char* name : {"submit", "approve", "reject", "send-back", "withdraw", "current", "history", "inbox", "delegate"}) {
    if (sub == name) return true;
  }
  return false;
}

// Refuses the options `sub` does not take.
void check_options(const Invocation& inv, const std::string& sub, const ActionOptions& o) {
  const bool action = sub == "submit" || sub == "approve" || sub == "reject" || sub == "send-back" || sub == "withdraw";
  const bool decision = sub == "approve" || sub == "reject" || sub == "send-back";
  auto refuse = [&](const char* option) {
    throw UsageError{inv.text("cli.route_option_not_here", {{"option", option}, {"command", sub}})};
  };
  if (o.by && !action) refuse("--by");
  if (o.comment && !action) refuse("--comment");
  if (o.for_whom && !decision) refuse("--for");
  if (o.on && !action && sub != "inbox") refuse("--on");
  if (action && !o.by) throw UsageError{inv.text("cli.route_needs_by", {{"command", sub}})};
}

void expect_arguments(const Invocation& inv, std::size_t count) {
  if (inv.args.size() < count) throw UsageError{inv.text("cli.route_usage")};
  if (inv.args.size() > count) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[count]}})};
}

std::string actor_text(const Invocation& inv, const std::optional<std::string>& actor,
                       const std::optional<std::string>& principal) {
  if (!actor) return "-";
  if (!principal) return *actor;
  return inv.text("cli.route_for", {{"actor", *actor}, {"principal", *principal}});
}

// "step 2/3 (finance), waiting for: F1, F2" or "HT-... is active".
void print_state(const Invocation& inv, Database& db, const ContractRef& ref) {
  const Contract c = db.contract(ref);
  if (const auto step = db.current_step(ref)) {
    const ApprovalRouteInstance route = db.approval_route(ref);
    *inv.out << inv.text("cli.route_step", {{"step", std::to_string(step->number)},
                                            {"steps", std::to_string(route.steps.size())},
                                            {"approver", step->step.approver.name},
                                            {"approvers", joined(db.current_approvers(ref))}})
             << "\n";
    return;
  }
  *inv.out << inv.text("cli.route_status", {{"contract", c.number}, {"status", contract_status_name(c.status)}})
           << "\n";
}

int run_instance(Invocation& inv, const std::string& sub, bool json_format, const ActionOptions& o) {
  check_options(inv, sub, o);
  const std::optional<Date> on = o.on ? std::optional<Date>(Date::parse(*o.on)) : std::nullopt;
  const std::string comment = o.comment.value_or("");
  std::ostream& out = *inv.out;
  if (sub == "delegate") {
    expect_arguments(inv, 4);
    Database db = open_database(inv, false);
    const Delegation d = db.delegate(inv.args[0], inv.args[1], Date::parse(inv.args[2]), Date::parse(inv.args[3]));
    if (json_format) {
      out << delegation_json(d) << "\n";
    } else {
      out << inv.text("cli.route_delegated", {{"id", std::to_string(d.id)},
                                              {"delegate", d.delegate},
                                              {"person", d.person},
                                              {"from", d.from.to_string()},
                                              {"to", d.to.to_string()}})
          << "\n";
    }
    return kExitOk;
  }
  if (sub == "inbox") {
    expect_arguments(inv, 1);
    Database db = open_database(inv, false);
    const std::vector<InboxItem> items = db.inbox(inv.args[0], on);
    if (json_format) {
      out << inbox_json(items) << "\n";
      return kExitOk;
    }
    if (items.empty()) out << inv.text("cli.route_inbox_empty") << "\n";
    for (const InboxItem& i : items) {
      out << inv.text("cli.route_inbox_item", {{"contract", i.number},
                                               {"type", i.type},
                                               {"amount", i.amount.to_string()},
                                               {"currency", std::string(i.amount.currency().code())},
                                               {"step", std::to_string(i.step)},
                                               {"steps", std::to_string(i.steps)},
                                               {"approver", i.approver.name},
                                               {"opened", i.opened_on.to_string()}});
      if (i.on_behalf_of) out << "; " << inv.text("cli.route_for", {{"actor", inv.args[0]}, {"principal", *i.on_behalf_of}});
      if (i.due_on) out << "; " << inv.text("cli.route_inbox_due", {{"due", i.due_on->to_string()}});
      if (i.escalated) out << "; " << inv.text("cli.route_inbox_escalated");
      out << "\n";
    }
    return kExitOk;
  }
  expect_arguments(inv, 1);
  Database db = open_database(inv, false);
  const ContractRef ref = contract_ref_from_text(db, inv.args[0]);
  if (sub == "current") {
    const auto step = db.current_step(ref);
    if (json_format) {
      out << approval_step_json(step) << "\n";
    } else if (step) {
      print_state(inv, db, ref);
    } else {
      out << inv.text("cli.route_no_step", {{"contract", db.contract(ref).number}}) << "\n";
    }
    return kExitOk;
  }
  if (sub == "history") {
    const std::vector<ApprovalHistoryEntry> history = db.approval_history(ref);
    if (json_format) {
      out << approval_history_json(history, inv.lang) << "\n";
      return kExitOk;
    }
    if (history.empty()) out << inv.text("cli.route_no_history", {{"contract", db.contract(ref).number}}) << "\n";
    for (const ApprovalHistoryEntry& e : history) {
      out << e.on.to_string() << '\t' << e.round << '\t' << approval_action_name(e.action) << '\t'
          << (e.step ? std::to_string(*e.step) : std::string("-")) << '\t' << actor_text(inv, e.actor, e.on_behalf_of)
          << '\t' << e.comment << '\t' << e.reason(inv.lang) << "\n";
    }
    return kExitOk;
  }
  if (sub == "submit") {
    const ApprovalRouteInstance route = db.submit(ref, *o.by, on, comment);
    if (json_format) {
      out << route_instance_json(route) << "\n";
      return kExitOk;
    }
    out << inv.text("cli.route_submitted", {{"contract", route.number},
                                            {"round", std::to_string(route.round)},
                                            {"table", route.audit.table_id},
                                            {"version", std::to_string(route.audit.table_version)},
                                            {"rules", joined(route.audit.matched_rules)}})
        << "\n";
    print_state(inv, db, ref);
    return kExitOk;
  }
  ApprovalHistoryEntry entry;
  if (sub == "withdraw") {
    entry = db.withdraw(ref, *o.by, comment, on);
  } else if (sub == "approve") {
    entry = db.approve(ref, *o.by, comment, on, o.for_whom);
  } else if (sub == "reject") {
    entry = db.reject(ref, *o.by, comment, on, o.for_whom);
  } else {
    entry = db.send_back(ref, *o.by, comment, on, o.for_whom);
  }
  if (json_format) {
    out << approval_entry_json(entry, inv.lang) << "\n";
    return kExitOk;
  }
  out << inv.text("cli.route_acted", {{"contract", db.contract(ref).number},
                                      {"action", approval_action_name(entry.action)},
                                      {"actor", actor_text(inv, entry.actor, entry.on_behalf_of)}})
      << "\n";
  print_state(inv, db, ref);
  return kExitOk;
}

// `route direct-activation [refuse|allow] --by NAME --reason TEXT [--on DATE]`:
// the setting, or its change (an audited event).
int direct_activation(Invocation& inv, bool json_format, const ActionOptions& o, const std::optional<std::string>& reason) {
  if (o.comment || o.for_whom) {
    throw UsageError{inv.text("cli.route_option_not_here",
                              {{"option", o.comment ? "--comment" : "--for"}, {"command", "direct-activation"}})};
  }
  if (inv.args.size() > 1) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[1]}})};
  if (inv.args.empty() && (o.by || o.on || reason)) throw UsageError{inv.text("cli.route_setting_needs_value")};
  if (!inv.args.empty() && (!o.by || !reason)) throw UsageError{inv.text("cli.route_setting_needs_by")};
  Database db = open_database(inv, false);
  std::ostream& out = *inv.out;
  if (inv.args.empty()) {
    const char* value = direct_activation_name(db.direct_activation());
    if (json_format) {
      out << R"({"version":1,"setting":"direct_activation","value":")" << value << "\"}\n";
    } else {
      out << inv.text("cli.route_setting", {{"value", value}}) << "\n";
    }
    return kExitOk;
  }
  const DirectActivation value = parse_direct_activation(inv.args[0]);
  const DirectActivation before = db.direct_activation();
  const std::optional<Date> on = o.on ? std::optional<Date>(Date::parse(*o.on)) : std::nullopt;
  const Event e = db.set_direct_activation(value, *o.by, *reason, on);
  if (json_format) {
    out << json::to_json(e) << "\n";
  } else {
    out << inv.text("cli.route_setting_changed", {{"from", direct_activation_name(before)},
                                                  {"to", direct_activation_name(value)},
                                                  {"seq", std::to_string(e.seq)},
                                                  {"on", e.effective.to_string()},
                                                  {"by", *o.by}})
        << "\n";
  }
  return kExitOk;
}

}  // namespace

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    if (!out.empty()) out += ", ";
    out += id;
  }
  return out.empty() ? std::string("-") : out;
}

int run_route(Invocation& inv) {
  const std::string format = take_option(inv.args, "format").value_or("text");
  if (format != "text" && format != "json") {
    throw UsageError{inv.text("cli.route_bad_format", {{"format", format}})};
  }
  RoutingLoadOptions options;
  options.allow_gaps = take_flag(inv.args, "allow-gaps");
  options.allow_overlaps = take_flag(inv.args, "allow-overlaps");
  ActionOptions action;
  action.by = take_option(inv.args, "by");
  action.on = take_option(inv.args, "on");
  action.comment = take_option(inv.args, "comment");
  action.for_whom = take_option(inv.args, "for");
  const std::optional<std::string> reason = take_option(inv.args, "reason");
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) throw UsageError{inv.text("cli.route_usage")};
  const std::string sub = inv.args.front();
  inv.args.erase(inv.args.begin());
  if (sub == "direct-activation") {
    if (options.allow_gaps || options.allow_overlaps) {
      throw UsageError{inv.text("cli.unknown_option", {{"option", options.allow_gaps ? "--allow-gaps" : "--allow-overlaps"}})};
    }
    return direct_activation(inv, format == "json", action, reason);
  }
  if (reason) throw UsageError{inv.text("cli.route_option_not_here", {{"option", "--reason"}, {"command", sub}})};
  if (is_instance_command(sub)) {
    if (options.allow_gaps || options.allow_overlaps) {
      throw UsageError{inv.text("cli.unknown_option", {{"option", options.allow_gaps ? "--allow-gaps" : "--allow-overlaps"}})};
    }
    return run_instance(inv, sub, format == "json", action);
  }
  if (action.by || action.on || action.comment || action.for_whom) {
    const char* option = action.by ? "--by" : action.on ? "--on" : action.comment ? "--comment" : "--for";
    throw UsageError{inv.text("cli.route_option_not_here", {{"option", option}, {"command", sub}})};
  }
  if ((options.allow_gaps || options.allow_overlaps) && sub != "load") {
    throw UsageError{inv.text("cli.unknown_option", {{"option", options.allow_gaps ? "--allow-gaps" : "--allow-overlaps"}})};
  }
  if (sub == "check") return check(inv, format);
  if (sub == "load") return load(inv, format, options);
  if (sub == "show") return show(inv);
  if (sub == "list") return list(inv, format);
  if (sub == "default") {
    if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
    *inv.out << default_routing_table_json();
    return kExitOk;
  }
  throw UsageError{inv.text("cli.route_usage")};
}

}  // namespace pactum::cli
