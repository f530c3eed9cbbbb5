// `pactum route`: approval routing tables.
//   route check TABLE.json [--format text|json]   findings; exit 3 on errors
//   route default                                 the default table document
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "pactum/approval/routing.hpp"

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

int check(Invocation& inv, const std::string& format) {
  if (inv.args.size() != 1) throw UsageError{inv.text("cli.route_usage")};
  const std::vector<RoutingFinding> findings = check_routing(read_file(inv.args[0]));
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
  return has_errors(findings) ? kExitFindings : kExitOk;
}

}  // namespace

int run_route(Invocation& inv) {
  const std::string format = take_option(inv.args, "format").value_or("text");
  if (format != "text" && format != "json") {
    throw UsageError{inv.text("cli.route_bad_format", {{"format", format}})};
  }
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) throw UsageError{inv.text("cli.route_usage")};
  const std::string sub = inv.args.front();
  inv.args.erase(inv.args.begin());
  if (sub == "check") return check(inv, format);
  if (sub == "default") {
    if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
    *inv.out << default_routing_table_json();
    return kExitOk;
  }
  throw UsageError{inv.text("cli.route_usage")};
}

}  // namespace pactum::cli
