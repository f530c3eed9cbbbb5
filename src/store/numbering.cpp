// pactum::Database's numbering: versioned rules, counters per scope, gapless
// and fast issuance, the registry of issued numbers, void, prefix search.
#include <algorithm>
#include <exception>
#include <limits>
#include <map>
#include <unordered_map>

#include "contracts_internal.hpp"
#include "numbering_store.hpp"
#include "pactum/numbering/rules.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace store {

// A rule's version as stored, with its compiled pattern.
struct Rule : RuleRecord {
  std::shared_ptr<const NumberingPattern> compiled;
  std::vector<std::string> field_names;  // compiled->field_names(), kept
  // The fields of the org directory the pattern shows (dept, dept_name,
  // employee, employee_name), kept: most rules show one or none, and
  // issuing looks at them for every number.
  std::vector<std::string> directory_fields;
  bool shows_employee = false;
};

// A counter row: its id (0: no row yet) and next_seq as stored.
using Counter = CounterRow;

// Per-connection caches.
//  - Compiled patterns, keyed by their text: they never go stale.
//  - Rules and counters read inside a write. They stay valid while the
//    storage's data version (Storage::data_version, which moves with every
//    commit of another handle) is unchanged and nothing was rolled back or
//    redefined through this handle; counters are written through. Inside one
//    transaction (the write lock is held) this saves two reads per number.
//  - The last bound scope (a pure function of pattern, date and fields).
//  - Fast-mode blocks: the sequence ranges this connection reserved, [next,
//    end). A block reserved in a transaction not yet committed is `pending`;
//    any rollback on the handle drops pending blocks, since their
//    reservation may have been undone.
struct NumberingState {
  std::unordered_map<std::string, std::shared_ptr<const NumberingPattern>> compiled;

  bool cache_valid = false;
  std::uint64_t data_version = 0;
  bool refresh_queued = false;  // an after-commit refresh of data_version is queued
  std::unordered_map<std::string, Rule> rules;
  std::unordered_map<std::string, Counter> counters;  // by rule id + '\0' + scope key

  struct BoundScope {
    const NumberingPattern* pattern = nullptr;
    Date on;
    std::string issued_on;  // on.to_string()
    NumberFields fields;
    std::optional<NumberingPattern::Scope> scope;
  };
  BoundScope last_scope;
  std::string counter_key;  // scratch for counter_in_write's lookups

  struct Block {
    std::int64_t next = 0;
    std::int64_t end = 0;
    bool pending = false;
  };
  std::map<std::pair<std::string, std::string>, Block> blocks;
  bool commit_hook_queued = false;
};

std::string prefix_successor(const std::string& prefix) {
  if (prefix.empty()) return std::string("\xF5");
  std::string out = prefix;
  out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
  return out;
}

namespace {

constexpr std::int64_t kMaxSeq = kMaxNumberingSeq;

// The fields a number can take from the org directory.
constexpr const char* kDirectoryFields[] = {"dept", "dept_name", "employee", "employee_name"};

NumberingState& state(Database::Impl& impl) {
  if (!impl.numbering) {
    impl.numbering = std::make_shared<NumberingState>();
    NumberingState* s = impl.numbering.get();
    impl.on_rollback([s] {
      std::erase_if(s->blocks, [](const auto& kv) { return kv.second.pending; });
      s->commit_hook_queued = false;
      s->refresh_queued = false;
      s->cache_valid = false;
    });
  }
  return *impl.numbering;
}

std::shared_ptr<const NumberingPattern> compiled(Database::Impl& impl, const std::string& pattern) {
  auto& cache = state(impl).compiled;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    it = cache.emplace(pattern, std::make_shared<const NumberingPattern>(NumberingPattern::compile(pattern))).first;
  }
  return it->second;
}

NumberingRecords& records(Database::Impl& impl) { return impl.storage().numbering(); }

Rule with_pattern(Database::Impl& impl, RuleRecord record) {
  Rule r;
  static_cast<RuleRecord&>(r) = std::move(record);
  r.compiled = compiled(impl, r.pattern);
  r.field_names = r.compiled->field_names();
  for (const char* f : kDirectoryFields) {
    if (std::find(r.field_names.begin(), r.field_names.end(), f) != r.field_names.end()) r.directory_fields.push_back(f);
  }
  r.shows_employee = std::find(r.field_names.begin(), r.field_names.end(), "employee") != r.field_names.end();
  return r;
}

std::optional<Rule> latest_rule(Database::Impl& impl, const std::string& id) {
  auto record = records(impl).latest_rule(id);
  if (!record) return std::nullopt;
  return with_pattern(impl, std::move(*record));
}

Rule require_rule(Database::Impl& impl, const std::string& id) {
  auto r = latest_rule(impl, id);
  if (!r) refuse_unknown_rule(id);
  return std::move(*r);
}

NumberingRuleInfo info_of(const Rule& r) {
  return NumberingRuleInfo{r.id, r.version, r.pattern, r.mode, r.compiled->field_names()};
}

// Inside a write: empties the rule and counter caches if another connection
// committed since they were filled.
std::uint64_t data_version(Database::Impl& impl) { return impl.storage().data_version(); }

NumberingState& write_cache(Database::Impl& impl) {
  NumberingState& s = state(impl);
  // Checked already in this write: no other connection can commit while it
  // holds the write lock (refresh_queued is cleared by its commit and by any
  // rollback, which also invalidates the cache). Issuing a number checked
  // the version twice, once through current_rule, once in prepare.
  if (s.cache_valid && s.refresh_queued) return s;
  const std::uint64_t version = data_version(impl);
  if (!s.cache_valid || version != s.data_version) {
    s.rules.clear();
    s.counters.clear();
    s.data_version = version;
    s.cache_valid = true;
  }
  // Our own commit moves the data version too, but the caches were written
  // through: take the new version as known right after it (no other
  // connection can commit while this one holds the write lock).
  if (!s.refresh_queued) {
    s.refresh_queued = true;
    NumberingState* sp = &s;
    Database::Impl* ip = &impl;
    impl.after_commit([sp, ip] {
      sp->refresh_queued = false;
      if (sp->cache_valid) sp->data_version = data_version(*ip);
    });
  }
  return s;
}

// The counter of a scope as stored: its id and next sequence (the larger of
// next_seq and one past the highest sequence it issued). Id 0: no row yet.
Counter stored_counter(Database::Impl& impl, const std::string& rule_id, const std::string& scope) {
  return impl.storage().counter(rule_id, scope);
}

// The counter of a scope inside a write, through the cache.
Counter& counter_in_write(Database::Impl& impl, NumberingState& s, const std::string& rule_id,
                          const std::string& scope) {
  std::string& key = s.counter_key;  // reused: no allocation per number
  key.assign(rule_id);
  key.push_back('\0');
  key.append(scope);
  auto it = s.counters.find(key);
  if (it == s.counters.end()) it = s.counters.emplace(key, stored_counter(impl, rule_id, scope)).first;
  return it->second;
}

// Creates the counter row (c.id == 0) or moves it to `next`.
void store_counter(Database::Impl& impl, Counter& c, const std::string& rule_id, const std::string& scope,
                   std::int64_t next) {
  impl.storage().store_counter(c, rule_id, scope, next);
}

// The rule inside a write, through the cache.
const Rule& rule_in_write(Database::Impl& impl, NumberingState& s, const std::string& id) {
  auto it = s.rules.find(id);
  if (it == s.rules.end()) it = s.rules.emplace(id, require_rule(impl, id)).first;
  return it->second;
}

// The rule's current version: inside a write from the write cache (issuing
// many numbers in one transaction reads it once, not once per number), else
// read into `held`.
const Rule& current_rule(Database::Impl& impl, const std::string& id, std::optional<Rule>& held) {
  if (impl.depth > 0) return rule_in_write(impl, write_cache(impl), id);
  return held.emplace(require_rule(impl, id));
}

// The pattern bound to a date and fields; the last one is kept.
const NumberingPattern::Scope& bound_scope(NumberingState& s, const NumberingPattern& pattern, Date on,
                                           const NumberFields& fields) {
  NumberingState::BoundScope& last = s.last_scope;
  if (last.scope && last.pattern == &pattern && last.on == on && last.fields == fields) return *last.scope;
  last.scope.reset();
  last.scope = pattern.bind(on, fields);
  last.pattern = &pattern;
  last.on = on;
  last.issued_on = on.to_string();
  last.fields = fields;
  return *last.scope;
}

bool is_registered(Database::Impl& impl, const std::string& number) { return records(impl).is_registered(number); }

// Registers `number` in one statement unless it exists already: then false,
// nothing changed, and the caller skips to the next sequence.
bool register_number(Database::Impl& impl, const std::string& number, const Rule& r, Counter& c, std::int64_t seq,
                     const std::string& issued_on, const std::optional<std::string>& owner) {
  if (!records(impl).register_number({number, r.id, r.version, c.id, seq, issued_on, owner})) return false;
  if (c.next <= seq) c.next = seq + 1;
  return true;
}

[[noreturn]] void seq_overflow(const Rule& r) { refuse_seq_overflow(r.id); }

// An issuance checked and looked up, before anything is written.
struct Prepared {
  NumberingState* state = nullptr;
  const Rule* rule = nullptr;
  const NumberingPattern::Scope* scope = nullptr;
  Counter* counter = nullptr;
  NumberingState::Block* block = nullptr;  // fast mode: a block with numbers left
  Date on;
  const std::string* issued_on = nullptr;  // on as text, held by the bound scope
  // True when issuing writes only the registry row (one statement): the
  // counter row exists (gapless) or a reserved block has numbers left (fast).
  bool single_statement = false;
};

Prepared prepare(Database::Impl& impl, const std::string& rule_id, Date on, const NumberFields& fields,
                 const std::optional<std::string>& owner) {
  validate_rule_id(rule_id);
  validate_owner(owner);
  Prepared p;
  p.state = &write_cache(impl);
  p.rule = &rule_in_write(impl, *p.state, rule_id);
  p.scope = &bound_scope(*p.state, *p.rule->compiled, on, fields);
  p.counter = &counter_in_write(impl, *p.state, rule_id, p.scope->key());
  p.on = on;
  p.issued_on = &p.state->last_scope.issued_on;
  if (p.rule->mode == NumberingMode::gapless) {
    p.single_statement = p.counter->id != 0;
  } else {
    auto it = p.state->blocks.find({rule_id, p.scope->key()});
    if (it != p.state->blocks.end() && it->second.next < it->second.end) p.block = &it->second;
    p.single_statement = p.block != nullptr;
  }
  return p;
}

NumberingState::Block& reserve_block(Database::Impl& impl, const Prepared& p) {
  NumberingState& s = *p.state;
  const Rule& r = *p.rule;
  const std::int64_t start = std::max<std::int64_t>(p.counter->next, 1);
  if (start >= kMaxSeq) seq_overflow(r);
  const std::int64_t end = start > kMaxSeq - kFastBlockSize ? kMaxSeq : start + kFastBlockSize;
  store_counter(impl, *p.counter, r.id, p.scope->key(), end);
  NumberingState::Block& b = s.blocks[{r.id, p.scope->key()}];
  b = NumberingState::Block{start, end, true};
  if (!s.commit_hook_queued) {
    s.commit_hook_queued = true;
    NumberingState* sp = &s;
    impl.after_commit([sp] {
      for (auto& kv : sp->blocks) kv.second.pending = false;
      sp->commit_hook_queued = false;
    });
  }
  return b;
}

// Issues the prepared number. Writes only the registry row when
// p.single_statement; otherwise it must run inside impl.write.
IssuedNumber perform(Database::Impl& impl, const Prepared& p, const std::optional<std::string>& owner) {
  const Rule& r = *p.rule;
  Counter& c = *p.counter;
  IssuedNumber out;
  std::int64_t seq = 0;
  if (r.mode == NumberingMode::gapless) {
    if (c.id == 0) store_counter(impl, c, r.id, p.scope->key(), 1);
    for (seq = std::max<std::int64_t>(c.next, 1);; ++seq) {
      if (seq >= kMaxSeq) seq_overflow(r);
      p.scope->render_into(out.number, seq);
      if (register_number(impl, out.number, r, c, seq, *p.issued_on, owner)) break;
    }
  } else {
    NumberingState::Block* b = p.block != nullptr ? p.block : &reserve_block(impl, p);
    for (;;) {
      seq = b->next;
      p.scope->render_into(out.number, seq);
      const bool registered = register_number(impl, out.number, r, c, seq, *p.issued_on, owner);
      b->next = seq + 1;
      if (registered) break;
      if (b->next >= b->end) b = &reserve_block(impl, p);
    }
  }
  out.seq = seq;
  out.rule_id = r.id;
  out.rule_version = r.version;
  out.issued_on = p.on;
  out.owner = owner;
  return out;
}

}  // namespace

IssuedNumber issue_number_in_write(Database::Impl& impl, const std::string& rule_id, Date on,
                                   const NumberFields& fields, const std::optional<std::string>& owner) {
  if (impl.depth == 0) raise(Errc::internal, "core.internal", {{"detail", "issue_number_in_write outside a write"}});
  return perform(impl, prepare(impl, rule_id, on, fields, owner), owner);
}

std::vector<std::string> numbering_field_names(Database::Impl& impl, const std::string& rule_id) {
  validate_rule_id(rule_id);
  std::optional<Rule> held;
  return current_rule(impl, rule_id, held).field_names;
}

void set_number_owner(Database::Impl& impl, const std::string& number, const std::string& owner) {
  require_utf8(number, "number");
  validate_owner(owner);
  if (!store::records(impl).set_owner(number, owner)) refuse_unknown_number(number);
}

}  // namespace store

// ---- Database ----------------------------------------------------------------

int Database::define_numbering(const std::string& rule_id, const std::string& pattern, NumberingMode mode) {
  // Checked before the write (a failed write rolls back, which abandons
  // fast-mode blocks reserved in the caller's transaction), with messages in
  // the handle's language.
  impl_->read([&] {
    validate_rule_id(rule_id);
    validate_mode(mode);
    NumberingPattern::compile(pattern);
  });
  return impl_->write([&] {
    const auto latest = store::latest_rule(*impl_, rule_id);
    if (latest && latest->pattern == pattern && latest->mode == mode) return latest->version;
    const int version = latest ? latest->version + 1 : 1;
    store::records(*impl_).insert_rule({rule_id, version, pattern, mode});
    store::state(*impl_).rules.erase(rule_id);
    return version;
  });
}

NumberingRuleInfo Database::numbering_rule(const std::string& rule_id) const {
  return impl_->read([&] {
    validate_rule_id(rule_id);
    return store::info_of(store::require_rule(*impl_, rule_id));
  });
}

std::vector<NumberingRuleInfo> Database::numbering_rules() const {
  return impl_->read([&] {
    std::vector<NumberingRuleInfo> out;
    for (store::RuleRecord& r : store::records(*impl_).latest_rules()) {
      out.push_back(store::info_of(store::with_pattern(*impl_, std::move(r))));
    }
    return out;
  });
}

namespace {

// The caller's fields completed from the org directory: when the rule uses
// `dept`, `dept_name`, `employee` or `employee_name` and the caller did not
// give them, they come from the employee named by the `employee` field, or
// else by `owner` when it is an employee id. An `employee` field naming a
// directory employee is accepted even when the rule does not show it.
// Nullopt when the caller's fields are complete as given.
std::optional<NumberFields> with_directory_fields(Database::Impl& impl, const std::string& rule_id, Date on,
                                                  const NumberFields& fields, const std::optional<std::string>& owner) {
  std::optional<store::Rule> held;
  const store::Rule& rule = store::current_rule(impl, rule_id, held);
  const std::vector<std::string>& names = rule.field_names;
  bool missing = false;
  for (const std::string& f : rule.directory_fields) missing = missing || fields.count(f) == 0;
  const bool uses_employee = rule.shows_employee;
  if (!missing && (uses_employee || fields.count("employee") == 0)) return std::nullopt;
  std::optional<std::string> employee;
  if (auto it = fields.find("employee"); it != fields.end()) {
    employee = it->second;
  } else if (owner && store::employee_exists(impl, *owner)) {
    employee = owner;
  }
  if (!employee || !store::employee_exists(impl, *employee)) return std::nullopt;  // the engine names what is missing
  NumberFields out = fields;
  store::fill_directory_fields(impl, names, *employee, on, out);
  // An `employee` field the rule does not show only selected the employee.
  if (!uses_employee) out.erase("employee");
  return out;
}

}  // namespace

std::string Database::preview_number(const std::string& rule_id, std::optional<Date> on, const NumberFields& given) {
  const Date date = on ? *on : today();
  return impl_->read([&] {
    validate_rule_id(rule_id);
    const std::optional<NumberFields> completed = with_directory_fields(*impl_, rule_id, date, given, std::nullopt);
    const NumberFields& fields = completed ? *completed : given;
    const store::Rule r = store::require_rule(*impl_, rule_id);
    const NumberingPattern::Scope scope = r.compiled->bind(date, fields);
    std::string number;
    // The next sequence not registered yet, from `seq` up to `end`.
    auto first_free = [&](std::int64_t seq, std::int64_t end) -> bool {
      for (; seq < end; ++seq) {
        scope.render_into(number, seq);
        if (!store::is_registered(*impl_, number)) return true;
      }
      return false;
    };
    if (r.mode == NumberingMode::fast) {
      auto& blocks = store::state(*impl_).blocks;
      auto it = blocks.find({r.id, scope.key()});
      if (it != blocks.end() && first_free(it->second.next, it->second.end)) return number;
    }
    const std::int64_t start = std::max<std::int64_t>(store::stored_counter(*impl_, r.id, scope.key()).next, 1);
    if (!first_free(start, store::kMaxSeq)) store::seq_overflow(r);
    return number;
  });
}

std::string Database::issue_number(const std::string& rule_id, std::optional<Date> on, const NumberFields& given,
                                   const std::optional<std::string>& owner) {
  const Date date = on ? *on : today();
  return impl_->read([&] {
    validate_rule_id(rule_id);
    const std::optional<NumberFields> completed = with_directory_fields(*impl_, rule_id, date, given, owner);
    const NumberFields& fields = completed ? *completed : given;
    // Inside the caller's transaction, when only the registry row is to be
    // written, that one statement is atomic by itself: no savepoint needed.
    if (impl_->depth > 0 && !impl_->in_callback) {
      const store::Prepared p = store::prepare(*impl_, rule_id, date, fields, owner);
      if (p.single_statement) return store::perform(*impl_, p, owner).number;
    }
    return impl_->write([&] { return store::issue_number_in_write(*impl_, rule_id, date, fields, owner).number; });
  });
}

ParsedNumber Database::parse_number(const std::string& rule_id, const std::string& number) const {
  return impl_->read([&] {
    validate_rule_id(rule_id);
    require_utf8(number, "number");
    // The version the number was issued under, when it is registered for
    // this rule; otherwise the newest version that reads it.
    store::NumberingRecords& records = store::records(*impl_);
    if (auto issued = records.issued(number); issued && issued->rule_id == rule_id) {
      if (auto r = records.rule(rule_id, issued->rule_version)) return store::compiled(*impl_, r->pattern)->parse(number);
    }
    const std::vector<std::string> patterns = records.rule_patterns(rule_id);
    if (patterns.empty()) refuse_unknown_rule(rule_id);
    std::exception_ptr newest_error;
    for (const std::string& pattern : patterns) {
      try {
        return store::compiled(*impl_, pattern)->parse(number);
      } catch (const ValidationError&) {
        if (!newest_error) newest_error = std::current_exception();
      }
    }
    std::rethrow_exception(newest_error);
  });
}

void Database::void_number(const std::string& number, const std::string& reason, std::optional<Date> on) {
  impl_->read([&] {
    require_utf8(number, "number");
    validate_void_reason(reason);
  });
  const Date date = on ? *on : today();
  impl_->write([&] {
    store::NumberingRecords& records = store::records(*impl_);
    const auto issued = records.issued(number);
    if (!issued) refuse_unknown_number(number);
    require_not_void(number, issued->voided);
    // A contract's own number: only a draft's may be voided.
    if (auto status = records.contract_status_of(number)) check_number_voidable(number, *status);
    check_void_date(number, issued->issued_on, date);
    records.store_void(number, reason, date);
  });
}

IssuedNumber Database::issued_number(const std::string& number) const {
  return impl_->read([&] {
    require_utf8(number, "number");
    auto out = store::records(*impl_).issued(number);
    if (!out) refuse_unknown_number(number);
    return std::move(*out);
  });
}

std::vector<std::string> Database::find_numbers(const std::string& prefix, int limit,
                                                const std::optional<std::string>& after) const {
  return impl_->read([&] {
    require_utf8(prefix, "prefix");
    if (after) require_utf8(*after, "after");
    check_find_limit(limit);
    const bool use_after = after && *after >= prefix;
    return store::records(*impl_).numbers_between(use_after ? *after : prefix, use_after,
                                                  store::prefix_successor(prefix), limit);
  });
}

}  // namespace pactum
