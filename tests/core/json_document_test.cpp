// The one JSON reading policy (src/core/json_document.hpp): duplicates,
// numbers beyond the double range, depth and malformed text are
// ValidationErrors made of positions, never of the parser's own text.
#include <gtest/gtest.h>

#include "core/json_document.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

using namespace pactum;

namespace {

Error refusal(std::string_view text) {
  try {
    json_document::parse(text, "document");
  } catch (const ValidationError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << text;
  return Error(Errc::ok, "none");
}

}  // namespace

TEST(JsonDocumentTest, ADuplicateMemberAnywhereIsRefusedWithItsPointer) {
  const Error top = refusal(R"({"amount": "1.00", "amount": "2.00"})");
  EXPECT_EQ(top.key(), "core.json_duplicate");
  EXPECT_NE(std::string(top.what()).find("\"amount\" appears twice (/amount)"), std::string::npos) << top.what();
  const Error deep = refusal(R"({"rules": [{"id": "a"}, {"when": {"a~b": 1, "a~b": 2}}]})");
  EXPECT_NE(std::string(deep.what()).find("/rules/1/when/a~0b"), std::string::npos) << deep.what();
  EXPECT_NO_THROW(json_document::parse(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]})", "document"));
}

TEST(JsonDocumentTest, ANumberBeyondTheDoubleRangeIsAValidationError) {
  const Error e = refusal("{\n  \"weight\": 1e999}");
  EXPECT_EQ(e.key(), "core.json_number_range");
  EXPECT_EQ(std::string(e.what()), "document: the number at line 2, column 13 is beyond the representable range");
  EXPECT_EQ(refusal("[-1e400]").key(), "core.json_number_range");
  EXPECT_NO_THROW(json_document::parse("[1e308, 18446744073709551616]", "document"));
}

TEST(JsonDocumentTest, MalformedTextIsNamedByItsPositionNeverByTheParsersText) {
  const Error e = refusal("{\"名称\": \"合同\" 1}");
  EXPECT_EQ(e.key(), "core.json_malformed");
  EXPECT_EQ(std::string(e.what()), "document: malformed JSON at line 1, column 13");
  EXPECT_EQ(e.message(Lang::zh_CN), "document:第 1 行第 13 列处 JSON 格式错误");
  for (const char* text : {"", "{", "[1,]", "\"\\x\"", "{\"a\":\"\x01\"}", "nul"}) {
    const Error bad = refusal(text);
    EXPECT_EQ(std::string(bad.what()).find("json.exception"), std::string::npos) << text;
    EXPECT_TRUE(is_valid_utf8(bad.what()));
  }
  EXPECT_EQ(refusal("{\"a\": \"\xE5\x90\"}").key(), "core.bad_utf8");
}

TEST(JsonDocumentTest, NestingIsBounded) {
  EXPECT_EQ(refusal(std::string(100000, '[')).key(), "core.json_too_deep");
  const std::string deep = std::string(json_document::kMaxJsonDepth, '[') + std::string(json_document::kMaxJsonDepth, ']');
  EXPECT_NO_THROW(json_document::parse(deep, "document"));
}

TEST(JsonDocumentTest, MessagesAreValidUtf8WhateverTheirArgumentsHold) {
  const Error e(Errc::invalid_argument, "kpi.bad_period", {{"period", "2024-\xFF\xFE"}});
  EXPECT_TRUE(is_valid_utf8(e.what()));
  EXPECT_NE(std::string(e.what()).find("2024-\xEF\xBF\xBD\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(utf8_prefix("合同", 4), "合");
  EXPECT_EQ(to_valid_utf8("ok"), "ok");
}
