// Fuzz target: the numbering pattern language (docs/numbering.md).
//
// Input: a pattern, then (after a line "%%") a date, a sequence number and
// one value per named field, one per line. Laws: a pattern compiles or is
// refused with a pactum::Error; a compiled pattern compiles again from its
// text to the same fields; a number rendered from valid fields parses back
// to those fields and that sequence (its check character verified); a bound
// scope renders the same number and the same key.
#include <charconv>
#include <optional>

#include "fuzz/fuzz_support.hpp"
#include "pactum/numbering/pattern.hpp"

using namespace pactum;

namespace {

std::int64_t sequence_of(std::string_view line) {
  std::int64_t seq = 1;
  const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), seq);
  (void)end;
  return ec == std::errc() && seq >= 1 ? seq : 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Parts parts(fuzz::as_text(data, size));
  std::optional<NumberingPattern> pattern;
  if (!fuzz::accepted([&] { pattern = NumberingPattern::compile(parts[0]); })) return 0;

  const NumberingPattern again = NumberingPattern::compile(pattern->text());
  PACTUM_FUZZ_CHECK(again.field_names() == pattern->field_names(), pattern->text());
  PACTUM_FUZZ_CHECK(again.seq_width() == pattern->seq_width(), pattern->text());
  PACTUM_FUZZ_CHECK(again.has_check() == pattern->has_check(), pattern->text());

  const std::vector<std::string_view> rest = fuzz::lines(parts[1]);
  const Date on = Date::try_parse(rest.empty() ? std::string_view() : rest[0]).value_or(Date::from_ymd(2024, 3, 15));
  const std::int64_t seq = sequence_of(rest.size() > 1 ? rest[1] : std::string_view());
  NumberFields fields;
  std::size_t next = 2;
  for (const std::string& name : pattern->field_names()) {
    fields[name] = std::string(next < rest.size() ? rest[next] : std::string_view("X"));
    ++next;
  }

  std::string number;
  if (!fuzz::accepted([&] { number = pattern->render(on, fields, seq); })) return 0;
  const ParsedNumber parsed = pattern->parse(number);
  PACTUM_FUZZ_CHECK(parsed.seq == seq, number);
  for (const auto& [name, value] : fields) {
    const auto it = parsed.fields.find(name);
    PACTUM_FUZZ_CHECK(it != parsed.fields.end() && it->second == value, number);
  }

  const NumberingPattern::Scope scope = pattern->bind(on, fields);
  PACTUM_FUZZ_CHECK(scope.render(seq) == number, number);
  PACTUM_FUZZ_CHECK(scope.key() == pattern->scope_key(on, fields), number);
  return 0;
}
