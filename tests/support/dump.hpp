// A logical dump of a database file: every table (sqlite_sequence and
// SQLite's own tables included), its rows sorted, as text. Two dumps are equal
// exactly when the data is; tests compare them before and after a failing call
// to prove it changed nothing.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace pactum::test {

// Every table's rows, as text, sorted: table name -> rows.
inline std::map<std::string, std::vector<std::string>> table_rows(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  auto rows_of = [&](const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        if (i > 0) row += " | ";
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_NULL: row += "NULL"; break;
          case SQLITE_INTEGER: row += std::to_string(sqlite3_column_int64(st, i)); break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            row += '\'';
            row += text ? text : "";
            row += '\'';
          }
        }
      }
      rows.push_back(row);
    }
    sqlite3_finalize(st);
    return rows;
  };
  std::map<std::string, std::vector<std::string>> out;
  for (const std::string& table : rows_of("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    const std::string name = table.substr(1, table.size() - 2);  // strip the quotes
    std::vector<std::string> rows = rows_of("SELECT * FROM \"" + name + "\"");
    std::sort(rows.begin(), rows.end());
    out[name] = std::move(rows);
  }
  out["(user_version)"] = rows_of("PRAGMA user_version");
  sqlite3_close(db);
  return out;
}

inline std::string logical_dump(const std::string& path) {
  std::string out;
  for (const auto& [name, rows] : table_rows(path)) {
    out += "## " + name + " (" + std::to_string(rows.size()) + " rows)\n";
    for (const std::string& r : rows) out += r + "\n";
  }
  return out;
}

}  // namespace pactum::test
