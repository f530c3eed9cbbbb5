// The records of numbering on SQLite (backend_numbering.hpp,
// NumberingRecords): tables numbering_rule and numbering_issued.
#include "contracts_internal.hpp"
#include "numbering_store.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

const char* const kFindNumbersSql =
    "SELECT number FROM numbering_issued WHERE number >= ?1 AND number < ?2 ORDER BY number LIMIT ?3";
const char* const kFindNumbersAfterSql =
    "SELECT number FROM numbering_issued WHERE number > ?1 AND number < ?2 ORDER BY number LIMIT ?3";

namespace {

RuleRecord rule_from(const std::string& id, SQLite::Statement& st, int first) {
  return RuleRecord{id, st.getColumn(first).getInt(), st.getColumn(first + 1).getString(),
                    parse_numbering_mode(st.getColumn(first + 2).getString())};
}

class SqliteNumberingRecords final : public NumberingRecords {
 public:
  explicit SqliteNumberingRecords(Database::Impl& impl) : impl_(impl) {}

  std::optional<RuleRecord> latest_rule(const std::string& id) override {
    auto st = impl_.statement(
        "SELECT version, pattern, mode FROM numbering_rule WHERE rule_id = ? ORDER BY version DESC LIMIT 1");
    st->bind(1, id);
    if (!st->executeStep()) return std::nullopt;
    return rule_from(id, *st, 0);
  }

  std::optional<RuleRecord> rule(const std::string& id, int version) override {
    auto st = impl_.statement("SELECT version, pattern, mode FROM numbering_rule WHERE rule_id = ? AND version = ?");
    st->bind(1, id);
    st->bind(2, version);
    if (!st->executeStep()) return std::nullopt;
    return rule_from(id, *st, 0);
  }

  std::vector<std::string> rule_patterns(const std::string& id) override {
    auto st = impl_.statement("SELECT pattern FROM numbering_rule WHERE rule_id = ? ORDER BY version DESC");
    st->bind(1, id);
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  std::vector<RuleRecord> latest_rules() override {
    auto st = impl_.statement(
        "SELECT r.rule_id, r.version, r.pattern, r.mode FROM numbering_rule r "
        "WHERE r.version = (SELECT MAX(version) FROM numbering_rule WHERE rule_id = r.rule_id) ORDER BY r.rule_id");
    std::vector<RuleRecord> out;
    while (st->executeStep()) out.push_back(rule_from(st->getColumn(0).getString(), *st, 1));
    return out;
  }

  void insert_rule(const RuleRecord& rule) override {
    auto st = impl_.statement("INSERT INTO numbering_rule(rule_id, version, pattern, mode) VALUES (?, ?, ?, ?)");
    st->bind(1, rule.id);
    st->bind(2, rule.version);
    st->bind(3, rule.pattern);
    st->bind(4, numbering_mode_name(rule.mode));
    st->exec();
  }

  bool is_registered(const std::string& number) override {
    auto st = impl_.statement("SELECT 1 FROM numbering_issued WHERE number = ?");
    st->bind(1, number);
    return st->executeStep();
  }

  bool register_number(const NumberRegistration& r) override {
    // The handle's statement, looked up once (the lookup hashed this text
    // for every number). Every parameter is bound on every call, so only a
    // reset is needed afterwards, not a clearing of the bindings.
    if (register_ == nullptr) {
      register_ = &*impl_.statement(
          "INSERT INTO numbering_issued(number, rule_id, rule_version, counter, seq, issued_on, owner) "
          "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(number) DO NOTHING");
    }
    SQLite::Statement* st = register_;
    const ResetAfter reset(*st);
    // The texts outlive the statement's execution: no copies.
    st->bindNoCopy(1, r.number);
    st->bindNoCopy(2, r.rule_id);
    st->bind(3, r.rule_version);
    st->bind(4, r.counter);
    st->bind(5, r.seq);
    st->bindNoCopy(6, r.issued_on);
    if (r.owner) {
      st->bindNoCopy(7, *r.owner);
    } else {
      st->bind(7);
    }
    return st->exec() == 1;
  }

  std::optional<IssuedNumber> issued(const std::string& number) override {
    auto st = impl_.statement(
        "SELECT rule_id, rule_version, seq, issued_on, owner, voided, void_reason, voided_on "
        "FROM numbering_issued WHERE number = ?");
    st->bind(1, number);
    if (!st->executeStep()) return std::nullopt;
    IssuedNumber out;
    out.number = number;
    out.rule_id = st->getColumn(0).getString();
    out.rule_version = st->getColumn(1).getInt();
    out.seq = st->getColumn(2).getInt64();
    out.issued_on = Date::parse(st->getColumn(3).getString());
    out.owner = optional_text(st->getColumn(4));
    out.voided = st->getColumn(5).getInt() != 0;
    out.void_reason = optional_text(st->getColumn(6)).value_or("");
    out.voided_on = optional_date(st->getColumn(7));
    return out;
  }

  bool set_owner(const std::string& number, const std::string& owner) override {
    auto st = impl_.statement("UPDATE numbering_issued SET owner = ? WHERE number = ?");
    st->bind(1, owner);
    st->bind(2, number);
    return st->exec() != 0;
  }

  void store_void(const std::string& number, const std::string& reason, Date on) override {
    auto st = impl_.statement(
        "UPDATE numbering_issued SET voided = 1, void_reason = ?, voided_on = ? WHERE number = ? AND voided = 0");
    st->bind(1, reason);
    st->bind(2, on.to_string());
    st->bind(3, number);
    st->exec();
  }

  std::vector<std::string> numbers_between(const std::string& from, bool exclusive, const std::string& to,
                                           int limit) override {
    auto st = exclusive ? impl_.statement(kFindNumbersAfterSql) : impl_.statement(kFindNumbersSql);
    st->bind(1, from);
    st->bind(2, to);
    st->bind(3, limit);
    std::vector<std::string> out;
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  std::optional<ContractStatus> contract_status_of(const std::string& number) override {
    auto st = impl_.statement("SELECT status FROM contracts WHERE number = ?");
    st->bind(1, number);
    if (!st->executeStep()) return std::nullopt;
    return parse_contract_status(st->getColumn(0).getString());
  }

 private:
  // Resets a statement when the call ends (a failed step included).
  class ResetAfter {
   public:
    explicit ResetAfter(SQLite::Statement& st) noexcept : st_(st) {}
    ~ResetAfter() { st_.tryReset(); }
    ResetAfter(const ResetAfter&) = delete;
    ResetAfter& operator=(const ResetAfter&) = delete;

   private:
    SQLite::Statement& st_;
  };

  Database::Impl& impl_;
  SQLite::Statement* register_ = nullptr;  // owned by impl_, which outlives this object
};

}  // namespace

std::unique_ptr<NumberingRecords> make_sqlite_numbering_records(Database::Impl& impl) {
  return std::make_unique<SqliteNumberingRecords>(impl);
}

}  // namespace pactum::store
