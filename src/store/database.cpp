// The store's core: opening, pragmas, migrations, transactions, meta, clock.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <thread>

#include "contracts_internal.hpp"
#include "database_impl.hpp"
#include "sqlite_storage.hpp"
#include "pactum/io/files.hpp"

namespace pactum {

namespace store {

void rethrow_as_pactum_error(Lang lang) {
  try {
    throw;
  } catch (Error& e) {
    e.localize(lang);
    throw;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    const int extended = e.getExtendedErrorCode();
    Errc errc = Errc::storage;
    const char* key = "store.error";
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      errc = Errc::busy;
      key = "store.busy";
    } else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
      errc = Errc::corrupt;
      key = "store.corrupt";
    } else if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
      errc = Errc::conflict;
      key = "store.duplicate";
    } else if (code == SQLITE_NOMEM) {
      errc = Errc::out_of_memory;
      key = "core.out_of_memory";
    }
    raise_in(lang, errc, key, {{"detail", e.what()}});
  } catch (const std::bad_alloc&) {
    raise_in(lang, Errc::out_of_memory, "core.out_of_memory");
  } catch (const std::exception& e) {
    raise_in(lang, Errc::internal, "core.internal", {{"detail", e.what()}});
  }
}

}  // namespace store

namespace {

// Waits for another connection's lock with short sleeps (SQLite's default
// handler sleeps up to 100 ms at a time, which starves writers under
// contention), up to the handle's busy timeout.
int busy_handler(void* ctx, int count) {
  auto* impl = static_cast<Database::Impl*>(ctx);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) impl->busy_since = now;
  if (now - impl->busy_since > std::chrono::milliseconds(impl->options.busy_timeout_ms)) return 0;
  if (count < 8) {
    std::this_thread::yield();
  } else {
    const int micros = count < 64 ? 100 * (count / 8) : 2000;
    std::this_thread::sleep_for(std::chrono::microseconds(micros));
  }
  return 1;
}

std::string file_mode_text(unsigned mode) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0%o", mode);
  return buf;
}

bool is_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

// Creates a new database file with `mode` (0600 unless asked otherwise)
// before SQLite opens it: SQLite gives its -wal and -shm files the mode of
// the database file. An existing file (or a symbolic link) is left as it is.
void create_private_file(const std::string& path, unsigned mode) {
  if (is_memory(path) || path.rfind("file:", 0) == 0) return;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  if (errno == EEXIST) return;
  // Anything else (a missing directory, no permission): SQLite reports it.
}

SQLite::Database open_connection(const std::string& path, unsigned mode) {
  if (mode > 0777 || (mode & 0600) != 0600) raise(Errc::invalid_argument, "store.bad_file_mode", {{"mode", file_mode_text(mode)}});
  create_private_file(path, mode);
  return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
}

// SQLite's primary result codes of a COMMIT that failed while writing or
// syncing the log: its frames may be on disk and come back when the log is
// recovered (by the next connection to open the file after this one).
bool commit_may_have_persisted(int code) {
  switch (code & 0xFF) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_READONLY:
    case SQLITE_NOTADB:
      return true;
    default:
      return false;
  }
}

}  // namespace

Database::Impl::Impl(const std::string& db_path, const OpenOptions& opts)
    : path(db_path), options(opts), lang(opts.lang), db(open_connection(db_path, opts.file_mode)) {
  sqlite3_busy_handler(db.getHandle(), &busy_handler, this);
  db.exec("PRAGMA foreign_keys = ON");
  if (path != ":memory:" && !path.empty()) {
    SQLite::Statement mode(db, "PRAGMA journal_mode = WAL");
    mode.executeStep();
  }
  db.exec(options.durability == Durability::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  migrate();
  currency = Currency::of(meta("reporting_currency").value_or("CNY"));
  if (options.currency && *options.currency != currency.code()) {
    raise(Errc::conflict, "store.currency_differs",
          {{"requested", *options.currency}, {"currency", std::string(currency.code())}});
  }
}

store::Statement Database::Impl::statement(std::string_view sql) const {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db, std::string(sql))).first;
  }
  return store::Statement(*it->second);
}

void Database::Impl::check_thread() const {
  if (depth > 0 && owner != std::this_thread::get_id()) raise(Errc::invalid_state, "store.other_thread");
}

void Database::Impl::check_writable() const {
  if (reopen_required) raise(Errc::invalid_state, "store.reopen_required");
}

std::vector<std::string> Database::Impl::own_files() const {
  if (is_memory(path)) return {};
  std::vector<std::string> out;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) out.push_back(path + suffix);
  return out;
}

void Database::Impl::begin() {
  check_writable();
  if (depth == 0) {
    db.exec("BEGIN IMMEDIATE");
    owner = std::this_thread::get_id();
  } else {
    savepoint(kSavepoint, depth);
  }
  ++depth;
}

void Database::Impl::savepoint(SavepointVerb verb, int level) {
  auto& cached = savepoint_statements_[verb];
  const auto index = static_cast<std::size_t>(level);
  if (cached.size() <= index) cached.resize(index + 1);
  if (!cached[index]) {
    static const char* const kVerbs[] = {"SAVEPOINT pactum_", "RELEASE pactum_", "ROLLBACK TO pactum_"};
    cached[index] = std::make_unique<SQLite::Statement>(db, kVerbs[verb] + std::to_string(level));
  }
  SQLite::Statement& st = *cached[index];
  try {
    st.exec();
  } catch (...) {
    st.tryReset();
    throw;
  }
  st.tryReset();
}

void Database::Impl::commit() {
  if (depth == 0) raise(Errc::invalid_state, "store.no_transaction");
  if (depth == 1) {
    // The clock may have passed end dates (a new clock, a contract activated
    // after its end): they expire with the change that finds them. Time
    // passes only through the clock: a database whose clock was never set
    // (read as the host's date) expires nothing by itself.
    if (const auto clock = meta("clock")) store::expire_contracts(*this, Date::parse(*clock));
    commit_outermost();
    depth = 0;
    run_after_commit();
  } else {
    --depth;
    savepoint(kRelease, depth);
  }
}

void Database::Impl::commit_outermost() {
  try {
    db.exec("COMMIT");
  } catch (const SQLite::Exception& e) {
    if (!commit_may_have_persisted(e.getErrorCode())) throw;  // still open, or rolled back: the caller rolls back
    const std::string detail = e.what();
    rollback();
    if (prove_absent()) raise(Errc::storage, "store.commit_failed", {{"detail", detail}});
    reopen_required = true;
    raise(Errc::outcome_unknown, "store.outcome_unknown", {{"detail", detail}});
  }
}

// After a failed COMMIT, SQLite rolled back in memory, but frames of the
// transaction (all of them, with the commit mark, when only the sync failed)
// may be in the log, where recovery would find them. A checkpoint that
// empties the log, made durable, proves them gone; when that cannot be done,
// the outcome is unknown.
bool Database::Impl::prove_absent() noexcept {
  if (is_memory(path)) return true;  // nothing outlives the handle
  sqlite3* handle = db.getHandle();
  if (!sqlite3_get_autocommit(handle)) return false;
  const int timeout = options.busy_timeout_ms;
  options.busy_timeout_ms = std::min(timeout, 1000);
  int log = -1;
  int checkpointed = -1;
  const int rc = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &checkpointed);
  options.busy_timeout_ms = timeout;
  if (rc != SQLITE_OK) return false;
  const char* wal = sqlite3_filename_wal(sqlite3_db_filename(handle, "main"));
  if (wal == nullptr) return false;
  const int fd = ::open(wal, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;
  struct stat st {};
  const bool empty = ::fstat(fd, &st) == 0 && st.st_size == 0 && ::fsync(fd) == 0;
  ::close(fd);
  return empty;
}

void Database::Impl::rollback() noexcept {
  if (depth == 0) return;
  try {
    if (depth == 1) {
      db.exec("ROLLBACK");
    } else {
      savepoint(kRollbackTo, depth - 1);
      savepoint(kRelease, depth - 1);
    }
  } catch (...) {
    // SQLite may already have rolled back (e.g. after an I/O error); the
    // transaction is over either way.
    if (depth == 1 && !sqlite3_get_autocommit(db.getHandle())) {
      sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  --depth;
  std::erase_if(pending_after_commit, [&](const auto& p) { return p.first > depth; });
  for (auto& hook : rollback_hooks) hook();
}

void Database::Impl::run_after_commit() {
  auto pending = std::move(pending_after_commit);
  pending_after_commit.clear();
  for (auto& [level, fn] : pending) {
    (void)level;
    in_callback = true;
    try {
      fn();
    } catch (...) {
      // Callbacks run after the commit; nothing left to undo. Their own
      // errors are theirs (documented on each listener API).
    }
    in_callback = false;
  }
}

store::Storage& Database::Impl::storage() const {
  // The handle is never a const object: reads are const only for the callers.
  if (!storage_) storage_ = store::make_sqlite_storage(const_cast<Database::Impl&>(*this));
  return *storage_;
}

std::optional<std::string> Database::Impl::meta(std::string_view key) const { return storage().meta(key); }

void Database::Impl::set_meta(std::string_view key, std::string_view value) { storage().set_meta(key, value); }

void Database::Impl::migrate() {
  const auto& all = store::migrations();
  const int latest = all.back().version;
  auto current = [&] { return db.execAndGet("PRAGMA user_version").getInt(); };
  if (current() > latest) {
    raise(Errc::schema_too_new, "store.schema_too_new",
          {{"found", std::to_string(current())}, {"supported", std::to_string(latest)}});
  }
  if (current() == latest) return;
  db.exec("BEGIN IMMEDIATE");
  try {
    const int found = current();  // another process may have migrated meanwhile
    if (found > latest) {
      raise(Errc::schema_too_new, "store.schema_too_new",
            {{"found", std::to_string(found)}, {"supported", std::to_string(latest)}});
    }
    for (const store::Migration& m : all) {
      if (m.version <= found) continue;
      db.exec(m.sql);
    }
    if (found == 0) {
      set_meta("reporting_currency", options.currency ? std::string(Currency::of(*options.currency).code()) : "CNY");
    }
    db.exec("PRAGMA user_version = " + std::to_string(latest));
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

// ---- Database ---------------------------------------------------------------

int Database::schema_version() noexcept { return store::migrations().back().version; }

Database::Database(const std::string& path, OpenOptions options) {
  try {
    impl_ = std::make_unique<Impl>(path, options);
  } catch (...) {
    store::rethrow_as_pactum_error(options.lang);
  }
}

Database::~Database() {
  if (impl_) {
    std::lock_guard<std::recursive_mutex> lock(impl_->mutex);
    while (impl_->depth > 0) impl_->rollback();
    for (auto& hook : impl_->close_hooks) hook();
  }
}

Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

const std::string& Database::path() const noexcept { return impl_->path; }
Lang Database::lang() const noexcept { return impl_->lang; }
void Database::set_lang(Lang lang) noexcept { impl_->lang = lang; }
Currency Database::reporting_currency() const { return impl_->currency; }

Database::Transaction Database::transaction() {
  return impl_->read([&] {
    if (impl_->in_callback) raise(Errc::invalid_state, "store.write_in_callback");
    impl_->begin();
    return Transaction(this, impl_->depth);
  });
}

bool Database::in_transaction() const noexcept {
  std::lock_guard<std::recursive_mutex> lock(impl_->mutex);
  return impl_->depth > 0;
}

Database::Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_), depth_(other.depth_) {
  other.db_ = nullptr;
}

Database::Transaction::~Transaction() {
  if (db_ != nullptr) {
    try {
      rollback();
    } catch (...) {
      // A destructor never throws; the level is closed regardless.
    }
  }
}

void Database::Transaction::commit() {
  if (db_ == nullptr) raise(Errc::invalid_state, "store.transaction_closed");
  Impl& impl = db_->impl();
  impl.read([&] {
    if (impl.depth != depth_) raise(Errc::invalid_state, "store.transaction_order");
    try {
      impl.commit();
    } catch (...) {
      impl.rollback();
      db_ = nullptr;
      throw;
    }
    db_ = nullptr;
  });
}

void Database::Transaction::rollback() {
  if (db_ == nullptr) raise(Errc::invalid_state, "store.transaction_closed");
  Impl& impl = db_->impl();
  impl.read([&] {
    if (impl.depth != depth_) raise(Errc::invalid_state, "store.transaction_order");
    impl.rollback();
    db_ = nullptr;
  });
}

std::optional<Date> Database::clock() const {
  return impl_->read([&]() -> std::optional<Date> {
    auto value = impl_->meta("clock");
    if (!value) return std::nullopt;
    return Date::parse(*value);
  });
}

Date Database::today() const {
  if (auto c = clock()) return *c;
  return Date::today();
}

}  // namespace pactum
