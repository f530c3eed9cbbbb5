// Database::export_to and Database::import_export: every table as JSON Lines
// in primary-key order, with a manifest, and its restoration into an empty
// database. The tables and the kinds of their columns are listed once, in
// export_tables.cpp; the SQL here is built from that list and from the
// schema SQLite reports, never from data.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

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

// A file written next to its final name and renamed into place.
class AtomicFile {
 public:
  explicit AtomicFile(fs::path path) : path_(std::move(path)), temporary_(path_.string() + ".tmp") {
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) fail(std::strerror(errno));
  }
  ~AtomicFile() {
    if (!done_) {
      out_.close();
      std::error_code ec;
      fs::remove(temporary_, ec);
    }
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const std::string& text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out_) fail(std::strerror(errno));
  }
  void commit() {
    out_.flush();
    out_.close();
    if (!out_) fail(std::strerror(errno));
    std::error_code ec;
    fs::rename(temporary_, path_, ec);
    if (ec) fail(ec.message());
    done_ = true;
  }

 private:
  [[noreturn]] void fail(const std::string& detail) {
    raise(Errc::storage, "io.write_failed", {{"path", path_.string()}, {"detail", detail}});
  }

  fs::path path_;
  std::string temporary_;
  std::ofstream out_;
  bool done_ = false;
};

std::string manifest_text(const ExportSummary& s) {
  std::string out = "{\n  \"format\": ";
  append_string(out, kFormat);
  out += ",\n  \"version\": 1,\n  \"schema_version\": " + std::to_string(s.schema_version) + ",\n  \"reporting_currency\": ";
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
    out += ", \"rows\": " + std::to_string(s.tables[i].rows) + "}";
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

[[noreturn]] void bad_manifest(const std::string& path, const std::string& detail) {
  raise(Errc::invalid_argument, "io.restore_bad_manifest", {{"path", path}, {"detail", detail}});
}

ExportSummary read_manifest(const fs::path& directory) {
  const std::string path = (directory / kManifest).string();
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) raise(Errc::not_found, "io.no_directory", {{"path", directory.string()}});
  if (!fs::exists(path, ec)) raise(Errc::not_found, "io.no_file", {{"path", path}});
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) raise(Errc::storage, "io.read_failed", {{"path", path}, {"detail", std::strerror(errno)}});
  if (!is_valid_utf8(text)) bad_manifest(path, "invalid UTF-8");
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {
    bad_manifest(path, e.what());
  }
  auto member = [&](const char* name) -> const Json& {
    if (!doc.is_object() || !doc.contains(name)) bad_manifest(path, std::string("missing \"") + name + "\"");
    return doc[name];
  };
  if (member("format") != kFormat) bad_manifest(path, "not a Pactum export");
  if (member("version") != 1) bad_manifest(path, "unsupported manifest version " + member("version").dump());
  ExportSummary s;
  s.directory = directory.string();
  const Json& schema = member("schema_version");
  if (!schema.is_number_integer()) bad_manifest(path, "\"schema_version\" must be an integer");
  s.schema_version = schema.get<int>();
  const Json& currency = member("reporting_currency");
  if (!currency.is_string()) bad_manifest(path, "\"reporting_currency\" must be a string");
  s.reporting_currency = std::string(Currency::of(currency.get<std::string>()).code());
  const Json& clock = member("clock");
  if (!clock.is_null()) {
    if (!clock.is_string()) bad_manifest(path, "\"clock\" must be a date or null");
    s.clock = Date::parse(clock.get<std::string>()).to_string();
  }
  const Json& tables = member("tables");
  if (!tables.is_array()) bad_manifest(path, "\"tables\" must be an array");
  for (const Json& t : tables) {
    if (!t.is_object() || !t.contains("name") || !t["name"].is_string() || !t.contains("rows") ||
        !t["rows"].is_number_integer() || t["rows"].get<std::int64_t>() < 0) {
      bad_manifest(path, "malformed table entry " + t.dump());
    }
    s.tables.push_back(ExportTable{t["name"].get<std::string>(), t["rows"].get<std::int64_t>()});
  }
  return s;
}

// Parses the text of an integer column written by the export.
std::int64_t integer_of(const io::Field& f) {
  const std::string& v = f.value;
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  bool ok = f.kind == io::ValueKind::number && i < v.size() && v.size() - i <= 19;
  for (std::size_t k = i; ok && k < v.size(); ++k) ok = v[k] >= '0' && v[k] <= '9';
  if (!ok) raise(Errc::invalid_argument, "io.restore_bad_value", {{"column", f.name}, {"value", v}});
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    raise(Errc::overflow, "io.restore_bad_value", {{"column", f.name}, {"value", v}});
  }
}

void bind_field(SQLite::Statement& st, int index, const ExportColumn& column, const io::Field& f) {
  auto wrong = [&] { raise(Errc::invalid_argument, "io.restore_bad_value", {{"column", f.name}, {"value", f.value}}); };
  switch (column.kind) {
    case ColumnKind::integer:
      st.bind(index, integer_of(f));
      return;
    case ColumnKind::text:
      if (f.kind != io::ValueKind::text) wrong();
      st.bind(index, f.value);
      return;
    case ColumnKind::date:
      if (f.kind != io::ValueKind::text) wrong();
      if (!f.value.empty()) Date::parse(f.value);
      st.bind(index, f.value);
      return;
    case ColumnKind::money:
      if (f.kind != io::ValueKind::text) wrong();
      st.bind(index, Money::parse(f.value, Currency()).units());
      return;
    case ColumnKind::boolean:
      if (f.kind != io::ValueKind::boolean) wrong();
      st.bind(index, f.value == "true" ? 1 : 0);
      return;
    case ColumnKind::event_type:
      if (f.kind != io::ValueKind::text) wrong();
      st.bind(index, static_cast<int>(parse_event_type(f.value)));
      return;
  }
}

// Restores one table's file; returns its row count.
std::int64_t restore_table(Database::Impl& impl, const ExportTableSpec& spec, const fs::path& file) {
  std::string sql = "INSERT INTO " + sql_name(spec.name) + "(";
  std::string values;
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    sql += (i > 0 ? ", " : "") + sql_name(spec.columns[i].name);
    values += i > 0 ? ", ?" : "?";
  }
  sql += ") VALUES(" + values + ")";
  SQLite::Statement insert(impl.db, sql);
  auto reader = io::jsonl_reader(io::file_source(file.string()), impl.lang, kMaxRestoredRow);
  io::Record record;
  std::int64_t rows = 0;
  while (reader->next(record)) {
    const std::string where = file.filename().string();
    try {
      if (record.problem) {
        raise(Errc::invalid_argument, record.problem->key, record.problem->args);
      }
      for (const io::Field& f : record.fields) {
        const bool known = std::any_of(spec.columns.begin(), spec.columns.end(),
                                       [&](const ExportColumn& c) { return c.name == f.name; });
        if (!known) raise(Errc::invalid_argument, "io.restore_unknown_column", {{"column", f.name}});
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
            {{"file", where}, {"line", std::to_string(record.line)}, {"reason", e.message(impl.lang)}});
    } catch (const SQLite::Exception& e) {
      insert.tryReset();
      raise(Errc::invalid_argument, "io.restore_bad_line",
            {{"file", where}, {"line", std::to_string(record.line)}, {"reason", e.what()}});
    }
    ++rows;
  }
  return rows;
}

}  // namespace

}  // namespace store

ExportSummary Database::export_to(const std::string& directory) const {
  return impl_->read([&] {
    require_utf8(directory, "directory");
    if (directory.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "directory"}});
    namespace fs = std::filesystem;
    const fs::path dir(directory);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec)) {
      raise(Errc::storage, "io.write_failed", {{"path", directory}, {"detail", ec ? ec.message() : "not a directory"}});
    }
    store::ReadSnapshot snapshot(*impl_);
    ExportSummary summary;
    summary.directory = directory;
    summary.schema_version = schema_version();
    summary.reporting_currency = std::string(impl_->currency.code());
    summary.clock = impl_->meta("clock");
    for (const store::ExportTableSpec* spec : store::checked_tables(impl_->db)) {
      store::AtomicFile file(dir / (std::string(spec->name) + ".jsonl"));
      const std::int64_t rows = store::write_rows(impl_->db, *spec, [&](const std::string& chunk) { file.write(chunk); });
      file.commit();
      summary.tables.push_back(ExportTable{std::string(spec->name), rows});
    }
    store::AtomicFile manifest(dir / std::string(store::kManifest));
    manifest.write(store::manifest_text(summary));
    manifest.commit();
    return summary;
  });
}

ExportSummary Database::import_export(const std::string& directory) {
  ExportSummary summary;
  impl_->read([&] {
    require_utf8(directory, "directory");
    if (directory.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "directory"}});
    if (impl_->depth > 0) raise(Errc::invalid_state, "io.restore_in_transaction");
    summary = store::read_manifest(directory);
    if (summary.schema_version > schema_version()) {
      raise(Errc::schema_too_new, "io.restore_schema_newer",
            {{"found", std::to_string(summary.schema_version)}, {"supported", std::to_string(schema_version())}});
    }
    if (summary.schema_version != schema_version()) {
      raise(Errc::invalid_argument, "io.restore_schema_older",
            {{"found", std::to_string(summary.schema_version)}, {"supported", std::to_string(schema_version())}});
    }
  });
  impl_->write([&] {
    namespace fs = std::filesystem;
    store::BulkCache cache(*impl_);
    const auto tables = store::checked_tables(impl_->db);
    // The manifest lists exactly the tables of this schema.
    std::set<std::string> listed;
    for (const ExportTable& t : summary.tables) {
      if (!listed.insert(t.name).second) {
        raise(Errc::invalid_argument, "io.restore_bad_manifest", {{"path", directory}, {"detail", "table " + t.name + " listed twice"}});
      }
    }
    std::set<std::string> expected;
    for (const store::ExportTableSpec* spec : tables) expected.insert(std::string(spec->name));
    for (const std::string& name : listed) {
      if (!expected.contains(name)) raise(Errc::invalid_argument, "io.restore_unknown_table", {{"table", name}});
    }
    for (const std::string& name : expected) {
      if (!listed.contains(name)) raise(Errc::invalid_argument, "io.restore_missing_table", {{"table", name}});
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
      const fs::path file = fs::path(directory) / (std::string(spec->name) + ".jsonl");
      const std::int64_t rows = store::restore_table(*impl_, *spec, file);
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
    const auto currency = impl_->meta("reporting_currency");
    if (!currency || *currency != summary.reporting_currency) {
      raise(Errc::invalid_argument, "io.restore_bad_manifest",
            {{"path", directory}, {"detail", "the meta table and the manifest name different reporting currencies"}});
    }
    const auto clock = impl_->meta("clock");
    if (clock != summary.clock) {
      raise(Errc::invalid_argument, "io.restore_bad_manifest",
            {{"path", directory}, {"detail", "the meta table and the manifest name different clocks"}});
    }
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
