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

// The statements of one kind of decision table (literals: the statement
// cache keeps the text it is given).
struct DecisionTableStore {
  const char* latest;   // SELECT MAX(version) ... WHERE id = ?
  const char* stored;   // SELECT document ... WHERE id = ? AND version = ?
  const char* insert;   // INSERT (id, version, document)
  const char* current;  // upsert the current (id, version)
};
inline constexpr DecisionTableStore kRoutingTables{
    "SELECT MAX(version) FROM routing_tables WHERE id = ?",
    "SELECT document FROM routing_tables WHERE id = ? AND version = ?",
    "INSERT INTO routing_tables(id, version, document) VALUES(?, ?, ?)",
    "INSERT INTO routing_current(one, id, version) VALUES(1, ?, ?) "
    "ON CONFLICT(one) DO UPDATE SET id = excluded.id, version = excluded.version"};
inline constexpr DecisionTableStore kClassificationTables{
    "SELECT MAX(version) FROM classification_tables WHERE id = ?",
    "SELECT document FROM classification_tables WHERE id = ? AND version = ?",
    "INSERT INTO classification_tables(id, version, document) VALUES(?, ?, ?)",
    "INSERT INTO classification_current(one, id, version) VALUES(1, ?, ?) "
    "ON CONFLICT(one) DO UPDATE SET id = excluded.id, version = excluded.version"};

std::optional<int> latest_table_version(Database::Impl& impl, const DecisionTableStore& where, const std::string& id);
std::optional<std::string> stored_table_document(Database::Impl& impl, const DecisionTableStore& where,
                                                 const std::string& id, int version);
// Stores version `version` of table `id` unless the same document is stored
// already (is_new_table_version decides, refusing conflicts) and makes it the
// current one. Inside a write.
void save_table_version(Database::Impl& impl, const DecisionTableStore& where, const std::string& id, int version,
                        const std::string& document);

}  // namespace pactum::store
