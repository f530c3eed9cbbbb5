// Internal: the rows of one table file of an export, read for a restore.
//
// A restore reads every row of every table: parsing each line into a JSON
// document and then into fields was most of its time. A line written the way
// export writes it (one flat object, no white space, members that are column
// names of the table, each once, values that are strings, integers, true,
// false or null) is decoded here directly; any other line goes through the
// JSON Lines reader (jsonl_reader) and the checks a restore always made
// (check_restored_members, restored_value). Either way a line is accepted
// with the same values, or refused with the same error: the direct path only
// takes lines whose generic reading it knows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "export_format.hpp"
#include "records.hpp"

namespace pactum::io {

class RestoredRows {
 public:
  // Lines of `source` (a table file of `spec`) of at most `max_row_bytes`.
  RestoredRows(std::unique_ptr<ByteSource> source, const ExportTableSpec& spec, std::size_t max_row_bytes);

  // Moves to the next non-blank line; false at the end. Errors of the source
  // are thrown.
  bool next();
  // The line number of the current line (1-based, blank lines counted).
  std::int64_t line() const noexcept { return line_; }
  // The current line's values, one per column of the spec (std::monostate
  // when the member is absent or null); a line the restore refuses throws
  // its pactum::Error (the caller names the line).
  const std::vector<RestoredValue>& values();

 private:
  bool read_line();
  bool decode_canonical(std::string_view text);
  void decode_generic(std::string_view text);

  std::unique_ptr<ByteSource> source_;
  const ExportTableSpec& spec_;
  std::size_t max_bytes_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::string long_line_;  // a line that does not fit in the buffer
  std::string_view text_;
  bool too_long_ = false;
  bool first_ = true;
  std::int64_t line_ = 0;
  std::vector<Field> fields_;  // per column, reused
  std::vector<bool> present_;  // per column
  std::vector<RestoredValue> values_;
};

}  // namespace pactum::io
