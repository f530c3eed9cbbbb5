// The records of numbering on SQLite (backend_numbering.hpp, NumberingRecords).
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

class SqliteNumberingRecords final : public NumberingRecords {
 public:
  explicit SqliteNumberingRecords(Database::Impl& impl) : impl_(impl) {}

 private:
  [[maybe_unused]] Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<NumberingRecords> make_sqlite_numbering_records(Database::Impl& impl) {
  return std::make_unique<SqliteNumberingRecords>(impl);
}

}  // namespace pactum::store
