// Internal: the numbering engine's storage entry points for other parts of
// the store, e.g. contract creation issuing its number inside its own write.
// Only src/store/ includes this file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "database_impl.hpp"
#include "pactum/numbering/pattern.hpp"

namespace pactum::store {

// Issues the next number of `rule_id`'s scope for `on` and `fields` and
// registers it, inside the write already open on `impl` (call it from within
// impl.write(...); a rollback of that write gives the number back in gapless
// mode). Validation errors are thrown before anything is written. Does not
// open a transaction of its own.
IssuedNumber issue_number_in_write(Database::Impl& impl, const std::string& rule_id, Date on,
                                   const NumberFields& fields, const std::optional<std::string>& owner);

// The named fields of the rule's current pattern, in order of first
// appearance (e.g. to fill `dept` from the org directory when not given).
// NotFoundError for an unknown rule. Call under impl.read or impl.write.
std::vector<std::string> numbering_field_names(Database::Impl& impl, const std::string& rule_id);

// Sets the owner reference of an issued number (e.g. the contract id known
// only after the contract row exists). Call inside impl.write.
void set_number_owner(Database::Impl& impl, const std::string& number, const std::string& owner);

// The SQL of prefix search, for tests reading its query plan. ?1 is the lower
// bound (the prefix, inclusive; or the `after` number, exclusive), ?2 the
// exclusive upper bound, ?3 the limit.
extern const char* const kFindNumbersSql;
extern const char* const kFindNumbersAfterSql;

// The exclusive upper bound of the numbers starting with `prefix` in BINARY
// (byte) order: "XSC-2024-SD" -> "XSC-2024-SE". Valid UTF-8 never holds the
// bytes F5..FF, so incrementing the last byte always works; the empty prefix
// gives "\xF5", above every valid UTF-8 text.
std::string prefix_successor(const std::string& prefix);

// Numbers a fast-mode connection reserves at a time.
inline constexpr std::int64_t kFastBlockSize = 100;

}  // namespace pactum::store
