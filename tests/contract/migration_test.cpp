// Schema versions: a database from a newer Pactum is refused untouched; one
// from the previous schema (the numbering engine's, version 1) is migrated
// keeping every row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::d;

TEST(SchemaMigrationTest, ADatabaseFromANewerSchemaIsRefusedWithItsCodeAndLeftUntouched) {
  test::TempDir dir;
  const std::string path = dir.file("future.db");
  {
    Database db(path);
    test::add_company(db);
    test::active_contract(db, "10.00");
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  const std::string bump = "PRAGMA user_version = " + std::to_string(Database::schema_version() + 1);
  ASSERT_EQ(sqlite3_exec(raw, bump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  const std::string before = test::logical_dump(path);
  try {
    Database db(path);
    FAIL() << "opened a newer schema";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), Errc::schema_too_new);
    EXPECT_NE(std::string(e.what()).find(std::to_string(Database::schema_version() + 1)), std::string::npos);
  }
  EXPECT_EQ(test::logical_dump(path), before);
}

TEST(SchemaMigrationTest, TheNumberingSchemaIsMigratedKeepingEveryRow) {
  test::TempDir dir;
  const std::string path = dir.file("v1.db");
  std::filesystem::copy_file(std::string(PACTUM_FIXTURES) + "/numbering_v1.db", path);
  const auto before = test::table_rows(path);
  ASSERT_EQ(before.at("(user_version)"), std::vector<std::string>{"1"});
  ASSERT_FALSE(before.at("numbering_issued").empty());
  {
    Database db(path);
    // The numbering engine carries on where version 1 stopped.
    EXPECT_EQ(db.issue_number("xsc", d("2024-03-01"), {{"type", "XSC"}, {"dept", "SD"}}), "XSC-2024-SD-0006");
    test::add_company(db);
    EXPECT_EQ(db.create_contract(test::sales_spec()).number, "HT-2024-SD-0001");
  }
  const auto after = test::table_rows(path);
  EXPECT_EQ(after.at("(user_version)"), std::vector<std::string>{std::to_string(Database::schema_version())});
  for (const auto& [table, rows] : before) {
    if (table == "(user_version)") continue;
    SCOPED_TRACE(table);
    ASSERT_TRUE(after.contains(table));
    const auto& now = after.at(table);
    for (const std::string& row : rows) {
      EXPECT_TRUE(std::binary_search(now.begin(), now.end(), row)) << "lost row: " << row;
    }
  }
  EXPECT_TRUE(after.contains("contracts"));
  EXPECT_TRUE(after.contains("events"));
}
