// The rows of a restore (src/io/restore_rows.hpp) against the reading they
// replace: the JSON Lines reader with check_restored_members and
// restored_value. Lines written as export writes them are decoded directly;
// every line, in that shape or not, must give the same values or the same
// refusal on the same line.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "io/restore_rows.hpp"
#include "pactum/core/error.hpp"

using namespace pactum;

namespace {

using K = io::ColumnKind;

const io::ExportTableSpec& spec() {
  static const io::ExportTableSpec s{"t",
                                     {{"seq", K::integer},
                                      {"type", K::event_type},
                                      {"effective", K::date},
                                      {"amount", K::money},
                                      {"flag", K::boolean},
                                      {"note", K::text}}};
  return s;
}

// One row read: its line and its values, or the refusal (key, code, args).
struct Outcome {
  std::int64_t line = 0;
  std::vector<io::RestoredValue> values;
  std::string refusal;

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

std::string refusal_of(const Error& e) {
  std::string out = e.key() + " #" + std::to_string(static_cast<int>(e.code()));
  for (const auto& [name, value] : e.args()) out += " " + name + "=" + value;
  return out;
}

std::string shown(const std::vector<Outcome>& rows) {
  std::string out;
  for (const Outcome& o : rows) {
    out += "line " + std::to_string(o.line) + ": ";
    for (const io::RestoredValue& v : o.values) {
      if (const auto* n = std::get_if<std::int64_t>(&v)) out += std::to_string(*n) + " ";
      if (const auto* t = std::get_if<std::string>(&v)) out += "'" + *t + "' ";
      if (std::holds_alternative<std::monostate>(v)) out += "null ";
    }
    out += o.refusal + "\n";
  }
  return out;
}

// The reading a restore did before RestoredRows.
std::vector<Outcome> by_reader(const std::string& text, std::size_t max) {
  auto reader = io::jsonl_reader(io::text_source(text), Lang::en, max);
  std::vector<Outcome> out;
  io::Record record;
  while (reader->next(record)) {
    Outcome o;
    o.line = record.line;
    try {
      io::check_restored_members(record, spec());
      for (const io::ExportColumn& c : spec().columns) {
        const io::Field* f = record.find(c.name);
        o.values.push_back(f != nullptr ? io::restored_value(c, *f) : io::RestoredValue{});
      }
    } catch (const Error& e) {
      o.values.clear();
      o.refusal = refusal_of(e);
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Outcome> by_rows(const std::string& text, std::size_t max) {
  io::RestoredRows rows(io::text_source(text), spec(), max);
  std::vector<Outcome> out;
  while (rows.next()) {
    Outcome o;
    o.line = rows.line();
    try {
      o.values = rows.values();
    } catch (const Error& e) {
      o.refusal = refusal_of(e);
    }
    out.push_back(std::move(o));
  }
  return out;
}

void expect_same(const std::string& text, std::size_t max = io::kMaxRestoredRow) {
  const auto expected = by_reader(text, max);
  const auto got = by_rows(text, max);
  EXPECT_EQ(got, expected) << "text: " << text.substr(0, 200) << "\nreader:\n"
                           << shown(expected) << "rows:\n"
                           << shown(got);
}

const char* const kLines[] = {
    // As export writes them.
    R"({"seq":1,"type":"created","effective":"2024-01-01","amount":"12.50","flag":true,"note":"a"})",
    R"({"seq":-42,"type":"payment_received","effective":"","amount":"-0.0001","flag":false,"note":null})",
    R"({"seq":null,"type":null,"effective":null,"amount":null,"flag":null,"note":null})",
    R"({})",
    R"({"note":"含 \"引号\", 逗号与\\反斜杠\n\t\r\b\f\/"})",
    R"({"note":"\u4e2d\u6587 \ud83d\ude00 \u0000 \u001f"})",
    "{\"note\":\"中文 😀\"}",
    // Long runs, read a word at a time, with what ends a run at every offset.
    R"({"note":"abcdefghijklmnop\"qrstuvwxyz0123456789\\ABCDEFGH\u0001IJKLMNOPQRSTUVWXYZ abcdefg"})",
    "{\"note\":\"abcdefghi中文jklmnopqrstuvwx😀yz0123456789 abcdefgh\"}",
    // Other shapes the reader takes.
    R"({ "seq": 1, "note": "spaced" })",
    R"({"note":"reordered","seq":7})",
    R"({"seq":123456789012345678})",
    R"({"seq":1234567890123456789})",
    R"({"seq":9223372036854775807})",
    R"({"seq":9223372036854775808})",
    R"({"seq":-9223372036854775808})",
    R"({"seq":-9223372036854775809})",
    R"({"seq":99999999999999999999})",
    R"({"seq":-0})",
    R"({"seq":0})",
    R"({"seq":1.0})",
    R"({"seq":1e3})",
    R"({"seq":"1"})",
    R"({"note":1})",
    R"({"note":true})",
    R"({"note":[1,2]})",
    R"({"note":{"a":1}})",
    R"({"flag":"true"})",
    R"({"flag":1})",
    R"({"amount":12.5})",
    R"({"amount":"12.505"})",
    R"({"effective":"2024-02-30"})",
    R"({"type":"made"})",
    // Refused by the reader.
    R"({"seq":1,"seq":2})",
    R"({"seq":null,"seq":2})",
    R"({"other":1})",
    R"({"se\u0071":1})",
    R"({"seq":01})",
    R"({"note":"\ud800"})",
    R"({"note":"\udc00x"})",
    R"({"note":"\x"})",
    R"({"note":"unterminated)",
    R"({"seq":1,})",
    R"({"seq":1}x)",
    R"({"seq":1} )",
    R"({"seq":1)",
    R"([1])",
    R"("text")",
    "{\"note\":\"tab\there\"}",
    "{\"note\":\"bad \xC3\x28 utf-8\"}",
    "{\"n\xC3\x28te\":1}",
    "\xEF\xBB\xBF{\"seq\":5}",
    "\r",
    "  \t",
};

}  // namespace

TEST(RestoredRowsRule, EveryLineGivesTheReadersValuesOrItsRefusal) {
  for (const char* line : kLines) {
    const std::string l(line);
    expect_same(l);                             // the first line, no ending
    expect_same(l + "\n");                      // the first line
    expect_same("\n" + l + "\r\n");             // a later line, CRLF
    expect_same("  \n" + l + "\n" + l + "\n");  // twice after a blank line
  }
}

TEST(RestoredRowsRule, EveryByteThatEndsAPlainRunIsFoundAtEveryOffset) {
  // A quote, a backslash, a control character, a byte of a multi-byte
  // sequence and an invalid byte, at each offset of a 40-byte ASCII run.
  for (const std::string special : {"\\\"", "\"", "\\\\", "\\n", "\t", "\x7F", "é", "\xC3", "\xFF"}) {
    for (std::size_t at = 0; at <= 40; ++at) {
      std::string note(40, 'a');
      note.insert(at, special);
      expect_same("{\"note\":\"" + note + "\"}\n");
    }
  }
}

TEST(RestoredRowsRule, AByteOrderMarkIsDroppedOnTheFirstLineOnly) {
  expect_same("\xEF\xBB\xBF{\"seq\":1}\n\xEF\xBB\xBF{\"seq\":2}\n");
  const auto rows = by_rows("\xEF\xBB\xBF{\"seq\":1}\n", io::kMaxRestoredRow);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].refusal, "");
}

TEST(RestoredRowsRule, LinesLongerThanTheBufferAndTheLimitKeepTheirLineNumbers) {
  const std::string big(3 << 20, 'x');  // longer than the 1 MiB read buffer
  const std::string text = "{\"seq\":1}\n{\"note\":\"" + big + "\"}\n{\"seq\":3}\r\n{\"note\":\"" + big + "\"}";
  expect_same(text);
  const auto rows = by_rows(text, io::kMaxRestoredRow);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(std::get<std::string>(rows[1].values[5]).size(), big.size());
  EXPECT_EQ(rows[3].line, 4);
  // With a limit below the long lines they are refused as malformed, and
  // the lines after them are read on.
  expect_same(text, std::size_t{2} << 20);
  const auto limited = by_rows(text, std::size_t{2} << 20);
  ASSERT_EQ(limited.size(), 4u);
  EXPECT_NE(limited[1].refusal, "");
  EXPECT_EQ(limited[2].refusal, "");
  EXPECT_EQ(limited[2].line, 3);
  expect_same(text, 12);
}
