// The record readers of bulk import: strict RFC 4180 CSV and JSON Lines, on
// hostile input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/records.hpp"

using namespace pactum;
using namespace pactum::io;

namespace {

struct Row {
  std::int64_t line;
  std::vector<std::string> values;
  std::string problem;  // the problem's key, or empty
  std::string column;   // the problem's column
};

std::vector<Row> read_all(RecordReader& reader) {
  std::vector<Row> out;
  Record r;
  while (reader.next(r)) {
    Row row{r.line, {}, r.problem ? r.problem->key : "", r.problem ? r.problem->column : ""};
    if (!r.problem) {
      for (const Field& f : r.fields) row.values.push_back(f.value);
    }
    out.push_back(row);
  }
  return out;
}

std::vector<Row> csv(std::string text, std::size_t max = kMaxRecordBytes) {
  auto reader = csv_reader(text_source(std::move(text)), Lang::en, max);
  return read_all(*reader);
}

std::vector<Row> jsonl(std::string text, std::size_t max = kMaxRecordBytes) {
  auto reader = jsonl_reader(text_source(std::move(text)), Lang::en, max);
  return read_all(*reader);
}

using Values = std::vector<std::string>;

}  // namespace

TEST(CsvReaderTest, ReadsTheHeaderAndNamesEveryField) {
  auto reader = csv_reader(text_source("contract,amount\nHT-1,100.00\n"));
  EXPECT_EQ(reader->columns(), (Values{"contract", "amount"}));
  EXPECT_EQ(reader->header_line(), 1);
  Record r;
  ASSERT_TRUE(reader->next(r));
  EXPECT_EQ(r.line, 2);
  ASSERT_NE(r.find("amount"), nullptr);
  EXPECT_EQ(r.find("amount")->value, "100.00");
  EXPECT_EQ(r.find("contract")->value, "HT-1");
  EXPECT_EQ(r.find("ref"), nullptr);
  EXPECT_FALSE(reader->next(r));
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto rows = csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].values, (Values{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(rows[0].line, 2);
  // The record after a two-line record starts on line 4.
  EXPECT_EQ(rows[1].values, (Values{"plain", "", ""}));
  EXPECT_EQ(rows[1].line, 4);
}

TEST(CsvReaderTest, ALineNumberIsThatOfThePhysicalLineWhereTheRecordStarts) {
  const auto rows = csv("a,b\n\"1\n2\n3\",x\n\n\nlast,y");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].values, (Values{"1\n2\n3", "x"}));
  EXPECT_EQ(rows[1].line, 7);  // after the three lines of the first record and two empty lines
  EXPECT_EQ(rows[1].values, (Values{"last", "y"}));  // no final line break
}

TEST(CsvReaderTest, AByteOrderMarkAndCrlfLineEndingsAreAccepted) {
  auto reader = csv_reader(text_source("\xEF\xBB\xBF" "contract,amount\r\nHT-1,1.00\r\n\r\nHT-2,\"2\r\n.00\"\r\n"));
  EXPECT_EQ(reader->columns(), (Values{"contract", "amount"}));
  const auto rows = read_all(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].values, (Values{"HT-1", "1.00"}));
  EXPECT_EQ(rows[1].line, 4);
  // Inside quotes a CRLF is data.
  EXPECT_EQ(rows[1].values, (Values{"HT-2", "2\r\n.00"}));
}

TEST(CsvReaderTest, EmptyLinesAreSkippedAnywhere) {
  const auto rows = csv("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 5);
  EXPECT_EQ(rows[1].line, 8);
  auto reader = csv_reader(text_source("\n\na,b\n1,2\n"));
  EXPECT_EQ(reader->header_line(), 3);
}

TEST(CsvReaderTest, NothingIsTrimmed) {
  const auto rows = csv("a,b\n 1 ,\t2\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].values, (Values{" 1 ", "\t2"}));
}

TEST(CsvReaderTest, AWrongColumnCountIsAProblemOfThatRecordOnly) {
  const auto rows = csv("a,b\n1,2\n1,2,3\n1\n4,5\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].problem, "");
  EXPECT_EQ(rows[1].problem, "io.csv_column_count");
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[2].problem, "io.csv_column_count");
  EXPECT_EQ(rows[3].values, (Values{"4", "5"}));
}

TEST(CsvReaderTest, InvalidUtf8IsAProblemNamingTheColumn) {
  const auto rows = csv("a,b\nok,\xC3\x28\nok,\xED\xA0\x80\nok,\xE4\xB8\xAD\xE6\x96\x87\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].problem, "io.invalid_utf8");
  EXPECT_EQ(rows[0].column, "b");
  EXPECT_EQ(rows[1].problem, "io.invalid_utf8");  // an encoded surrogate
  EXPECT_EQ(rows[2].values, (Values{"ok", "中文"}));
}

TEST(CsvReaderTest, ARecordLongerThanTheLimitIsAProblemAndReadingGoesOn) {
  const std::string big(100, 'x');
  const auto rows = csv("a,b\n" + big + ",1\nshort,2\n\"" + big + "\n" + big + "\",3\nend,4\n", 64);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].problem, "io.record_too_long");
  EXPECT_EQ(rows[1].values, (Values{"short", "2"}));
  EXPECT_EQ(rows[2].problem, "io.record_too_long");
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(rows[3].line, 6);  // line counting goes on through the long quoted record
  EXPECT_EQ(rows[3].values, (Values{"end", "4"}));
}

TEST(CsvReaderTest, TheDocumentedLimitIsOneMebibyte) {
  EXPECT_EQ(kMaxRecordBytes, 1048576u);
  const std::string fits(kMaxRecordBytes - 2, 'x');  // plus ",1"
  const std::string too_big(kMaxRecordBytes, 'x');
  const auto rows = csv("a,b\n" + fits + ",1\n" + too_big + ",1\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].problem, "");
  EXPECT_EQ(rows[0].values[0].size(), fits.size());
  EXPECT_EQ(rows[1].problem, "io.record_too_long");
}

TEST(CsvReaderTest, MalformedQuotingIsAProblemOfTheRecord) {
  const auto rows = csv("a,b\nfive\" screen,1\n\"closed\"x,2\nfine,3\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].problem, "io.csv_stray_quote");
  EXPECT_EQ(rows[0].column, "a");
  EXPECT_EQ(rows[1].problem, "io.csv_after_quote");
  EXPECT_EQ(rows[2].values, (Values{"fine", "3"}));
}

TEST(CsvReaderTest, AnUnterminatedQuoteNamesTheLineWhereItOpened) {
  const auto rows = csv("a,b\n1,2\n3,\"open\nand on\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].problem, "io.csv_unterminated");
  EXPECT_EQ(rows[1].line, 3);
}

TEST(CsvReaderTest, ABareCarriageReturnIsAProblem) {
  const auto rows = csv("a,b\n1,2\r3,4\n5,6\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].problem, "io.csv_bare_cr");
  EXPECT_EQ(rows[1].values, (Values{"5", "6"}));
}

TEST(CsvReaderTest, HeaderProblemsRefuseTheFile) {
  auto refused = [](const std::string& text, const char* key) {
    try {
      csv_reader(text_source(text));
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.key(), key) << text;
      return std::string(e.what());
    }
    return std::string();
  };
  refused("", "io.csv_no_header");
  refused("\n\r\n", "io.csv_no_header");
  EXPECT_NE(refused("a,b,a\n1,2,3\n", "io.csv_bad_header").find("'a' appears twice"), std::string::npos);
  EXPECT_NE(refused("a,,b\n", "io.csv_bad_header").find("column 2"), std::string::npos);
  refused("a,\xFF\n", "io.csv_bad_header");
  refused("a,\"b\n", "io.csv_bad_header");
  // Rendered in the reader's language.
  try {
    csv_reader(text_source("a,a\n"), Lang::zh_CN);
    ADD_FAILURE();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("表头"), std::string::npos) << e.what();
  }
}

TEST(JsonlReaderTest, ReadsOneObjectPerLineWithTypes) {
  auto reader = jsonl_reader(text_source(
      "{\"contract\":\"HT-1\",\"amount\":\"1.00\",\"ok\":true,\"n\":5,\"list\":[1,2],\"none\":null}\n"));
  Record r;
  ASSERT_TRUE(reader->next(r));
  EXPECT_EQ(r.line, 1);
  ASSERT_FALSE(r.problem);
  EXPECT_EQ(r.find("contract")->kind, ValueKind::text);
  EXPECT_EQ(r.find("amount")->value, "1.00");
  EXPECT_EQ(r.find("ok")->kind, ValueKind::boolean);
  EXPECT_EQ(r.find("ok")->value, "true");
  EXPECT_EQ(r.find("n")->kind, ValueKind::number);
  EXPECT_EQ(r.find("n")->value, "5");
  EXPECT_EQ(r.find("list")->kind, ValueKind::json);
  EXPECT_EQ(r.find("list")->value, "[1,2]");
  EXPECT_EQ(r.find("none"), nullptr);  // null is absent
  EXPECT_FALSE(reader->next(r));
}

TEST(JsonlReaderTest, BlankLinesAreSkippedAndLinesCounted) {
  const auto rows = jsonl("\xEF\xBB\xBF{\"a\":\"1\"}\r\n\n   \r\n{\"a\":\"2\"}\n\t\n{\"a\":\"3\"}");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[2].line, 6);
  EXPECT_EQ(rows[2].values, (Values{"3"}));
}

TEST(JsonlReaderTest, BadLinesAreProblemsOfTheirRecord) {
  const auto rows = jsonl(
      "{\"a\":\"1\"\n"              // unterminated
      "[1,2]\n"                     // not an object
      "{\"a\":\"1\",\"a\":\"2\"}\n"  // duplicate key
      "{\"a\":\"\xC3\x28\"}\n"      // invalid UTF-8
      "{\"a\":\"1\"} trailing\n"
      "{\"a\":{\"a\":1,\"b\":2}}\n");  // nested keys are not duplicates
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].problem, "core.json_malformed");
  EXPECT_EQ(rows[1].problem, "io.jsonl_not_object");
  EXPECT_EQ(rows[2].problem, "core.json_duplicate");
  EXPECT_EQ(rows[2].column, "a");
  EXPECT_EQ(rows[3].problem, "io.invalid_utf8");
  EXPECT_EQ(rows[4].problem, "core.json_malformed");
  EXPECT_EQ(rows[5].problem, "");
}

TEST(JsonlReaderTest, ALineLongerThanTheLimitIsAProblem) {
  const std::string big = "{\"a\":\"" + std::string(200, 'x') + "\"}";
  const auto rows = jsonl(big + "\n{\"a\":\"1\"}\n" + big + "\r\n", 64);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].problem, "io.record_too_long");
  EXPECT_EQ(rows[1].values, (Values{"1"}));
  EXPECT_EQ(rows[2].problem, "io.record_too_long");
  EXPECT_EQ(rows[2].line, 3);
}
