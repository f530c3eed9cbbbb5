// The records of kpi on SQLite (backend_kpi.hpp, KpiRecords).
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

class SqliteKpiRecords final : public KpiRecords {
 public:
  explicit SqliteKpiRecords(Database::Impl& impl) : impl_(impl) {}

 private:
  [[maybe_unused]] Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<KpiRecords> make_sqlite_kpi_records(Database::Impl& impl) {
  return std::make_unique<SqliteKpiRecords>(impl);
}

}  // namespace pactum::store
