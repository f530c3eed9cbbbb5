// Internal: the rules of bulk import, pure (no SQL, no database): the
// columns of each kind, the header check, typed access to a record's fields,
// the contract columns read into a ContractSpec, how an import row compares
// with what is stored, the column an error concerns, the arguments of an
// import and its report file. src/store/import.cpp applies the rows.
// docs/import.md describes the formats.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pactum/contract/attributes.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/core/error.hpp"
#include "pactum/io/import.hpp"
#include "records.hpp"

namespace pactum::io {

// ---- Columns ------------------------------------------------------------------------

struct ColumnSpec {
  std::string_view name;
  bool required;
};

// The columns of `kind`, in documentation order.
const std::vector<ColumnSpec>& columns_of(ImportKind kind);
// The column naming a row in errors about the row as a whole.
const char* key_column(ImportKind kind);
// "code, name, parent, manager" (contracts add "attr:NAME:TYPE").
std::string column_list(ImportKind kind);
bool is_known_column(ImportKind kind, std::string_view name);

// A CSV attribute column of contracts, "attr:NAME:TYPE" (the type after the
// last colon): {name, type}, or nullopt when `column` does not start with
// "attr:". A malformed one is a ValidationError (io.bad_attribute_column).
std::optional<std::pair<std::string, AttributeType>> attribute_column(std::string_view column);

// The header of a CSV file: every column known, every required one present
// (io.unknown_column, io.missing_column at `line`).
void check_header(ImportKind kind, const std::vector<std::string>& columns, std::int64_t line);

// ---- One row ------------------------------------------------------------------------

// Typed access to a record's fields. Every accessor first makes its column
// the current one, so that an error thrown while converting or applying it
// is reported against that column. An empty text field is absent.
class Row {
 public:
  Row(const Record& record, ImportKind kind) : record_(record), kind_(kind) {}

  const std::string& column() const noexcept { return column_; }
  void at(std::string_view column) { column_ = std::string(column); }
  const Record& record() const noexcept { return record_; }
  ImportKind kind() const noexcept { return kind_; }

  // JSON Lines: every member must be a column of the kind (io.unknown_member).
  void check_members();

  std::optional<std::string> text(std::string_view column);
  std::string need(std::string_view column);
  std::optional<std::string> identifier(std::string_view column, std::size_t max = 64);
  std::string need_identifier(std::string_view column, std::size_t max = 64);
  std::optional<std::string> name(std::string_view column, std::size_t max = 200);
  std::string need_name(std::string_view column, std::size_t max = 200);
  std::optional<Date> date(std::string_view column);
  Date need_date(std::string_view column);
  // An amount: a plain decimal string ("1000.00"), never a JSON number.
  std::string need_amount(std::string_view column);
  // true/false (CSV also TRUE/FALSE, True/False, 1/0).
  std::optional<bool> boolean(std::string_view column);
  // A decimal integer ("85"; a JSON integer too).
  std::int64_t need_integer(std::string_view column);
  // The raw field (text, or a JSON array/object), for the structured columns.
  const Field* raw(std::string_view column) { return field(column); }

  [[noreturn]] void missing() const;

 private:
  const Field* field(std::string_view column);
  [[noreturn]] void wrong_kind(const Field& f, const char* key) const;

  const Record& record_;
  ImportKind kind_;
  std::string column_;
};

// ---- Structured cells -----------------------------------------------------------------

// Instalments written in one cell: "2024-02-01:500000.00;2024-03-01:500000.00".
std::vector<Installment> installments_from_text(const std::string& cell, Currency currency);
// Instalments of a JSON Lines record: [{"due": "2024-02-01", "amount": "500000.00"}, ...].
std::vector<Installment> installments_from_json(const std::string& text, Currency currency);
// Attributes of a JSON Lines record, as in contract documents: a string,
// true/false, or {"type": "money", "value": "1000.00 CNY"} per name.
Attributes attributes_from_json(const std::string& text);

// ---- Contracts ------------------------------------------------------------------------

// A contract row: the spec, the number it must carry (a row without an
// external id names its contract by number), the activation date.
struct ContractRecord {
  ContractSpec spec;
  std::optional<std::string> number;
  std::optional<Date> activated;
};

// Reads a contract row (`jsonl`: JSON Lines, else CSV); amounts without a
// currency column are in `currency`.
ContractRecord contract_record(Row& row, bool jsonl, Currency currency);

// The terms in which `spec` differs from the stored contract `c`
// ("amount, end"), empty when none.
std::string contract_differences(const ContractSpec& spec, const Contract& c);

// A row naming an existing record with other content: a ConflictError
// (io.WHAT_differs; `what`: department, employee or contract) listing `fields`.
[[noreturn]] void refuse_difference(const char* what, const std::string& key, const std::string& fields);
// Appends `field` to the list "a, b" when not `same`.
void add_difference(std::string& list, bool same, const char* field);

// A new contract was issued `issued` where the row says `requested`
// (io.contract_number_mismatch) when they differ.
void check_issued_number(const std::string& requested, const std::string& issued);

// ---- Errors of a row --------------------------------------------------------------------

// The column an error of a row concerns: the argument it names when that is
// a column, else the column whose value it quotes, else the row's current
// column, else the kind's key column.
std::string column_of(const Error& e, const Row& row);

// In all-or-nothing mode a refused row refuses the file: io.bad_row naming
// the line and the column (io.bad_line when `column` is empty), with the
// row's code and message.
[[noreturn]] void refuse_row(Errc code, std::int64_t line, const std::string& column, const std::string& message);

// The entry of a refusal of the whole file in its report: at the line and
// column the error names (the header), else line 0.
ImportRowError whole_file_error(const Error& e, Lang lang);

// ---- The import as a whole ----------------------------------------------------------------

// The format of `path`: `format` unless automatic, else by extension (.csv,
// .jsonl, .ndjson; io.unknown_format).
ImportFormat format_of(const std::string& path, ImportFormat format);

// The arguments of an import, before anything is read or written: the path,
// the kind, the size limit, and a report path that is neither the input nor
// one of `protected_files` (the database's own files).
void check_import_arguments(ImportKind kind, const std::string& path, const ImportOptions& options,
                            const std::vector<std::string>& protected_files);

// An output path (a report, an export) that is one of `protected_files` is
// refused (io.output_is_database); `name` is the argument's name.
void refuse_protected_output(const std::string& output, const char* name, const std::vector<std::string>& protected_files);

// Writes the report as a whole (CSV when `path` ends in .csv, else JSON).
void write_report(const ImportReport& report, const std::string& path, unsigned mode);

}  // namespace pactum::io
