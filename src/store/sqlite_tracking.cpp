// The records of tracking on SQLite (backend_tracking.hpp, TrackingRecords).
#include "contracts_internal.hpp"
#include "sqlite_storage.hpp"

namespace pactum::store {

namespace {

class SqliteTrackingRecords final : public TrackingRecords {
 public:
  explicit SqliteTrackingRecords(Database::Impl& impl) : impl_(impl) {}

 private:
  [[maybe_unused]] Database::Impl& impl_;
};

}  // namespace

std::unique_ptr<TrackingRecords> make_sqlite_tracking_records(Database::Impl& impl) {
  return std::make_unique<SqliteTrackingRecords>(impl);
}

}  // namespace pactum::store
