// The records of KPI on SQLite (backend_kpi.hpp, KpiRecords): tables
// kpi_templates, kpi_bindings, kpi_targets, kpi_rule_settings,
// kpi_bonus_bands (payroll links), kpi_periods and position_groups, and the
// reference evaluator's reads over contracts and events.
#include <sqlite3.h>

#include "../kpi/incremental.hpp"
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

// Period closes and reopenings name no contract: the contract index's NULL
// range holds them (with the other company-wide events), so the list is
// read without a scan of the log.
const char* const kPeriodEventsSql =
    "SELECT seq FROM events WHERE contract IS NULL AND type IN (?1, ?2) ORDER BY seq";

namespace {

// ---- The incremental engine's log ---------------------------------------------------
// A replay reads millions of rows: its statements are used through SQLite's
// own interface (no column objects), prepared once per handle and kept by
// the records. They are static SQL like every other statement.

// A prepared statement kept for the life of the records (which go before
// the connection closes).
struct RawStatement {
  sqlite3_stmt* st = nullptr;
  RawStatement() = default;
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  ~RawStatement() { sqlite3_finalize(st); }
};

// The statements of the engine's reads.
struct EngineStatements {
  RawStatement scan;
  RawStatement contracts;
  RawStatement installments;
  RawStatement attributes;
  RawStatement contract;
};

sqlite3_stmt* prepared(Database::Impl& impl, RawStatement& slot, const char* sql) {
  if (slot.st == nullptr) {
    const int rc = sqlite3_prepare_v3(impl.db.getHandle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &slot.st, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(slot.st);
      slot.st = nullptr;
      throw SQLite::Exception(impl.db.getHandle(), rc);
    }
  }
  return slot.st;
}

constexpr const char* kScanSql =
    "SELECT seq, type, contract, effective, amount, value, CASE WHEN type IN (9, 14, 15, 23) THEN payload END "
    "FROM events WHERE seq > ? AND seq <= ? ORDER BY seq";
constexpr const char* kContractsSql =
    "SELECT id, COALESCE(signer, owner), type, currency, amount, reporting_amount, exchange_rate, signed_on, delivery_due "
    "FROM contracts WHERE id >= ? ORDER BY id";
constexpr const char* kInstallmentsSql =
    "SELECT contract, due, amount FROM installments WHERE contract >= ? ORDER BY contract, position";
constexpr const char* kAttributesSql =
    "SELECT contract, name, type, value FROM contract_attributes WHERE contract >= ? AND name IN ('budget', 'actual') "
    "ORDER BY contract, name";

// One statement in use: bound, stepped, and reset when done.
class Cursor {
 public:
  Cursor(Database::Impl& impl, sqlite3_stmt* st) : db_(impl.db.getHandle()), st_(st) {}
  ~Cursor() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(st_, index, value)); }
  // Moves to the next row; false at the end.
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return (more_ = true);
    if (rc == SQLITE_DONE) return (more_ = false);
    throw SQLite::Exception(db_, rc);
  }
  bool more() const noexcept { return more_; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(st_, column); }
  bool null(int column) const { return sqlite3_column_type(st_, column) == SQLITE_NULL; }
  std::string_view text(int column) const {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st_, column));
    return {t != nullptr ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(st_, column))};
  }
  // A date column: the common "YYYY-MM-DD" computed directly, anything else
  // through the strict parser (which reports it).
  Date date(int column) const {
    const std::string_view t = text(column);
    auto digit = [&](std::size_t i) { return static_cast<int>(t[i] - '0'); };
    bool plain = t.size() == 10 && t[4] == '-' && t[7] == '-';
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) plain = plain && t[i] >= '0' && t[i] <= '9';
    if (!plain) return Date::parse(t);
    const int y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    const int m = digit(5) * 10 + digit(6);
    const int d = digit(8) * 10 + digit(9);
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || y < Date::kMinYear || y > Date::kMaxYear) return Date::parse(t);
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kMonthDays[m - 1] + (m == 2 && leap ? 1 : 0)) return Date::parse(t);
    // Days since 1970-01-01 by the civil-calendar formula.
    const int yy = y - (m <= 2 ? 1 : 0);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Date::from_serial(static_cast<std::int64_t>(era) * 146097 + doe - 719468);
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* st_;
  bool more_ = false;
};

// The terms of created contracts, read along the log: contracts, their
// instalments and cost attributes come from three cursors ordered by id
// (contracts are created in id order), with point queries for any other.
class TermsLoader final : public EngineTermsReader {
 public:
  TermsLoader(Database::Impl& impl, EngineStatements& st) : impl_(impl), st_(st) {}

  std::shared_ptr<const kpi_engine::ContractTerms> terms(std::int64_t id) override {
    if (!contracts_) start(id);
    if (id < next_) return point(id);
    while (contracts_->more() && contracts_->integer(0) < id) contracts_->step();
    if (!contracts_->more() || contracts_->integer(0) != id) return point(id);
    // One terms object serves every contract read from the cursors: the
    // engine copies what it keeps when the created event is applied.
    if (!scratch_ || scratch_.use_count() > 1) scratch_ = std::make_shared<kpi_engine::ContractTerms>();
    kpi_engine::ContractTerms& t = *scratch_;
    fill(t, *contracts_, 1, id);
    contracts_->step();
    while (installments_->more() && installments_->integer(0) < id) installments_->step();
    while (installments_->more() && installments_->integer(0) == id) {
      t.installments.push_back({static_cast<std::int32_t>(installments_->date(1).serial()), installments_->integer(2)});
      installments_->step();
    }
    while (attributes_->more() && attributes_->integer(0) < id) attributes_->step();
    while (attributes_->more() && attributes_->integer(0) == id) {
      attribute(t, attributes_->text(1), attributes_->text(2), attributes_->text(3));
      attributes_->step();
    }
    next_ = id + 1;
    return scratch_;
  }

  std::optional<Currency> currency(std::int64_t id) override {
    auto st = impl_.statement("SELECT currency FROM contracts WHERE id = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    if (!st->executeStep()) return std::nullopt;
    return Currency::of(st->getColumn(0).getString());
  }

 private:
  // Opens the cursors at contract `id` (the first created contract of a scan).
  void start(std::int64_t id) {
    contracts_.emplace(impl_, prepared(impl_, st_.contracts, kContractsSql));
    installments_.emplace(impl_, prepared(impl_, st_.installments, kInstallmentsSql));
    attributes_.emplace(impl_, prepared(impl_, st_.attributes, kAttributesSql));
    for (auto* c : {&*contracts_, &*installments_, &*attributes_}) {
      c->bind(1, id);
      c->step();
    }
    next_ = id;
  }

  // Columns from `first` on: signer, type, currency, amount, reporting_amount,
  // exchange_rate, signed_on, delivery_due.
  static void fill(kpi_engine::ContractTerms& t, const Cursor& row, int first, std::int64_t id) {
    t.id = id;
    t.signer.assign(row.text(first));
    t.type.assign(row.text(first + 1));
    t.currency = Currency::of(row.text(first + 2));
    t.amount = row.integer(first + 3);
    t.reporting_amount = row.integer(first + 4);
    const std::string_view rate = row.text(first + 5);
    t.exchange_rate = rate == "1" ? Decimal(1) : Decimal::parse(rate);
    t.signed_on = row.date(first + 6);
    t.delivery_due.reset();
    if (!row.null(first + 7)) t.delivery_due = row.date(first + 7);
    t.installments.clear();
    t.budget.reset();
    t.actual.reset();
  }

  static void attribute(kpi_engine::ContractTerms& t, std::string_view name, std::string_view type, std::string_view value) {
    AttributeValue v = AttributeValue::parse(parse_attribute_type(type), value);
    (name == "budget" ? t.budget : t.actual) = std::move(v);
  }

  std::shared_ptr<const kpi_engine::ContractTerms> point(std::int64_t id) {
    auto t = std::make_shared<kpi_engine::ContractTerms>();
    {
      Cursor row(impl_, prepared(impl_, st_.contract,
                                 "SELECT id, COALESCE(signer, owner), type, currency, amount, reporting_amount, "
                                 "exchange_rate, signed_on, delivery_due FROM contracts WHERE id = ?"));
      row.bind(1, id);
      if (!row.step()) return nullptr;
      fill(*t, row, 1, id);
    }
    {
      auto st = impl_.statement("SELECT due, amount FROM installments WHERE contract = ? ORDER BY position");
      st->bind(1, static_cast<std::int64_t>(id));
      while (st->executeStep()) {
        t->installments.push_back({static_cast<std::int32_t>(Date::parse(st->getColumn(0).getString()).serial()),
                                   st->getColumn(1).getInt64()});
      }
    }
    {
      auto st = impl_.statement(
          "SELECT name, type, value FROM contract_attributes WHERE contract = ? AND name IN ('budget', 'actual')");
      st->bind(1, static_cast<std::int64_t>(id));
      while (st->executeStep()) {
        attribute(*t, st->getColumn(0).getString(), st->getColumn(1).getString(), st->getColumn(2).getString());
      }
    }
    return t;
  }

  Database::Impl& impl_;
  EngineStatements& st_;
  std::shared_ptr<kpi_engine::ContractTerms> scratch_;
  std::optional<Cursor> contracts_;
  std::optional<Cursor> installments_;
  std::optional<Cursor> attributes_;
  std::int64_t next_ = 0;
};


class SqliteKpiRecords final : public KpiRecords {
 public:
  explicit SqliteKpiRecords(Database::Impl& impl) : impl_(impl) {}

  bool template_exists(const std::string& id) override {
    auto st = impl_.statement("SELECT 1 FROM kpi_templates WHERE id = ? LIMIT 1");
    st->bind(1, id);
    return st->executeStep();
  }

  std::optional<int> latest_template_version(const std::string& id) override {
    auto st = impl_.statement("SELECT MAX(version) FROM kpi_templates WHERE id = ?");
    st->bind(1, id);
    if (!st->executeStep() || st->getColumn(0).isNull()) return std::nullopt;
    return st->getColumn(0).getInt();
  }

  std::optional<std::string> template_document(const std::string& id, std::optional<int> version) override {
    auto st = impl_.statement(
        "SELECT document FROM kpi_templates WHERE id = ?1 AND (?2 IS NULL OR version = ?2) ORDER BY version DESC LIMIT 1");
    st->bind(1, id);
    if (version) {
      st->bind(2, *version);
    } else {
      st->bind(2);
    }
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::optional<std::string> template_document_before(const std::string& id, std::int64_t limit) override {
    auto st = impl_.statement(
        "SELECT document FROM kpi_templates WHERE id = ? AND since_seq < ? ORDER BY version DESC LIMIT 1");
    st->bind(1, id);
    st->bind(2, limit);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::vector<std::string> template_documents() override {
    auto st = impl_.statement("SELECT document FROM kpi_templates ORDER BY id, version");
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  void insert_template(const std::string& id, int version, const std::string& document,
                       std::int64_t since_seq) override {
    auto st = impl_.statement("INSERT INTO kpi_templates(id, version, document, since_seq) VALUES(?, ?, ?, ?)");
    st->bind(1, id);
    st->bind(2, version);
    st->bind(3, document);
    st->bind(4, since_seq);
    st->exec();
  }

  TemplatesFingerprint templates_fingerprint() override {
    auto q = impl_.statement(
        "SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(since_seq), 0) FROM kpi_templates");
    q->executeStep();
    return {q->getColumn(0).getInt64(), q->getColumn(1).getInt64(), q->getColumn(2).getInt64()};
  }

  std::optional<std::string> binding(const std::string& position, std::int64_t limit) override {
    auto st = impl_.statement(
        "SELECT template FROM kpi_bindings WHERE position = ? AND since_seq < ? ORDER BY since_seq DESC, id DESC LIMIT 1");
    st->bind(1, position);
    st->bind(2, limit);
    if (!st->executeStep()) return std::nullopt;
    return optional_text(st->getColumn(0));
  }

  void insert_binding(const std::string& position, const std::optional<std::string>& template_id,
                      std::int64_t since_seq) override {
    auto st = impl_.statement("INSERT INTO kpi_bindings(position, template, since_seq) VALUES(?, ?, ?)");
    st->bind(1, position);
    if (template_id) {
      st->bind(2, *template_id);
    } else {
      st->bind(2);
    }
    st->bind(3, since_seq);
    st->exec();
  }

  std::optional<TargetRecord> target(bool for_employee, const std::string& subject, const std::string& indicator,
                                     const std::string& period, std::int64_t limit) override {
    auto st = impl_.statement(
        "SELECT value, per FROM kpi_targets WHERE scope = ? AND subject = ? AND indicator = ? AND period = ? "
        "AND since_seq < ? ORDER BY since_seq DESC, id DESC LIMIT 1");
    st->bind(1, scope_name(for_employee));
    st->bind(2, subject);
    st->bind(3, indicator);
    st->bind(4, period);
    st->bind(5, limit);
    if (!st->executeStep()) return std::nullopt;
    TargetRecord row{indicator, for_employee, subject, period, Decimal::parse(st->getColumn(0).getString()),
                     std::nullopt};
    if (!st->getColumn(1).isNull()) row.per = parse_target_per(st->getColumn(1).getString());
    return row;
  }

  void insert_target(const TargetRecord& target, std::int64_t since_seq) override {
    auto st = impl_.statement(
        "INSERT INTO kpi_targets(indicator, scope, subject, period, value, per, since_seq) VALUES(?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, target.indicator);
    st->bind(2, scope_name(target.for_employee));
    st->bind(3, target.subject);
    st->bind(4, target.period);
    st->bind(5, target.value.normalized().to_string());
    if (target.per) {
      st->bind(6, period_kind_name(*target.per));
    } else {
      st->bind(6);
    }
    st->bind(7, since_seq);
    st->exec();
  }

  std::optional<RuleSettingRecord> rule_setting(const std::string& template_id, RuleKind rule,
                                                std::int64_t limit) override {
    auto st = impl_.statement(
        "SELECT enabled, points, cap FROM kpi_rule_settings WHERE template = ? AND rule = ? AND since_seq < ? "
        "ORDER BY since_seq DESC, id DESC LIMIT 1");
    st->bind(1, template_id);
    st->bind(2, rule_kind_name(rule));
    st->bind(3, limit);
    if (!st->executeStep()) return std::nullopt;
    RuleSettingRecord row;
    row.template_id = template_id;
    row.rule = rule;
    row.enabled = st->getColumn(0).getInt() != 0;
    row.points = Decimal::parse(st->getColumn(1).getString());
    if (!st->getColumn(2).isNull()) row.cap = Decimal::parse(st->getColumn(2).getString());
    return row;
  }

  void insert_rule_setting(const RuleSettingRecord& setting, std::int64_t since_seq) override {
    auto st = impl_.statement(
        "INSERT INTO kpi_rule_settings(template, rule, enabled, points, cap, since_seq) VALUES(?, ?, ?, ?, ?, ?)");
    st->bind(1, setting.template_id);
    st->bind(2, rule_kind_name(setting.rule));
    st->bind(3, setting.enabled ? 1 : 0);
    st->bind(4, setting.points.normalized().to_string());
    if (setting.cap) {
      st->bind(5, setting.cap->normalized().to_string());
    } else {
      st->bind(5);
    }
    st->bind(6, since_seq);
    st->exec();
  }

  std::optional<std::string> payroll_link_document(const std::string& template_id, std::int64_t limit) override {
    auto st = impl_.statement(
        "SELECT document FROM kpi_bonus_bands WHERE template = ? AND since_seq < ? ORDER BY since_seq DESC, id DESC LIMIT 1");
    st->bind(1, template_id);
    st->bind(2, limit);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  void insert_payroll_link(const std::string& template_id, const std::string& document,
                           std::int64_t since_seq) override {
    auto st = impl_.statement("INSERT INTO kpi_bonus_bands(template, document, since_seq) VALUES(?, ?, ?)");
    st->bind(1, template_id);
    st->bind(2, document);
    st->bind(3, since_seq);
    st->exec();
  }

  std::optional<std::int64_t> period_closed_seq(const std::string& period) override {
    auto st = impl_.statement("SELECT closed_seq FROM kpi_periods WHERE period = ?");
    st->bind(1, period);
    if (!st->executeStep() || st->getColumn(0).isNull()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

  void store_period_close(const std::string& period, std::int64_t seq) override {
    auto st = impl_.statement(
        "INSERT INTO kpi_periods(period, closed_seq) VALUES(?, ?) "
        "ON CONFLICT(period) DO UPDATE SET closed_seq = excluded.closed_seq");
    st->bind(1, period);
    st->bind(2, seq);
    st->exec();
  }

  void clear_period_close(const std::string& period) override {
    auto st = impl_.statement("UPDATE kpi_periods SET closed_seq = NULL WHERE period = ?");
    st->bind(1, period);
    st->exec();
  }

  std::vector<std::int64_t> period_event_seqs() override {
    auto st = impl_.statement(kPeriodEventsSql);
    st->bind(1, static_cast<int>(EventType::period_closed));
    st->bind(2, static_cast<int>(EventType::period_reopened));
    std::vector<std::int64_t> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getInt64());
    return out;
  }

  std::vector<std::int64_t> contracts_in_scope(const ContractScopeQuery& q) override {
    auto st = impl_.statement(
        "WITH mine(id) AS (SELECT id FROM contracts WHERE signer = ?1 UNION SELECT id FROM contracts WHERE owner = ?1 "
        "UNION SELECT contract FROM contract_handovers WHERE to_owner = ?1) "
        "SELECT c.id FROM contracts c JOIN mine m ON m.id = c.id WHERE c.activated_on IS NOT NULL AND ("
        "(c.signer = ?1 AND c.signed_on >= ?2 AND c.signed_on <= ?3) OR c.closed_on IS NULL OR c.closed_on >= ?4 "
        "OR c.delivery_due >= ?5 "
        "OR EXISTS (SELECT 1 FROM installments i WHERE i.contract = c.id AND i.due >= ?4) "
        "OR EXISTS (SELECT 1 FROM events v WHERE v.contract = c.id AND v.effective >= ?4)) ORDER BY c.id");
    st->bind(1, q.employee);
    st->bind(2, q.signed_from.to_string());
    st->bind(3, q.signed_until.to_string());
    st->bind(4, q.period_start.to_string());
    st->bind(5, q.delivery_from.to_string());
    std::vector<std::int64_t> ids;
    while (st->executeStep()) ids.push_back(st->getColumn(0).getInt64());
    return ids;
  }

  void scan_engine_log(std::int64_t after, std::int64_t upto,
                       const std::function<void(const EngineLogRow&, EngineTermsReader&)>& visit) override {
    TermsLoader loader(impl_, engine_);
    Cursor st(impl_, prepared(impl_, engine_.scan, kScanSql));
    st.bind(1, after);
    st.bind(2, upto);
    EngineLogRow row;
    while (st.step()) {
      row.seq = st.integer(0);
      row.type = static_cast<EventType>(st.integer(1));
      row.contract = st.integer(2);  // 0 for NULL
      row.effective = st.date(3);
      row.amount = st.integer(4);
      row.value = st.integer(5);
      row.payload = st.text(6);
      visit(row, loader);
    }
  }

  std::int64_t last_contract_id() override {
    auto st = impl_.statement("SELECT COALESCE(MAX(id), 0) FROM contracts");
    st->executeStep();
    return st->getColumn(0).getInt64();
  }

  std::optional<std::string> contract_number(std::int64_t id) override {
    auto st = impl_.statement("SELECT number FROM contracts WHERE id = ?");
    st->bind(1, id);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::optional<std::string> position_group(const std::string& position) override {
    auto st = impl_.statement("SELECT grp FROM position_groups WHERE position = ?");
    st->bind(1, position);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getString();
  }

  std::map<std::string, std::string> position_groups() override {
    auto st = impl_.statement("SELECT position, grp FROM position_groups ORDER BY position");
    std::map<std::string, std::string> out;
    while (st->executeStep()) out.emplace(st->getColumn(0).getString(), st->getColumn(1).getString());
    return out;
  }

  void store_position_group(const std::string& position, const std::optional<std::string>& group) override {
    if (!group) {
      auto st = impl_.statement("DELETE FROM position_groups WHERE position = ?");
      st->bind(1, position);
      st->exec();
      return;
    }
    auto st = impl_.statement(
        "INSERT INTO position_groups(position, grp) VALUES(?, ?) ON CONFLICT(position) DO UPDATE SET grp = excluded.grp");
    st->bind(1, position);
    st->bind(2, *group);
    st->exec();
  }

 private:
  static const char* scope_name(bool for_employee) { return for_employee ? "employee" : "position"; }

  Database::Impl& impl_;
  EngineStatements engine_;
};

}  // namespace

std::unique_ptr<KpiRecords> make_sqlite_kpi_records(Database::Impl& impl) {
  return std::make_unique<SqliteKpiRecords>(impl);
}

}  // namespace pactum::store
