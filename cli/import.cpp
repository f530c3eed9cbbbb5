// `pactum import`: bulk import of one file, or the restoration of an export.
//   --db FILE import KIND FILE [--skip] [--report FILE] [--file-format csv|jsonl] [--format text|json]
//   --db FILE import export DIRECTORY
// The database is created when it does not exist. On a terminal a progress
// bar is drawn on stderr; piped, nothing but the result is printed.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

[[noreturn]] void usage(const Invocation& inv) { throw UsageError{inv.text("cli.import_usage")}; }

Database open_database(const Invocation& inv) {
  if (!inv.db) throw UsageError{inv.text("cli.import_needs_db")};
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

// The bar: "\r[########            ]  40%  4000/10000 rows".
void draw_progress(std::ostream& err, std::int64_t done, std::int64_t total) {
  constexpr std::int64_t kWidth = 30;
  const std::int64_t filled = total > 0 ? done * kWidth / total : kWidth;
  const std::int64_t percent = total > 0 ? done * 100 / total : 100;
  std::string bar = "\r[";
  bar.append(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), ' ');
  bar += "] ";
  std::string pct = std::to_string(percent);
  bar.append(pct.size() < 3 ? 3 - pct.size() : 0, ' ');
  bar += pct + "%  " + std::to_string(done) + "/" + std::to_string(total);
  err << bar << std::flush;
}

int restore(Invocation& inv) {
  if (inv.args.size() != 2) usage(inv);
  Database db = open_database(inv);
  const ExportSummary s = db.import_export(inv.args[1]);
  std::int64_t rows = 0;
  for (const ExportTable& t : s.tables) rows += t.rows;
  *inv.out << inv.text("cli.import_restored", {{"tables", std::to_string(s.tables.size())},
                                               {"rows", std::to_string(rows)},
                                               {"directory", inv.args[1]}})
           << "\n";
  return kExitOk;
}

}  // namespace

int run_import(Invocation& inv) {
  const bool skip = take_flag(inv.args, "skip");
  const auto report = take_option(inv.args, "report");
  const auto file_format = take_option(inv.args, "file-format");
  const std::string format = take_option(inv.args, "format").value_or("text");
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.import_bad_format", {{"format", format}})};
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) usage(inv);
  if (inv.args[0] == "export") {
    if (skip || report || file_format) usage(inv);
    return restore(inv);
  }
  if (inv.args.size() != 2) usage(inv);
  const ImportKind kind = parse_import_kind(inv.args[0]);
  ImportOptions options;
  options.mode = skip ? ImportMode::skip : ImportMode::all_or_nothing;
  options.report_path = report;
  if (file_format) {
    if (*file_format != "csv" && *file_format != "jsonl") {
      throw UsageError{inv.text("cli.import_bad_file_format", {{"format", *file_format}})};
    }
    options.format = parse_import_format(*file_format);
  }
  const bool bar = inv.err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
  bool drawn = false;
  if (bar) {
    options.progress = [&](std::int64_t done, std::int64_t total) {
      draw_progress(*inv.err, done, total);
      drawn = true;
      return true;
    };
  }
  Database db = open_database(inv);
  ImportReport r;
  try {
    r = db.import_file(kind, inv.args[1], options);
  } catch (...) {
    if (drawn) *inv.err << "\n";
    throw;
  }
  if (drawn) *inv.err << "\n";
  if (format == "json") {
    *inv.out << json::to_json(r) << "\n";
  } else {
    *inv.out << inv.text("cli.import_summary", {{"kind", import_kind_name(r.kind)},
                                                {"rows", std::to_string(r.rows)},
                                                {"applied", std::to_string(r.applied)},
                                                {"unchanged", std::to_string(r.unchanged)},
                                                {"skipped", std::to_string(r.skipped)}})
             << "\n";
    for (const ImportRowError& e : r.errors) {
      const MessageArgs args = {{"line", std::to_string(e.line)}, {"column", e.column}, {"reason", e.message}};
      *inv.out << "  " << inv.text(e.column.empty() ? "io.bad_line" : "io.bad_row", args) << "\n";
    }
  }
  return r.skipped > 0 ? kExitFindings : kExitOk;
}

}  // namespace pactum::cli
