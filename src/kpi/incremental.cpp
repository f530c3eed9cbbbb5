// The incremental KPI engine (incremental.hpp, docs/kpi.md "Incremental
// engine"). Events change one contract's state each; a scorecard is read from
// the state of the employee's contracts through the rule book of the
// reference evaluator (scoring.hpp). Everything here mirrors the evaluator's
// gathering of facts (evaluator.cpp) for a scorecard as of the engine's time
// T: the property tests hold them equal.
#include "incremental.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>

#include "kpi_json.hpp"
#include "pactum/contract/amendment.hpp"
#include "pactum/core/error.hpp"
#include "scoring.hpp"

namespace pactum::kpi_engine {

namespace {

constexpr std::uint8_t kRegistered = 1;
constexpr std::uint8_t kTouched = 4;  // in the current batch: its deadline is recomputed at the end

std::int32_t day_of(Date d) { return static_cast<std::int32_t>(d.serial()); }
Date date_of(std::int32_t day) { return Date::from_serial(day); }

// A canonical period as one number ordered by kind, then start.
std::uint32_t period_key(const Period& p) {
  const std::uint32_t kind = p.kind() == PeriodKind::month ? 0 : p.kind() == PeriodKind::quarter ? 1 : 2;
  const auto start = static_cast<std::uint32_t>(static_cast<std::int64_t>(p.start().serial()) + (std::int64_t{1} << 22));
  return (kind << 24) | start;
}

// Orders the event queue as a min-heap by (day, seq).
bool later(const Queued& a, const Queued& b) { return a.day != b.day ? a.day > b.day : a.seq > b.seq; }

bool stamp_less(const Delta& a, const Delta& b) { return a.at < b.at; }
bool survey_less(const Survey& a, const Survey& b) { return a.at < b.at; }

void lift(std::int32_t& slot, std::int32_t day) {
  if (slot == kNoDay || day > slot) slot = day;
}
void lower(std::int32_t& slot, std::int32_t day) {
  if (slot == kNoDay || day < slot) slot = day;
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

// The latest due date of a schedule or a delivery.
void lift_dues(std::int32_t& slot, std::span<const Term> schedule, std::int32_t delivery_due) {
  for (const Term& t : schedule) lift(slot, t.due);
  if (delivery_due != kNoDay) lift(slot, delivery_due);
}

// ---- Bytes ------------------------------------------------------------------------

// A 64-bit checksum of `bytes` (FNV-style over 8-byte words) continuing
// from `h`: it catches truncation and damage, not tampering.
std::uint64_t checksum(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ULL) {
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

// The checksum of part `index` holding `payload`: a part moved to another
// place fails it as a damaged one does.
std::uint64_t part_checksum(std::uint64_t index, std::string_view payload) {
  return checksum(payload, 0xcbf29ce484222325ULL ^ (index * 0x9E3779B97F4A7C15ULL));
}

// A part as stored: its payload's length, the payload, the checksum.
constexpr std::size_t kPartFrame = 4 + 8;

// Writes the state's bytes; with a sink, in parts of about `part_bytes`
// (framed as above) handed to the sink as they fill, so the whole image is
// never held.
class Writer {
 public:
  Writer() = default;
  Writer(const Engine::PartSink* sink, std::size_t part_bytes) : sink_(sink), part_bytes_(part_bytes) {
    out_.reserve(part_bytes_ + 256);
  }
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
  // Hands a full part to the sink (between items; a value may still straddle
  // two parts when one item is larger than a part).
  void flush_if_full() {
    if (sink_ != nullptr && out_.size() >= part_bytes_) emit();
  }
  // Hands the rest to the sink as the last part.
  void finish() {
    if (!out_.empty()) emit();
  }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  void emit() {
    if (out_.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("KPI engine snapshot: part too large");
    std::string part;
    part.reserve(out_.size() + kPartFrame);
    const auto n = static_cast<std::uint32_t>(out_.size());
    part.append(reinterpret_cast<const char*>(&n), sizeof n);
    part.append(out_);
    const std::uint64_t sum = part_checksum(index_++, out_);
    part.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    (*sink_)(part);
    out_.clear();
  }
  const Engine::PartSink* sink_ = nullptr;
  std::size_t part_bytes_ = 0;
  std::uint64_t index_ = 0;
  std::string out_;
};

// Reads the state's bytes part after part, checking each part's frame and
// checksum before reading from it; `total` (the stream's length, frames
// included) bounds every count.
class Reader {
 public:
  Reader(const Engine::PartSource& source, std::size_t total) : source_(source), total_(total) {}
  std::uint8_t u8() { return take<std::uint8_t>(); }
  std::uint16_t u16() { return take<std::uint16_t>(); }
  std::uint32_t u32() { return take<std::uint32_t>(); }
  std::int32_t i32() { return take<std::int32_t>(); }
  std::int64_t i64() { return take<std::int64_t>(); }
  std::uint64_t u64() { return take<std::uint64_t>(); }
  // How many items of at least `item` bytes the rest can hold.
  std::size_t size_bound(std::size_t item) const noexcept { return remaining() / std::max<std::size_t>(item, 1); }
  // A count of items of at least `item` bytes each.
  std::size_t size(std::size_t item = 1) {
    const std::size_t n = u32();
    if (n > remaining() / std::max<std::size_t>(item, 1)) fail("a count beyond the data");
    return n;
  }
  std::string str() {
    const std::size_t n = size();
    std::string s(n, '\0');
    copy(s.data(), n);
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
  // Whether every part was read to its end.
  bool done() {
    if (pos_ != part_.size()) return false;
    return !next_part();
  }
  [[noreturn]] static void fail(const char* what) {
    throw std::runtime_error(std::string("KPI engine snapshot: unexpected ") + what);
  }

 private:
  template <class T>
  [[gnu::always_inline]] T take() {
    T v;
    if (part_.size() - pos_ >= sizeof(T)) [[likely]] {
      std::memcpy(&v, part_.data() + pos_, sizeof(T));
      pos_ += sizeof(T);
    } else {
      copy(&v, sizeof(T));
    }
    return v;
  }
  [[gnu::noinline]] void copy(void* out, std::size_t n) {
    char* to = static_cast<char*>(out);
    while (n > 0) {
      if (pos_ == part_.size() && !next_part()) fail("end of data");
      const std::size_t k = std::min(n, part_.size() - pos_);
      std::memcpy(to, part_.data() + pos_, k);
      to += k;
      pos_ += k;
      n -= k;
    }
  }
  // Moves to the next part; false when there is none.
  bool next_part() {
    std::optional<std::string> next = source_();
    if (!next) return false;
    if (next->size() < kPartFrame) fail("end of data");
    std::uint32_t n = 0;
    std::memcpy(&n, next->data(), sizeof n);
    if (next->size() != std::size_t{n} + kPartFrame) fail("part length");
    std::uint64_t stored = 0;
    std::memcpy(&stored, next->data() + 4 + n, sizeof stored);
    if (part_checksum(index_++, std::string_view(*next).substr(4, n)) != stored) fail("checksum");
    read_before_ += current_framed_;
    if (read_before_ + next->size() > total_) fail("length");
    current_framed_ = next->size();
    holder_ = std::move(*next);
    part_ = std::string_view(holder_).substr(4, n);
    pos_ = 0;
    return true;
  }
  std::size_t remaining() const noexcept { return total_ - read_before_ - pos_; }

  const Engine::PartSource& source_;
  std::size_t total_ = 0;
  std::size_t read_before_ = 0;  // bytes of the parts before this one, frames included
  std::size_t current_framed_ = 0;
  std::uint64_t index_ = 0;
  std::string holder_;
  std::string_view part_;
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

constexpr char kMagic[8] = {'P', 'A', 'C', 'T', 'U', 'M', 'K', 'E'};
constexpr std::uint32_t kFormat = 3;

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

void write_stamp(Writer& w, Stamp s) {
  w.i32(s.day());
  w.i64(s.seq());
}

// A contract's fields from its signing date on, as serialize() writes them:
// the flags in `flags`, and with `canonical` (describe()) the disputes sorted,
// absent extras as empty ones and the employees by name.
void write_contract_fields(Writer& w, const ContractState& c, std::uint8_t flags, bool canonical,
                           const std::vector<std::string>& employees) {
  w.i32(c.signed_on);
  w.i32(c.activated);
  w.i32(c.closed);
  w.i32(c.completed);
  w.i32(c.delivery_due);
  if (!canonical) w.i32(c.next_deadline);
  w.i32(c.last_event);
  w.i32(c.last_due);
  write_stamp(w, c.first_delivery);
  write_stamp(w, c.first_refusal);
  w.u8(c.flags & flags);
  w.i64(c.amount);
  w.i64(c.reporting_amount);
  w.size(c.deltas.size());
  for (const Delta& d : c.deltas) {
    write_stamp(w, d.at);
    w.i64(d.amount);
  }
  w.size(c.surveys.size());
  for (const Survey& s : c.surveys) {
    write_stamp(w, s.at);
    w.i32(s.score);
  }
  w.terms(c.installments);
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
  w.size(x.handovers.size());
  for (const OwnerChange& h : x.handovers) {
    w.i32(h.day);
    w.i64(h.seq);
    if (canonical) {
      w.str(employees[h.owner]);
    } else {
      w.u32(h.owner);
    }
  }
  w.attribute(x.budget);
  w.attribute(x.actual);
  w.i32(x.terminated);
}

}  // namespace

// ---- Inputs ---------------------------------------------------------------------------

ContractTerms terms_of(const Contract& c) {
  ContractTerms t;
  t.id = c.id;
  t.signer = c.signer.empty() ? c.owner : c.signer;
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
  // The one codec of the payload (pactum/contract/amendment.hpp), folded to
  // the fields the engine reads.
  const TermsDiff diff = terms_diff_from_json(payload, currency);
  AmendmentDiff d;
  auto day = [](const std::optional<Date>& on) { return on ? day_of(*on) : kNoDay; };
  auto schedule = [](const std::vector<Installment>& list) {
    std::vector<Term> out;
    out.reserve(list.size());
    for (const Installment& i : list) out.push_back({day_of(i.due), i.amount.units()});
    return out;
  };
  if (diff.amount) d.amount = std::array<std::int64_t, 2>{diff.amount->from.units(), diff.amount->to.units()};
  if (diff.delivery_due) d.delivery_due = std::array<std::int32_t, 2>{day(diff.delivery_due->from), day(diff.delivery_due->to)};
  if (diff.installments) {
    d.installments = std::array<std::vector<Term>, 2>{schedule(diff.installments->from), schedule(diff.installments->to)};
  }
  for (const char* name : {"budget", "actual"}) {
    auto a = diff.attributes.find(name);
    if (a == diff.attributes.end()) continue;
    d.attributes.push_back({std::string_view(name) == "budget", a->second.from, a->second.to});
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
  if (e.type == EventType::reassigned) {
    const auto r = reassignment_of(e);
    if (!r) raise(Errc::invalid_argument, "kpi.bad_handover", {{"seq", std::to_string(e.seq)}});
    out.owner = r->to;
  }
  return out;
}


// ---- Interning --------------------------------------------------------------------------

std::uint32_t Engine::intern_employee(const std::string& name) {
  auto [it, inserted] = employee_index_.try_emplace(name, static_cast<std::uint32_t>(employees_.size()));
  if (inserted) {
    employees_.push_back(name);
    employee_contracts_.emplace_back();
  }
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

void Engine::link(std::uint32_t employee, std::uint32_t id) {
  auto& list = employee_contracts_[employee];
  if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
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

void Engine::begin(Date time, Observer observer, Horizons horizons) {
  if (in_batch_) throw std::logic_error("a KPI engine batch is already open");
  std::int32_t t = day_of(time);
  if (started_ && t < time_) t = time_;
  batch_time_ = t;
  in_batch_ = true;
  observer_ = std::move(observer);
  horizons_ = std::move(horizons);
}

void Engine::apply(const EngineEvent& e) {
  if (!in_batch_) throw std::logic_error("KPI engine: apply() outside a batch");
  if (e.seq <= last_seq_) return;
  if (e.seq >= Stamp::kSeqLimit) throw std::length_error("KPI engine: an event seq beyond 2^40");
  switch (e.type) {
    case EventType::created: register_contract(e); break;
    case EventType::amended: {
      if (!e.amendment) throw std::logic_error("an amended event without its changes");
      ContractState& c = contract(e.contract);
      touch(e.contract, day_of(e.effective));
      amend(c, e);
      break;
    }
    case EventType::reassigned: {
      ContractState& c = contract(e.contract);
      const std::uint32_t to = intern_employee(e.owner);
      touch(e.contract, day_of(e.effective), to);
      hand_over(c, e);
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
    case EventType::breach:
    case EventType::completed:
    case EventType::terminated:
    case EventType::expired: {
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
  const std::uint32_t signer = intern_employee(t.signer);
  ContractState& c = contracts_[id];
  c.flags = kRegistered;
  c.signer = signer;
  c.type = intern_type(t.type);
  c.denomination = intern_denomination(t.currency, t.exchange_rate);
  c.signed_on = day_of(t.signed_on);
  c.delivery_due = t.delivery_due ? day_of(*t.delivery_due) : kNoDay;
  c.amount = t.amount;
  c.reporting_amount = t.reporting_amount;
  c.installments.assign(t.installments);
  lift_dues(c.last_due, c.installments, c.delivery_due);
  if (t.budget || t.actual) {
    c.extras = std::make_unique<Extras>();
    c.extras->budget = t.budget;
    c.extras->actual = t.actual;
  }
  ++registered_;
  link(signer, static_cast<std::uint32_t>(id));
  touch(t.id, c.signed_on);
}

void Engine::amend(ContractState& c, const EngineEvent& e) {
  const AmendmentDiff& d = *e.amendment;
  if (!c.extras) c.extras = std::make_unique<Extras>();
  Extras& x = *c.extras;
  const Denomination& den = denominations_[c.denomination];
  auto earlier = [&](auto&& has) {
    return std::any_of(x.amendments.begin(), x.amendments.end(), [&](const Amendment& a) { return has(a.diff); });
  };
  Amendment a;
  a.seq = e.seq;
  a.day = day_of(e.effective);
  a.diff = d;
  if (d.amount) {
    // An amount the reporting currency cannot hold leaves the reporting
    // amounts at 0: the rule book then refuses that contract's scorecards
    // through the reference evaluator, which reports the overflow.
    auto reporting = [&](std::int64_t units) {
      try {
        return scoring::to_reporting(Money::from_units(units, den.currency), den.rate, reporting_).units();
      } catch (const Error&) {
        return std::int64_t{0};
      }
    };
    a.reporting_from = reporting((*d.amount)[0]);
    a.reporting_to = reporting((*d.amount)[1]);
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
  lift_dues(c.last_due, c.installments, c.delivery_due);
  if (d.installments) lift_dues(c.last_due, (*d.installments)[1], kNoDay);
  if (d.delivery_due && (*d.delivery_due)[1] != kNoDay) lift(c.last_due, (*d.delivery_due)[1]);
  lift(c.last_event, a.day);
  x.amendments.push_back(std::move(a));
}

void Engine::hand_over(ContractState& c, const EngineEvent& e) {
  if (!c.extras) c.extras = std::make_unique<Extras>();
  auto& list = c.extras->handovers;
  const std::uint32_t to = intern_employee(e.owner);
  const OwnerChange h{day_of(e.effective), e.seq, to};
  auto at = list.end();
  while (at != list.begin() && (h.day < (at - 1)->day || (h.day == (at - 1)->day && h.seq < (at - 1)->seq))) --at;
  list.insert(at, h);
  lift(c.last_event, h.day);
  link(to, static_cast<std::uint32_t>(&c - contracts_.data()));
}

void Engine::apply_now(const Queued& q) {
  touch(q.contract, q.day);
  ContractState& c = contracts_[static_cast<std::size_t>(q.contract)];
  lift(c.last_event, q.day);
  const Stamp at = Stamp::of(q.day, q.seq);
  switch (q.type) {
    case EventType::activated: lower(c.activated, q.day); break;
    case EventType::completed:
      lower(c.completed, q.day);
      lower(c.closed, q.day);
      break;
    case EventType::terminated:
      if (!c.extras) c.extras = std::make_unique<Extras>();
      lower(c.extras->terminated, q.day);
      lower(c.closed, q.day);
      break;
    case EventType::expired: lower(c.closed, q.day); break;
    case EventType::payment_received:
    case EventType::payment_reversed: c.deltas.insert_sorted(Delta{at, q.amount}, stamp_less); break;
    case EventType::delivered: {
      Stamp& first = q.value == 1 ? c.first_delivery : c.first_refusal;
      if (first.none() || at < first) first = at;
      break;
    }
    case EventType::satisfaction: c.surveys.insert_sorted(Survey{at, static_cast<std::int32_t>(q.value)}, survey_less); break;
    case EventType::dispute: {
      if (!c.extras) c.extras = std::make_unique<Extras>();
      auto& list = c.extras->disputes;
      list.insert(std::upper_bound(list.begin(), list.end(), q.day), q.day);
      break;
    }
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

// Notes contract `id` as changed from `day` on: its deadline is recomputed
// at the end of the batch, and with an observer every scorecard the change
// may reach is noted before anything changes (`also`: an employee about to
// be linked to it).
void Engine::touch(std::int64_t id, std::int32_t day, std::optional<std::uint32_t> also) {
  ContractState& c = contracts_[static_cast<std::size_t>(id)];
  if ((c.flags & kTouched) == 0) {
    c.flags |= kTouched;
    touched_.push_back(id);
  }
  if (!observer_) return;
  // An activation or a signing moves the scorecards of the signing date on;
  // a payment those whose collection window (grace included) reaches it.
  std::int32_t from = day;
  if (c.signed_on < from) from = std::min(from, c.signed_on);
  from -= horizons_.max_grace_days;
  const std::int32_t to = std::max(batch_time_, day);
  std::vector<std::uint32_t> who{c.signer};
  if (c.extras) {
    for (const OwnerChange& h : c.extras->handovers) who.push_back(h.owner);
  }
  if (also) who.push_back(*also);
  std::sort(who.begin(), who.end());
  who.erase(std::unique(who.begin(), who.end()), who.end());
  for (const PeriodKind kind : {PeriodKind::month, PeriodKind::quarter, PeriodKind::year}) {
    auto of = [&](std::int32_t d) {
      const Date date = date_of(d);
      return kind == PeriodKind::month ? Period::month_of(date) : kind == PeriodKind::quarter ? Period::quarter_of(date) : Period::year_of(date);
    };
    for (Period p = of(from);; p = of(day_of(p.end()) + 1)) {
      for (std::uint32_t e : who) {
        const std::pair<std::uint32_t, std::uint32_t> key{e, period_key(p)};
        const auto at = std::lower_bound(noted_index_.begin(), noted_index_.end(), key);
        if (at != noted_index_.end() && *at == key) continue;
        noted_index_.insert(at, key);
        noted_.push_back({e, p});
        observer_(noted_.back());
      }
      if (day_of(p.end()) >= to) break;
    }
  }
}

std::vector<ScorecardKey> Engine::finish() {
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
    if (contracts_[id].next_deadline == day) touch(id, day);
  }
  time_ = to;
  started_ = true;
  for (std::int64_t id : touched_) {
    ContractState& c = contracts_[static_cast<std::size_t>(id)];
    c.flags &= static_cast<std::uint8_t>(~kTouched);
    update_deadline(id, time_);
  }
  touched_.clear();
  noted_index_.clear();
  std::vector<ScorecardKey> out = std::move(noted_);
  noted_.clear();
  in_batch_ = false;
  observer_ = nullptr;
  return out;
}

// ---- Deadlines ------------------------------------------------------------------------------

std::int32_t Engine::next_deadline(const ContractState& c, std::int32_t time) const {
  std::int32_t best = kNoDay;
  auto consider = [&](std::int32_t day) {
    if (day != kNoDay && day > time && (best == kNoDay || day < best)) best = day;
  };
  auto delivery = [&](std::int32_t due) {
    if (due == kNoDay) return;
    consider(due);
    for (std::int32_t days : horizons_.breach_days) consider(due + days);
  };
  for (const Term& t : c.installments) consider(t.due);
  delivery(c.delivery_due);
  if (c.extras) {
    for (const Amendment& a : c.extras->amendments) {
      consider(a.day);
      if (a.diff.delivery_due) delivery((*a.diff.delivery_due)[1]);
      if (a.diff.installments) {
        for (const Term& t : (*a.diff.installments)[1]) consider(t.due);
      }
    }
    for (const OwnerChange& h : c.extras->handovers) consider(h.day);
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

// ---- Reads -------------------------------------------------------------------------------------

std::optional<std::int64_t> Engine::closed(const Period& period) const {
  auto it = closures_.find(period.to_string());
  if (it == closures_.end() || it->second < 0) return std::nullopt;
  return it->second;
}

std::optional<Scorecard> Engine::scorecard(const std::string& employee, const std::optional<std::string>& position,
                                           const Period& period, const std::optional<KpiTemplate>& t,
                                           const NumberOf& number, std::optional<Date> as_of) const {
  if (as_of && *as_of > time()) throw std::logic_error("KPI engine: a scorecard as of a day after the engine's time");
  Scorecard card;
  card.employee = employee;
  card.position = position;
  card.period = period;
  card.as_of = as_of.value_or(time());
  card.currency = reporting_;
  card.cutoff = std::min(card.as_of, period.end());
  card.collection_cutoff = std::min(card.as_of, period.end().add_days_clamped(t ? t->collection_grace_days : 0));
  if (!t) return card;
  const auto who = employee_index_.find(employee);
  std::vector<scoring::ContractFacts> facts;
  std::deque<Contract> terms;
  try {
    if (who != employee_index_.end()) {
      const std::uint32_t me = who->second;
      const std::int32_t start = day_of(period.start());
      const std::int32_t end = day_of(period.end());
      const std::int32_t cutoff = day_of(card.cutoff);
      const std::int32_t collection_cutoff = day_of(card.collection_cutoff);
      const std::int32_t signed_from = std::min(start, day_of(scoring::to_date_start(period, t->to_date_from)));
      const std::int32_t breach_days = t->rule(RuleKind::breach).days;
      std::vector<std::uint32_t> ids;
      const std::int32_t as_of_day = day_of(card.as_of);
      for (std::uint32_t id : employee_contracts_[me]) {
        const ContractState& c = contracts_[id];
        // Not activated as of the day asked: nothing of it counts.
        if (c.activated == kNoDay || c.activated > as_of_day) continue;
        // Signed by them in the signing scopes' window, or in force (or
        // with something dated) in the period: anything else cannot count.
        const bool signing = c.signer == me && signed_from <= c.signed_on && c.signed_on <= end;
        const bool living = c.activated <= cutoff &&
                            (c.closed == kNoDay || c.closed >= start || c.last_event >= start ||
                             (c.last_due != kNoDay && std::int64_t{c.last_due} + breach_days >= start));
        if (signing || living) ids.push_back(id);
      }
      std::sort(ids.begin(), ids.end());
      for (std::uint32_t id : ids) {
        const ContractState& c = contracts_[id];
        const TermsView tv = terms_at(c, cutoff);
        const Denomination& den = denominations_[c.denomination];
        Contract& k = terms.emplace_back();
        k.id = id;
        k.number = number(id);
        k.type = types_[c.type];
        k.signer = employees_[c.signer];
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
        f.signer = k.signer;
        f.activated = date_of(c.activated);
        if (c.closed != kNoDay && c.closed <= cutoff) f.closed = date_of(c.closed);
        if (c.completed != kNoDay && c.completed <= cutoff) f.completed = date_of(c.completed);
        for (const Delta& d : c.deltas) {
          if (d.at.day() > collection_cutoff) break;
          f.deltas.push_back({d.at.seq(), date_of(d.at.day()), d.amount});
          f.collected = scoring::checked_add(f.collected, d.amount);
        }
        if (!c.first_delivery.none() && c.first_delivery.day() <= cutoff) {
          f.first_delivery = scoring::FactEvent{c.first_delivery.seq(), date_of(c.first_delivery.day()), 0};
        }
        if (!c.first_refusal.none() && c.first_refusal.day() <= cutoff) {
          f.first_refusal = scoring::FactEvent{c.first_refusal.seq(), date_of(c.first_refusal.day()), 0};
        }
        for (const Survey& s : c.surveys) {
          if (s.at.day() > cutoff) break;
          if (s.at.day() >= start) f.surveys.push_back({s.at.seq(), date_of(s.at.day()), s.score});
        }
        if (c.extras) {
          const Extras& x = *c.extras;
          if (x.terminated != kNoDay && x.terminated <= cutoff) f.terminated = date_of(x.terminated);
          for (const OwnerChange& h : x.handovers) {
            if (h.day <= cutoff) f.handovers.push_back({date_of(h.day), h.seq, employees_[h.owner]});
          }
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
    scoring::score_contracts(card, *t, facts);
  } catch (const Error&) {
    return std::nullopt;
  }
  return card;
}

// ---- Persistence --------------------------------------------------------------------------------

std::string Engine::serialize() const {
  std::string out;
  serialize([&](std::string_view part) { out.append(part); });
  return out;
}

void Engine::serialize(const PartSink& sink, std::size_t part_bytes) const {
  if (in_batch_) throw std::logic_error("KPI engine: serialize() inside a batch");
  Writer w(&sink, std::max<std::size_t>(part_bytes, 64));
  for (char ch : kMagic) w.u8(static_cast<std::uint8_t>(ch));
  w.u32(kFormat);
  w.str(reporting_.code());
  w.i32(time_);
  w.u8(started_ ? 1 : 0);
  w.i64(last_seq_);
  w.size(employees_.size());
  for (const std::string& e : employees_) {
    w.str(e);
    w.flush_if_full();
  }
  w.size(types_.size());
  for (const std::string& t : types_) w.str(t);
  w.size(denominations_.size());
  for (const Denomination& d : denominations_) {
    w.str(d.currency.code());
    w.dec(d.rate);
  }
  w.i64(registered_);
  for (std::size_t id = 0; id < contracts_.size(); ++id) {
    const ContractState& c = contracts_[id];
    if ((c.flags & kRegistered) == 0) continue;
    w.i64(static_cast<std::int64_t>(id));
    w.u32(c.signer);
    w.u16(c.type);
    w.u16(c.denomination);
    write_contract_fields(w, c, kRegistered, false, employees_);
    w.flush_if_full();
  }
  for (const auto& list : employee_contracts_) {
    w.size(list.size());
    for (std::uint32_t id : list) w.u32(id);
    w.flush_if_full();
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
    w.flush_if_full();
  }
  w.size(deadlines_.size());
  for (const auto& [day, id] : deadlines_) {
    w.i32(day);
    w.u32(id);
    w.flush_if_full();
  }
  w.finish();
}

namespace {

Stamp stamp_from(Reader& r) {
  const std::int32_t day = r.i32();
  return read_stamp(day, r.i64());
}

std::int32_t day_from(Reader& r) {
  const std::int32_t day = r.i32();
  if (day == kNoDay) return day;
  try {
    (void)Date::from_serial(day);
  } catch (const Error&) {
    Reader::fail("a day");
  }
  return day;
}

}  // namespace

Engine Engine::deserialize(std::string_view bytes, Currency reporting) {
  // The parts one after the other: each frame gives the next one's place.
  std::size_t at = 0;
  const PartSource parts = [&]() -> std::optional<std::string> {
    if (at == bytes.size()) return std::nullopt;
    std::size_t n = bytes.size() - at;
    if (n >= 4) {
      std::uint32_t payload = 0;
      std::memcpy(&payload, bytes.data() + at, sizeof payload);
      n = std::min<std::size_t>(n, std::size_t{payload} + kPartFrame);
    }
    std::string part(bytes.substr(at, n));
    at += n;
    return part;
  };
  return deserialize(parts, bytes.size(), reporting);
}

Engine Engine::deserialize(const PartSource& parts, std::size_t total_bytes, Currency reporting) {
  Reader r(parts, total_bytes);
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
  e.employee_contracts_.resize(employees);
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
  e.registered_ = r.i64();
  if (e.registered_ < 0 || static_cast<std::size_t>(e.registered_) > r.size_bound(40)) Reader::fail("contract count");
  // Ids mostly run from 1 without gaps: room for them at once.
  e.contracts_.reserve(static_cast<std::size_t>(e.registered_) + 1);
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
    c.signer = r.u32();
    c.type = r.u16();
    c.denomination = r.u16();
    if (c.signer >= e.employees_.size() || c.type >= e.types_.size() || c.denomination >= e.denominations_.size()) {
      Reader::fail("contract");
    }
    c.signed_on = day_from(r);
    c.activated = day_from(r);
    c.closed = day_from(r);
    c.completed = day_from(r);
    c.delivery_due = day_from(r);
    c.next_deadline = day_from(r);
    c.last_event = day_from(r);
    c.last_due = day_from(r);
    c.first_delivery = stamp_from(r);
    c.first_refusal = stamp_from(r);
    c.flags = r.u8();
    if (c.flags != kRegistered) Reader::fail("flags");
    c.amount = r.i64();
    c.reporting_amount = r.i64();
    // Read in place into each list's one allocation.
    c.deltas.resize(r.size(20));
    for (Delta& d : c.deltas) {
      d.at = stamp_from(r);
      d.amount = r.i64();
      if (d.at.none()) Reader::fail("payment day");
    }
    if (!std::is_sorted(c.deltas.begin(), c.deltas.end(), stamp_less)) Reader::fail("payment order");
    c.surveys.resize(r.size(16));
    for (Survey& s : c.surveys) {
      s.at = stamp_from(r);
      s.score = r.i32();
      if (s.at.none()) Reader::fail("survey day");
    }
    if (!std::is_sorted(c.surveys.begin(), c.surveys.end(), survey_less)) Reader::fail("survey order");
    c.installments.resize(r.size(12));
    for (Term& t : c.installments) {
      t.due = r.i32();
      t.amount = r.i64();
    }
    if (r.u8() != 0) {
      c.extras = std::make_unique<Extras>();
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
      x.handovers.resize(r.size(16));
      for (OwnerChange& h : x.handovers) {
        h.day = r.i32();
        h.seq = r.i64();
        h.owner = r.u32();
        if (h.owner >= e.employees_.size()) Reader::fail("owner");
      }
      x.budget = r.attribute();
      x.actual = r.attribute();
      x.terminated = day_from(r);
    }
  }
  for (auto& list : e.employee_contracts_) {
    list.resize(r.size(4));
    for (std::uint32_t& id : list) {
      id = r.u32();
      if (!e.knows(id)) Reader::fail("employee contract");
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
  w.str(employees_[c.signer]);
  w.str(types_[c.type]);
  w.str(denominations_[c.denomination].currency.code());
  w.dec(denominations_[c.denomination].rate.normalized());
  write_contract_fields(w, c, 0, true, employees_);
  return std::move(w.bytes());
}

std::vector<std::string> Engine::differences(const Engine& replay, std::size_t limit) const {
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
  // Who holds which contracts.
  auto holdings = [](const Engine& e) {
    std::map<std::string, std::vector<std::uint32_t>> held;
    for (std::size_t i = 0; i < e.employees_.size(); ++i) {
      std::vector<std::uint32_t> list = e.employee_contracts_[i];
      std::sort(list.begin(), list.end());
      if (!list.empty()) held[e.employees_[i]] = std::move(list);
    }
    return held;
  };
  const auto mine = holdings(*this);
  const auto theirs = holdings(replay);
  for (const auto& [who, list] : mine) {
    auto it = theirs.find(who);
    if (it == theirs.end() || it->second != list) note("the contracts of " + who + " differ from a replay");
  }
  for (const auto& [who, list] : theirs) {
    if (!mine.contains(who)) note("the contracts of " + who + " are missing from the state");
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
  s.queued_events = static_cast<std::int64_t>(queue_.size());
  s.deadlines = static_cast<std::int64_t>(deadlines_.size());
  std::int64_t bytes = sizeof(Engine);
  std::int64_t schedules = 0;
  // The instalment schedules' arrays are counted with the schedules.
  bytes += static_cast<std::int64_t>(contracts_.capacity() * (sizeof(ContractState) - sizeof(Packed<Term>)));
  for (const ContractState& c : contracts_) {
    if ((c.flags & kRegistered) == 0) continue;
    if (c.activated != kNoDay) ++s.active_contracts;
    bytes += static_cast<std::int64_t>(c.deltas.heap_bytes() + c.surveys.heap_bytes());
    schedules += static_cast<std::int64_t>(sizeof(c.installments) + c.installments.heap_bytes());
    if (c.extras) {
      const Extras& x = *c.extras;
      bytes += sizeof(Extras) + static_cast<std::int64_t>(x.amendments.capacity() * sizeof(Amendment) +
                                                          x.breaches.capacity() * 12 + x.disputes.capacity() * 4 +
                                                          x.handovers.capacity() * sizeof(OwnerChange));
      for (const Amendment& a : x.amendments) {
        if (a.diff.installments) {
          schedules += static_cast<std::int64_t>(((*a.diff.installments)[0].capacity() + (*a.diff.installments)[1].capacity()) *
                                                 sizeof(Term));
        }
      }
    }
  }
  for (const auto& list : employee_contracts_) {
    bytes += static_cast<std::int64_t>(sizeof(list) + list.capacity() * sizeof(std::uint32_t));
    if (!list.empty()) ++s.employees;
  }
  // Hash tables: a node per entry plus the bucket array, roughly.
  bytes += static_cast<std::int64_t>(employee_index_.size() * 64 + employee_index_.bucket_count() * 8);
  for (const std::string& e : employees_) bytes += static_cast<std::int64_t>(sizeof(std::string) + e.capacity());
  bytes += static_cast<std::int64_t>(queue_.capacity() * sizeof(Queued) + deadlines_.capacity() * 8 +
                                     touched_.capacity() * 8 + noted_.capacity() * sizeof(ScorecardKey));
  s.bytes = bytes;
  s.schedule_bytes = schedules;
  return s;
}

}  // namespace pactum::kpi_engine
