// Internal: the export format and its rules, without a database: the kinds
// of columns and how each is written, the manifest (its text, its reading,
// the seals binding every file to it), the export directory on disk (read
// without following links, replaced as a whole), and the checks a restore
// makes over the facts the store gives it. src/store/export.cpp reads and
// writes the tables. docs/storage.md, "Export and restore", describes the
// format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "files.hpp"
#include "pactum/io/import.hpp"
#include "records.hpp"

namespace pactum::io {

inline constexpr std::string_view kManifestFile = "manifest.json";
inline constexpr std::string_view kExportFormat = "pactum-export";
// Version 2 binds every file to the manifest by size and SHA-256; version 1
// manifests (no checksums) are still restored.
inline constexpr int kManifestVersion = 2;
// A manifest is small: one line per table.
inline constexpr std::size_t kMaxManifestBytes = std::size_t{1} << 20;
// A restored row may hold a whole document (a routing table, a template).
inline constexpr std::size_t kMaxRestoredRow = std::size_t{64} << 20;

// ---- Tables and columns -----------------------------------------------------------------

enum class ColumnKind : unsigned char {
  integer,     // a JSON number
  text,        // a JSON string (JSON documents stored as text stay strings)
  date,        // a JSON string "YYYY-MM-DD", or "" where the schema uses it (valid_from: since always)
  money,       // 10^-4 units, written as a decimal string: "1000.00", "0.125"
  boolean,     // 0/1, written as false/true
  event_type,  // an event type code, written as its name ("payment_received")
  bytes,       // stored bytes, written as a base64 string
};

// "integer", "amount", ... (in messages).
const char* column_kind_name(ColumnKind kind) noexcept;

struct ExportColumn {
  std::string_view name;
  ColumnKind kind;
};

struct ExportTableSpec {
  std::string_view name;
  std::vector<ExportColumn> columns;  // the JSON key order of each row
};

// ---- Canonical JSON ---------------------------------------------------------------------

// `text` as a JSON string (control characters escaped, UTF-8 as is).
void append_json_string(std::string& out, std::string_view text);
// 10^-4 units as a decimal string with two to four decimals.
std::string units_text(std::int64_t units);

// ---- The manifest -----------------------------------------------------------------------

// The size and SHA-256 of a table's file, as written.
struct FileSeal {
  std::int64_t bytes = 0;
  std::string sha256;
};

// An export's manifest with what it says of each table's file.
struct Manifest {
  ExportSummary summary;
  int version = 0;
  std::vector<FileSeal> seals;  // version 2: one per table, in manifest order
};

// The manifest of `summary` with one seal per table (same order).
std::string manifest_text(const ExportSummary& summary, const std::vector<FileSeal>& seals);
// The manifest at `path` in `directory`, from its text, checked; messages
// name members, never quote the file.
Manifest parse_manifest(const std::string& text, const std::string& path, const std::string& directory);

// ---- The export directory on disk -------------------------------------------------------

// Opens `name` in the export directory `dir` without following a symbolic
// link: a missing file is a NotFoundError; a link, a directory or a device is
// refused, never read.
files::Fd open_export_file(int dir, const std::string& name, const std::string& directory);
// Reads the manifest of the open export directory `dir`.
Manifest read_manifest(int dir, const std::string& directory);
// Checks a version-2 file against its seal (size, then SHA-256), reading it
// with pread: the descriptor's offset does not move.
void check_seal(int fd, const FileSeal& seal, const std::string& file, const std::string& shown);
// The bytes of an open file, for the record readers.
std::unique_ptr<ByteSource> fd_source(int fd, std::string shown);

// Where an export goes: the directory's parent and its own name ("out/" is
// "out"). The path is checked first: UTF-8, not empty, none of
// `protected_files`.
struct ExportTarget {
  std::string parent;
  std::string name;
  std::string path;
};
ExportTarget export_target(const std::string& directory, const std::vector<std::string>& protected_files);

// Whether an existing export directory may be replaced: empty, or only
// regular files named manifest.json and TABLE.jsonl with a Pactum manifest.
// Anything else (a link, another file, a sub-directory) is refused: an
// export never deletes what it did not write.
void check_replaceable(const std::string& directory);

// Puts the finished directory `temporary` (in `parent`) in place of `name`:
// atomically when an older export is there (exchanged, then removed).
void publish(int parent, const std::string& parent_path, const std::string& temporary, const std::string& name,
             const std::string& shown);

// ---- Restore ------------------------------------------------------------------------------

// The directory to restore from, before anything is read: UTF-8, not empty,
// and no transaction open on the handle (`transaction_open`).
void check_restore_arguments(const std::string& directory, bool transaction_open);
// Opens the export directory (io.no_directory when it is not one).
files::Fd open_export_directory(const std::string& directory);
// An export of schema `found` restores into schema `supported` only.
void check_restored_schema(int found, int supported);
// Every table file of the manifest, opened and (version 2, unless
// `check_seals` is false: the caller checks them) checked against its seal,
// by file name. A table listed twice or with a name that is not a plain file
// name is refused.
std::map<std::string, files::Fd> open_table_files(int dir, const Manifest& manifest, const std::string& directory,
                                                  bool check_seals = true);
// The manifest lists exactly the tables `expected` (of this schema).
void check_listed_tables(const ExportSummary& summary, const std::set<std::string>& expected);

// Bytes of a restored row (a column of kind `bytes`).
struct RestoredBytes {
  std::string bytes;
  friend bool operator==(const RestoredBytes&, const RestoredBytes&) = default;
};
// A value of a restored row: null, an integer, text or bytes.
using RestoredValue = std::variant<std::monostate, std::int64_t, std::string, RestoredBytes>;
// `bytes` in base64 (RFC 4648, with padding), and back: nullopt for anything
// but well-formed base64.
std::string base64_of(std::string_view bytes);
std::optional<std::string> bytes_of_base64(std::string_view text);
// The members of a restored row: each a column of `spec`.
void check_restored_members(const Record& record, const ExportTableSpec& spec);
// The value of `f` for `column`, checked by its kind; a refusal names the
// column and the kind, never the value (the file stays out of messages).
RestoredValue restored_value(const ExportColumn& column, const Field& f);

// A row of `file` at `line` refused for `reason` (io.restore_bad_line, with
// the code of the refusal).
[[noreturn]] void refuse_restored_line(Errc code, const std::string& file, std::int64_t line, const std::string& reason);

// The target holds nothing a new database would not hold (`same_as_new`,
// table by table).
void require_new_table(std::string_view table, bool same_as_new);
// A table restored `rows` rows where the manifest says `expected`.
void check_row_count(std::string_view table, std::int64_t rows, std::int64_t expected);
// A row whose parent is missing (io.restore_foreign_key).
[[noreturn]] void refuse_foreign_key(const std::string& table, std::optional<std::int64_t> row, const std::string& parent);
// A contract's stored collected total (`stored`, nullopt when missing or not
// an integer) equals the sum of its payment events (`events`).
void check_restored_total(const std::string& contract, std::optional<std::int64_t> stored, std::optional<std::int64_t> events);
// The tracking index names no event beyond the log.
void check_tracking_index(std::int64_t applied_seq, std::int64_t last_seq);
// The settings restored (`currency`, `clock`) are those of the manifest.
void check_restored_settings(const std::string& directory, const ExportSummary& summary,
                             const std::optional<std::string>& currency, const std::optional<std::string>& clock);

}  // namespace pactum::io
