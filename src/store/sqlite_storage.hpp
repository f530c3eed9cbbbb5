// Internal: the SQLite implementation of the storage interface (backend.hpp).
#pragma once

#include <memory>

#include "backend.hpp"
#include "sqlite_columns.hpp"
#include "database_impl.hpp"

namespace pactum::store {

// The storage interface on `impl`'s connection; it lives no longer than `impl`.
std::unique_ptr<Storage> make_sqlite_storage(Database::Impl& impl);
// The org directory's records on `impl`'s connection (sqlite_org.cpp).
std::unique_ptr<OrgRecords> make_sqlite_org_records(Database::Impl& impl);
// The SQL listing the period close and reopen events (sqlite_kpi.cpp), for
// tests reading its query plan: ?1 and ?2 are the two event type codes.
extern const char* const kPeriodEventsSql;

// The other domains' records, each in sqlite_<domain>.cpp.
std::unique_ptr<NumberingRecords> make_sqlite_numbering_records(Database::Impl& impl);
std::unique_ptr<ContractRecords> make_sqlite_contracts_records(Database::Impl& impl);
std::unique_ptr<ApprovalRecords> make_sqlite_approval_records(Database::Impl& impl);
std::unique_ptr<KpiRecords> make_sqlite_kpi_records(Database::Impl& impl);
std::unique_ptr<TrackingRecords> make_sqlite_tracking_records(Database::Impl& impl);

}  // namespace pactum::store
