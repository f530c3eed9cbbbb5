// Internal: the record readers of bulk import, pure (no SQL, no database).
//
// A reader yields one record per data row: the row's fields (column name ->
// text) and the line number of the physical line where the record starts
// (the header, when there is one, is line 1). Problems confined to one record
// (a wrong column count, invalid UTF-8, a stray quote, a record longer than
// the limit, a line that is not a JSON object) are reported on that record
// and reading goes on; problems of the whole file (no header, a malformed or
// duplicate column name, an unreadable file) are thrown as pactum::Error.
// docs/import.md describes both formats.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/error.hpp"

namespace pactum::io {

// The longest record accepted, in bytes (a CSV record may span lines; a JSON
// Lines record is one line, without its line ending).
inline constexpr std::size_t kMaxRecordBytes = 1024 * 1024;

// What a field's text holds. CSV fields are always text; JSON Lines values
// keep their JSON type so that the importer can refuse, e.g., an amount
// written as a JSON number.
enum class ValueKind : unsigned char {
  text,     // a string (CSV: every field)
  boolean,  // JSON true / false: "true" or "false"
  number,   // a JSON number, as written in the line
  json,     // a JSON array or object, serialised
};

struct Field {
  std::string name;
  std::string value;
  ValueKind kind = ValueKind::text;
};

// A problem of one record: a catalog key with its arguments, and the column
// it concerns (empty when it concerns the whole record).
struct RecordProblem {
  std::string key;
  MessageArgs args;
  std::string column;
};

struct Record {
  std::int64_t line = 0;
  // CSV: one field per header column, in header order. JSON Lines: the
  // object's members except those that are null.
  std::vector<Field> fields;
  std::optional<RecordProblem> problem;

  // The field named `name`, or nullptr.
  const Field* find(std::string_view name) const noexcept;
};

// Where the bytes come from.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; 0 at the end. Errors are thrown.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// A regular file opened for reading: a missing file is a NotFoundError, an
// unreadable one a StorageError, both naming the path; a directory, a device
// or a pipe, or a file larger than `max_bytes` (also one that grows past it
// while read) is a ValidationError.
std::unique_ptr<ByteSource> file_source(const std::string& path, std::int64_t max_bytes);
// Bytes held in memory.
std::unique_ptr<ByteSource> text_source(std::string text);

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // The next record into `record` (its storage is reused); false at the end.
  virtual bool next(Record& record) = 0;
  // CSV: the header's column names. JSON Lines: empty.
  virtual const std::vector<std::string>& columns() const noexcept = 0;
  // The line number of the header (CSV), or 0.
  virtual std::int64_t header_line() const noexcept = 0;
};

// RFC 4180 CSV with a header row: UTF-8 with an optional byte order mark,
// CRLF or LF line endings, fields quoted with '"' (a quote inside a quoted
// field is written twice) holding commas, quotes and line breaks, empty lines
// skipped. Nothing is trimmed. Fatal problems are rendered in `lang`.
std::unique_ptr<RecordReader> csv_reader(std::unique_ptr<ByteSource> source, Lang lang = Lang::en,
                                         std::size_t max_record_bytes = kMaxRecordBytes);
// JSON Lines: one JSON object per line (LF or CRLF), blank lines skipped, an
// optional byte order mark. Duplicate keys are a problem of the record.
std::unique_ptr<RecordReader> jsonl_reader(std::unique_ptr<ByteSource> source, Lang lang = Lang::en,
                                           std::size_t max_record_bytes = kMaxRecordBytes);

}  // namespace pactum::io
