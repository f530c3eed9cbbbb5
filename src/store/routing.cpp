// Approval routing tables: every version of every table (its canonical
// document), and the one new contracts are routed with, stored through the
// storage interface (backend_approval.hpp, ApprovalRecords).
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

ApprovalRecords& records(Database::Impl& impl) { return impl.storage().approval(); }

// The compiled form of a stored document, from the connection's cache when
// the document is the one it holds. Call under the handle's lock.
RoutingTable compiled(Database::Impl& impl, const TableVersionRow& stored) {
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

TableVersionRow current_table(Database::Impl& impl) {
  std::optional<TableVersionRow> current = records(impl).current_table(kRoutingTables);
  if (!current) refuse_no_current_table();
  return std::move(*current);
}

}  // namespace

namespace store {

void save_table_version(Database::Impl& impl, DecisionTableKind kind, const std::string& id, int version,
                        const std::string& document) {
  ApprovalRecords& tables = records(impl);
  if (is_new_table_version(id, version, document, tables.table_document(kind, id, version),
                           tables.latest_table_version(kind, id))) {
    tables.insert_table(kind, id, version, document);
  }
  tables.store_current_table(kind, id, version);
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
    TableVersionRow stored{id, 0, {}};
    if (version) {
      stored.version = *version;
    } else {
      const std::optional<int> latest = records(*impl_).latest_table_version(kRoutingTables, id);
      if (!latest) refuse_unknown_table(id);
      stored.version = *latest;
    }
    std::optional<std::string> document = records(*impl_).table_document(kRoutingTables, id, stored.version);
    if (!document) refuse_unknown_table_version(id, stored.version);
    stored.document = std::move(*document);
    return compiled(*impl_, stored);
  });
}

std::vector<RoutingTableInfo> Database::routing_tables() const {
  return impl_->read([&] { return records(*impl_).table_versions(kRoutingTables); });
}

RoutingResult Database::evaluate_routing(const RoutingInputs& inputs) const {
  const RoutingTable table = routing_table();
  return localized(impl_->lang, [&] { return table.evaluate(inputs); });
}

}  // namespace pactum
