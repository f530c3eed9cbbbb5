// Internal: the bulk-write hint of the storage interface (import.cpp,
// export.cpp).
#pragma once

#include <cstdint>

#include "backend.hpp"
#include "database_impl.hpp"

namespace pactum::store {

// The page cache a bulk write runs with, at least, on SQLite.
inline constexpr std::int64_t kBulkCacheKiB = 64 * 1024;

// Tells the storage a bulk write runs while it lives (an import or a
// restore): Storage::begin_bulk() and end_bulk().
class BulkCache {
 public:
  explicit BulkCache(Database::Impl& impl) : storage_(impl.storage()) { storage_.begin_bulk(); }
  ~BulkCache() { storage_.end_bulk(); }
  BulkCache(const BulkCache&) = delete;
  BulkCache& operator=(const BulkCache&) = delete;

 private:
  Storage& storage_;
};

}  // namespace pactum::store
