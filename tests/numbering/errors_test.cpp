// Acceptance 8 at the C++ level: every compile and field error, through the
// Database, has its code and its message in English and Chinese, and leaves
// the database file exactly as it was. The C test (tests/capi/numbering_test.c)
// and the Python test (tests/python/test_numbering.py) hold the same table.
#include <gtest/gtest.h>

#include <cctype>

#include "numbering/db_support.hpp"

using namespace pactum;
using pactum::test::error_of;

namespace {

struct BadInput {
  const char* name;
  std::string pattern;  // for compile errors; empty: a field error
  const char* rule;     // for field errors: "sales" or "checked"
  NumberFields fields;
  Errc code;
  const char* key;
  const char* en;  // the English message contains this
  const char* zh;  // the Chinese message contains this
};

const NumberFields kGood{{"type", "XSC"}, {"dept", "SD"}};

std::vector<BadInput> bad_inputs() {
  return {
      // Compile errors: define_numbering.
      {"unknown token", "{type}-{bogus-token}-{seq:3}", nullptr, {}, Errc::pattern, "numbering.pattern_unknown_token",
       "'{bogus-token}' at character 8", "第 8 个字符"},
      {"unbalanced brace", "{type-{seq:3}", nullptr, {}, Errc::pattern, "numbering.pattern_unbalanced",
       "character 1", "第 1 个字符"},
      {"closing brace alone", "XSC}-{seq:3}", nullptr, {}, Errc::pattern, "numbering.pattern_unbalanced",
       "'}' at character 4", "第 4 个字符"},
      {"no seq", "{type}-{year}", nullptr, {}, Errc::pattern, "numbering.pattern_no_seq", "{seq:3}", "缺少序号"},
      {"two seq", "{seq:3}-{seq:4}", nullptr, {}, Errc::pattern, "numbering.pattern_two_seq", "character 9",
       "第 9 个字符"},
      {"width zero", "A-{seq:0}", nullptr, {}, Errc::pattern, "numbering.pattern_bad_width", "1..18", "1..18"},
      {"width 19", "A-{seq:19}", nullptr, {}, Errc::pattern, "numbering.pattern_bad_width", "character 3",
       "第 3 个字符"},
      {"touching fields", "{type}{dept}-{seq}", nullptr, {}, Errc::pattern, "numbering.pattern_touching",
       "{type} and {dept} touch at character 7", "第 7 个字符"},
      {"touching seq", "{type}-{seq:3}{dept}", nullptr, {}, Errc::pattern, "numbering.pattern_touching",
       "character 15", "第 15 个字符"},
      {"two check", "{seq:3}{check}{check}", nullptr, {}, Errc::pattern, "numbering.pattern_two_check",
       "character 15", "第 15 个字符"},
      {"ambiguous text", "{seq:3}7{type}", nullptr, {}, Errc::pattern, "numbering.pattern_ambiguous_text",
       "character 8", "第 8 个字符"},
      {"control character", "A\tB-{seq}", nullptr, {}, Errc::pattern, "numbering.pattern_control", "character 2",
       "第 2 个字符"},
      {"too long", std::string(300, 'A') + "{seq}", nullptr, {}, Errc::pattern, "numbering.pattern_too_long", "256",
       "256"},
      {"invalid UTF-8 pattern", "A\xC3-{seq}", nullptr, {}, Errc::invalid_argument, "core.bad_utf8", "UTF-8",
       "UTF-8"},
      // Field errors: issue_number and preview_number.
      {"missing field", "", "sales", {{"type", "XSC"}}, Errc::invalid_argument, "numbering.missing_field",
       "'dept' is missing", "缺少字段“dept”"},
      {"unknown field", "", "sales", {{"type", "XSC"}, {"dept", "SD"}, {"region", "N"}}, Errc::invalid_argument,
       "numbering.unknown_field", "'region'", "“region”"},
      {"empty value", "", "sales", {{"type", "XSC"}, {"dept", ""}}, Errc::invalid_argument, "numbering.empty_field",
       "'dept' is empty", "为空"},
      {"control character", "", "sales", {{"type", "XSC"}, {"dept", "S\x01"}}, Errc::invalid_argument,
       "numbering.field_control", "control character", "控制字符"},
      {"invalid UTF-8 value", "", "sales", {{"type", "XSC"}, {"dept", "S\xE9\x94"}}, Errc::invalid_argument,
       "numbering.field_utf8", "'dept' is not valid UTF-8", "UTF-8"},
      {"invalid UTF-8 name", "", "sales", {{"type", "XSC"}, {"dept", "SD"}, {"\xC0\xAF", "x"}},
       Errc::invalid_argument, "numbering.bad_field_name", "field name", "字段名"},
      {"separator in value", "", "sales", {{"type", "XSC"}, {"dept", "S-D"}}, Errc::invalid_argument,
       "numbering.field_separator", "contains '-'", "分隔符“-”"},
      {"value too long", "", "sales", {{"type", "XSC"}, {"dept", std::string(129, 'D')}}, Errc::invalid_argument,
       "numbering.field_too_long", "longer than 128", "128"},
      {"lower case with check", "", "checked", {{"type", "xsc"}}, Errc::invalid_argument,
       "numbering.field_not_check_safe", "has 'x'", "A-Z"},
      {"non-ASCII with check", "", "checked", {{"type", "销售"}}, Errc::invalid_argument,
       "numbering.field_not_check_safe", "has '销'", "“销”"},
  };
}

class NumberingErrorTableTest : public ::testing::TestWithParam<BadInput> {
 protected:
  test::TempDir dir;
  std::string path = dir.file("errors.db");
  Database db{path, test::fast_options()};

  void SetUp() override {
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}");
    db.define_numbering("checked", "{type}-{seq:4}{check}");
    db.issue_number("sales", Date::parse("2024-03-01"), kGood);
    db.issue_number("checked", Date::parse("2024-03-01"), {{"type", "XSC"}});
  }

  void expect_error(const Error& e, const BadInput& c) {
    EXPECT_EQ(e.code(), c.code) << c.name;
    EXPECT_EQ(e.key(), c.key) << c.name;
    EXPECT_NE(e.message(Lang::en).find(c.en), std::string::npos) << c.name << ": " << e.message(Lang::en);
    EXPECT_NE(e.message(Lang::zh_CN).find(c.zh), std::string::npos) << c.name << ": " << e.message(Lang::zh_CN);
  }
};

}  // namespace

TEST_P(NumberingErrorTableTest, HasCodeAndMessagesAndChangesNothing) {
  const BadInput& c = GetParam();
  const std::string before = test::dump(path);
  const Date on = Date::parse("2024-03-01");
  if (!c.pattern.empty()) {
    expect_error(error_of([&] { db.define_numbering("sales", c.pattern); }), c);
    expect_error(error_of([&] { db.define_numbering("new_rule", c.pattern); }), c);
    expect_error(error_of([&] { NumberingPattern::compile(c.pattern); }), c);
  } else {
    expect_error(error_of([&] { db.issue_number(c.rule, on, c.fields, std::string("owner-1")); }), c);
    expect_error(error_of([&] { db.preview_number(c.rule, on, c.fields); }), c);
    {
      auto tx = db.transaction();  // inside the caller's transaction too
      expect_error(error_of([&] { db.issue_number(c.rule, on, c.fields); }), c);
      tx.commit();
    }
  }
  // The handle's language picks the message of what().
  db.set_lang(Lang::zh_CN);
  const Error zh = error_of([&] {
    if (!c.pattern.empty()) {
      db.define_numbering("sales", c.pattern);
    } else {
      db.issue_number(c.rule, on, c.fields);
    }
  });
  EXPECT_NE(std::string(zh.what()).find(c.zh), std::string::npos) << zh.what();
  EXPECT_EQ(test::dump(path), before) << c.name;
  // And the engine carries on where it was.
  db.set_lang(Lang::en);
  EXPECT_EQ(db.issue_number("sales", on, kGood), "XSC-2024-SD-002");
}

INSTANTIATE_TEST_SUITE_P(Table, NumberingErrorTableTest, ::testing::ValuesIn(bad_inputs()),
                         [](const ::testing::TestParamInfo<BadInput>& param_info) {
                           std::string name;
                           for (char ch : std::string(param_info.param.name)) {
                             name += (std::isalnum(static_cast<unsigned char>(ch)) != 0) ? ch : '_';
                           }
                           return name + "_" + std::to_string(param_info.index);
                         });
