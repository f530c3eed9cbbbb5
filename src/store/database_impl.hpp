// Internal: the state behind a pactum::Database and the helpers every
// domain's storage code uses (cached statements, atomic writes, error
// translation). Only src/store/ includes this file and speaks SQL.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "pactum/store/database.hpp"

namespace pactum {

namespace store {

struct NumberingState;  // numbering_store.hpp: per-connection numbering caches
struct RoutingState;    // routing.cpp: the compiled current routing table
struct KpiEngineState;  // kpi_engine.cpp: the incremental KPI engine and its listeners
class Storage;          // backend.hpp: the storage interface

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

// Every schema version in order; the last one is Database::schema_version().
const std::vector<Migration>& migrations();

// Converts the exception in flight (SQLite's or the standard library's) into
// the matching pactum::Error and throws it localised to `lang`. Pactum errors
// are only localised.
[[noreturn]] void rethrow_as_pactum_error(Lang lang);

// A cached prepared statement, reset and unbound when the reference dies.
class Statement {
 public:
  explicit Statement(SQLite::Statement& st) noexcept : st_(&st) {}
  Statement(Statement&& o) noexcept : st_(o.st_) { o.st_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (st_ != nullptr) {
      // tryReset: after a failed step, reset() would throw the step's error
      // again, from a destructor.
      st_->tryReset();
      try {
        st_->clearBindings();
      } catch (...) {
        // sqlite3_clear_bindings cannot fail; nothing to do in a destructor.
      }
    }
  }
  SQLite::Statement* operator->() const noexcept { return st_; }
  SQLite::Statement& operator*() const noexcept { return *st_; }

 private:
  SQLite::Statement* st_;
};

}  // namespace store

struct Database::Impl {
  Impl(const std::string& path, const OpenOptions& options);

  std::string path;
  OpenOptions options;
  Lang lang;
  SQLite::Database db;
  Currency currency;
  mutable std::recursive_mutex mutex;

  // Transaction depth: 0 none, 1 BEGIN IMMEDIATE, >1 savepoints.
  int depth = 0;
  // The thread that opened the transaction (meaningful while depth > 0): a
  // transaction belongs to one thread, and calls from any other thread are
  // refused while it is open (check_thread).
  std::thread::id owner;
  // Set when a commit failed in a way that may have kept it (Errc::
  // outcome_unknown): every write through this handle is refused until it is
  // closed and the database reopened.
  bool reopen_required = false;
  // Set while a listener runs: writes through this handle are refused.
  bool in_callback = false;
  // When the current wait for another connection's lock began.
  std::chrono::steady_clock::time_point busy_since;
  // Numbering caches of this connection (compiled patterns, fast-mode
  // blocks); created on first use by src/store/numbering.cpp.
  std::shared_ptr<store::NumberingState> numbering;
  // The compiled routing table last used by this connection; created on
  // first use by src/store/routing.cpp.
  std::shared_ptr<store::RoutingState> routing;
  // The incremental KPI engine of this connection; created on first use by
  // src/store/kpi_engine.cpp.
  std::shared_ptr<store::KpiEngineState> kpi;

  // A cached statement for a static SQL text; keep the SQL a string literal.
  store::Statement statement(std::string_view sql) const;

  // Runs `fn` as one atomic write: its own BEGIN IMMEDIATE ... COMMIT, or a
  // savepoint inside the caller's transaction. On any failure the database is
  // rolled back to where it was and the error rethrown in the handle's
  // language.
  template <class Fn>
  auto write(Fn&& fn) -> decltype(fn());
  // Runs a read under the handle's lock with errors localised.
  template <class Fn>
  auto read(Fn&& fn) const -> decltype(fn());

  void begin();                 // depth 0 -> 1, or a new savepoint
  void commit();                // closes the innermost level
  void rollback() noexcept;     // undoes the innermost level
  // A StateError when a transaction of another thread is open on the handle.
  void check_thread() const;
  // A StateError when an earlier commit's outcome is unknown.
  void check_writable() const;
  // The files of the database (the file and its -wal, -shm and -journal
  // files; none in memory): outputs must never be written over them.
  std::vector<std::string> own_files() const;

  // Called after any rollback: caches derived from the database must forget
  // what they hold (they are refilled from the database).
  void on_rollback(std::function<void()> hook) { rollback_hooks.push_back(std::move(hook)); }
  // Runs the rollback hooks without a rollback: after the content of the
  // database was replaced wholesale (a restore), derived caches start afresh.
  void forget_cached_state() {
    for (auto& hook : rollback_hooks) hook();
  }
  // Queued to run after the outermost COMMIT (dropped if its level rolls back).
  void after_commit(std::function<void()> fn) { pending_after_commit.push_back({depth, std::move(fn)}); }
  // Run when the handle closes, after an open transaction was rolled back
  // (e.g. to save derived state); they must not throw.
  void on_close(std::function<void()> hook) { close_hooks.push_back(std::move(hook)); }
  std::vector<std::function<void()>> close_hooks;

  // The storage interface of this handle (backend.hpp), on its connection.
  store::Storage& storage() const;

  // Key/value settings of the database (reporting currency, clock, ...).
  std::optional<std::string> meta(std::string_view key) const;
  void set_meta(std::string_view key, std::string_view value);

 private:
  void run_after_commit();
  void migrate();
  // COMMIT of the outermost level; a failure that may have left the
  // transaction in the log is Errc::outcome_unknown unless prove_absent().
  void commit_outermost();
  bool prove_absent() noexcept;
  // Runs SAVEPOINT / RELEASE / ROLLBACK TO pactum_<level> through statements
  // prepared once per level (savepoints wrap every write inside a caller's
  // transaction: parsing them each time showed in batch benchmarks).
  enum SavepointVerb { kSavepoint, kRelease, kRollbackTo };
  void savepoint(SavepointVerb verb, int level);

  mutable std::unordered_map<std::string_view, std::unique_ptr<SQLite::Statement>> statements_;
  mutable std::shared_ptr<store::Storage> storage_;
  std::vector<std::function<void()>> rollback_hooks;
  std::vector<std::pair<int, std::function<void()>>> pending_after_commit;
  std::vector<std::unique_ptr<SQLite::Statement>> savepoint_statements_[3];
};

template <class Fn>
auto Database::Impl::write(Fn&& fn) -> decltype(fn()) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  try {
    check_thread();
    if (in_callback) raise(Errc::invalid_state, "store.write_in_callback");
    begin();
    try {
      if constexpr (std::is_void_v<decltype(fn())>) {
        fn();
        commit();
      } else {
        auto result = fn();
        commit();
        return result;
      }
    } catch (...) {
      rollback();
      throw;
    }
  } catch (...) {
    store::rethrow_as_pactum_error(lang);
  }
}

template <class Fn>
auto Database::Impl::read(Fn&& fn) const -> decltype(fn()) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  try {
    check_thread();
    return fn();
  } catch (...) {
    store::rethrow_as_pactum_error(lang);
  }
}

}  // namespace pactum
