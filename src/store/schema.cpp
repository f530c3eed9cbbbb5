// The schema, as forward migrations. Each entry moves a database from the
// previous version to `version`; released entries never change (append new
// ones). A new database runs them all.
#include "database_impl.hpp"

namespace pactum::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "settings",
       R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
  };
  return all;
}

}  // namespace pactum::store
