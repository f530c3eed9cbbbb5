// Internal: the incremental KPI engine (docs/kpi.md, "Incremental engine").
//
// The engine holds the committed event log applied as of one date, its time
// T: per contract, in few bytes, the facts the rule book reads (terms as
// created and their amendments, activation, closing, owners, payments,
// deliveries, surveys, disputes, breaches), and per employee the contracts
// they signed or were handed. An event changes one contract's state in time
// independent of the length of the log. A scorecard as of T is read from the
// state of the employee's contracts that can matter to its period — never
// from the log — through the same rule book as the reference evaluator
// (scoring.hpp), so the two agree by construction on everything but the
// gathering of facts, which the property tests check.
//
// Events effective after T wait in a queue ordered by (date, seq) and are
// applied when the clock reaches them. For listeners, a batch tells which
// scorecards it may have changed (events, and dates passing: instalment and
// delivery due dates, breach deadlines, amendments recorded ahead); one
// entry per contract in a priority queue holds its next such date.
//
// Pure: no storage and no clock. The store (src/store/kpi_engine.cpp) feeds it
// the log, resolves templates and persists snapshots; the property tests
// drive it directly against the reference evaluator.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/kpi/scorecard.hpp"

namespace pactum::kpi_engine {

// A day as its serial (days since 1970-01-01); kNoDay for "none".
inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

// One instalment: due day and amount in units of the contract's currency.
struct Term {
  std::int32_t due = 0;
  std::int64_t amount = 0;
  friend bool operator==(const Term&, const Term&) = default;
};

// What a `created` event registers: the contract as the store holds it when
// the event is read. Fields an amendment changed since are put back from the
// amendment's "from" side when the amendment arrives, so the terms may be
// read at any later time.
struct ContractTerms {
  std::int64_t id = 0;
  std::string signer;  // who signed it (handovers come as events)
  std::string type;
  Currency currency;
  Decimal exchange_rate{1};
  std::int64_t amount = 0;            // units of `currency`
  std::int64_t reporting_amount = 0;  // units of the reporting currency
  Date signed_on;
  std::optional<Date> delivery_due;
  std::vector<Term> installments;  // in due-date order
  std::optional<AttributeValue> budget;
  std::optional<AttributeValue> actual;
};

// The terms of a contract as ContractTerms.
ContractTerms terms_of(const Contract& c);

// The fields of an `amended` event the rule book reads, each as {from, to}.
struct AttributeChange {
  bool budget = true;  // else `actual`
  std::optional<AttributeValue> from;
  std::optional<AttributeValue> to;
  friend bool operator==(const AttributeChange&, const AttributeChange&) = default;
};
struct AmendmentDiff {
  std::optional<std::array<std::int64_t, 2>> amount;
  std::optional<std::array<std::int32_t, 2>> delivery_due;  // kNoDay: none
  std::optional<std::array<std::vector<Term>, 2>> installments;
  std::vector<AttributeChange> attributes;
  friend bool operator==(const AmendmentDiff&, const AmendmentDiff&) = default;
};
// Reads an amended event's payload ({"amount":{"from":..,"to":..},...}); the
// fields the scorecards do not read are skipped. A malformed payload is a
// ValidationError.
AmendmentDiff parse_amendment(std::string_view payload, Currency currency);

// An event as the engine reads it: the typed columns of the log, plus the
// terms of a created event, the diff of an amendment, the new owner of a
// handover and the period of a close or reopen.
struct EngineEvent {
  std::int64_t seq = 0;
  EventType type = EventType::created;
  std::int64_t contract = 0;  // 0: none
  Date effective;
  std::int64_t amount = 0;  // payments and reversals, units of the contract's currency
  std::int64_t value = 0;   // deliveries: 1 accepted; satisfaction: the score
  std::shared_ptr<const ContractTerms> terms;      // created
  std::shared_ptr<const AmendmentDiff> amendment;  // amended
  std::string owner;                               // reassigned: the new owner
  std::optional<Period> period;                    // period_closed, period_reopened
};

// `e` as the engine reads it; `currency` is its contract's (amendments carry
// amounts as text). A created event gets no terms: set them with terms_of().
EngineEvent engine_event(const Event& e, Currency currency);

// How far back and ahead of an event a scorecard may feel it, from the
// templates in use: the longest collection grace window and the breach
// deadlines (days after the delivery due date). Listeners only: scorecards
// are always read in full.
struct Horizons {
  std::int32_t max_grace_days = 0;
  std::vector<std::int32_t> breach_days{30};
  friend bool operator==(const Horizons&, const Horizons&) = default;
};

// A scorecard a batch may have changed: an employee and a canonical period.
struct ScorecardKey {
  std::uint32_t employee = 0;
  Period period = Period::parse("2024-01");
  friend bool operator==(const ScorecardKey& a, const ScorecardKey& b) {
    return a.employee == b.employee && a.period == b.period;
  }
};

struct Stats {
  std::int64_t contracts = 0;         // registered
  std::int64_t active_contracts = 0;  // activated as of T
  std::int64_t employees = 0;         // with contracts signed or handed to them
  std::int64_t queued_events = 0;     // effective after T
  std::int64_t deadlines = 0;         // entries of the deadline queue
  std::int64_t bytes = 0;             // memory held, instalment schedules excluded
  std::int64_t schedule_bytes = 0;    // memory of the instalment schedules
};

// ---- The state of one contract -----------------------------------------------

// When an event took effect, as one number ordered like (day, seq): the day
// in the high 24 bits, the seq in the low 40. Zero: none. The engine holds
// logs whose seqs stay below 2^40 (a trillion events); apply() refuses the
// first beyond, and the reference evaluator answers from then on.
class Stamp {
 public:
  static constexpr int kSeqBits = 40;
  static constexpr std::int64_t kSeqLimit = std::int64_t{1} << kSeqBits;

  constexpr Stamp() = default;
  // `day` a Date serial, 0 <= seq < kSeqLimit.
  static constexpr Stamp of(std::int32_t day, std::int64_t seq) noexcept {
    Stamp s;
    s.bits_ = (static_cast<std::uint64_t>(std::int64_t{day} + kDayOffset) << kSeqBits) | static_cast<std::uint64_t>(seq);
    return s;
  }
  constexpr bool none() const noexcept { return bits_ == 0; }
  constexpr std::int32_t day() const noexcept {
    return none() ? kNoDay : static_cast<std::int32_t>(static_cast<std::int64_t>(bits_ >> kSeqBits) - kDayOffset);
  }
  constexpr std::int64_t seq() const noexcept { return static_cast<std::int64_t>(bits_ & (kSeqLimit - 1)); }
  friend constexpr auto operator<=>(Stamp, Stamp) = default;

 private:
  static constexpr std::int64_t kDayOffset = std::int64_t{1} << 23;  // Date serials fit in 23 bits, signed
  std::uint64_t bits_ = 0;
};

// An exact-size array in one allocation (its length, then its items) behind
// one pointer: what a contract holds of each list costs 8 bytes when the list
// is empty and no slack when it is not. For trivially copyable items.
template <class T>
class Packed {
  static constexpr std::size_t kHeader = 8;
  static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kHeader);

 public:
  Packed() = default;
  Packed(const Packed&) = delete;
  Packed& operator=(const Packed&) = delete;
  Packed(Packed&& o) noexcept : block_(std::exchange(o.block_, nullptr)) {}
  Packed& operator=(Packed&& o) noexcept {
    std::swap(block_, o.block_);
    return *this;
  }
  ~Packed() { std::free(block_); }

  std::size_t size() const noexcept {
    if (block_ == nullptr) return 0;
    std::uint32_t n;
    std::memcpy(&n, block_, sizeof n);
    return n;
  }
  bool empty() const noexcept { return block_ == nullptr; }
  const T* begin() const noexcept { return block_ == nullptr ? nullptr : reinterpret_cast<const T*>(block_ + kHeader); }
  const T* end() const noexcept { return begin() + size(); }
  T* begin() noexcept { return block_ == nullptr ? nullptr : reinterpret_cast<T*>(block_ + kHeader); }
  T* end() noexcept { return begin() + size(); }
  operator std::span<const T>() const noexcept { return {begin(), size()}; }
  // The bytes of its allocation (0 when empty).
  std::size_t heap_bytes() const noexcept { return block_ == nullptr ? 0 : kHeader + size() * sizeof(T); }

  // Puts `v` before the item at `at`.
  void insert(const T* at, const T& v) {
    const std::size_t n = size();
    const std::size_t i = static_cast<std::size_t>(at - begin());
    if (n >= std::numeric_limits<std::uint32_t>::max()) throw std::length_error("Packed: too many items");
    resize_block(n + 1);
    T* items = begin();
    std::memmove(items + i + 1, items + i, (n - i) * sizeof(T));
    items[i] = v;
  }
  // Puts `v` in stamp order (after equal items).
  template <class Less>
  void insert_sorted(const T& v, Less&& less) {
    const T* at = end();
    while (at != begin() && less(v, *(at - 1))) --at;
    insert(at, v);
  }
  // Holds `n` items, value-initialised (filled in place by the caller).
  void resize(std::size_t n) {
    if (n > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("Packed: too many items");
    resize_block(n);
    if (n > 0) std::memset(static_cast<void*>(begin()), 0, n * sizeof(T));
  }
  void assign(std::span<const T> items) {
    if (items.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("Packed: too many items");
    resize_block(items.size());
    if (!items.empty()) std::memcpy(static_cast<void*>(begin()), items.data(), items.size() * sizeof(T));
  }

 private:
  void resize_block(std::size_t n) {
    if (n == 0) {
      std::free(block_);
      block_ = nullptr;
      return;
    }
    void* p = std::realloc(block_, kHeader + n * sizeof(T));
    if (p == nullptr) throw std::bad_alloc();
    block_ = static_cast<unsigned char*>(p);
    const auto count = static_cast<std::uint32_t>(n);
    std::memcpy(block_, &count, sizeof count);
  }
  unsigned char* block_ = nullptr;
};

// A payment (positive) or reversal (negative).
struct Delta {
  Stamp at;
  std::int64_t amount = 0;
};

struct Survey {
  Stamp at;
  std::int32_t score = 0;
};

struct Amendment {
  std::int64_t seq = 0;
  std::int32_t day = 0;
  AmendmentDiff diff;
  std::int64_t reporting_from = 0;  // the amount's "from" and "to" in reporting units
  std::int64_t reporting_to = 0;
};

// A handover: the employee (by index) owns the contract from `day`.
struct OwnerChange {
  std::int32_t day = 0;
  std::int64_t seq = 0;
  std::uint32_t owner = 0;
  friend bool operator==(const OwnerChange&, const OwnerChange&) = default;
};

// What few contracts have: amendments, breaches, disputes, cost attributes,
// handovers, a termination.
struct Extras {
  std::vector<Amendment> amendments;                            // in seq order
  std::vector<std::pair<std::int32_t, std::int64_t>> breaches;  // (day, seq), ascending
  std::vector<std::int32_t> disputes;                           // days, ascending
  std::vector<OwnerChange> handovers;                           // in (day, seq) order
  std::optional<AttributeValue> budget;                         // as created
  std::optional<AttributeValue> actual;
  std::int32_t terminated = kNoDay;  // the earliest termination
};

// Laid out to hold a contract in as few bytes as the engine can answer from
// (docs/kpi.md, "Memory").
struct ContractState {
  std::uint32_t signer = 0;
  std::uint16_t type = 0;
  std::uint16_t denomination = 0;  // currency and exchange rate
  std::int32_t signed_on = 0;
  std::int32_t activated = kNoDay;   // the earliest activation applied
  std::int32_t closed = kNoDay;      // the earliest completion, termination or expiry applied
  std::int32_t completed = kNoDay;   // the earliest completion applied
  std::int32_t delivery_due = kNoDay;  // as created
  std::int32_t next_deadline = kNoDay;
  std::int32_t last_event = kNoDay;  // the latest day of an event applied
  std::int32_t last_due = kNoDay;    // the latest due date of any version of its terms
  Stamp first_delivery;  // the earliest accepted delivery
  Stamp first_refusal;   // the earliest delivery refused for quality
  std::int64_t amount = 0;            // as created
  std::int64_t reporting_amount = 0;  // as created
  std::uint8_t flags = 0;
  Packed<Delta> deltas;        // in stamp order
  Packed<Survey> surveys;      // in stamp order
  Packed<Term> installments;   // as created
  std::unique_ptr<Extras> extras;
};

struct Denomination {
  Currency currency;
  Decimal rate;
};

struct Queued {
  std::int32_t day = 0;
  EventType type = EventType::created;
  std::int64_t seq = 0;
  std::int64_t contract = 0;
  std::int64_t amount = 0;
  std::int64_t value = 0;
};

class Engine {
 public:
  explicit Engine(Currency reporting) : reporting_(reporting) {}

  Currency reporting() const noexcept { return reporting_; }
  // T: every event effective on or before it is applied.
  Date time() const { return Date::from_serial(time_); }
  bool started() const noexcept { return started_; }
  // The highest seq applied (0: none).
  std::int64_t last_seq() const noexcept { return last_seq_; }

  // ---- Batches -------------------------------------------------------------
  // A batch applies events and moves T to `time` (never back): begin(), any
  // number of apply(), finish(). With an observer, the batch calls it for
  // each scorecard it may change, before it changes anything in it
  // (listeners take its summary then); `horizons` say how far a change
  // reaches.
  using Observer = std::function<void(const ScorecardKey&)>;
  void begin(Date time, Observer observer = {}, Horizons horizons = {});
  // Applies `e`; an event with a seq already applied is ignored (a duplicate
  // delivery). Events effective after the batch's time are queued. An event
  // of a contract never created is a std::logic_error.
  void apply(const EngineEvent& e);
  // Room for contracts with ids up to `max_id` (a replay knows how many come).
  void reserve(std::int64_t max_id);
  // Whether contract `id` was created; its currency; how many were.
  bool knows(std::int64_t id) const noexcept;
  Currency currency_of(std::int64_t id) const;
  std::int64_t registered() const noexcept { return registered_; }
  // Applies the queued events up to the batch's time, moves T there and
  // returns the scorecards the batch may have changed (with an observer;
  // none without).
  std::vector<ScorecardKey> finish();

  // ---- Reads -----------------------------------------------------------------
  const std::string& employee_name(std::uint32_t index) const { return employees_[index]; }
  // The closing seq in force for `period` (its latest close or reopen).
  std::optional<std::int64_t> closed(const Period& period) const;
  // The employees with contracts.
  std::int64_t employee_count() const noexcept { return static_cast<std::int64_t>(employees_.size()); }

  // The scorecard of `employee` (posted in `position` on the cutoff) for
  // `period` as of `as_of` (T when not given) under `t` (the template
  // resolved for them), from the state of their contracts; nullopt when the
  // rule book refuses it (an overflow, a cost attribute in a third currency:
  // the reference evaluator then reports the error). `number` gives a
  // contract's number. Every fact is held with its date, so any day up to T
  // reads the state as it stood then; a day after T is a std::logic_error
  // (the events queued for it are not applied).
  using NumberOf = std::function<std::string(std::int64_t id)>;
  std::optional<Scorecard> scorecard(const std::string& employee, const std::optional<std::string>& position,
                                     const Period& period, const std::optional<KpiTemplate>& t,
                                     const NumberOf& number, std::optional<Date> as_of = std::nullopt) const;

  // ---- Persistence and checks --------------------------------------------------
  // The state as bytes, in parts of about `part_bytes` handed to `sink` one
  // after the other as they fill, so the whole image is never held in
  // memory. Each part is framed: its payload's length (4 bytes), the payload,
  // a checksum of the payload and of the part's place (8 bytes). The payloads
  // together: a magic, the format version, the reporting currency, the
  // engine's time and last seq, the interned names, the contracts by id,
  // each employee's contracts, period closes, the queue and the deadlines.
  using PartSink = std::function<void(std::string_view part)>;
  static constexpr std::size_t kPartBytes = std::size_t{1} << 20;
  void serialize(const PartSink& sink, std::size_t part_bytes = kPartBytes) const;
  // The same parts, one after the other, in one string.
  std::string serialize() const;
  // The state the parts hold, read and checked part by part (`next` gives
  // the next part, nullopt after the last; `total_bytes` is their length
  // together). Anything unexpected (another format version, another
  // reporting currency, a bad checksum, a part missing, moved or cut short,
  // trailing data) is a std::runtime_error, found no later than the part
  // that holds it.
  using PartSource = std::function<std::optional<std::string>()>;
  static Engine deserialize(const PartSource& next, std::size_t total_bytes, Currency reporting);
  // The state serialize() gave as one string.
  static Engine deserialize(std::string_view bytes, Currency reporting);
  // The differences between this state and `replay` (built from the log up
  // to the same seq and time), at most `limit`, as sentences.
  std::vector<std::string> differences(const Engine& replay, std::size_t limit = 50) const;
  Stats stats() const;

 private:
  std::uint32_t intern_employee(const std::string& name);
  std::uint16_t intern_type(const std::string& name);
  std::uint16_t intern_denomination(Currency currency, const Decimal& rate);
  ContractState& contract(std::int64_t id);
  void link(std::uint32_t employee, std::uint32_t id);
  void register_contract(const EngineEvent& e);
  void amend(ContractState& c, const EngineEvent& e);
  void hand_over(ContractState& c, const EngineEvent& e);
  void apply_now(const Queued& q);
  void touch(std::int64_t id, std::int32_t day, std::optional<std::uint32_t> also = std::nullopt);
  std::int32_t next_deadline(const ContractState& c, std::int32_t time) const;
  void update_deadline(std::int64_t id, std::int32_t time);
  std::string describe(std::int64_t id) const;

  Currency reporting_;
  std::int32_t time_ = 0;
  bool started_ = false;
  std::int64_t last_seq_ = 0;

  std::vector<ContractState> contracts_;  // by id (unregistered ids stay empty)
  std::int64_t registered_ = 0;
  std::vector<std::string> employees_;
  std::unordered_map<std::string, std::uint32_t> employee_index_;
  // Per employee, the contracts they signed or were handed (ids, in the
  // order they came).
  std::vector<std::vector<std::uint32_t>> employee_contracts_;
  std::vector<std::string> types_;
  std::unordered_map<std::string, std::uint16_t> type_index_;
  std::vector<Denomination> denominations_;
  std::map<std::string, std::uint16_t> denomination_index_;
  std::map<std::string, std::int64_t> closures_;  // period text -> latest close (seq > 0) or reopen (-seq)
  std::vector<Queued> queue_;                                      // min-heap by (day, seq)
  std::vector<std::pair<std::int32_t, std::uint32_t>> deadlines_;  // min-heap by day

  // The current batch.
  std::int32_t batch_time_ = 0;
  bool in_batch_ = false;
  Observer observer_;
  Horizons horizons_;
  std::vector<std::int64_t> touched_;
  std::vector<ScorecardKey> noted_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> noted_index_;  // (employee, period key), sorted
};

}  // namespace pactum::kpi_engine
