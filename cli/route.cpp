// `pactum route`: approval routing tables.
//   route check TABLE.json [--format text|json]   findings; exit 3 on errors
//   route default                                 the default table document
// With --db FILE:
//   route load TABLE.json [--allow-gaps] [--allow-overlaps] [--format text|json]
//   route show [ID [VERSION]]                     a stored table's document
//   route list [--format text|json]               every stored version
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) raise(Errc::not_found, "cli.route_file_unreadable", {{"path", path}});
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) raise(Errc::not_found, "cli.route_file_unreadable", {{"path", path}});
  return text.str();
}

Database open_database(const Invocation& inv, bool create) {
  if (!inv.db) throw UsageError{inv.text("cli.route_needs_db")};
  if (!create && *inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, "cli.route_no_database", {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

void print_findings(Invocation& inv, const std::vector<RoutingFinding>& findings, const std::string& format) {
  std::ostream& out = *inv.out;
  if (format == "json") {
    out << routing_findings_json(findings, inv.lang) << "\n";
  } else {
    std::size_t errors = 0;
    for (const RoutingFinding& f : findings) {
      const bool error = f.severity == FindingSeverity::error;
      errors += error ? 1 : 0;
      out << inv.text(error ? "cli.route_error" : "cli.route_warning") << ": " << f.message(inv.lang) << "\n";
    }
    if (findings.empty()) {
      out << inv.text("cli.route_clean") << "\n";
    } else {
      out << inv.text("cli.route_summary", {{"errors", std::to_string(errors)},
                                            {"warnings", std::to_string(findings.size() - errors)}})
          << "\n";
    }
  }
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

}  // namespace

int run_route(Invocation& inv) {
  const std::string format = take_option(inv.args, "format").value_or("text");
  if (format != "text" && format != "json") {
    throw UsageError{inv.text("cli.route_bad_format", {{"format", format}})};
  }
  RoutingLoadOptions options;
  options.allow_gaps = take_flag(inv.args, "allow-gaps");
  options.allow_overlaps = take_flag(inv.args, "allow-overlaps");
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) throw UsageError{inv.text("cli.route_usage")};
  const std::string sub = inv.args.front();
  inv.args.erase(inv.args.begin());
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
