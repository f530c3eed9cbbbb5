// What the fuzz targets of the import readers (CSV, JSON Lines) share:
// reading a whole input, a source that hands the bytes over in small
// chunks, and the laws every reader keeps (src/io/records.hpp).
#pragma once

#include <cstring>
#include <functional>
#include <optional>

#include "fuzz/fuzz_support.hpp"
#include "io/records.hpp"

namespace pactum::fuzz {

// The longest record the readers accept in these targets: small, so that
// inputs of libFuzzer's default length reach the limit.
inline constexpr std::size_t kRecordLimit = 300;

// Bytes held in memory, handed over at most `chunk` at a time: a reader must
// read the same records however its source splits the bytes.
class ChunkedSource final : public io::ByteSource {
 public:
  ChunkedSource(std::string text, std::size_t chunk) : text_(std::move(text)), chunk_(chunk) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min({size, chunk_, text_.size() - pos_});
    std::memcpy(buffer, text_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string text_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

struct ReadResult {
  std::vector<std::string> columns;
  std::vector<io::Record> records;
};

using ReaderFactory = std::function<std::unique_ptr<io::RecordReader>(std::unique_ptr<io::ByteSource>)>;

// Every record of the input, or nothing when the reader refused the whole
// input (a pactum::Error, which must keep the refusal laws).
inline std::optional<ReadResult> read_all(const ReaderFactory& make, std::unique_ptr<io::ByteSource> source) {
  std::optional<ReadResult> out;
  accepted([&] {
    ReadResult all;
    const auto reader = make(std::move(source));
    all.columns = reader->columns();
    io::Record r;
    std::int64_t previous = reader->header_line();
    while (reader->next(r)) {
      PACTUM_FUZZ_CHECK(r.line > previous, "records start on later lines");
      previous = r.line;
      all.records.push_back(r);
    }
    out = std::move(all);
  });
  return out;
}

inline bool same_fields(const io::Record& a, const io::Record& b) {
  if (a.fields.size() != b.fields.size()) return false;
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    const io::Field& x = a.fields[i];
    const io::Field& y = b.fields[i];
    if (x.name != y.name || x.value != y.value || x.kind != y.kind) return false;
  }
  return true;
}

// The laws of one reading: a record's problem names a catalog entry and
// renders (valid UTF-8 with the pending laws, and never a parser's own
// text); a record without a problem has valid UTF-8 names and values.
inline void check_records(const ReadResult& read) {
  for (const io::Record& r : read.records) {
    if (r.problem) {
      PACTUM_FUZZ_CHECK(catalog_has(r.problem->key), r.problem->key);
#if PACTUM_FUZZ_PENDING_LAWS
      for (Lang lang : {Lang::en, Lang::zh_CN}) {
        const std::string message = render_message(r.problem->key, lang, r.problem->args);
        PACTUM_FUZZ_CHECK(is_valid_utf8(message), message);
        PACTUM_FUZZ_CHECK(message.find("json.exception") == std::string::npos, message);
      }
#endif
      continue;
    }
    for (const io::Field& f : r.fields) {
      PACTUM_FUZZ_CHECK(is_valid_utf8(f.name) && is_valid_utf8(f.value), f.name + "=" + f.value);
    }
  }
}

// Reads `text` whole and in chunks of 1..7 bytes: both readings refuse, or
// give the same records. Returns the whole reading.
inline std::optional<ReadResult> read_both_ways(const ReaderFactory& make, std::string_view text) {
  std::optional<ReadResult> whole = read_all(make, io::text_source(std::string(text)));
  const std::size_t chunk = 1 + text.size() % 7;
  const std::optional<ReadResult> chunked = read_all(make, std::make_unique<ChunkedSource>(std::string(text), chunk));
  PACTUM_FUZZ_CHECK(whole.has_value() == chunked.has_value(), "chunked reading refuses alike");
  if (!whole) return whole;
  PACTUM_FUZZ_CHECK(whole->columns == chunked->columns, "chunked reading: same columns");
  PACTUM_FUZZ_CHECK(whole->records.size() == chunked->records.size(), "chunked reading: same records");
  for (std::size_t i = 0; i < whole->records.size(); ++i) {
    const io::Record& a = whole->records[i];
    const io::Record& b = chunked->records[i];
    PACTUM_FUZZ_CHECK(a.line == b.line && same_fields(a, b), "chunked reading: same record");
    PACTUM_FUZZ_CHECK(a.problem.has_value() == b.problem.has_value(), "chunked reading: same problem");
    if (a.problem) PACTUM_FUZZ_CHECK(a.problem->key == b.problem->key, a.problem->key + " " + b.problem->key);
  }
  check_records(*whole);
  return whole;
}

// The records without a problem.
inline std::vector<io::Record> good_records(const ReadResult& read) {
  std::vector<io::Record> out;
  for (const io::Record& r : read.records) {
    if (!r.problem) out.push_back(r);
  }
  return out;
}

}  // namespace pactum::fuzz
