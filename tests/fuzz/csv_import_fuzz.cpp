// Fuzz target: the CSV reader of bulk import (docs/import.md).
//
// Laws (besides those of records_fuzz.hpp): a good record has one field per
// column, named after it; writing the header and the good records again
// with every field quoted and reading that gives the same columns and the
// same records.
#include "fuzz/records_fuzz.hpp"

using namespace pactum;

namespace {

std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::unique_ptr<io::RecordReader> csv(std::unique_ptr<io::ByteSource> source) {
  return io::csv_reader(std::move(source), Lang::en, fuzz::kRecordLimit);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::optional<fuzz::ReadResult> read = fuzz::read_both_ways(csv, fuzz::as_text(data, size));
  if (!read) return 0;
  const std::vector<io::Record> good = fuzz::good_records(*read);
  std::string again;
  const auto line = [&](const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) again += ',';
      again += quoted(values[i]);
    }
    again += "\r\n";
  };
  line(read->columns);
  for (const io::Record& r : good) {
    PACTUM_FUZZ_CHECK(r.fields.size() == read->columns.size(), "one field per column");
    std::vector<std::string> values;
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      PACTUM_FUZZ_CHECK(r.fields[i].name == read->columns[i], r.fields[i].name);
      values.push_back(r.fields[i].value);
    }
    line(values);
  }
  const std::unique_ptr<io::RecordReader> reader = io::csv_reader(io::text_source(again), Lang::en, 1 << 20);
  PACTUM_FUZZ_CHECK(reader->columns() == read->columns, again);
  io::Record r;
  for (const io::Record& expected : good) {
    PACTUM_FUZZ_CHECK(reader->next(r) && !r.problem && fuzz::same_fields(r, expected), again);
  }
  PACTUM_FUZZ_CHECK(!reader->next(r), again);
  return 0;
}
