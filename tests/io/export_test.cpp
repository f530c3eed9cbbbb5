// Export of every table as JSON Lines and its restoration into an empty
// database: the round trip gives byte-identical files (acceptance 4), the
// restored database carries on exactly where the original stood, and broken
// exports or non-empty targets are refused without a trace.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>

#include "core/sha256.hpp"
#include "io/io_support.hpp"
#include "pactum/contract/execution.hpp"
#include "store/database_impl.hpp"
#include "store/export_tables.hpp"
#include "support/dump.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;
namespace fs = std::filesystem;

namespace {

// Every file of a directory: name -> bytes.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    out[entry.path().filename().string()] = test::read_file(entry.path().string());
  }
  return out;
}

// Rewrites the manifest's size and SHA-256 of every table file, as a forger
// would after editing one: the content checks behind the checksums must
// still refuse what is wrong.
void reseal(const fs::path& dir) {
  std::string manifest = test::read_file((dir / "manifest.json").string());
  for (std::size_t at = manifest.find("\"file\": \""); at != std::string::npos; at = manifest.find("\"file\": \"", at + 1)) {
    const std::size_t start = at + 9;
    const std::string file = manifest.substr(start, manifest.find('"', start) - start);
    std::error_code ec;
    if (!fs::exists(dir / file, ec)) continue;
    const std::string text = test::read_file((dir / file).string());
    Sha256 hash;
    hash.update(text);
    const std::size_t bytes = manifest.find("\"bytes\": ", at);
    manifest.replace(bytes, manifest.find(',', bytes) - bytes, "\"bytes\": " + std::to_string(text.size()));
    manifest.replace(manifest.find("\"sha256\": \"", at) + 11, 64, hash.hex());
  }
  test::write_file((dir / "manifest.json").string(), manifest);
}

void exec_sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// The schema of a database file: every table, index and trigger with its SQL.
std::string schema_of(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_exec(
        db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
        [](void* text, int n, char** values, char**) {
          for (int i = 0; i < n; ++i) *static_cast<std::string*>(text) += (values[i] ? values[i] : "NULL") + std::string("|");
          *static_cast<std::string*>(text) += "\n";
          return 0;
        },
        &out, nullptr);
  }
  sqlite3_close(db);
  return out;
}

// A company that touched every table: numbering (both modes, a voided
// number), the org directory with history, contracts in two currencies with
// instalments and attributes, payments, a reversal, deliveries, scores,
// amendments, a renewal, routing tables, approval routes, an amendment round
// and delegations, the direct_activation setting, KPI settings and a closed
// period, and the clock.
void build_company(Database& db) {
  test::add_company(db);
  db.transfer("E2", "HR", std::string("hr"), d("2024-06-01"));
  db.assign_role("E3", "hr");
  db.assign_role("E3", "finance", std::string("SD"), d("2024-01-01"));
  db.revoke_role("E3", "finance", std::string("SD"), d("2024-05-01"));
  db.define_numbering("fast", "F-{year}-{seq:3}", NumberingMode::fast);
  db.issue_number("fast", d("2024-01-05"), {});
  const std::string voided = db.issue_number("fast", d("2024-01-05"), {});
  db.void_number(voided, "作废测试", d("2024-01-06"));
  db.set_exchange_rate("USD", Decimal::parse("7.10"), d("2024-01-01"));

  ContractSpec s = test::sales_spec("1000000.00");
  s.installments = {{d("2024-02-01"), cny("400000.00")}, {d("2024-03-01"), cny("600000.00")}};
  s.attributes.emplace("budget", AttributeValue(cny("1200000.00")));
  s.attributes.emplace("note", AttributeValue(std::string("含 \"引号\", 逗号与\\反斜杠")));
  s.external_id = "ERP-1";
  const Contract a = db.create_contract(s);
  db.activate(a.id, d("2024-01-10"));
  db.record_payment(a.id, cny("400000.00"), d("2024-02-01"), "BANK-1");
  db.record_payment(a.id, cny("0.0125"), d("2024-02-02"), "BANK-2", "bank-feed", false, std::string("出纳"));
  db.reverse_payment("BANK-2", d("2024-02-03"), "bank-feed");
  db.record_delivery(a.id, false, d("2024-02-20"), std::string("包装破损"));
  db.record_delivery(a.id, true, d("2024-02-25"));
  db.record_satisfaction(a.id, 88, d("2024-03-01"));
  Amendment change;
  change.counterparty = "华东机械股份有限公司";
  db.amend(a.id, "更名", change, d("2024-03-02"));

  ContractSpec u = test::sales_spec("1000.00");
  u.amount = Money::parse("1000.00", "USD");
  u.owner = "E2";
  const Contract b = db.create_contract(u);
  db.submit(b.id, "E2", d("2024-01-11"));
  db.approve(b.id, "E1", "同意", d("2024-01-12"));
  // An amendment round (approval_amendments) and the audited setting.
  Amendment more;
  more.amount = Money::parse("2000.00", "USD");
  more.installments = std::vector<Installment>{};
  db.amend(b.id, "追加数量", more, d("2024-01-20"), std::string("E2"));
  db.approve(b.id, "E1", "", d("2024-01-21"));
  db.set_direct_activation(DirectActivation::allow, "IT", "ERP 内部审批", d("2024-01-22"));
  db.delegate("E1", "E3", d("2024-04-01"), d("2024-04-15"));
  RenewalSpec renewal;
  renewal.signed_on = d("2024-12-20");
  db.renew(a.id, renewal);
  db.record_breach(b.id, "逾期", d("2024-03-05"));

  TargetSpec t;
  t.indicator = "signed_amount";
  t.value = Decimal::parse("1200000");
  t.per = PeriodKind::quarter;
  t.position = "sales";
  db.set_target(t);
  RuleSetting rule;
  rule.rule = RuleKind::breach;
  rule.points = Decimal::parse("-20");
  db.set_rule(rule);
  db.set_bonus_bands({BonusBand{std::nullopt, Decimal::parse("80"), Decimal::parse("-0.15")}});
  db.advance_to(d("2024-04-02"));
  db.close_period(Period::parse("2024-Q1"), d("2024-04-02"));
  db.advance_to(d("2024-04-05"));
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_path = dir.file("source.db");
    Database db(source_path);
    build_company(db);
    summary = db.export_to(dir.file("export"));
  }

  test::TempDir dir;
  std::string source_path;
  ExportSummary summary;
};

}  // namespace

// Acceptance 4: export -> import into an empty database -> export gives
// identical files, and the same logical content.
TEST_F(ExportTest, TheRoundTripGivesByteIdenticalFiles) {
  const std::string target_path = dir.file("target.db");
  {
    Database target(target_path);
    const ExportSummary restored = target.import_export(dir.file("export"));
    EXPECT_EQ(restored.tables, summary.tables);
    target.export_to(dir.file("again"));
  }
  const auto first = files_of(dir.file("export"));
  const auto second = files_of(dir.file("again"));
  EXPECT_EQ(first.size(), summary.tables.size() + 1);  // one file per table and the manifest
  ASSERT_EQ(first.size(), second.size());
  for (const auto& [name, bytes] : first) EXPECT_EQ(second.at(name), bytes) << name;
  EXPECT_EQ(test::logical_dump(target_path), test::logical_dump(source_path));
}

TEST_F(ExportTest, EveryTableIsExportedInPrimaryKeyOrder) {
  std::set<std::string> tables;
  for (const ExportTable& t : summary.tables) tables.insert(t.name);
  std::set<std::string> schema;
  for (const auto& [name, rows] : test::table_rows(source_path)) {
    if (name[0] != '(') schema.insert(name);
  }
  EXPECT_EQ(tables, schema);
  EXPECT_EQ(summary.schema_version, Database::schema_version());
  EXPECT_EQ(summary.reporting_currency, "CNY");
  EXPECT_EQ(summary.clock, std::optional<std::string>("2024-04-05"));
  for (const ExportTable& t : summary.tables) {
    const std::string text = test::read_file(dir.file("export/" + t.name + ".jsonl"));
    EXPECT_EQ(static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')), t.rows) << t.name;
    if (t.name == "events") {
      EXPECT_EQ(t.rows, Database(source_path).last_event_seq());
    }
  }
  const std::string events = test::read_file(dir.file("export/events.jsonl"));
  EXPECT_EQ(events.rfind("{\"seq\":1,\"type\":\"created\",\"contract\":1,\"effective\":\"2024-01-10\",", 0), 0u) << events;
  EXPECT_NE(events.find("\"type\":\"payment_reversed\",\"contract\":1,\"effective\":\"2024-02-03\""), std::string::npos);
  EXPECT_NE(events.find("\"amount\":\"-0.0125\""), std::string::npos);
  const std::string contracts = test::read_file(dir.file("export/contracts.jsonl"));
  EXPECT_NE(contracts.find("\"key_account\":false,\"currency\":\"CNY\",\"amount\":\"1000000.00\",\"reporting_amount\":"
                           "\"1000000.00\",\"exchange_rate\":\"1\""),
            std::string::npos)
      << contracts;
  const std::string attributes = test::read_file(dir.file("export/contract_attributes.jsonl"));
  EXPECT_NE(attributes.find("含 \\\"引号\\\", 逗号与\\\\反斜杠"), std::string::npos) << attributes;
  const std::string manifest = test::read_file(dir.file("export/manifest.json"));
  EXPECT_NE(manifest.find("\"format\": \"pactum-export\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"version\": 2,"), std::string::npos) << manifest;
  // Each table with its size and SHA-256: meta holds the reporting currency,
  // the clock and the direct_activation setting.
  auto entry = [&](const std::string& table, std::int64_t rows) {
    const std::string text = test::read_file(dir.file("export/" + table + ".jsonl"));
    Sha256 hash;
    hash.update(text);
    return "{\"name\": \"" + table + "\", \"file\": \"" + table + ".jsonl\", \"rows\": " + std::to_string(rows) +
           ", \"bytes\": " + std::to_string(text.size()) + ", \"sha256\": \"" + hash.hex() + "\"}";
  };
  EXPECT_NE(manifest.find(entry("meta", 3)), std::string::npos) << manifest;
  EXPECT_NE(manifest.find(entry("approval_amendments", 1)),
            std::string::npos)
      << manifest;
}

TEST_F(ExportTest, TheRestoredDatabaseCarriesOnWhereTheOriginalStood) {
  Database original(source_path);
  Database target(dir.file("target.db"));
  target.import_export(dir.file("export"));
  EXPECT_EQ(target.clock(), original.clock());
  EXPECT_EQ(target.last_event_seq(), original.last_event_seq());
  EXPECT_EQ(target.events_after(0, 1000), original.events_after(0, 1000));
  EXPECT_EQ(target.find_contracts(), original.find_contracts());
  EXPECT_EQ(target.scorecard("E1", Period::parse("2024-Q1")).total, original.scorecard("E1", Period::parse("2024-Q1")).total);
  // Numbering continues from the same counters in both modes, and the voided
  // number stays voided.
  EXPECT_EQ(target.issue_number("fast", d("2024-05-01"), {}), original.issue_number("fast", d("2024-05-01"), {}));
  EXPECT_TRUE(target.issued_number("F-2024-002").voided);
  const Contract next_t = target.create_contract(test::sales_spec("10.00"));
  const Contract next_o = original.create_contract(test::sales_spec("10.00"));
  EXPECT_EQ(next_t.number, next_o.number);
  EXPECT_EQ(next_t.id, next_o.id);
  // Idempotency keys were restored: a retried payment is recognised.
  const Contract a = target.contract("HT-2024-SD-0001");
  EXPECT_EQ(target.record_payment(a.id, cny("400000.00"), d("2024-02-01"), "BANK-1").seq,
            original.record_payment(a.id, cny("400000.00"), d("2024-02-01"), "BANK-1").seq);
}

TEST_F(ExportTest, TheReportingCurrencyOfTheExportIsAdopted) {
  OpenOptions options;
  options.currency = "USD";
  Database usd(dir.file("usd.db"), options);
  usd.export_to(dir.file("usd-export"));
  Database target(dir.file("target.db"));
  EXPECT_EQ(target.import_export(dir.file("usd-export")).reporting_currency, "USD");
  EXPECT_EQ(target.reporting_currency().code(), "USD");
  Database reopened(dir.file("target.db"));
  EXPECT_EQ(reopened.reporting_currency().code(), "USD");
}

TEST_F(ExportTest, ADatabaseThatIsNotEmptyIsRefusedUnchanged) {
  const std::string target_path = dir.file("target.db");
  Database target(target_path);
  target.add_department({"X", "某部", std::nullopt, std::nullopt});
  const std::string before = test::logical_dump(target_path);
  try {
    target.import_export(dir.file("export"));
    ADD_FAILURE();
  } catch (const StateError& e) {
    EXPECT_EQ(std::string(e.what()),
              "the database is not empty (table departments holds data): restore an export into a new database");
  }
  EXPECT_EQ(test::logical_dump(target_path), before);
  // A second restore into a restored database is refused too.
  Database other(dir.file("other.db"));
  other.import_export(dir.file("export"));
  EXPECT_THROW(other.import_export(dir.file("export")), StateError);
  // So is a restore inside a transaction.
  Database third(dir.file("third.db"));
  auto tx = third.transaction();
  EXPECT_THROW(third.import_export(dir.file("export")), StateError);
}

TEST_F(ExportTest, ABrokenExportIsRefusedAndLeavesTheTargetEmpty) {
  const fs::path good = dir.file("export");
  auto broken = [&](const std::string& name, auto&& edit) {
    const fs::path copy = dir.file(name);
    fs::copy(good, copy, fs::copy_options::recursive);
    edit(copy);
    reseal(copy);
    return copy.string();
  };
  auto replace_in = [](const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = test::read_file(file.string());
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    test::write_file(file.string(), text);
  };
  const std::string target_path = dir.file("target.db");
  Database target(target_path);
  const std::string empty = test::logical_dump(target_path);
  auto message = [&](const std::string& path) {
    try {
      target.import_export(path);
    } catch (const Error& e) {
      EXPECT_EQ(test::logical_dump(target_path), empty);
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message(broken("b1", [&](const fs::path& p) { replace_in(p / "contracts.jsonl", "\"1000000.00\"", "\"1,000,000\""); })),
            "contracts.jsonl line 1: column amount does not hold a value of its kind (amount)");
  EXPECT_EQ(message(broken("b2", [&](const fs::path& p) { replace_in(p / "events.jsonl", "\"seq\":3,", "\"seq\":\"3\","); })),
            "events.jsonl line 3: column seq does not hold a value of its kind (integer)");
  EXPECT_EQ(message(broken("b3", [&](const fs::path& p) { fs::remove(p / "installments.jsonl"); })).rfind("file ", 0), 0u);
  EXPECT_NE(message(broken("b4", [&](const fs::path& p) { replace_in(p / "manifest.json", "\"name\": \"events\", \"file\": \"events.jsonl\", \"rows\": ", "\"name\": \"events\", \"file\": \"events.jsonl\", \"rows\": 1"); }))
                .find("table events:"),
            std::string::npos);
  EXPECT_NE(message(broken("b5", [&](const fs::path& p) {
              replace_in(p / "manifest.json", "\"schema_version\": ", "\"schema_version\": 9");
            })).find("schema version"),
            std::string::npos);
  EXPECT_NE(message(broken("b6", [&](const fs::path& p) { replace_in(p / "installments.jsonl", "\"contract\":1,", "\"contract\":99,"); }))
                .find("refers to a missing row of contracts"),
            std::string::npos);
  EXPECT_NE(message(broken("b7", [&](const fs::path& p) { replace_in(p / "events.jsonl", "\"type\":\"created\"", "\"type\":\"made\""); }))
                .find("events.jsonl line 1: column type does not hold a value of its kind (event type)"),
            std::string::npos);
  EXPECT_NE(message(dir.file("nowhere")).find("does not exist"), std::string::npos);
  // The intact export still restores.
  EXPECT_NO_THROW(target.import_export(good.string()));
}

TEST_F(ExportTest, ATableUnknownToTheExportListIsRefused) {
  // Every table of the schema is listed once.
  std::set<std::string> listed;
  for (const store::ExportTableSpec& t : store::export_tables()) EXPECT_TRUE(listed.insert(std::string(t.name)).second);
  exec_sql(source_path, "CREATE TABLE extra_settings (k TEXT PRIMARY KEY, v TEXT)");
  Database db(source_path);
  try {
    db.export_to(dir.file("export2"));
    ADD_FAILURE();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), Errc::internal);
    EXPECT_NE(std::string(e.what()).find("table extra_settings is not in the export list (src/store/export_tables.cpp)"),
              std::string::npos);
  }
  exec_sql(source_path, "DROP TABLE extra_settings; ALTER TABLE departments ADD COLUMN cost_centre TEXT");
  Database again(source_path);
  EXPECT_THROW(again.export_to(dir.file("export3")), StorageError);
}

TEST_F(ExportTest, ExportingTwiceReplacesTheFilesWithTheSameBytes) {
  Database db(source_path);
  db.export_to(dir.file("export"));
  EXPECT_EQ(files_of(dir.file("export")).size(), summary.tables.size() + 1);
  const auto before = files_of(dir.file("export"));
  db.export_to(dir.file("export"));
  EXPECT_EQ(files_of(dir.file("export")), before);
  // Inside a transaction the export sees the transaction's writes.
  auto tx = db.transaction();
  db.add_department({"NEW", "新部门", std::nullopt, std::nullopt});
  EXPECT_EQ(db.export_to(dir.file("inside")).tables.at(4).rows, summary.tables.at(4).rows + 1);
  tx.rollback();
}

// The restore loads each table with its indexes dropped and builds them
// afterwards, with foreign keys checked once at the end and the seals checked
// while the rows are read: a bad row in the last table still leaves the
// target exactly as it was (rows and schema), and a good restore leaves the
// schema of the source.
TEST_F(ExportTest, ABadRowInTheLastTableLeavesTheTargetAsItWas) {
  ASSERT_EQ(store::export_tables().back().name, "position_groups");
  const fs::path bad = dir.file("bad");
  fs::copy(dir.file("export"), bad, fs::copy_options::recursive);
  test::write_file((bad / "position_groups.jsonl").string(),
                   test::read_file((bad / "position_groups.jsonl").string()) + "{\"position\":\"sales\",\"grp\":7}\n");
  reseal(bad);
  const std::string target_path = dir.file("target.db");
  Database target(target_path);
  const std::string rows_before = test::logical_dump(target_path);
  const std::string schema_before = schema_of(target_path);
  try {
    target.import_export(bad.string());
    ADD_FAILURE();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("position_groups.jsonl line "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("column grp does not hold a value of its kind (text)"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(test::logical_dump(target_path), rows_before);
  EXPECT_EQ(schema_of(target_path), schema_before);
  // The handle enforces foreign keys again, and restores the good export
  // with the source's indexes.
  EXPECT_EQ(target.impl().db.execAndGet("PRAGMA foreign_keys").getInt(), 1);
  target.import_export(dir.file("export"));
  EXPECT_EQ(target.impl().db.execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ(schema_of(target_path), schema_of(source_path));
  EXPECT_EQ(test::logical_dump(target_path), test::logical_dump(source_path));
}

// The seals are checked beside the restore, but a file that does not match
// its seal is still the error, even when an earlier table holds a bad row.
TEST_F(ExportTest, AFileThatDoesNotMatchItsSealIsTheErrorWhateverElseIsWrong) {
  const fs::path bad = dir.file("bad");
  fs::copy(dir.file("export"), bad, fs::copy_options::recursive);
  std::string events = test::read_file((bad / "events.jsonl").string());
  events.replace(events.find("\"seq\":3,"), 8, "\"seq\":\"3\",");
  test::write_file((bad / "events.jsonl").string(), events);
  reseal(bad);
  // Then a later file changes behind its seal.
  test::write_file((bad / "position_groups.jsonl").string(),
                   test::read_file((bad / "position_groups.jsonl").string()) + "\n");
  const std::string target_path = dir.file("target.db");
  Database target(target_path);
  const std::string before = test::logical_dump(target_path);
  try {
    target.import_export(bad.string());
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "io.restore_checksum") << e.what();
    EXPECT_NE(std::string(e.what()).find("position_groups.jsonl"), std::string::npos) << e.what();
  }
  EXPECT_EQ(test::logical_dump(target_path), before);
}
