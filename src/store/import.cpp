// Database::import_file: one CSV or JSON Lines file of one kind, in one
// atomic write. A first pass counts the records (and refuses a bad header
// before anything is written); the second applies them row by row.
//
// Payments take a dedicated path (the bulk of every import): contracts are
// read once and kept, each row is one INSERT into the event log, and the
// collected totals are written once per contract at the end. Its checks are
// those of Database::record_payment (src/store/events.cpp), with the same
// messages; a test compares both paths. Every other kind goes through the
// public Database calls.
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <exception>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include "../core/json_document.hpp"
#include "../io/records.hpp"
#include "bulk_cache.hpp"
#include "contracts_internal.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/contract/payment.hpp"
#include "pactum/core/text.hpp"
#include "pactum/io/files.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

namespace store {

namespace {

// ---- Columns of each kind ----------------------------------------------------------

struct ColumnSpec {
  std::string_view name;
  bool required;
};

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

// ---- One row -------------------------------------------------------------------------

// Typed access to a record's fields. Every accessor first makes its column
// the current one, so that an error thrown while converting or applying it
// is reported against that column.
class Row {
 public:
  Row(const io::Record& record, ImportKind kind) : record_(record), kind_(kind) {}

  const std::string& column() const noexcept { return column_; }
  void at(std::string_view column) { column_ = std::string(column); }
  const io::Record& record() const noexcept { return record_; }

  // JSON Lines: every member must be a column of the kind.
  void check_members() {
    for (const io::Field& f : record_.fields) {
      if (!is_known_column(kind_, f.name)) {
        column_ = f.name;
        raise(Errc::invalid_argument, "io.unknown_member", {{"column", f.name}, {"columns", column_list(kind_)}});
      }
    }
  }

  // The text of the column; an empty field is absent.
  std::optional<std::string> text(std::string_view column) {
    const io::Field* f = field(column);
    if (f == nullptr) return std::nullopt;
    if (f->kind != io::ValueKind::text) wrong_kind(*f, "io.not_string");
    return f->value;
  }
  std::string need(std::string_view column) {
    auto v = text(column);
    if (!v) missing();
    return *v;
  }
  std::optional<std::string> identifier(std::string_view column, std::size_t max = 64) {
    auto v = text(column);
    if (v) require_identifier(*v, column, max);
    return v;
  }
  std::string need_identifier(std::string_view column, std::size_t max = 64) {
    auto v = identifier(column, max);
    if (!v) missing();
    return *v;
  }
  std::optional<std::string> name(std::string_view column, std::size_t max = 200) {
    auto v = text(column);
    if (v) require_name(*v, column, max);
    return v;
  }
  std::string need_name(std::string_view column, std::size_t max = 200) {
    auto v = name(column, max);
    if (!v) missing();
    return *v;
  }
  std::optional<Date> date(std::string_view column) {
    auto v = text(column);
    if (!v) return std::nullopt;
    return Date::parse(*v);
  }
  Date need_date(std::string_view column) {
    auto v = date(column);
    if (!v) missing();
    return *v;
  }
  // An amount: a plain decimal string ("1000.00"), never a JSON number.
  std::string need_amount(std::string_view column) {
    const io::Field* f = field(column);
    if (f == nullptr) missing();
    if (f->kind == io::ValueKind::number) raise(Errc::invalid_argument, "io.amount_not_string", {{"value", f->value}});
    if (f->kind != io::ValueKind::text) wrong_kind(*f, "io.not_string");
    return f->value;
  }
  // true/false (CSV also TRUE/FALSE, True/False, 1/0).
  std::optional<bool> boolean(std::string_view column) {
    const io::Field* f = field(column);
    if (f == nullptr) return std::nullopt;
    if (f->kind == io::ValueKind::boolean) return f->value == "true";
    if (f->kind != io::ValueKind::text) wrong_kind(*f, "io.not_boolean");
    const std::string& v = f->value;
    if (v == "true" || v == "TRUE" || v == "True" || v == "1") return true;
    if (v == "false" || v == "FALSE" || v == "False" || v == "0") return false;
    raise(Errc::invalid_argument, "io.bad_boolean", {{"value", v}});
  }
  // A decimal integer ("85"; a JSON integer too).
  std::int64_t need_integer(std::string_view column) {
    const io::Field* f = field(column);
    if (f == nullptr) missing();
    if (f->kind != io::ValueKind::text && f->kind != io::ValueKind::number) wrong_kind(*f, "io.not_integer");
    const std::string& v = f->value;
    std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
    bool digits = i < v.size() && v.size() - i <= 18;
    for (std::size_t k = i; k < v.size(); ++k) digits = digits && v[k] >= '0' && v[k] <= '9';
    if (!digits) raise(Errc::invalid_argument, "io.bad_integer", {{"value", v}});
    return std::stoll(v);
  }
  // The raw field (text, or a JSON array/object), for the structured columns.
  const io::Field* raw(std::string_view column) { return field(column); }

  [[noreturn]] void missing() const { raise(Errc::invalid_argument, "io.missing_value", {{"column", column_}}); }

 private:
  const io::Field* field(std::string_view column) {
    column_ = std::string(column);
    const io::Field* f = record_.find(column);
    if (f == nullptr || (f->kind == io::ValueKind::text && f->value.empty())) return nullptr;
    return f;
  }
  [[noreturn]] void wrong_kind(const io::Field& f, const char* key) const {
    raise(Errc::invalid_argument, key, {{"column", f.name}, {"value", f.value}});
  }

  const io::Record& record_;
  ImportKind kind_;
  std::string column_;
};

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

using Json = nlohmann::json;

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

// ---- The import ------------------------------------------------------------------------

enum class Outcome { applied, unchanged };

// The progress callback threw: its exception is kept and rethrown once the
// write has rolled back.
struct CallbackThrew {};

class Import {
 public:
  Import(Database& db, ImportKind kind, const ImportOptions& options, ImportReport& report, bool jsonl)
      : db_(db), impl_(db.impl()), kind_(kind), options_(options), report_(report), jsonl_(jsonl) {}
  void set_jsonl(bool jsonl) noexcept { jsonl_ = jsonl; }

  // Applies every record of `reader` (inside the write).
  void run(io::RecordReader& reader) {
    high_water_ = last_seq();
    io::Record record;
    std::int64_t done = 0;
    std::int64_t reported = -1;
    while (reader.next(record)) {
      ++done;
      apply(record);
      if (done % kImportProgressInterval == 0) {
        progress(done);
        reported = done;
      }
    }
    flush_totals();
    if (reported != done) progress(done);
  }

  bool refused_by_row() const noexcept { return refused_; }
  std::exception_ptr callback_error() const noexcept { return callback_error_; }

 private:
  void apply(const io::Record& record) {
    if (record.problem) {
      const io::RecordProblem& p = *record.problem;
      fail(record.line, p.column, Errc::invalid_argument, p.key, render_message(p.key, impl_.lang, p.args));
      return;
    }
    Row row(record, kind_);
    // Rows made of several writes get their own savepoint in skip mode, so
    // that a refusal half way leaves nothing of the row.
    const bool savepoint = options_.mode == ImportMode::skip &&
                           (kind_ == ImportKind::contracts || kind_ == ImportKind::departments ||
                            kind_ == ImportKind::employees);
    if (savepoint) impl_.begin();
    try {
      if (jsonl_) row.check_members();
      const Outcome outcome = apply_row(row);
      if (savepoint) impl_.commit();
      if (outcome == Outcome::applied) {
        ++report_.applied;
      } else {
        ++report_.unchanged;
      }
    } catch (const Error& e) {
      if (savepoint) impl_.rollback();
      // The database itself failing is no fault of the row.
      if (category_of(e.code()) == ErrorCategory::storage) throw;
      fail(record.line, column_of(e, row), e.code(), e.key(), e.message(impl_.lang));
    } catch (...) {
      if (savepoint) impl_.rollback();
      throw;
    }
  }

  Outcome apply_row(Row& row) {
    switch (kind_) {
      case ImportKind::departments: return department(row);
      case ImportKind::employees: return employee(row);
      case ImportKind::contracts: return contract(row);
      case ImportKind::payments: return payment(row);
      case ImportKind::reversals: return reversal(row);
      case ImportKind::deliveries: return delivery(row);
      case ImportKind::satisfaction: return satisfaction(row);
    }
    raise(Errc::internal, "core.internal", {{"detail", "unknown import kind"}});
  }

  void fail(std::int64_t line, const std::string& column, Errc code, const std::string& key, const std::string& message) {
    report_.errors.push_back(ImportRowError{line, column, code, key, message});
    if (options_.mode == ImportMode::all_or_nothing) {
      refused_ = true;
      if (column.empty()) {
        raise(code, "io.bad_line", {{"line", std::to_string(line)}, {"reason", message}});
      }
      raise(code, "io.bad_row", {{"line", std::to_string(line)}, {"column", column}, {"reason", message}});
    }
    ++report_.skipped;
  }

  void progress(std::int64_t done) {
    if (!options_.progress) return;
    bool go = true;
    impl_.in_callback = true;
    try {
      go = options_.progress(done, report_.rows);
    } catch (...) {
      impl_.in_callback = false;
      callback_error_ = std::current_exception();
      throw CallbackThrew{};
    }
    impl_.in_callback = false;
    if (!go) {
      raise(Errc::cancelled, "io.cancelled", {{"done", std::to_string(done)}, {"total", std::to_string(report_.rows)}});
    }
  }

  // The column an error of the public calls concerns: the argument it names
  // when that is a column, else the column whose value it quotes, else the
  // row's current column.
  std::string column_of(const Error& e, const Row& row) const {
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
          const io::Field* f = row.record().find(column);
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

  std::int64_t last_seq() {
    auto st = impl_.statement("SELECT COALESCE(MAX(seq), 0) FROM events");
    st->executeStep();
    return st->getColumn(0).getInt64();
  }

  // An event the public calls returned: new when past the high-water mark.
  Outcome event_outcome(const Event& e) {
    if (e.seq > high_water_) {
      high_water_ = e.seq;
      return Outcome::applied;
    }
    return Outcome::unchanged;
  }

  // `what`: department, employee or contract (the catalog key io.WHAT_differs).
  [[noreturn]] void differs(const char* what, const std::string& key, const std::string& fields) {
    raise(Errc::conflict, std::string("io.") + what + "_differs", {{"key", key}, {"fields", fields}});
  }

  static void add_difference(std::string& list, bool same, const char* field) {
    if (same) return;
    if (!list.empty()) list += ", ";
    list += field;
  }

  // ---- departments ----
  Outcome department(Row& row) {
    DepartmentSpec spec;
    spec.code = row.need_identifier("code");
    spec.name = row.need_name("name");
    spec.parent = row.identifier("parent");
    spec.manager = row.identifier("manager");
    std::optional<std::pair<std::string, std::optional<std::string>>> stored;
    {
      auto st = impl_.statement("SELECT name, parent FROM departments WHERE code = ?");
      st->bind(1, spec.code);
      if (st->executeStep()) stored = std::make_pair(st->getColumn(0).getString(), optional_text(st->getColumn(1)));
    }
    row.at("code");
    if (!stored) {
      db_.add_department(spec);
      return Outcome::applied;
    }
    std::string fields;
    add_difference(fields, stored->first == spec.name, "name");
    add_difference(fields, stored->second == spec.parent, "parent");
    if (!fields.empty()) differs("department", spec.code, fields);
    if (!spec.manager) return Outcome::unchanged;
    // An undated manager missing in the database is filled in.
    std::optional<std::string> manager;
    {
      auto st = impl_.statement("SELECT employee FROM department_managers WHERE department = ? AND valid_from = ''");
      st->bind(1, spec.code);
      if (st->executeStep()) manager = st->getColumn(0).getString();
    }
    row.at("manager");
    if (manager == spec.manager) return Outcome::unchanged;
    if (manager) differs("department", spec.code, "manager");
    db_.set_department_manager(spec.code, *spec.manager);
    return Outcome::applied;
  }

  // ---- employees ----
  Outcome employee(Row& row) {
    EmployeeSpec spec;
    spec.id = row.need_identifier("id");
    spec.name = row.need_name("name");
    spec.department = row.need_identifier("department");
    spec.position = row.need_name("position");
    spec.hired = row.date("hired");
    spec.manager = row.identifier("manager");
    struct Stored {
      std::string name;
      std::optional<std::string> manager;
      std::optional<Date> hired;
      std::string department;
      std::string position;
    };
    std::optional<Stored> stored;
    {
      auto st = impl_.statement("SELECT name, manager, hired FROM employees WHERE id = ?");
      st->bind(1, spec.id);
      if (st->executeStep()) {
        stored = Stored{st->getColumn(0).getString(), optional_text(st->getColumn(1)), optional_date(st->getColumn(2)), {}, {}};
      }
    }
    row.at("id");
    if (!stored) {
      db_.add_employee(spec);
      return Outcome::applied;
    }
    {
      auto st = impl_.statement("SELECT department, position FROM postings WHERE employee = ? AND valid_from = ''");
      st->bind(1, spec.id);
      if (st->executeStep()) {
        stored->department = st->getColumn(0).getString();
        stored->position = st->getColumn(1).getString();
      }
    }
    std::string fields;
    add_difference(fields, stored->name == spec.name, "name");
    add_difference(fields, stored->department == spec.department, "department");
    add_difference(fields, stored->position == spec.position, "position");
    add_difference(fields, stored->hired == spec.hired, "hired");
    if (!fields.empty()) differs("employee", spec.id, fields);
    if (!spec.manager || stored->manager == spec.manager) return Outcome::unchanged;
    row.at("manager");
    // A manager missing in the database is filled in.
    if (stored->manager) differs("employee", spec.id, "manager");
    db_.set_employee_manager(spec.id, spec.manager);
    return Outcome::applied;
  }

  // ---- contracts ----
  Attributes attributes(Row& row) {
    Attributes out;
    if (jsonl_) {
      if (const io::Field* f = row.raw("attributes")) {
        if (f->kind != io::ValueKind::json) raise(Errc::invalid_argument, "io.not_object", {{"column", "attributes"}});
        out = attributes_from_json(f->value);
      }
      return out;
    }
    for (const io::Field& f : row.record().fields) {
      auto attribute = attribute_column(f.name);
      if (!attribute) continue;
      row.at(f.name);
      if (f.value.empty()) continue;
      out.insert_or_assign(attribute->first, AttributeValue::parse(attribute->second, f.value));
    }
    return out;
  }

  std::optional<std::int64_t> contract_id(const char* sql, const std::string& value) {
    auto st = impl_.statement(sql);
    st->bind(1, value);
    if (!st->executeStep()) return std::nullopt;
    return st->getColumn(0).getInt64();
  }

  static std::string contract_differences(const ContractSpec& spec, const Contract& c) {
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
    std::vector<Installment> schedule = spec.installments;
    if (schedule.empty()) {
      const Date due = spec.delivery_due ? *spec.delivery_due : spec.end ? *spec.end : spec.signed_on;
      schedule.push_back(Installment{due, spec.amount});
    }
    add_difference(fields, c.installments == checked_schedule(schedule, spec.amount, spec.signed_on), "installments");
    add_difference(fields, c.attributes == spec.attributes, "attributes");
    return fields;
  }

  Outcome contract(Row& row) {
    ContractSpec spec;
    spec.external_id = row.identifier("external_id", 200);
    const std::optional<std::string> number = row.text("number");
    if (number) require_utf8(*number, "number");
    row.at("external_id");
    if (!spec.external_id && !number) raise(Errc::invalid_argument, "io.contract_needs_key");
    spec.type = row.need("type");
    spec.owner = row.need_identifier("owner");
    const std::optional<std::string> currency = row.text("currency");
    const Currency cur = currency ? Currency::of(*currency) : impl_.currency;
    spec.amount = Money::parse(row.need_amount("amount"), cur);
    spec.signed_on = row.need_date("signed");
    spec.start = row.date("start");
    spec.end = row.date("end");
    spec.delivery_due = row.date("delivery_due");
    spec.counterparty = row.need_name("counterparty");
    spec.key_account = row.boolean("key_account").value_or(false);
    if (const io::Field* f = row.raw("installments")) {
      if (f->kind == io::ValueKind::json) {
        spec.installments = installments_from_json(f->value, cur);
      } else if (f->kind == io::ValueKind::text) {
        spec.installments = installments_from_text(f->value, cur);
      } else {
        raise(Errc::invalid_argument, "io.not_array", {{"column", "installments"}});
      }
    }
    if (auto rule = row.text("numbering")) spec.numbering = *rule;
    const std::optional<Date> activated = row.date("activated");
    spec.actor = row.name("actor");
    spec.attributes = attributes(row);

    std::optional<std::int64_t> existing =
        spec.external_id ? contract_id("SELECT id FROM contracts WHERE external_id = ?", *spec.external_id)
                         : contract_id("SELECT id FROM contracts WHERE number = ?", *number);
    row.at(spec.external_id ? "external_id" : "number");
    Contract c;
    if (existing && !spec.external_id) {
      c = db_.contract(*existing);
      const std::string fields = contract_differences(spec, c);
      if (!fields.empty()) differs("contract", c.number, fields);
    } else {
      c = db_.create_contract(spec);
    }
    bool applied = !existing;
    if (number && c.number != *number) {
      row.at("number");
      if (!existing) {
        raise(Errc::invalid_argument, "io.contract_number_mismatch", {{"number", *number}, {"issued", c.number}});
      }
      differs("contract", *spec.external_id, "number");
    }
    if (activated) {
      row.at("activated");
      if (c.activated_on && *c.activated_on == *activated) {
        // already activated on that date
      } else if (c.activated_on) {
        differs("contract", c.number, "activated");
      } else {
        db_.activate(c.id, *activated, spec.actor);
        applied = true;
      }
    }
    return applied ? Outcome::applied : Outcome::unchanged;
  }

  // ---- payments (the bulk path) ----
  struct CachedContract {
    ContractRow row;
    std::int64_t collected_at_start = 0;
  };

  CachedContract& cached_contract(const std::string& number) {
    auto it = contracts_.find(number);
    if (it == contracts_.end()) {
      const ContractRow row = resolve_contract(impl_, ContractRef(number));
      it = contracts_.emplace(number, CachedContract{row, row.collected}).first;
    }
    return it->second;
  }

  Outcome payment(Row& row) {
    const std::string number = row.need("contract");
    const std::string amount_text = row.need_amount("amount");
    const Date day = row.need_date("date");
    const std::string ref = row.need_identifier("ref", 200);
    const std::string source = row.identifier("source").value_or(std::string(kDefaultPaymentSource));
    const std::optional<std::string> actor = row.name("actor");
    const std::optional<std::string> currency = row.text("currency");
    row.at("contract");
    require_utf8(number, "contract");
    CachedContract& cached = cached_contract(number);
    ContractRow& c = cached.row;
    row.at("currency");
    const Currency cur = currency ? Currency::of(*currency) : c.currency;
    row.at("amount");
    const Money amount = Money::parse(amount_text, cur);

    NewEvent ev;
    ev.type = EventType::payment_received;
    ev.contract = c.id;
    ev.effective = day;
    ev.effective_given = true;
    ev.actor = actor;
    ev.source = source;
    ev.key = ref;
    ev.amount = amount.units();
    try {
      check_payment(payment_target(c), amount, day, false, [&](const char* field) { row.at(field); });
    } catch (const Error&) {
      // A payment recorded before is answered even when it would no longer
      // pass (e.g. the one that settled the contract), as record_payment does.
      if (auto existing = keyed_event(impl_, source, ref)) {
        row.at("ref");
        require_same_content(*existing, ev);
        return Outcome::unchanged;
      }
      throw;
    }
    row.at("ref");
    bool inserted = false;
    append_event(impl_, ev, c.currency, &inserted);
    if (!inserted) return Outcome::unchanged;
    c.collected = detail::add_units(c.collected, amount.units());
    return Outcome::applied;
  }

  // The collected totals of the contracts paid, once per contract.
  void flush_totals() {
    for (auto& [number, cached] : contracts_) {
      (void)number;
      const std::int64_t delta = cached.row.collected - cached.collected_at_start;
      if (delta == 0) continue;
      add_collected(impl_, cached.row.id, delta);
      cached.collected_at_start = cached.row.collected;
    }
  }

  // ---- reversals, deliveries, satisfaction (the public calls) ----
  Outcome reversal(Row& row) {
    const std::string ref = row.need_identifier("ref", 200);
    const Date day = row.need_date("date");
    const std::string source = row.identifier("source").value_or(std::string(kDefaultPaymentSource));
    const std::optional<std::string> actor = row.name("actor");
    row.at("ref");
    return event_outcome(db_.reverse_payment(ref, day, source, actor));
  }

  EventOptions event_options(Row& row, const char* kind, const std::string& number, Date day) {
    EventOptions o;
    o.on = day;
    o.source = row.identifier("source");
    o.key = row.identifier("key", 200);
    o.actor = row.name("actor");
    // Without a key, one fact of the kind per contract and date.
    if (!o.key) o.key = std::string(kind) + ":" + number + ":" + day.to_string();
    return o;
  }

  Outcome delivery(Row& row) {
    const std::string number = row.need("contract");
    const Date day = row.need_date("date");
    const bool accepted = row.boolean("accepted").value_or(true);
    const std::optional<std::string> note = row.name("note", 2000);
    const EventOptions o = event_options(row, "delivery", number, day);
    row.at("contract");
    return event_outcome(db_.record_delivery(ContractRef(number), accepted, o, note));
  }

  Outcome satisfaction(Row& row) {
    const std::string number = row.need("contract");
    const Date day = row.need_date("date");
    const std::int64_t score = row.need_integer("score");
    require_satisfaction_score(score);
    const EventOptions o = event_options(row, "satisfaction", number, day);
    row.at("contract");
    return event_outcome(db_.record_satisfaction(ContractRef(number), static_cast<int>(score), o));
  }

  Database& db_;
  Database::Impl& impl_;
  ImportKind kind_;
  const ImportOptions& options_;
  ImportReport& report_;
  bool jsonl_;
  bool refused_ = false;
  std::exception_ptr callback_error_;
  std::int64_t high_water_ = 0;
  std::unordered_map<std::string, CachedContract> contracts_;
};

}  // namespace

// A page cache of at least kBulkCacheKiB for the life of a bulk write (an
// import, a restore): a file's rows touch index pages all over, and SQLite's
// default of 2 MiB makes it spill pages to the log mid-transaction. The
// connection's own setting comes back afterwards.
BulkCache::BulkCache(Database::Impl& impl) : impl_(impl) {
  SQLite::Statement size(impl_.db, "PRAGMA cache_size");
  size.executeStep();
  previous_ = size.getColumn(0).getInt64();
  SQLite::Statement page(impl_.db, "PRAGMA page_size");
  page.executeStep();
  const std::int64_t kib = previous_ < 0 ? -previous_ : previous_ * page.getColumn(0).getInt64() / 1024;
  if (kib < kBulkCacheKiB) {
    impl_.db.exec("PRAGMA cache_size = -" + std::to_string(kBulkCacheKiB));
    raised_ = true;
  }
}

BulkCache::~BulkCache() {
  if (!raised_) return;
  try {
    impl_.db.exec("PRAGMA cache_size = " + std::to_string(previous_));
  } catch (...) {
    // Only a cache size: the connection works either way.
  }
}

namespace {

ImportFormat format_of(const std::string& path, ImportFormat format) {
  if (format != ImportFormat::automatic) return format;
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".csv") return ImportFormat::csv;
  if (ext == ".jsonl" || ext == ".ndjson") return ImportFormat::jsonl;
  raise(Errc::invalid_argument, "io.unknown_format", {{"path", path}});
}

std::unique_ptr<io::RecordReader> open_reader(const std::string& path, ImportFormat format, Lang lang, std::int64_t max_bytes) {
  if (format == ImportFormat::csv) return io::csv_reader(io::file_source(path, max_bytes), lang);
  return io::jsonl_reader(io::file_source(path, max_bytes), lang);
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

// Writes the report as a whole (a new file renamed into place).
void write_report(const ImportReport& report, const std::string& path, unsigned mode) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string text;
  if (ext == ".csv") {
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

// The entry of a refusal of the whole file in its report: at the line and
// column the error names (the header), else line 0.
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

}  // namespace

}  // namespace store

ImportReport Database::import_file(ImportKind kind, const std::string& path, const ImportOptions& options) {
  ImportReport report;
  report.kind = kind;
  report.mode = options.mode;
  // The arguments: refused here, nothing is written, not even a report.
  impl_->read([&] {
    require_utf8(path, "path");
    if (path.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "path"}});
    parse_import_kind(import_kind_name(kind));
    if (options.max_bytes <= 0) raise(Errc::invalid_argument, "io.bad_max_bytes", {{"value", std::to_string(options.max_bytes)}});
    if (options.report_path) {
      const std::string& out = *options.report_path;
      require_utf8(out, "report");
      if (out.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "report"}});
      impl_->refuse_own_file(out, "report");
      if (same_file(out, path)) raise(Errc::invalid_argument, "io.output_is_input", {{"name", "report"}, {"path", out}});
    }
  });
  store::Import run(*this, kind, options, report, false);
  try {
    // Pass 1: the format, the header, the number of records.
    impl_->read([&] {
      report.format = store::format_of(path, options.format);
      auto reader = store::open_reader(path, report.format, impl_->lang, options.max_bytes);
      if (report.format == ImportFormat::csv) store::check_header(kind, reader->columns(), reader->header_line());
      io::Record record;
      while (reader->next(record)) ++report.rows;
    });
    // Pass 2: the rows, in one write.
    run.set_jsonl(report.format == ImportFormat::jsonl);
    impl_->write([&] {
      store::BulkCache cache(*impl_);
      auto reader = store::open_reader(path, report.format, impl_->lang, options.max_bytes);
      run.run(*reader);
      report.committed = true;
      // Before the commit: a report that cannot be written refuses the import.
      if (options.report_path) store::write_report(report, *options.report_path, impl_->options.file_mode);
    });
  } catch (...) {
    // The report says what happened: no "committed": true is left behind.
    report.committed = false;
    report.applied = 0;
    report.unchanged = 0;
    const std::exception_ptr thrown = run.callback_error() ? run.callback_error() : std::current_exception();
    if (options.report_path) {
      try {
        if (!run.refused_by_row()) {
          try {
            std::rethrow_exception(std::current_exception());
          } catch (const Error& e) {
            report.errors.push_back(store::whole_file_error(e, impl_->lang));
          } catch (...) {
            // The host's callback failed: the report only says nothing committed.
          }
        }
        store::write_report(report, *options.report_path, impl_->options.file_mode);
      } catch (const Error&) {
        // The refusal is what the caller needs to hear about.
      }
    }
    std::rethrow_exception(thrown);
  }
  return report;
}

}  // namespace pactum
