// The rules of bulk import over values, without a database
// (src/io/import_rows.hpp): the header, typed fields, structured cells, the
// contract row and how it compares with a stored contract, the column an
// error concerns, and the arguments of an import.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "io/import_rows.hpp"
#include "pactum/core/error.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

io::Record record(std::vector<io::Field> fields, std::int64_t line = 2) {
  io::Record r;
  r.line = line;
  r.fields = std::move(fields);
  return r;
}

io::Field text(const char* name, const char* value) { return io::Field{name, value, io::ValueKind::text}; }

Date d(const char* s) { return Date::parse(s); }

}  // namespace

TEST(ImportRules, HeaderNamesEveryRequiredColumnAndNoUnknownOne) {
  EXPECT_NO_THROW(io::check_header(ImportKind::payments, {"contract", "amount", "date", "ref"}, 1));
  EXPECT_EQ(key_of([] { io::check_header(ImportKind::payments, {"contract", "amount", "date"}, 1); }), "io.missing_column");
  EXPECT_EQ(key_of([] { io::check_header(ImportKind::payments, {"contract", "amount", "date", "ref", "x"}, 1); }),
            "io.unknown_column");
  // "attributes" is a JSON Lines member only; CSV writes one attr:NAME:TYPE column each.
  EXPECT_EQ(key_of([] { io::check_header(ImportKind::contracts, {"external_id", "attributes"}, 1); }), "io.unknown_column");
  EXPECT_EQ(key_of([] { io::check_header(ImportKind::contracts, {"attr::text"}, 1); }), "io.bad_attribute_column");
  try {
    io::check_header(ImportKind::departments, {"code"}, 3);
    ADD_FAILURE() << "no refusal";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "io.missing_column");
    bool line = false;
    for (const auto& [name, value] : e.args()) line = line || (name == "line" && value == "3");
    EXPECT_TRUE(line);
  }
  // Every required column of every kind is known, and the key column is a column.
  for (ImportKind kind : import_kinds()) {
    std::vector<std::string> required;
    for (const io::ColumnSpec& c : io::columns_of(kind)) {
      EXPECT_TRUE(io::is_known_column(kind, c.name));
      if (c.required) required.emplace_back(c.name);
    }
    EXPECT_NO_THROW(io::check_header(kind, required, 1)) << import_kind_name(kind);
    EXPECT_TRUE(io::is_known_column(kind, io::key_column(kind))) << import_kind_name(kind);
  }
}

TEST(ImportRules, TypedFieldsRefuseWhatTheirColumnCannotHold) {
  const io::Record r = record({text("flag", "maybe"), text("n", "12x"), io::Field{"amount", "10.5", io::ValueKind::number},
                               text("empty", ""), text("yes", "TRUE"), io::Field{"json_no", "false", io::ValueKind::boolean}});
  io::Row row(r, ImportKind::payments);
  EXPECT_EQ(key_of([&] { row.boolean("flag"); }), "io.bad_boolean");
  EXPECT_EQ(row.column(), "flag");  // the column the error concerns
  EXPECT_EQ(key_of([&] { row.need_integer("n"); }), "io.bad_integer");
  EXPECT_EQ(key_of([&] { row.need_amount("amount"); }), "io.amount_not_string");
  EXPECT_EQ(key_of([&] { row.need("empty"); }), "io.missing_value");  // an empty field is absent
  EXPECT_EQ(key_of([&] { row.need("absent"); }), "io.missing_value");
  EXPECT_EQ(row.boolean("yes"), std::optional<bool>(true));
  EXPECT_EQ(row.boolean("json_no"), std::optional<bool>(false));
  EXPECT_EQ(key_of([&] { row.text("amount"); }), "io.not_string");
  // Integers: at most 18 digits, a sign allowed.
  const io::Record ints = record({text("a", "-85"), text("b", "1234567890123456789")});
  io::Row int_row(ints, ImportKind::satisfaction);
  EXPECT_EQ(int_row.need_integer("a"), -85);
  EXPECT_EQ(key_of([&] { int_row.need_integer("b"); }), "io.bad_integer");
}

TEST(ImportRules, JsonLinesMembersAreColumnsOfTheKind) {
  const io::Record r = record({text("contract", "HT-1"), text("colour", "red")});
  io::Row row(r, ImportKind::deliveries);
  EXPECT_EQ(key_of([&] { row.check_members(); }), "io.unknown_member");
  EXPECT_EQ(row.column(), "colour");
}

TEST(ImportRules, InstalmentCellsInBothFormats) {
  const Currency cny = Currency::of("CNY");
  const auto text_form = io::installments_from_text("2024-02-01:500000.00;2024-03-01:500000.00", cny);
  const auto json_form = io::installments_from_json(
      R"([{"due":"2024-02-01","amount":"500000.00"},{"due":"2024-03-01","amount":"500000.00"}])", cny);
  ASSERT_EQ(text_form.size(), 2U);
  EXPECT_EQ(text_form, json_form);
  EXPECT_EQ(text_form[1].due, d("2024-03-01"));
  EXPECT_EQ(key_of([&] { io::installments_from_text("2024-02-01=5", cny); }), "io.bad_installment");
  EXPECT_EQ(key_of([&] { io::installments_from_json(R"({"due":"2024-02-01"})", cny); }), "io.not_array");
  EXPECT_EQ(key_of([&] { io::installments_from_json(R"([{"due":"2024-02-01","amount":5}])", cny); }),
            "io.bad_installment_json");
  EXPECT_EQ(key_of([&] { io::attributes_from_json(R"({"a":1})"); }), "contract.json_not_attribute");
  EXPECT_EQ(key_of([&] { io::attributes_from_json(R"([1])"); }), "io.not_object");
}

TEST(ImportRules, ContractRowAndItsDifferencesFromTheStoredContract) {
  const io::Record r = record({text("number", "HT-7"), text("type", "sales"), text("owner", "E001"),
                               text("amount", "1000.00"), text("signed", "2024-01-10"), text("end", "2024-06-30"),
                               text("counterparty", "ACME"), text("attr:region:text", "east")});
  io::Row row(r, ImportKind::contracts);
  const io::ContractRecord c = io::contract_record(row, false, Currency::of("CNY"));
  EXPECT_EQ(c.number, std::optional<std::string>("HT-7"));
  EXPECT_EQ(c.spec.amount, Money::parse("1000.00", "CNY"));
  EXPECT_EQ(c.spec.attributes.at("region"), AttributeValue(std::string("east")));

  // A stored contract made of the same terms: no difference; each term changed: exactly that one.
  Contract stored;
  stored.type = c.spec.type;
  stored.owner = c.spec.owner;
  stored.amount = c.spec.amount;
  stored.signed_on = c.spec.signed_on;
  stored.start = c.spec.signed_on;
  stored.end = c.spec.end;
  stored.counterparty = c.spec.counterparty;
  stored.numbering = c.spec.numbering;
  stored.attributes = c.spec.attributes;
  stored.installments = {Installment{d("2024-06-30"), c.spec.amount}};
  EXPECT_EQ(io::contract_differences(c.spec, stored), "");
  Contract other = stored;
  other.amount = Money::parse("999.99", "CNY");
  other.counterparty = "Other";
  EXPECT_EQ(io::contract_differences(c.spec, other), "amount, counterparty");
  other = stored;
  other.installments = {Installment{d("2024-05-31"), c.spec.amount}};
  EXPECT_EQ(io::contract_differences(c.spec, other), "installments");

  // A row names its contract by external id or by number.
  const io::Record keyless = record({text("type", "sales")});
  io::Row keyless_row(keyless, ImportKind::contracts);
  EXPECT_EQ(key_of([&] { io::contract_record(keyless_row, false, Currency::of("CNY")); }), "io.contract_needs_key");
  EXPECT_EQ(key_of([] { io::check_issued_number("HT-7", "HT-8"); }), "io.contract_number_mismatch");
  EXPECT_NO_THROW(io::check_issued_number("HT-7", "HT-7"));
  EXPECT_EQ(key_of([] { io::refuse_difference("employee", "E001", "name"); }), "io.employee_differs");
}

TEST(ImportRules, TheColumnAnErrorConcerns) {
  const io::Record r = record({text("contract", "HT-1"), text("amount", "5"), text("date", "2024-01-01"), text("ref", "R1"),
                               text("currency", "USD")});
  io::Row row(r, ImportKind::payments);
  row.at("ref");
  // An argument naming a column of the row.
  EXPECT_EQ(io::column_of(Error(Errc::invalid_argument, "x", {{"column", "amount"}}), row), "amount");
  // A currency error where the row has a currency column.
  EXPECT_EQ(io::column_of(Error(Errc::currency_mismatch, "y", {}), row), "currency");
  // Otherwise the row's current column, else the kind's key column.
  EXPECT_EQ(io::column_of(Error(Errc::invalid_argument, "z", {}), row), "ref");
  io::Row fresh(r, ImportKind::payments);
  EXPECT_EQ(io::column_of(Error(Errc::invalid_argument, "z", {}), fresh), "contract");
  // Contract keys map to their columns.
  io::Row contract_row(r, ImportKind::contracts);
  EXPECT_EQ(io::column_of(Error(Errc::invalid_argument, "contract.end_before_start", {}), contract_row), "end");
}

TEST(ImportRules, ArgumentsFormatAndWholeFileErrors) {
  EXPECT_EQ(io::format_of("a/B.CSV", ImportFormat::automatic), ImportFormat::csv);
  EXPECT_EQ(io::format_of("x.ndjson", ImportFormat::automatic), ImportFormat::jsonl);
  EXPECT_EQ(io::format_of("x.txt", ImportFormat::csv), ImportFormat::csv);
  EXPECT_EQ(key_of([] { io::format_of("x.txt", ImportFormat::automatic); }), "io.unknown_format");

  ImportOptions o;
  const std::vector<std::string> db = {"/tmp/pactum-rule.db", "/tmp/pactum-rule.db-wal"};
  EXPECT_NO_THROW(io::check_import_arguments(ImportKind::payments, "p.csv", o, db));
  EXPECT_EQ(key_of([&] { io::check_import_arguments(ImportKind::payments, "", o, db); }), "io.empty_path");
  o.max_bytes = 0;
  EXPECT_EQ(key_of([&] { io::check_import_arguments(ImportKind::payments, "p.csv", o, db); }), "io.bad_max_bytes");
  o.max_bytes = 10;
  o.report_path = "p.csv";
  EXPECT_EQ(key_of([&] { io::check_import_arguments(ImportKind::payments, "p.csv", o, db); }), "io.output_is_input");
  o.report_path = "/tmp/pactum-rule.db-wal";
  EXPECT_EQ(key_of([&] { io::check_import_arguments(ImportKind::payments, "p.csv", o, db); }), "io.output_is_database");
  o.report_path = std::string("r\xff.json");
  EXPECT_EQ(key_of([&] { io::check_import_arguments(ImportKind::payments, "p.csv", o, db); }), "core.bad_utf8");

  EXPECT_EQ(key_of([] { io::refuse_row(Errc::invalid_argument, 4, "amount", "bad"); }), "io.bad_row");
  EXPECT_EQ(key_of([] { io::refuse_row(Errc::invalid_argument, 4, "", "bad"); }), "io.bad_line");
  const ImportRowError e = io::whole_file_error(Error(Errc::invalid_argument, "io.missing_column", {{"line", "1"}, {"column", "ref"}}), Lang::en);
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, "ref");
  EXPECT_EQ(e.key, "io.missing_column");
  EXPECT_FALSE(e.message.empty());
}
