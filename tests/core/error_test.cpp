#include <gtest/gtest.h>

#include <set>

#include "pactum/core/error.hpp"

using namespace pactum;

TEST(ErrorTest, CodesAreStableNumbers) {
  EXPECT_EQ(static_cast<int>(Errc::ok), 0);
  EXPECT_EQ(static_cast<int>(Errc::invalid_argument), -1);
  EXPECT_EQ(static_cast<int>(Errc::not_found), -2);
  EXPECT_EQ(static_cast<int>(Errc::conflict), -3);
  EXPECT_EQ(static_cast<int>(Errc::invalid_state), -4);
  EXPECT_EQ(static_cast<int>(Errc::storage), -5);
  EXPECT_EQ(static_cast<int>(Errc::schema_too_new), -8);
  EXPECT_EQ(static_cast<int>(Errc::post_close), -17);
  // The list is dense, ordered, and every code has a name and a text.
  int expected = 0;
  std::set<std::string> names;
  for (Errc c : all_error_codes()) {
    EXPECT_EQ(static_cast<int>(c), expected--);
    EXPECT_STRNE(errc_name(c), "PACTUM_EUNKNOWN");
    EXPECT_STRNE(errc_text(c), "unknown error");
    EXPECT_TRUE(names.insert(errc_name(c)).second);
  }
  EXPECT_STREQ(errc_name(static_cast<Errc>(-999)), "PACTUM_EUNKNOWN");
}

TEST(ErrorTest, RaiseThrowsTheSubclassOfTheCategory) {
  EXPECT_THROW(raise(Errc::invalid_argument, "core.bad_date", {{"text", "x"}}), ValidationError);
  EXPECT_THROW(raise(Errc::overflow, "core.overflow", {{"operation", "add"}}), ValidationError);
  EXPECT_THROW(raise(Errc::not_found, "core.internal"), NotFoundError);
  EXPECT_THROW(raise(Errc::conflict, "core.internal"), ConflictError);
  EXPECT_THROW(raise(Errc::invalid_state, "core.internal"), StateError);
  EXPECT_THROW(raise(Errc::segregation, "core.internal"), StateError);
  EXPECT_THROW(raise(Errc::storage, "core.internal"), StorageError);
  EXPECT_THROW(raise(Errc::busy, "core.internal"), StorageError);
  EXPECT_THROW(raise(Errc::schema_too_new, "core.internal"), StorageError);
}

TEST(ErrorTest, MessagesComeFromBothCatalogs) {
  Error e(Errc::invalid_argument, "core.bad_date", {{"text", "2023-02-29"}});
  EXPECT_STREQ(e.what(), "'2023-02-29' is not a valid date (YYYY-MM-DD)");
  EXPECT_EQ(e.message(Lang::zh_CN), "“2023-02-29”不是有效日期(格式 YYYY-MM-DD)");
  e.localize(Lang::zh_CN);
  EXPECT_EQ(std::string(e.what()), e.message(Lang::zh_CN));
  EXPECT_EQ(e.lang(), Lang::zh_CN);
}

TEST(ErrorTest, UnknownKeysStillCarryTheirArguments) {
  EXPECT_EQ(render_message("no.such.key", Lang::en, {{"a", "1"}}), "no.such.key a=1");
}

TEST(ErrorTest, EveryCatalogEntryHasBothLanguagesAndMatchingPlaceholders) {
  const auto keys = catalog_keys();
  EXPECT_GT(keys.size(), 10u);
  std::set<std::string> seen;
  for (const std::string& key : keys) {
    EXPECT_TRUE(seen.insert(key).second) << "duplicate key " << key;
    EXPECT_TRUE(catalog_has(key)) << key;
    // Rendering without arguments leaves the placeholders: both languages
    // must use the same set.
    auto placeholders = [](const std::string& text) {
      std::set<std::string> out;
      for (std::size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
        const std::size_t close = text.find('}', i);
        if (close != std::string::npos) out.insert(text.substr(i, close - i + 1));
      }
      return out;
    };
    EXPECT_EQ(placeholders(render_message(key, Lang::en, {})), placeholders(render_message(key, Lang::zh_CN, {})))
        << key;
  }
}

TEST(ErrorTest, LanguageTags) {
  EXPECT_EQ(parse_lang("en"), Lang::en);
  EXPECT_EQ(parse_lang("zh-CN"), Lang::zh_CN);
  EXPECT_STREQ(lang_tag(Lang::zh_CN), "zh-CN");
  EXPECT_THROW(parse_lang("fr"), ValidationError);
}
