// Internal: the page cache of bulk writes (import.cpp, export.cpp).
#pragma once

#include <cstdint>

#include "database_impl.hpp"

namespace pactum::store {

// The page cache a bulk write runs with, at least.
inline constexpr std::int64_t kBulkCacheKiB = 64 * 1024;

// Raises the connection's page cache to kBulkCacheKiB while it lives (an
// import or a restore), and puts the previous size back.
class BulkCache {
 public:
  explicit BulkCache(Database::Impl& impl);
  ~BulkCache();
  BulkCache(const BulkCache&) = delete;
  BulkCache& operator=(const BulkCache&) = delete;

 private:
  Database::Impl& impl_;
  std::int64_t previous_ = 0;
  bool raised_ = false;
};

}  // namespace pactum::store
