// Database::export_to and Database::import_export: every table as JSON Lines
// in primary-key order, with a manifest, and its restoration into an empty
// database. The tables and the kinds of their columns are listed once, in
// export_tables.cpp; the SQL here is built from that list and from the
// schema SQLite reports, never from data. The format, the files on disk and
// the checks of a restore are the io module's (src/io/export_format.hpp).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <set>

#include "../core/sha256.hpp"
#include "../io/export_format.hpp"
#include "../io/records.hpp"
#include "bulk_cache.hpp"
#include "contracts_internal.hpp"
#include "export_tables.hpp"
#include "pactum/core/text.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

namespace store {

namespace {

namespace fs = std::filesystem;

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
      io::append_json_string(out, std::string_view(static_cast<const char*>(v.getBlob()), static_cast<std::size_t>(v.getBytes())));
      return;
    case ColumnKind::money:
      if (!v.isInteger()) bad_value(spec, column);
      io::append_json_string(out, io::units_text(v.getInt64()));
      return;
    case ColumnKind::boolean:
      if (!v.isInteger() || (v.getInt64() != 0 && v.getInt64() != 1)) bad_value(spec, column);
      out += v.getInt64() != 0 ? "true" : "false";
      return;
    case ColumnKind::bytes:
      if (!v.isBlob() && !v.isText()) bad_value(spec, column);
      io::append_json_string(
          out, io::base64_of(std::string_view(static_cast<const char*>(v.getBlob()), static_cast<std::size_t>(v.getBytes()))));
      return;
    case ColumnKind::event_type: {
      if (!v.isInteger()) bad_value(spec, column);
      const char* name = event_type_name(static_cast<EventType>(v.getInt()));
      if (std::string_view(name) == "unknown") bad_value(spec, column);
      io::append_json_string(out, name);
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
      io::append_json_string(chunk, spec.columns[i].name);
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

void bind_value(SQLite::Statement& st, int index, const io::RestoredValue& value) {
  if (const auto* n = std::get_if<std::int64_t>(&value)) {
    st.bind(index, *n);
  } else if (const auto* t = std::get_if<std::string>(&value)) {
    st.bind(index, *t);
  } else if (const auto* b = std::get_if<io::RestoredBytes>(&value)) {
    st.bind(index, static_cast<const void*>(b->bytes.data()), static_cast<int>(b->bytes.size()));
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
  auto reader = io::jsonl_reader(io::fd_source(fd, shown), impl.lang, io::kMaxRestoredRow);
  io::Record record;
  std::int64_t rows = 0;
  while (reader->next(record)) {
    try {
      io::check_restored_members(record, spec);
      insert.clearBindings();  // absent members are null
      for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (const io::Field* f = record.find(spec.columns[i].name)) {
          bind_value(insert, static_cast<int>(i + 1), io::restored_value(spec.columns[i], *f));
        }
      }
      insert.exec();
      insert.reset();
    } catch (const Error& e) {
      insert.tryReset();
      io::refuse_restored_line(e.code(), file, record.line, e.message(impl.lang));
    } catch (const SQLite::Exception&) {
      // A constraint of the schema (a duplicate key, a check) refused the row.
      insert.tryReset();
      io::refuse_restored_line(Errc::invalid_argument, file, record.line,
                               render_message("io.restore_constraint", impl.lang, {{"table", std::string(spec.name)}}));
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
    auto integer = [&](int i) {
      return st.getColumn(i).isInteger() ? std::optional<std::int64_t>(st.getColumn(i).getInt64()) : std::nullopt;
    };
    while (st.executeStep()) io::check_restored_total(st.getColumn(0).getString(), integer(1), integer(2));
  }
  SQLite::Statement st(impl.db,
                       "SELECT COALESCE((SELECT MAX(applied_seq) FROM tracking_state), 0), "
                       "COALESCE((SELECT MAX(seq) FROM events), 0)");
  st.executeStep();
  io::check_tracking_index(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
}

}  // namespace

}  // namespace store

ExportSummary Database::export_to(const std::string& directory) const {
  return impl_->read([&] {
    namespace fs = std::filesystem;
    const io::ExportTarget target = io::export_target(directory, impl_->own_files());
    const fs::path dir(target.path);
    const std::string& name = target.name;
    const std::string& parent_path = target.parent;
    std::error_code ec;
    fs::create_directories(parent_path, ec);
    if (ec) raise(Errc::storage, "io.write_failed", {{"path", parent_path}, {"detail", ec.message()}});
    io::check_replaceable(target.path);

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
      std::vector<io::FileSeal> seals;
      for (const store::ExportTableSpec* spec : store::checked_tables(impl_->db)) {
        const std::string file_name = std::string(spec->name) + ".jsonl";
        files::NewFile file(out.get(), file_name, impl_->options.file_mode, (dir / file_name).string());
        Sha256 hash;
        io::FileSeal seal;
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
      files::NewFile manifest(out.get(), std::string(io::kManifestFile), impl_->options.file_mode,
                              (dir / std::string(io::kManifestFile)).string());
      manifest.write(io::manifest_text(summary, seals));
      manifest.finish();
      files::sync_directory(out.get(), temporary_path);
      io::publish(parent.get(), parent_path, temporary, name, directory);
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
  io::Manifest manifest;
  files::Fd dir;
  // The table files, opened (without following links) and checked against
  // the manifest before anything is written.
  std::map<std::string, files::Fd> opened;
  impl_->read([&] {
    io::check_restore_arguments(directory, impl_->depth > 0);
    dir = io::open_export_directory(directory);
    manifest = io::read_manifest(dir.get(), directory);
    io::check_restored_schema(manifest.summary.schema_version, schema_version());
    opened = io::open_table_files(dir.get(), manifest, directory);
  });
  ExportSummary summary = manifest.summary;
  impl_->write([&] {
    store::BulkCache cache(*impl_);
    const auto tables = store::checked_tables(impl_->db);
    // The manifest lists exactly the tables of this schema.
    std::set<std::string> expected;
    for (const store::ExportTableSpec* spec : tables) expected.insert(std::string(spec->name));
    io::check_listed_tables(summary, expected);
    // The target holds nothing a new database would not hold.
    {
      OpenOptions fresh_options;
      fresh_options.currency = std::string(impl_->currency.code());
      Database fresh(":memory:", fresh_options);
      for (const store::ExportTableSpec* spec : tables) {
        const std::int64_t rows = store::row_count(impl_->db, spec->name);
        io::require_new_table(spec->name, rows == store::row_count(fresh.impl().db, spec->name) &&
                                              (rows == 0 || store::table_text(impl_->db, *spec) ==
                                                                store::table_text(fresh.impl().db, *spec)));
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
      io::check_row_count(spec->name, rows, entry->rows);
    }
    {
      SQLite::Statement check(impl_->db, "PRAGMA foreign_key_check");
      if (check.executeStep()) {
        io::refuse_foreign_key(check.getColumn(0).getString(),
                               check.getColumn(1).isNull() ? std::nullopt : std::optional<std::int64_t>(check.getColumn(1).getInt64()),
                               check.getColumn(2).getString());
      }
    }
    store::check_derived(*impl_);
    io::check_restored_settings(directory, summary, impl_->meta("reporting_currency"), impl_->meta("clock"));
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
