// `pactum record`: records one fact from an event document (docs/events.md).
//   --db FILE record DOCUMENT [--format text|json]
// DOCUMENT is the JSON object of json::record_event_from_json, or "-" to read
// it from standard input: a payment, a reversal, a delivery, a satisfaction
// score, or any fact with a reason the event registry knows (dispute,
// breach, ...). With a "key" (a payment's "ref") the same fact again changes
// nothing.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"

namespace pactum::cli {

namespace {

// An event document is small; more than this from standard input is refused.
constexpr std::size_t kMaxDocumentBytes = 1 << 20;

std::string read_document(const std::string& arg) {
  if (arg != "-") return arg;
  std::string text;
  char buffer[4096];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > kMaxDocumentBytes) {
      raise(Errc::invalid_argument, "cli.record_too_large", {{"max", std::to_string(kMaxDocumentBytes)}});
    }
  }
  return text;
}

}  // namespace

int run_record(Invocation& inv) {
  const std::string format = take_option(inv.args, "format").value_or("text");
  refuse_unknown_options(inv, inv.args);
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.record_bad_format", {{"format", format}})};
  if (inv.args.empty()) throw UsageError{inv.text("cli.record_usage")};
  if (inv.args.size() > 1) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[1]}})};
  const std::string document = read_document(inv.args[0]);
  Database db = open_existing_database(inv, "cli.record_needs_db", "cli.record_no_database");
  const std::int64_t before = db.last_event_seq();
  const Event e = json::record_event_from_json(db, document);
  std::ostream& out = *inv.out;
  if (format == "json") {
    out << json::to_json(e) << "\n";
    return kExitOk;
  }
  const std::string contract = e.contract ? db.contract(*e.contract).number : std::string("-");
  out << inv.text("cli.record_recorded", {{"type", event_type_name(e.type)},
                                          {"contract", contract},
                                          {"on", e.effective.to_string()},
                                          {"seq", std::to_string(e.seq)}});
  if (e.seq <= before) out << " " << inv.text("cli.record_unchanged");
  out << "\n";
  return kExitOk;
}

}  // namespace pactum::cli
