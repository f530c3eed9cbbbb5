// The storage interface on SQLite (src/store/backend.hpp): settings, numbering
// counters, the event log and the KPI snapshot, through the handle's cached
// statements and its transactions (BEGIN IMMEDIATE, then savepoints). Each
// domain's records are in sqlite_<domain>.cpp.
#include "sqlite_storage.hpp"

#include <sqlite3.h>

#include "bulk_cache.hpp"
#include "contracts_internal.hpp"

namespace pactum::store {

namespace {

#define PACTUM_EVENT_COLUMNS                                                                               \
  "SELECT e.seq, e.type, e.contract, e.effective, e.recorded_at, e.actor, e.source, e.idem_key, e.amount, " \
  "e.ref, e.value, e.reason, e.payload, c.currency FROM events e LEFT JOIN contracts c ON c.id = e.contract "

Event event_from_row(SQLite::Statement& st) {
  Event e;
  e.seq = st.getColumn(0).getInt64();
  e.type = static_cast<EventType>(st.getColumn(1).getInt());
  e.contract = optional_int(st.getColumn(2));
  e.effective = Date::parse(st.getColumn(3).getString());
  e.recorded_at = st.getColumn(4).getString();
  e.actor = optional_text(st.getColumn(5));
  e.source = st.getColumn(6).getString();
  e.key = optional_text(st.getColumn(7));
  if (!st.getColumn(8).isNull()) {
    const Currency currency = st.getColumn(13).isNull() ? Currency() : Currency::of(st.getColumn(13).getString());
    e.amount = Money::from_units(st.getColumn(8).getInt64(), currency);
  }
  e.ref = optional_int(st.getColumn(9));
  e.value = optional_int(st.getColumn(10));
  e.reason = optional_text(st.getColumn(11));
  if (!st.getColumn(12).isNull()) e.payload = st.getColumn(12).getString();
  return e;
}

class SqliteStorage final : public Storage {
 public:
  explicit SqliteStorage(Database::Impl& impl)
      : impl_(impl),
        org_(make_sqlite_org_records(impl)),
        numbering_(make_sqlite_numbering_records(impl)),
        contracts_(make_sqlite_contracts_records(impl)),
        approval_(make_sqlite_approval_records(impl)),
        kpi_(make_sqlite_kpi_records(impl)),
        tracking_(make_sqlite_tracking_records(impl)) {}

  void begin() override { impl_.begin(); }
  void commit() override { impl_.commit(); }
  void rollback() noexcept override { impl_.rollback(); }

  std::uint64_t data_version() override {
    unsigned version = 0;
    sqlite3_file_control(impl_.db.getHandle(), "main", SQLITE_FCNTL_DATA_VERSION, &version);
    return version;
  }

  void begin_read() override { impl_.statement("BEGIN")->exec(); }
  void end_read() override { impl_.statement("COMMIT")->exec(); }
  void abandon_read() noexcept override { quiet_rollback(); }

  bool try_begin_quiet() override {
    const int timeout = impl_.options.busy_timeout_ms;
    impl_.options.busy_timeout_ms = 0;
    bool begun = false;
    try {
      impl_.statement("BEGIN IMMEDIATE")->exec();
      begun = true;
    } catch (const SQLite::Exception&) {
      // Another connection holds the lock.
    }
    impl_.options.busy_timeout_ms = timeout;
    return begun;
  }
  void commit_quiet() override { impl_.statement("COMMIT")->exec(); }
  void rollback_quiet() noexcept override { quiet_rollback(); }

  // A page cache of at least kBulkCacheKiB for the bulk write: a file's rows
  // touch index pages all over, and SQLite's default of 2 MiB makes it spill
  // pages to the log mid-transaction. The connection's own setting comes
  // back afterwards.
  void begin_bulk() override {
    if (bulk_depth_++ > 0) return;
    SQLite::Statement size(impl_.db, "PRAGMA cache_size");
    size.executeStep();
    previous_cache_ = size.getColumn(0).getInt64();
    SQLite::Statement page(impl_.db, "PRAGMA page_size");
    page.executeStep();
    const std::int64_t kib =
        previous_cache_ < 0 ? -previous_cache_ : previous_cache_ * page.getColumn(0).getInt64() / 1024;
    cache_raised_ = kib < kBulkCacheKiB;
    if (cache_raised_) impl_.db.exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB));
  }

  void end_bulk() noexcept override {
    if (bulk_depth_ == 0 || --bulk_depth_ > 0 || !cache_raised_) return;
    cache_raised_ = false;
    try {
      impl_.db.exec("PRAGMA cache_size = " + std::to_string(previous_cache_));
    } catch (...) {
      // Only a cache size: the connection works either way.
    }
  }

  std::optional<std::string> meta(std::string_view key) const override {
    auto st = impl_.statement("SELECT value FROM meta WHERE key = ?");
    st->bind(1, std::string(key));
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::vector<std::pair<std::string, std::string>> meta_with_prefix(std::string_view prefix) override {
    // Keys from the prefix up to (not including) the prefix's successor in
    // byte order: "label." -> "label/".
    std::string upper(prefix);
    while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xFF) upper.pop_back();
    if (!upper.empty()) upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
    auto st = upper.empty() ? impl_.statement("SELECT key, value FROM meta WHERE key >= ? ORDER BY key")
                            : impl_.statement("SELECT key, value FROM meta WHERE key >= ? AND key < ? ORDER BY key");
    st->bind(1, std::string(prefix));
    if (!upper.empty()) st->bind(2, upper);
    std::vector<std::pair<std::string, std::string>> out;
    while (st->executeStep()) out.emplace_back(st->getColumn(0).getString(), st->getColumn(1).getString());
    return out;
  }

  void set_meta(std::string_view key, std::string_view value) override {
    auto st = impl_.statement(
        "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st->bind(1, std::string(key));
    st->bind(2, std::string(value));
    st->exec();
  }

  // The next sequence is the larger of next_seq and one past the highest
  // sequence the counter issued (a registry row written by an older version
  // or an import may be ahead of next_seq).
  CounterRow counter(const std::string& rule, const std::string& scope) override {
    auto st = impl_.statement(
        "SELECT c.id, MAX(c.next_seq, IFNULL((SELECT MAX(i.seq) FROM numbering_issued i WHERE i.counter = c.id), 0) + 1) "
        "FROM numbering_counter c WHERE c.rule_id = ? AND c.scope = ?");
    st->bind(1, rule);
    st->bind(2, scope);
    if (!st->executeStep()) return CounterRow{};
    return CounterRow{st->getColumn(0).getInt64(), st->getColumn(1).getInt64()};
  }

  void store_counter(CounterRow& c, const std::string& rule, const std::string& scope, std::int64_t next) override {
    if (c.id == 0) {
      auto st = impl_.statement("INSERT INTO numbering_counter(rule_id, scope, next_seq) VALUES (?, ?, ?)");
      st->bind(1, rule);
      st->bind(2, scope);
      st->bind(3, next);
      st->exec();
      c.id = impl_.db.getLastInsertRowid();
    } else {
      auto st = impl_.statement("UPDATE numbering_counter SET next_seq = ? WHERE id = ?");
      st->bind(1, next);
      st->bind(2, c.id);
      st->exec();
    }
    c.next = next;
  }

  std::optional<std::int64_t> append_event(const NewEvent& ev, const std::string& recorded_at) override {
    auto st = impl_.statement(
        "INSERT INTO events(type, contract, effective, recorded_at, actor, source, idem_key, amount, ref, value, "
        "reason, payload) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    st->bind(1, static_cast<int>(ev.type));
    bind_optional(*st, 2, ev.contract);
    st->bind(3, ev.effective.to_string());
    st->bind(4, recorded_at);
    bind_optional(*st, 5, ev.actor);
    st->bind(6, ev.source);
    bind_optional(*st, 7, ev.key);
    bind_optional(*st, 8, ev.amount);
    bind_optional(*st, 9, ev.ref);
    bind_optional(*st, 10, ev.value);
    bind_optional(*st, 11, ev.reason);
    if (ev.payload.empty()) {
      st->bind(12);
    } else {
      st->bind(12, ev.payload);
    }
    if (st->exec() != 1) return std::nullopt;
    return impl_.db.getLastInsertRowid();
  }

  std::optional<Event> event(std::int64_t seq) override {
    auto st = impl_.statement(PACTUM_EVENT_COLUMNS "WHERE e.seq = ?");
    st->bind(1, static_cast<std::int64_t>(seq));
    if (!st->executeStep()) return std::nullopt;
    return event_from_row(*st);
  }

  std::optional<std::int64_t> keyed_event(const std::string& source, const std::string& key) override {
    auto st = impl_.statement("SELECT seq FROM events WHERE source = ? AND idem_key = ?");
    st->bind(1, source);
    st->bind(2, key);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

  std::vector<Event> events_after(std::int64_t after_seq, int limit) override {
    auto st = impl_.statement(PACTUM_EVENT_COLUMNS "WHERE e.seq > ? ORDER BY e.seq LIMIT ?");
    st->bind(1, static_cast<std::int64_t>(after_seq));
    st->bind(2, limit);
    std::vector<Event> out;
    while (st->executeStep()) out.push_back(event_from_row(*st));
    return out;
  }

  std::vector<Event> contract_events(std::int64_t contract) override {
    auto st = impl_.statement(PACTUM_EVENT_COLUMNS "WHERE e.contract = ? ORDER BY e.seq");
    st->bind(1, static_cast<std::int64_t>(contract));
    std::vector<Event> out;
    while (st->executeStep()) out.push_back(event_from_row(*st));
    return out;
  }

  std::int64_t last_event_seq() override {
    auto st = impl_.statement("SELECT COALESCE(MAX(seq), 0) FROM events");
    st->executeStep();
    return st->getColumn(0).getInt64();
  }

  std::optional<std::string> snapshot_head() override {
    auto st = impl_.statement("SELECT data FROM kpi_snapshot WHERE part = 0");
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::optional<std::string> snapshot_part(std::int64_t part) override {
    auto st = impl_.statement("SELECT data FROM kpi_snapshot WHERE part = ?");
    st->bind(1, part);
    if (!st->executeStep()) return std::nullopt;
    const SQLite::Column data = st->getColumn(0);
    return std::string(static_cast<const char*>(data.getBlob()), static_cast<std::size_t>(data.getBytes()));
  }

  void clear_snapshot() override { impl_.statement("DELETE FROM kpi_snapshot")->exec(); }

  void put_snapshot_part(std::int64_t part, std::string_view bytes) override {
    auto ins = impl_.statement("INSERT INTO kpi_snapshot(part, data) VALUES(?, ?)");
    ins->bind(1, part);
    ins->bind(2, static_cast<const void*>(bytes.data()), static_cast<int>(bytes.size()));
    ins->exec();
  }

  void put_snapshot_head(const std::string& head) override {
    auto ins = impl_.statement("INSERT INTO kpi_snapshot(part, data) VALUES(0, ?)");
    ins->bind(1, head);
    ins->exec();
  }

  OrgRecords& org() override { return *org_; }
  NumberingRecords& numbering() override { return *numbering_; }
  ContractRecords& contracts() override { return *contracts_; }
  ApprovalRecords& approval() override { return *approval_; }
  KpiRecords& kpi() override { return *kpi_; }
  TrackingRecords& tracking() override { return *tracking_; }

 private:
  void quiet_rollback() noexcept {
    try {
      impl_.statement("ROLLBACK")->exec();
    } catch (...) {
      // Nothing to keep: the transaction ends either way.
    }
  }

  Database::Impl& impl_;
  int bulk_depth_ = 0;
  std::int64_t previous_cache_ = 0;
  bool cache_raised_ = false;
  std::unique_ptr<OrgRecords> org_;
  std::unique_ptr<NumberingRecords> numbering_;
  std::unique_ptr<ContractRecords> contracts_;
  std::unique_ptr<ApprovalRecords> approval_;
  std::unique_ptr<KpiRecords> kpi_;
  std::unique_ptr<TrackingRecords> tracking_;
};

}  // namespace

std::unique_ptr<Storage> make_sqlite_storage(Database::Impl& impl) { return std::make_unique<SqliteStorage>(impl); }

}  // namespace pactum::store
