// The incremental KPI engine in the store (docs/kpi.md, "Incremental engine"):
// loading it from its snapshot and the log tail (or a full replay), catching
// up with events committed by this handle, other handles and other
// processes, telling listeners what changed, saving snapshots, the health
// check, and choosing between the engine and the reference evaluator for a
// scorecard.
//
// The engine always reflects committed events: it catches up after this
// handle's commits (after_commit) and before answering, reading the log tail
// and the rows it needs inside one read transaction, so the terms of a new
// contract and the events after it come from the same moment.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "../kpi/engine_load.hpp"
#include "../kpi/incremental.hpp"
#include "../kpi/listeners.hpp"
#include "contracts_internal.hpp"
#include "kpi_internal.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace store {

using kpi_engine::Engine;
using kpi_engine::EngineEvent;
using kpi_engine::Horizons;
using kpi_engine::ScorecardKey;

struct KpiEngineState {
  std::optional<Engine> engine;  // loaded on first use
  bool disabled = false;         // repeated failures: the reference evaluator answers
  int failures = 0;
  bool verify = false;  // a rollback or a restore happened: check the log still holds what was applied
  bool queued = false;  // a catch-up waits for the commit
  bool busy = false;    // catching up or calling listeners
  bool held = false;    // inside with_engine_snapshot(): caught up already
  std::string fingerprint;  // the last applied event's recording time and type
  std::optional<std::int64_t> snapshot_seq;
  // How far the templates in use let a change reach (listeners), and the
  // templates it was read from.
  Horizons horizons;
  std::optional<KpiRecords::TemplatesFingerprint> horizons_of;
  kpi::ScoreListeners listeners;
  KpiEngineStats counters;
  // Records the reference evaluator read for this handle's single
  // scorecards while the engine was not loaded (kpi::EngineLoadPolicy).
  std::int64_t reference_records = 0;
  // Templates as parsed, by their stored document: a report resolves the
  // same few templates for every employee.
  std::unordered_map<std::string, KpiTemplate> parsed_templates;
};

namespace {

// A snapshot is saved when the log has grown past it by this many events or
// by as many events as the engine holds contracts, whichever is more, and
// when the handle closes with at least kCloseSnapshotEvents events unsaved.
constexpr std::int64_t kSnapshotEvents = 50000;
constexpr std::int64_t kCloseSnapshotEvents = 1000;
// The head names the snapshot and its layout: "2" stores the engine's
// framed parts as bytes (layout 1, base64 text, is replayed over).
constexpr const char* kSnapshotHead = "pactum-kpi-snapshot";
constexpr const char* kSnapshotLayout = "2";

class Busy {
 public:
  explicit Busy(KpiEngineState& st) : st_(st), was_(st.busy) { st_.busy = true; }
  ~Busy() { st_.busy = was_; }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

 private:
  KpiEngineState& st_;
  bool was_;
};

// One read transaction: every read inside sees the same committed state.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database::Impl& impl) : impl_(impl) { impl_.storage().begin_read(); }
  ~ReadSnapshot() {
    if (open_) impl_.storage().abandon_read();
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  void commit() {
    impl_.storage().end_read();
    open_ = false;
  }

 private:
  Database::Impl& impl_;
  bool open_ = true;
};

Date clock_today(Database::Impl& impl) {
  if (auto c = impl.meta("clock")) return Date::parse(*c);
  return Date::today();
}

std::int64_t max_seq(Database::Impl& impl) { return impl.storage().last_event_seq(); }

// What identifies event `seq` beyond its number: its recording time and type.
std::string fingerprint(Database::Impl& impl, std::int64_t seq) {
  if (seq == 0) return "-";
  const auto e = impl.storage().event(seq);
  if (!e) return {};
  return e->recorded_at + "/" + std::to_string(static_cast<int>(e->type));
}

std::string number_of(Database::Impl& impl, std::int64_t id) {
  auto number = impl.storage().kpi().contract_number(id);
  if (!number) refuse_unknown_contract(std::to_string(id));
  return std::move(*number);
}

// Reads the events after `after` up to `upto` in seq order — typed columns,
// with the payload only of amendments and period closes — and hands each to
// `apply` as the engine reads it.
template <class Apply>
void scan(Database::Impl& impl, const Engine& engine, std::int64_t after, std::int64_t upto, Apply&& apply) {
  impl.storage().kpi().scan_engine_log(after, upto, [&](const EngineLogRow& row, EngineTermsReader& terms) {
    EngineEvent e;
    e.seq = row.seq;
    e.type = row.type;
    e.contract = row.contract;
    e.effective = row.effective;
    e.amount = row.amount;
    e.value = row.value;
    switch (e.type) {
      case EventType::created:
        e.terms = terms.terms(e.contract);
        if (!e.terms) refuse_unknown_contract(std::to_string(e.contract));
        break;
      case EventType::amended: {
        std::optional<Currency> c = engine.knows(e.contract) ? engine.currency_of(e.contract) : terms.currency(e.contract);
        if (!c) refuse_unknown_contract(std::to_string(e.contract));
        e.amendment = std::make_shared<kpi_engine::AmendmentDiff>(kpi_engine::parse_amendment(row.payload, *c));
        break;
      }
      case EventType::period_closed:
      case EventType::period_reopened: {
        Event p;
        p.type = e.type;
        p.payload = std::string(row.payload);
        e.period = period_of_event(p);
        break;
      }
      case EventType::reassigned: {
        Event p;
        p.seq = e.seq;
        p.type = e.type;
        p.payload = std::string(row.payload);
        const auto r = reassignment_of(p);
        if (!r) raise(Errc::corrupt, "kpi.bad_handover", {{"seq", std::to_string(e.seq)}});
        e.owner = r->to;
        break;
      }
      default: break;
    }
    apply(e);
  });
}

// How far the stored templates let a change reach: their longest collection
// grace window and their breach deadlines. Read again when the templates
// change.
const Horizons& horizons(Database::Impl& impl, KpiEngineState& st) {
  KpiRecords& records = impl.storage().kpi();
  const KpiRecords::TemplatesFingerprint of = records.templates_fingerprint();
  if (st.horizons_of && of == *st.horizons_of) return st.horizons;
  Horizons h;
  h.breach_days.clear();
  for (const std::string& document : records.template_documents()) {
    try {
      const KpiTemplate t = KpiTemplate::parse(document);
      h.max_grace_days = std::max(h.max_grace_days, static_cast<std::int32_t>(t.collection_grace_days));
      const std::int32_t days = t.rule(RuleKind::breach).days;
      if (std::find(h.breach_days.begin(), h.breach_days.end(), days) == h.breach_days.end()) h.breach_days.push_back(days);
    } catch (const Error&) {
      // A template this version cannot read moves no deadline.
    }
  }
  std::sort(h.breach_days.begin(), h.breach_days.end());
  st.horizons = std::move(h);
  st.horizons_of = of;
  return st.horizons;
}

// A full replay of the log up to `upto`, as of `today`.
Engine replay(Database::Impl& impl, KpiEngineState& state, Date today, std::int64_t upto) {
  Engine e(impl.currency);
  e.reserve(impl.storage().kpi().last_contract_id());
  e.begin(today, {}, horizons(impl, state));
  scan(impl, e, 0, upto, [&](const EngineEvent& ev) { e.apply(ev); });
  e.finish();
  return e;
}

// ---- Snapshots ----------------------------------------------------------------------

struct SnapshotHead {
  std::int64_t seq = 0;
  std::size_t parts = 0;
  std::size_t bytes = 0;
  std::string fingerprint;
};

std::optional<SnapshotHead> parse_head(const std::string& text) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t space = text.find(' ', pos);
    words.push_back(text.substr(pos, space == std::string::npos ? std::string::npos : space - pos));
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  if (words.size() != 6 || words[0] != kSnapshotHead || words[1] != kSnapshotLayout) return std::nullopt;
  try {
    SnapshotHead h;
    h.seq = std::stoll(words[2]);
    h.parts = static_cast<std::size_t>(std::stoull(words[3]));
    h.bytes = static_cast<std::size_t>(std::stoull(words[4]));
    h.fingerprint = words[5];
    return h;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<SnapshotHead> stored_head(Database::Impl& impl) {
  const std::optional<std::string> head = impl.storage().snapshot_head();
  if (!head) return std::nullopt;
  return parse_head(*head);
}

// The stored snapshot when it is whole, of this format and currency, and of
// the log this database holds; nullopt otherwise (the log is replayed). The
// parts are read and checked one at a time: a torn or damaged snapshot is
// given up at the first part that shows it.
std::optional<Engine> read_snapshot(Database::Impl& impl, KpiEngineState& st) {
  const auto head = stored_head(impl);
  if (!head) return std::nullopt;
  st.snapshot_seq = head->seq;
  if (head->seq > max_seq(impl) || fingerprint(impl, head->seq) != head->fingerprint) return std::nullopt;
  // A part missing ends the parts early: the engine refuses the state cut
  // short, or the count below does not match the head.
  std::int64_t part = 0;
  const Engine::PartSource next = [&]() -> std::optional<std::string> {
    if (static_cast<std::size_t>(part) == head->parts) return std::nullopt;
    std::optional<std::string> bytes = impl.storage().snapshot_part(part + 1);
    if (bytes) ++part;
    return bytes;
  };
  try {
    Engine e = Engine::deserialize(next, head->bytes, impl.currency);
    if (e.last_seq() != head->seq || static_cast<std::size_t>(part) != head->parts) return std::nullopt;
    return e;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Replaces the stored snapshot with the engine's state (inside the caller's
// write transaction); unless `force`, not when one as recent is stored. The
// state is written part by part as it is serialized.
void store_snapshot(Database::Impl& impl, KpiEngineState& st, bool force) {
  const Engine& e = *st.engine;
  if (const auto head = stored_head(impl); !force && head && head->seq >= e.last_seq()) {
    st.snapshot_seq = head->seq;
    return;
  }
  Storage& storage = impl.storage();
  storage.clear_snapshot();
  std::int64_t parts = 0;
  std::size_t bytes = 0;
  e.serialize([&](std::string_view part) {
    storage.put_snapshot_part(++parts, part);
    bytes += part.size();
  });
  storage.put_snapshot_head(std::string(kSnapshotHead) + " " + kSnapshotLayout + " " + std::to_string(e.last_seq()) +
                            " " + std::to_string(parts) + " " + std::to_string(bytes) + " " +
                            fingerprint(impl, e.last_seq()));
  st.snapshot_seq = e.last_seq();
  ++st.counters.snapshots_written;
}

// Saves a snapshot in its own transaction without waiting for another
// connection's lock (it is tried again later). False when it was not saved.
bool save_quietly(Database::Impl& impl, KpiEngineState& st) noexcept {
  if (!st.engine || impl.depth > 0 || impl.reopen_required) return false;
  const int timeout = impl.options.busy_timeout_ms;
  impl.options.busy_timeout_ms = 0;
  bool saved = false;
  try {
    Storage& storage = impl.storage();
    // When another connection holds the lock, the next catch-up tries again.
    if (storage.try_begin_quiet()) {
      try {
        store_snapshot(impl, st, false);
        storage.commit_quiet();
        saved = true;
      } catch (...) {
        storage.rollback_quiet();
      }
    }
  } catch (...) {
    // Not saved: the next catch-up tries again.
  }
  impl.options.busy_timeout_ms = timeout;
  return saved;
}

// ---- Catching up ---------------------------------------------------------------------

// The templates of the scorecards touched in one catch-up, by employee,
// period and date.
struct Resolved {
  std::string position;
  std::optional<KpiTemplate> kpi_template;
};

// Templates bound to positions with the positions' targets and the rule
// settings, by position and period: many scorecards resolve each once.
using PositionTemplates = std::map<std::string, std::optional<KpiTemplate>>;

// The position and template of `employee`'s scorecard of `period` as of
// `as_of`, as the reference evaluator resolves them (resolved_template);
// with `positions`, the position's part comes from there.
Resolved resolve(Database::Impl& impl, const std::string& employee, const Period& period, Date as_of,
                 PositionTemplates* positions = nullptr) {
  Resolved r;
  r.position = posting_on(impl, employee, std::min(as_of, period.end())).second;
  if (!positions) {
    r.kpi_template = resolved_template(impl, employee, r.position, period, kNoFreeze);
    return r;
  }
  const std::string key = r.position + '\n' + period.to_string();
  auto known = positions->find(key);
  if (known == positions->end()) known = positions->emplace(key, position_template(impl, r.position, period, kNoFreeze)).first;
  r.kpi_template = known->second;
  if (r.kpi_template) apply_employee_targets(impl, employee, *r.kpi_template, period, kNoFreeze);
  return r;
}

class TemplateCache {
 public:
  const Resolved& get(Database::Impl& impl, const std::string& employee, const Period& period, Date as_of) {
    const std::string key = employee + '\n' + period.to_string() + '\n' + as_of.to_string();
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    return cache_.emplace(key, resolve(impl, employee, period, as_of, &positions_)).first->second;
  }

 private:
  std::map<std::string, Resolved> cache_;
  PositionTemplates positions_;
};

// What a scorecard shows in brief: the total, each indicator's value and
// points, each rule's points and the contracts read. Listeners are told when
// it changes.
struct Summary {
  std::optional<Decimal> total;
  std::vector<std::optional<Ratio>> values;
  std::vector<Decimal> points;
  std::vector<Decimal> rules;
  std::size_t contracts = 0;
  friend bool operator==(const Summary&, const Summary&) = default;
};

// For the scorecards read only for their figures: the numbers of contracts,
// which only name them, are not looked up.
std::string no_numbers(std::int64_t) { return {}; }

// The summary of one scorecard as of the engine's date under its template;
// a summary without total when it has no score.
Summary summary_of(Database::Impl& impl, const Engine& e, const ScorecardKey& key, TemplateCache& cache) {
  try {
    const std::string& who = e.employee_name(key.employee);
    const Resolved& r = cache.get(impl, who, key.period, e.time());
    const auto card = e.scorecard(who, r.position, key.period, r.kpi_template, no_numbers);
    if (!card) return Summary{};
    Summary out;
    out.total = card->total;
    for (const IndicatorScore& s : card->indicators) {
      out.values.push_back(s.value);
      out.points.push_back(s.points);
    }
    for (const RuleKind kind : all_rule_kinds()) out.rules.push_back(card->rule_points(kind));
    out.contracts = card->contracts.size();
    return out;
  } catch (const Error&) {
    return Summary{};
  }
}

// Scorecard keys as map keys.
using KeyText = std::pair<std::uint32_t, std::string>;
KeyText key_text(const ScorecardKey& k) { return {k.employee, k.period.to_string()}; }

void load(Database::Impl& impl, KpiEngineState& st, Date today) {
  const std::int64_t last = max_seq(impl);
  std::optional<Engine> e = read_snapshot(impl, st);
  if (e && e->time() > today) e.reset();
  if (e) {
    ++st.counters.snapshots_loaded;
    e->begin(today, {}, horizons(impl, st));
    scan(impl, *e, e->last_seq(), last, [&](const EngineEvent& ev) { e->apply(ev); });
    e->finish();
  } else {
    ++st.counters.replays;
    e = replay(impl, st, today, last);
  }
  st.engine = std::move(e);
  st.fingerprint = fingerprint(impl, st.engine->last_seq());
  st.verify = false;
}

// Brings the engine up to the log and the clock (inside a read snapshot) and
// collects what listeners must hear.
void advance(Database::Impl& impl, KpiEngineState& st, std::vector<ScoreChange>& changes) {
  const Date today = clock_today(impl);
  if (st.engine && (today < st.engine->time() || (st.verify && fingerprint(impl, st.engine->last_seq()) != st.fingerprint))) {
    st.engine.reset();
  }
  if (!st.engine) {
    load(impl, st, today);
    return;
  }
  st.verify = false;
  Engine& e = *st.engine;
  const std::int64_t last = max_seq(impl);
  if (last < e.last_seq()) {
    st.engine.reset();
    load(impl, st, today);
    return;
  }
  if (last == e.last_seq() && today == e.time()) return;
  const bool listen = !st.listeners.empty();
  const Horizons& reach = horizons(impl, st);
  TemplateCache cache;
  std::map<KeyText, Summary> before;
  Engine::Observer observer;
  if (listen) observer = [&](const ScorecardKey& key) { before[key_text(key)] = summary_of(impl, e, key, cache); };
  auto finish = [&] {
    const std::vector<ScorecardKey> touched = e.finish();
    if (!listen) return;
    // Templates are resolved as of the engine's new date from here on.
    TemplateCache after;
    for (const ScorecardKey& key : touched) {
      if (e.closed(key.period)) continue;  // a closed period's scorecards do not move
      auto it = before.find(key_text(key));
      if (it == before.end()) continue;
      const Summary now = summary_of(impl, e, key, after);
      if (now == it->second || (!now.total && !it->second.total)) continue;
      changes.push_back({e.employee_name(key.employee), key.period, e.time(), e.last_seq(), it->second.total, now.total});
    }
    before.clear();
  };
  e.begin(today, observer, reach);
  scan(impl, e, e.last_seq(), last, [&](const EngineEvent& ev) {
    if (ev.type != EventType::period_closed && ev.type != EventType::period_reopened) {
      e.apply(ev);
      return;
    }
    // A close or reopen moves scorecards only as a whole: the batch ends here.
    finish();
    const std::optional<std::int64_t> was = ev.period ? e.closed(*ev.period) : std::nullopt;
    e.begin(today, {}, reach);
    e.apply(ev);
    e.finish();
    if (listen && ev.type == EventType::period_reopened && was && ev.period->kind() != PeriodKind::custom) {
      // Reopening: the scorecards go from what they were while closed to
      // what the log says now.
      for (std::uint32_t i = 0; i < e.employee_count(); ++i) {
        const ScorecardKey key{i, *ev.period};
        const std::string& who = e.employee_name(i);
        std::optional<Decimal> frozen;
        try {
          frozen = evaluate_scorecard(load_input(impl, who, key.period, e.time(), *was)).total;
        } catch (const Error&) {
          frozen.reset();
        }
        const Summary now = summary_of(impl, e, key, cache);
        if (now.total != frozen) changes.push_back({who, key.period, e.time(), e.last_seq(), frozen, now.total});
      }
    }
    e.begin(today, observer, reach);
  });
  finish();
  st.fingerprint = fingerprint(impl, e.last_seq());
}

void fail(KpiEngineState& st) {
  st.engine.reset();
  if (++st.failures >= 3) st.disabled = true;
}

void deliver(Database::Impl& impl, KpiEngineState& st, const std::vector<ScoreChange>& changes) {
  if (changes.empty() || st.listeners.empty()) return;
  Busy busy(st);
  const bool was = impl.in_callback;
  impl.in_callback = true;
  const std::vector<std::uint64_t> tokens = st.listeners.tokens();
  for (const ScoreChange& change : changes) {
    for (std::uint64_t token : tokens) {
      const ScoreListener* registered = st.listeners.find(token);
      if (registered == nullptr) continue;  // unsubscribed by an earlier call
      const ScoreListener fn = *registered;
      try {
        fn(change);
      } catch (...) {
        // The change is committed; what the listener throws is its own.
      }
    }
  }
  impl.in_callback = was;
}

KpiEngineState& state(Database::Impl& impl) {
  if (!impl.kpi) {
    impl.kpi = std::make_shared<KpiEngineState>();
    Database::Impl* p = &impl;
    impl.on_rollback([p] {
      if (!p->kpi) return;
      p->kpi->queued = false;
      p->kpi->verify = true;
    });
    impl.on_close([p] {
      if (!p->kpi || !p->kpi->engine || p->kpi->disabled) return;
      const std::int64_t unsaved = p->kpi->engine->last_seq() - p->kpi->snapshot_seq.value_or(0);
      if (unsaved >= kCloseSnapshotEvents) save_quietly(*p, *p->kpi);
    });
  }
  return *impl.kpi;
}

// Catches up with the log outside any transaction of this handle, tells the
// listeners, and saves a snapshot when due. Failures leave the engine
// unloaded (the reference evaluator answers meanwhile).
void catch_up(Database::Impl& impl, KpiEngineState& st) {
  if (st.busy || st.held || st.disabled || impl.depth > 0) return;
  std::vector<ScoreChange> changes;
  {
    Busy busy(st);
    try {
      ReadSnapshot snapshot(impl);
      advance(impl, st, changes);
      snapshot.commit();
      st.failures = 0;
    } catch (const std::exception&) {
      fail(st);
      return;
    }
  }
  deliver(impl, st, changes);
  if (st.engine) {
    const std::int64_t unsaved = st.engine->last_seq() - st.snapshot_seq.value_or(0);
    if (unsaved >= std::max(kSnapshotEvents, st.engine->registered())) save_quietly(impl, st);
  }
}

void require_outside_transaction(Database::Impl& impl) {
  kpi::require_outside_transaction(impl.depth > 0 || impl.in_callback);
}

}  // namespace

void kpi_event_appended(Database::Impl& impl) {
  KpiEngineState& st = *impl.kpi;
  if (st.queued || st.disabled || (!st.engine && st.listeners.empty())) return;
  st.queued = true;
  Database::Impl* p = &impl;
  impl.after_commit([p] {
    if (!p->kpi) return;
    p->kpi->queued = false;
    catch_up(*p, *p->kpi);
  });
}

namespace {

// Whether the engine may answer a question as of `as_of` about one scorecard
// or, with `many`, about many: a loaded engine is caught up and asked; one
// not loaded yet is loaded when it can answer (the engine stands at the
// database clock and holds every earlier day, so not for a day after it) and
// loading pays (kpi::EngineLoadPolicy). The clock and the log's length are
// read only when the engine is not loaded.
bool engine_may_answer(Database::Impl& impl, const KpiEngineState& st, Date as_of, bool many) {
  if (st.engine.has_value()) return true;
  if (as_of > clock_today(impl)) return false;
  return many || kpi::EngineLoadPolicy::load_for_one(max_seq(impl), st.reference_records);
}

// The engine, caught up with the log, when it holds the scorecards of
// `period` as of `as_of` (a canonical period as of a day up to the engine's,
// not closed, outside a transaction of the handle); else nullptr.
Engine* engine_for(Database::Impl& impl, KpiEngineState& st, const Period& period, Date as_of, bool many) {
  if (period.kind() == PeriodKind::custom || st.disabled || impl.depth > 0) return nullptr;
  if (!engine_may_answer(impl, st, as_of, many)) return nullptr;
  catch_up(impl, st);
  if (!st.engine) return nullptr;
  Engine& e = *st.engine;
  if (as_of > e.time() || e.closed(period)) return nullptr;
  return &e;
}

}  // namespace

std::optional<Scorecard> engine_scorecard(Database::Impl& impl, const std::string& employee, const Period& period,
                                          Date as_of) {
  KpiEngineState& st = state(impl);
  Engine* e = engine_for(impl, st, period, as_of, false);
  auto card = e ? scorecard_from(impl, *e, employee, period, as_of) : std::nullopt;
  ++(card ? st.counters.incremental_answers : st.counters.reference_answers);
  return card;
}

KpiTemplate parsed_template(Database::Impl& impl, const std::string& document) {
  constexpr std::size_t kKept = 64;
  auto& kept = state(impl).parsed_templates;
  if (auto it = kept.find(document); it != kept.end()) return it->second;
  KpiTemplate t = KpiTemplate::parse(document);
  if (kept.size() >= kKept) kept.clear();
  kept.emplace(document, t);
  return t;
}

void reference_answered(Database::Impl& impl, std::size_t records) {
  KpiEngineState& st = state(impl);
  if (!st.engine) st.reference_records += static_cast<std::int64_t>(records);
}

std::vector<std::optional<ScoreBrief>> engine_totals(Database::Impl& impl, const std::vector<std::string>& employees,
                                                     const Period& period, Date as_of) {
  std::vector<std::optional<ScoreBrief>> out(employees.size());
  KpiEngineState& st = state(impl);
  Engine* e = engine_for(impl, st, period, as_of, employees.size() > 1);
  if (!e) return out;
  PositionTemplates positions;
  for (std::size_t i = 0; i < employees.size(); ++i) {
    const std::string& employee = employees[i];
    require_employee(impl, employee);
    const Resolved r = resolve(impl, employee, period, as_of, &positions);
    // A total does not read the contracts' numbers: none are looked up.
    const auto card = e->scorecard(employee, r.position, period, r.kpi_template, no_numbers, as_of);
    if (!card) continue;
    ++st.counters.incremental_answers;
    out[i] = ScoreBrief{card->total, card->coverage};
  }
  return out;
}

void with_engine_snapshot(Database::Impl& impl, Date as_of, const std::function<void()>& fn) {
  KpiEngineState& st = state(impl);
  if (st.busy || st.held || impl.depth > 0) {
    fn();
    return;
  }
  if (engine_may_answer(impl, st, as_of, true)) catch_up(impl, st);
  ReadSnapshot snapshot(impl);
  st.held = true;
  try {
    fn();
  } catch (...) {
    st.held = false;
    throw;
  }
  st.held = false;
  snapshot.commit();
}

Engine replay_log(Database::Impl& impl) {
  ReadSnapshot snapshot(impl);
  Engine e = replay(impl, state(impl), clock_today(impl), max_seq(impl));
  snapshot.commit();
  return e;
}

std::optional<Scorecard> scorecard_from(Database::Impl& impl, Engine& engine, const std::string& employee,
                                        const Period& period, Date as_of) {
  require_employee(impl, employee);
  const Resolved r = resolve(impl, employee, period, as_of);
  return engine.scorecard(employee, r.position, period, r.kpi_template,
                          [&](std::int64_t id) { return number_of(impl, id); }, as_of);
}

}  // namespace store

using namespace store;

std::uint64_t Database::subscribe_scores(ScoreListener listener) {
  return impl_->read([&] {
    kpi::require_listener(listener);
    require_outside_transaction(*impl_);
    KpiEngineState& st = state(*impl_);
    // Loaded now, the engine hears every change committed from here on.
    catch_up(*impl_, st);
    return st.listeners.add(std::move(listener));
  });
}

void Database::unsubscribe_scores(std::uint64_t token) {
  impl_->read([&] {
    KpiEngineState& st = state(*impl_);
    st.listeners.remove(token);
  });
}

KpiHealth Database::kpi_health() {
  return impl_->read([&] {
    require_outside_transaction(*impl_);
    KpiEngineState& st = state(*impl_);
    st.disabled = false;
    st.failures = 0;
    KpiHealth health;
    std::vector<ScoreChange> changes;
    {
      Busy busy(st);
      ReadSnapshot snapshot(*impl_);
      try {
        advance(*impl_, st, changes);
      } catch (const std::exception& e) {
        st.engine.reset();
        health.differences.push_back(std::string("the state could not be brought up to the log: ") + e.what());
      }
      const Date today = st.engine ? st.engine->time() : clock_today(*impl_);
      const std::int64_t upto = st.engine ? st.engine->last_seq() : max_seq(*impl_);
      Engine fresh = replay(*impl_, st, today, upto);
      if (st.engine) {
        for (std::string& d : st.engine->differences(fresh)) health.differences.push_back(std::move(d));
      }
      snapshot.commit();
      if (!health.differences.empty()) {
        st.engine = std::move(fresh);
        st.fingerprint = fingerprint(*impl_, st.engine->last_seq());
        health.repaired = true;
        ++st.counters.replays;
      }
    }
    deliver(*impl_, st, changes);
    if (health.repaired) save_quietly(*impl_, st);
    const Engine& e = *st.engine;
    health.ok = health.differences.empty();
    health.last_seq = e.last_seq();
    health.as_of = e.time();
    health.contracts = e.registered();
    health.scorecards = e.employee_count();
    return health;
  });
}

void Database::save_kpi_snapshot() {
  impl_->read([&] {
    require_outside_transaction(*impl_);
    KpiEngineState& st = state(*impl_);
    catch_up(*impl_, st);
    kpi::require_engine_available(st.engine.has_value());
    impl_->write([&] { store_snapshot(*impl_, st, true); });
  });
}

KpiEngineStats Database::kpi_engine_stats() const {
  return impl_->read([&] {
    KpiEngineState& st = state(*impl_);
    KpiEngineStats out = st.counters;
    out.snapshot_seq = st.snapshot_seq;
    out.loaded = st.engine.has_value();
    if (!st.engine) return out;
    const Engine& e = *st.engine;
    const kpi_engine::Stats s = e.stats();
    out.last_seq = e.last_seq();
    out.as_of = e.time();
    out.contracts = s.contracts;
    out.active_contracts = s.active_contracts;
    out.scorecards = s.employees;
    out.queued_events = s.queued_events;
    out.deadlines = s.deadlines;
    out.bytes = s.bytes;
    out.schedule_bytes = s.schedule_bytes;
    return out;
  });
}

}  // namespace pactum
