// C API: reminders, acknowledgements, lead times, and the department,
// employee and forecast reports as JSON, CSV or a text table.
#include "capi_internal.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/report/report.hpp"
#include "pactum/report/table.hpp"
#include "pactum/tracking/reminder.hpp"
#include "pactum/store/documents.hpp"

using namespace pactum;
using capi::optional_date;
using capi::put;
using capi::require;
using capi::text_arg;
using capi::with_db;

namespace {

Period period_arg(const char* s) { return Period::parse(text_arg(s, "period")); }

// "json" (also NULL), "text", "csv"; for the forecast "csv:expiring",
// "csv:under_collected", "csv:installments".
struct Format {
  enum Kind { json, text, csv } kind = json;
  std::string section;
};

Format format_arg(const char* s, bool sections) {
  Format f;
  if (s == nullptr) return f;
  const std::string_view v = text_arg(s, "format");
  if (v == "json") return f;
  if (v == "text") {
    f.kind = Format::text;
    return f;
  }
  if (!sections && v == "csv") {
    f.kind = Format::csv;
    return f;
  }
  if (sections && v.starts_with("csv:")) {
    f.kind = Format::csv;
    f.section = std::string(v.substr(4));
    if (f.section == "expiring" || f.section == "under_collected" || f.section == "installments") return f;
  }
  raise(Errc::invalid_argument, sections ? "report.bad_forecast_format" : "report.bad_format",
        {{"format", std::string(v)}});
}

template <class Report>
std::string render(const Report& report, const Format& f, Lang lang) {
  if (f.kind == Format::json) return to_json(report);
  const std::vector<ReportTable> tables = report_tables(report, lang);
  if (f.kind == Format::text) return to_text(tables);
  for (const ReportTable& t : tables) {
    if (f.section.empty() || t.name == f.section) return to_csv(t);
  }
  return {};
}

}  // namespace

extern "C" {

int pactum_reminders(pactum_db* db, const char* as_of, const char* format, char** reminders) {
  return with_db(db, [&](Database& d) {
    require(reminders, "reminders");
    *reminders = nullptr;
    const auto day = optional_date(as_of, "as_of");
    const Format f = format_arg(format, false);
    const Date used = day ? *day : d.today();
    const std::vector<Reminder> list = d.reminders(used);
    if (f.kind == Format::json) {
      put(reminders, reminders_to_json(list, used));
    } else {
      const auto tables = report_tables(list, used, d.lang());
      put(reminders, f.kind == Format::text ? to_text(tables) : to_csv(tables[0]));
    }
  });
}

int pactum_acknowledge(pactum_db* db, const char* reminder_id, const char* by, const char* on, char** ack_json) {
  return with_db(db, [&](Database& d) {
    if (ack_json != nullptr) *ack_json = nullptr;
    const std::string id(text_arg(reminder_id, "reminder_id"));
    const auto who = capi::optional_text_arg(by, "by");
    const Acknowledgement ack = d.acknowledge(id, who, optional_date(on, "on"));
    if (ack_json != nullptr) put(ack_json, to_json(ack));
  });
}

int pactum_acknowledgements(pactum_db* db, const char* contract, char** acks_json) {
  return with_db(db, [&](Database& d) {
    require(acks_json, "acks_json");
    *acks_json = nullptr;
    std::optional<ContractRef> ref;
    if (contract != nullptr) ref = contract_ref_from_text(d, text_arg(contract, "contract"));
    put(acks_json, acknowledgements_to_json(d.acknowledgements(ref)));
  });
}

int pactum_set_reminder_lead(pactum_db* db, const char* type, const char* kind, int days) {
  return with_db(db, [&](Database& d) {
    const ReminderKind k = parse_reminder_kind(text_arg(kind, "kind"));
    d.set_reminder_lead(k, days, capi::optional_text_arg(type, "type"));
  });
}

int pactum_reminder_leads(pactum_db* db, const char* type, char** leads_json) {
  return with_db(db, [&](Database& d) {
    require(leads_json, "leads_json");
    *leads_json = nullptr;
    const auto t = capi::optional_text_arg(type, "type");
    put(leads_json, reminder_leads_to_json(d.reminder_leads(t), t));
  });
}

int pactum_report_departments(pactum_db* db, const char* period, const char* as_of, const char* format, char** report) {
  return with_db(db, [&](Database& d) {
    require(report, "report");
    *report = nullptr;
    const Period p = period_arg(period);
    const auto day = optional_date(as_of, "as_of");
    const Format f = format_arg(format, false);
    put(report, render(d.report_departments(p, day), f, d.lang()));
  });
}

int pactum_report_employees(pactum_db* db, const char* period, const char* as_of, const char* options_json,
                            const char* format, char** report) {
  return with_db(db, [&](Database& d) {
    require(report, "report");
    *report = nullptr;
    const Period p = period_arg(period);
    const auto day = optional_date(as_of, "as_of");
    const EmployeeReportOptions options =
        options_json == nullptr ? EmployeeReportOptions{}
                                : employee_report_options_from_json(text_arg(options_json, "options_json"), d.reporting_currency());
    const Format f = format_arg(format, false);
    put(report, render(d.report_employees(p, day, options), f, d.lang()));
  });
}

int pactum_forecast(pactum_db* db, const char* as_of, const char* options_json, const char* format, char** report) {
  return with_db(db, [&](Database& d) {
    require(report, "report");
    *report = nullptr;
    const auto day = optional_date(as_of, "as_of");
    const ForecastOptions options =
        options_json == nullptr ? ForecastOptions{} : forecast_options_from_json(text_arg(options_json, "options_json"));
    const Format f = format_arg(format, true);
    put(report, render(d.forecast(day, options), f, d.lang()));
  });
}

}  // extern "C"
