// Stored decision tables (routing and classification): every version of
// every table as its canonical document, and the one current table.
#pragma once

#include <string>

#include "backend.hpp"
#include "database_impl.hpp"

namespace pactum::store {

// Pure work (parsing, checking) with errors in the handle's language.
template <class Fn>
auto localized(Lang lang, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (Error& e) {
    e.localize(lang);
    throw;
  }
}

// The two kinds of stored decision table (backend_approval.hpp).
inline constexpr DecisionTableKind kRoutingTables = DecisionTableKind::routing;
inline constexpr DecisionTableKind kClassificationTables = DecisionTableKind::classification;

// Stores version `version` of table `id` unless the same document is stored
// already (is_new_table_version decides, refusing conflicts) and makes it the
// current one. Inside a write.
void save_table_version(Database::Impl& impl, DecisionTableKind kind, const std::string& id, int version,
                        const std::string& document);

}  // namespace pactum::store
