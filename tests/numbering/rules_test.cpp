// The rules of numbering over values, without a database
// (pactum/numbering/rules.hpp): rule ids, owners, modes, void reasons, the
// largest sequence, and voiding.
#include <gtest/gtest.h>

#include <string>

#include "pactum/core/error.hpp"
#include "support/refusal.hpp"
#include "pactum/numbering/rules.hpp"

using namespace pactum;
using pactum::test::key_of;

TEST(NumberingRules, TextsAreBounded) {
  EXPECT_EQ(key_of([] { validate_rule_id(""); }), "numbering.bad_rule_id");
  EXPECT_EQ(key_of([] { validate_rule_id(std::string(65, 'x')); }), "numbering.bad_rule_id");
  EXPECT_EQ(key_of([] { validate_rule_id("a\tb"); }), "numbering.bad_rule_id");
  EXPECT_EQ(key_of([] { validate_rule_id("\xff"); }), "core.bad_utf8");
  EXPECT_NO_THROW(validate_rule_id(std::string(64, 'x')));
  EXPECT_NO_THROW(validate_rule_id("合同编号"));
  EXPECT_NO_THROW(validate_owner(std::nullopt));
  EXPECT_EQ(key_of([] { validate_owner(std::string()); }), "numbering.bad_owner");
  EXPECT_EQ(key_of([] { validate_owner(std::string(257, 'o')); }), "numbering.bad_owner");
  EXPECT_NO_THROW(validate_owner(std::string(256, 'o')));
  EXPECT_EQ(key_of([] { validate_mode(static_cast<NumberingMode>(9)); }), "numbering.bad_mode");
  EXPECT_NO_THROW(validate_mode(NumberingMode::fast));
  EXPECT_EQ(key_of([] { validate_void_reason(""); }), "numbering.bad_void_reason");
  EXPECT_EQ(key_of([] { validate_void_reason(std::string(1001, 'r')); }), "numbering.bad_void_reason");
  EXPECT_NO_THROW(validate_void_reason("作废:客户取消"));
}

TEST(NumberingRules, RefusalsNameWhatIsMissingOrSpent) {
  EXPECT_EQ(key_of([] { refuse_unknown_rule("XSC"); }), "numbering.unknown_rule");
  EXPECT_EQ(key_of([] { refuse_unknown_number("XSC-1"); }), "numbering.unknown_number");
  try {
    refuse_seq_overflow("XSC");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::overflow);
    EXPECT_NE(e.message(Lang::en).find(std::to_string(kMaxNumberingSeq - 1)), std::string::npos);
  }
}

TEST(NumberingRules, ANumberIsVoidedOnceAndNotBeforeItWasIssued) {
  const Date issued = Date::parse("2024-03-01");
  EXPECT_EQ(key_of([] { require_not_void("XSC-1", true); }), "numbering.already_void");
  EXPECT_NO_THROW(require_not_void("XSC-1", false));
  EXPECT_EQ(key_of([&] { check_void_date("XSC-1", issued, Date::parse("2024-02-29")); }), "numbering.void_before_issue");
  EXPECT_NO_THROW(check_void_date("XSC-1", issued, issued));
}

TEST(NumberingRules, ASearchReturnsOneToTheMaximumNumbers) {
  EXPECT_NO_THROW(check_find_limit(1));
  EXPECT_NO_THROW(check_find_limit(kMaxFindNumbers));
  EXPECT_EQ(key_of([] { check_find_limit(0); }), "numbering.bad_limit");
  EXPECT_EQ(key_of([] { check_find_limit(kMaxFindNumbers + 1); }), "numbering.bad_limit");
}
