// The records of tracking on SQLite (backend_tracking.hpp, TrackingRecords):
// tables tracking_state, tracking_contracts, reminder_index, reminder_leads
// and reminder_acks, and the reads of other domains' tables the fold and the
// reports make. reminder_index.kind is the ReminderKind's code and its item
// the instalment (payment kinds) or the approval step; the partial indexes
// reminder_index_upcoming (kinds 2 and 4) and reminder_index_open (kinds 1,
// 3, 5 and 6) serve windows_on().
#include <algorithm>
#include <map>
#include <unordered_map>
#include <tuple>
#include <type_traits>

#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

ReminderKind kind_of_code(std::int64_t code) {
  for (ReminderKind k : kReminderKinds) {
    if (static_cast<std::int64_t>(k) == code) return k;
  }
  raise(Errc::corrupt, "tracking.bad_index", {{"detail", "reminder kind " + std::to_string(code)}});
}

int item_of(const ReminderKey& k) { return k.kind == ReminderKind::approval_overdue ? k.step : k.installment; }

// The column's text, valid until the statement moves on.
std::string_view text_of(const SQLite::Column& column) {
  const char* text = column.getText();
  return {text, static_cast<std::size_t>(column.getBytes())};
}

// Reads text into `out` reusing its buffer.
void assign_text(std::string& out, const SQLite::Column& column) { out.assign(text_of(column)); }

// The columns of tracking_contracts (alias f) in the order facts_row() reads.
#define PACTUM_FACTS_COLUMNS                                                                                          \
  "f.contract, f.type, f.department, f.owner, f.key_account, f.signed_on, f.activated_on, f.closed_on, f.renewed_on, " \
  "f.end_on, f.delivery_due, f.delivered_on, f.late_due, f.currency, f.amount, f.reporting_amount, f.exchange_rate, "  \
  "f.reversed, f.collected_full_on, f.collections, f.schedule "

// The fold, from the first 21 columns (PACTUM_FACTS_COLUMNS).
tracking::ContractFacts facts_row(SQLite::Statement& st) {
  tracking::ContractFacts f;
  f.contract = st.getColumn(0).getInt64();
  f.type = st.getColumn(1).getString();
  f.department = st.getColumn(2).getString();
  f.owner = st.getColumn(3).getString();
  f.key_account = st.getColumn(4).getInt() != 0;
  f.signed_on = Date::parse(st.getColumn(5).getString());
  f.activated_on = optional_date(st.getColumn(6));
  f.closed_on = optional_date(st.getColumn(7));
  f.renewed_on = optional_date(st.getColumn(8));
  f.end = optional_date(st.getColumn(9));
  f.delivery_due = optional_date(st.getColumn(10));
  f.delivered_on = optional_date(st.getColumn(11));
  f.late_due = optional_date(st.getColumn(12));
  f.currency = Currency::of(st.getColumn(13).getString());
  f.amount = st.getColumn(14).getInt64();
  f.reporting_amount = st.getColumn(15).getInt64();
  f.exchange_rate = Decimal::parse(st.getColumn(16).getString());
  f.reversed = st.getColumn(17).getInt() != 0;
  f.collected_full_on = optional_date(st.getColumn(18));
  f.collections = tracking::decode_steps(st.getColumn(19).getString());
  f.schedule = tracking::decode_steps(st.getColumn(20).getString());
  return f;
}

#define PACTUM_TRACKED_COLUMNS \
  "SELECT " PACTUM_FACTS_COLUMNS ", c.number, c.counterparty FROM tracking_contracts f JOIN contracts c ON c.id = f.contract "

report::TrackedContract tracked_row(SQLite::Statement& st) {
  report::TrackedContract t;
  t.facts = facts_row(st);
  const tracking::ContractFacts& f = t.facts;
  t.contract.id = f.contract;
  t.contract.number = st.getColumn(21).getString();
  t.contract.type = f.type;
  t.contract.owner = f.owner;
  t.contract.department = f.department;
  t.contract.counterparty = st.getColumn(22).getString();
  t.contract.key_account = f.key_account;
  t.contract.amount = Money::from_units(f.amount, f.currency);
  return t;
}

void collect_tracked(Statement st, std::map<std::int64_t, report::TrackedContract>& out) {
  while (st->executeStep()) {
    const std::int64_t id = st->getColumn(0).getInt64();
    if (!out.contains(id)) out.emplace(id, tracked_row(*st));
  }
}

#define PACTUM_WINDOW_COLUMNS                                                                                     \
  "SELECT r.contract, r.kind, r.round, r.item, r.due, r.trigger_on, r.exact, r.installment_amount, r.unpaid_final, " \
  "r.payments_final_on, c.number, c.type, c.owner, c.department, c.counterparty, c.key_account, c.currency "         \
  "FROM reminder_index r JOIN contracts c ON c.id = r.contract "

WindowRecord window_row(SQLite::Statement& st) {
  WindowRecord w;
  w.key.contract = st.getColumn(0).getInt64();
  w.key.kind = kind_of_code(st.getColumn(1).getInt64());
  const int round = st.getColumn(2).getInt();
  const int item = st.getColumn(3).getInt();
  if (w.key.kind == ReminderKind::approval_overdue) {
    w.key.round = round;
    w.key.step = item;
  } else if (w.key.kind == ReminderKind::payment_due || w.key.kind == ReminderKind::payment_overdue) {
    w.key.installment = item;
  }
  w.key.due = Date::parse(st.getColumn(4).getString());
  w.trigger = Date::parse(st.getColumn(5).getString());
  w.exact = st.getColumn(6).getInt() != 0;
  w.installment_amount = optional_int(st.getColumn(7));
  w.unpaid_final = optional_int(st.getColumn(8));
  w.payments_final_on = optional_date(st.getColumn(9));
  w.shown.number = st.getColumn(10).getString();
  w.shown.type = st.getColumn(11).getString();
  w.shown.owner = st.getColumn(12).getString();
  w.shown.department = st.getColumn(13).getString();
  w.shown.counterparty = st.getColumn(14).getString();
  w.shown.key_account = st.getColumn(15).getInt() != 0;
  w.currency = Currency::of(st.getColumn(16).getString());
  return w;
}

// Binds parameters 1 to 12 of a reminder_index row (all but acknowledged).
void bind_window(SQLite::Statement& st, std::int64_t contract, const tracking::ReminderWindow& w) {
  st.bind(1, contract);
  st.bind(2, static_cast<int>(w.key.kind));
  st.bind(3, w.key.round);
  st.bind(4, item_of(w.key));
  st.bind(5, w.key.due.to_string());
  st.bind(6, w.trigger.to_string());
  st.bind(7, w.open_from.to_string());
  bind_optional(st, 8, w.settled_on);
  st.bind(9, w.exact ? 1 : 0);
  bind_optional(st, 10, w.installment_amount);
  bind_optional(st, 11, w.unpaid_final);
  bind_optional(st, 12, w.payments_final_on);
}

// The events of `contract` from rows (seq, type, effective, amount, value).
std::vector<Event> event_rows(SQLite::Statement& st, std::int64_t contract, Currency currency) {
  std::vector<Event> out;
  while (st.executeStep()) {
    Event e;
    e.seq = st.getColumn(0).getInt64();
    e.type = static_cast<EventType>(st.getColumn(1).getInt());
    e.contract = contract;
    e.effective = Date::parse(st.getColumn(2).getString());
    if (!st.getColumn(3).isNull()) e.amount = Money::from_units(st.getColumn(3).getInt64(), currency);
    e.value = optional_int(st.getColumn(4));
    out.push_back(std::move(e));
  }
  return out;
}

Acknowledgement ack_row(SQLite::Statement& st) {
  Acknowledgement a;
  a.id = st.getColumn(0).getString();
  a.contract = st.getColumn(1).getInt64();
  a.on = Date::parse(st.getColumn(2).getString());
  a.actor = optional_text(st.getColumn(3));
  a.recorded_at = st.getColumn(4).getString();
  return a;
}

class SqliteTrackingRecords final : public TrackingRecords {
 public:
  explicit SqliteTrackingRecords(Database::Impl& impl) : impl_(impl) {}

  std::vector<Event> fold_events(std::int64_t contract, Currency currency) override {
    auto st = impl_.statement(
        "SELECT seq, type, effective, amount, value FROM events WHERE contract = ? AND type IN (3, 4, 5, 11) "
        "ORDER BY seq");
    st->bind(1, contract);
    return event_rows(*st, contract, currency);
  }

  std::vector<Event> events_after(std::int64_t contract, std::int64_t seq, Currency currency) override {
    auto st = impl_.statement("SELECT seq, type, effective, amount, value FROM events WHERE contract = ? AND seq > ? "
                              "ORDER BY seq");
    st->bind(1, contract);
    st->bind(2, seq);
    return event_rows(*st, contract, currency);
  }

  std::vector<DueStepRecord> due_steps(std::int64_t contract) override {
    std::vector<DueStepRecord> out;
    auto st = impl_.statement(
        "SELECT r.round, s.step, s.opened_on, s.due_on, s.closed_on, r.ended_on FROM approval_routes r "
        "JOIN approval_steps s ON s.route = r.id WHERE r.contract = ? AND s.due_on IS NOT NULL "
        "ORDER BY r.round, s.step");
    st->bind(1, contract);
    while (st->executeStep()) {
      out.push_back(DueStepRecord{TrackedStep{st->getColumn(0).getInt(), st->getColumn(1).getInt(),
                                              optional_date(st->getColumn(2)), Date::parse(st->getColumn(3).getString()),
                                              optional_date(st->getColumn(4))},
                                  optional_date(st->getColumn(5))});
    }
    return out;
  }

  std::vector<std::int64_t> contract_ids() override {
    std::vector<std::int64_t> out;
    auto st = impl_.statement("SELECT id FROM contracts ORDER BY id");
    while (st->executeStep()) out.push_back(st->getColumn(0).getInt64());
    return out;
  }

  std::vector<std::int64_t> contracts_with_events_after(std::int64_t seq) override {
    std::vector<std::int64_t> out;
    // The events by sequence number (the +contract keeps SQLite from
    // walking the whole events_by_contract index for the order instead).
    auto st = impl_.statement("SELECT contract FROM events WHERE seq > ? AND +contract IS NOT NULL");
    st->bind(1, seq);
    while (st->executeStep()) out.push_back(st->getColumn(0).getInt64());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  std::vector<LeadRecord> leads(const std::string& type) override {
    std::vector<LeadRecord> out;
    // '' (every type) sorts before any type word.
    auto st = impl_.statement("SELECT kind, days FROM reminder_leads WHERE type = '' OR type = ? ORDER BY type, kind");
    st->bind(1, type);
    while (st->executeStep()) out.push_back({kind_of_code(st->getColumn(0).getInt64()), st->getColumn(1).getInt()});
    return out;
  }

  void store_lead(const std::string& type, ReminderKind kind, int days) override {
    auto st = impl_.statement("INSERT OR REPLACE INTO reminder_leads(type, kind, days) VALUES(?, ?, ?)");
    st->bind(1, type);
    st->bind(2, static_cast<int>(kind));
    st->bind(3, days);
    st->exec();
  }

  std::vector<std::string> types_with_lead(ReminderKind kind) override {
    std::vector<std::string> out;
    auto st = impl_.statement("SELECT type FROM reminder_leads WHERE kind = ? AND type <> '' ORDER BY type");
    st->bind(1, static_cast<int>(kind));
    while (st->executeStep()) out.push_back(st->getColumn(0).getString());
    return out;
  }

  int longest_upcoming_lead() override {
    auto st = impl_.statement("SELECT COALESCE(MAX(days), 0) FROM reminder_leads WHERE kind IN (2, 4)");
    return st->executeStep() ? st->getColumn(0).getInt() : 0;
  }

  std::int64_t applied_seq() override {
    auto st = impl_.statement("SELECT applied_seq FROM tracking_state WHERE one = 1");
    return st->executeStep() ? st->getColumn(0).getInt64() : 0;
  }

  void store_applied_seq(std::int64_t seq) override {
    auto st = impl_.statement("UPDATE tracking_state SET applied_seq = ? WHERE one = 1");
    st->bind(1, seq);
    st->exec();
  }

  std::optional<tracking::ContractFacts> facts(std::int64_t contract) override {
    auto st = impl_.statement("SELECT " PACTUM_FACTS_COLUMNS "FROM tracking_contracts f WHERE f.contract = ?");
    st->bind(1, contract);
    if (!st->executeStep()) return std::nullopt;
    return facts_row(*st);
  }

  void store_facts(const tracking::ContractFacts& f) override {
    auto st = impl_.statement(
        "INSERT OR REPLACE INTO tracking_contracts(contract, type, department, owner, key_account, signed_on, "
        "activated_on, closed_on, renewed_on, end_on, delivery_due, delivered_on, late_due, currency, amount, "
        "reporting_amount, exchange_rate, reversed, collected_full_on, collections, schedule) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, f.contract);
    st->bind(2, f.type);
    st->bind(3, f.department);
    st->bind(4, f.owner);
    st->bind(5, f.key_account ? 1 : 0);
    st->bind(6, f.signed_on.to_string());
    bind_optional(*st, 7, f.activated_on);
    bind_optional(*st, 8, f.closed_on);
    bind_optional(*st, 9, f.renewed_on);
    bind_optional(*st, 10, f.end);
    bind_optional(*st, 11, f.delivery_due);
    bind_optional(*st, 12, f.delivered_on);
    bind_optional(*st, 13, f.late_due);
    st->bind(14, std::string(f.currency.code()));
    st->bind(15, f.amount);
    st->bind(16, f.reporting_amount);
    st->bind(17, f.exchange_rate.to_string());
    st->bind(18, f.reversed ? 1 : 0);
    bind_optional(*st, 19, f.collected_full_on);
    st->bind(20, tracking::encode_steps(f.collections));
    st->bind(21, tracking::encode_steps(f.schedule));
    st->exec();
  }

  void store_collections(const tracking::ContractFacts& f) override {
    // collected_full_on is set only when it changes: the partial index on
    // it is then left alone.
    auto same_full = impl_.statement(
        "UPDATE tracking_contracts SET late_due = ?1, reversed = ?2, collections = ?4 "
        "WHERE contract = ?5 AND collected_full_on IS ?3");
    auto full = impl_.statement(
        "UPDATE tracking_contracts SET late_due = ?1, reversed = ?2, collected_full_on = ?3, collections = ?4 "
        "WHERE contract = ?5");
    const std::string collections = tracking::encode_steps(f.collections);
    for (Statement* update : {&same_full, &full}) {
      SQLite::Statement& st = **update;
      bind_optional(st, 1, f.late_due);
      st.bind(2, f.reversed ? 1 : 0);
      bind_optional(st, 3, f.collected_full_on);
      st.bind(4, collections);
      st.bind(5, f.contract);
      if (st.exec() > 0) return;
    }
  }

  void each_fold(const std::function<void(std::int64_t, std::string_view)>& visit) override {
    auto st = impl_.statement("SELECT contract, type FROM tracking_contracts ORDER BY contract");
    while (st->executeStep()) {
      visit(st->getColumn(0).getInt64(), text_of(st->getColumn(1)));
    }
  }

  // Writes only what changed: a payment on a contract with thousands of
  // instalments moves a few windows, and rewriting them all would make its
  // cost grow with the instalments.
  void replace_windows(std::int64_t contract, std::span<const tracking::ReminderWindow> windows) override {
    std::vector<std::string> acknowledged;
    {
      auto st = impl_.statement("SELECT id FROM reminder_acks WHERE contract = ?");
      st->bind(1, contract);
      while (st->executeStep()) acknowledged.push_back(st->getColumn(0).getString());
    }
    // The stored rows by key (kind, round, item), their other columns as text.
    std::map<std::tuple<int, int, int>, std::string> stored;
    {
      auto st = impl_.statement(
          "SELECT kind, round, item, due, trigger_on, open_from, settled_on, exact, installment_amount, "
          "unpaid_final, payments_final_on, acknowledged FROM reminder_index WHERE contract = ?");
      st->bind(1, contract);
      while (st->executeStep()) {
        std::string row;
        for (int c = 3; c < 12; ++c) {
          const SQLite::Column column = st->getColumn(c);
          row += column.isNull() ? std::string_view("-") : text_of(column);
          row += '|';
        }
        stored.emplace(std::make_tuple(st->getColumn(0).getInt(), st->getColumn(1).getInt(), st->getColumn(2).getInt()),
                       std::move(row));
      }
    }
    auto put = [](std::string& row, const auto& value) {
      if constexpr (std::is_same_v<std::decay_t<decltype(value)>, Date>) {
        row += value.to_string();
      } else if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::optional<Date>>) {
        row += value ? value->to_string() : std::string("-");
      } else if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::optional<std::int64_t>>) {
        row += value ? std::to_string(*value) : std::string("-");
      } else {
        row += std::to_string(value);
      }
      row += '|';
    };
    std::string row;
    for (const tracking::ReminderWindow& w : windows) {
      const bool acked = !acknowledged.empty() && std::find(acknowledged.begin(), acknowledged.end(),
                                                            w.key.to_string()) != acknowledged.end();
      row.clear();
      put(row, w.key.due);
      put(row, w.trigger);
      put(row, w.open_from);
      put(row, w.settled_on);
      put(row, w.exact ? 1 : 0);
      put(row, w.installment_amount);
      put(row, w.unpaid_final);
      put(row, w.payments_final_on);
      put(row, acked ? 1 : 0);
      const auto found = stored.find(std::make_tuple(static_cast<int>(w.key.kind), w.key.round, item_of(w.key)));
      const bool same = found != stored.end() && found->second == row;
      if (found != stored.end()) stored.erase(found);
      if (same) continue;
      store_window(contract, w, acked);
    }
    // The stored windows the contract no longer has.
    for (const auto& [key, unused] : stored) remove_window(contract, std::get<0>(key), std::get<1>(key), std::get<2>(key));
  }

  void update_windows(std::int64_t contract, std::span<const tracking::ReminderWindow> changed,
                      std::span<const ReminderKey> gone) override {
    for (const ReminderKey& key : gone) remove_window(contract, static_cast<int>(key.kind), key.round, item_of(key));
    // A stored window is updated in place, its acknowledgement mark kept
    // (it is right already), and only in the columns a payment moves, so
    // that the partial indexes are written only when settled_on changes; a
    // new window is acknowledged when its id is.
    auto same_settled = impl_.statement(
        "UPDATE reminder_index SET exact = ?1, unpaid_final = ?2, payments_final_on = ?3 "
        "WHERE contract = ?4 AND kind = ?5 AND round = ?6 AND item = ?7 AND settled_on IS ?8");
    auto settled = impl_.statement(
        "UPDATE reminder_index SET exact = ?1, unpaid_final = ?2, payments_final_on = ?3, settled_on = ?8 "
        "WHERE contract = ?4 AND kind = ?5 AND round = ?6 AND item = ?7");
    auto added = impl_.statement(
        "INSERT INTO reminder_index(contract, kind, round, item, due, trigger_on, open_from, settled_on, exact, "
        "installment_amount, unpaid_final, payments_final_on, acknowledged) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, EXISTS(SELECT 1 FROM reminder_acks WHERE id = ?13))");
    for (const tracking::ReminderWindow& w : changed) {
      bool stored = false;
      for (Statement* update : {&same_settled, &settled}) {
        SQLite::Statement& st = **update;
        st.bind(1, w.exact ? 1 : 0);
        bind_optional(st, 2, w.unpaid_final);
        bind_optional(st, 3, w.payments_final_on);
        st.bind(4, contract);
        st.bind(5, static_cast<int>(w.key.kind));
        st.bind(6, w.key.round);
        st.bind(7, item_of(w.key));
        bind_optional(st, 8, w.settled_on);
        stored = st.exec() > 0;
        st.reset();
        if (stored) break;
      }
      if (stored) continue;
      bind_window(*added, contract, w);
      added->bind(13, w.key.to_string());
      added->exec();
      added->reset();
    }
  }

  void windows_on(Date day, Date due_until, std::vector<WindowRecord>& out) override {
    const std::string d = day.to_string();
    {
      auto st = impl_.statement(PACTUM_WINDOW_COLUMNS
                                "WHERE r.acknowledged = 0 AND r.kind IN (2, 4) AND r.due >= ? AND r.due <= ? "
                                "AND r.open_from <= ? AND (r.settled_on IS NULL OR r.settled_on > ?)");
      st->bind(1, d);
      st->bind(2, due_until.to_string());
      st->bind(3, d);
      st->bind(4, d);
      while (st->executeStep()) out.push_back(window_row(*st));
    }
    {
      auto st = impl_.statement(PACTUM_WINDOW_COLUMNS
                                "WHERE r.acknowledged = 0 AND r.kind IN (1, 3, 5, 6) AND r.settled_on IS NULL "
                                "AND r.open_from <= ?");
      st->bind(1, d);
      while (st->executeStep()) out.push_back(window_row(*st));
    }
    auto st = impl_.statement(PACTUM_WINDOW_COLUMNS
                              "WHERE r.acknowledged = 0 AND r.kind IN (1, 3, 5, 6) AND r.settled_on > ? "
                              "AND r.open_from <= ?");
    st->bind(1, d);
    st->bind(2, d);
    while (st->executeStep()) out.push_back(window_row(*st));
  }

  std::optional<Acknowledgement> acknowledgement(const std::string& id) override {
    auto st = impl_.statement(
        "SELECT id, contract, acknowledged_on, actor, recorded_at FROM reminder_acks WHERE id = ?");
    st->bind(1, id);
    if (!st->executeStep()) return std::nullopt;
    return ack_row(*st);
  }

  std::vector<Acknowledgement> acknowledgements(std::optional<std::int64_t> contract) override {
    std::vector<Acknowledgement> out;
    if (contract) {
      auto st = impl_.statement(
          "SELECT id, contract, acknowledged_on, actor, recorded_at FROM reminder_acks WHERE contract = ? ORDER BY id");
      st->bind(1, *contract);
      while (st->executeStep()) out.push_back(ack_row(*st));
    } else {
      auto st = impl_.statement("SELECT id, contract, acknowledged_on, actor, recorded_at FROM reminder_acks ORDER BY id");
      while (st->executeStep()) out.push_back(ack_row(*st));
    }
    return out;
  }

  void insert_acknowledgement(const ReminderKey& key, const Acknowledgement& ack) override {
    {
      auto st = impl_.statement(
          "INSERT INTO reminder_acks(id, contract, acknowledged_on, actor, recorded_at) VALUES(?, ?, ?, ?, ?)");
      st->bind(1, ack.id);
      st->bind(2, ack.contract);
      st->bind(3, ack.on.to_string());
      bind_optional(*st, 4, ack.actor);
      st->bind(5, ack.recorded_at);
      st->exec();
    }
    auto st = impl_.statement(
        "UPDATE reminder_index SET acknowledged = 1 WHERE contract = ? AND kind = ? AND round = ? AND item = ? "
        "AND due = ?");
    st->bind(1, key.contract);
    st->bind(2, static_cast<int>(key.kind));
    st->bind(3, key.round);
    st->bind(4, item_of(key));
    st->bind(5, key.due.to_string());
    st->exec();
  }

  void due_deliveries(Date from, Date to, Date activated_by, std::string_view except_type,
                      const std::function<void(const DueDeliveryRecord&)>& visit) override {
    auto st = impl_.statement(
        "SELECT department, type, delivery_due, delivered_on, late_due FROM tracking_contracts "
        "WHERE delivery_due >= ? AND delivery_due <= ? AND activated_on <= ? AND type <> ?");
    st->bind(1, from.to_string());
    st->bind(2, to.to_string());
    st->bind(3, activated_by.to_string());
    st->bind(4, std::string(except_type));
    DueDeliveryRecord r;
    while (st->executeStep()) {
      assign_text(r.department, st->getColumn(0));
      assign_text(r.type, st->getColumn(1));
      r.delivery_due = Date::parse(st->getColumn(2).getString());
      r.delivered_on = optional_date(st->getColumn(3));
      r.late_due = optional_date(st->getColumn(4));
      visit(r);
    }
  }

  std::map<std::int64_t, std::string> holders_on(Date on) override {
    std::map<std::int64_t, std::string> out;
    auto st = impl_.statement(
        "SELECT contract, to_owner FROM contract_handovers WHERE effective <= ? ORDER BY contract, effective, seq");
    st->bind(1, on.to_string());
    while (st->executeStep()) out[st->getColumn(0).getInt64()] = st->getColumn(1).getString();
    return out;
  }

  void signed_or_in_force(Date from, Date to, Date activated_by, Date in_force_by, std::string_view except_type,
                          const std::function<void(const SignedContractRecord&)>& visit) override {
    // Who signed the contracts handed over at some time. Any other contract
    // kept the owner it was created with, its signer, which its fold holds:
    // no lookup into the contracts table for each row.
    std::unordered_map<std::int64_t, std::string> handed_over;
    {
      auto h = impl_.statement(
          "SELECT c.id, COALESCE(c.signer, c.owner) FROM contracts c "
          "WHERE c.id IN (SELECT contract FROM contract_handovers)");
      while (h->executeStep()) handed_over.emplace(h->getColumn(0).getInt64(), h->getColumn(1).getString());
    }
    // One pass over the table: with an index (the partial ones cover every
    // activated fold) SQLite would walk all of it and seek each row.
    auto st = impl_.statement(
        "SELECT f.contract, f.owner, f.signed_on, f.activated_on, f.closed_on, f.amount, f.reporting_amount, "
        "f.collections, f.type FROM tracking_contracts f NOT INDEXED "
        "WHERE f.activated_on IS NOT NULL AND f.type <> ?4 AND ((f.signed_on >= ?1 AND f.signed_on <= ?2 AND "
        "f.activated_on <= ?3) OR (f.activated_on <= ?5 AND (f.closed_on IS NULL OR f.closed_on >= ?1)))");
    st->bind(1, from.to_string());
    st->bind(2, to.to_string());
    st->bind(3, activated_by.to_string());
    st->bind(4, std::string(except_type));
    st->bind(5, in_force_by.to_string());
    SignedContractRecord r;
    tracking::ContractFacts& f = r.facts;
    while (st->executeStep()) {
      f.contract = st->getColumn(0).getInt64();
      if (const auto signer = handed_over.find(f.contract); signer != handed_over.end()) {
        r.signer = signer->second;
      } else {
        assign_text(r.signer, st->getColumn(1));
      }
      f.signed_on = Date::parse(st->getColumn(2).getString());
      f.activated_on = Date::parse(st->getColumn(3).getString());
      f.closed_on = optional_date(st->getColumn(4));
      f.amount = st->getColumn(5).getInt64();
      f.reporting_amount = st->getColumn(6).getInt64();
      f.collections = tracking::decode_steps(st->getColumn(7).getString());
      assign_text(f.type, st->getColumn(8));
      visit(r);
    }
  }

  std::optional<report::TrackedContract> tracked(std::int64_t contract) override {
    auto st = impl_.statement(PACTUM_TRACKED_COLUMNS "WHERE f.contract = ?");
    st->bind(1, contract);
    if (!st->executeStep()) return std::nullopt;
    return tracked_row(*st);
  }

  void tracked_ending(Date after, Date until, Date activated_by,
                      std::map<std::int64_t, report::TrackedContract>& out) override {
    auto st = impl_.statement(PACTUM_TRACKED_COLUMNS "WHERE f.end_on > ? AND f.end_on <= ? AND f.activated_on <= ?");
    st->bind(1, after.to_string());
    st->bind(2, until.to_string());
    st->bind(3, activated_by.to_string());
    collect_tracked(std::move(st), out);
  }

  void tracked_uncollected(Date on, std::map<std::int64_t, report::TrackedContract>& out) override {
    auto st = impl_.statement(PACTUM_TRACKED_COLUMNS
                              "WHERE f.activated_on <= ? AND (f.collected_full_on IS NULL OR f.collected_full_on > ?)");
    const std::string d = on.to_string();
    st->bind(1, d);
    st->bind(2, d);
    collect_tracked(std::move(st), out);
  }

  void installments_due(Date after, Date until, Date activated_by,
                        std::vector<report::DueInstallment>& out) override {
    auto st = impl_.statement(
        "SELECT i.contract, i.position, i.due, i.amount FROM installments i "
        "JOIN tracking_contracts f ON f.contract = i.contract WHERE i.due > ? AND i.due <= ? AND f.activated_on <= ?");
    st->bind(1, after.to_string());
    st->bind(2, until.to_string());
    st->bind(3, activated_by.to_string());
    while (st->executeStep()) {
      report::DueInstallment i;
      i.contract = st->getColumn(0).getInt64();
      i.position = st->getColumn(1).getInt();
      i.due = Date::parse(st->getColumn(2).getString());
      i.amount = st->getColumn(3).getInt64();
      out.push_back(i);
    }
  }

  void trend_folds(Date activated_by,
                   const std::function<void(std::string_view type, const report::TrendContract&)>& visit) override {
    auto st = impl_.statement(
        "SELECT type, amount, reporting_amount, collections, schedule FROM tracking_contracts "
        "WHERE activated_on IS NOT NULL AND activated_on <= ?");
    st->bind(1, activated_by.to_string());
    report::TrendContract c;
    while (st->executeStep()) {
      c.amount = st->getColumn(1).getInt64();
      c.reporting_amount = st->getColumn(2).getInt64();
      c.collections = tracking::decode_steps(st->getColumn(3).getString());
      c.schedule = tracking::decode_steps(st->getColumn(4).getString());
      visit(st->getColumn(0).getText(), c);
    }
  }

 private:
  // Stores one window, replacing the stored one of its key.
  void store_window(std::int64_t contract, const tracking::ReminderWindow& w, bool acked) {
    auto st = impl_.statement(
        "INSERT OR REPLACE INTO reminder_index(contract, kind, round, item, due, trigger_on, open_from, settled_on, "
        "exact, installment_amount, unpaid_final, payments_final_on, acknowledged) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_window(*st, contract, w);
    st->bind(13, acked ? 1 : 0);
    st->exec();
  }

  void remove_window(std::int64_t contract, int kind, int round, int item) {
    auto st = impl_.statement("DELETE FROM reminder_index WHERE contract = ? AND kind = ? AND round = ? AND item = ?");
    st->bind(1, contract);
    st->bind(2, kind);
    st->bind(3, round);
    st->bind(4, item);
    st->exec();
  }

  Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<TrackingRecords> make_sqlite_tracking_records(Database::Impl& impl) {
  return std::make_unique<SqliteTrackingRecords>(impl);
}

}  // namespace pactum::store
