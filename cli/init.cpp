// `pactum init`: creates a database, or says what an existing one is.
//   --db FILE init [--currency CODE]
// A new database gets the reporting currency CODE (default CNY). An existing
// Pactum database is opened (and migrated to this version's schema) and
// described; asking it for another currency is a conflict. A file that is
// not a Pactum database is refused and left alone.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

namespace fs = std::filesystem;

// The file holds data of another program: a SQLite database whose
// user_version Pactum never wrote (0), or not SQLite at all. Empty files and
// missing files are fine.
bool foreign_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec) || fs::file_size(path, ec) == 0) return false;
  std::ifstream in(path, std::ios::binary);
  std::string header(100, '\0');
  if (!in.read(header.data(), 100)) return true;
  if (header.compare(0, 16, std::string("SQLite format 3\0", 16)) != 0) return true;
  const auto byte = [&](int i) { return static_cast<unsigned char>(header[static_cast<std::size_t>(i)]); };
  return byte(60) == 0 && byte(61) == 0 && byte(62) == 0 && byte(63) == 0;
}

}  // namespace

int run_init(Invocation& inv) {
  const auto currency = take_option(inv.args, "currency");
  refuse_unknown_options(inv, inv.args);
  if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
  if (!inv.db) throw UsageError{inv.text("cli.init_needs_db")};
  // Checked before anything touches the file.
  if (currency) (void)Currency::of(*currency);
  std::error_code ec;
  const bool existed = *inv.db != ":memory:" && fs::exists(*inv.db, ec) && fs::file_size(*inv.db, ec) > 0;
  if (*inv.db != ":memory:" && foreign_file(*inv.db)) raise(Errc::conflict, "cli.init_foreign_file", {{"path", *inv.db}});
  OpenOptions options;
  options.lang = inv.lang;
  options.currency = currency;
  Database db(*inv.db, options);
  const MessageArgs args = {{"path", *inv.db},
                            {"schema", std::to_string(Database::schema_version())},
                            {"currency", std::string(db.reporting_currency().code())}};
  *inv.out << inv.text(existed ? "cli.init_existing" : "cli.init_created", args) << "\n";
  return kExitOk;
}

}  // namespace pactum::cli
