// `pactum export`: every table of a database as JSON Lines, with a manifest.
//   --db FILE export DIRECTORY
// The database must exist; `pactum import export DIRECTORY` restores it.
#include <filesystem>

#include "cli.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

int run_export(Invocation& inv) {
  refuse_unknown_options(inv, inv.args);
  if (inv.args.size() != 1) throw UsageError{inv.text("cli.export_usage")};
  if (!inv.db) throw UsageError{inv.text("cli.export_needs_db")};
  if (*inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, "cli.export_no_database", {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  Database db(*inv.db, options);
  const ExportSummary s = db.export_to(inv.args[0]);
  std::int64_t rows = 0;
  for (const ExportTable& t : s.tables) rows += t.rows;
  *inv.out << inv.text("cli.export_done", {{"tables", std::to_string(s.tables.size())},
                                           {"rows", std::to_string(rows)},
                                           {"directory", inv.args[0]}})
           << "\n";
  return kExitOk;
}

}  // namespace pactum::cli
