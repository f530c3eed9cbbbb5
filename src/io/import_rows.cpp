// The rules of bulk import (import_rows.hpp).
#include "import_rows.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "../core/json_document.hpp"
#include "pactum/contract/amendment.hpp"
#include "pactum/core/text.hpp"
#include "pactum/io/files.hpp"
#include "pactum/org/directory.hpp"

namespace pactum::io {

namespace {

using Json = nlohmann::json;

}  // namespace

// ---- Columns ------------------------------------------------------------------------

const std::vector<ColumnSpec>& columns_of(ImportKind kind) {
  static const std::vector<ColumnSpec> departments = {
      {"code", true}, {"name", true}, {"parent", false}, {"manager", false}};
  static const std::vector<ColumnSpec> employees = {{"id", true},       {"name", true},   {"department", true},
                                                    {"position", true}, {"hired", false}, {"manager", false}};
  static const std::vector<ColumnSpec> contracts = {
      {"external_id", false}, {"number", false},       {"type", true},         {"owner", true},
      {"amount", true},       {"currency", false},     {"signed", true},       {"start", false},
      {"end", false},         {"delivery_due", false}, {"counterparty", true}, {"key_account", false},
      {"installments", false}, {"numbering", false},   {"activated", false},   {"attributes", false},
      {"actor", false}};
  static const std::vector<ColumnSpec> payments = {{"contract", true}, {"amount", true},  {"date", true},
                                                   {"ref", true},      {"currency", false}, {"source", false},
                                                   {"actor", false}};
  static const std::vector<ColumnSpec> reversals = {{"ref", true}, {"date", true}, {"source", false}, {"actor", false}};
  static const std::vector<ColumnSpec> deliveries = {{"contract", true}, {"date", true}, {"accepted", false},
                                                     {"note", false},    {"key", false}, {"source", false},
                                                     {"actor", false}};
  static const std::vector<ColumnSpec> satisfaction = {{"contract", true}, {"date", true},   {"score", true},
                                                       {"key", false},     {"source", false}, {"actor", false}};
  switch (kind) {
    case ImportKind::departments: return departments;
    case ImportKind::employees: return employees;
    case ImportKind::contracts: return contracts;
    case ImportKind::payments: return payments;
    case ImportKind::reversals: return reversals;
    case ImportKind::deliveries: return deliveries;
    case ImportKind::satisfaction: return satisfaction;
  }
  return payments;
}

// The column naming a row in errors about the row as a whole.
const char* key_column(ImportKind kind) {
  switch (kind) {
    case ImportKind::departments: return "code";
    case ImportKind::employees: return "id";
    case ImportKind::contracts: return "external_id";
    case ImportKind::reversals: return "ref";
    default: return "contract";
  }
}

std::string column_list(ImportKind kind) {
  std::string out;
  for (const ColumnSpec& c : columns_of(kind)) {
    if (!out.empty()) out += ", ";
    out += c.name;
  }
  if (kind == ImportKind::contracts) out += ", attr:NAME:TYPE";
  return out;
}

bool is_known_column(ImportKind kind, std::string_view name) {
  for (const ColumnSpec& c : columns_of(kind)) {
    if (c.name == name) return true;
  }
  return false;
}

// A CSV attribute column of contracts: "attr:NAME:TYPE" (the type is after
// the last colon). Returns {name, type}, or nullopt when `column` does not
// start with "attr:".
std::optional<std::pair<std::string, AttributeType>> attribute_column(std::string_view column) {
  constexpr std::string_view kPrefix = "attr:";
  if (column.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::string_view rest = column.substr(kPrefix.size());
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    raise(Errc::invalid_argument, "io.bad_attribute_column", {{"column", std::string(column)}});
  }
  const std::string name(rest.substr(0, colon));
  require_identifier(name, "attribute name");
  return std::make_pair(name, parse_attribute_type(rest.substr(colon + 1)));
}

// The header of a CSV file: every column known, every required one present.
void check_header(ImportKind kind, const std::vector<std::string>& columns, std::int64_t line) {
  for (const std::string& c : columns) {
    if (is_known_column(kind, c) && c != "attributes") continue;
    if (kind == ImportKind::contracts && attribute_column(c)) continue;
    raise(Errc::invalid_argument, "io.unknown_column",
          {{"line", std::to_string(line)}, {"column", c}, {"kind", import_kind_name(kind)}, {"columns", column_list(kind)}});
  }
  for (const ColumnSpec& spec : columns_of(kind)) {
    if (!spec.required) continue;
    bool found = false;
    for (const std::string& c : columns) found = found || c == spec.name;
    if (!found) {
      raise(Errc::invalid_argument, "io.missing_column",
            {{"line", std::to_string(line)}, {"column", std::string(spec.name)}, {"kind", import_kind_name(kind)}});
    }
  }
}

// ---- One row ------------------------------------------------------------------------

void Row::check_members() {
  for (const Field& f : record_.fields) {
    if (!is_known_column(kind_, f.name)) {
      column_ = f.name;
      raise(Errc::invalid_argument, "io.unknown_member", {{"column", f.name}, {"columns", column_list(kind_)}});
    }
  }
}

std::optional<std::string> Row::text(std::string_view column) {
  const Field* f = field(column);
  if (f == nullptr) return std::nullopt;
  if (f->kind != ValueKind::text) wrong_kind(*f, "io.not_string");
  return f->value;
}

std::string Row::need(std::string_view column) {
  auto v = text(column);
  if (!v) missing();
  return *v;
}

std::optional<std::string> Row::identifier(std::string_view column, std::size_t max) {
  auto v = text(column);
  if (v) require_identifier(*v, column, max);
  return v;
}

std::string Row::need_identifier(std::string_view column, std::size_t max) {
  auto v = identifier(column, max);
  if (!v) missing();
  return *v;
}

std::optional<std::string> Row::name(std::string_view column, std::size_t max) {
  auto v = text(column);
  if (v) require_name(*v, column, max);
  return v;
}

std::string Row::need_name(std::string_view column, std::size_t max) {
  auto v = name(column, max);
  if (!v) missing();
  return *v;
}

std::optional<Date> Row::date(std::string_view column) {
  auto v = text(column);
  if (!v) return std::nullopt;
  return Date::parse(*v);
}

Date Row::need_date(std::string_view column) {
  auto v = date(column);
  if (!v) missing();
  return *v;
}

std::string Row::need_amount(std::string_view column) {
  const Field* f = field(column);
  if (f == nullptr) missing();
  if (f->kind == ValueKind::number) raise(Errc::invalid_argument, "io.amount_not_string", {{"value", f->value}});
  if (f->kind != ValueKind::text) wrong_kind(*f, "io.not_string");
  return f->value;
}

std::optional<bool> Row::boolean(std::string_view column) {
  const Field* f = field(column);
  if (f == nullptr) return std::nullopt;
  if (f->kind == ValueKind::boolean) return f->value == "true";
  if (f->kind != ValueKind::text) wrong_kind(*f, "io.not_boolean");
  const std::string& v = f->value;
  if (v == "true" || v == "TRUE" || v == "True" || v == "1") return true;
  if (v == "false" || v == "FALSE" || v == "False" || v == "0") return false;
  raise(Errc::invalid_argument, "io.bad_boolean", {{"value", v}});
}

std::int64_t Row::need_integer(std::string_view column) {
  const Field* f = field(column);
  if (f == nullptr) missing();
  if (f->kind != ValueKind::text && f->kind != ValueKind::number) wrong_kind(*f, "io.not_integer");
  const std::string& v = f->value;
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  bool digits = i < v.size() && v.size() - i <= 18;
  for (std::size_t k = i; k < v.size(); ++k) digits = digits && v[k] >= '0' && v[k] <= '9';
  if (!digits) raise(Errc::invalid_argument, "io.bad_integer", {{"value", v}});
  return std::stoll(v);
}

void Row::missing() const { raise(Errc::invalid_argument, "io.missing_value", {{"column", column_}}); }

const Field* Row::field(std::string_view column) {
  column_ = std::string(column);
  const Field* f = record_.find(column);
  if (f == nullptr || (f->kind == ValueKind::text && f->value.empty())) return nullptr;
  return f;
}

void Row::wrong_kind(const Field& f, const char* key) const {
  raise(Errc::invalid_argument, key, {{"column", f.name}, {"value", f.value}});
}

// ---- Structured cells -----------------------------------------------------------------

// Instalments written in one cell: "2024-02-01:500000.00;2024-03-01:500000.00".
std::vector<Installment> installments_from_text(const std::string& cell, Currency currency) {
  std::vector<Installment> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find(';', start);
    if (end == std::string::npos) end = cell.size();
    const std::string item = cell.substr(start, end - start);
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos) raise(Errc::invalid_argument, "io.bad_installment", {{"item", item}});
    out.push_back(Installment{Date::parse(item.substr(0, colon)), Money::parse(item.substr(colon + 1), currency)});
    start = end + 1;
  }
  return out;
}

// Instalments of a JSON Lines record: [{"due": "2024-02-01", "amount": "500000.00"}, ...].
std::vector<Installment> installments_from_json(const std::string& text, Currency currency) {
  const Json list = json_document::parse(text, "installments");
  if (!list.is_array()) raise(Errc::invalid_argument, "io.not_array", {{"column", "installments"}});
  std::vector<Installment> out;
  std::size_t index = 0;
  for (const Json& item : list) {
    ++index;
    const bool shaped = item.is_object() && item.size() == 2 && item.contains("due") && item.contains("amount") &&
                        item["due"].is_string() && item["amount"].is_string();
    if (!shaped) raise(Errc::invalid_argument, "io.bad_installment_json", {{"index", std::to_string(index)}});
    out.push_back(Installment{Date::parse(item["due"].get<std::string>()),
                              Money::parse(item["amount"].get<std::string>(), currency)});
  }
  return out;
}

// Attributes of a JSON Lines record, as in contract documents: a string,
// true/false, or {"type": "money", "value": "1000.00 CNY"} per name.
Attributes attributes_from_json(const std::string& text) {
  const Json object = json_document::parse(text, "attributes");
  if (!object.is_object()) raise(Errc::invalid_argument, "io.not_object", {{"column", "attributes"}});
  Attributes out;
  for (const auto& [name, value] : object.items()) {
    require_identifier(name, "attribute name");
    if (value.is_string()) {
      out.emplace(name, AttributeValue(value.get<std::string>()));
    } else if (value.is_boolean()) {
      out.emplace(name, AttributeValue(value.get<bool>()));
    } else if (value.is_object() && value.size() == 2 && value.contains("type") && value.contains("value") &&
               value["type"].is_string() && value["value"].is_string()) {
      out.emplace(name, AttributeValue::parse(parse_attribute_type(value["type"].get<std::string>()),
                                              value["value"].get<std::string>()));
    } else {
      raise(Errc::invalid_argument, "contract.json_not_attribute", {{"name", name}});
    }
  }
  return out;
}

// ---- Contracts ------------------------------------------------------------------------

namespace {

// The attributes of a contract row: JSON Lines has one "attributes" object,
// CSV one "attr:NAME:TYPE" column per attribute (empty cells are absent).
Attributes contract_attributes(Row& row, bool jsonl) {
  Attributes out;
  if (jsonl) {
    if (const Field* f = row.raw("attributes")) {
      if (f->kind != ValueKind::json) raise(Errc::invalid_argument, "io.not_object", {{"column", "attributes"}});
      out = attributes_from_json(f->value);
    }
    return out;
  }
  for (const Field& f : row.record().fields) {
    auto attribute = attribute_column(f.name);
    if (!attribute) continue;
    row.at(f.name);
    if (f.value.empty()) continue;
    out.insert_or_assign(attribute->first, AttributeValue::parse(attribute->second, f.value));
  }
  return out;
}

}  // namespace

ContractRecord contract_record(Row& row, bool jsonl, Currency currency) {
  ContractRecord out;
  ContractSpec& spec = out.spec;
  spec.external_id = row.identifier("external_id", 200);
  out.number = row.text("number");
  if (out.number) require_utf8(*out.number, "number");
  row.at("external_id");
  if (!spec.external_id && !out.number) raise(Errc::invalid_argument, "io.contract_needs_key");
  spec.type = row.need("type");
  spec.owner = row.need_identifier("owner");
  const std::optional<std::string> code = row.text("currency");
  const Currency cur = code ? Currency::of(*code) : currency;
  spec.amount = Money::parse(row.need_amount("amount"), cur);
  spec.signed_on = row.need_date("signed");
  spec.start = row.date("start");
  spec.end = row.date("end");
  spec.delivery_due = row.date("delivery_due");
  spec.counterparty = row.need_name("counterparty");
  spec.key_account = row.boolean("key_account").value_or(false);
  if (const Field* f = row.raw("installments")) {
    if (f->kind == ValueKind::json) {
      spec.installments = installments_from_json(f->value, cur);
    } else if (f->kind == ValueKind::text) {
      spec.installments = installments_from_text(f->value, cur);
    } else {
      raise(Errc::invalid_argument, "io.not_array", {{"column", "installments"}});
    }
  }
  if (auto rule = row.text("numbering")) spec.numbering = *rule;
  out.activated = row.date("activated");
  spec.actor = row.name("actor");
  spec.attributes = contract_attributes(row, jsonl);
  return out;
}

void add_difference(std::string& list, bool same, const char* field) {
  if (same) return;
  if (!list.empty()) list += ", ";
  list += field;
}

std::string contract_differences(const ContractSpec& spec, const Contract& c) {
  std::string fields;
  add_difference(fields, c.type == spec.type, "type");
  add_difference(fields, c.owner == spec.owner, "owner");
  add_difference(fields, c.amount == spec.amount, "amount");
  add_difference(fields, c.signed_on == spec.signed_on, "signed");
  add_difference(fields, c.start == spec.start.value_or(spec.signed_on), "start");
  add_difference(fields, c.end == spec.end, "end");
  add_difference(fields, c.delivery_due == spec.delivery_due, "delivery_due");
  add_difference(fields, c.counterparty == spec.counterparty, "counterparty");
  add_difference(fields, c.key_account == spec.key_account, "key_account");
  add_difference(fields, c.numbering == spec.numbering, "numbering");
  // The default instalment is checked too, as create_contract checks it.
  std::vector<Installment> schedule = schedule_for(spec.installments, spec.amount, spec.signed_on, spec.end, spec.delivery_due);
  if (spec.installments.empty()) schedule = checked_schedule(std::move(schedule), spec.amount, spec.signed_on);
  add_difference(fields, c.installments == schedule, "installments");
  add_difference(fields, c.attributes == spec.attributes, "attributes");
  return fields;
}

void refuse_difference(const char* what, const std::string& key, const std::string& fields) {
  raise(Errc::conflict, std::string("io.") + what + "_differs", {{"key", key}, {"fields", fields}});
}

void check_issued_number(const std::string& requested, const std::string& issued) {
  if (requested != issued) {
    raise(Errc::invalid_argument, "io.contract_number_mismatch", {{"number", requested}, {"issued", issued}});
  }
}

// ---- Errors of a row --------------------------------------------------------------------

// The column an error of the public calls concerns: the argument it names
// when that is a column, else the column whose value it quotes, else the
// row's current column.
std::string column_of(const Error& e, const Row& row) {
  const ImportKind kind_ = row.kind();
  for (const auto& [name, value] : e.args()) {
    if ((name == "what" || name == "name" || name == "column") && row.record().find(value) != nullptr) return value;
  }
  if (row.column().rfind("attr:", 0) == 0) return row.column();
  if (kind_ == ImportKind::contracts) {
    static constexpr std::pair<std::string_view, std::string_view> kByKey[] = {
        {"contract.installment", "installments"},
        {"contract.end_", "end"},
        {"contract.delivery_", "delivery_due"},
        {"contract.no_exchange_rate", "currency"},
        {"contract.amount_", "amount"},
        {"contract.bad_type", "type"},
        {"contract.external_id", "external_id"},
        {"org.", "owner"},
        {"numbering.", "numbering"},
        {"contract.attribute", "attributes"},
        {"contract.bad_attribute", "attributes"},
        {"contract.bad_money_attribute", "attributes"},
        {"contract.bad_boolean", "attributes"},
    };
    for (const auto& [prefix, column] : kByKey) {
      if (e.key().rfind(prefix, 0) == 0) return std::string(column);
    }
  }
  if (kind_ == ImportKind::departments || kind_ == ImportKind::employees) {
    for (const auto& [name, value] : e.args()) {
      if (name != "code" && name != "id" && name != "manager") continue;
      for (const char* column : {"parent", "manager", "department"}) {
        const Field* f = row.record().find(column);
        if (f != nullptr && f->value == value && (kind_ == ImportKind::employees || std::string_view(column) != "department")) {
          return column;
        }
      }
    }
  }
  static constexpr std::pair<std::string_view, std::string_view> kEventKeys[] = {
      {"contract.before_", "date"},
      {"event.reversal_before_payment", "date"},
      {"event.already_reversed", "date"},
      {"event.bad_score", "score"},
  };
  for (const auto& [prefix, column] : kEventKeys) {
    if (e.key().rfind(prefix, 0) == 0 && row.record().find(column) != nullptr) return std::string(column);
  }
  if (e.code() == Errc::currency_mismatch && row.record().find("currency") != nullptr) return "currency";
  return row.column().empty() ? key_column(kind_) : row.column();
}


void refuse_row(Errc code, std::int64_t line, const std::string& column, const std::string& message) {
  if (column.empty()) raise(code, "io.bad_line", {{"line", std::to_string(line)}, {"reason", message}});
  raise(code, "io.bad_row", {{"line", std::to_string(line)}, {"column", column}, {"reason", message}});
}

ImportRowError whole_file_error(const Error& e, Lang lang) {
  ImportRowError out;
  for (const auto& [name, value] : e.args()) {
    if (name == "line") out.line = std::strtoll(value.c_str(), nullptr, 10);
    if (name == "column") out.column = value;
  }
  out.code = e.code();
  out.key = e.key();
  out.message = e.message(lang);
  return out;
}

// ---- The import as a whole ----------------------------------------------------------------

namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

ImportFormat format_of(const std::string& path, ImportFormat format) {
  if (format != ImportFormat::automatic) return format;
  const std::string ext = lower_extension(path);
  if (ext == ".csv") return ImportFormat::csv;
  if (ext == ".jsonl" || ext == ".ndjson") return ImportFormat::jsonl;
  raise(Errc::invalid_argument, "io.unknown_format", {{"path", path}});
}

void refuse_protected_output(const std::string& output, const char* name, const std::vector<std::string>& protected_files) {
  for (const std::string& file : protected_files) {
    if (same_file(output, file)) raise(Errc::invalid_argument, "io.output_is_database", {{"name", name}, {"path", output}});
  }
}

void check_import_arguments(ImportKind kind, const std::string& path, const ImportOptions& options,
                            const std::vector<std::string>& protected_files) {
  require_utf8(path, "path");
  if (path.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "path"}});
  parse_import_kind(import_kind_name(kind));
  if (options.max_bytes <= 0) raise(Errc::invalid_argument, "io.bad_max_bytes", {{"value", std::to_string(options.max_bytes)}});
  if (!options.report_path) return;
  const std::string& out = *options.report_path;
  require_utf8(out, "report");
  if (out.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "report"}});
  refuse_protected_output(out, "report", protected_files);
  if (same_file(out, path)) raise(Errc::invalid_argument, "io.output_is_input", {{"name", "report"}, {"path", out}});
}

void write_report(const ImportReport& report, const std::string& path, unsigned mode) {
  std::string text;
  if (lower_extension(path) == ".csv") {
    text = "line,column,code,error,message\r\n";
    for (const ImportRowError& e : report.errors) {
      text += std::to_string(e.line) + "," + csv_field(e.column) + "," + std::to_string(static_cast<int>(e.code)) + "," +
              errc_name(e.code) + "," + csv_field(e.message) + "\r\n";
    }
  } else {
    text = json::to_json(report) + "\n";
  }
  write_file_atomically(path, text, mode);
}

}  // namespace pactum::io
