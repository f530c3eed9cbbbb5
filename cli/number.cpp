// `pactum number`: numbering rules and numbers of a database (--db FILE).
//   number define RULE PATTERN [--mode gapless|fast]    defines a rule or a new version
//   number rules                                        every rule at its latest version
//   number preview RULE [--on DATE] [--field NAME=VALUE]...
//   number issue RULE [--on DATE] [--owner REF] [--field NAME=VALUE]...
//   number parse RULE NUMBER                            NAME=VALUE lines, then seq=N
//   number find PREFIX [--limit N] [--after NUMBER]     one number per line
//   number show NUMBER                                  the registry entry
//   number void NUMBER --reason TEXT [--on DATE]
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

[[noreturn]] void usage(const Invocation& inv) { throw UsageError{inv.text("cli.number_usage")}; }

// Exactly `count` positional arguments after the options were taken out.
void expect_arguments(const Invocation& inv, std::size_t count) {
  refuse_unknown_options(inv, inv.args);
  if (inv.args.size() < count) usage(inv);
  if (inv.args.size() > count) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[count]}})};
}

NumberFields take_fields(Invocation& inv) {
  NumberFields fields;
  while (auto field = take_option(inv.args, "field")) {
    const std::size_t eq = field->find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{inv.text("cli.number_bad_field", {{"field", *field}})};
    const std::string name = field->substr(0, eq);
    if (!fields.emplace(name, field->substr(eq + 1)).second) {
      throw UsageError{inv.text("cli.number_duplicate_field", {{"field", name}})};
    }
  }
  return fields;
}

std::optional<Date> take_date(Invocation& inv, const char* name) {
  if (auto text = take_option(inv.args, name)) return Date::parse(*text);
  return std::nullopt;
}

int take_limit(Invocation& inv) {
  const auto text = take_option(inv.args, "limit");
  if (!text) return 50;
  int value = 0;
  const bool digits = !text->empty() && text->size() <= 6 &&
                      text->find_first_not_of("0123456789") == std::string::npos;
  if (!digits) throw UsageError{inv.text("cli.number_bad_limit", {{"limit", *text}})};
  for (char c : *text) value = value * 10 + (c - '0');
  return value;
}

Database open_database(const Invocation& inv, bool create) {
  if (!inv.db) throw UsageError{inv.text("cli.number_needs_db")};
  if (!create && *inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, "cli.number_no_database", {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

}  // namespace

int run_number(Invocation& inv) {
  if (inv.args.empty()) usage(inv);
  const std::string sub = inv.args.front();
  inv.args.erase(inv.args.begin());
  std::ostream& out = *inv.out;

  if (sub == "define") {
    const std::string mode = take_option(inv.args, "mode").value_or("gapless");
    expect_arguments(inv, 2);
    Database db = open_database(inv, true);
    const int version = db.define_numbering(inv.args[0], inv.args[1], parse_numbering_mode(mode));
    out << inv.text("cli.number_defined", {{"rule", inv.args[0]}, {"version", std::to_string(version)}}) << "\n";
    return kExitOk;
  }
  if (sub == "rules") {
    expect_arguments(inv, 0);
    Database db = open_database(inv, false);
    for (const NumberingRuleInfo& r : db.numbering_rules()) {
      out << r.id << "\tv" << r.version << "\t" << numbering_mode_name(r.mode) << "\t" << r.pattern << "\n";
    }
    return kExitOk;
  }
  if (sub == "preview" || sub == "issue") {
    const NumberFields fields = take_fields(inv);
    const auto on = take_date(inv, "on");
    const auto owner = sub == "issue" ? take_option(inv.args, "owner") : std::nullopt;
    expect_arguments(inv, 1);
    Database db = open_database(inv, false);
    out << (sub == "issue" ? db.issue_number(inv.args[0], on, fields, owner)
                           : db.preview_number(inv.args[0], on, fields))
        << "\n";
    return kExitOk;
  }
  if (sub == "parse") {
    expect_arguments(inv, 2);
    Database db = open_database(inv, false);
    const ParsedNumber parsed = db.parse_number(inv.args[0], inv.args[1]);
    for (const auto& [name, value] : parsed.fields) out << name << "=" << value << "\n";
    out << "seq=" << parsed.seq << "\n";
    return kExitOk;
  }
  if (sub == "find") {
    const int limit = take_limit(inv);
    const auto after = take_option(inv.args, "after");
    expect_arguments(inv, 1);
    Database db = open_database(inv, false);
    for (const std::string& n : db.find_numbers(inv.args[0], limit, after)) out << n << "\n";
    return kExitOk;
  }
  if (sub == "show") {
    expect_arguments(inv, 1);
    Database db = open_database(inv, false);
    const IssuedNumber n = db.issued_number(inv.args[0]);
    out << "number=" << n.number << "\nrule=" << n.rule_id << "\nrule_version=" << n.rule_version << "\nseq=" << n.seq
        << "\nissued_on=" << n.issued_on.to_string() << "\nowner=" << n.owner.value_or("")
        << "\nvoided=" << (n.voided ? "true" : "false") << "\n";
    if (n.voided) out << "void_reason=" << n.void_reason << "\nvoided_on=" << n.voided_on->to_string() << "\n";
    return kExitOk;
  }
  if (sub == "void") {
    const auto reason = take_option(inv.args, "reason");
    const auto on = take_date(inv, "on");
    expect_arguments(inv, 1);
    if (!reason) throw UsageError{inv.text("cli.number_needs_reason")};
    Database db = open_database(inv, false);
    db.void_number(inv.args[0], *reason, on);
    out << inv.text("cli.number_voided", {{"number", inv.args[0]}}) << "\n";
    return kExitOk;
  }
  usage(inv);
}

}  // namespace pactum::cli
