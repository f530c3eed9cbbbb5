// Fuzz target: the JSON Lines reader of bulk import (docs/import.md).
//
// Laws (besides those of records_fuzz.hpp): writing the good records again,
// one JSON object per line with each value in its kind (text as a string,
// booleans, numbers and nested values as read), and reading that gives the
// same records.
#include <nlohmann/json.hpp>

#include "fuzz/records_fuzz.hpp"

using namespace pactum;

namespace {

std::unique_ptr<io::RecordReader> jsonl(std::unique_ptr<io::ByteSource> source) {
  return io::jsonl_reader(std::move(source), Lang::en, fuzz::kRecordLimit);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::optional<fuzz::ReadResult> read = fuzz::read_both_ways(jsonl, fuzz::as_text(data, size));
  PACTUM_FUZZ_CHECK(read.has_value(), "nothing in a JSON Lines input is fatal");
  PACTUM_FUZZ_CHECK(read->columns.empty(), "JSON Lines has no header");
  const std::vector<io::Record> good = fuzz::good_records(*read);
  std::string again;
  for (const io::Record& r : good) {
    again += '{';
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      const io::Field& f = r.fields[i];
      PACTUM_FUZZ_CHECK(f.kind != io::ValueKind::boolean || f.value == "true" || f.value == "false", f.value);
      if (i > 0) again += ',';
      again += nlohmann::json(f.name).dump();
      again += ':';
      again += f.kind == io::ValueKind::text ? nlohmann::json(f.value).dump() : f.value;
    }
    again += "}\n";
  }
  const std::unique_ptr<io::RecordReader> reader = io::jsonl_reader(io::text_source(again), Lang::en, 1 << 20);
  io::Record r;
  for (const io::Record& expected : good) {
    PACTUM_FUZZ_CHECK(reader->next(r) && !r.problem && fuzz::same_fields(r, expected), again);
  }
  PACTUM_FUZZ_CHECK(!reader->next(r), again);
  return 0;
}
