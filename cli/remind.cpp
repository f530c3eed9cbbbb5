// `pactum remind`: the reminders due (--db FILE), or acknowledging some.
//   remind [--as-of DATE] [--format text|json|csv]
//   remind --ack ID [ID...] [--by NAME] [--on DATE]
// Listing shows every reminder whose trigger date is on or before the as-of
// date (default: the database clock), whose condition still holds and that
// was not acknowledged. Acknowledging is all or nothing: one bad id and none
// is acknowledged.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/report/table.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

Database open_existing(const Invocation& inv) {
  if (!inv.db) throw UsageError{inv.text("cli.report_needs_db", {{"command", "remind"}})};
  if (*inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, "cli.report_no_database", {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

}  // namespace

int run_remind(Invocation& inv) {
  const auto as_of_text = take_option(inv.args, "as-of");
  const auto format = take_option(inv.args, "format");
  const auto by = take_option(inv.args, "by");
  const auto on_text = take_option(inv.args, "on");
  std::vector<std::string> ids;
  while (auto id = take_option(inv.args, "ack")) ids.push_back(*id);
  refuse_unknown_options(inv, inv.args);
  if (ids.empty()) {
    if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[0]}})};
    if (by || on_text) throw UsageError{inv.text("cli.remind_usage")};
  } else {
    // --ack ID1 ID2 ...: the ids after the first are positional.
    for (const std::string& a : inv.args) ids.push_back(a);
    if (as_of_text || format) throw UsageError{inv.text("cli.remind_usage")};
  }
  const std::string shown = format.value_or("text");
  if (shown != "text" && shown != "json" && shown != "csv") {
    throw UsageError{inv.text("cli.report_bad_format", {{"format", shown}})};
  }
  const std::optional<Date> as_of = as_of_text ? std::optional<Date>(Date::parse(*as_of_text)) : std::nullopt;
  const std::optional<Date> on = on_text ? std::optional<Date>(Date::parse(*on_text)) : std::nullopt;
  Database db = open_existing(inv);
  std::ostream& out = *inv.out;
  if (!ids.empty()) {
    std::vector<Acknowledgement> done;
    {
      auto tx = db.transaction();
      for (const std::string& id : ids) done.push_back(db.acknowledge(id, by, on));
      tx.commit();
    }
    for (const Acknowledgement& a : done) {
      out << inv.text("cli.remind_acknowledged", {{"id", a.id}, {"on", a.on.to_string()}}) << "\n";
    }
    return kExitOk;
  }
  const Date day = as_of ? *as_of : db.today();
  const std::vector<Reminder> list = db.reminders(day);
  if (shown == "json") {
    out << reminders_to_json(list, day) << "\n";
  } else {
    const std::vector<ReportTable> tables = report_tables(list, day, inv.lang);
    out << (shown == "csv" ? to_csv(tables[0]) : to_text(tables));
  }
  return kExitOk;
}

}  // namespace pactum::cli
