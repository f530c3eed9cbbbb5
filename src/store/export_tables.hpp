// Internal: the tables Database::export_to writes and Database::import_export
// restores, with the kind of every column (how it is written as JSON).
//
// Adding a table to the schema means adding it here (export_tables.cpp):
// export refuses a database holding a table or column this list does not
// know, so that no backup silently misses data.
#pragma once

#include <vector>

#include "../io/export_format.hpp"

namespace pactum::store {

using io::ColumnKind;
using io::ExportColumn;
using io::ExportTableSpec;

// Every table, parents before the tables referring to them (the order rows
// are restored in).
const std::vector<ExportTableSpec>& export_tables();

}  // namespace pactum::store
