// pactum::Database — one SQLite database file holding everything: numbering
// rules and counters, the org directory, contracts, the append-only event log,
// routing tables, KPI templates and snapshots.
//
// Every public write is atomic: one BEGIN IMMEDIATE transaction, or a
// savepoint inside the caller's open transaction() so that several writes can
// be grouped and rolled back together. A failed write leaves the database
// exactly as it was.
//
// Threading: a Database is one SQLite connection. Open one handle per thread
// (they may share one file, also across processes). Calls on one handle from
// several threads are serialised by a mutex, but an open transaction belongs
// to the handle, not to a thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "pactum/numbering/pattern.hpp"

namespace pactum {

// How commits reach the disk.
enum class Durability {
  full,    // synchronous=FULL: a committed number survives power loss (default)
  normal,  // synchronous=NORMAL: faster; the last commits may be lost on power loss
};

struct OpenOptions {
  // Language of error messages and texts produced through this handle.
  Lang lang = Lang::en;
  // Reporting currency of a *new* database (default CNY); an existing
  // database keeps its own and a different value here is a ConflictError.
  std::optional<std::string> currency;
  Durability durability = Durability::full;
  // How long a write waits for another connection's lock before PACTUM_EBUSY.
  int busy_timeout_ms = 30000;
};

class Database {
 public:
  // The schema version this library writes. Older databases are migrated
  // forward when opened; newer ones are refused with PACTUM_ESCHEMA.
  static int schema_version() noexcept;

  // Opens (creating if needed) the database at `path`; ":memory:" is a
  // private in-memory database.
  explicit Database(const std::string& path, OpenOptions options = {});
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const noexcept;
  Lang lang() const noexcept;
  void set_lang(Lang lang) noexcept;
  Currency reporting_currency() const;

  // ---- Transactions ------------------------------------------------------
  // Groups writes: every write until commit() is kept or undone together.
  // Nested transactions are savepoints. Destroying an open Transaction rolls
  // it back. Transactions close in the reverse order of opening.
  class Transaction {
   public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    void commit();
    void rollback();
    bool open() const noexcept { return db_ != nullptr; }

   private:
    friend class Database;
    Transaction(Database* db, int depth) noexcept : db_(db), depth_(depth) {}
    Database* db_;
    int depth_;
  };
  Transaction transaction();
  bool in_transaction() const noexcept;

  // ---- Clock ---------------------------------------------------------------
  // The database clock: the date of the last advance_to(), or the host's
  // local date if the clock was never set. It is only the default of `on=`
  // and `as_of`; calculations never read the host's clock.
  Date today() const;
  std::optional<Date> clock() const;

  // ---- Numbering -----------------------------------------------------------
  // Defines a numbering rule, or a new version of it (counters continue where
  // the scope key is unchanged). Returns the version number.
  int define_numbering(const std::string& rule_id, const std::string& pattern,
                       NumberingMode mode = NumberingMode::gapless);
  NumberingRuleInfo numbering_rule(const std::string& rule_id) const;
  std::vector<NumberingRuleInfo> numbering_rules() const;
  // The number issue_number() would give now, without consuming it.
  std::string preview_number(const std::string& rule_id, std::optional<Date> on, const NumberFields& fields);
  // Issues the next number of the rule's scope and registers it (unique).
  std::string issue_number(const std::string& rule_id, std::optional<Date> on, const NumberFields& fields,
                           const std::optional<std::string>& owner = std::nullopt);
  ParsedNumber parse_number(const std::string& rule_id, const std::string& number) const;
  // Marks an issued number void from `on` (default: the database clock); it
  // stays in the registry and is never issued again.
  void void_number(const std::string& number, const std::string& reason, std::optional<Date> on = std::nullopt);
  IssuedNumber issued_number(const std::string& number) const;
  // Issued numbers starting with `prefix`, in order, at most `limit`, after
  // `after` (the last number of the previous page).
  std::vector<std::string> find_numbers(const std::string& prefix, int limit = 50,
                                        const std::optional<std::string>& after = std::nullopt) const;

  // Internal: the implementation shared by the library's compiled parts.
  struct Impl;
  Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace pactum
