// The incremental KPI engine (incremental.hpp, docs/kpi.md "Incremental
// engine"). Each contract's share of its three scorecards is computed from
// its own state exactly as the rule book computes it; the scorecard sums are
// kept by taking a touched contract's old share out and putting its new one
// in. Everything here mirrors the reference evaluator (evaluator.cpp) for a
// scorecard as of the engine's time T: the property tests hold them equal.
#include "incremental.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <stdexcept>

#include "kpi_json.hpp"
#include "pactum/core/error.hpp"
#include "scoring.hpp"

namespace pactum::kpi_engine {

namespace {

// 128-bit sums where the rule book's 64-bit sums could overflow on the way.
__extension__ typedef __int128 Wide;

constexpr std::uint8_t kRegistered = 1;
constexpr std::uint8_t kPoisoned = 2;  // its share needs the reference evaluator
constexpr std::uint8_t kTouched = 4;   // in the current batch, its share is out of the sums
constexpr std::uint8_t kFresh = 8;     // created in the current batch: no old share

std::int32_t day_of(Date d) { return static_cast<std::int32_t>(d.serial()); }
Date date_of(std::int32_t day) { return Date::from_serial(day); }

int slot_of(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::month: return 0;
    case PeriodKind::quarter: return 1;
    default: return 2;
  }
}

// A canonical period as one number ordered by kind, then start.
std::uint32_t period_key(const Period& p) {
  const auto start = static_cast<std::uint32_t>(static_cast<std::int64_t>(p.start().serial()) + (std::int64_t{1} << 22));
  return (static_cast<std::uint32_t>(slot_of(p.kind())) << 24) | start;
}

bool key_less(const std::pair<std::uint32_t, std::uint32_t>& a, std::uint32_t key) { return a.first < key; }

// Orders the event queue as a min-heap by (day, seq).
bool later(const Queued& a, const Queued& b) { return a.day != b.day ? a.day > b.day : a.seq > b.seq; }

// The latest survey of `c` in `slot`'s period (none: a null stamp).
Survey survey_of(const ContractState& c, std::size_t slot) {
  if ((c.survey_slots & (1U << slot)) != 0) return {c.survey_at, c.survey_score};
  if (c.extras) return c.extras->surveys[slot];
  return {};
}

// Makes `s` the latest survey in `slot`'s period. The contract holds the
// survey of the widest period that has one (the latest of them all) and
// marks the slots that share it; the rare slot with another survey (an
// earlier one, in the signing month or quarter) goes to the extras.
void set_survey(ContractState& c, std::size_t slot, const Survey& s) {
  std::array<Survey, 3> all{survey_of(c, 0), survey_of(c, 1), survey_of(c, 2)};
  all[slot] = s;
  Survey held;
  for (std::size_t k = 3; k-- > 0;) {
    if (!all[k].at.none()) {
      held = all[k];
      break;
    }
  }
  c.survey_at = held.at;
  c.survey_score = held.score;
  c.survey_slots = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const bool shared = !all[k].at.none() && all[k].at == held.at;
    if (shared) c.survey_slots = static_cast<std::uint8_t>(c.survey_slots | (1U << k));
    if (!shared && !all[k].at.none() && !c.extras) c.extras = std::make_unique<Extras>();
    if (c.extras) c.extras->surveys[k] = shared ? Survey{} : all[k];
  }
}

// The terms of a contract in force on a cutoff: as created, with the
// amendments effective by then redone in sequence order.
struct TermsView {
  std::int64_t amount = 0;
  std::int64_t reporting = 0;
  std::int32_t delivery_due = kNoDay;
  std::span<const Term> installments;
  const std::optional<AttributeValue>* budget = nullptr;
  const std::optional<AttributeValue>* actual = nullptr;
};

TermsView terms_at(const ContractState& c, std::int32_t cutoff) {
  TermsView t;
  t.amount = c.amount;
  t.reporting = c.reporting_amount;
  t.delivery_due = c.delivery_due;
  t.installments = c.installments;
  if (!c.extras) return t;
  t.budget = &c.extras->budget;
  t.actual = &c.extras->actual;
  for (const Amendment& a : c.extras->amendments) {
    if (a.day > cutoff) continue;
    if (a.diff.amount) {
      t.amount = (*a.diff.amount)[1];
      t.reporting = a.reporting_to;
    }
    if (a.diff.delivery_due) t.delivery_due = (*a.diff.delivery_due)[1];
    if (a.diff.installments) t.installments = (*a.diff.installments)[1];
    for (const AttributeChange& ch : a.diff.attributes) (ch.budget ? t.budget : t.actual) = &ch.to;
  }
  return t;
}

std::optional<Ratio> value_of(KpiMetric metric, const Contribution& s) {
  switch (metric) {
    case KpiMetric::signed_amount:
      if (s.contracts > 0) return Ratio(s.signed_amount, Money::kUnitsPerOne);
      break;
    case KpiMetric::collection_rate:
      if (s.contracts > 0 && s.collected_whole > 0) return Ratio(s.collected_part, s.collected_whole);
      break;
    case KpiMetric::satisfaction:
      if (s.surveys > 0) return Ratio(s.survey_sum, s.surveys);
      break;
    case KpiMetric::cycle_days:
      if (s.delivered > 0) return Ratio(s.cycle_days, s.delivered);
      break;
    case KpiMetric::contract_count:
      if (s.contracts > 0) return Ratio(s.contracts);
      break;
    case KpiMetric::change_rate:
      if (s.contracts > 0) return Ratio(s.amended, s.contracts);
      break;
    case KpiMetric::dispute_rate:
      if (s.contracts > 0) return Ratio(s.disputed, s.contracts);
      break;
    case KpiMetric::fulfilment_rate:
      if (s.due > 0) return Ratio(s.on_time, s.due);
      break;
    case KpiMetric::cost_reduction_rate:
      if (s.budget > 0) return Ratio(s.budget - s.actual, s.budget);
      break;
  }
  return std::nullopt;
}

std::int64_t rule_count(RuleKind kind, const Contribution& s) {
  switch (kind) {
    case RuleKind::collection_80: return s.collection_80;
    case RuleKind::installment_overdue: return s.overdue;
    case RuleKind::late_delivery: return s.late;
    case RuleKind::early_delivery: return s.early;
    case RuleKind::breach: return s.breaches;
  }
  return 0;
}

// ---- Bytes ------------------------------------------------------------------------

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u16(std::uint16_t v) { raw(&v, sizeof v); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void i32(std::int32_t v) { raw(&v, sizeof v); }
  void i64(std::int64_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void size(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }
  void str(std::string_view s) {
    size(s.size());
    out_.append(s.data(), s.size());
  }
  void dec(const Decimal& d) {
    i64(d.coefficient());
    u8(static_cast<std::uint8_t>(d.scale()));
  }
  void attribute(const std::optional<AttributeValue>& v) {
    u8(v ? 1 : 0);
    if (!v) return;
    u8(static_cast<std::uint8_t>(v->type()));
    str(v->to_string());
  }
  void terms(std::span<const Term> list) {
    size(list.size());
    for (const Term& t : list) {
      i32(t.due);
      i64(t.amount);
    }
  }
  std::string& bytes() { return out_; }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8() { return take<std::uint8_t>(); }
  std::uint16_t u16() { return take<std::uint16_t>(); }
  std::uint32_t u32() { return take<std::uint32_t>(); }
  std::int32_t i32() { return take<std::int32_t>(); }
  std::int64_t i64() { return take<std::int64_t>(); }
  std::uint64_t u64() { return take<std::uint64_t>(); }
  // A count of items of at least `item` bytes each.
  std::size_t size(std::size_t item = 1) {
    const std::size_t n = u32();
    if (n > (in_.size() - pos_) / std::max<std::size_t>(item, 1)) fail("a count beyond the data");
    return n;
  }
  std::string str() {
    const std::size_t n = size();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  Decimal dec() {
    const std::int64_t c = i64();
    const int scale = u8();
    return Decimal::from_coefficient(c, scale);
  }
  std::optional<AttributeValue> attribute() {
    if (u8() == 0) return std::nullopt;
    const auto type = static_cast<AttributeType>(u8());
    if (type > AttributeType::boolean) fail("an attribute type");
    return AttributeValue::parse(type, str());
  }
  std::vector<Term> terms() {
    std::vector<Term> list(size(12));
    for (Term& t : list) {
      t.due = i32();
      t.amount = i64();
    }
    return list;
  }
  bool done() const noexcept { return pos_ == in_.size(); }
  [[noreturn]] static void fail(const char* what) {
    throw std::runtime_error(std::string("KPI engine snapshot: unexpected ") + what);
  }

 private:
  template <class T>
  T take() {
    if (in_.size() - pos_ < sizeof(T)) fail("end of data");
    T v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
};

// The stamp a snapshot holds as (day, seq); (kNoDay, 0): none.
Stamp read_stamp(std::int32_t day, std::int64_t seq) {
  if (day == kNoDay && seq == 0) return {};
  if (seq <= 0 || seq >= Stamp::kSeqLimit) Reader::fail("an event seq");
  try {
    (void)Date::from_serial(day);
  } catch (const Error&) {
    Reader::fail("a day");
  }
  return Stamp::of(day, seq);
}

// A 64-bit checksum of the bytes (FNV-style over 8-byte words): it catches
// truncation and damage, not tampering.
std::uint64_t checksum(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ULL;
  return h ^ (h >> 32) ^ bytes.size();
}

constexpr char kMagic[8] = {'P', 'A', 'C', 'T', 'U', 'M', 'K', 'E'};
constexpr std::uint32_t kFormat = 1;

void write_diff(Writer& w, const AmendmentDiff& d) {
  w.u8(d.amount ? 1 : 0);
  if (d.amount) {
    w.i64((*d.amount)[0]);
    w.i64((*d.amount)[1]);
  }
  w.u8(d.delivery_due ? 1 : 0);
  if (d.delivery_due) {
    w.i32((*d.delivery_due)[0]);
    w.i32((*d.delivery_due)[1]);
  }
  w.u8(d.installments ? 1 : 0);
  if (d.installments) {
    w.terms((*d.installments)[0]);
    w.terms((*d.installments)[1]);
  }
  w.size(d.attributes.size());
  for (const AttributeChange& ch : d.attributes) {
    w.u8(ch.budget ? 1 : 0);
    w.attribute(ch.from);
    w.attribute(ch.to);
  }
}

AmendmentDiff read_diff(Reader& r) {
  AmendmentDiff d;
  if (r.u8() != 0) d.amount = std::array<std::int64_t, 2>{r.i64(), r.i64()};
  if (r.u8() != 0) d.delivery_due = std::array<std::int32_t, 2>{r.i32(), r.i32()};
  if (r.u8() != 0) {
    std::vector<Term> from = r.terms();
    std::vector<Term> to = r.terms();
    d.installments = std::array<std::vector<Term>, 2>{std::move(from), std::move(to)};
  }
  const std::size_t n = r.size(3);
  for (std::size_t i = 0; i < n; ++i) {
    AttributeChange ch;
    ch.budget = r.u8() != 0;
    ch.from = r.attribute();
    ch.to = r.attribute();
    d.attributes.push_back(std::move(ch));
  }
  return d;
}

// A contract's fields from its signing date on, as serialize() writes them:
// the flags in `flags`, and with `canonical` (describe()) the disputes sorted
// (the state keeps them in arrival order) and absent extras as empty ones.
void write_contract_fields(Writer& w, const ContractState& c, std::uint8_t flags, bool canonical) {
  w.i32(c.signed_on);
  w.i32(c.activated);
  w.i32(c.delivery_due);
  w.i32(c.next_deadline);
  w.i32(c.first_delivery.day());
  w.u8(c.flags & flags);
  w.i64(c.first_delivery.seq());
  w.i64(c.amount);
  w.i64(c.reporting_amount);
  for (std::size_t k = 0; k < 3; ++k) {
    const Survey s = survey_of(c, k);
    w.i64(s.at.seq());
    w.i32(s.at.day());
    w.i32(s.score);
  }
  w.size(c.deltas.size());
  for (const Delta& d : c.deltas) {
    w.i64(d.at.seq());
    w.i64(d.amount);
    w.i32(d.at.day());
  }
  w.terms(c.installments);
  // The extras may hold no more than surveys, which are written above: to
  // describe(), absent extras are empty ones.
  static const Extras kNone;
  if (!canonical) w.u8(c.extras ? 1 : 0);
  if (!c.extras && !canonical) return;
  const Extras& x = c.extras ? *c.extras : kNone;
  w.size(x.amendments.size());
  for (const Amendment& a : x.amendments) {
    w.i64(a.seq);
    w.i32(a.day);
    write_diff(w, a.diff);
    w.i64(a.reporting_from);
    w.i64(a.reporting_to);
  }
  w.size(x.breaches.size());
  for (const auto& [day, seq] : x.breaches) {
    w.i32(day);
    w.i64(seq);
  }
  std::vector<std::int32_t> disputes = x.disputes;
  if (canonical) std::sort(disputes.begin(), disputes.end());
  w.size(disputes.size());
  for (std::int32_t d : disputes) w.i32(d);
  w.attribute(x.budget);
  w.attribute(x.actual);
}

}  // namespace

const char* Contribution::field_name(std::size_t i) noexcept {
  static const char* const kNames[kFields] = {
      "contracts", "signed_amount", "collected_part", "collected_whole", "survey_sum", "surveys",
      "cycle_days", "delivered", "amended", "disputed", "due", "on_time", "budget", "actual", "costed",
      "collection_80", "overdue", "late", "early", "breaches", "errors"};
  return i < kFields ? kNames[i] : "?";
}

static_assert(sizeof(Contribution) == Contribution::kFields * sizeof(std::int64_t));

// ---- Inputs ---------------------------------------------------------------------------

ContractTerms terms_of(const Contract& c) {
  ContractTerms t;
  t.id = c.id;
  t.owner = c.owner;
  t.type = c.type;
  t.currency = c.amount.currency();
  t.exchange_rate = c.exchange_rate;
  t.amount = c.amount.units();
  t.reporting_amount = c.reporting_amount.units();
  t.signed_on = c.signed_on;
  t.delivery_due = c.delivery_due;
  for (const Installment& i : c.installments) t.installments.push_back({day_of(i.due), i.amount.units()});
  if (auto b = c.attributes.find("budget"); b != c.attributes.end()) t.budget = b->second;
  if (auto a = c.attributes.find("actual"); a != c.attributes.end()) t.actual = a->second;
  return t;
}

AmendmentDiff parse_amendment(std::string_view payload, Currency currency) {
  AmendmentDiff d;
  if (payload.empty()) return d;
  const kpi_json::json j = kpi_json::json::parse(payload);
  if (!j.is_object()) return d;
  auto money = [&](const kpi_json::json& v) { return Money::parse(v.get<std::string>(), currency).units(); };
  auto day = [](const kpi_json::json& v) {
    const std::string text = v.get<std::string>();
    return text == "null" ? kNoDay : day_of(Date::parse(text));
  };
  auto schedule = [&](const kpi_json::json& v) {
    std::vector<Term> list;
    for (const auto& pair : v) list.push_back({day_of(Date::parse(pair.at(0).get<std::string>())), money(pair.at(1))});
    return list;
  };
  auto attribute = [](const kpi_json::json& v) -> std::optional<AttributeValue> {
    if (v.is_null()) return std::nullopt;
    return AttributeValue::parse(parse_attribute_type(v.at(0).get<std::string>()), v.at(1).get<std::string>());
  };
  if (auto it = j.find("amount"); it != j.end() && it->is_object()) {
    d.amount = std::array<std::int64_t, 2>{money(it->at("from")), money(it->at("to"))};
  }
  if (auto it = j.find("delivery_due"); it != j.end() && it->is_object()) {
    d.delivery_due = std::array<std::int32_t, 2>{day(it->at("from")), day(it->at("to"))};
  }
  if (auto it = j.find("installments"); it != j.end() && it->is_object()) {
    d.installments = std::array<std::vector<Term>, 2>{schedule(it->at("from")), schedule(it->at("to"))};
  }
  if (auto it = j.find("attributes"); it != j.end() && it->is_object()) {
    for (const char* name : {"budget", "actual"}) {
      auto a = it->find(name);
      if (a == it->end() || !a->is_object()) continue;
      d.attributes.push_back({std::string_view(name) == "budget", attribute(a->at("from")), attribute(a->at("to"))});
    }
  }
  return d;
}

EngineEvent engine_event(const Event& e, Currency currency) {
  EngineEvent out;
  out.seq = e.seq;
  out.type = e.type;
  out.contract = e.contract.value_or(0);
  out.effective = e.effective;
  out.amount = e.amount ? e.amount->units() : 0;
  out.value = e.value.value_or(0);
  if (e.type == EventType::amended) out.amendment = std::make_shared<AmendmentDiff>(parse_amendment(e.payload, currency));
  if (e.type == EventType::period_closed || e.type == EventType::period_reopened) out.period = period_of_event(e);
  return out;
}

Params params_of(const std::optional<KpiTemplate>& t) {
  Params p;
  if (!t) return p;
  p.grace_days = t->collection_grace_days;
  p.threshold = t->rule(RuleKind::collection_80).threshold;
  p.late_days = t->rule(RuleKind::late_delivery).days;
  return p;
}

// ---- Interning --------------------------------------------------------------------------

std::uint32_t Engine::intern_employee(const std::string& name) {
  auto [it, inserted] = employee_index_.try_emplace(name, static_cast<std::uint32_t>(employees_.size()));
  if (inserted) employees_.push_back(name);
  return it->second;
}

std::uint16_t Engine::intern_type(const std::string& name) {
  auto it = type_index_.find(name);
  if (it != type_index_.end()) return it->second;
  if (types_.size() >= 0xFFFF) throw std::logic_error("too many contract types");
  const auto index = static_cast<std::uint16_t>(types_.size());
  types_.push_back(name);
  type_index_.emplace(name, index);
  return index;
}

std::uint16_t Engine::intern_denomination(Currency currency, const Decimal& rate) {
  std::string key(currency.code());
  key += ' ';
  key += rate.normalized().to_string();
  auto it = denomination_index_.find(key);
  if (it != denomination_index_.end()) return it->second;
  if (denominations_.size() >= 0xFFFF) throw std::logic_error("too many exchange rates");
  const auto index = static_cast<std::uint16_t>(denominations_.size());
  denominations_.push_back({currency, rate});
  denomination_index_.emplace(std::move(key), index);
  return index;
}

std::uint32_t Engine::intern_params(const Params& params) {
  // The same representation, not only the same value: a snapshot gives back
  // the threshold as written.
  auto same = [&](const Params& p) {
    return p.grace_days == params.grace_days && p.late_days == params.late_days &&
           p.threshold.coefficient() == params.threshold.coefficient() && p.threshold.scale() == params.threshold.scale();
  };
  const auto it = std::find_if(params_.begin(), params_.end(), same);
  if (it != params_.end()) return static_cast<std::uint32_t>(it - params_.begin());
  params_.push_back(params);
  return static_cast<std::uint32_t>(params_.size() - 1);
}

std::uint32_t Engine::score_for(std::uint32_t employee, const Period& period) {
  if (employee_scores_.size() <= employee) employee_scores_.resize(employee + 1);
  auto& list = employee_scores_[employee];
  const std::uint32_t key = period_key(period);
  auto at = list.empty() || list.back().first < key ? list.end() : std::lower_bound(list.begin(), list.end(), key, key_less);
  if (at != list.end() && at->first == key) return at->second;
  const auto index = static_cast<std::uint32_t>(scores_.size());
  scores_.emplace_back(employee, period);
  list.insert(at, {key, index});
  return index;
}

std::optional<std::uint32_t> Engine::score_of(std::uint32_t employee, const Period& period) const {
  if (employee >= employee_scores_.size()) return std::nullopt;
  const auto& list = employee_scores_[employee];
  const std::uint32_t key = period_key(period);
  auto at = std::lower_bound(list.begin(), list.end(), key, key_less);
  if (at == list.end() || at->first != key) return std::nullopt;
  return at->second;
}

void Engine::reserve(std::int64_t max_id) {
  if (max_id <= 0 || max_id >= std::int64_t{0xFFFFFFFF}) return;
  contracts_.reserve(static_cast<std::size_t>(max_id) + 1);
}

bool Engine::knows(std::int64_t id) const noexcept {
  return id > 0 && static_cast<std::uint64_t>(id) < contracts_.size() && (contracts_[id].flags & kRegistered) != 0;
}

Currency Engine::currency_of(std::int64_t id) const {
  if (!knows(id)) throw std::logic_error("the currency of contract " + std::to_string(id) + ", which was never created");
  return denominations_[contracts_[static_cast<std::size_t>(id)].denomination].currency;
}

ContractState& Engine::contract(std::int64_t id) {
  if (!knows(id)) throw std::logic_error("an event of contract " + std::to_string(id) + ", which was never created");
  return contracts_[static_cast<std::size_t>(id)];
}

// ---- Batches --------------------------------------------------------------------------------

void Engine::begin(Date time, Observer observer) {
  if (in_batch_) throw std::logic_error("a KPI engine batch is already open");
  std::int32_t t = day_of(time);
  if (started_ && t < time_) t = time_;
  batch_time_ = t;
  in_batch_ = true;
  observer_ = std::move(observer);
}

void Engine::apply(const EngineEvent& e) {
  if (!in_batch_) throw std::logic_error("KPI engine: apply() outside a batch");
  if (e.seq <= last_seq_) return;
  if (e.seq >= Stamp::kSeqLimit) throw std::length_error("KPI engine: an event seq beyond 2^40");
  switch (e.type) {
    case EventType::created: register_contract(e); break;
    case EventType::amended: {
      if (!e.amendment) throw std::logic_error("an amended event without its changes");
      contract(e.contract);
      touch(e.contract);
      amend(contracts_[static_cast<std::size_t>(e.contract)], e);
      break;
    }
    case EventType::period_closed:
      if (e.period) closures_[e.period->to_string()] = e.seq;
      break;
    case EventType::period_reopened:
      if (e.period) closures_[e.period->to_string()] = -e.seq;
      break;
    case EventType::activated:
    case EventType::payment_received:
    case EventType::payment_reversed:
    case EventType::delivered:
    case EventType::satisfaction:
    case EventType::dispute:
    case EventType::breach: {
      contract(e.contract);
      Queued q{day_of(e.effective), e.type, e.seq, e.contract, e.amount, e.value};
      if (q.day > batch_time_) {
        queue_.push_back(q);
        std::push_heap(queue_.begin(), queue_.end(), later);
      } else {
        apply_now(q);
      }
      break;
    }
    default: break;
  }
  last_seq_ = e.seq;
}

void Engine::register_contract(const EngineEvent& e) {
  if (!e.terms) throw std::logic_error("a created event without its terms");
  const ContractTerms& t = *e.terms;
  if (t.id <= 0 || t.id >= std::int64_t{0xFFFFFFFF}) throw std::logic_error("a contract id out of the engine's range");
  const auto id = static_cast<std::size_t>(t.id);
  if (id >= contracts_.size()) {
    if (id >= contracts_.capacity()) contracts_.reserve(std::max(id + 1, contracts_.capacity() * 2));
    contracts_.resize(id + 1);
  }
  if ((contracts_[id].flags & kRegistered) != 0) return;
  const std::uint32_t owner = intern_employee(t.owner);
  const std::uint16_t type = intern_type(t.type);
  const std::uint16_t denomination = intern_denomination(t.currency, t.exchange_rate);
  if (recent_scores_.size() <= owner) recent_scores_.resize(owner + 1, {UINT32_MAX, UINT32_MAX, UINT32_MAX});
  std::array<std::uint32_t, 3>& recent = recent_scores_[owner];
  std::array<std::uint32_t, 3> scores{};
  for (std::size_t k = 0; k < 3; ++k) {
    const std::uint32_t r = recent[k];
    if (r != UINT32_MAX && scores_[r].period.contains(t.signed_on)) {
      scores[k] = r;
      continue;
    }
    const Period p = k == 0 ? Period::month_of(t.signed_on) : k == 1 ? Period::quarter_of(t.signed_on) : Period::year_of(t.signed_on);
    scores[k] = recent[k] = score_for(owner, p);
  }
  ContractState& c = contracts_[id];
  c.flags = kRegistered | kFresh;
  c.owner = owner;
  c.type = type;
  c.denomination = denomination;
  c.scores = scores;
  c.signed_on = day_of(t.signed_on);
  c.delivery_due = t.delivery_due ? day_of(*t.delivery_due) : kNoDay;
  c.amount = t.amount;
  c.reporting_amount = t.reporting_amount;
  c.installments.assign(t.installments);
  if (t.budget || t.actual) {
    c.extras = std::make_unique<Extras>();
    c.extras->budget = t.budget;
    c.extras->actual = t.actual;
  }
  if (t.amount <= 0) c.flags |= kPoisoned;
  ++registered_;
  // Notes the three scorecards before the contract joins them; a new
  // contract has no old share to take out.
  touch(t.id);
  for (std::uint32_t s : scores) {
    auto& list = scores_[s].contracts;
    const auto at = std::upper_bound(list.begin(), list.end(), static_cast<std::uint32_t>(id));
    list.insert(at, static_cast<std::uint32_t>(id));
  }
}

void Engine::amend(ContractState& c, const EngineEvent& e) {
  const AmendmentDiff& d = *e.amendment;
  if (!c.extras) c.extras = std::make_unique<Extras>();
  Extras& x = *c.extras;
  const Denomination& den = denominations_[c.denomination];
  auto reporting = [&](std::int64_t units) {
    return scoring::to_reporting(Money::from_units(units, den.currency), den.rate, reporting_).units();
  };
  auto earlier = [&](auto&& has) {
    return std::any_of(x.amendments.begin(), x.amendments.end(), [&](const Amendment& a) { return has(a.diff); });
  };
  Amendment a;
  a.seq = e.seq;
  a.day = day_of(e.effective);
  a.diff = d;
  try {
    if (d.amount) {
      a.reporting_from = reporting((*d.amount)[0]);
      a.reporting_to = reporting((*d.amount)[1]);
      if ((*d.amount)[1] <= 0) c.flags |= kPoisoned;
    }
  } catch (const Error&) {
    c.flags |= kPoisoned;
  }
  // The terms as created: the first amendment of a field says what it was.
  if (d.amount && !earlier([](const AmendmentDiff& o) { return o.amount.has_value(); })) {
    c.amount = (*d.amount)[0];
    c.reporting_amount = a.reporting_from;
  }
  if (d.delivery_due && !earlier([](const AmendmentDiff& o) { return o.delivery_due.has_value(); })) {
    c.delivery_due = (*d.delivery_due)[0];
  }
  if (d.installments && !earlier([](const AmendmentDiff& o) { return o.installments.has_value(); })) {
    c.installments.assign((*d.installments)[0]);
  }
  for (const AttributeChange& ch : d.attributes) {
    const bool before = earlier([&](const AmendmentDiff& o) {
      return std::any_of(o.attributes.begin(), o.attributes.end(), [&](const AttributeChange& p) { return p.budget == ch.budget; });
    });
    if (!before) (ch.budget ? x.budget : x.actual) = ch.from;
  }
  if (a.day < c.signed_on) c.flags |= kPoisoned;
  x.amendments.push_back(std::move(a));
}

void Engine::apply_now(const Queued& q) {
  touch(q.contract);
  ContractState& c = contracts_[static_cast<std::size_t>(q.contract)];
  if (q.day < c.signed_on) c.flags |= kPoisoned;
  switch (q.type) {
    case EventType::activated:
      if (c.activated == kNoDay || q.day < c.activated) c.activated = q.day;
      break;
    case EventType::payment_received:
    case EventType::payment_reversed: {
      const Delta d{Stamp::of(q.day, q.seq), q.amount};
      const Delta* at =
          std::upper_bound(c.deltas.begin(), c.deltas.end(), d, [](const Delta& a, const Delta& b) { return a.at < b.at; });
      c.deltas.insert(at, d);
      break;
    }
    case EventType::delivered:
      if (q.value == 1 && (c.first_delivery.none() || Stamp::of(q.day, q.seq) < c.first_delivery)) {
        c.first_delivery = Stamp::of(q.day, q.seq);
      }
      break;
    case EventType::satisfaction:
      for (std::size_t k = 0; k < 3; ++k) {
        const Period& p = scores_[c.scores[k]].period;
        if (q.day < day_of(p.start()) || q.day > day_of(p.end())) continue;
        const Stamp at = Stamp::of(q.day, q.seq);
        const Survey s = survey_of(c, k);
        if (s.at.none() || at > s.at) set_survey(c, k, Survey{at, static_cast<std::int32_t>(q.value)});
      }
      break;
    case EventType::dispute:
      if (!c.extras) c.extras = std::make_unique<Extras>();
      c.extras->disputes.push_back(q.day);
      break;
    case EventType::breach: {
      if (!c.extras) c.extras = std::make_unique<Extras>();
      auto& list = c.extras->breaches;
      const std::pair<std::int32_t, std::int64_t> b{q.day, q.seq};
      list.insert(std::upper_bound(list.begin(), list.end(), b), b);
      break;
    }
    default: break;
  }
}

void Engine::touch(std::int64_t id) {
  ContractState& c = contracts_[static_cast<std::size_t>(id)];
  if ((c.flags & kTouched) != 0) return;
  // The observer sees each scorecard before the batch changes anything in it.
  for (std::uint32_t s : c.scores) {
    if (scores_[s].noted) continue;
    scores_[s].noted = true;
    noted_.push_back(s);
    if (observer_) observer_(s);
  }
  c.flags |= kTouched;
  touched_.push_back(id);
  if ((c.flags & kFresh) != 0) return;
  for (std::uint32_t s : c.scores) add(s, c.type, contribution(c, scores_[s], time_), true);
}

void Engine::add(std::uint32_t score, std::uint16_t type, const Contribution& c, bool subtract) {
  Score& s = scores_[score];
  auto it = std::find_if(s.buckets.begin(), s.buckets.end(), [&](const auto& b) { return b.first == type; });
  if (it == s.buckets.end()) {
    s.buckets.emplace_back(type, Sums{});
    it = s.buckets.end() - 1;
  }
  for (std::size_t i = 0; i < Contribution::kFields; ++i) {
    const std::int64_t v = c.field(i);
    if (v != 0 && !it->second.add(i, v, subtract)) s.overflow = true;
  }
}

std::vector<std::uint32_t> Engine::finish() {
  if (!in_batch_) throw std::logic_error("KPI engine: finish() outside a batch");
  const std::int32_t to = batch_time_;
  while (!queue_.empty() && queue_.front().day <= to) {
    std::pop_heap(queue_.begin(), queue_.end(), later);
    const Queued q = queue_.back();
    queue_.pop_back();
    apply_now(q);
  }
  while (!deadlines_.empty() && deadlines_.front().first <= to) {
    std::pop_heap(deadlines_.begin(), deadlines_.end(), std::greater<>());
    const auto [day, id] = deadlines_.back();
    deadlines_.pop_back();
    if (contracts_[id].next_deadline == day) touch(id);
  }
  time_ = to;
  started_ = true;
  for (std::int64_t id : touched_) {
    ContractState& c = contracts_[static_cast<std::size_t>(id)];
    for (std::uint32_t s : c.scores) add(s, c.type, contribution(c, scores_[s], time_), false);
    c.flags &= static_cast<std::uint8_t>(~(kTouched | kFresh));
    update_deadline(id, time_);
  }
  touched_.clear();
  for (std::uint32_t s : noted_) scores_[s].noted = false;
  std::vector<std::uint32_t> out = std::move(noted_);
  noted_.clear();
  in_batch_ = false;
  observer_ = nullptr;
  return out;
}

// ---- Deadlines ------------------------------------------------------------------------------

std::int32_t Engine::next_deadline(const ContractState& c, std::int32_t time) const {
  // No scorecard reads a date past the end of the signing year.
  const std::int32_t limit = day_of(scores_[c.scores[2]].period.end());
  std::int32_t best = kNoDay;
  auto consider = [&](std::int32_t day) {
    if (day != kNoDay && day > time && day <= limit && (best == kNoDay || day < best)) best = day;
  };
  for (const Term& t : c.installments) consider(t.due);
  consider(c.delivery_due);
  if (c.extras) {
    for (const Amendment& a : c.extras->amendments) {
      consider(a.day);
      if (a.diff.delivery_due) consider((*a.diff.delivery_due)[1]);
      if (a.diff.installments) {
        for (const Term& t : (*a.diff.installments)[1]) consider(t.due);
      }
    }
  }
  return best;
}

void Engine::update_deadline(std::int64_t id, std::int32_t time) {
  ContractState& c = contracts_[static_cast<std::size_t>(id)];
  const std::int32_t next = c.activated == kNoDay ? kNoDay : next_deadline(c, time);
  if (next == c.next_deadline) return;
  c.next_deadline = next;
  if (next == kNoDay) return;
  deadlines_.emplace_back(next, static_cast<std::uint32_t>(id));
  std::push_heap(deadlines_.begin(), deadlines_.end(), std::greater<>());
}

// ---- One contract's share ------------------------------------------------------------------

Contribution Engine::contribution(const ContractState& c, const Score& s, std::int32_t time) const {
  Contribution out;
  if (c.activated == kNoDay) return out;
  if ((c.flags & kPoisoned) != 0) {
    out.errors = 1;
    return out;
  }
  const std::int32_t start = day_of(s.period.start());
  const std::int32_t end = day_of(s.period.end());
  const std::int32_t cutoff = std::min(time, end);
  const Params& params = this->params(s);
  const std::int64_t collection_cutoff = std::min<std::int64_t>(time, std::int64_t{end} + params.grace_days);
  const TermsView t = terms_at(c, cutoff);
  const Denomination& den = denominations_[c.denomination];
  if (t.amount <= 0) {
    out.errors = 1;
    return out;
  }

  out.contracts = 1;
  out.signed_amount = t.reporting;
  out.collected_whole = t.reporting;

  // Payments less reversals in the collection window.
  Wide collected = 0;
  for (const Delta& d : c.deltas) {
    if (d.at.day() > collection_cutoff) break;
    collected += d.amount;
    if (collected > INT64_MAX || collected < INT64_MIN) {
      out = Contribution{};
      out.errors = 1;
      return out;
    }
  }
  const auto collected64 = static_cast<std::int64_t>(collected);
  try {
    out.collected_part = scoring::reporting_collected(Money::from_units(t.amount, den.currency),
                                                      Money::from_units(t.reporting, reporting_), collected64, reporting_);
  } catch (const Error&) {
    out = Contribution{};
    out.errors = 1;
    return out;
  }

  // Survey, delivery, amendment, dispute, breaches in the window.
  const Survey survey = survey_of(c, static_cast<std::size_t>(slot_of(s.period.kind())));
  if (!survey.at.none() && start <= survey.at.day() && survey.at.day() <= cutoff) {
    out.surveys = 1;
    out.survey_sum = survey.score;
  }
  const std::int32_t fd = c.first_delivery.day();
  const bool delivered = fd != kNoDay && start <= fd && fd <= cutoff;
  if (delivered) {
    out.delivered = 1;
    out.cycle_days = std::int64_t{fd} - c.signed_on;
  }
  if (c.extras) {
    const Extras& x = *c.extras;
    for (const Amendment& a : x.amendments) {
      if (start <= a.day && a.day <= cutoff) {
        out.amended = 1;
        break;
      }
    }
    for (std::int32_t d : x.disputes) {
      if (start <= d && d <= cutoff) {
        out.disputed = 1;
        break;
      }
    }
    for (const auto& [day, seq] : x.breaches) {
      (void)seq;
      if (start <= day && day <= cutoff) ++out.breaches;
    }
  }

  // Fulfilment and the delivery rules.
  if (t.delivery_due != kNoDay) {
    if (start <= t.delivery_due && t.delivery_due <= cutoff) {
      out.due = 1;
      if (delivered && fd <= t.delivery_due) out.on_time = 1;
    }
    if (delivered && std::int64_t{fd} - t.delivery_due > params.late_days) out.late = 1;
    if (delivered && fd < t.delivery_due) out.early = 1;
  }

  // Cost reduction.
  if (t.budget != nullptr && t.actual != nullptr && *t.budget && *t.actual) {
    try {
      const auto b = scoring::attribute_reporting_units(**t.budget, den.currency, den.rate, {}, reporting_);
      const auto a = scoring::attribute_reporting_units(**t.actual, den.currency, den.rate, {}, reporting_);
      if (b && a && *b > 0) {
        out.budget = *b;
        out.actual = *a;
        out.costed = 1;
      }
    } catch (const Error&) {
      out.errors = 1;
    }
  }

  // collection_80: in force when the collected amount reaches the threshold.
  {
    int scale = params.threshold.scale();
    Wide left = collected;
    while (scale-- > 0) left *= 10;
    const Wide right = static_cast<Wide>(params.threshold.coefficient()) * t.amount;
    if (left >= right) out.collection_80 = 1;
  }

  // Overdue instalments: due in the window and not covered by the payments
  // effective on or before the due date.
  Wide through = 0;
  for (const Term& inst : t.installments) {
    through += inst.amount;
    if (inst.due < start || inst.due > cutoff) continue;
    Wide paid = 0;
    for (const Delta& d : c.deltas) {
      if (d.at.day() > inst.due) break;
      paid += d.amount;
    }
    if (paid < through) ++out.overdue;
  }
  if (through > INT64_MAX) out.errors = 1;
  return out;
}

// ---- Reads -------------------------------------------------------------------------------------

std::optional<std::uint32_t> Engine::find(std::string_view employee, const Period& period) const {
  if (period.kind() == PeriodKind::custom) return std::nullopt;
  auto e = employee_index_.find(std::string(employee));
  if (e == employee_index_.end()) return std::nullopt;
  return score_of(e->second, period);
}

void Engine::use_params(std::uint32_t score, const Params& params) {
  Score& s = scores_[score];
  const std::uint32_t index = intern_params(params);
  if (s.params == index && !s.overflow) return;
  s.params = index;
  s.overflow = false;
  s.buckets.clear();
  for (std::uint32_t id : s.contracts) {
    const ContractState& c = contracts_[id];
    if ((c.flags & kTouched) != 0) continue;
    add(score, c.type, contribution(c, s, time_), false);
  }
}

bool Engine::exact(std::uint32_t score) const {
  const Score& s = scores_[score];
  if (s.overflow) return false;
  // Indicators and rules add the buckets of several types: any such sum
  // must stay in 64 bits.
  for (std::size_t f = 0; f < Contribution::kFields; ++f) {
    Wide magnitude = 0;
    for (const auto& [type, sums] : s.buckets) {
      const std::int64_t v = sums.get(f);
      magnitude += v < 0 ? -static_cast<Wide>(v) : static_cast<Wide>(v);
    }
    if (magnitude > INT64_MAX) return false;
  }
  return std::none_of(s.buckets.begin(), s.buckets.end(), [](const auto& b) { return b.second.widen().errors != 0; });
}

std::optional<std::int64_t> Engine::closed(const Period& period) const {
  auto it = closures_.find(period.to_string());
  if (it == closures_.end() || it->second < 0) return std::nullopt;
  return it->second;
}

std::vector<std::uint32_t> Engine::scores_of(const Period& period) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < scores_.size(); ++i) {
    if (scores_[i].period == period) out.push_back(i);
  }
  return out;
}

void Engine::fill(Scorecard& card, std::optional<std::uint32_t> score, const std::optional<KpiTemplate>& t,
                  const NumberOf& number) const {
  std::deque<Contract> terms;
  std::vector<scoring::ContractFacts> facts;
  if (score) {
    const Score& s = scores_[*score];
    const std::int32_t start = day_of(s.period.start());
    const std::int32_t cutoff = day_of(card.cutoff);
    const std::int32_t collection_cutoff = day_of(card.collection_cutoff);
    const std::size_t slot = static_cast<std::size_t>(slot_of(s.period.kind()));
    for (std::uint32_t id : s.contracts) {
      const ContractState& c = contracts_[id];
      if (c.activated == kNoDay) continue;
      std::string no = number(id);
      card.contracts.push_back(no);
      const TermsView tv = terms_at(c, cutoff);
      const Denomination& den = denominations_[c.denomination];
      Contract& k = terms.emplace_back();
      k.id = id;
      k.number = std::move(no);
      k.type = types_[c.type];
      k.owner = employees_[c.owner];
      k.amount = Money::from_units(tv.amount, den.currency);
      k.reporting_amount = Money::from_units(tv.reporting, reporting_);
      k.exchange_rate = den.rate;
      k.signed_on = date_of(c.signed_on);
      if (tv.delivery_due != kNoDay) k.delivery_due = date_of(tv.delivery_due);
      for (const Term& term : tv.installments) k.installments.push_back({date_of(term.due), Money::from_units(term.amount, den.currency)});
      if (tv.budget != nullptr && *tv.budget) k.attributes.emplace("budget", **tv.budget);
      if (tv.actual != nullptr && *tv.actual) k.attributes.emplace("actual", **tv.actual);

      scoring::ContractFacts f;
      f.contract = &k;
      for (const Delta& d : c.deltas) {
        if (d.at.day() > collection_cutoff) break;
        f.deltas.push_back({d.at.seq(), date_of(d.at.day()), d.amount});
        f.collected = scoring::checked_add(f.collected, d.amount);
      }
      const std::int32_t fd = c.first_delivery.day();
      if (fd != kNoDay && start <= fd && fd <= cutoff) {
        f.first_delivery = scoring::FactEvent{c.first_delivery.seq(), date_of(fd), 0};
      }
      const Survey sv = survey_of(c, slot);
      if (!sv.at.none() && start <= sv.at.day() && sv.at.day() <= cutoff) {
        f.latest_survey = scoring::FactEvent{sv.at.seq(), date_of(sv.at.day()), sv.score};
      }
      if (c.extras) {
        const Extras& x = *c.extras;
        f.amended = std::any_of(x.amendments.begin(), x.amendments.end(),
                                [&](const Amendment& a) { return start <= a.day && a.day <= cutoff; });
        f.disputed = std::any_of(x.disputes.begin(), x.disputes.end(), [&](std::int32_t d) { return start <= d && d <= cutoff; });
        for (const auto& [day, seq] : x.breaches) {
          if (start <= day && day <= cutoff) f.breaches.push_back({seq, date_of(day), 0});
        }
      }
      facts.push_back(std::move(f));
    }
  }
  if (t) scoring::score_contracts(card, *t, facts);
}

std::optional<Scorecard> Engine::scorecard(const std::string& employee, const std::optional<std::string>& position,
                                           const Period& period, const std::optional<KpiTemplate>& t,
                                           const NumberOf& number) {
  const auto index = find(employee, period);
  if (index) {
    use_params(*index, params_of(t));
    if (!exact(*index)) return std::nullopt;
  }
  Scorecard card;
  card.employee = employee;
  card.position = position;
  card.period = period;
  card.as_of = time();
  card.currency = reporting_;
  card.cutoff = std::min(card.as_of, period.end());
  card.collection_cutoff = std::min(card.as_of, period.end().add_days_clamped(t ? t->collection_grace_days : 0));
  fill(card, index, t, number);
  return card;
}

Summary Engine::summarize(std::optional<std::uint32_t> score, const Period& period,
                          const std::optional<KpiTemplate>& t) const {
  Summary out;
  static const std::vector<std::pair<std::uint16_t, Sums>> kNone;
  const auto& buckets = score ? scores_[*score].buckets : kNone;
  for (const auto& [type, c] : buckets) {
    (void)type;
    out.contracts += c.widen().contracts;
  }
  if (!t) return out;
  auto sum_of = [&](auto&& wanted) {
    Contribution sum;
    for (const auto& [type, c] : buckets) {
      if (!wanted(types_[type])) continue;
      for (std::size_t i = 0; i < Contribution::kFields; ++i) sum.field(i) += c.get(i);
    }
    return sum;
  };
  Decimal total = Decimal::from_coefficient(0, 2);
  for (const IndicatorDefinition& def : t->indicators) {
    const Contribution sum =
        sum_of([&](const std::string& type) { return std::find(def.types.begin(), def.types.end(), type) != def.types.end(); });
    IndicatorScore s = scoring::indicator_frame(def, period, reporting_);
    s.value = value_of(def.metric, sum);
    const Decimal points = scoring::indicator_points(s);
    out.values.push_back(s.value);
    out.points.push_back(points);
    total += points;
  }
  for (const RuleDefinition& rule : t->rules) {
    if (!rule.enabled) continue;
    const Contribution sum = sum_of([&](const std::string& type) { return scoring::rule_applies(rule, *t, type); });
    const Decimal points = scoring::capped(rule, scoring::rule_points(rule) * Decimal(rule_count(rule.kind, sum)));
    out.rules.push_back(points);
    total += points;
  }
  out.total = total.rescaled(2, Rounding::half_even);
  return out;
}

// ---- Persistence --------------------------------------------------------------------------------

std::string Engine::serialize() const {
  if (in_batch_) throw std::logic_error("KPI engine: serialize() inside a batch");
  Writer w;
  for (char ch : kMagic) w.u8(static_cast<std::uint8_t>(ch));
  w.u32(kFormat);
  w.str(reporting_.code());
  w.i32(time_);
  w.u8(started_ ? 1 : 0);
  w.i64(last_seq_);
  w.size(employees_.size());
  for (const std::string& e : employees_) w.str(e);
  w.size(types_.size());
  for (const std::string& t : types_) w.str(t);
  w.size(denominations_.size());
  for (const Denomination& d : denominations_) {
    w.str(d.currency.code());
    w.dec(d.rate);
  }
  w.size(scores_.size());
  for (const Score& s : scores_) {
    w.u32(s.employee);
    w.u8(static_cast<std::uint8_t>(s.period.kind()));
    w.i32(day_of(s.period.start()));
    w.i32(day_of(s.period.end()));
    const Params& p = params(s);
    w.i32(p.grace_days);
    w.dec(p.threshold);
    w.i32(p.late_days);
    w.u8(s.overflow ? 1 : 0);
    w.size(s.contracts.size());
    for (std::uint32_t id : s.contracts) w.u32(id);
    w.size(s.buckets.size());
    for (const auto& [type, c] : s.buckets) {
      w.u16(type);
      for (std::size_t i = 0; i < Contribution::kFields; ++i) w.i64(c.get(i));
    }
  }
  w.i64(registered_);
  for (std::size_t id = 0; id < contracts_.size(); ++id) {
    const ContractState& c = contracts_[id];
    if ((c.flags & kRegistered) == 0) continue;
    w.i64(static_cast<std::int64_t>(id));
    w.u32(c.owner);
    for (std::uint32_t s : c.scores) w.u32(s);
    w.u16(c.type);
    w.u16(c.denomination);
    write_contract_fields(w, c, kRegistered | kPoisoned, false);
  }
  w.size(closures_.size());
  for (const auto& [period, seq] : closures_) {
    w.str(period);
    w.i64(seq);
  }
  w.size(queue_.size());
  for (const Queued& q : queue_) {
    w.i32(q.day);
    w.i32(static_cast<std::int32_t>(q.type));
    w.i64(q.seq);
    w.i64(q.contract);
    w.i64(q.amount);
    w.i64(q.value);
  }
  w.size(deadlines_.size());
  for (const auto& [day, id] : deadlines_) {
    w.i32(day);
    w.u32(id);
  }
  std::string& bytes = w.bytes();
  const std::uint64_t sum = checksum(bytes);
  bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  return std::move(bytes);
}

Engine Engine::deserialize(std::string_view bytes, Currency reporting) {
  if (bytes.size() < sizeof(kMagic) + 4 + 8) Reader::fail("length");
  std::uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  const std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (checksum(body) != stored) Reader::fail("checksum");
  Reader r(body);
  for (char ch : kMagic) {
    if (r.u8() != static_cast<std::uint8_t>(ch)) Reader::fail("magic");
  }
  if (r.u32() != kFormat) Reader::fail("format version");
  if (r.str() != reporting.code()) Reader::fail("reporting currency");
  Engine e(reporting);
  e.time_ = r.i32();
  e.started_ = r.u8() != 0;
  e.last_seq_ = r.i64();
  const std::size_t employees = r.size(4);
  for (std::size_t i = 0; i < employees; ++i) {
    std::string name = r.str();
    if (!e.employee_index_.emplace(name, static_cast<std::uint32_t>(i)).second) Reader::fail("employee");
    e.employees_.push_back(std::move(name));
  }
  const std::size_t types = r.size(4);
  if (types > 0xFFFF) Reader::fail("type count");
  for (std::size_t i = 0; i < types; ++i) {
    std::string name = r.str();
    if (!e.type_index_.emplace(name, static_cast<std::uint16_t>(i)).second) Reader::fail("type");
    e.types_.push_back(std::move(name));
  }
  const std::size_t denominations = r.size(13);
  if (denominations > 0xFFFF) Reader::fail("rate count");
  for (std::size_t i = 0; i < denominations; ++i) {
    const Currency currency = Currency::of(r.str());
    const Decimal rate = r.dec();
    e.intern_denomination(currency, rate);
  }
  if (e.denominations_.size() != denominations) Reader::fail("rate");
  const std::size_t scores = r.size(30);
  e.scores_.reserve(scores);
  for (std::size_t i = 0; i < scores; ++i) {
    const std::uint32_t employee = r.u32();
    if (employee >= e.employees_.size()) Reader::fail("employee index");
    const auto kind = static_cast<PeriodKind>(r.u8());
    const Date start = date_of(r.i32());
    const Date end = date_of(r.i32());
    Score s(employee, Period::range(start, end));
    if (s.period.kind() != kind || kind == PeriodKind::custom) Reader::fail("period");
    Params p;
    p.grace_days = r.i32();
    p.threshold = r.dec();
    p.late_days = r.i32();
    s.params = e.intern_params(p);
    s.overflow = r.u8() != 0;
    s.contracts.resize(r.size(4));
    for (std::uint32_t& id : s.contracts) id = r.u32();
    const std::size_t buckets = r.size(2 + 8 * Contribution::kFields);
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::uint16_t type = r.u16();
      if (type >= e.types_.size()) Reader::fail("type index");
      Sums c;
      for (std::size_t f = 0; f < Contribution::kFields; ++f) {
        if (!c.set(f, r.i64())) Reader::fail("a count");
      }
      s.buckets.emplace_back(type, c);
    }
    if (e.score_of(s.employee, s.period)) Reader::fail("scorecard");
    if (e.employee_scores_.size() <= s.employee) e.employee_scores_.resize(s.employee + 1);
    auto& list = e.employee_scores_[s.employee];
    const std::uint32_t key = period_key(s.period);
    list.insert(std::lower_bound(list.begin(), list.end(), key, key_less), {key, static_cast<std::uint32_t>(i)});
    e.scores_.push_back(std::move(s));
  }
  e.registered_ = r.i64();
  if (e.registered_ < 0) Reader::fail("contract count");
  for (std::int64_t n = 0; n < e.registered_; ++n) {
    const std::int64_t id = r.i64();
    if (id <= 0 || id >= std::int64_t{0xFFFFFFFF}) Reader::fail("contract id");
    const auto index = static_cast<std::size_t>(id);
    if (index >= e.contracts_.size()) {
      if (index >= e.contracts_.capacity()) e.contracts_.reserve(std::max(index + 1, e.contracts_.capacity() * 2));
      e.contracts_.resize(index + 1);
    }
    ContractState& c = e.contracts_[index];
    if ((c.flags & kRegistered) != 0) Reader::fail("contract twice");
    c.owner = r.u32();
    if (c.owner >= e.employees_.size()) Reader::fail("owner");
    for (std::uint32_t& s : c.scores) {
      s = r.u32();
      if (s >= e.scores_.size()) Reader::fail("scorecard index");
    }
    c.type = r.u16();
    c.denomination = r.u16();
    if (c.type >= e.types_.size() || c.denomination >= e.denominations_.size()) Reader::fail("contract");
    c.signed_on = r.i32();
    c.activated = r.i32();
    c.delivery_due = r.i32();
    c.next_deadline = r.i32();
    const std::int32_t first_delivery_day = r.i32();
    c.flags = r.u8();
    if ((c.flags & kRegistered) == 0 || (c.flags & ~(kRegistered | kPoisoned)) != 0) Reader::fail("flags");
    c.first_delivery = read_stamp(first_delivery_day, r.i64());
    c.amount = r.i64();
    c.reporting_amount = r.i64();
    for (std::size_t k = 0; k < 3; ++k) {
      const std::int64_t seq = r.i64();
      const std::int32_t day = r.i32();
      const std::int32_t score = r.i32();
      const Stamp at = read_stamp(day, seq);
      if (!at.none()) set_survey(c, k, Survey{at, score});
    }
    std::vector<Delta> deltas(r.size(20));
    for (Delta& d : deltas) {
      const std::int64_t seq = r.i64();
      d.amount = r.i64();
      d.at = read_stamp(r.i32(), seq);
      if (d.at.none()) Reader::fail("payment day");
    }
    c.deltas.assign(deltas);
    c.installments.assign(r.terms());
    if (r.u8() != 0) {
      if (!c.extras) c.extras = std::make_unique<Extras>();
      Extras& x = *c.extras;
      const std::size_t amendments = r.size(24);
      for (std::size_t i = 0; i < amendments; ++i) {
        Amendment a;
        a.seq = r.i64();
        a.day = r.i32();
        a.diff = read_diff(r);
        a.reporting_from = r.i64();
        a.reporting_to = r.i64();
        x.amendments.push_back(std::move(a));
      }
      x.breaches.resize(r.size(12));
      for (auto& [day, seq] : x.breaches) {
        day = r.i32();
        seq = r.i64();
      }
      x.disputes.resize(r.size(4));
      for (std::int32_t& d : x.disputes) d = r.i32();
      x.budget = r.attribute();
      x.actual = r.attribute();
    }
  }
  for (const Score& s : e.scores_) {
    for (std::uint32_t id : s.contracts) {
      if (!e.knows(id)) Reader::fail("scorecard contract");
    }
  }
  const std::size_t closures = r.size(12);
  for (std::size_t i = 0; i < closures; ++i) {
    std::string period = r.str();
    e.closures_[std::move(period)] = r.i64();
  }
  e.queue_.resize(r.size(40));
  for (Queued& q : e.queue_) {
    q.day = r.i32();
    q.type = static_cast<EventType>(r.i32());
    q.seq = r.i64();
    q.contract = r.i64();
    q.amount = r.i64();
    q.value = r.i64();
    if (!e.knows(q.contract)) Reader::fail("queued event");
  }
  if (!std::is_heap(e.queue_.begin(), e.queue_.end(), later)) Reader::fail("event queue order");
  e.deadlines_.resize(r.size(8));
  for (auto& [day, id] : e.deadlines_) {
    day = r.i32();
    id = r.u32();
    if (!e.knows(id)) Reader::fail("deadline");
  }
  if (!std::is_heap(e.deadlines_.begin(), e.deadlines_.end(), std::greater<>())) Reader::fail("deadline order");
  if (!r.done()) Reader::fail("trailing data");
  return e;
}

// ---- Checks ---------------------------------------------------------------------------------------

std::string Engine::describe(std::int64_t id) const {
  if (!knows(id)) return {};
  const ContractState& c = contracts_[static_cast<std::size_t>(id)];
  Writer w;
  w.str(employees_[c.owner]);
  w.str(types_[c.type]);
  w.str(denominations_[c.denomination].currency.code());
  w.dec(denominations_[c.denomination].rate.normalized());
  for (std::uint32_t s : c.scores) w.str(scores_[s].period.to_string());
  write_contract_fields(w, c, kPoisoned, true);
  return std::move(w.bytes());
}

std::vector<std::string> Engine::differences(Engine& replay, std::size_t limit) const {
  std::vector<std::string> out;
  auto note = [&](std::string s) {
    if (out.size() < limit) out.push_back(std::move(s));
  };
  if (last_seq_ != replay.last_seq_) {
    note("the state has applied the log up to event " + std::to_string(last_seq_) + ", the replay up to " +
         std::to_string(replay.last_seq_));
  }
  if (time_ != replay.time_) note("the state is as of " + time().to_string() + ", the replay as of " + replay.time().to_string());
  const std::size_t ids = std::max(contracts_.size(), replay.contracts_.size());
  for (std::size_t id = 1; id < ids; ++id) {
    const auto i = static_cast<std::int64_t>(id);
    if (!knows(i) && !replay.knows(i)) continue;
    if (!knows(i)) {
      note("contract " + std::to_string(id) + " is missing from the state");
    } else if (!replay.knows(i)) {
      note("contract " + std::to_string(id) + " is in the state but not in the log");
    } else if (describe(i) != replay.describe(i)) {
      note("contract " + std::to_string(id) + ": the state's facts differ from a replay");
    }
  }
  auto bucket_of = [](const Engine& e, const Score& s, const std::string& type) -> Contribution {
    for (const auto& [t, c] : s.buckets) {
      if (e.types_[t] == type) return c.widen();
    }
    return {};
  };
  for (std::uint32_t i = 0; i < scores_.size(); ++i) {
    const Score& s = scores_[i];
    const std::string& who = employees_[s.employee];
    const std::string what = "scorecard " + who + " " + s.period.to_string();
    const auto j = replay.find(who, s.period);
    if (!j) {
      if (!s.contracts.empty()) note(what + " is not in the replay");
      continue;
    }
    replay.use_params(*j, params(s));
    const Score& r = replay.scores_[*j];
    if (s.overflow != r.overflow) note(what + ": an overflow in one of them");
    std::vector<std::string> mine;
    std::vector<std::string> theirs;
    for (std::uint32_t id : s.contracts) mine.push_back(std::to_string(id));
    for (std::uint32_t id : r.contracts) theirs.push_back(std::to_string(id));
    if (mine != theirs) note(what + ": contracts differ");
    std::vector<std::string> names;
    for (const auto& [t, c] : s.buckets) names.push_back(types_[t]);
    for (const auto& [t, c] : r.buckets) names.push_back(replay.types_[t]);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const std::string& type : names) {
      const Contribution a = bucket_of(*this, s, type);
      const Contribution b = bucket_of(replay, r, type);
      for (std::size_t f = 0; f < Contribution::kFields; ++f) {
        if (a.field(f) == b.field(f)) continue;
        note(what + ", " + type + " contracts: " + Contribution::field_name(f) + " is " + std::to_string(a.field(f)) +
             ", a replay gives " + std::to_string(b.field(f)));
        break;
      }
    }
  }
  for (std::uint32_t j = 0; j < replay.scores_.size(); ++j) {
    const Score& r = replay.scores_[j];
    if (!r.contracts.empty() && !find(replay.employees_[r.employee], r.period)) {
      note("scorecard " + replay.employees_[r.employee] + " " + r.period.to_string() + " is missing from the state");
    }
  }
  if (closures_ != replay.closures_) note("the closed periods differ from a replay");
  auto sorted_queue = [](std::vector<Queued> q) {
    std::sort(q.begin(), q.end(), [](const Queued& a, const Queued& b) { return a.seq < b.seq; });
    std::vector<std::int64_t> seqs;
    for (const Queued& e : q) seqs.push_back(e.seq);
    return seqs;
  };
  if (sorted_queue(queue_) != sorted_queue(replay.queue_)) note("the events waiting for their date differ from a replay");
  return out;
}

Stats Engine::stats() const {
  Stats s;
  s.contracts = registered_;
  s.scores = static_cast<std::int64_t>(scores_.size());
  s.queued_events = static_cast<std::int64_t>(queue_.size());
  s.deadlines = static_cast<std::int64_t>(deadlines_.size());
  std::int64_t bytes = sizeof(Engine);
  std::int64_t schedules = 0;
  // The instalment schedules' vectors are counted with the schedules.
  bytes += static_cast<std::int64_t>(contracts_.capacity() * (sizeof(ContractState) - sizeof(Packed<Term>)));
  for (const ContractState& c : contracts_) {
    if ((c.flags & kRegistered) == 0) continue;
    if (c.activated != kNoDay) ++s.active_contracts;
    bytes += static_cast<std::int64_t>(c.deltas.heap_bytes());
    schedules += static_cast<std::int64_t>(sizeof(c.installments) + c.installments.heap_bytes());
    if (c.extras) {
      const Extras& x = *c.extras;
      bytes += sizeof(Extras) + static_cast<std::int64_t>(x.amendments.capacity() * sizeof(Amendment) +
                                                          x.breaches.capacity() * 12 + x.disputes.capacity() * 4);
      for (const Amendment& a : x.amendments) {
        if (a.diff.installments) {
          schedules += static_cast<std::int64_t>(((*a.diff.installments)[0].capacity() + (*a.diff.installments)[1].capacity()) *
                                                 sizeof(Term));
        }
      }
    }
  }
  for (const Score& sc : scores_) {
    bytes += sizeof(Score) + static_cast<std::int64_t>(sc.contracts.capacity() * sizeof(std::uint32_t) +
                                                        sc.buckets.capacity() * sizeof(sc.buckets[0]));
  }
  // Hash tables: a node per entry plus the bucket array, roughly.
  for (const auto& list : employee_scores_) bytes += static_cast<std::int64_t>(sizeof(list) + list.capacity() * 8);
  bytes += static_cast<std::int64_t>(employee_index_.size() * 64 + employee_index_.bucket_count() * 8);
  for (const std::string& e : employees_) bytes += static_cast<std::int64_t>(sizeof(std::string) + e.capacity());
  bytes += static_cast<std::int64_t>(params_.capacity() * sizeof(Params));
  bytes += static_cast<std::int64_t>(queue_.capacity() * sizeof(Queued) + deadlines_.capacity() * 8 +
                                     touched_.capacity() * 8 + noted_.capacity() * 4);
  s.bytes = bytes;
  s.schedule_bytes = schedules;
  return s;
}

}  // namespace pactum::kpi_engine
