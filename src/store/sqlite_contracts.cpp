// The records of contracts on SQLite (backend_contracts.hpp, ContractRecords):
// tables contracts, contract_totals, installments, contract_attributes,
// contract_handovers and exchange_rates, and the reads of the event log the
// contract code makes. Statuses and attribute types are stored by name,
// dates as ISO text, amounts in units of their currency.
#include "contracts_internal.hpp"
#include "numbering_store.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

// The columns resolve_contract() reads, in its two statements.
#define PACTUM_CONTRACT_ROW_COLUMNS                                                                      \
  "SELECT c.id, c.number, c.status, c.currency, c.amount, t.collected, c.signed_on, c.activated_on, c.closed_on " \
  "FROM contracts c JOIN contract_totals t ON t.contract = c.id "

ContractRow contract_row(SQLite::Statement& st) {
  ContractRow r;
  r.id = st.getColumn(0).getInt64();
  r.number = st.getColumn(1).getString();
  r.status = parse_contract_status(st.getColumn(2).getString());
  r.currency = Currency::of(st.getColumn(3).getString());
  r.amount = st.getColumn(4).getInt64();
  r.collected = st.getColumn(5).getInt64();
  r.signed_on = Date::parse(st.getColumn(6).getString());
  r.activated_on = optional_date(st.getColumn(7));
  r.closed_on = optional_date(st.getColumn(8));
  return r;
}

// The columns of contracts terms_row() reads, first in both contract statements.
#define PACTUM_CONTRACT_TERMS_COLUMNS                                                                       \
  "SELECT number, type, status, owner, department, counterparty, key_account, currency, amount, "           \
  "reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, activated_on, closed_on"

// The first 17 columns (PACTUM_CONTRACT_TERMS_COLUMNS) into `c`.
void terms_row(SQLite::Statement& st, Contract& c, Currency reporting) {
  c.number = st.getColumn(0).getString();
  c.type = st.getColumn(1).getString();
  c.status = parse_contract_status(st.getColumn(2).getString());
  c.owner = st.getColumn(3).getString();
  c.department = st.getColumn(4).getString();
  c.counterparty = st.getColumn(5).getString();
  c.key_account = st.getColumn(6).getInt() != 0;
  const Currency currency = Currency::of(st.getColumn(7).getString());
  c.amount = Money::from_units(st.getColumn(8).getInt64(), currency);
  c.reporting_amount = Money::from_units(st.getColumn(9).getInt64(), reporting);
  c.exchange_rate = Decimal::parse(st.getColumn(10).getString());
  c.signed_on = Date::parse(st.getColumn(11).getString());
  c.start = Date::parse(st.getColumn(12).getString());
  c.end = optional_date(st.getColumn(13));
  c.delivery_due = optional_date(st.getColumn(14));
  c.activated_on = optional_date(st.getColumn(15));
  c.closed_on = optional_date(st.getColumn(16));
}

void bind_status(SQLite::Statement& st, int index, ContractStatus status) {
  st.bind(index, contract_status_name(status));
}

class SqliteContractRecords final : public ContractRecords {
 public:
  explicit SqliteContractRecords(Database::Impl& impl) : impl_(impl) {}

  std::optional<ContractRow> row(std::int64_t id) override {
    auto st = impl_.statement(PACTUM_CONTRACT_ROW_COLUMNS "WHERE c.id = ?");
    st->bind(1, id);
    if (!st->executeStep()) return std::nullopt;
    return contract_row(*st);
  }

  std::optional<ContractRow> row_by_number(const std::string& number) override {
    auto st = impl_.statement(PACTUM_CONTRACT_ROW_COLUMNS "WHERE c.number = ?");
    st->bind(1, number);
    if (!st->executeStep()) return std::nullopt;
    return contract_row(*st);
  }

  std::optional<Contract> contract(std::int64_t id) override {
    Contract c;
    {
      auto st = impl_.statement(PACTUM_CONTRACT_TERMS_COLUMNS
                                ", numbering, external_id, renews, "
                                "(SELECT t.collected FROM contract_totals t WHERE t.contract = contracts.id), signer "
                                "FROM contracts WHERE id = ?");
      st->bind(1, id);
      if (!st->executeStep()) return std::nullopt;
      c.id = id;
      terms_row(*st, c, impl_.currency);
      c.numbering = st->getColumn(17).getString();
      c.external_id = optional_text(st->getColumn(18));
      c.renews = optional_int(st->getColumn(19));
      c.collected = Money::from_units(st->getColumn(20).getInt64(), c.amount.currency());
      c.signer = st->getColumn(21).isNull() ? c.owner : st->getColumn(21).getString();
    }
    read_installments(c);
    {
      auto st = impl_.statement("SELECT name, type, value FROM contract_attributes WHERE contract = ? ORDER BY name");
      st->bind(1, id);
      while (st->executeStep()) {
        c.attributes.emplace(st->getColumn(0).getString(),
                             AttributeValue::parse(parse_attribute_type(st->getColumn(1).getString()),
                                                   st->getColumn(2).getString()));
      }
    }
    auto st = impl_.statement("SELECT id FROM contracts WHERE renews = ?");
    st->bind(1, id);
    if (st->executeStep()) c.renewed_by = st->getColumn(0).getInt64();
    return c;
  }

  std::optional<Contract> terms(std::int64_t id) override {
    Contract c;
    {
      auto st = impl_.statement(PACTUM_CONTRACT_TERMS_COLUMNS " FROM contracts WHERE id = ?");
      st->bind(1, id);
      if (!st->executeStep()) return std::nullopt;
      c.id = id;
      terms_row(*st, c, impl_.currency);
    }
    read_installments(c);
    return c;
  }

  std::int64_t next_id() override {
    auto st = impl_.statement("SELECT COALESCE(MAX(id), 0) + 1 FROM contracts");
    st->executeStep();
    return st->getColumn(0).getInt64();
  }

  void insert_contract(const Contract& c) override {
    {
      auto st = impl_.statement(
          "INSERT INTO contracts(id, number, numbering, external_id, type, status, owner, department, counterparty, "
          "key_account, currency, amount, reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, "
          "activated_on, closed_on, renews, signer) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      st->bind(1, c.id);
      st->bind(2, c.number);
      st->bind(3, c.numbering);
      bind_optional(*st, 4, c.external_id);
      st->bind(5, c.type);
      bind_status(*st, 6, c.status);
      st->bind(7, c.owner);
      st->bind(8, c.department);
      st->bind(9, c.counterparty);
      st->bind(10, c.key_account ? 1 : 0);
      st->bind(11, std::string(c.amount.currency().code()));
      st->bind(12, c.amount.units());
      st->bind(13, c.reporting_amount.units());
      st->bind(14, c.exchange_rate.to_string());
      st->bind(15, c.signed_on.to_string());
      st->bind(16, c.start.to_string());
      bind_optional(*st, 17, c.end);
      bind_optional(*st, 18, c.delivery_due);
      bind_optional(*st, 19, c.activated_on);
      bind_optional(*st, 20, c.closed_on);
      bind_optional(*st, 21, c.renews);
      st->bind(22, c.signer);
      st->exec();
    }
    {
      auto st = impl_.statement("INSERT INTO contract_totals(contract, collected) VALUES(?, ?)");
      st->bind(1, c.id);
      st->bind(2, c.collected.units());
      st->exec();
    }
    insert_installments(c.id, c.installments);
    for (const auto& [name, value] : c.attributes) store_attribute(c.id, name, value);
  }

  std::optional<std::int64_t> id_by_external_id(const std::string& external_id) override {
    auto st = impl_.statement("SELECT id FROM contracts WHERE external_id = ?");
    st->bind(1, external_id);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

// The filter every find statement applies after its driving predicate; ?1..
// are the criteria (NULL: any), ?11 the id to start after, ?12 the limit (-1:
// none).
#define PACTUM_CONTRACT_FILTER                                                                      \
  " (?1 IS NULL OR owner = ?1) AND (?2 IS NULL OR department = ?2) AND (?3 IS NULL OR status = ?3)" \
  " AND (?4 IS NULL OR type = ?4) AND (?5 IS NULL OR counterparty = ?5)"                            \
  " AND (?6 IS NULL OR (number >= ?6 AND number < ?7)) AND (?8 IS NULL OR external_id = ?8)"        \
  " AND (?9 IS NULL OR signed_on >= ?9) AND (?10 IS NULL OR signed_on <= ?10) AND id > ?11"       \
  " ORDER BY id LIMIT ?12"

  std::vector<std::int64_t> find(const ContractFilter& f) override {
    // Each variant is driven by an index on its first predicate.
    const char* sql = "SELECT id FROM contracts WHERE" PACTUM_CONTRACT_FILTER;
    if (f.number_prefix && !f.number_prefix->empty()) {
      sql = "SELECT id FROM contracts WHERE number >= ?6 AND number < ?7 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.external_id) {
      sql = "SELECT id FROM contracts WHERE external_id = ?8 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.owner) {
      sql = "SELECT id FROM contracts WHERE owner = ?1 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.counterparty) {
      sql = "SELECT id FROM contracts WHERE counterparty = ?5 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.department) {
      sql = "SELECT id FROM contracts WHERE department = ?2 AND" PACTUM_CONTRACT_FILTER;
    } else if (f.status) {
      sql = "SELECT id FROM contracts WHERE status = ?3 AND" PACTUM_CONTRACT_FILTER;
    }
    std::vector<std::int64_t> ids;
    auto st = impl_.statement(sql);
    bind_optional(*st, 1, f.owner);
    bind_optional(*st, 2, f.department);
    if (f.status) {
      bind_status(*st, 3, *f.status);
    } else {
      st->bind(3);
    }
    bind_optional(*st, 4, f.type);
    bind_optional(*st, 5, f.counterparty);
    if (f.number_prefix && !f.number_prefix->empty()) {
      st->bind(6, *f.number_prefix);
      st->bind(7, prefix_successor(*f.number_prefix));
    } else {
      st->bind(6);
      st->bind(7);
    }
    bind_optional(*st, 8, f.external_id);
    bind_optional(*st, 9, f.signed_from);
    bind_optional(*st, 10, f.signed_to);
    st->bind(11, static_cast<std::int64_t>(f.after.value_or(0)));
    st->bind(12, f.limit == 0 ? -1 : f.limit);
    while (st->executeStep()) ids.push_back(st->getColumn(0).getInt64());
    return ids;
  }

  std::string owner(std::int64_t id) override {
    auto st = impl_.statement("SELECT owner FROM contracts WHERE id = ?");
    st->bind(1, id);
    if (!st->executeStep()) return std::string();
    return st->getColumn(0).getString();
  }

  std::vector<PastEndRecord> in_force_past_end(Date day) override {
    std::vector<PastEndRecord> out;
    auto st = impl_.statement(
        // Every commit asks: the partial index of contracts in force by end
        // date answers from the few past their end, where the planner would
        // otherwise walk every active contract by status.
        "SELECT id, end_on, status FROM contracts c INDEXED BY contracts_in_force_by_end "
        "WHERE status IN ('active', 'breached') AND end_on < ? "
        "AND NOT EXISTS (SELECT 1 FROM contracts s WHERE s.renews = c.id) ORDER BY end_on, id");
    st->bind(1, day.to_string());
    while (st->executeStep()) {
      out.push_back({st->getColumn(0).getInt64(), Date::parse(st->getColumn(1).getString()),
                     parse_contract_status(st->getColumn(2).getString())});
    }
    return out;
  }

  void store_status(std::int64_t id, ContractStatus status) override {
    auto st = impl_.statement("UPDATE contracts SET status = ? WHERE id = ?");
    bind_status(*st, 1, status);
    st->bind(2, id);
    st->exec();
  }

  void store_activation(std::int64_t id, ContractStatus status, Date on) override {
    store_status_on("UPDATE contracts SET status = ?, activated_on = ? WHERE id = ?", id, status, on);
  }

  void store_closing(std::int64_t id, ContractStatus status, Date on) override {
    store_status_on("UPDATE contracts SET status = ?, closed_on = ? WHERE id = ?", id, status, on);
  }

  void store_terms(const Contract& c) override {
    auto st = impl_.statement(
        "UPDATE contracts SET start_on = ?, end_on = ?, delivery_due = ?, counterparty = ?, key_account = ?, "
        "amount = ?, reporting_amount = ? WHERE id = ?");
    st->bind(1, c.start.to_string());
    bind_optional(*st, 2, c.end);
    bind_optional(*st, 3, c.delivery_due);
    st->bind(4, c.counterparty);
    st->bind(5, c.key_account ? 1 : 0);
    st->bind(6, c.amount.units());
    st->bind(7, c.reporting_amount.units());
    st->bind(8, c.id);
    st->exec();
  }

  void store_owner(std::int64_t id, const std::string& owner) override {
    auto st = impl_.statement("UPDATE contracts SET owner = ? WHERE id = ?");
    st->bind(1, owner);
    st->bind(2, id);
    st->exec();
  }

  std::int64_t collected(std::int64_t id) override {
    auto st = impl_.statement("SELECT collected FROM contract_totals WHERE contract = ?");
    st->bind(1, id);
    return st->executeStep() ? st->getColumn(0).getInt64() : 0;
  }

  void store_collected(std::int64_t id, std::int64_t collected) override {
    auto st = impl_.statement("UPDATE contract_totals SET collected = ? WHERE contract = ?");
    st->bind(1, collected);
    st->bind(2, id);
    st->exec();
  }

  void replace_installments(std::int64_t id, const std::vector<Installment>& schedule) override {
    {
      auto st = impl_.statement("DELETE FROM installments WHERE contract = ?");
      st->bind(1, id);
      st->exec();
    }
    insert_installments(id, schedule);
  }

  void store_attribute(std::int64_t id, const std::string& name, const AttributeValue& value) override {
    auto st = impl_.statement(
        "INSERT INTO contract_attributes(contract, name, type, value) VALUES(?, ?, ?, ?) "
        "ON CONFLICT(contract, name) DO UPDATE SET type = excluded.type, value = excluded.value");
    st->bind(1, id);
    st->bind(2, name);
    st->bind(3, attribute_type_name(value.type()));
    st->bind(4, value.to_string());
    st->exec();
  }

  void remove_attribute(std::int64_t id, const std::string& name) override {
    auto st = impl_.statement("DELETE FROM contract_attributes WHERE contract = ? AND name = ?");
    st->bind(1, id);
    st->bind(2, name);
    st->exec();
  }

  std::optional<Date> last_handover(std::int64_t id) override {
    auto st = impl_.statement("SELECT MAX(effective) FROM contract_handovers WHERE contract = ?");
    st->bind(1, id);
    if (!st->executeStep()) return std::nullopt;
    return optional_date(st->getColumn(0));
  }

  void insert_handover(std::int64_t id, std::int64_t seq, Date effective, const std::string& from,
                       const std::string& to) override {
    auto st = impl_.statement(
        "INSERT INTO contract_handovers(contract, seq, effective, from_owner, to_owner) VALUES(?, ?, ?, ?, ?)");
    st->bind(1, id);
    st->bind(2, seq);
    st->bind(3, effective.to_string());
    st->bind(4, from);
    st->bind(5, to);
    st->exec();
  }

  std::optional<Decimal> rate_on(const std::string& currency, Date on) override {
    auto st = impl_.statement(
        "SELECT rate FROM exchange_rates WHERE currency = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1");
    st->bind(1, currency);
    st->bind(2, on.to_string());
    if (!st->executeStep()) return std::nullopt;
    return Decimal::parse(st->getColumn(0).getString());
  }

  void store_rate(const std::string& currency, Date from, const Decimal& rate) override {
    auto st = impl_.statement(
        "INSERT INTO exchange_rates(currency, valid_from, rate) VALUES(?, ?, ?) "
        "ON CONFLICT(currency, valid_from) DO UPDATE SET rate = excluded.rate");
    st->bind(1, currency);
    st->bind(2, from.to_string());
    st->bind(3, rate.to_string());
    st->exec();
  }

  std::optional<std::int64_t> first_event(std::int64_t contract, EventType type) override {
    auto st = impl_.statement("SELECT seq FROM events WHERE contract = ? AND type = ? ORDER BY seq LIMIT 1");
    st->bind(1, contract);
    st->bind(2, static_cast<int>(type));
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

  std::optional<std::int64_t> event_with_ref(EventType type, std::int64_t ref) override {
    auto st = impl_.statement("SELECT seq FROM events WHERE type = ? AND ref = ?");
    st->bind(1, static_cast<int>(type));
    st->bind(2, ref);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

  std::optional<std::int64_t> last_event_on(EventType type, Date on) override {
    auto st = impl_.statement("SELECT seq FROM events WHERE type = ? AND effective = ? ORDER BY seq DESC LIMIT 1");
    st->bind(1, static_cast<int>(type));
    st->bind(2, on.to_string());
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

 private:
  // Runs `sql`, an UPDATE of a contract's status and one date (in that order) by id.
  void store_status_on(std::string_view sql, std::int64_t id, ContractStatus status, Date on) {
    auto st = impl_.statement(sql);
    bind_status(*st, 1, status);
    st->bind(2, on.to_string());
    st->bind(3, id);
    st->exec();
  }

  void read_installments(Contract& c) {
    auto st = impl_.statement("SELECT due, amount FROM installments WHERE contract = ? ORDER BY position");
    st->bind(1, c.id);
    while (st->executeStep()) {
      c.installments.push_back(Installment{Date::parse(st->getColumn(0).getString()),
                                           Money::from_units(st->getColumn(1).getInt64(), c.amount.currency())});
    }
  }

  void insert_installments(std::int64_t id, const std::vector<Installment>& schedule) {
    auto st = impl_.statement("INSERT INTO installments(contract, position, due, amount) VALUES(?, ?, ?, ?)");
    int position = 0;
    for (const Installment& i : schedule) {
      st->bind(1, id);
      st->bind(2, ++position);
      st->bind(3, i.due.to_string());
      st->bind(4, i.amount.units());
      st->exec();
      st->reset();
    }
  }

  Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<ContractRecords> make_sqlite_contracts_records(Database::Impl& impl) {
  return std::make_unique<SqliteContractRecords>(impl);
}

}  // namespace pactum::store
