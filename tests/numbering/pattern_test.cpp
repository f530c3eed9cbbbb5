// The pattern language: tokens, compile errors, field validation, scope keys,
// parse-back and the ISO 7064 MOD 37-2 check character. No database here.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "pactum/core/error.hpp"
#include "pactum/numbering/pattern.hpp"

using namespace pactum;

namespace {

Date d(const char* iso) { return Date::parse(iso); }

// The error thrown by `fn`; fails the test when nothing is thrown.
template <class Fn>
Error error_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(Errc::ok, "none");
}

// The check character by its defining property (ISO 7064 pure system,
// modulus 37, radix 2): sum of a_i * 2^(n-i+1) over the data characters plus
// the check value is 1 modulo 37. Independent of the library's loop.
char reference_check(const std::string& data) {
  std::vector<int> values;
  for (char c : data) {
    if (c >= '0' && c <= '9') values.push_back(c - '0');
    if (c >= 'A' && c <= 'Z') values.push_back(c - 'A' + 10);
  }
  long long sum = 0;
  long long weight = 2;  // weight of the last data character
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    sum = (sum + *it * weight) % 37;
    weight = weight * 2 % 37;
  }
  for (int c = 0; c < 37; ++c) {
    if ((sum + c) % 37 == 1) return "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"[c];
  }
  return '?';
}

}  // namespace

// ---- rendering ----------------------------------------------------------------

TEST(NumberingPatternTest, RendersTheArticleNumbers) {
  const auto p = NumberingPattern::compile("{type}-{year}-{dept}-{seq:3}");
  EXPECT_EQ(p.render(d("2024-03-01"), {{"type", "XSC"}, {"dept", "SD"}}, 1), "XSC-2024-SD-001");
  EXPECT_EQ(p.render(d("2024-03-01"), {{"type", "LD"}, {"dept", "HR"}}, 5), "LD-2024-HR-005");
  const auto zh = NumberingPattern::compile("HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  EXPECT_EQ(zh.render(d("2024-03-01"), {{"dept_name", "销售部"}, {"employee_name", "张三"}}, 1),
            "HT-2024-销售部-张三-001");
  EXPECT_EQ(zh.field_names(), (std::vector<std::string>{"dept_name", "employee_name"}));
}

TEST(NumberingPatternTest, RendersEveryDateToken) {
  const auto p = NumberingPattern::compile("{year}/{yy}/{month}/{day}/Q{quarter}-{seq:2}");
  EXPECT_EQ(p.render(d("2024-03-07"), {}, 4), "2024/24/03/07/Q1-04");
  EXPECT_EQ(p.render(d("2009-12-31"), {}, 4), "2009/09/12/31/Q4-04");
  EXPECT_EQ(p.render(d("1400-01-01"), {}, 4), "1400/00/01/01/Q1-04");
  EXPECT_EQ(p.render(d("2024-08-15"), {}, 4), "2024/24/08/15/Q3-04");
}

TEST(NumberingPatternTest, DateTokensAgreeWithTheCalendarOnEveryDay) {
  const auto p = NumberingPattern::compile("{year}-{month}-{day}/{seq}");
  for (std::int64_t s = d("1400-01-01").serial(); s <= d("9999-12-31").serial(); s += 1) {
    const Date day = Date::from_serial(s);
    ASSERT_EQ(p.render(day, {}, 1), day.to_string() + "/1");
  }
}

TEST(NumberingPatternTest, SequenceIsZeroPaddedAndGrowsPastItsWidth) {
  const auto p = NumberingPattern::compile("N-{seq:3}");
  EXPECT_EQ(p.render(d("2024-01-01"), {}, 7), "N-007");
  EXPECT_EQ(p.render(d("2024-01-01"), {}, 999), "N-999");
  EXPECT_EQ(p.render(d("2024-01-01"), {}, 1000), "N-1000");
  EXPECT_EQ(p.parse("N-1000").seq, 1000);
  const auto wide = NumberingPattern::compile("{seq:18}");
  EXPECT_EQ(wide.render(d("2024-01-01"), {}, 42), "000000000000000042");
  EXPECT_EQ(wide.render(d("2024-01-01"), {}, 9223372036854775807LL), "9223372036854775807");
  const auto bare = NumberingPattern::compile("A{seq}");
  EXPECT_EQ(bare.seq_width(), 1);
  EXPECT_EQ(bare.render(d("2024-01-01"), {}, 12), "A12");
  EXPECT_EQ(error_of([&] { p.render(d("2024-01-01"), {}, 0); }).key(), "numbering.bad_seq");
}

TEST(NumberingPatternTest, DoubledBracesAreLiteralBraces) {
  const auto p = NumberingPattern::compile("{{{type}}}-{seq}");
  EXPECT_EQ(p.render(d("2024-01-01"), {{"type", "X"}}, 3), "{X}-3");
  const ParsedNumber back = p.parse("{X}-3");
  EXPECT_EQ(back.fields.at("type"), "X");
  EXPECT_EQ(back.seq, 3);
}

TEST(NumberingPatternTest, FixedTokensMayTouchAnything) {
  const auto p = NumberingPattern::compile("{type}{year}-{seq:3}{check}");
  const std::string n = p.render(d("2024-05-05"), {{"type", "AB"}}, 12);
  EXPECT_EQ(n.substr(0, 10), "AB2024-012");
  EXPECT_EQ(n.size(), 11u);
  const ParsedNumber back = p.parse(n);
  EXPECT_EQ(back.fields.at("type"), "AB");
  EXPECT_EQ(back.fields.at("year"), "2024");
  EXPECT_EQ(back.seq, 12);
}

// ---- compile errors --------------------------------------------------------------

struct CompileCase {
  const char* pattern;
  const char* key;
  const char* position;  // the "character N" the message names; nullptr: none
};

class NumberingCompileErrorTest : public ::testing::TestWithParam<CompileCase> {};

TEST_P(NumberingCompileErrorTest, IsAPatternErrorNamingThePosition) {
  const CompileCase& c = GetParam();
  const Error e = error_of([&] { NumberingPattern::compile(c.pattern); });
  EXPECT_EQ(e.code(), Errc::pattern) << c.pattern;
  EXPECT_EQ(e.key(), c.key) << c.pattern;
  if (c.position != nullptr) {
    EXPECT_NE(e.message(Lang::en).find(std::string("character ") + c.position), std::string::npos) << e.message(Lang::en);
    EXPECT_NE(e.message(Lang::zh_CN).find(std::string("第 ") + c.position + " 个字符"), std::string::npos)
        << e.message(Lang::zh_CN);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NumberingCompileErrorTest,
    ::testing::Values(
        CompileCase{"{type}-{bogus-token}-{seq:3}", "numbering.pattern_unknown_token", "8"},
        CompileCase{"{}-{seq}", "numbering.pattern_unknown_token", "1"},
        CompileCase{"{year:2}-{seq}", "numbering.pattern_unknown_token", "1"},
        CompileCase{"{9lives}-{seq}", "numbering.pattern_unknown_token", "1"},
        CompileCase{"合同-{部门}-{seq}", "numbering.pattern_unknown_token", "4"},
        CompileCase{"{type-{seq:3}", "numbering.pattern_unbalanced", "1"},
        CompileCase{"{type}-{seq:3", "numbering.pattern_unbalanced", "8"},
        CompileCase{"销售}-{seq:3}", "numbering.pattern_unbalanced", "3"},
        CompileCase{"{type}-{year}", "numbering.pattern_no_seq", nullptr},
        CompileCase{"", "numbering.pattern_no_seq", nullptr},
        CompileCase{"{seq:3}-{seq:4}", "numbering.pattern_two_seq", "9"},
        CompileCase{"A-{seq:0}", "numbering.pattern_bad_width", "3"},
        CompileCase{"A-{seq:19}", "numbering.pattern_bad_width", "3"},
        CompileCase{"A-{seq:x}", "numbering.pattern_bad_width", "3"},
        CompileCase{"A-{seq:}", "numbering.pattern_bad_width", "3"},
        CompileCase{"{type}{dept}-{seq}", "numbering.pattern_touching", "7"},
        CompileCase{"{type}-{seq:3}{dept}", "numbering.pattern_touching", "15"},
        CompileCase{"{type}{year}{dept}-{seq}", "numbering.pattern_touching", "13"},
        CompileCase{"{seq:3}{check}{check}", "numbering.pattern_two_check", "15"},
        CompileCase{"{seq:3}7{type}", "numbering.pattern_ambiguous_text", "8"},
        CompileCase{"{type}{year}2-{seq}", "numbering.pattern_ambiguous_text", "13"},
        CompileCase{"{type}{check}X-{seq}", "numbering.pattern_ambiguous_text", "14"},
        CompileCase{"A\tB-{seq}", "numbering.pattern_control", "2"}));

TEST(NumberingPatternTest, TooLongAndInvalidUtf8PatternsAreRefused) {
  const Error longer = error_of([] { NumberingPattern::compile(std::string(300, 'A') + "{seq}"); });
  EXPECT_EQ(longer.code(), Errc::pattern);
  EXPECT_EQ(longer.key(), "numbering.pattern_too_long");
  const Error utf8 = error_of([] { NumberingPattern::compile("A\xC3-{seq}"); });
  EXPECT_EQ(utf8.code(), Errc::invalid_argument);
  EXPECT_EQ(utf8.key(), "core.bad_utf8");
}

TEST(NumberingPatternTest, PositionsCountCodePointsNotBytes) {
  // "销售部-" is 4 code points but 10 bytes: the token starts at character 5.
  const Error e = error_of([] { NumberingPattern::compile("销售部-{nope!}-{seq}"); });
  EXPECT_NE(e.message(Lang::en).find("character 5"), std::string::npos) << e.message(Lang::en);
}

// ---- field validation --------------------------------------------------------------

struct FieldCase {
  const char* pattern;
  NumberFields fields;
  const char* key;
  const char* mentions;  // text the English message must contain
};

class NumberingFieldErrorTest : public ::testing::TestWithParam<FieldCase> {};

TEST_P(NumberingFieldErrorTest, IsAValidationErrorWithItsOwnMessage) {
  const FieldCase& c = GetParam();
  const auto p = NumberingPattern::compile(c.pattern);
  const Error e = error_of([&] { p.render(d("2024-03-01"), c.fields, 1); });
  EXPECT_EQ(e.code(), Errc::invalid_argument);
  EXPECT_EQ(e.key(), c.key);
  EXPECT_NE(e.message(Lang::en).find(c.mentions), std::string::npos) << e.message(Lang::en);
  EXPECT_NE(e.message(Lang::zh_CN), e.message(Lang::en));
  EXPECT_EQ(error_of([&] { p.validate(c.fields); }).key(), c.key);
  EXPECT_EQ(error_of([&] { p.scope_key(d("2024-03-01"), c.fields); }).key(), c.key);
}

INSTANTIATE_TEST_SUITE_P(
    Table, NumberingFieldErrorTest,
    ::testing::Values(
        FieldCase{"{type}-{dept}-{seq}", {{"type", "X"}}, "numbering.missing_field", "'dept'"},
        FieldCase{"{type}-{seq}", {{"type", "X"}, {"dept", "SD"}}, "numbering.unknown_field", "'dept'"},
        FieldCase{"{type}-{seq}", {{"type", ""}}, "numbering.empty_field", "'type'"},
        FieldCase{"{type}-{seq}", {{"type", "X\nY"}}, "numbering.field_control", "'type'"},
        FieldCase{"{type}-{seq}", {{"type", "X\xC2\x85"}}, "numbering.field_control", "'type'"},
        FieldCase{"{type}-{seq}", {{"type", "X\xFFY"}}, "numbering.field_utf8", "'type'"},
        FieldCase{"{type}-{seq}", {{"type", "A-B"}}, "numbering.field_separator", "'-'"},
        FieldCase{"{type}/{dept}-{seq}", {{"type", "A"}, {"dept", "S/D"}}, "numbering.field_separator", "'/'"},
        FieldCase{"{type}{year}.{seq}", {{"type", "A.B"}}, "numbering.field_separator", "'.'"},
        FieldCase{"{type}-{seq}", {{"type", std::string(129, 'X')}}, "numbering.field_too_long", "128"},
        FieldCase{"{type}-{seq:3}{check}", {{"type", "xsc"}}, "numbering.field_not_check_safe", "'x'"},
        FieldCase{"{type}-{seq:3}{check}", {{"type", "销售"}}, "numbering.field_not_check_safe", "'销'"},
        FieldCase{"{type}-{seq:3}{check}", {{"type", "A_B"}}, "numbering.field_not_check_safe", "'_'"},
        FieldCase{"{type}-{seq}", {{"\xFF", "X"}, {"type", "X"}}, "numbering.bad_field_name", "UTF-8"}));

TEST(NumberingPatternTest, CheckRulesAcceptTheirOwnSeparatorsInValues) {
  const auto p = NumberingPattern::compile("{type}-{dept}/{seq:3}{check}");
  // '/' is a separator of the pattern, not next to `type`.
  const std::string n = p.render(d("2024-01-01"), {{"type", "A/B"}, {"dept", "SD"}}, 5);
  EXPECT_EQ(n.substr(0, 10), "A/B-SD/005");
  EXPECT_EQ(p.parse(n).fields.at("type"), "A/B");
}

// ---- scope keys ------------------------------------------------------------------

TEST(NumberingPatternTest, ScopeKeyHoldsEveryTokenButSeqAndCheck) {
  const auto p = NumberingPattern::compile("{type}-{year}-{dept}-{seq:3}{check}");
  const NumberFields sd{{"type", "XSC"}, {"dept", "SD"}};
  EXPECT_EQ(p.scope_key(d("2024-03-01"), sd), "dept=SD\x1ftype=XSC\x1fyear=2024");
  EXPECT_EQ(p.scope_key(d("2024-12-31"), sd), p.scope_key(d("2024-01-01"), sd));
  EXPECT_NE(p.scope_key(d("2025-01-01"), sd), p.scope_key(d("2024-01-01"), sd));
  EXPECT_NE(p.scope_key(d("2024-01-01"), {{"type", "XSC"}, {"dept", "HR"}}), p.scope_key(d("2024-01-01"), sd));
  // Separators and token order do not change the scope.
  const auto other = NumberingPattern::compile("{year}/{type}/{dept}/{seq:5}");
  EXPECT_EQ(other.scope_key(d("2024-03-01"), sd), p.scope_key(d("2024-03-01"), sd));
  // A pattern without tokens besides seq has one scope.
  EXPECT_EQ(NumberingPattern::compile("N-{seq}").scope_key(d("2024-03-01"), {}), "");
}

TEST(NumberingPatternTest, BoundScopeRendersLikeTheFullRender) {
  const auto p = NumberingPattern::compile("{type}-{yy}{month}-{seq:4}{check}");
  const NumberFields f{{"type", "QA"}};
  const auto scope = p.bind(d("2024-11-30"), f);
  EXPECT_EQ(scope.key(), p.scope_key(d("2024-11-30"), f));
  std::string buf;
  for (std::int64_t seq = 1; seq < 2000; seq += 37) {
    scope.render_into(buf, seq);
    EXPECT_EQ(buf, p.render(d("2024-11-30"), f, seq));
  }
}

// ---- parse back --------------------------------------------------------------------

TEST(NumberingPatternTest, ParsesTheArticleNumbersBack) {
  const auto p = NumberingPattern::compile("{type}-{year}-{dept}-{seq:3}");
  const ParsedNumber n = p.parse("XSC-2024-SD-001");
  EXPECT_EQ(n.fields, (NumberFields{{"type", "XSC"}, {"year", "2024"}, {"dept", "SD"}}));
  EXPECT_EQ(n.seq, 1);
  const auto zh = NumberingPattern::compile("HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  const ParsedNumber z = zh.parse("HT-2024-销售部-张三-001");
  EXPECT_EQ(z.fields.at("dept_name"), "销售部");
  EXPECT_EQ(z.fields.at("employee_name"), "张三");
}

struct ParseCase {
  const char* pattern;
  const char* number;
  const char* key;
  const char* position;  // nullptr: not checked
};

class NumberingParseErrorTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(NumberingParseErrorTest, RefusesNumbersThePatternCannotHaveMade) {
  const ParseCase& c = GetParam();
  const auto p = NumberingPattern::compile(c.pattern);
  const Error e = error_of([&] { p.parse(c.number); });
  EXPECT_EQ(e.code(), Errc::invalid_argument) << c.number;
  EXPECT_EQ(e.key(), c.key) << c.number;
  if (c.position != nullptr) {
    EXPECT_NE(e.message(Lang::en).find(std::string("character ") + c.position), std::string::npos)
        << e.message(Lang::en);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NumberingParseErrorTest,
    ::testing::Values(ParseCase{"{type}-{year}-{dept}-{seq:3}", "XSC-2024-SD", "numbering.parse_mismatch", nullptr},
                      ParseCase{"{type}-{year}-{dept}-{seq:3}", "XSC-20X4-SD-001", "numbering.parse_mismatch", "7"},
                      ParseCase{"{type}-{year}-{dept}-{seq:3}", "XSC-2024-SD-01", "numbering.parse_mismatch", "13"},
                      ParseCase{"{type}-{year}-{dept}-{seq:3}", "XSC-2024-SD-0001", "numbering.parse_mismatch", "13"},
                      ParseCase{"{type}-{year}-{dept}-{seq:3}", "XSC-2024-SD-000", "numbering.parse_mismatch", nullptr},
                      ParseCase{"{type}-{year}-{dept}-{seq:3}", "XSC-2024-SD-001x", "numbering.parse_mismatch", nullptr},
                      ParseCase{"{type}-{year}-{dept}-{seq:3}", "-2024-SD-001", "numbering.parse_mismatch", "1"},
                      ParseCase{"HT-{month}-{seq}", "HT-13-1", "numbering.parse_mismatch", "4"},
                      ParseCase{"HT-{year}{month}{day}-{seq}", "HT-20230229-1", "numbering.parse_mismatch", nullptr},
                      ParseCase{"HT-{year}-{yy}-{seq}", "HT-2024-23-1", "numbering.parse_mismatch", nullptr},
                      ParseCase{"HT-{month}Q{quarter}-{seq}", "HT-05Q1-1", "numbering.parse_mismatch", nullptr},
                      ParseCase{"{type}-{seq:3}{check}", "xsc-001Z", "numbering.parse_mismatch", "1"},
                      ParseCase{"{type}-{seq:3}{check}", "XSC-001", "numbering.parse_mismatch", nullptr},
                      ParseCase{"{dept}-{seq}-{dept}", "SD-1-HR", "numbering.parse_mismatch", nullptr},
                      ParseCase{"N-{seq}", "N-99999999999999999999", "numbering.parse_mismatch", "3"}));

TEST(NumberingPatternTest, WrongCheckCharacterHasItsOwnMessage) {
  const auto p = NumberingPattern::compile("{type}-{seq:3}{check}");
  std::string n = p.render(d("2024-01-01"), {{"type", "XSC"}}, 1);
  n.back() = n.back() == 'A' ? 'B' : 'A';
  const Error e = error_of([&] { p.parse(n); });
  EXPECT_EQ(e.key(), "numbering.parse_bad_check");
  EXPECT_EQ(e.code(), Errc::invalid_argument);
}

// parse(render(f)) == f over random fields, dates and sequences, for patterns
// using every kind of token.
TEST(NumberingPatternTest, ParseOfRenderGivesTheFieldsBack) {
  const std::vector<std::string> patterns = {
      "{type}-{year}-{dept}-{seq:3}",
      "HT-{year}-{dept_name}-{employee_name}-{seq:3}",
      "{type}{yy}{month}-{seq:5}{check}",
      "{{{dept}}}/{day}.{month}.{year}/Q{quarter}/{seq}",
      "{seq:2}-{type}{year}",
      "{type}:{seq:18}{check}:{dept}",
  };
  const std::vector<std::string> ascii = {"XSC", "LD", "HT", "SD", "HR", "A1", "Z", "QA9", "0", "R2D2"};
  const std::vector<std::string> any = {"销售部", "张三", "Ünïcode", "a b", "x_y", "{brace}", "李四五", "🙂"};
  std::mt19937_64 rng(20240301);
  int checked = 0;
  for (const std::string& text : patterns) {
    const auto p = NumberingPattern::compile(text);
    for (int i = 0; i < 2000; ++i) {
      NumberFields f;
      for (const std::string& name : p.field_names()) {
        const auto& pool = (p.has_check() || rng() % 2 == 0) ? ascii : any;
        f[name] = pool[rng() % pool.size()];
      }
      const Date on = Date::from_serial(d("1400-01-01").serial() +
                                        static_cast<std::int64_t>(rng() % 3000000));
      const std::int64_t seq = 1 + static_cast<std::int64_t>(rng() % (i % 2 == 0 ? 5000 : 9223372036854775806ULL));
      std::string number;
      try {
        number = p.render(on, f, seq);
      } catch (const ValidationError&) {
        continue;  // e.g. "a b" next to a separator it holds; not a valid input
      }
      const ParsedNumber back = p.parse(number);
      EXPECT_EQ(back.seq, seq) << number;
      for (const auto& [name, value] : f) EXPECT_EQ(back.fields.at(name), value) << number;
      EXPECT_EQ(p.render(on, f, seq), number);
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000);
}

// ---- check character -----------------------------------------------------------------

TEST(NumberingCheckTest, MatchesTheDefiningPropertyOfMod37_2) {
  std::mt19937_64 rng(37);
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 30);
    for (int k = 0; k < len; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
    ASSERT_EQ(mod37_2_check_character(s), reference_check(s)) << s;
    EXPECT_TRUE(mod37_2_valid(s + mod37_2_check_character(s)));
  }
  // Separators, lower case and non-ASCII characters do not count.
  EXPECT_EQ(mod37_2_check_character("XSC-2024/SD"), mod37_2_check_character("XSC2024SD"));
  EXPECT_EQ(mod37_2_check_character("A销b1"), mod37_2_check_character("A1"));
  EXPECT_FALSE(mod37_2_valid(""));
  EXPECT_FALSE(mod37_2_valid("--"));
}

// Every single-character substitution and every adjacent transposition of two
// letters or digits is caught, in 10,000 issued-like numbers.
TEST(NumberingCheckTest, CatchesEverySubstitutionAndAdjacentTransposition) {
  const auto p = NumberingPattern::compile("{type}-{year}-{dept}-{seq:4}{check}");
  const std::vector<std::string> types = {"XSC", "LD", "HT", "CG", "RD7"};
  const std::vector<std::string> depts = {"SD", "HR", "FIN", "A1", "QA2"};
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::mt19937_64 rng(72);
  long substitutions = 0, transpositions = 0;
  for (int i = 0; i < 10000; ++i) {
    const Date on = Date::from_serial(d("2000-01-01").serial() + static_cast<std::int64_t>(rng() % 9000));
    const std::string n = p.render(on, {{"type", types[rng() % types.size()]}, {"dept", depts[rng() % depts.size()]}},
                                   1 + static_cast<std::int64_t>(rng() % 20000));
    ASSERT_TRUE(mod37_2_valid(n)) << n;
    for (std::size_t k = 0; k < n.size(); ++k) {
      const bool counts = (n[k] >= '0' && n[k] <= '9') || (n[k] >= 'A' && n[k] <= 'Z') || n[k] == '*';
      if (!counts) continue;
      for (char c : alphabet + "*") {
        if (c == n[k] || (c == '*' && k + 1 != n.size())) continue;  // '*' exists only as a check character
        std::string m = n;
        m[k] = c;
        ASSERT_FALSE(mod37_2_valid(m)) << n << " -> " << m;
        ++substitutions;
      }
      if (k + 1 < n.size() && n[k] != n[k + 1] && n[k + 1] != '-' && n[k] != '*' && n[k + 1] != '*') {
        std::string m = n;
        std::swap(m[k], m[k + 1]);
        ASSERT_FALSE(mod37_2_valid(m)) << n << " -> " << m;
        ++transpositions;
      }
    }
    // Through the pattern too, for a sample: parse refuses every such
    // mutation (by its structure or by the check character).
    if (i % 50 == 0) {
      auto counts_at = [&](std::size_t k) { return n[k] >= '0' && n[k] <= 'Z' && (n[k] <= '9' || n[k] >= 'A'); };
      for (std::size_t k = 0; k < n.size(); ++k) {
        if (!counts_at(k)) continue;
        for (char c : alphabet) {
          if (c == n[k]) continue;
          std::string m = n;
          m[k] = c;
          EXPECT_THROW(p.parse(m), ValidationError) << m;
        }
        if (k + 1 < n.size() && counts_at(k + 1) && n[k] != n[k + 1]) {
          std::string m = n;
          std::swap(m[k], m[k + 1]);
          EXPECT_THROW(p.parse(m), ValidationError) << m;
        }
      }
    }
  }
  EXPECT_GT(substitutions, 10000 * 100);
  EXPECT_GT(transpositions, 10000 * 5);
}

TEST(NumberingModeTest, NamesRoundTrip) {
  EXPECT_EQ(parse_numbering_mode("gapless"), NumberingMode::gapless);
  EXPECT_EQ(parse_numbering_mode("fast"), NumberingMode::fast);
  EXPECT_STREQ(numbering_mode_name(NumberingMode::fast), "fast");
  EXPECT_STREQ(numbering_mode_name(NumberingMode::gapless), "gapless");
  const Error e = error_of([] { parse_numbering_mode("quick"); });
  EXPECT_EQ(e.key(), "numbering.bad_mode");
  EXPECT_EQ(e.code(), Errc::invalid_argument);
}
