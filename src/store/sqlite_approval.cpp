// The records of approval on SQLite (backend_approval.hpp, ApprovalRecords).
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

class SqliteApprovalRecords final : public ApprovalRecords {
 public:
  explicit SqliteApprovalRecords(Database::Impl& impl) : impl_(impl) {}

 private:
  [[maybe_unused]] Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<ApprovalRecords> make_sqlite_approval_records(Database::Impl& impl) {
  return std::make_unique<SqliteApprovalRecords>(impl);
}

}  // namespace pactum::store
