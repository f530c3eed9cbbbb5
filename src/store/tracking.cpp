// Database: reminders, acknowledgements, lead times, and the tracking index
// that catches up with the event log (docs/reports.md).
//
// The index has two tables. tracking_contracts holds one fold per contract
// (status dates, first accepted delivery, first instalment not paid by its
// due date, collection and schedule steps): the reports read it instead of
// the log. reminder_index holds, for every reminder a contract can give, the
// days its condition can hold; three partial indexes find the rows holding
// on a date without scanning past or future ones:
//  - upcoming kinds (payment_due, delivery_due) by due date: they hold only
//    from due - lead to due, so the rows to look at are those due in
//    [as_of, as_of + the longest lead];
//  - the other kinds by (settled_on, open_from): the unsettled ones opened by
//    the as-of date, and the ones settled after it (few, for a recent date).
// Acknowledged rows leave the partial indexes. tracking_state.applied_seq is
// the last event folded; every query first folds the contracts of the later
// events again.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "contracts_internal.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/directory.hpp"
#include "tracking_internal.hpp"

namespace pactum {

namespace store {

namespace {

using tracking::ContractFacts;
using tracking::ReminderWindow;

void bind_date(SQLite::Statement& st, int index, const std::optional<Date>& d) { bind_optional(st, index, d); }

ReminderKind kind_of_code(std::int64_t code) {
  for (ReminderKind k : kReminderKinds) {
    if (static_cast<std::int64_t>(k) == code) return k;
  }
  raise(Errc::corrupt, "tracking.bad_index", {{"detail", "reminder kind " + std::to_string(code)}});
}

// ---- Lead times -------------------------------------------------------------------------

class LeadCache {
 public:
  explicit LeadCache(Database::Impl& impl) : impl_(impl) {}

  const ReminderLeads& of(const std::string& type) {
    auto it = cache_.find(type);
    if (it != cache_.end()) return it->second;
    ReminderLeads leads;
    // '' (every type) sorts before any type word, which then overrides it.
    auto st = impl_.statement("SELECT kind, days FROM reminder_leads WHERE type = '' OR type = ? ORDER BY type, kind");
    st->bind(1, type);
    while (st->executeStep()) leads.set(kind_of_code(st->getColumn(0).getInt64()), st->getColumn(1).getInt());
    return cache_.emplace(type, leads).first->second;
  }

 private:
  Database::Impl& impl_;
  std::map<std::string, ReminderLeads> cache_;
};

// ---- Loading one contract -----------------------------------------------------------------

// The contract's terms and status dates (what the tracking fold reads).
Contract tracked_contract(Database::Impl& impl, std::int64_t id) {
  Contract c;
  {
    auto st = impl.statement(
        "SELECT number, type, status, owner, department, counterparty, key_account, currency, amount, "
        "reporting_amount, exchange_rate, signed_on, start_on, end_on, delivery_due, activated_on, closed_on "
        "FROM contracts WHERE id = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    if (!st->executeStep()) refuse_unknown_contract(std::to_string(id));
    c.id = id;
    c.number = st->getColumn(0).getString();
    c.type = st->getColumn(1).getString();
    c.status = parse_contract_status(st->getColumn(2).getString());
    c.owner = st->getColumn(3).getString();
    c.department = st->getColumn(4).getString();
    c.counterparty = st->getColumn(5).getString();
    c.key_account = st->getColumn(6).getInt() != 0;
    const Currency currency = Currency::of(st->getColumn(7).getString());
    c.amount = Money::from_units(st->getColumn(8).getInt64(), currency);
    c.reporting_amount = Money::from_units(st->getColumn(9).getInt64(), impl.currency);
    c.exchange_rate = Decimal::parse(st->getColumn(10).getString());
    c.signed_on = Date::parse(st->getColumn(11).getString());
    c.start = Date::parse(st->getColumn(12).getString());
    c.end = optional_date(st->getColumn(13));
    c.delivery_due = optional_date(st->getColumn(14));
    c.activated_on = optional_date(st->getColumn(15));
    c.closed_on = optional_date(st->getColumn(16));
  }
  auto st = impl.statement("SELECT due, amount FROM installments WHERE contract = ? ORDER BY position");
  st->bind(1, static_cast<std::int64_t>(id));
  while (st->executeStep()) {
    c.installments.push_back(Installment{Date::parse(st->getColumn(0).getString()),
                                         Money::from_units(st->getColumn(1).getInt64(), c.amount.currency())});
  }
  return c;
}

// Its payments, reversals, deliveries and renewals.
std::vector<Event> tracked_events(Database::Impl& impl, std::int64_t id, Currency currency) {
  std::vector<Event> out;
  auto st = impl.statement(
      "SELECT seq, type, effective, amount, value FROM events WHERE contract = ? AND type IN (3, 4, 5, 11) ORDER BY seq");
  st->bind(1, static_cast<std::int64_t>(id));
  while (st->executeStep()) {
    Event e;
    e.seq = st->getColumn(0).getInt64();
    e.type = static_cast<EventType>(st->getColumn(1).getInt());
    e.contract = id;
    e.effective = Date::parse(st->getColumn(2).getString());
    if (!st->getColumn(3).isNull()) e.amount = Money::from_units(st->getColumn(3).getInt64(), currency);
    e.value = optional_int(st->getColumn(4));
    out.push_back(std::move(e));
  }
  return out;
}

// Its approval steps with a due date; a step is closed when it closed or its
// route ended, whichever came first.
std::vector<TrackedStep> tracked_steps(Database::Impl& impl, std::int64_t id) {
  std::vector<TrackedStep> out;
  auto st = impl.statement(
      "SELECT r.round, s.step, s.opened_on, s.due_on, s.closed_on, r.ended_on FROM approval_routes r "
      "JOIN approval_steps s ON s.route = r.id WHERE r.contract = ? AND s.due_on IS NOT NULL ORDER BY r.round, s.step");
  st->bind(1, static_cast<std::int64_t>(id));
  while (st->executeStep()) {
    TrackedStep s;
    s.round = st->getColumn(0).getInt();
    s.step = st->getColumn(1).getInt();
    s.opened_on = optional_date(st->getColumn(2));
    s.due_on = Date::parse(st->getColumn(3).getString());
    const auto closed = optional_date(st->getColumn(4));
    const auto ended = optional_date(st->getColumn(5));
    s.closed_on = closed && ended ? std::min(*closed, *ended) : (closed ? closed : ended);
    out.push_back(s);
  }
  return out;
}

TrackingInput tracking_input(Database::Impl& impl, std::int64_t id, LeadCache& leads) {
  TrackingInput in;
  in.contract = tracked_contract(impl, id);
  in.events = tracked_events(impl, id, in.contract.amount.currency());
  in.steps = tracked_steps(impl, id);
  in.leads = leads.of(in.contract.type);
  return in;
}

// ---- Writing the index ----------------------------------------------------------------------

void write_facts(Database::Impl& impl, const ContractFacts& f) {
  auto st = impl.statement(
      "INSERT OR REPLACE INTO tracking_contracts(contract, type, department, owner, key_account, signed_on, "
      "activated_on, closed_on, renewed_on, end_on, delivery_due, delivered_on, late_due, currency, amount, "
      "reporting_amount, exchange_rate, reversed, collected_full_on, collections, schedule) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st->bind(1, static_cast<std::int64_t>(f.contract));
  st->bind(2, f.type);
  st->bind(3, f.department);
  st->bind(4, f.owner);
  st->bind(5, f.key_account ? 1 : 0);
  st->bind(6, f.signed_on.to_string());
  bind_date(*st, 7, f.activated_on);
  bind_date(*st, 8, f.closed_on);
  bind_date(*st, 9, f.renewed_on);
  bind_date(*st, 10, f.end);
  bind_date(*st, 11, f.delivery_due);
  bind_date(*st, 12, f.delivered_on);
  bind_date(*st, 13, f.late_due);
  st->bind(14, std::string(f.currency.code()));
  st->bind(15, static_cast<std::int64_t>(f.amount));
  st->bind(16, static_cast<std::int64_t>(f.reporting_amount));
  st->bind(17, f.exchange_rate.to_string());
  st->bind(18, f.reversed ? 1 : 0);
  bind_date(*st, 19, f.collected_full_on);
  st->bind(20, tracking::encode_steps(f.collections));
  st->bind(21, tracking::encode_steps(f.schedule));
  st->exec();
}

int item_of(const ReminderKey& k) { return k.kind == ReminderKind::approval_overdue ? k.step : k.installment; }

void write_windows(Database::Impl& impl, std::int64_t id, const std::vector<ReminderWindow>& windows) {
  std::set<std::string> acknowledged;
  {
    auto st = impl.statement("SELECT id FROM reminder_acks WHERE contract = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    while (st->executeStep()) acknowledged.insert(st->getColumn(0).getString());
  }
  {
    auto st = impl.statement("DELETE FROM reminder_index WHERE contract = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    st->exec();
  }
  auto st = impl.statement(
      "INSERT INTO reminder_index(contract, kind, round, item, due, trigger_on, open_from, settled_on, exact, "
      "installment_amount, unpaid_final, payments_final_on, acknowledged) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const ReminderWindow& w : windows) {
    st->bind(1, static_cast<std::int64_t>(id));
    st->bind(2, static_cast<int>(w.key.kind));
    st->bind(3, w.key.round);
    st->bind(4, item_of(w.key));
    st->bind(5, w.key.due.to_string());
    st->bind(6, w.trigger.to_string());
    st->bind(7, w.open_from.to_string());
    bind_date(*st, 8, w.settled_on);
    st->bind(9, w.exact ? 1 : 0);
    bind_optional(*st, 10, w.installment_amount);
    bind_optional(*st, 11, w.unpaid_final);
    bind_date(*st, 12, w.payments_final_on);
    st->bind(13, acknowledged.contains(w.key.to_string()) ? 1 : 0);
    st->exec();
    st->reset();
  }
}

void fold_contract(Database::Impl& impl, std::int64_t id, LeadCache& leads) {
  const TrackingInput in = tracking_input(impl, id, leads);
  const ContractFacts facts = tracking::contract_facts(in);
  write_facts(impl, facts);
  write_windows(impl, id, tracking::reminder_windows(facts, in.steps, in.leads));
}

// The stored fold of a contract (nullopt when it was never folded).
#define PACTUM_FACTS_COLUMNS                                                                                      \
  "SELECT contract, type, department, owner, key_account, signed_on, activated_on, closed_on, renewed_on, end_on, " \
  "delivery_due, delivered_on, late_due, currency, amount, reporting_amount, exchange_rate, reversed, "             \
  "collected_full_on, collections, schedule FROM tracking_contracts "

std::optional<ContractFacts> stored_facts(Database::Impl& impl, std::int64_t id) {
  auto st = impl.statement(PACTUM_FACTS_COLUMNS "WHERE contract = ?");
  st->bind(1, static_cast<std::int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  return facts_row(*st);
}

// New lead times: the windows change, the facts do not.
void rewindow_contract(Database::Impl& impl, std::int64_t id, LeadCache& leads) {
  const auto facts = stored_facts(impl, id);
  if (!facts) return;
  const std::vector<TrackedStep> steps = tracked_steps(impl, id);
  write_windows(impl, id, tracking::reminder_windows(*facts, steps, leads.of(facts->type)));
}

std::pair<std::int64_t, std::int64_t> applied_and_last(Database::Impl& impl) {
  std::int64_t applied = 0;
  std::int64_t last = 0;
  {
    auto st = impl.statement("SELECT applied_seq FROM tracking_state WHERE one = 1");
    if (st->executeStep()) applied = st->getColumn(0).getInt64();
  }
  {
    auto st = impl.statement("SELECT COALESCE(MAX(seq), 0) FROM events");
    if (st->executeStep()) last = st->getColumn(0).getInt64();
  }
  return {applied, last};
}

// ---- The query -------------------------------------------------------------------------------

struct Candidate {
  ReminderKey key;
  Date trigger;
  bool exact = true;
  std::optional<std::int64_t> installment_amount;
  std::optional<std::int64_t> unpaid_final;
  std::optional<Date> payments_final_on;
  std::string number;
  std::string type;
  std::string owner;
  std::string department;
  std::string counterparty;
  bool key_account = false;
  Currency currency;
};

#define PACTUM_REMINDER_COLUMNS                                                                                   \
  "SELECT r.contract, r.kind, r.round, r.item, r.due, r.trigger_on, r.exact, r.installment_amount, r.unpaid_final, " \
  "r.payments_final_on, c.number, c.type, c.owner, c.department, c.counterparty, c.key_account, c.currency "         \
  "FROM reminder_index r JOIN contracts c ON c.id = r.contract "

Candidate candidate_row(SQLite::Statement& st) {
  Candidate c;
  c.key.contract = st.getColumn(0).getInt64();
  c.key.kind = kind_of_code(st.getColumn(1).getInt64());
  const int round = st.getColumn(2).getInt();
  const int item = st.getColumn(3).getInt();
  if (c.key.kind == ReminderKind::approval_overdue) {
    c.key.round = round;
    c.key.step = item;
  } else if (c.key.kind == ReminderKind::payment_due || c.key.kind == ReminderKind::payment_overdue) {
    c.key.installment = item;
  }
  c.key.due = Date::parse(st.getColumn(4).getString());
  c.trigger = Date::parse(st.getColumn(5).getString());
  c.exact = st.getColumn(6).getInt() != 0;
  c.installment_amount = optional_int(st.getColumn(7));
  c.unpaid_final = optional_int(st.getColumn(8));
  c.payments_final_on = optional_date(st.getColumn(9));
  c.number = st.getColumn(10).getString();
  c.type = st.getColumn(11).getString();
  c.owner = st.getColumn(12).getString();
  c.department = st.getColumn(13).getString();
  c.counterparty = st.getColumn(14).getString();
  c.key_account = st.getColumn(15).getInt() != 0;
  c.currency = Currency::of(st.getColumn(16).getString());
  return c;
}

// The longest lead of the upcoming kinds in force for any type.
int longest_upcoming_lead(Database::Impl& impl) {
  const ReminderLeads builtin;
  int longest = std::max(builtin.payment_due, builtin.delivery_due);
  auto st = impl.statement("SELECT COALESCE(MAX(days), 0) FROM reminder_leads WHERE kind IN (2, 4)");
  if (st->executeStep()) longest = std::max(longest, st->getColumn(0).getInt());
  return longest;
}

std::vector<Candidate> candidates(Database::Impl& impl, Date day) {
  std::vector<Candidate> out;
  const std::string d = day.to_string();
  {
    auto st = impl.statement(PACTUM_REMINDER_COLUMNS
                             "WHERE r.acknowledged = 0 AND r.kind IN (2, 4) AND r.due >= ? AND r.due <= ? "
                             "AND r.open_from <= ? AND (r.settled_on IS NULL OR r.settled_on > ?)");
    st->bind(1, d);
    st->bind(2, day.add_days_clamped(longest_upcoming_lead(impl)).to_string());
    st->bind(3, d);
    st->bind(4, d);
    while (st->executeStep()) out.push_back(candidate_row(*st));
  }
  {
    auto st = impl.statement(PACTUM_REMINDER_COLUMNS
                             "WHERE r.acknowledged = 0 AND r.kind IN (1, 3, 5, 6) AND r.settled_on IS NULL "
                             "AND r.open_from <= ?");
    st->bind(1, d);
    while (st->executeStep()) out.push_back(candidate_row(*st));
  }
  {
    auto st = impl.statement(PACTUM_REMINDER_COLUMNS
                             "WHERE r.acknowledged = 0 AND r.kind IN (1, 3, 5, 6) AND r.settled_on > ? "
                             "AND r.open_from <= ?");
    st->bind(1, d);
    st->bind(2, d);
    while (st->executeStep()) out.push_back(candidate_row(*st));
  }
  return out;
}

std::vector<Reminder> query_reminders(Database::Impl& impl, Date day) {
  std::vector<Reminder> out;
  LeadCache leads(impl);
  std::map<std::int64_t, ContractFacts> facts;                 // read when payments come after `day`
  std::map<std::int64_t, std::vector<Reminder>> folded;        // windows that are only bounds
  for (Candidate& c : candidates(impl, day)) {
    const bool payment = c.key.kind == ReminderKind::payment_due || c.key.kind == ReminderKind::payment_overdue;
    if (!c.exact) {
      auto it = folded.find(c.key.contract);
      if (it == folded.end()) {
        it = folded.emplace(c.key.contract, reference_reminders(tracking_input(impl, c.key.contract, leads), day)).first;
      }
      const std::string id = c.key.to_string();
      const auto hit = std::find_if(it->second.begin(), it->second.end(), [&](const Reminder& r) { return r.id == id; });
      if (hit == it->second.end()) continue;
      out.push_back(*hit);
      continue;
    }
    Reminder r;
    r.id = c.key.to_string();
    r.kind = c.key.kind;
    r.contract = c.key.contract;
    r.number = std::move(c.number);
    r.type = std::move(c.type);
    r.owner = std::move(c.owner);
    r.department = std::move(c.department);
    r.counterparty = std::move(c.counterparty);
    r.key_account = c.key_account;
    r.due = c.key.due;
    r.trigger = c.trigger;
    r.days = reminder_days(r.due, day);
    if (payment) {
      r.installment = c.key.installment;
      r.installment_amount = Money::from_units(c.installment_amount.value_or(0), c.currency);
      std::int64_t unpaid = c.unpaid_final.value_or(0);
      if (c.payments_final_on && *c.payments_final_on > day) {
        auto it = facts.find(c.key.contract);
        if (it == facts.end()) {
          auto stored = stored_facts(impl, c.key.contract);
          if (!stored) raise(Errc::corrupt, "tracking.bad_index", {{"detail", "no fold of contract " + r.number}});
          it = facts.emplace(c.key.contract, std::move(*stored)).first;
        }
        unpaid = c.installment_amount.value_or(0) - tracking::installment_paid(it->second, c.key.installment, day);
      }
      r.unpaid = Money::from_units(unpaid, c.currency);
    } else if (r.kind == ReminderKind::approval_overdue) {
      r.round = c.key.round;
      r.step = c.key.step;
    }
    out.push_back(std::move(r));
  }
  for (Reminder& r : out) r.message = reminder_message(r, impl.lang);
  std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::make_tuple(a.due, a.contract, static_cast<int>(a.kind), a.installment.value_or(0), a.round.value_or(0),
                           a.step.value_or(0)) < std::make_tuple(b.due, b.contract, static_cast<int>(b.kind),
                                                                 b.installment.value_or(0), b.round.value_or(0),
                                                                 b.step.value_or(0));
  });
  return out;
}

// True when `key` names a reminder the contract can give under its current
// terms and approval steps.
bool names_a_reminder(Database::Impl& impl, const ReminderKey& key) {
  const Contract c = tracked_contract(impl, key.contract);
  switch (key.kind) {
    case ReminderKind::expiry: return c.end && *c.end == key.due;
    case ReminderKind::payment_due:
    case ReminderKind::payment_overdue:
      return key.installment >= 1 && static_cast<std::size_t>(key.installment) <= c.installments.size() &&
             c.installments[static_cast<std::size_t>(key.installment) - 1].due == key.due;
    case ReminderKind::delivery_due:
    case ReminderKind::delivery_late: return c.delivery_due && *c.delivery_due == key.due;
    case ReminderKind::approval_overdue:
      for (const TrackedStep& s : tracked_steps(impl, key.contract)) {
        if (s.round == key.round && s.step == key.step && s.due_on == key.due) return true;
      }
      return false;
  }
  return false;
}

std::optional<Acknowledgement> stored_ack(Database::Impl& impl, const std::string& id) {
  auto st = impl.statement("SELECT contract, acknowledged_on, actor, recorded_at FROM reminder_acks WHERE id = ?");
  st->bind(1, id);
  if (!st->executeStep()) return std::nullopt;
  Acknowledgement a;
  a.id = id;
  a.contract = st->getColumn(0).getInt64();
  a.on = Date::parse(st->getColumn(1).getString());
  a.actor = optional_text(st->getColumn(2));
  a.recorded_at = st->getColumn(3).getString();
  return a;
}

}  // namespace

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

std::int64_t sync_tracking(const Database& db, Database::Impl& impl) {
  (void)db;
  const auto [applied0, last0] = impl.read([&] { return applied_and_last(impl); });
  if (applied0 == last0) return 0;
  return impl.write([&]() -> std::int64_t {
    const auto [applied, last] = applied_and_last(impl);
    if (applied == last) return 0;
    std::vector<std::int64_t> ids;
    if (applied > last) {
      // The log is older than the index (it cannot shrink): fold everything.
      auto st = impl.statement("SELECT id FROM contracts ORDER BY id");
      while (st->executeStep()) ids.push_back(st->getColumn(0).getInt64());
    } else {
      auto st = impl.statement("SELECT DISTINCT contract FROM events WHERE seq > ? AND contract IS NOT NULL ORDER BY contract");
      st->bind(1, static_cast<std::int64_t>(applied));
      while (st->executeStep()) ids.push_back(st->getColumn(0).getInt64());
    }
    LeadCache leads(impl);
    for (std::int64_t id : ids) fold_contract(impl, id, leads);
    auto st = impl.statement("UPDATE tracking_state SET applied_seq = ? WHERE one = 1");
    st->bind(1, static_cast<std::int64_t>(last));
    st->exec();
    return static_cast<std::int64_t>(ids.size());
  });
}

}  // namespace store

// ---- Database members ------------------------------------------------------------------------

std::vector<Reminder> Database::reminders(std::optional<Date> as_of) const {
  const Date day = as_of ? *as_of : today();
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] { return store::query_reminders(*impl_, day); });
}

Acknowledgement Database::acknowledge(const std::string& reminder_id, const std::optional<std::string>& by,
                                      std::optional<Date> on) {
  const Date day = on ? *on : today();
  return impl_->write([&] {
    require_utf8(reminder_id, "reminder_id");
    const ReminderKey key = ReminderKey::parse(reminder_id);
    if (by) require_name(*by, "by");
    const std::string id = key.to_string();
    if (auto first = store::stored_ack(*impl_, id)) return *first;
    bool exists = false;
    {
      auto st = impl_->statement("SELECT 1 FROM contracts WHERE id = ?");
      st->bind(1, static_cast<std::int64_t>(key.contract));
      exists = st->executeStep();
    }
    if (!exists || !store::names_a_reminder(*impl_, key)) refuse_unknown_reminder(id);
    store::sync_tracking(*this, *impl_);
    Acknowledgement ack;
    ack.id = id;
    ack.contract = key.contract;
    ack.on = day;
    ack.actor = by;
    ack.recorded_at = store::recorded_now();
    {
      auto st = impl_->statement(
          "INSERT INTO reminder_acks(id, contract, acknowledged_on, actor, recorded_at) VALUES(?, ?, ?, ?, ?)");
      st->bind(1, id);
      st->bind(2, static_cast<std::int64_t>(key.contract));
      st->bind(3, day.to_string());
      store::bind_optional(*st, 4, by);
      st->bind(5, ack.recorded_at);
      st->exec();
    }
    auto st = impl_->statement(
        "UPDATE reminder_index SET acknowledged = 1 WHERE contract = ? AND kind = ? AND round = ? AND item = ? AND due = ?");
    st->bind(1, static_cast<std::int64_t>(key.contract));
    st->bind(2, static_cast<int>(key.kind));
    st->bind(3, key.round);
    st->bind(4, store::item_of(key));
    st->bind(5, key.due.to_string());
    st->exec();
    return ack;
  });
}

std::vector<Acknowledgement> Database::acknowledgements(const std::optional<ContractRef>& contract) const {
  return impl_->read([&] {
    std::vector<std::string> ids;
    if (contract) {
      const store::ContractRow row = store::resolve_contract(*impl_, *contract);
      auto st = impl_->statement("SELECT id FROM reminder_acks WHERE contract = ? ORDER BY id");
      st->bind(1, static_cast<std::int64_t>(row.id));
      while (st->executeStep()) ids.push_back(st->getColumn(0).getString());
    } else {
      auto st = impl_->statement("SELECT id FROM reminder_acks ORDER BY id");
      while (st->executeStep()) ids.push_back(st->getColumn(0).getString());
    }
    std::vector<Acknowledgement> out;
    for (const std::string& id : ids) out.push_back(*store::stored_ack(*impl_, id));
    return out;
  });
}

void Database::set_reminder_lead(ReminderKind kind, int days, const std::optional<std::string>& type) {
  impl_->write([&] {
    validate_reminder_days(kind, days);
    if (type) {
      require_utf8(*type, "type");
      validate_contract_type(*type);
    }
    store::sync_tracking(*this, *impl_);
    {
      auto st = impl_->statement("INSERT OR REPLACE INTO reminder_leads(type, kind, days) VALUES(?, ?, ?)");
      st->bind(1, type.value_or(""));
      st->bind(2, static_cast<int>(kind));
      st->bind(3, days);
      st->exec();
    }
    // The contracts whose lead this is: of `type`, or of every type without
    // its own lead for `kind`.
    std::set<std::string> own;
    if (!type) {
      auto st = impl_->statement("SELECT type FROM reminder_leads WHERE kind = ? AND type <> ''");
      st->bind(1, static_cast<int>(kind));
      while (st->executeStep()) own.insert(st->getColumn(0).getString());
    }
    std::vector<std::int64_t> ids;
    {
      auto st = impl_->statement("SELECT contract, type FROM tracking_contracts ORDER BY contract");
      while (st->executeStep()) {
        const std::string t = st->getColumn(1).getString();
        if (type ? t == *type : !own.contains(t)) ids.push_back(st->getColumn(0).getInt64());
      }
    }
    store::LeadCache leads(*impl_);
    for (std::int64_t id : ids) store::rewindow_contract(*impl_, id, leads);
  });
}

ReminderLeads Database::reminder_leads(const std::optional<std::string>& type) const {
  return impl_->read([&] {
    if (type) {
      require_utf8(*type, "type");
      validate_contract_type(*type);
    }
    store::LeadCache leads(*impl_);
    return leads.of(type.value_or(""));
  });
}

std::int64_t Database::catch_up_tracking() { return store::sync_tracking(*this, *impl_); }

}  // namespace pactum
