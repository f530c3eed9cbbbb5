// Database::export_to and Database::import_export: every table as JSON Lines
// in primary-key order, with a manifest, and its restoration into an empty
// database. The tables and the kinds of their columns are listed once, in
// export_tables.cpp; the SQL here is built from that list and from the
// schema SQLite reports, never from data. The format, the files on disk and
// the checks of a restore are the io module's (src/io/export_format.hpp).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <thread>

#include "../core/sha256.hpp"
#include "../io/export_format.hpp"
#include "../io/records.hpp"
#include "../io/restore_rows.hpp"
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
    st.bindNoCopy(index, *t);  // the value outlives the insert's execution
  } else if (const auto* b = std::get_if<io::RestoredBytes>(&value)) {
    st.bindNoCopy(index, static_cast<const void*>(b->bytes.data()), static_cast<int>(b->bytes.size()));
  } else {
    st.bind(index);
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
  io::RestoredRows rows_of_file(io::fd_source(fd, shown), spec, io::kMaxRestoredRow);
  std::int64_t rows = 0;
  while (rows_of_file.next()) {
    try {
      const std::vector<io::RestoredValue>& row = rows_of_file.values();
      for (std::size_t i = 0; i < row.size(); ++i) bind_value(insert, static_cast<int>(i + 1), row[i]);
      insert.exec();
      insert.reset();
    } catch (const Error& e) {
      insert.tryReset();
      io::refuse_restored_line(e.code(), file, rows_of_file.line(), e.message(impl.lang));
    } catch (const SQLite::Exception&) {
      // A constraint of the schema (a duplicate key, a check) refused the row.
      insert.tryReset();
      io::refuse_restored_line(Errc::invalid_argument, file, rows_of_file.line(),
                               render_message("io.restore_constraint", impl.lang, {{"table", std::string(spec.name)}}));
    }
    ++rows;
  }
  return rows;
}

// The indexes of `table` made by CREATE INDEX that are not UNIQUE, as
// (name, SQL). A restore drops them while the table's rows are loaded and
// builds them again afterwards: one sort per index instead of an index
// insert per row. UNIQUE indexes stay, so that a duplicate is refused on its
// line.
std::vector<std::pair<std::string, std::string>> deferrable_indexes(SQLite::Database& db, std::string_view table) {
  SQLite::Statement st(db,
                       "SELECT m.name, m.sql FROM pragma_index_list(?1) l JOIN sqlite_master m "
                       "ON m.type = 'index' AND m.name = l.name "
                       "WHERE l.origin = 'c' AND l.\"unique\" = 0 AND m.sql IS NOT NULL ORDER BY m.name");
  st.bind(1, std::string(table));
  std::vector<std::pair<std::string, std::string>> out;
  while (st.executeStep()) out.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
  return out;
}

// Foreign keys are not enforced row by row while it lives (the pragma only
// takes effect outside a transaction): a restore checks them all at the end
// with PRAGMA foreign_key_check instead.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(SQLite::Database& db) : db_(db) { db_.exec("PRAGMA foreign_keys = OFF"); }
  ~ForeignKeysOff() {
    try {
      db_.exec("PRAGMA foreign_keys = ON");
    } catch (...) {
      // Only fails inside a transaction, which the restore has closed.
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  SQLite::Database& db_;
};

// The seals of an export's table files (manifest version 2), checked on a
// thread of their own while the rows are restored: hashing every byte in a
// pass of its own before the restore was a quarter of its time. A file that
// does not match its seal stays the error of the restore, whatever else went
// wrong: the restore asks (require_sealed) before it commits and before it
// reports any other error, and the first file in manifest order that does
// not match is named, as when the seals were checked first.
class SealCheck {
 public:
  SealCheck(const io::Manifest& manifest, const std::map<std::string, files::Fd>& opened, const std::string& directory) {
    if (manifest.version < 2) return;
    for (std::size_t i = 0; i < manifest.summary.tables.size(); ++i) {
      const std::string file = manifest.summary.tables[i].name + ".jsonl";
      files_.push_back({opened.at(file).get(), manifest.seals[i], file, (fs::path(directory) / file).string()});
    }
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      run();  // no thread to be had: check them here
    }
  }
  ~SealCheck() {
    if (thread_.joinable()) thread_.join();
  }
  SealCheck(const SealCheck&) = delete;
  SealCheck& operator=(const SealCheck&) = delete;

  // Waits for the check; raises the error of the first file that does not
  // match its seal (or could not be read).
  void require_sealed() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  struct File {
    int fd;
    io::FileSeal seal;
    std::string name;
    std::string shown;
  };

  void run() noexcept {
    try {
      for (const File& f : files_) io::check_seal(f.fd, f.seal, f.name, f.shown);
    } catch (...) {
      error_ = std::current_exception();
    }
  }

  std::vector<File> files_;
  std::exception_ptr error_;
  std::thread thread_;
};

// Derived tables against the log they derive from: each contract's stored
// collected total equals the sum of its payment events, and the tracking
// index names no event beyond the log.
void check_derived(Database::Impl& impl) {
  {
    // The payments summed in one scan of the log (per contract through the
    // index, it took longer than restoring the totals).
    SQLite::Statement st(impl.db,
                         "WITH paid AS MATERIALIZED (SELECT contract, SUM(amount) AS total FROM events NOT INDEXED "
                         "WHERE type IN (?, ?) GROUP BY contract) "
                         "SELECT c.number, t.collected, COALESCE(p.total, 0) "
                         "FROM contracts c LEFT JOIN contract_totals t ON t.contract = c.id "
                         "LEFT JOIN paid p ON p.contract = c.id ORDER BY c.id");
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

// Restores every table of the export (its files open in `opened`) into the
// database, inside the caller's write, and checks the result.
void restore_tables(Database::Impl& impl, const ExportSummary& summary, const std::map<std::string, files::Fd>& opened,
                    const std::string& directory) {
  BulkCache cache(impl);
  const auto tables = checked_tables(impl.db);
  // The manifest lists exactly the tables of this schema.
  std::set<std::string> expected;
  for (const ExportTableSpec* spec : tables) expected.insert(std::string(spec->name));
  io::check_listed_tables(summary, expected);
  // The target holds nothing a new database would not hold.
  {
    OpenOptions fresh_options;
    fresh_options.currency = std::string(impl.currency.code());
    Database fresh(":memory:", fresh_options);
    for (const ExportTableSpec* spec : tables) {
      const std::int64_t rows = row_count(impl.db, spec->name);
      io::require_new_table(spec->name, rows == row_count(fresh.impl().db, spec->name) &&
                                            (rows == 0 || table_text(impl.db, *spec) == table_text(fresh.impl().db, *spec)));
    }
  }
  impl.db.exec("PRAGMA defer_foreign_keys = ON");  // in case foreign keys are on after all
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) impl.db.exec("DELETE FROM " + sql_name((*it)->name));
  for (const ExportTableSpec* spec : tables) {
    const std::string file = std::string(spec->name) + ".jsonl";
    const auto indexes = deferrable_indexes(impl.db, spec->name);
    for (const auto& index : indexes) impl.db.exec("DROP INDEX " + sql_name(index.first));
    const std::int64_t rows =
        restore_table(impl, *spec, opened.at(file).get(), file, (fs::path(directory) / file).string());
    for (const auto& index : indexes) impl.db.exec(index.second);
    const auto entry = std::find_if(summary.tables.begin(), summary.tables.end(),
                                    [&](const ExportTable& t) { return t.name == spec->name; });
    io::check_row_count(spec->name, rows, entry->rows);
  }
  {
    SQLite::Statement check(impl.db, "PRAGMA foreign_key_check");
    if (check.executeStep()) {
      io::refuse_foreign_key(check.getColumn(0).getString(),
                             check.getColumn(1).isNull() ? std::nullopt : std::optional<std::int64_t>(check.getColumn(1).getInt64()),
                             check.getColumn(2).getString());
    }
  }
  check_derived(impl);
  io::check_restored_settings(directory, summary, impl.meta("reporting_currency"), impl.meta("clock"));
  impl.forget_cached_state();
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
  // The table files, opened (without following links) before anything is
  // written; their seals are checked while they are restored.
  std::map<std::string, files::Fd> opened;
  impl_->read([&] {
    io::check_restore_arguments(directory, impl_->depth > 0);
    dir = io::open_export_directory(directory);
    manifest = io::read_manifest(dir.get(), directory);
    io::check_restored_schema(manifest.summary.schema_version, schema_version());
    try {
      // The seals are checked while the rows are restored (SealCheck).
      opened = io::open_table_files(dir.get(), manifest, directory, false);
    } catch (const Error&) {
      // The error a check of the seals as the files are opened gives.
      io::open_table_files(dir.get(), manifest, directory);
      throw;
    }
  });
  ExportSummary summary = manifest.summary;
  impl_->read([&] {
    // Foreign keys are checked once, after the last row (ForeignKeysOff);
    // the seals while the rows are restored (SealCheck).
    const store::ForeignKeysOff unchecked(impl_->db);
    store::SealCheck seals(manifest, opened, directory);
    impl_->write([&] {
      try {
        store::restore_tables(*impl_, summary, opened, directory);
        seals.require_sealed();
      } catch (...) {
        seals.require_sealed();
        throw;
      }
    });
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
