// Stored decision tables (routing and classification): every version of
// every table as its canonical document, and the one current table.
#pragma once

#include <optional>
#include <string>

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

// The tables a kind of decision table is kept in.
struct DecisionTableStore {
  const char* versions;  // (id, version, document)
  const char* current;   // (one = 1, id, version)
};
inline constexpr DecisionTableStore kRoutingTables{"routing_tables", "routing_current"};
inline constexpr DecisionTableStore kClassificationTables{"classification_tables", "classification_current"};

std::optional<int> latest_table_version(Database::Impl& impl, const DecisionTableStore& where, const std::string& id);
std::optional<std::string> stored_table_document(Database::Impl& impl, const DecisionTableStore& where,
                                                 const std::string& id, int version);
// Stores version `version` of table `id` unless the same document is stored
// already (is_new_table_version decides, refusing conflicts) and makes it the
// current one. Inside a write.
void save_table_version(Database::Impl& impl, const DecisionTableStore& where, const std::string& id, int version,
                        const std::string& document);

}  // namespace pactum::store
