// The CSV and text writers: quoting, spreadsheet formulas, alignment by
// display width (CJK characters count two columns).
#include <gtest/gtest.h>

#include "pactum/report/table.hpp"

using namespace pactum;

namespace {

ReportTable sample() {
  ReportTable t;
  t.name = "sample";
  t.title = "Sample";
  t.columns = {"name", "amount"};
  t.headings = {"name", "amount"};
  t.numeric = {false, true};
  t.rows = {{"张三", "1500000.00"}, {"O'Brien, \"Jr\"", "-3.00"}, {"=HYPERLINK(\"x\")", "12"}, {"a\nb", ""}};
  t.notes = {"a note"};
  return t;
}

TEST(ReportTableTest, CsvQuotesAndDefusesFormulas) {
  EXPECT_EQ(to_csv(sample()),
            "name,amount\r\n"
            "张三,1500000.00\r\n"
            "\"O'Brien, \"\"Jr\"\"\",-3.00\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",12\r\n"
            "\"a\nb\",\r\n");
}

TEST(ReportTableTest, TextAlignsByDisplayWidth) {
  ReportTable t = sample();
  t.rows = {{"张三", "1500000.00"}, {"Li", "3.00"}};
  EXPECT_EQ(to_text({t}),
            "Sample\n"
            "name      amount\n"
            "----  ----------\n"
            "张三  1500000.00\n"
            "Li          3.00\n"
            "a note\n");
}

TEST(ReportTableTest, DisplayWidth) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("销售部"), 6u);
  EXPECT_EQ(display_width("（）"), 4u);
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + combining acute accent
  EXPECT_EQ(display_width(""), 0u);
}

}  // namespace
