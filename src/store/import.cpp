// Database::import_file: one CSV or JSON Lines file of one kind, in one
// atomic write. A first pass counts the records (and refuses a bad header
// before anything is written); the second applies them row by row.
//
// The columns, the typed reading of a row and the report file are the io
// module's (src/io/import_rows.hpp); this file applies the rows.
//
// Payments take a dedicated path (the bulk of every import): contracts are
// read once and kept, each row is one INSERT into the event log, and the
// collected totals are written once per contract at the end. Its checks are
// those of Database::record_payment (src/store/events.cpp), with the same
// messages; a test compares both paths. Every other kind goes through the
// public Database calls.
#include <exception>
#include <unordered_map>

#include "../io/import_rows.hpp"
#include "../io/records.hpp"
#include "bulk_cache.hpp"
#include "contracts_internal.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/contract/payment.hpp"
#include "pactum/core/text.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

namespace store {

namespace {

using io::Row;

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
      fail(record.line, io::column_of(e, row), e.code(), e.key(), e.message(impl_.lang));
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
      io::refuse_row(code, line, column, message);
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

  std::int64_t last_seq() { return impl_.storage().last_event_seq(); }

  // An event the public calls returned: new when past the high-water mark.
  Outcome event_outcome(const Event& e) {
    if (e.seq > high_water_) {
      high_water_ = e.seq;
      return Outcome::applied;
    }
    return Outcome::unchanged;
  }

  // ---- departments ----
  Outcome department(Row& row) {
    DepartmentSpec spec;
    spec.code = row.need_identifier("code");
    spec.name = row.need_name("name");
    spec.parent = row.identifier("parent");
    spec.manager = row.identifier("manager");
    store::OrgRecords& org = impl_.storage().org();
    const std::optional<store::DepartmentRecord> stored = org.department(spec.code);
    row.at("code");
    if (!stored) {
      db_.add_department(spec);
      return Outcome::applied;
    }
    std::string fields;
    io::add_difference(fields, stored->name == spec.name, "name");
    io::add_difference(fields, stored->parent == spec.parent, "parent");
    if (!fields.empty()) io::refuse_difference("department", spec.code, fields);
    if (!spec.manager) return Outcome::unchanged;
    // An undated manager missing in the database is filled in.
    std::optional<std::string> manager;
    for (auto& [from, employee] : org.managers(spec.code)) {
      if (!from) manager = std::move(employee);
    }
    row.at("manager");
    if (manager == spec.manager) return Outcome::unchanged;
    if (manager) io::refuse_difference("department", spec.code, "manager");
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
    store::OrgRecords& org = impl_.storage().org();
    std::optional<Stored> stored;
    if (auto e = org.employee(spec.id)) stored = Stored{std::move(e->name), std::move(e->manager), e->hired, {}, {}};
    row.at("id");
    if (!stored) {
      db_.add_employee(spec);
      return Outcome::applied;
    }
    // The undated posting (the one since always).
    for (Posting& p : org.postings(spec.id)) {
      if (p.from) continue;
      stored->department = std::move(p.department);
      stored->position = std::move(p.position);
    }
    std::string fields;
    io::add_difference(fields, stored->name == spec.name, "name");
    io::add_difference(fields, stored->department == spec.department, "department");
    io::add_difference(fields, stored->position == spec.position, "position");
    io::add_difference(fields, stored->hired == spec.hired, "hired");
    if (!fields.empty()) io::refuse_difference("employee", spec.id, fields);
    if (!spec.manager || stored->manager == spec.manager) return Outcome::unchanged;
    row.at("manager");
    // A manager missing in the database is filled in.
    if (stored->manager) io::refuse_difference("employee", spec.id, "manager");
    db_.set_employee_manager(spec.id, spec.manager);
    return Outcome::applied;
  }

  // ---- contracts ----
  Outcome contract(Row& row) {
    io::ContractRecord parsed = io::contract_record(row, jsonl_, impl_.currency);
    const ContractSpec& spec = parsed.spec;
    const std::optional<std::string>& number = parsed.number;
    const std::optional<Date>& activated = parsed.activated;
    store::ContractRecords& contracts = impl_.storage().contracts();
    std::optional<std::int64_t> existing;
    if (spec.external_id) {
      existing = contracts.id_by_external_id(*spec.external_id);
    } else if (auto stored = contracts.row_by_number(*number)) {
      existing = stored->id;
    }
    row.at(spec.external_id ? "external_id" : "number");
    Contract c;
    if (existing && !spec.external_id) {
      c = db_.contract(*existing);
      const std::string fields = io::contract_differences(spec, c);
      if (!fields.empty()) io::refuse_difference("contract", c.number, fields);
    } else {
      c = db_.create_contract(spec);
    }
    bool applied = !existing;
    if (number && c.number != *number) {
      row.at("number");
      if (!existing) io::check_issued_number(*number, c.number);
      io::refuse_difference("contract", *spec.external_id, "number");
    }
    if (activated) {
      row.at("activated");
      if (c.activated_on && *c.activated_on == *activated) {
        // already activated on that date
      } else if (c.activated_on) {
        io::refuse_difference("contract", c.number, "activated");
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

namespace {

std::unique_ptr<io::RecordReader> open_reader(const std::string& path, ImportFormat format, Lang lang, std::int64_t max_bytes) {
  if (format == ImportFormat::csv) return io::csv_reader(io::file_source(path, max_bytes), lang);
  return io::jsonl_reader(io::file_source(path, max_bytes), lang);
}

}  // namespace

}  // namespace store

ImportReport Database::import_file(ImportKind kind, const std::string& path, const ImportOptions& options) {
  ImportReport report;
  report.kind = kind;
  report.mode = options.mode;
  // The arguments: refused here, nothing is written, not even a report.
  impl_->read([&] { io::check_import_arguments(kind, path, options, impl_->own_files()); });
  store::Import run(*this, kind, options, report, false);
  try {
    // Pass 1: the format, the header, the number of records.
    impl_->read([&] {
      report.format = io::format_of(path, options.format);
      auto reader = store::open_reader(path, report.format, impl_->lang, options.max_bytes);
      if (report.format == ImportFormat::csv) io::check_header(kind, reader->columns(), reader->header_line());
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
      if (options.report_path) io::write_report(report, *options.report_path, impl_->options.file_mode);
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
            report.errors.push_back(io::whole_file_error(e, impl_->lang));
          } catch (...) {
            // The host's callback failed: the report only says nothing committed.
          }
        }
        io::write_report(report, *options.report_path, impl_->options.file_mode);
      } catch (const Error&) {
        // The refusal is what the caller needs to hear about.
      }
    }
    std::rethrow_exception(thrown);
  }
  return report;
}

}  // namespace pactum
