// Approval routing tables in SQLite: every version of every table (its
// canonical document), and the one new contracts are routed with.
#include <optional>

#include "database_impl.hpp"
#include "decision_tables.hpp"

namespace pactum {

namespace store {

// The compiled table this connection used last, known by its document.
struct RoutingState {
  std::string document;
  RoutingTable table;
};

}  // namespace store

using namespace store;

namespace {

struct StoredTable {
  std::string id;
  int version = 0;
  std::string document;
};

// The compiled form of a stored document, from the connection's cache when
// the document is the one it holds. Call under the handle's lock.
RoutingTable compiled(Database::Impl& impl, const StoredTable& stored) {
  if (impl.routing && impl.routing->document == stored.document) return impl.routing->table;
  std::optional<RoutingTable> table;
  try {
    table = RoutingTable::parse(stored.document);
  } catch (const Error&) {
    raise(Errc::corrupt, "routing.stored_corrupt", {{"table", stored.id}, {"version", std::to_string(stored.version)}});
  }
  impl.routing = std::make_shared<store::RoutingState>(store::RoutingState{stored.document, *table});
  return *table;
}

StoredTable current_table(Database::Impl& impl) {
  auto st = impl.statement(
      "SELECT t.id, t.version, t.document FROM routing_current c "
      "JOIN routing_tables t ON t.id = c.id AND t.version = c.version WHERE c.one = 1");
  if (!st->executeStep()) refuse_no_current_table();
  return {st->getColumn(0).getString(), st->getColumn(1).getInt(), st->getColumn(2).getString()};
}

std::optional<int> latest_version(Database::Impl& impl, const std::string& id) {
  return latest_table_version(impl, kRoutingTables, id);
}

}  // namespace

namespace store {

std::optional<int> latest_table_version(Database::Impl& impl, const DecisionTableStore& where, const std::string& id) {
  auto st = impl.statement(where.latest);
  st->bind(1, id);
  if (!st->executeStep() || st->getColumn(0).isNull()) return std::nullopt;
  return st->getColumn(0).getInt();
}

std::optional<std::string> stored_table_document(Database::Impl& impl, const DecisionTableStore& where,
                                                 const std::string& id, int version) {
  auto st = impl.statement(where.stored);
  st->bind(1, id);
  st->bind(2, version);
  if (!st->executeStep()) return std::nullopt;
  return st->getColumn(0).getString();
}

void save_table_version(Database::Impl& impl, const DecisionTableStore& where, const std::string& id, int version,
                        const std::string& document) {
  if (is_new_table_version(id, version, document, stored_table_document(impl, where, id, version),
                           latest_table_version(impl, where, id))) {
    auto insert = impl.statement(where.insert);
    insert->bind(1, id);
    insert->bind(2, version);
    insert->bind(3, document);
    insert->exec();
  }
  auto current = impl.statement(where.current);
  current->bind(1, id);
  current->bind(2, version);
  current->exec();
}

}  // namespace store

std::vector<RoutingFinding> Database::load_routing(const std::string& table_json, const RoutingLoadOptions& options) {
  Impl& impl = *impl_;
  // Parsing and checking need no database: done before taking the lock.
  // Named references, not a structured binding: the lambdas below use them
  // (C++20 allows capturing a binding, clang 14 does not).
  const RoutingTable table = localized(impl.lang, [&] { return RoutingTable::parse(table_json); });
  return load_routing(table, options);
}

std::vector<RoutingFinding> Database::load_routing(const RoutingTable& table, const RoutingLoadOptions& options) {
  Impl& impl = *impl_;
  std::vector<RoutingFinding> findings = localized(impl.lang, [&] { return table.check(); });
  localized(impl.lang, [&] { require_loadable(table, findings, options, "routing.load_refused"); });
  const std::string document = table.to_json();
  impl.write([&] {
    save_table_version(impl, kRoutingTables, table.id(), table.version(), document);
    impl.routing = std::make_shared<store::RoutingState>(store::RoutingState{document, table});
  });
  return findings;
}

std::vector<RoutingFinding> Database::check_routing(const std::string& table_json) const {
  return localized(impl_->lang, [&] { return pactum::check_routing(table_json); });
}

std::vector<RoutingFinding> Database::check_routing(const RoutingTable& table) const {
  return localized(impl_->lang, [&] { return table.check(); });
}

RoutingTable Database::routing_table() const {
  return impl_->read([&] { return compiled(*impl_, current_table(*impl_)); });
}

RoutingTable Database::routing_table(const std::string& id, std::optional<int> version) const {
  return impl_->read([&] {
    StoredTable stored{id, 0, {}};
    if (version) {
      stored.version = *version;
    } else {
      const std::optional<int> latest = latest_version(*impl_, id);
      if (!latest) refuse_unknown_table(id);
      stored.version = *latest;
    }
    auto document = stored_table_document(*impl_, kRoutingTables, id, stored.version);
    if (!document) refuse_unknown_table_version(id, stored.version);
    stored.document = std::move(*document);
    return compiled(*impl_, stored);
  });
}

std::vector<RoutingTableInfo> Database::routing_tables() const {
  return impl_->read([&] {
    auto st = impl_->statement(
        "SELECT t.id, t.version, c.one IS NOT NULL FROM routing_tables t "
        "LEFT JOIN routing_current c ON c.id = t.id AND c.version = t.version ORDER BY t.id, t.version");
    std::vector<RoutingTableInfo> out;
    while (st->executeStep()) {
      out.push_back({st->getColumn(0).getString(), st->getColumn(1).getInt(), st->getColumn(2).getInt() != 0});
    }
    return out;
  });
}

RoutingResult Database::evaluate_routing(const RoutingInputs& inputs) const {
  const RoutingTable table = routing_table();
  return localized(impl_->lang, [&] { return table.evaluate(inputs); });
}

}  // namespace pactum
