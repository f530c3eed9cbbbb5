// Internal: the tables Database::export_to writes and Database::import_export
// restores, with the kind of every column (how it is written as JSON).
//
// Adding a table to the schema means adding it here (export_tables.cpp):
// export refuses a database holding a table or column this list does not
// know, so that no backup silently misses data.
#pragma once

#include <string_view>
#include <vector>

namespace pactum::store {

enum class ColumnKind : unsigned char {
  integer,     // a JSON number
  text,        // a JSON string (JSON documents stored as text stay strings)
  date,        // a JSON string "YYYY-MM-DD", or "" where the schema uses it (valid_from: since always)
  money,       // 10^-4 units, written as a decimal string: "1000.00", "0.125"
  boolean,     // 0/1, written as false/true
  event_type,  // an event type code, written as its name ("payment_received")
};

struct ExportColumn {
  std::string_view name;
  ColumnKind kind;
};

struct ExportTableSpec {
  std::string_view name;
  std::vector<ExportColumn> columns;  // the JSON key order of each row
};

// Every table, parents before the tables referring to them (the order rows
// are restored in).
const std::vector<ExportTableSpec>& export_tables();

}  // namespace pactum::store
