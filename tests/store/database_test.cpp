// The store's first version: opening, pragmas, schema versions, transactions.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "pactum/store/database.hpp"
#include "store/database_impl.hpp"
#include "store/sqlite_storage.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;

namespace {

std::string pragma(const std::string& path, const std::string& name) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &st, nullptr);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

void exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::optional<std::string> meta(Database& db, const char* key) { return db.impl().read([&] { return db.impl().meta(key); }); }
void set_meta(Database& db, const char* key, const char* value) {
  db.impl().write([&] { db.impl().set_meta(key, value); });
}

}  // namespace

TEST(DatabaseTest, NewFileUsesWalAndTheCurrentSchema) {
  test::TempDir dir;
  const std::string path = dir.file("new.db");
  {
    Database db(path);
    EXPECT_EQ(db.reporting_currency().code(), "CNY");
    EXPECT_EQ(db.lang(), Lang::en);
  }
  EXPECT_EQ(pragma(path, "journal_mode"), "wal");
  EXPECT_EQ(pragma(path, "user_version"), std::to_string(Database::schema_version()));
}

TEST(DatabaseTest, ReportingCurrencyIsSetOnceAtCreation) {
  test::TempDir dir;
  const std::string path = dir.file("usd.db");
  {
    OpenOptions o;
    o.currency = "USD";
    Database db(path, o);
    EXPECT_EQ(db.reporting_currency().code(), "USD");
  }
  Database again(path);
  EXPECT_EQ(again.reporting_currency().code(), "USD");
  OpenOptions other;
  other.currency = "EUR";
  try {
    Database conflicting(path, other);
    FAIL() << "opened with another currency";
  } catch (const ConflictError& e) {
    EXPECT_NE(std::string(e.what()).find("USD"), std::string::npos);
  }
  OpenOptions bad;
  bad.currency = "XYZ1";
  EXPECT_THROW(Database(dir.file("bad.db"), bad), ValidationError);
}

TEST(DatabaseTest, NewerSchemaIsRefusedWithItsOwnCode) {
  test::TempDir dir;
  const std::string path = dir.file("future.db");
  { Database db(path); }
  exec(path, "PRAGMA user_version = 999");
  for (Lang lang : {Lang::en, Lang::zh_CN}) {
    OpenOptions o;
    o.lang = lang;
    try {
      Database db(path, o);
      FAIL() << "a newer schema was accepted";
    } catch (const StorageError& e) {
      EXPECT_EQ(e.code(), Errc::schema_too_new);
      EXPECT_NE(std::string(e.what()).find("999"), std::string::npos);
      EXPECT_EQ(e.lang(), lang);
    }
  }
  EXPECT_EQ(pragma(path, "user_version"), "999");  // untouched
}

TEST(DatabaseTest, AFileThatIsNotADatabaseIsCorrupt) {
  test::TempDir dir;
  const std::string path = dir.file("garbage.db");
  {
    std::ofstream f(path, std::ios::binary);
    f << std::string(8192, 'x');
  }
  try {
    Database db(path);
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), Errc::corrupt);
  }
}

TEST(DatabaseTest, UnopenablePathIsAStorageError) {
  try {
    Database db("/nonexistent-dir/sub/x.db");
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), Errc::storage);
  }
}

TEST(DatabaseTest, TransactionsCommitRollBackAndNest) {
  Database db(":memory:");
  {
    auto t = db.transaction();
    set_meta(db, "a", "1");
    t.commit();
  }
  EXPECT_EQ(meta(db, "a"), "1");
  {
    auto t = db.transaction();
    set_meta(db, "a", "2");
    t.rollback();
  }
  EXPECT_EQ(meta(db, "a"), "1");
  {
    auto outer = db.transaction();
    set_meta(db, "b", "outer");
    {
      auto inner = db.transaction();
      set_meta(db, "c", "inner");
      inner.rollback();
    }
    {
      auto inner = db.transaction();
      set_meta(db, "d", "kept");
    }  // destroyed open: rolled back
    EXPECT_FALSE(meta(db, "c").has_value());
    EXPECT_FALSE(meta(db, "d").has_value());
    auto inner = db.transaction();
    set_meta(db, "e", "kept");
    inner.commit();
    outer.commit();
  }
  EXPECT_EQ(meta(db, "b"), "outer");
  EXPECT_EQ(meta(db, "e"), "kept");
  EXPECT_FALSE(db.in_transaction());
}

TEST(DatabaseTest, TransactionsCloseInReverseOrder) {
  Database db(":memory:");
  auto outer = db.transaction();
  auto inner = db.transaction();
  try {
    outer.commit();
    FAIL();
  } catch (const StateError& e) {
    EXPECT_EQ(e.code(), Errc::invalid_state);
  }
  inner.commit();
  outer.commit();
  EXPECT_THROW(outer.commit(), StateError);
}

TEST(DatabaseTest, AFailedWriteLeavesNothingBehind) {
  Database db(":memory:");
  set_meta(db, "x", "before");
  EXPECT_THROW(db.impl().write([&] {
    db.impl().set_meta("x", "changed");
    db.impl().set_meta("y", "new");
    raise(Errc::invalid_argument, "core.bad_date", {{"text", "nope"}});
  }), ValidationError);
  EXPECT_EQ(meta(db, "x"), "before");
  EXPECT_FALSE(meta(db, "y").has_value());
  // Inside a caller's transaction the failed write undoes only itself.
  auto t = db.transaction();
  set_meta(db, "z", "kept");
  EXPECT_THROW(db.impl().write([&] {
    db.impl().set_meta("x", "changed");
    raise(Errc::invalid_argument, "core.bad_date", {{"text", "nope"}});
  }), ValidationError);
  t.commit();
  EXPECT_EQ(meta(db, "x"), "before");
  EXPECT_EQ(meta(db, "z"), "kept");
}

TEST(DatabaseTest, InMemoryDatabasesArePrivateToTheirHandle) {
  Database a(":memory:");
  Database b(":memory:");
  set_meta(a, "only", "a");
  EXPECT_FALSE(meta(b, "only").has_value());
}

TEST(DatabaseTest, ErrorsSpeakTheHandlesLanguage) {
  OpenOptions o;
  o.lang = Lang::zh_CN;
  Database db(":memory:", o);
  try {
    db.impl().write([&] { raise(Errc::invalid_argument, "core.bad_date", {{"text", "x"}}); });
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()), "“x”不是有效日期(格式 YYYY-MM-DD)");
  }
  db.set_lang(Lang::en);
  try {
    db.impl().write([&] { raise(Errc::invalid_argument, "core.bad_date", {{"text", "x"}}); });
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()), "'x' is not a valid date (YYYY-MM-DD)");
  }
}

TEST(DatabaseTest, ClockDefaultsToTheHostDate) {
  Database db(":memory:");
  EXPECT_FALSE(db.clock().has_value());
  EXPECT_EQ(db.today(), Date::today());
}

TEST(DatabaseTest, PeriodEventsAreFoundWithoutScanningTheLog) {
  test::TempDir dir;
  const std::string path = dir.file("plan.db");
  { Database db(path); }
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  SQLite::Statement plan(raw, std::string("EXPLAIN QUERY PLAN ") + store::kPeriodEventsSql);
  plan.bind(1, static_cast<int>(EventType::period_closed));
  plan.bind(2, static_cast<int>(EventType::period_reopened));
  std::string details;
  while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(details.find("SEARCH events USING INDEX events_by_contract (contract=?)"), std::string::npos) << details;
  EXPECT_EQ(details.find("SCAN"), std::string::npos) << details;
  EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;  // in sequence order by the index
}
