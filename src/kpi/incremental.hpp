// Internal: the incremental KPI engine (docs/kpi.md, "Incremental engine").
//
// The engine holds the committed event log applied as of one date, its time
// T: per contract the facts the rule book reads, and per employee and
// canonical period (the month, quarter and year of each contract's signing
// date) the sums and counts of its contracts' contributions, kept by deltas.
// An event changes one contract: its old contributions are taken out of its
// three scorecards and its new ones put in, so an update costs what the
// contract holds, whatever the length of the log. Events effective after T
// wait in a date-ordered queue; instalment and delivery due dates (the only
// moments a scorecard changes without an event) sit in a priority queue, one
// entry per contract, and fire once when T passes them.
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
  std::string owner;
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
// terms of a created event, the diff of an amendment and the period of a
// close or reopen.
struct EngineEvent {
  std::int64_t seq = 0;
  EventType type = EventType::created;
  std::int64_t contract = 0;  // 0: none
  Date effective;
  std::int64_t amount = 0;  // payments and reversals, units of the contract's currency
  std::int64_t value = 0;   // deliveries: 1 accepted; satisfaction: the score
  std::shared_ptr<const ContractTerms> terms;      // created
  std::shared_ptr<const AmendmentDiff> amendment;  // amended
  std::optional<Period> period;                    // period_closed, period_reopened
};

// `e` as the engine reads it; `currency` is its contract's (amendments carry
// amounts as text). A created event gets no terms: set them with terms_of().
EngineEvent engine_event(const Event& e, Currency currency);

// The template settings a scorecard's sums depend on (the rest — weights,
// targets, points, caps, types — is applied when the scorecard is read).
struct Params {
  std::int32_t grace_days = 0;  // collection_grace_days
  Decimal threshold = Decimal::from_coefficient(8, 1);  // collection_80
  std::int32_t late_days = 5;   // late_delivery
  friend bool operator==(const Params&, const Params&) = default;
};
Params params_of(const std::optional<KpiTemplate>& t);

// One contract's share of a scorecard, or the sum of several contracts'.
struct Contribution {
  std::int64_t contracts = 0;        // active contracts in scope
  std::int64_t signed_amount = 0;    // reporting units
  std::int64_t collected_part = 0;   // collection_rate numerator (reporting units)
  std::int64_t collected_whole = 0;  // collection_rate denominator
  std::int64_t survey_sum = 0;
  std::int64_t surveys = 0;
  std::int64_t cycle_days = 0;
  std::int64_t delivered = 0;
  std::int64_t amended = 0;
  std::int64_t disputed = 0;
  std::int64_t due = 0;      // fulfilment: delivery due in the window
  std::int64_t on_time = 0;  // of those, delivered by the due date
  std::int64_t budget = 0;   // cost reduction (reporting units)
  std::int64_t actual = 0;
  std::int64_t costed = 0;
  std::int64_t collection_80 = 0;  // contracts with the 80% crossing in force
  std::int64_t overdue = 0;        // overdue instalments
  std::int64_t late = 0;
  std::int64_t early = 0;
  std::int64_t breaches = 0;
  // Contracts whose share cannot be computed exactly (an overflow, a
  // budget in a third currency): such a scorecard is left to the reference
  // evaluator, which reports the error.
  std::int64_t errors = 0;

  static constexpr std::size_t kFields = 21;
  std::int64_t& field(std::size_t i) noexcept { return (&contracts)[i]; }
  std::int64_t field(std::size_t i) const noexcept { return (&contracts)[i]; }
  static const char* field_name(std::size_t i) noexcept;
  friend bool operator==(const Contribution&, const Contribution&) = default;
};

namespace detail {
// Contribution's fields summed in 64 bits: signed_amount, collected_part,
// collected_whole, survey_sum, cycle_days, budget, actual.
inline constexpr std::uint32_t kWideSums = (1U << 1) | (1U << 2) | (1U << 3) | (1U << 4) | (1U << 6) | (1U << 12) | (1U << 13);
constexpr bool is_wide_sum(std::size_t field) noexcept { return ((kWideSums >> field) & 1U) != 0; }
// Each field's place among the wide or the narrow sums.
constexpr std::array<std::uint8_t, Contribution::kFields> sum_slots() noexcept {
  std::array<std::uint8_t, Contribution::kFields> slot{};
  std::uint8_t w = 0;
  std::uint8_t n = 0;
  for (std::size_t i = 0; i < Contribution::kFields; ++i) slot[i] = is_wide_sum(i) ? w++ : n++;
  return slot;
}
}  // namespace detail

// Contributions summed over a scorecard's contracts of one type, held in
// fewer bytes: the sums of amounts and days in 64 bits, the counts in 32.
// A sum that leaves its range marks the scorecard for the reference
// evaluator.
class Sums {
  static_assert(__builtin_popcount(detail::kWideSums) == 7);

 public:
  std::int64_t get(std::size_t field) const noexcept {
    const std::uint8_t at = kSlot[field];
    return is_wide(field) ? wide_[at] : narrow_[at];
  }
  // Adds `v` to the field (takes it away with `subtract`); false, leaving
  // the field as it was, when the result leaves the field's range.
  bool add(std::size_t field, std::int64_t v, bool subtract) noexcept {
    std::int64_t r = 0;
    if (subtract ? __builtin_sub_overflow(get(field), v, &r) : __builtin_add_overflow(get(field), v, &r)) return false;
    return set(field, r);
  }
  // False, changing nothing, when `v` is outside the field's range.
  bool set(std::size_t field, std::int64_t v) noexcept {
    const std::uint8_t at = kSlot[field];
    if (is_wide(field)) {
      wide_[at] = v;
    } else {
      if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max()) return false;
      narrow_[at] = static_cast<std::int32_t>(v);
    }
    return true;
  }
  Contribution widen() const noexcept {
    Contribution c;
    for (std::size_t i = 0; i < Contribution::kFields; ++i) c.field(i) = get(i);
    return c;
  }
  friend bool operator==(const Sums&, const Sums&) = default;

 private:
  static constexpr bool is_wide(std::size_t field) noexcept { return detail::is_wide_sum(field); }
  static constexpr std::array<std::uint8_t, Contribution::kFields> kSlot = detail::sum_slots();
  std::array<std::int64_t, 7> wide_{};
  std::array<std::int32_t, Contribution::kFields - 7> narrow_{};
};

// The scorecard of one employee for one canonical period, as sums.
struct Score {
  Score(std::uint32_t who, const Period& when) : employee(who), period(when) {}

  std::uint32_t employee = 0;
  Period period;
  std::uint32_t params = 0;  // index into the engine's parameter sets
  bool overflow = false;     // a sum left its range: the reference evaluator answers
  bool noted = false;        // touched in the current batch
  std::vector<std::uint32_t> contracts;  // ids of the contracts signed in the period, ascending
  std::vector<std::pair<std::uint16_t, Sums>> buckets;  // by contract type
};

// What a scorecard shows in brief: the total and each indicator's value and
// points, each rule's points and the contracts in scope. Listeners are told
// when it changes.
struct Summary {
  std::optional<Decimal> total;
  std::vector<std::optional<Ratio>> values;
  std::vector<Decimal> points;
  std::vector<Decimal> rules;
  std::int64_t contracts = 0;
  friend bool operator==(const Summary&, const Summary&) = default;
};

struct Stats {
  std::int64_t contracts = 0;         // registered
  std::int64_t active_contracts = 0;  // activated as of T
  std::int64_t scores = 0;            // employee x canonical period
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

// What few contracts have: amendments, breaches, disputes, cost attributes,
// and surveys other than the one the contract holds itself.
struct Extras {
  std::vector<Amendment> amendments;                            // in seq order
  std::vector<std::pair<std::int32_t, std::int64_t>> breaches;  // (day, seq), ascending
  std::vector<std::int32_t> disputes;                           // days
  std::optional<AttributeValue> budget;                         // as created
  std::optional<AttributeValue> actual;
  std::array<Survey, 3> surveys{};  // the slots ContractState::survey_slots leaves out
};

// Laid out to hold a contract in as few bytes as the engine can answer from
// (docs/kpi.md, "Memory").
struct ContractState {
  std::uint32_t owner = 0;
  std::array<std::uint32_t, 3> scores{};  // the month's, quarter's and year's scorecard
  std::uint16_t type = 0;
  std::uint16_t denomination = 0;  // currency and exchange rate
  std::int32_t signed_on = 0;
  std::int32_t activated = kNoDay;
  std::int32_t delivery_due = kNoDay;  // as created
  std::int32_t next_deadline = kNoDay;
  std::int32_t survey_score = 0;
  std::uint8_t flags = 0;
  // The latest survey in each of the three periods (slots 0, 1, 2: month,
  // quarter, year): the slots whose survey is `survey_at` (mostly all, as a
  // survey in the month is in its quarter and year); the others are in the
  // extras.
  std::uint8_t survey_slots = 0;
  Stamp first_delivery;  // the earliest accepted delivery
  std::int64_t amount = 0;            // as created
  std::int64_t reporting_amount = 0;  // as created
  Stamp survey_at;
  Packed<Delta> deltas;        // in stamp order
  Packed<Term> installments;  // as created
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
  explicit Engine(Currency reporting) : reporting_(reporting), params_{Params{}} {}

  Currency reporting() const noexcept { return reporting_; }
  // T: every event effective on or before it is applied.
  Date time() const { return Date::from_serial(time_); }
  bool started() const noexcept { return started_; }
  // The highest seq applied (0: none).
  std::int64_t last_seq() const noexcept { return last_seq_; }

  // ---- Batches -------------------------------------------------------------
  // A batch applies events and moves T to `time` (never back): begin(), any
  // number of apply(), finish(). The observer is called when the batch first
  // touches a scorecard, before anything in it changes (listeners take its
  // summary then).
  using Observer = std::function<void(std::uint32_t score)>;
  void begin(Date time, Observer observer = {});
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
  // Applies the queued events and fires the deadlines up to the batch's time,
  // moves T there and brings every touched scorecard up to date. Returns the
  // scorecards the batch touched.
  std::vector<std::uint32_t> finish();

  // ---- Reads -----------------------------------------------------------------
  std::optional<std::uint32_t> find(std::string_view employee, const Period& period) const;
  const Score& score(std::uint32_t index) const { return scores_[index]; }
  std::size_t score_count() const noexcept { return scores_.size(); }
  const std::string& employee_name(std::uint32_t index) const { return employees_[index]; }
  // Recomputes the scorecard's sums when its template's parameters differ.
  void use_params(std::uint32_t score, const Params& params);
  // False when a contract of the scorecard needs the reference evaluator.
  bool exact(std::uint32_t score) const;
  // The closing seq in force for `period` (its latest close or reopen).
  std::optional<std::int64_t> closed(const Period& period) const;
  // The scorecards of `period`.
  std::vector<std::uint32_t> scores_of(const Period& period) const;

  // Fills the contracts, indicators, rule hits and total of `card` (its
  // employee, period, as_of = T, cutoff, collection cutoff and currency set)
  // from the state; `number` gives a contract's number. The scorecard's
  // parameters must be those of `t` (use_params).
  using NumberOf = std::function<std::string(std::int64_t id)>;
  void fill(Scorecard& card, std::optional<std::uint32_t> score, const std::optional<KpiTemplate>& t,
            const NumberOf& number) const;
  // The scorecard of `employee` (posted in `position` on the cutoff) for the
  // canonical `period` as of T under `t` (the template resolved for them), or
  // nullopt when a contract in scope needs the reference evaluator.
  std::optional<Scorecard> scorecard(const std::string& employee, const std::optional<std::string>& position,
                                     const Period& period, const std::optional<KpiTemplate>& t, const NumberOf& number);
  // The summary of `period`'s scorecard under `t`, from the sums alone
  // (O(indicators)); no score: a scorecard without contracts.
  Summary summarize(std::optional<std::uint32_t> score, const Period& period, const std::optional<KpiTemplate>& t) const;

  // ---- Persistence and checks --------------------------------------------------
  // The state as bytes (format version, content, checksum).
  std::string serialize() const;
  // The state `bytes` hold; anything unexpected (another format version,
  // another reporting currency, a bad checksum, a truncation) is a
  // std::runtime_error.
  static Engine deserialize(std::string_view bytes, Currency reporting);
  // The differences between this state and `replay` (built from the log up
  // to the same seq and time), at most `limit`, as sentences.
  std::vector<std::string> differences(Engine& replay, std::size_t limit = 50) const;
  Stats stats() const;

 private:
  std::uint32_t intern_employee(const std::string& name);
  std::uint16_t intern_type(const std::string& name);
  std::uint16_t intern_denomination(Currency currency, const Decimal& rate);
  std::uint32_t intern_params(const Params& params);
  const Params& params(const Score& s) const { return params_[s.params]; }
  std::uint32_t score_for(std::uint32_t employee, const Period& period);
  std::optional<std::uint32_t> score_of(std::uint32_t employee, const Period& period) const;
  ContractState& contract(std::int64_t id);
  void register_contract(const EngineEvent& e);
  void amend(ContractState& c, const EngineEvent& e);
  void apply_now(const Queued& q);
  void touch(std::int64_t id);
  void add(std::uint32_t score, std::uint16_t type, const Contribution& c, bool subtract);
  Contribution contribution(const ContractState& c, const Score& s, std::int32_t time) const;
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
  std::vector<std::string> types_;
  std::unordered_map<std::string, std::uint16_t> type_index_;
  std::vector<Denomination> denominations_;
  std::vector<Params> params_;  // the templates' settings in use; [0]: the defaults
  std::map<std::string, std::uint16_t> denomination_index_;
  std::vector<Score> scores_;
  // Per employee, (kind and start, scorecard) ordered by the first: a short
  // list that grows at its end as time goes on.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> employee_scores_;
  // Per employee, the month's, quarter's and year's scorecard of the last
  // contract registered (contracts mostly come in date order).
  std::vector<std::array<std::uint32_t, 3>> recent_scores_;
  std::map<std::string, std::int64_t> closures_;  // period text -> latest close (seq > 0) or reopen (-seq)
  std::vector<Queued> queue_;                                      // min-heap by (day, seq)
  std::vector<std::pair<std::int32_t, std::uint32_t>> deadlines_;  // min-heap by day

  // The current batch.
  std::int32_t batch_time_ = 0;
  bool in_batch_ = false;
  Observer observer_;
  std::vector<std::int64_t> touched_;
  std::vector<std::uint32_t> noted_;
};

}  // namespace pactum::kpi_engine
