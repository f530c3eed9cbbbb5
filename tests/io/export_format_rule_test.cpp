// The export format and the checks of a restore over values, without a
// database (src/io/export_format.hpp): the manifest round trip, amounts as
// text, restored values by column kind, and the refusals of a restore.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <variant>

#include "io/export_format.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

std::string hex64(std::mt19937_64& rng) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 64; ++i) out += kHex[rng() % 16];
  return out;
}

io::Field field(const char* name, std::string value, io::ValueKind kind) { return io::Field{name, std::move(value), kind}; }

}  // namespace

// Law: every summary the export writes reads back as itself.
TEST(ExportFormatRules, ManifestRoundTrip) {
  std::mt19937_64 rng(20261207);
  for (int round = 0; round < 200; ++round) {
    ExportSummary s;
    s.directory = "/backups/x";
    s.schema_version = static_cast<int>(rng() % 50);
    s.reporting_currency = round % 2 == 0 ? "CNY" : "USD";
    if (round % 3 == 0) s.clock = "2024-0" + std::to_string(1 + rng() % 9) + "-15";
    std::vector<io::FileSeal> seals;
    const int tables = static_cast<int>(rng() % 6);
    for (int t = 0; t < tables; ++t) {
      s.tables.push_back(ExportTable{"table_" + std::to_string(t) + (rng() % 2 ? "\"q\\" : ""), static_cast<std::int64_t>(rng() % 100000)});
      seals.push_back(io::FileSeal{static_cast<std::int64_t>(rng() % 1000000), hex64(rng)});
    }
    const io::Manifest m = io::parse_manifest(io::manifest_text(s, seals), "m.json", s.directory);
    EXPECT_EQ(m.version, io::kManifestVersion);
    EXPECT_EQ(m.summary.schema_version, s.schema_version);
    EXPECT_EQ(m.summary.reporting_currency, s.reporting_currency);
    EXPECT_EQ(m.summary.clock, s.clock);
    ASSERT_EQ(m.summary.tables.size(), s.tables.size());
    ASSERT_EQ(m.seals.size(), seals.size());
    for (std::size_t i = 0; i < s.tables.size(); ++i) {
      EXPECT_EQ(m.summary.tables[i].name, s.tables[i].name);
      EXPECT_EQ(m.summary.tables[i].rows, s.tables[i].rows);
      EXPECT_EQ(m.seals[i].bytes, seals[i].bytes);
      EXPECT_EQ(m.seals[i].sha256, seals[i].sha256);
    }
  }
}

TEST(ExportFormatRules, ManifestRefusalsNameTheMember) {
  const std::string good = R"({"format":"pactum-export","version":2,"schema_version":3,"reporting_currency":"CNY",
                               "clock":null,"tables":[]})";
  EXPECT_NO_THROW(io::parse_manifest(good, "m", "d"));
  EXPECT_EQ(key_of([] { io::parse_manifest("[]", "m", "d"); }), "io.restore_bad_manifest");
  EXPECT_EQ(key_of([] { io::parse_manifest(R"({"format":"other"})", "m", "d"); }), "io.restore_not_export");
  EXPECT_EQ(key_of([] { io::parse_manifest(R"({"format":"pactum-export","version":3})", "m", "d"); }),
            "io.restore_manifest_version");
  EXPECT_EQ(key_of([] {
              io::parse_manifest(R"({"format":"pactum-export","version":2,"schema_version":3,"reporting_currency":"CNY",
                                     "clock":"2024-13-01","tables":[]})",
                                 "m", "d");
            }),
            "io.restore_bad_manifest");
  // Version 2 binds every table to its file by size and checksum.
  EXPECT_EQ(key_of([] {
              io::parse_manifest(R"({"format":"pactum-export","version":2,"schema_version":3,"reporting_currency":"CNY",
                                     "clock":null,"tables":[{"name":"meta","rows":1}]})",
                                 "m", "d");
            }),
            "io.restore_bad_manifest");
  EXPECT_NO_THROW(io::parse_manifest(R"({"format":"pactum-export","version":1,"schema_version":3,"reporting_currency":"CNY",
                                        "clock":null,"tables":[{"name":"meta","rows":1}]})",
                                     "m", "d"));
}

// Law: an amount written as text reads back as the same units.
TEST(ExportFormatRules, UnitsTextRoundTrip) {
  std::mt19937_64 rng(7);
  const std::int64_t samples[] = {0, 1, -1, 100, 12345, -99999999, std::numeric_limits<std::int64_t>::max(),
                                  std::numeric_limits<std::int64_t>::min() + 1};
  for (std::int64_t u : samples) {
    EXPECT_EQ(Money::parse(io::units_text(u), Currency()).units(), u) << io::units_text(u);
  }
  for (int i = 0; i < 2000; ++i) {
    const auto u = static_cast<std::int64_t>(rng() >> (rng() % 63)) * (rng() % 2 ? 1 : -1);
    const std::string t = io::units_text(u);
    EXPECT_EQ(Money::parse(t, Currency()).units(), u) << t;
    const std::string fraction = t.substr(t.find('.') + 1);
    EXPECT_GE(fraction.size(), 2U);
    EXPECT_LE(fraction.size(), 4U);
  }
  EXPECT_EQ(io::units_text(12500), "1.25");
  EXPECT_EQ(io::units_text(-1), "-0.0001");
}

TEST(ExportFormatRules, RestoredValuesByKind) {
  using K = io::ColumnKind;
  EXPECT_EQ(std::get<std::int64_t>(io::restored_value({"n", K::integer}, field("n", "-42", io::ValueKind::number))), -42);
  EXPECT_EQ(key_of([] { io::restored_value({"n", K::integer}, field("n", "42", io::ValueKind::text)); }), "io.restore_bad_value");
  try {
    io::restored_value({"n", K::integer}, field("n", "99999999999999999999", io::ValueKind::number));
    ADD_FAILURE() << "no refusal";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "io.restore_bad_value");
  }
  EXPECT_EQ(std::get<std::int64_t>(io::restored_value({"m", K::money}, field("m", "1000.25", io::ValueKind::text))), 10002500);
  EXPECT_EQ(std::get<std::int64_t>(io::restored_value({"b", K::boolean}, field("b", "true", io::ValueKind::boolean))), 1);
  EXPECT_EQ(key_of([] { io::restored_value({"b", K::boolean}, field("b", "1", io::ValueKind::text)); }), "io.restore_bad_value");
  EXPECT_EQ(std::get<std::string>(io::restored_value({"d", K::date}, field("d", "", io::ValueKind::text))), "");
  EXPECT_EQ(key_of([] { io::restored_value({"d", K::date}, field("d", "2024-02-30", io::ValueKind::text)); }),
            "io.restore_bad_value");
  EXPECT_EQ(key_of([] { io::restored_value({"e", K::event_type}, field("e", "no_such_event", io::ValueKind::text)); }),
            "io.restore_bad_value");
  // The refusal names the column and its kind, never the value.
  try {
    io::restored_value({"secret", K::money}, field("secret", "SALARY-123", io::ValueKind::text));
  } catch (const Error& e) {
    for (const auto& [name, value] : e.args()) EXPECT_EQ(value.find("SALARY"), std::string::npos) << name;
  }
  const io::ExportTableSpec spec{"t", {{"a", K::text}}};
  io::Record r;
  r.fields = {field("a", "x", io::ValueKind::text), field("b", "y", io::ValueKind::text)};
  EXPECT_EQ(key_of([&] { io::check_restored_members(r, spec); }), "io.restore_unknown_column");
  r.fields.pop_back();
  EXPECT_NO_THROW(io::check_restored_members(r, spec));
  r.problem = io::RecordProblem{"io.not_object", {}, ""};
  EXPECT_EQ(key_of([&] { io::check_restored_members(r, spec); }), "io.restore_malformed");
}

TEST(ExportFormatRules, RestoreChecks) {
  EXPECT_EQ(key_of([] { io::check_restore_arguments("", false); }), "io.empty_path");
  EXPECT_EQ(key_of([] { io::check_restore_arguments("dir", true); }), "io.restore_in_transaction");
  EXPECT_NO_THROW(io::check_restore_arguments("dir", false));
  EXPECT_EQ(test::code_of([] { io::check_restored_schema(9, 8); }), Errc::schema_too_new);
  EXPECT_EQ(key_of([] { io::check_restored_schema(7, 8); }), "io.restore_schema_older");
  EXPECT_NO_THROW(io::check_restored_schema(8, 8));

  ExportSummary s;
  s.tables = {ExportTable{"meta", 1}, ExportTable{"events", 3}};
  EXPECT_NO_THROW(io::check_listed_tables(s, {"meta", "events"}));
  EXPECT_EQ(key_of([&] { io::check_listed_tables(s, {"meta", "events", "contracts"}); }), "io.restore_missing_table");
  EXPECT_EQ(key_of([&] { io::check_listed_tables(s, {"meta"}); }), "io.restore_unknown_table");

  EXPECT_EQ(key_of([] { io::require_new_table("events", false); }), "io.restore_not_empty");
  EXPECT_EQ(key_of([] { io::check_row_count("events", 2, 3); }), "io.restore_count");
  EXPECT_EQ(key_of([] { io::refuse_foreign_key("events", std::nullopt, "contracts"); }), "io.restore_foreign_key");
  EXPECT_EQ(key_of([] { io::check_restored_total("HT-1", 100, 90); }), "io.restore_totals");
  EXPECT_EQ(key_of([] { io::check_restored_total("HT-1", std::nullopt, 0); }), "io.restore_totals");
  EXPECT_NO_THROW(io::check_restored_total("HT-1", 100, 100));
  EXPECT_EQ(key_of([] { io::check_tracking_index(11, 10); }), "io.restore_tracking_ahead");
  EXPECT_NO_THROW(io::check_tracking_index(10, 10));

  s.reporting_currency = "CNY";
  s.clock = "2024-03-01";
  EXPECT_NO_THROW(io::check_restored_settings("d", s, std::string("CNY"), std::string("2024-03-01")));
  EXPECT_EQ(key_of([&] { io::check_restored_settings("d", s, std::string("USD"), std::string("2024-03-01")); }),
            "io.restore_meta_differs");
  EXPECT_EQ(key_of([&] { io::check_restored_settings("d", s, std::string("CNY"), std::nullopt); }), "io.restore_meta_differs");
  EXPECT_EQ(key_of([] { io::refuse_restored_line(Errc::invalid_argument, "events.jsonl", 7, "why"); }), "io.restore_bad_line");
}

TEST(ExportFormatRules, ExportTarget) {
  const io::ExportTarget t = io::export_target("backups/out/", {});
  EXPECT_EQ(t.name, "out");
  EXPECT_EQ(t.parent, "backups");
  EXPECT_EQ(io::export_target("out", {}).parent, ".");
  EXPECT_EQ(key_of([] { io::export_target("backups/..", {}); }), "io.export_not_directory");
  EXPECT_EQ(key_of([] { io::export_target("", {}); }), "io.empty_path");
  EXPECT_EQ(key_of([] { io::export_target("/tmp/pactum-rule.db", {"/tmp/pactum-rule.db"}); }), "io.output_is_database");
}

// Stored bytes travel as base64: every byte string comes back as it was, and
// anything but well-formed base64 is refused.
TEST(ExportFormatRules, BytesTravelAsBase64) {
  EXPECT_EQ(io::base64_of(""), "");
  EXPECT_EQ(io::base64_of("f"), "Zg==");
  EXPECT_EQ(io::base64_of("fo"), "Zm8=");
  EXPECT_EQ(io::base64_of("foo"), "Zm9v");
  EXPECT_EQ(io::base64_of("foobar"), "Zm9vYmFy");
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes(rng() % 40, '\0');
    for (char& b : bytes) b = static_cast<char>(rng() % 256);
    EXPECT_EQ(io::bytes_of_base64(io::base64_of(bytes)), bytes);
  }
  for (const char* bad : {"Zg=", "Z===", "Zg==Zg==", "Zm9v!A==", "=Zg=", "Zm9"}) {
    EXPECT_FALSE(io::bytes_of_base64(bad).has_value()) << bad;
  }
  io::ExportColumn column{"data", io::ColumnKind::bytes};
  io::Field f;
  f.name = "data";
  f.kind = io::ValueKind::text;
  f.value = "AP8=";
  const io::RestoredValue v = io::restored_value(column, f);
  ASSERT_TRUE(std::holds_alternative<io::RestoredBytes>(v));
  EXPECT_EQ(std::get<io::RestoredBytes>(v).bytes, std::string("\0\xff", 2));
  f.value = "not base64";
  EXPECT_EQ(key_of([&] { (void)io::restored_value(column, f); }), "io.restore_bad_value");
}
