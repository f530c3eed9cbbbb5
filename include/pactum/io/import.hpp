// Bulk import from CSV and JSON Lines, and the export of a whole database as
// JSON Lines (docs/import.md).
//
// Import: one file of one kind (payments, contracts, ...) in one transaction
// (a savepoint inside the caller's open transaction). By default a bad row
// rolls the whole file back and the error names its line, column and reason;
// in skip mode the good rows are committed and the bad ones reported.
// Importing the same file again changes nothing: payments and reversals are
// keyed by source + ref, everything else by its natural key.
//
// Export: every table as JSON Lines in primary-key order plus a manifest;
// importing an export into an empty database restores the same content, and
// exporting that again gives byte-identical files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/error.hpp"

namespace pactum {

// What a file holds. Names: "departments", "employees", "contracts",
// "payments", "reversals", "deliveries", "satisfaction".
enum class ImportKind : unsigned char { departments, employees, contracts, payments, reversals, deliveries, satisfaction };
const char* import_kind_name(ImportKind kind) noexcept;
// The inverse; an unknown name is a ValidationError listing the kinds.
ImportKind parse_import_kind(std::string_view name);
// Every kind, in the order above.
std::vector<ImportKind> import_kinds();

enum class ImportMode : unsigned char {
  all_or_nothing,  // "all": a bad row rolls the whole file back
  skip,            // "skip": good rows are committed, bad rows reported
};
const char* import_mode_name(ImportMode mode) noexcept;  // "all", "skip"
ImportMode parse_import_mode(std::string_view name);

enum class ImportFormat : unsigned char {
  automatic,  // by the file name: .csv, or .jsonl / .ndjson
  csv,
  jsonl,
};
const char* import_format_name(ImportFormat format) noexcept;  // "auto", "csv", "jsonl"
ImportFormat parse_import_format(std::string_view name);

// Called every kImportProgressInterval rows and once after the last row,
// before the commit, with the rows read so far and the rows in the file.
// Returning false cancels the import: everything rolls back and the call
// fails with Errc::cancelled. An exception thrown by the callback also rolls
// everything back and propagates unchanged. The callback must not write
// through the same handle.
using ImportProgress = std::function<bool(std::int64_t rows_done, std::int64_t rows_total)>;
inline constexpr std::int64_t kImportProgressInterval = 1000;
// The default limit of an import's input: 4 GiB (about 50 million payments).
inline constexpr std::int64_t kMaxImportBytes = std::int64_t{4} << 30;

struct ImportOptions {
  ImportMode mode = ImportMode::all_or_nothing;
  ImportFormat format = ImportFormat::automatic;
  ImportProgress progress;
  // When given, the report is also written there: CSV (line, column, code,
  // message per bad row) when the name ends in .csv, else the JSON document
  // of json::to_json(ImportReport). Written when the import commits and when
  // it is refused after its arguments were checked (a bad row, the header, an
  // unreadable or too large file, a storage failure, a cancellation), with
  // committed false. It may not be the database, its -wal/-shm files or the
  // input (ValidationError, nothing written).
  std::optional<std::string> report_path;
  // The largest input accepted, in bytes (kMaxImportBytes by default); a
  // longer file, or one that grows past it while read, is refused
  // (io.input_too_large) before anything is written. The input must be a
  // regular file: a device (/dev/zero) or a pipe is refused (it is read twice).
  std::int64_t max_bytes = kMaxImportBytes;
};

// A refused row.
struct ImportRowError {
  std::int64_t line = 0;  // the physical line where the record starts
  std::string column;     // the column at fault, or empty for the whole row
  Errc code = Errc::invalid_argument;
  std::string key;      // the catalog key of the reason
  std::string message;  // the reason, in the handle's language

  friend bool operator==(const ImportRowError&, const ImportRowError&) = default;
};

struct ImportReport {
  ImportKind kind = ImportKind::payments;
  ImportMode mode = ImportMode::all_or_nothing;
  ImportFormat format = ImportFormat::csv;  // as read (never automatic)
  std::int64_t rows = 0;       // data records in the file
  std::int64_t applied = 0;    // rows that changed the database
  std::int64_t unchanged = 0;  // rows already recorded with the same content
  std::int64_t skipped = 0;    // bad rows (skip mode), none committed
  bool committed = false;      // false when a bad row refused the whole file
  std::vector<ImportRowError> errors;  // in line order
};

// What an export wrote, or an import of an export restored.
struct ExportTable {
  std::string name;  // the table; its file is NAME.jsonl
  std::int64_t rows = 0;

  friend bool operator==(const ExportTable&, const ExportTable&) = default;
};
struct ExportSummary {
  std::string directory;
  int schema_version = 0;
  std::string reporting_currency;
  std::optional<std::string> clock;  // the database clock, if set
  std::vector<ExportTable> tables;   // by name
};

namespace json {
// {"version":1,"kind":"payments","mode":"all","format":"csv","rows":10000,
//  "applied":9999,"unchanged":0,"skipped":1,"committed":true,
//  "errors":[{"line":5001,"column":"amount","code":-1,"error":"PACTUM_EINVALID",
//             "key":"core.bad_amount","message":"..."}]}
std::string to_json(const ImportReport& report);
// {"version":1,"directory":"...","schema_version":5,"reporting_currency":"CNY",
//  "clock":null,"tables":[{"name":"contracts","rows":2},...]}
std::string to_json(const ExportSummary& summary);
// {"version":1,"mode":"all"|"skip","format":"auto"|"csv"|"jsonl","report":"PATH",
//  "max_bytes":N}; every member optional. The progress callback is not part of it.
ImportOptions import_options_from_json(std::string_view text);
}  // namespace json

}  // namespace pactum
