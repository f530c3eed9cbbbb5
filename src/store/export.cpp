// Database::export_to and Database::import_export: every table as JSON Lines
// in primary-key order, with a manifest, and its restoration into an empty
// database. The tables and the kinds of their columns are listed once, in
// export_tables.cpp; the SQL here is built from that list and from the
// schema SQLite reports, never from data.
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "../core/json_document.hpp"
#include "../core/sha256.hpp"
#include "../io/files.hpp"
#include "../io/records.hpp"
#include "bulk_cache.hpp"
#include "contracts_internal.hpp"
#include "export_tables.hpp"
#include "pactum/core/text.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

namespace store {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr std::string_view kManifest = "manifest.json";
constexpr std::string_view kFormat = "pactum-export";
// Version 2 binds every file to the manifest by size and SHA-256; version 1
// manifests (no checksums) are still restored.
constexpr int kManifestVersion = 2;
// A manifest is small: one line per table.
constexpr std::size_t kMaxManifestBytes = std::size_t{1} << 20;
// A restored row may hold a whole document (a routing table, a template).
constexpr std::size_t kMaxRestoredRow = std::size_t{64} << 20;

std::string sql_name(std::string_view identifier) {
  std::string out = "\"";
  out += identifier;
  out += '"';
  return out;
}

// The tables of the database (SQLite's own excluded), by name.
std::vector<std::string> schema_tables(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                           "ORDER BY name");
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

struct TableColumns {
  std::vector<std::string> names;
  std::vector<std::string> primary_key;  // in key order
};

TableColumns table_columns(SQLite::Database& db, const std::string& table) {
  SQLite::Statement st(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  TableColumns out;
  std::vector<std::pair<int, std::string>> key;
  while (st.executeStep()) {
    out.names.push_back(st.getColumn(0).getString());
    const int pk = st.getColumn(1).getInt();
    if (pk > 0) key.emplace_back(pk, out.names.back());
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, name] : key) {
    (void)position;
    out.primary_key.push_back(name);
  }
  return out;
}

// The registered tables present in the database, checked against the
// schema: a table or column the registry does not know is refused.
std::vector<const ExportTableSpec*> checked_tables(SQLite::Database& db) {
  const std::vector<std::string> present = schema_tables(db);
  std::vector<const ExportTableSpec*> out;
  for (const std::string& table : present) {
    const auto& all = export_tables();
    auto it = std::find_if(all.begin(), all.end(), [&](const ExportTableSpec& t) { return t.name == table; });
    if (it == all.end()) raise(Errc::internal, "io.export_unknown_table", {{"table", table}});
    const TableColumns columns = table_columns(db, table);
    for (const std::string& c : columns.names) {
      const bool known = std::any_of(it->columns.begin(), it->columns.end(), [&](const ExportColumn& e) { return e.name == c; });
      if (!known) raise(Errc::internal, "io.export_unknown_column", {{"table", table}, {"column", c}});
    }
    for (const ExportColumn& e : it->columns) {
      if (std::find(columns.names.begin(), columns.names.end(), e.name) == columns.names.end()) {
        raise(Errc::internal, "io.export_missing_column", {{"table", table}, {"column", std::string(e.name)}});
      }
    }
  }
  for (const ExportTableSpec& spec : export_tables()) {
    if (std::find(present.begin(), present.end(), spec.name) != present.end()) out.push_back(&spec);
  }
  return out;
}

std::string select_sql(SQLite::Database& db, const ExportTableSpec& spec) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += sql_name(spec.columns[i].name);
  }
  sql += " FROM " + sql_name(spec.name) + " ORDER BY ";
  const TableColumns columns = table_columns(db, std::string(spec.name));
  if (columns.primary_key.empty()) {
    for (std::size_t i = 0; i < spec.columns.size(); ++i) sql += (i > 0 ? ", " : "") + sql_name(spec.columns[i].name);
  } else {
    for (std::size_t i = 0; i < columns.primary_key.size(); ++i) sql += (i > 0 ? ", " : "") + sql_name(columns.primary_key[i]);
  }
  return sql;
}

// ---- Canonical JSON --------------------------------------------------------------

void append_string(std::string& out, std::string_view text) {
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// 10^-4 units as a decimal string with two to four decimals.
std::string units_text(std::int64_t units) {
  const bool negative = units < 0;
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  std::string fraction = std::to_string(magnitude % 10000);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  return (negative ? "-" : "") + std::to_string(magnitude / 10000) + "." + fraction;
}

[[noreturn]] void bad_value(const ExportTableSpec& spec, const ExportColumn& column) {
  raise(Errc::corrupt, "io.export_bad_value", {{"table", std::string(spec.name)}, {"column", std::string(column.name)}});
}

void append_value(std::string& out, const ExportTableSpec& spec, const ExportColumn& column, const SQLite::Column& v) {
  if (v.isNull()) {
    out += "null";
    return;
  }
  switch (column.kind) {
    case ColumnKind::integer:
      if (!v.isInteger()) bad_value(spec, column);
      out += std::to_string(v.getInt64());
      return;
    case ColumnKind::text:
    case ColumnKind::date:
      if (!v.isText()) bad_value(spec, column);
      append_string(out, std::string_view(static_cast<const char*>(v.getBlob()), static_cast<std::size_t>(v.getBytes())));
      return;
    case ColumnKind::money:
      if (!v.isInteger()) bad_value(spec, column);
      append_string(out, units_text(v.getInt64()));
      return;
    case ColumnKind::boolean:
      if (!v.isInteger() || (v.getInt64() != 0 && v.getInt64() != 1)) bad_value(spec, column);
      out += v.getInt64() != 0 ? "true" : "false";
      return;
    case ColumnKind::event_type: {
      if (!v.isInteger()) bad_value(spec, column);
      const char* name = event_type_name(static_cast<EventType>(v.getInt()));
      if (std::string_view(name) == "unknown") bad_value(spec, column);
      append_string(out, name);
      return;
    }
  }
}

// Every row of a table as canonical JSON Lines, passed to `sink` in chunks.
template <class Sink>
std::int64_t write_rows(SQLite::Database& db, const ExportTableSpec& spec, Sink&& sink) {
  SQLite::Statement st(db, select_sql(db, spec));
  std::string chunk;
  std::int64_t rows = 0;
  while (st.executeStep()) {
    chunk += '{';
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      if (i > 0) chunk += ',';
      append_string(chunk, spec.columns[i].name);
      chunk += ':';
      append_value(chunk, spec, spec.columns[i], st.getColumn(static_cast<int>(i)));
    }
    chunk += "}\n";
    ++rows;
    if (chunk.size() >= (1 << 20)) {
      sink(chunk);
      chunk.clear();
    }
  }
  if (!chunk.empty()) sink(chunk);
  return rows;
}

std::int64_t row_count(SQLite::Database& db, std::string_view table) {
  SQLite::Statement st(db, "SELECT COUNT(*) FROM " + sql_name(table));
  st.executeStep();
  return st.getColumn(0).getInt64();
}

std::string table_text(SQLite::Database& db, const ExportTableSpec& spec) {
  std::string text;
  write_rows(db, spec, [&](const std::string& chunk) { text += chunk; });
  return text;
}

// The checksum and size of each table's file, as written.
struct FileSeal {
  std::int64_t bytes = 0;
  std::string sha256;
};

std::string manifest_text(const ExportSummary& s, const std::vector<FileSeal>& seals) {
  std::string out = "{\n  \"format\": ";
  append_string(out, kFormat);
  out += ",\n  \"version\": " + std::to_string(kManifestVersion) + ",\n  \"schema_version\": " +
         std::to_string(s.schema_version) + ",\n  \"reporting_currency\": ";
  append_string(out, s.reporting_currency);
  out += ",\n  \"clock\": ";
  if (s.clock) {
    append_string(out, *s.clock);
  } else {
    out += "null";
  }
  out += ",\n  \"tables\": [";
  for (std::size_t i = 0; i < s.tables.size(); ++i) {
    out += i > 0 ? ",\n    " : "\n    ";
    out += "{\"name\": ";
    append_string(out, s.tables[i].name);
    out += ", \"file\": ";
    append_string(out, s.tables[i].name + ".jsonl");
    out += ", \"rows\": " + std::to_string(s.tables[i].rows) + ", \"bytes\": " + std::to_string(seals[i].bytes) +
           ", \"sha256\": ";
    append_string(out, seals[i].sha256);
    out += "}";
  }
  out += "\n  ]\n}\n";
  return out;
}

// A read transaction for a consistent snapshot of every table, unless the
// caller's transaction is already open.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database::Impl& impl) : impl_(impl), own_(impl.depth == 0) {
    if (own_) impl_.db.exec("BEGIN");
  }
  ~ReadSnapshot() {
    if (own_) {
      try {
        impl_.db.exec("COMMIT");
      } catch (...) {
        // A read transaction has nothing to keep.
      }
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database::Impl& impl_;
  bool own_;
};

[[noreturn]] void bad_manifest(const std::string& path, const char* member) {
  raise(Errc::invalid_argument, "io.restore_bad_manifest", {{"path", path}, {"member", member}});
}

// An export's manifest with what it says of each table's file.
struct Manifest {
  ExportSummary summary;
  int version = 0;
  std::vector<FileSeal> seals;  // version 2: one per table, in manifest order
};

// Opens `name` in the export directory without following a symbolic link:
// a link, a directory or a device is refused, never read.
files::Fd open_export_file(int dir, const std::string& name, const std::string& directory) {
  const int fd = ::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) raise(Errc::not_found, "io.restore_missing_file", {{"file", name}, {"path", directory}});
    if (errno == ELOOP) raise(Errc::invalid_argument, "io.restore_not_regular", {{"file", name}, {"path", directory}});
    raise(Errc::storage, "io.read_failed", {{"path", (fs::path(directory) / name).string()}, {"detail", std::strerror(errno)}});
  }
  files::Fd out(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    raise(Errc::invalid_argument, "io.restore_not_regular", {{"file", name}, {"path", directory}});
  }
  return out;
}

// Reads at most `max` bytes of an open file (more is a refusal).
std::string read_all(int fd, std::size_t max, const std::string& shown) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      raise(Errc::storage, "io.read_failed", {{"path", shown}, {"detail", std::strerror(errno)}});
    }
    if (n == 0) return text;
    if (text.size() + static_cast<std::size_t>(n) > max) {
      raise(Errc::invalid_argument, "io.restore_too_large", {{"file", shown}, {"max", std::to_string(max)}});
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

// The manifest, read and checked; messages name members, never quote the file.
Manifest read_manifest(int dir, const std::string& directory) {
  const std::string path = (fs::path(directory) / kManifest).string();
  files::Fd fd = open_export_file(dir, std::string(kManifest), directory);
  const std::string text = read_all(fd.get(), kMaxManifestBytes, path);
  const Json doc = json_document::parse(text, path);
  if (!doc.is_object()) bad_manifest(path, "(document)");
  auto member = [&](const char* name) -> const Json& {
    auto it = doc.find(name);
    if (it == doc.end()) bad_manifest(path, name);
    return *it;
  };
  if (!member("format").is_string() || member("format").get<std::string>() != kFormat) {
    raise(Errc::invalid_argument, "io.restore_not_export", {{"path", path}});
  }
  Manifest m;
  const Json& version = member("version");
  if (!version.is_number_integer() || version.get<std::int64_t>() < 1 || version.get<std::int64_t>() > kManifestVersion) {
    raise(Errc::invalid_argument, "io.restore_manifest_version", {{"path", path}, {"supported", std::to_string(kManifestVersion)}});
  }
  m.version = version.get<int>();
  ExportSummary& s = m.summary;
  s.directory = directory;
  const Json& schema = member("schema_version");
  if (!schema.is_number_integer() || schema.get<std::int64_t>() < 0 || schema.get<std::int64_t>() > 1000000) {
    bad_manifest(path, "schema_version");
  }
  s.schema_version = schema.get<int>();
  const Json& currency = member("reporting_currency");
  if (!currency.is_string()) bad_manifest(path, "reporting_currency");
  s.reporting_currency = std::string(Currency::of(currency.get<std::string>()).code());
  const Json& clock = member("clock");
  if (!clock.is_null()) {
    if (!clock.is_string() || !Date::try_parse(clock.get<std::string>())) bad_manifest(path, "clock");
    s.clock = clock.get<std::string>();
  }
  const Json& tables = member("tables");
  if (!tables.is_array()) bad_manifest(path, "tables");
  for (const Json& t : tables) {
    auto has = [&](const char* name) { return t.is_object() && t.contains(name); };
    const bool shaped = has("name") && t["name"].is_string() && has("rows") && t["rows"].is_number_integer() &&
                        t["rows"].get<std::int64_t>() >= 0;
    if (!shaped) bad_manifest(path, "tables");
    s.tables.push_back(ExportTable{t["name"].get<std::string>(), t["rows"].get<std::int64_t>()});
    if (m.version >= 2) {
      const bool sealed = has("file") && t["file"].is_string() && t["file"].get<std::string>() == s.tables.back().name + ".jsonl" &&
                          has("bytes") && t["bytes"].is_number_integer() && t["bytes"].get<std::int64_t>() >= 0 &&
                          has("sha256") && t["sha256"].is_string() && t["sha256"].get<std::string>().size() == 64;
      if (!sealed) bad_manifest(path, "tables");
      m.seals.push_back(FileSeal{t["bytes"].get<std::int64_t>(), t["sha256"].get<std::string>()});
    }
  }
  return m;
}

// The bytes of an open file through the record readers.
class FdSource final : public io::ByteSource {
 public:
  FdSource(int fd, std::string shown) : fd_(fd), shown_(std::move(shown)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) raise(Errc::storage, "io.read_failed", {{"path", shown_}, {"detail", std::strerror(errno)}});
    }
  }

 private:
  int fd_;
  std::string shown_;
};

// Checks a version-2 file against its seal (size, then SHA-256), then
// rewinds it for reading.
void check_seal(int fd, const FileSeal& seal, const std::string& file, const std::string& shown) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size != seal.bytes) {
    raise(Errc::invalid_argument, "io.restore_checksum", {{"file", file}});
  }
  Sha256 hash;
  char buffer[1 << 16];
  std::int64_t total = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      raise(Errc::storage, "io.read_failed", {{"path", shown}, {"detail", std::strerror(errno)}});
    }
    if (n == 0) break;
    total += n;
    hash.update(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
  if (total != seal.bytes || hash.hex() != seal.sha256) raise(Errc::invalid_argument, "io.restore_checksum", {{"file", file}});
  if (::lseek(fd, 0, SEEK_SET) != 0) raise(Errc::storage, "io.read_failed", {{"path", shown}, {"detail", std::strerror(errno)}});
}

// Parses the text of an integer column written by the export.
std::int64_t integer_of(const io::Field& f) {
  const std::string& v = f.value;
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  bool ok = f.kind == io::ValueKind::number && i < v.size() && v.size() - i <= 19;
  for (std::size_t k = i; ok && k < v.size(); ++k) ok = v[k] >= '0' && v[k] <= '9';
  if (!ok) raise(Errc::invalid_argument, "io.restore_bad_value", {{"column", f.name}, {"kind", "integer"}});
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    raise(Errc::overflow, "io.restore_bad_value", {{"column", f.name}, {"kind", "integer"}});
  }
}

const char* kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::integer: return "integer";
    case ColumnKind::text: return "text";
    case ColumnKind::date: return "date";
    case ColumnKind::money: return "amount";
    case ColumnKind::boolean: return "boolean";
    case ColumnKind::event_type: return "event type";
  }
  return "value";
}

void bind_field(SQLite::Statement& st, int index, const ExportColumn& column, const io::Field& f) {
  // The value is checked by its kind; a refusal names the column and the
  // kind, never the value (the file's content stays out of messages).
  auto wrong = [&] { raise(Errc::invalid_argument, "io.restore_bad_value", {{"column", f.name}, {"kind", kind_name(column.kind)}}); };
  switch (column.kind) {
    case ColumnKind::integer:
      st.bind(index, integer_of(f));
      return;
    case ColumnKind::text:
      if (f.kind != io::ValueKind::text) wrong();
      st.bind(index, f.value);
      return;
    case ColumnKind::date:
      if (f.kind != io::ValueKind::text || (!f.value.empty() && !Date::try_parse(f.value))) wrong();
      st.bind(index, f.value);
      return;
    case ColumnKind::money: {
      if (f.kind != io::ValueKind::text) wrong();
      std::int64_t units = 0;
      try {
        units = Money::parse(f.value, Currency()).units();
      } catch (const Error&) {
        wrong();
      }
      st.bind(index, units);
      return;
    }
    case ColumnKind::boolean:
      if (f.kind != io::ValueKind::boolean) wrong();
      st.bind(index, f.value == "true" ? 1 : 0);
      return;
    case ColumnKind::event_type: {
      if (f.kind != io::ValueKind::text) wrong();
      int type = 0;
      try {
        type = static_cast<int>(parse_event_type(f.value));
      } catch (const Error&) {
        wrong();
      }
      st.bind(index, type);
      return;
    }
  }
}

// Restores one table's file (open as `fd`); returns its row count.
std::int64_t restore_table(Database::Impl& impl, const ExportTableSpec& spec, int fd, const std::string& file,
                           const std::string& shown) {
  std::string sql = "INSERT INTO " + sql_name(spec.name) + "(";
  std::string values;
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    sql += (i > 0 ? ", " : "") + sql_name(spec.columns[i].name);
    values += i > 0 ? ", ?" : "?";
  }
  sql += ") VALUES(" + values + ")";
  SQLite::Statement insert(impl.db, sql);
  auto reader = io::jsonl_reader(std::make_unique<FdSource>(fd, shown), impl.lang, kMaxRestoredRow);
  io::Record record;
  std::int64_t rows = 0;
  while (reader->next(record)) {
    try {
      if (record.problem) raise(Errc::invalid_argument, "io.restore_malformed");
      for (const io::Field& f : record.fields) {
        const bool known = std::any_of(spec.columns.begin(), spec.columns.end(),
                                       [&](const ExportColumn& c) { return c.name == f.name; });
        if (!known) raise(Errc::invalid_argument, "io.restore_unknown_column", {{"table", std::string(spec.name)}});
      }
      insert.clearBindings();  // absent members are null
      for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (const io::Field* f = record.find(spec.columns[i].name)) {
          bind_field(insert, static_cast<int>(i + 1), spec.columns[i], *f);
        }
      }
      insert.exec();
      insert.reset();
    } catch (const Error& e) {
      insert.tryReset();
      raise(e.code(), "io.restore_bad_line",
            {{"file", file}, {"line", std::to_string(record.line)}, {"reason", e.message(impl.lang)}});
    } catch (const SQLite::Exception&) {
      insert.tryReset();
      raise(Errc::invalid_argument, "io.restore_bad_line",
            {{"file", file},
             {"line", std::to_string(record.line)},
             {"reason", render_message("io.restore_constraint", impl.lang, {{"table", std::string(spec.name)}})}});
    }
    ++rows;
  }
  return rows;
}

// Derived tables against the log they derive from: each contract's stored
// collected total equals the sum of its payment events, and the tracking
// index names no event beyond the log.
void check_derived(Database::Impl& impl) {
  {
    SQLite::Statement st(impl.db,
                         "SELECT c.number, t.collected, "
                         "(SELECT COALESCE(SUM(e.amount), 0) FROM events e WHERE e.contract = c.id AND e.type IN (?, ?)) "
                         "FROM contracts c LEFT JOIN contract_totals t ON t.contract = c.id ORDER BY c.id");
    st.bind(1, static_cast<int>(EventType::payment_received));
    st.bind(2, static_cast<int>(EventType::payment_reversed));
    while (st.executeStep()) {
      const bool integers = st.getColumn(1).isInteger() && st.getColumn(2).isInteger();
      if (!integers || st.getColumn(1).getInt64() != st.getColumn(2).getInt64()) {
        raise(Errc::invalid_argument, "io.restore_totals", {{"contract", st.getColumn(0).getString()}});
      }
    }
  }
  SQLite::Statement st(impl.db,
                       "SELECT COALESCE((SELECT MAX(applied_seq) FROM tracking_state), 0) > "
                       "COALESCE((SELECT MAX(seq) FROM events), 0)");
  if (st.executeStep() && st.getColumn(0).getInt() != 0) raise(Errc::invalid_argument, "io.restore_tracking_ahead");
}

// Whether an existing export directory may be replaced: empty, or only
// regular files named manifest.json and TABLE.jsonl with a Pactum manifest.
// Anything else (a link, another file, a sub-directory) is refused: the
// export never deletes what it did not write.
void check_replaceable(const std::string& directory) {
  struct stat st {};
  if (::lstat(directory.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    files::write_failed(directory, errno);
  }
  if (S_ISLNK(st.st_mode)) raise(Errc::invalid_argument, "io.export_symlink", {{"path", directory}});
  if (!S_ISDIR(st.st_mode)) raise(Errc::invalid_argument, "io.export_not_directory", {{"path", directory}});
  bool any = false;
  bool manifest = false;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    any = true;
    const std::string name = entry.path().filename().string();
    const bool regular = entry.is_regular_file(ec) && !entry.is_symlink(ec);
    const bool ours = name == kManifest || (name.size() > 6 && name.ends_with(".jsonl"));
    if (!regular || !ours) raise(Errc::invalid_argument, "io.export_foreign_file", {{"path", directory}, {"file", name}});
    manifest = manifest || name == kManifest;
  }
  if (ec) files::write_failed(directory, ec.value());
  if (!any) return;
  if (!manifest) raise(Errc::invalid_argument, "io.export_not_export", {{"path", directory}});
  files::Fd dir = files::open_directory(directory);
  try {
    read_manifest(dir.get(), directory);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "io.export_not_export", {{"path", directory}});
  }
}

// Puts the finished directory `temporary` (in `parent`) in place of `name`:
// atomically when an older export is there (exchanged, then removed).
void publish(int parent, const std::string& parent_path, const std::string& temporary, const std::string& name,
             const std::string& shown) {
  if (::renameat2(parent, temporary.c_str(), parent, name.c_str(), RENAME_NOREPLACE) == 0) {
    files::sync_directory(parent, parent_path);
    return;
  }
  if (errno == EEXIST || errno == ENOTEMPTY) {
    if (::renameat2(parent, temporary.c_str(), parent, name.c_str(), RENAME_EXCHANGE) == 0) {
      files::sync_directory(parent, parent_path);
      std::error_code ec;
      fs::remove_all(fs::path(parent_path) / temporary, ec);  // the older export
      return;
    }
  }
  if (errno != EINVAL && errno != ENOSYS) files::write_failed(shown, errno);
  // A file system without renameat2: the older export is moved aside first
  // (a crash between the two renames leaves it there, under a hidden name).
  const std::string aside = "." + name + ".pactum-old-" + files::random_suffix();
  const bool had = ::renameat(parent, name.c_str(), parent, aside.c_str()) == 0;
  if (!had && errno != ENOENT) files::write_failed(shown, errno);
  if (::renameat(parent, temporary.c_str(), parent, name.c_str()) != 0) files::write_failed(shown, errno);
  files::sync_directory(parent, parent_path);
  std::error_code ec;
  if (had) fs::remove_all(fs::path(parent_path) / aside, ec);
}

}  // namespace

}  // namespace store

ExportSummary Database::export_to(const std::string& directory) const {
  return impl_->read([&] {
    namespace fs = std::filesystem;
    require_utf8(directory, "directory");
    if (directory.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "directory"}});
    impl_->refuse_own_file(directory, "directory");
    fs::path dir(directory);
    if (!dir.has_filename()) dir = dir.parent_path();  // "out/" is "out"
    const std::string name = dir.filename().string();
    if (name.empty() || name == "." || name == "..") raise(Errc::invalid_argument, "io.export_not_directory", {{"path", directory}});
    const std::string parent_path = dir.parent_path().empty() ? std::string(".") : dir.parent_path().string();
    std::error_code ec;
    fs::create_directories(parent_path, ec);
    if (ec) raise(Errc::storage, "io.write_failed", {{"path", parent_path}, {"detail", ec.message()}});
    store::check_replaceable(dir.string());

    // Everything is written into a new private directory next to the
    // target, synced, and only then put in its place as a whole.
    files::Fd parent = files::open_directory(parent_path);
    std::string temporary;
    for (int attempt = 0;; ++attempt) {
      temporary = "." + name + ".pactum-" + files::random_suffix() + ".tmp";
      if (::mkdirat(parent.get(), temporary.c_str(), static_cast<mode_t>(files::directory_mode(impl_->options.file_mode))) == 0) break;
      if (errno != EEXIST || attempt >= 16) files::write_failed(directory, errno);
    }
    const std::string temporary_path = (fs::path(parent_path) / temporary).string();
    try {
      files::Fd out = files::open_directory(temporary_path);
      store::ReadSnapshot snapshot(*impl_);
      ExportSummary summary;
      summary.directory = directory;
      summary.schema_version = schema_version();
      summary.reporting_currency = std::string(impl_->currency.code());
      summary.clock = impl_->meta("clock");
      std::vector<store::FileSeal> seals;
      for (const store::ExportTableSpec* spec : store::checked_tables(impl_->db)) {
        const std::string file_name = std::string(spec->name) + ".jsonl";
        files::NewFile file(out.get(), file_name, impl_->options.file_mode, (dir / file_name).string());
        Sha256 hash;
        store::FileSeal seal;
        const std::int64_t rows = store::write_rows(impl_->db, *spec, [&](const std::string& chunk) {
          file.write(chunk);
          hash.update(chunk);
          seal.bytes += static_cast<std::int64_t>(chunk.size());
        });
        file.finish();
        seal.sha256 = hash.hex();
        seals.push_back(std::move(seal));
        summary.tables.push_back(ExportTable{std::string(spec->name), rows});
      }
      files::NewFile manifest(out.get(), std::string(store::kManifest), impl_->options.file_mode,
                              (dir / std::string(store::kManifest)).string());
      manifest.write(store::manifest_text(summary, seals));
      manifest.finish();
      files::sync_directory(out.get(), temporary_path);
      store::publish(parent.get(), parent_path, temporary, name, directory);
      return summary;
    } catch (...) {
      std::error_code ignored;
      fs::remove_all(temporary_path, ignored);
      throw;
    }
  });
}

ExportSummary Database::import_export(const std::string& directory) {
  namespace fs = std::filesystem;
  store::Manifest manifest;
  files::Fd dir;
  // The table files, opened (without following links) and checked against
  // the manifest before anything is written.
  std::map<std::string, files::Fd> opened;
  impl_->read([&] {
    require_utf8(directory, "directory");
    if (directory.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "directory"}});
    if (impl_->depth > 0) raise(Errc::invalid_state, "io.restore_in_transaction");
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT || errno == ENOTDIR) raise(Errc::not_found, "io.no_directory", {{"path", directory}});
      raise(Errc::storage, "io.read_failed", {{"path", directory}, {"detail", std::strerror(errno)}});
    }
    dir = files::Fd(fd);
    manifest = store::read_manifest(dir.get(), directory);
    const ExportSummary& summary = manifest.summary;
    if (summary.schema_version > schema_version()) {
      raise(Errc::schema_too_new, "io.restore_schema_newer",
            {{"found", std::to_string(summary.schema_version)}, {"supported", std::to_string(schema_version())}});
    }
    if (summary.schema_version != schema_version()) {
      raise(Errc::invalid_argument, "io.restore_schema_older",
            {{"found", std::to_string(summary.schema_version)}, {"supported", std::to_string(schema_version())}});
    }
    for (std::size_t i = 0; i < summary.tables.size(); ++i) {
      const std::string file = summary.tables[i].name + ".jsonl";
      if (opened.contains(file)) {
        raise(Errc::invalid_argument, "io.restore_listed_twice", {{"path", directory}, {"table", summary.tables[i].name}});
      }
      if (summary.tables[i].name.find('/') != std::string::npos || summary.tables[i].name.empty() ||
          summary.tables[i].name[0] == '.') {
        raise(Errc::invalid_argument, "io.restore_unknown_table", {{"table", summary.tables[i].name}});
      }
      files::Fd table = store::open_export_file(dir.get(), file, directory);
      if (manifest.version >= 2) store::check_seal(table.get(), manifest.seals[i], file, (fs::path(directory) / file).string());
      opened.emplace(file, std::move(table));
    }
  });
  ExportSummary summary = manifest.summary;
  impl_->write([&] {
    store::BulkCache cache(*impl_);
    const auto tables = store::checked_tables(impl_->db);
    // The manifest lists exactly the tables of this schema.
    std::set<std::string> expected;
    for (const store::ExportTableSpec* spec : tables) expected.insert(std::string(spec->name));
    for (const ExportTable& t : summary.tables) {
      if (!expected.contains(t.name)) raise(Errc::invalid_argument, "io.restore_unknown_table", {{"table", t.name}});
    }
    for (const std::string& name : expected) {
      if (!opened.contains(name + ".jsonl")) raise(Errc::invalid_argument, "io.restore_missing_table", {{"table", name}});
    }
    // The target holds nothing a new database would not hold.
    {
      OpenOptions fresh_options;
      fresh_options.currency = std::string(impl_->currency.code());
      Database fresh(":memory:", fresh_options);
      for (const store::ExportTableSpec* spec : tables) {
        const std::int64_t rows = store::row_count(impl_->db, spec->name);
        const bool same = rows == store::row_count(fresh.impl().db, spec->name) &&
                          (rows == 0 || store::table_text(impl_->db, *spec) == store::table_text(fresh.impl().db, *spec));
        if (!same) raise(Errc::invalid_state, "io.restore_not_empty", {{"table", std::string(spec->name)}});
      }
    }
    impl_->db.exec("PRAGMA defer_foreign_keys = ON");
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) impl_->db.exec("DELETE FROM " + store::sql_name((*it)->name));
    for (const store::ExportTableSpec* spec : tables) {
      const std::string file = std::string(spec->name) + ".jsonl";
      const std::int64_t rows = store::restore_table(*impl_, *spec, opened.at(file).get(), file,
                                                     (fs::path(directory) / file).string());
      const auto entry = std::find_if(summary.tables.begin(), summary.tables.end(),
                                      [&](const ExportTable& t) { return t.name == spec->name; });
      if (rows != entry->rows) {
        raise(Errc::invalid_argument, "io.restore_count",
              {{"table", std::string(spec->name)}, {"rows", std::to_string(rows)}, {"expected", std::to_string(entry->rows)}});
      }
    }
    {
      SQLite::Statement check(impl_->db, "PRAGMA foreign_key_check");
      if (check.executeStep()) {
        raise(Errc::invalid_argument, "io.restore_foreign_key",
              {{"table", check.getColumn(0).getString()},
               {"row", check.getColumn(1).isNull() ? std::string("?") : std::to_string(check.getColumn(1).getInt64())},
               {"parent", check.getColumn(2).getString()}});
      }
    }
    store::check_derived(*impl_);
    const auto currency = impl_->meta("reporting_currency");
    if (!currency || *currency != summary.reporting_currency) {
      raise(Errc::invalid_argument, "io.restore_meta_differs", {{"path", directory}, {"setting", "reporting_currency"}});
    }
    const auto clock = impl_->meta("clock");
    if (clock != summary.clock) raise(Errc::invalid_argument, "io.restore_meta_differs", {{"path", directory}, {"setting", "clock"}});
    impl_->forget_cached_state();
  });
  impl_->currency = Currency::of(summary.reporting_currency);
  summary.directory = directory;
  std::sort(summary.tables.begin(), summary.tables.end(), [&](const ExportTable& a, const ExportTable& b) {
    const auto& all = store::export_tables();
    auto pos = [&](const std::string& n) {
      return std::find_if(all.begin(), all.end(), [&](const store::ExportTableSpec& s) { return s.name == n; }) - all.begin();
    };
    return pos(a.name) < pos(b.name);
  });
  return summary;
}

}  // namespace pactum
