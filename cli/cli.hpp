// The `pactum` command-line tool: shared context of every command.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "pactum/core/error.hpp"
#include "pactum/store/database.hpp"

namespace pactum {
struct Scorecard;
struct BonusDecision;
struct RoutingFinding;
}

namespace pactum::cli {

// Exit statuses (documented in docs/cli.md).
enum Exit : int {
  kExitOk = 0,        // success
  kExitError = 1,     // the library refused or failed: message and code on stderr
  kExitUsage = 2,     // the command line is wrong
  kExitFindings = 3,  // the command ran and found problems (e.g. route check)
};

// The command line after the global options were taken out.
struct Invocation {
  Lang lang = Lang::en;
  std::optional<std::string> db;   // --db FILE
  std::vector<std::string> args;   // the command and its own arguments
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  // A catalog message in the invocation's language.
  std::string text(std::string_view key, const MessageArgs& args = {}) const;
};

// Thrown for a malformed command line; main prints it with the usage hint.
struct UsageError {
  std::string message;
};

// Takes "--name VALUE" (or "--name=VALUE") out of `args`; nullopt if absent.
std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name);
// Takes a flag "--name" out of `args`.
bool take_flag(std::vector<std::string>& args, const std::string& name);
// Refuses any "--option" left in `args`.
void refuse_unknown_options(const Invocation& inv, const std::vector<std::string>& args);
// The existing database of --db for a command: a UsageError
// (`needs_db_key`) without --db, a NotFoundError (`no_database_key`, naming
// the path) when no file is there; opened in the invocation's language.
Database open_existing_database(const Invocation& inv, std::string_view needs_db_key, std::string_view no_database_key);
// Employee ids joined with ", "; "-" for none.
std::string joined(const std::vector<std::string>& ids);

// The whole content of a file; an unreadable one is a NotFoundError.
std::string read_file(const std::string& path);
// Decision table findings as text (one line each and a summary) or JSON.
// The findings of a decision table; `clean_key` is the message when there are none.
void print_findings(Invocation& inv, const std::vector<RoutingFinding>& findings, const std::string& format,
                    const char* clean_key = "cli.route_clean");

// The whole tool: parses global options, runs a command, maps errors to exit codes.
int main_with(std::vector<std::string> args, std::ostream& out, std::ostream& err);

// The scorecard as `pactum score` prints it (with --explain: every detail).
// `detail_limit` caps the contracts listed per indicator and the hits listed
// per rule (caps are always listed); the rest is counted in one line. The
// points of every indicator and rule and the total are printed in full.
void print_scorecard(const Invocation& inv, const Scorecard& card, bool explain,
                     std::size_t detail_limit = static_cast<std::size_t>(-1));

// Why the payroll link adjusts a bonus as it does, in one line ("score 75.00
// is in a bonus band: -10% of the base", "insufficient data: ...").
std::string bonus_reason_text(const Invocation& inv, const BonusDecision& decision);

int run_demo(Invocation& inv);
int run_init(Invocation& inv);
int run_pay(Invocation& inv);
int run_deliver(Invocation& inv);
int run_record(Invocation& inv);
int run_route(Invocation& inv);
int run_classify(Invocation& inv);
int run_number(Invocation& inv);
int run_contract(Invocation& inv);
int run_score(Invocation& inv);
int run_report(Invocation& inv);
int run_remind(Invocation& inv);
int run_import(Invocation& inv);
int run_export(Invocation& inv);

}  // namespace pactum::cli
