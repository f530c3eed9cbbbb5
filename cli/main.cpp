// pactum — the command-line tool over the Pactum library.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/version.hpp"

namespace pactum::cli {

namespace {

struct Command {
  const char* name;
  const char* help_key;
  int (*run)(Invocation&);
};

const Command kCommands[] = {
    {"demo", "cli.help_demo", &run_demo},
    {"init", "cli.help_init", &run_init},
    {"route", "cli.help_route", &run_route},
    {"classify", "cli.help_classify", &run_classify},
    {"number", "cli.help_number", &run_number},
    {"contract", "cli.help_contract", &run_contract},
    {"pay", "cli.help_pay", &run_pay},
    {"deliver", "cli.help_deliver", &run_deliver},
    {"record", "cli.help_record", &run_record},
    {"score", "cli.help_score", &run_score},
    {"report", "cli.help_report", &run_report},
    {"remind", "cli.help_remind", &run_remind},
    {"import", "cli.help_import", &run_import},
    {"export", "cli.help_export", &run_export},
};

void print_help(const Invocation& inv) {
  std::ostream& out = *inv.out;
  out << inv.text("cli.usage") << "\n\n" << inv.text("cli.commands") << "\n";
  for (const Command& c : kCommands) {
    std::string name = c.name;
    name.resize(12, ' ');
    out << "  " << name << inv.text(c.help_key) << "\n";
  }
  out << "\n" << inv.text("cli.global_options") << "\n";
}

int dispatch(Invocation& inv) {
  if (inv.args.empty()) {
    print_help(inv);
    return kExitUsage;
  }
  const std::string command = inv.args.front();
  for (const Command& c : kCommands) {
    if (command == c.name) {
      inv.args.erase(inv.args.begin());
      return c.run(inv);
    }
  }
  throw UsageError{inv.text("cli.unknown_command", {{"command", command}})};
}

}  // namespace

std::string Invocation::text(std::string_view key, const MessageArgs& message_args) const {
  return render_message(key, lang, message_args);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) raise(Errc::not_found, "cli.route_file_unreadable", {{"path", path}});
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) raise(Errc::not_found, "cli.route_file_unreadable", {{"path", path}});
  return text.str();
}

void print_findings(Invocation& inv, const std::vector<RoutingFinding>& findings, const std::string& format,
                    const char* clean_key) {
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
      out << inv.text(clean_key) << "\n";
    } else {
      out << inv.text("cli.route_summary", {{"errors", std::to_string(errors)},
                                            {"warnings", std::to_string(findings.size() - errors)}})
          << "\n";
    }
  }
}

Database open_existing_database(const Invocation& inv, std::string_view needs_db_key, std::string_view no_database_key) {
  if (!inv.db) throw UsageError{inv.text(needs_db_key)};
  if (*inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, std::string(no_database_key), {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name) {
  const std::string flag = "--" + name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag) {
      if (i + 1 >= args.size()) throw UsageError{render_message("cli.missing_value", Lang::en, {{"option", flag}})};
      std::string value = args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      return value;
    }
    if (args[i].rfind(flag + "=", 0) == 0) {
      std::string value = args[i].substr(flag.size() + 1);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      return value;
    }
  }
  return std::nullopt;
}

bool take_flag(std::vector<std::string>& args, const std::string& name) {
  const std::string flag = "--" + name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag) {
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

void refuse_unknown_options(const Invocation& inv, const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && (a[1] >= '0' && a[1] <= '9'))) {
      throw UsageError{inv.text("cli.unknown_option", {{"option", a}})};
    }
  }
}

int main_with(std::vector<std::string> args, std::ostream& out, std::ostream& err) {
  Invocation inv;
  inv.out = &out;
  inv.err = &err;
  try {
    if (auto lang = take_option(args, "lang")) inv.lang = parse_lang(*lang);
    inv.db = take_option(args, "db");
    if (take_flag(args, "version")) {
      out << "pactum " << pactum::version() << "\n";
      return kExitOk;
    }
    if (take_flag(args, "help") || (!args.empty() && args.front() == "help")) {
      print_help(inv);
      return kExitOk;
    }
    inv.args = std::move(args);
    return dispatch(inv);
  } catch (const UsageError& e) {
    err << "pactum: " << e.message << "\n" << inv.text("cli.see_help") << "\n";
    return kExitUsage;
  } catch (const Error& e) {
    err << "pactum: " << errc_name(e.code()) << " (" << static_cast<int>(e.code()) << "): " << e.message(inv.lang)
        << "\n";
    return kExitError;
  } catch (const std::exception& e) {
    err << "pactum: " << errc_name(Errc::internal) << " (" << static_cast<int>(Errc::internal) << "): " << e.what()
        << "\n";
    return kExitError;
  }
}

}  // namespace pactum::cli

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return pactum::cli::main_with(std::move(args), std::cout, std::cerr);
}
