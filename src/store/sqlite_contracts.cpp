// The records of contracts on SQLite (backend_contracts.hpp, ContractRecords).
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

class SqliteContractRecords final : public ContractRecords {
 public:
  explicit SqliteContractRecords(Database::Impl& impl) : impl_(impl) {}

 private:
  [[maybe_unused]] Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<ContractRecords> make_sqlite_contracts_records(Database::Impl& impl) {
  return std::make_unique<SqliteContractRecords>(impl);
}

}  // namespace pactum::store
