// Internal: column conversions of the SQLite implementation (the
// sqlite_*.cpp records). Dates are stored as ISO text; NULL is "no date",
// "no text", "no number".
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>

#include "pactum/core/date.hpp"

namespace pactum::store {

inline std::optional<Date> optional_date(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return Date::parse(column.getString());
}

inline std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

inline std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

inline void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

inline void bind_optional(SQLite::Statement& st, int index, const std::optional<Date>& value) {
  if (value) {
    st.bind(index, value->to_string());
  } else {
    st.bind(index);
  }
}

inline void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

}  // namespace pactum::store
