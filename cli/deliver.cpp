// `pactum deliver`: records a delivery of a contract.
//   --db FILE deliver CONTRACT [--on DATE] [--refused] [--note TEXT]
//                     [--source SOURCE --key KEY] [--format text|json]
// An accepted delivery (the default) counts for the delivery and execution
// indicators; --refused records one refused for quality. With --key the
// delivery is idempotent under SOURCE (default pactum) and KEY.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"

namespace pactum::cli {

int run_deliver(Invocation& inv) {
  const auto on = take_option(inv.args, "on");
  const bool refused = take_flag(inv.args, "refused");
  const auto note = take_option(inv.args, "note");
  const auto source = take_option(inv.args, "source");
  const auto key = take_option(inv.args, "key");
  const std::string format = take_option(inv.args, "format").value_or("text");
  refuse_unknown_options(inv, inv.args);
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.deliver_bad_format", {{"format", format}})};
  if (inv.args.empty()) throw UsageError{inv.text("cli.deliver_usage")};
  if (inv.args.size() > 1) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[1]}})};
  EventOptions options;
  if (on) options.on = Date::parse(*on);
  options.source = source;
  options.key = key;
  Database db = open_existing_database(inv, "cli.deliver_needs_db", "cli.deliver_no_database");
  const std::int64_t before = db.last_event_seq();
  const Contract c = db.contract(contract_ref_from_text(db, inv.args[0]));
  const Event e = db.record_delivery(c.id, !refused, options, note);
  std::ostream& out = *inv.out;
  if (format == "json") {
    out << json::to_json(e) << "\n";
    return kExitOk;
  }
  MessageArgs args = {{"contract", c.number}, {"on", e.effective.to_string()}, {"seq", std::to_string(e.seq)}};
  std::string key_text = refused ? "cli.deliver_refused" : "cli.deliver_recorded";
  if (!refused && c.delivery_due) {
    const std::int64_t late = days_between(*c.delivery_due, e.effective);
    args.push_back({"due", c.delivery_due->to_string()});
    args.push_back({"days", std::to_string(late < 0 ? -late : late)});
    key_text = late < 0 ? "cli.deliver_early" : late == 0 ? "cli.deliver_on_time" : "cli.deliver_late";
  }
  out << inv.text(key_text, args);
  if (e.seq <= before) out << " " << inv.text("cli.deliver_unchanged");
  out << "\n";
  return kExitOk;
}

}  // namespace pactum::cli
