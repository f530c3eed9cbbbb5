// Classification tables and position groups: every version of every
// classification table (its canonical document), the current one, and
// which positions are compared together (docs/reports.md "Classification").
#include "contracts_internal.hpp"
#include "database_impl.hpp"
#include "decision_tables.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

using namespace store;

std::vector<RoutingFinding> Database::load_classification(const std::string& table_json, const RoutingLoadOptions& options) {
  Impl& impl = *impl_;
  // Named references, not a structured binding: the lambdas below use them
  // (C++20 allows capturing a binding, clang 14 does not).
  auto checked = localized(impl.lang, [&] {
    ClassificationTable t = ClassificationTable::parse(table_json);
    std::vector<RoutingFinding> f = t.check();
    return std::make_pair(std::move(t), std::move(f));
  });
  const ClassificationTable& table = checked.first;
  std::vector<RoutingFinding>& findings = checked.second;
  localized(impl.lang, [&] { require_loadable(table.table(), findings, options, "report.classification_refused"); });
  const std::string document = table.to_json();
  impl.write([&] { save_table_version(impl, kClassificationTables, table.id(), table.version(), document); });
  return std::move(findings);
}

std::vector<RoutingFinding> Database::check_classification(const std::string& table_json) const {
  return localized(impl_->lang, [&] { return ClassificationTable::parse(table_json).check(); });
}

ClassificationTable Database::classification_table() const {
  return impl_->read([&] {
    const auto current = impl_->storage().approval().current_table(kClassificationTables);
    if (!current) return ClassificationTable::default_table();
    try {
      return ClassificationTable::parse(current->document);
    } catch (const Error&) {
      raise(Errc::corrupt, "routing.stored_corrupt", {{"table", current->id}, {"version", std::to_string(current->version)}});
    }
  });
}

std::vector<RoutingTableInfo> Database::classification_tables() const {
  return impl_->read([&] {
    return impl_->storage().approval().table_versions(kClassificationTables);
  });
}

void Database::set_position_group(const std::string& position, const std::optional<std::string>& group) {
  impl_->write([&] {
    require_name(position, "position");
    if (group) require_name(*group, "group");
    // A position alone is its own group: no record.
    impl_->storage().kpi().store_position_group(position, group == position ? std::nullopt : group);
  });
}

std::string Database::position_group(const std::string& position) const {
  return impl_->read([&] {
    require_utf8(position, "position");
    return impl_->storage().kpi().position_group(position).value_or(position);
  });
}

std::map<std::string, std::string> Database::position_groups() const {
  return impl_->read([&] {
    return impl_->storage().kpi().position_groups();
  });
}

}  // namespace pactum
