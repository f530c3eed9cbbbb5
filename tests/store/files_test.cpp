// Files no one else can touch: the database, its WAL and shared-memory
// files, exports and import reports are created owner-only (0600) unless
// OpenOptions::file_mode says otherwise; exports are replaced as a whole and
// checked on restore; temporary files are never predictable, never followed
// through a symbolic link; an output path that is the database or the input
// is refused.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../contract/company.hpp"
#include "core/sha256.hpp"
#include "pactum/store/database.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 0777;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.insert(entry.path().filename().string());
  return out;
}

// A company with a payment, so that contract_totals holds a total.
void build(Database& db) {
  test::add_company(db);
  const Contract c = test::active_contract(db);
  db.record_payment(c.id, cny("300000.00"), d("2024-02-01"), "BANK-1");
}

// Rewrites the manifest's size and checksum of `file` after a test edited it,
// as a forger (or a buggy tool) would: the content checks must still hold.
void reseal(const fs::path& dir, const std::string& file) {
  const std::string text = read_file(dir / file);
  Sha256 hash;
  hash.update(text);
  std::string manifest = read_file(dir / "manifest.json");
  const std::string anchor = "\"file\": \"" + file + "\"";
  std::size_t at = manifest.find(anchor);
  ASSERT_NE(at, std::string::npos);
  const std::size_t bytes = manifest.find("\"bytes\": ", at);
  const std::size_t bytes_end = manifest.find(',', bytes);
  manifest.replace(bytes, bytes_end - bytes, "\"bytes\": " + std::to_string(text.size()));
  const std::size_t sha = manifest.find("\"sha256\": \"", at) + 11;
  manifest.replace(sha, 64, hash.hex());
  write_file(dir / "manifest.json", manifest);
}

std::string refusal(Database& db, const std::string& directory) {
  try {
    db.import_export(directory);
  } catch (const Error& e) {
    return e.key() + ": " + e.what();
  }
  return "accepted";
}

}  // namespace

TEST(FilesTest, ANewDatabaseWithItsLogAndSharedMemoryIsOwnerOnly) {
  test::TempDir dir;
  const std::string path = dir.file("hr.db");
  const mode_t old = ::umask(022);
  Database db(path);
  build(db);
  ::umask(old);
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(path + "-wal"), 0600u);
  EXPECT_EQ(mode_of(path + "-shm"), 0600u);
}

TEST(FilesTest, AFileModeOptionWidensWhatIsCreated) {
  test::TempDir dir;
  const mode_t old = ::umask(022);
  OpenOptions o;
  o.file_mode = 0640;
  {
    Database db(dir.file("shared.db"), o);
    build(db);
    db.export_to(dir.file("export"));
    EXPECT_EQ(mode_of(dir.file("shared.db")), 0640u);
    EXPECT_EQ(mode_of(dir.file("shared.db") + "-wal"), 0640u);
    EXPECT_EQ(mode_of(dir.file("export")), 0750u);
    EXPECT_EQ(mode_of(dir.file("export") + "/events.jsonl"), 0640u);
  }
  o.file_mode = 0200;  // the owner must read and write
  EXPECT_THROW(Database(dir.file("bad.db"), o), ValidationError);
  EXPECT_FALSE(fs::exists(dir.file("bad.db")));
  ::umask(old);
}

TEST(FilesTest, ExportsAndReportsAreOwnerOnly) {
  test::TempDir dir;
  const mode_t old = ::umask(022);
  Database db(dir.file("hr.db"));
  build(db);
  db.export_to(dir.file("export"));
  write_file(dir.path() / "pay.csv", "contract,amount,date,ref\n");
  ImportOptions o;
  o.report_path = dir.file("report.json");
  db.import_file(ImportKind::payments, dir.file("pay.csv"), o);
  ::umask(old);
  EXPECT_EQ(mode_of(dir.file("export")), 0700u);
  for (const std::string& name : names_in(dir.file("export"))) EXPECT_EQ(mode_of(dir.file("export") + "/" + name), 0600u) << name;
  EXPECT_EQ(mode_of(dir.file("report.json")), 0600u);
}

// The defect: a report renamed over the database ("--report hr.db"), after
// which the database was "corrupt". Now refused, the database untouched.
TEST(FilesTest, AReportOverTheDatabaseItsFilesOrTheInputIsRefused) {
  test::TempDir dir;
  const std::string path = dir.file("hr.db");
  Database db(path);
  build(db);
  write_file(dir.path() / "pay.csv", "contract,amount,date,ref\n");
  for (const std::string& target : {path, path + "-wal", path + "-shm", dir.file("./hr.db"), dir.file("pay.csv")}) {
    ImportOptions o;
    o.report_path = target;
    try {
      db.import_file(ImportKind::payments, dir.file("pay.csv"), o);
      ADD_FAILURE() << target;
    } catch (const ValidationError& e) {
      EXPECT_TRUE(e.key() == "io.output_is_database" || e.key() == "io.output_is_input") << e.key();
    }
  }
  EXPECT_EQ(read_file(dir.path() / "pay.csv"), "contract,amount,date,ref\n");
  Database again(path);  // still a database
  EXPECT_EQ(again.find_contracts().size(), 1u);
  EXPECT_THROW(db.export_to(path), ValidationError);
}

// The defect: reports and export files went to a predictable NAME.tmp opened
// with truncation, which followed a link planted in a shared directory.
TEST(FilesTest, ALinkPlantedAtTheTemporaryOrFinalNameIsNeverFollowed) {
  test::TempDir dir;
  Database db(dir.file("hr.db"));
  build(db);
  write_file(dir.path() / "victim.txt", "precious");
  write_file(dir.path() / "pay.csv", "contract,amount,date,ref\n");
  fs::create_symlink(dir.path() / "victim.txt", dir.path() / "report.json.tmp");
  fs::create_symlink(dir.path() / "victim.txt", dir.path() / "report.json");
  ImportOptions o;
  o.report_path = dir.file("report.json");
  db.import_file(ImportKind::payments, dir.file("pay.csv"), o);
  EXPECT_EQ(read_file(dir.path() / "victim.txt"), "precious");
  EXPECT_FALSE(fs::is_symlink(dir.path() / "report.json"));  // the link itself was replaced
  EXPECT_NE(read_file(dir.path() / "report.json").find("\"committed\":true"), std::string::npos);
  // An export directory that is a link is refused, its target untouched.
  fs::create_directory(dir.path() / "elsewhere");
  fs::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "export");
  EXPECT_THROW(db.export_to(dir.file("export")), ValidationError);
  EXPECT_TRUE(fs::is_empty(dir.path() / "elsewhere"));
}

// The defect: restore followed a link inside the export directory and
// echoed part of its target in the error.
TEST(FilesTest, RestoreRefusesALinkInsideTheExportAndNeverQuotesAFile) {
  test::TempDir dir;
  {
    Database db(dir.file("hr.db"));
    build(db);
    db.export_to(dir.file("export"));
  }
  write_file(dir.path() / "secret.txt", "root:$6$SECRET-HASH:19000:0:99999:7:::\n");
  fs::remove(dir.path() / "export" / "events.jsonl");
  fs::create_symlink(dir.path() / "secret.txt", dir.path() / "export" / "events.jsonl");
  Database target(dir.file("target.db"));
  const std::string why = refusal(target, dir.file("export"));
  EXPECT_EQ(why.rfind("io.restore_not_regular", 0), 0u) << why;
  EXPECT_EQ(why.find("SECRET"), std::string::npos);
  EXPECT_EQ(why.find("root"), std::string::npos);
}

// The defect: an export killed while writing over an older one left a mix of
// old and new files that restored cleanly, with totals that disagreed with
// the payments. Now the new export is written aside and swapped in whole;
// a mixed directory is refused by its checksums.
TEST(FilesTest, AnExportReplacesTheOlderOneAsAWholeAndLeavesNoOldFile) {
  test::TempDir dir;
  Database db(dir.file("hr.db"));
  build(db);
  db.export_to(dir.file("export"));
  write_file(dir.path() / "export" / "obsolete_table.jsonl", "{}\n");  // a file of an older schema's export
  const Contract c = db.find_contracts().front();
  db.record_payment(c.id, cny("100.00"), d("2024-02-02"), "BANK-2");
  db.export_to(dir.file("export"));
  EXPECT_FALSE(fs::exists(dir.path() / "export" / "obsolete_table.jsonl"));
  // Nothing is left beside it: no temporary directory, no older export.
  EXPECT_EQ(names_in(dir.path()), (std::set<std::string>{"export", "hr.db", "hr.db-shm", "hr.db-wal"}));
  Database target(dir.file("target.db"));
  EXPECT_NO_THROW(target.import_export(dir.file("export")));
  EXPECT_EQ(target.contract(c.number).collected, cny("300100.00"));
}

TEST(FilesTest, AnExportNeverReplacesADirectoryThatIsNotAnExport) {
  test::TempDir dir;
  Database db(dir.file("hr.db"));
  build(db);
  fs::create_directory(dir.path() / "home");
  write_file(dir.path() / "home" / "notes.txt", "mine");
  EXPECT_THROW(db.export_to(dir.file("home")), ValidationError);
  EXPECT_EQ(read_file(dir.path() / "home" / "notes.txt"), "mine");
  db.export_to(dir.file("export"));
  write_file(dir.path() / "export" / "notes.txt", "mine too");
  EXPECT_THROW(db.export_to(dir.file("export")), ValidationError);
  EXPECT_EQ(read_file(dir.path() / "export" / "notes.txt"), "mine too");
  fs::create_directory(dir.path() / "empty");
  EXPECT_NO_THROW(db.export_to(dir.file("empty")));
}

TEST(FilesTest, AMixOfTwoExportsIsRefusedByItsChecksums) {
  test::TempDir dir;
  Database db(dir.file("hr.db"));
  build(db);
  db.export_to(dir.file("old"));
  const Contract c = db.find_contracts().front();
  db.record_payment(c.id, cny("100.00"), d("2024-02-02"), "BANK-2");
  db.export_to(dir.file("new"));
  // The new events with the old totals: what a killed non-atomic export left.
  fs::copy_file(dir.path() / "old" / "contract_totals.jsonl", dir.path() / "new" / "contract_totals.jsonl",
                fs::copy_options::overwrite_existing);
  Database target(dir.file("target.db"));
  const std::string why = refusal(target, dir.file("new"));
  EXPECT_EQ(why.rfind("io.restore_checksum", 0), 0u) << why;
  EXPECT_NE(why.find("contract_totals.jsonl"), std::string::npos);
  // Resealed (the checksums forged), the totals are checked against the
  // payment events they derive from.
  reseal(dir.path() / "new", "contract_totals.jsonl");
  const std::string derived = refusal(target, dir.file("new"));
  EXPECT_EQ(derived.rfind("io.restore_totals", 0), 0u) << derived;
  EXPECT_NE(derived.find(c.number), std::string::npos);
  EXPECT_TRUE(target.find_contracts().empty());
}

TEST(FilesTest, ALeftoverTemporaryExportIsNotMistakenForTheExport) {
  test::TempDir dir;
  Database db(dir.file("hr.db"));
  build(db);
  db.export_to(dir.file("export"));
  // A crash before the swap leaves a hidden directory beside the export;
  // the export itself is the older, complete one.
  fs::create_directory(dir.path() / ".export.pactum-crashed.tmp");
  write_file(dir.path() / ".export.pactum-crashed.tmp" / "events.jsonl", "{\"seq\":");
  Database target(dir.file("target.db"));
  EXPECT_NO_THROW(target.import_export(dir.file("export")));
}
