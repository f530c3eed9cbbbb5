// `pactum classify`: how the employee report classifies people
// (docs/reports.md "Classification").
//   classify default                                 the default table
//   classify check TABLE.json [--format text|json]   findings; exit 3 on errors
// With --db FILE:
//   classify load TABLE.json [--allow-gaps] [--allow-overlaps] [--format text|json]
//   classify show                                    the current table's document
//   classify list [--format text|json]               every stored version
//   classify group POSITION [GROUP | --own]          a position's group; set it, or
//                                                    compare the position with itself again
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/report/classification.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

[[noreturn]] void usage(const Invocation& inv) { throw UsageError{inv.text("cli.classify_usage")}; }

}  // namespace

int run_classify(Invocation& inv) {
  const std::string format = take_option(inv.args, "format").value_or("text");
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.score_bad_format", {{"format", format}})};
  RoutingLoadOptions options;
  options.allow_gaps = take_flag(inv.args, "allow-gaps");
  options.allow_overlaps = take_flag(inv.args, "allow-overlaps");
  const bool own = take_flag(inv.args, "own");
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) usage(inv);
  const std::string sub = inv.args.front();
  inv.args.erase(inv.args.begin());
  std::ostream& out = *inv.out;
  if (sub == "default") {
    if (!inv.args.empty()) usage(inv);
    out << default_classification_json() << "\n";
    return kExitOk;
  }
  if (sub == "check") {
    if (inv.args.size() != 1) usage(inv);
    const std::vector<RoutingFinding> findings = ClassificationTable::parse(read_file(inv.args[0])).check();
    print_findings(inv, findings, format, "cli.classify_clean");
    return has_errors(findings) ? kExitFindings : kExitOk;
  }
  if (sub == "load") {
    if (inv.args.size() != 1) usage(inv);
    const std::string document = read_file(inv.args[0]);
    Database db = open_existing_database(inv, "cli.classify_needs_db", "cli.route_no_database");
    const std::vector<RoutingFinding> findings = db.load_classification(document, options);
    const ClassificationTable table = db.classification_table();
    if (format == "text") {
      out << inv.text("cli.classify_loaded", {{"table", table.id()}, {"version", std::to_string(table.version())}}) << "\n";
    }
    print_findings(inv, findings, format, "cli.classify_clean");
    return kExitOk;
  }
  if (sub == "show") {
    if (!inv.args.empty()) usage(inv);
    out << open_existing_database(inv, "cli.classify_needs_db", "cli.route_no_database").classification_table().to_json() << "\n";
    return kExitOk;
  }
  if (sub == "list") {
    if (!inv.args.empty()) usage(inv);
    const std::vector<RoutingTableInfo> tables = open_existing_database(inv, "cli.classify_needs_db", "cli.route_no_database").classification_tables();
    if (format == "json") {
      out << classification_tables_json(tables) << "\n";
      return kExitOk;
    }
    for (const RoutingTableInfo& t : tables) {
      out << t.id << '\t' << t.version;
      if (t.current) out << '\t' << inv.text("cli.route_current");
      out << '\n';
    }
    return kExitOk;
  }
  if (sub == "group") {
    if (inv.args.empty() || inv.args.size() > 2 || (own && inv.args.size() != 1)) usage(inv);
    Database db = open_existing_database(inv, "cli.classify_needs_db", "cli.route_no_database");
    const std::string& position = inv.args[0];
    if (inv.args.size() == 2 || own) {
      db.set_position_group(position, own ? std::nullopt : std::optional<std::string>(inv.args[1]));
    }
    out << inv.text("cli.classify_group", {{"position", position}, {"group", db.position_group(position)}}) << "\n";
    return kExitOk;
  }
  usage(inv);
}

}  // namespace pactum::cli
