// Reminders, acknowledgements, lead times and the reports (wrapped in the
// classes of pactum/reports.py: lists of dicts with .to_pandas()). Money,
// rates and scores are Decimal, exact ratios fractions.Fraction, dates
// datetime.date.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/tracking/document.hpp"
#include "pactum/report/document.hpp"
#include "pactum/report/report.hpp"
#include "pactum/report/table.hpp"
#include "pactum/tracking/reminder.hpp"
#include "py_database.hpp"
#include "pactum/core/display.hpp"

namespace pactum::python {

namespace {

// In the currency's minor unit (two decimals for CNY), zero included.
py::object money(const Money& m) {
  return from_decimal(display::amount(m));
}
// An exact amount (a median may lie between two 10^-4 units) rounded
// half-even to the minor unit.
py::object amount(const std::optional<Ratio>& r, Currency currency) {
  if (!r) return py::none();
  return money(Money::from_decimal(r->round(Money::kScale), currency));
}

py::object reports_class(const char* name) { return py::module_::import("pactum.reports").attr(name); }

Period period_or_quarter(Database& db, py::handle value, const std::optional<Date>& as_of) {
  if (!value.is_none()) return Period::parse(str_arg(value, "period"));
  return Period::quarter_of(as_of ? *as_of : db.today());
}

py::dict period_fields(const Period& p) {
  py::dict d;
  d["period"] = p.to_string();
  d["period_kind"] = period_kind_name(p.kind());
  d["period_start"] = p.start();
  d["period_end"] = p.end();
  return d;
}

// The CSV and text renderings of the report's tables, by table name.
template <class Report>
py::dict renderings(const Report& report, Lang lang) {
  const std::vector<ReportTable> tables = report_tables(report, lang);
  py::dict csv;
  for (const ReportTable& t : tables) csv[py::str(t.name)] = to_csv(t);
  py::dict out;
  out["csv"] = csv;
  out["text"] = to_text(tables);
  return out;
}

py::dict renderings_of_reminders(const std::vector<Reminder>& list, Date as_of, Lang lang) {
  const std::vector<ReportTable> tables = report_tables(list, as_of, lang);
  py::dict csv;
  csv["reminders"] = to_csv(tables[0]);
  py::dict out;
  out["csv"] = csv;
  out["text"] = to_text(tables);
  return out;
}

py::object department_report(const DepartmentReport& r, Lang lang) {
  const py::list rows = documents_of(r.departments);
  py::dict info = period_fields(r.period);
  info["as_of"] = r.as_of;
  info["cutoff"] = r.cutoff;
  info["correlation"] = r.correlation.r;
  info["correlation_points"] = r.correlation.points;
  info["r_squared"] = r.correlation.r_squared ? imported("fractions", "Fraction")(*r.correlation.r_squared) : py::none();
  return reports_class("DepartmentReport")(rows, info, renderings(r, lang));
}

py::object employee_report(const EmployeeReport& r, Lang lang) {
  const py::list rows = documents_of(r.employees);
  py::dict info = period_fields(r.period);
  info["as_of"] = r.as_of;
  info["cutoff"] = r.cutoff;
  info["currency"] = std::string(r.currency.code());
  info["signed_cutoff"] = amount(r.signed_cutoff, r.currency);
  info["signed_cutoff_exact"] = r.signed_cutoff;
  info["collection_cutoff"] = r.collection_cutoff ? from_decimal(r.collection_cutoff->round(6)) : py::none();
  info["collection_cutoff_exact"] = r.collection_cutoff;
  info["classification_table"] = r.classification_table;
  info["classification_version"] = r.classification_version;
  info["unclassified_groups"] = r.unclassified_groups;
  return reports_class("EmployeeReport")(rows, info, renderings(r, lang));
}

py::object forecast_report(const Forecast& f, Lang lang) {
  const py::list expiring = documents_of(f.expiring);
  const py::list under = documents_of(f.under_collected);
  const py::list payables = documents_of(f.payables);
  const py::list months = documents_of(f.installments);
  py::dict info;
  info["as_of"] = f.as_of;
  info["months"] = f.months;
  info["horizon_end"] = f.horizon_end;
  info["threshold"] = from_decimal(f.threshold);
  info["currency"] = std::string(f.currency.code());
  info["key_accounts"] = f.key_accounts;
  return reports_class("Forecast")(expiring, under, months, info, renderings(f, lang), payables);
}

}  // namespace

void bind_reports(py::module_& m) {
  database_class(m)
      .def(
          "reminders",
          localized([](PyDatabase& self, py::handle as_of) {
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            std::vector<Reminder> list;
            Date used;
            {
              py::gil_scoped_release release;
              used = day ? *day : db.today();
              list = db.reminders(used);
            }
            py::list rows;
            for (const Reminder& r : list) rows.append(document_of(r));
            return reports_class("ReminderList")(rows, used, renderings_of_reminders(list, used, db.lang()));
          }),
          py::arg("as_of") = py::none(),
          "Every reminder whose trigger date is on or before `as_of` (None: the database clock), whose condition "
          "still holds then and that was not acknowledged: a list of dicts (id, kind, contract, number, due, "
          "trigger, days, installment, unpaid, message, ...) with .to_pandas().")
      .def(
          "acknowledge",
          localized([](PyDatabase& self, py::handle reminder_id, py::handle by, py::handle on) {
            const std::string id = str_arg(reminder_id, "reminder_id");
            const auto who = optional_str_arg(by, "by");
            const auto day = optional_date_arg(on, "on");
            Database& db = self.get();
            Acknowledgement a;
            {
              py::gil_scoped_release release;
              a = db.acknowledge(id, who, day);
            }
            return document_of(a);
          }),
          py::arg("reminder_id"), py::kw_only(), py::arg("by") = py::none(), py::arg("on") = py::none(),
          "Acknowledge a reminder for good (it is not returned again, also after reopening). A malformed id is a "
          "ValidationError; an id naming no reminder of its contract a NotFoundError. Again: the first "
          "acknowledgement.")
      .def(
          "acknowledgements",
          localized([](PyDatabase& self, py::handle contract) {
            std::optional<ContractRef> ref;
            if (!contract.is_none()) ref = contract_arg(contract);
            py::list out;
            for (const Acknowledgement& a : self.get().acknowledgements(ref)) out.append(document_of(a));
            return out;
          }),
          py::arg("contract") = py::none(), "Acknowledgements of one contract (or all), by id.")
      .def(
          "set_reminder_lead",
          localized([](PyDatabase& self, py::handle kind, py::handle days, py::handle type) {
            const ReminderKind k = parse_reminder_kind(str_arg(kind, "kind"));
            if (!py::isinstance<py::int_>(days) || py::isinstance<py::bool_>(days)) {
              throw py::type_error("days: an int is needed");
            }
            const auto t = optional_str_arg(type, "type");
            const long long n = days.cast<long long>();
            if (n < 0 || n > kMaxReminderDays) {
              raise(Errc::invalid_argument, reminds_ahead(k) ? "tracking.bad_lead_ahead" : "tracking.bad_lead_after",
                    {{"kind", reminder_kind_name(k)}, {"days", std::to_string(n)}, {"max", std::to_string(kMaxReminderDays)}});
            }
            self.get().set_reminder_lead(k, static_cast<int>(n), t);
          }),
          py::arg("kind"), py::arg("days"), py::kw_only(), py::arg("type") = py::none(),
          "The lead time of reminder `kind` in days for contracts of `type` (None: the default of every type "
          "without its own): days before the date for expiry, payment_due and delivery_due, after it for the others.")
      .def(
          "reminder_leads",
          localized([](PyDatabase& self, py::handle type) {
            return document_of(self.get().reminder_leads(optional_str_arg(type, "type")));
          }),
          py::arg("type") = py::none(), "The lead times in force for `type` (None: the database default), by kind.")
      .def(
          "catch_up_tracking",
          localized([](PyDatabase& self) {
            Database& db = self.get();
            py::gil_scoped_release release;
            return db.catch_up_tracking();
          }),
          "Bring the tracking index up to date with the log now; returns the number of contracts folded again.")
      .def(
          "report_departments",
          localized([](PyDatabase& self, py::handle period, py::handle as_of) {
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            const Period p = period_or_quarter(db, period, day);
            DepartmentReport r;
            {
              py::gil_scoped_release release;
              r = db.report_departments(p, day);
            }
            return department_report(r, db.lang());
          }),
          py::arg("period") = py::none(), py::arg("as_of") = py::none(),
          "Departments: contracts due, executed as agreed, execution rate, average score (100 and 10 points), and "
          "the correlation across departments: a pactum.DepartmentReport (a list of dicts with .to_pandas()).")
      .def(
          "report_employees",
          localized([](PyDatabase& self, py::handle period, py::handle as_of, py::handle department,
                       py::handle position, py::handle signed_cutoff, py::handle collection_cutoff) {
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            const Period p = period_or_quarter(db, period, day);
            EmployeeReportOptions o;
            o.department = optional_str_arg(department, "department");
            o.position = optional_str_arg(position, "position");
            if (!signed_cutoff.is_none()) o.signed_cutoff = to_money(signed_cutoff, db.reporting_currency(), "signed_cutoff");
            if (!collection_cutoff.is_none()) o.collection_cutoff = to_decimal(collection_cutoff, "collection_cutoff");
            EmployeeReport r;
            {
              py::gil_scoped_release release;
              r = db.report_employees(p, day, o);
            }
            return employee_report(r, db.lang());
          }),
          py::arg("period") = py::none(), py::arg("as_of") = py::none(), py::kw_only(),
          py::arg("department") = py::none(), py::arg("position") = py::none(), py::arg("signed_cutoff") = py::none(),
          py::arg("collection_cutoff") = py::none(),
          "Employees: signed amount, collection rate and score with their competition ranks, and the two-axis "
          "classification (cut-offs default to the medians) with a recommended action: a pactum.EmployeeReport.")
      .def(
          "forecast",
          localized([](PyDatabase& self, py::handle as_of, py::handle months, py::handle threshold) {
            const auto day = optional_date_arg(as_of, "as_of");
            ForecastOptions o;
            if (!py::isinstance<py::int_>(months) || py::isinstance<py::bool_>(months)) {
              throw py::type_error("months: an int is needed");
            }
            const long long n = months.cast<long long>();
            if (n < 1 || n > 120) raise(Errc::invalid_argument, "report.bad_months", {{"months", std::to_string(n)}});
            o.months = static_cast<int>(n);
            o.threshold = to_decimal(threshold, "threshold");
            Database& db = self.get();
            Forecast f;
            {
              py::gil_scoped_release release;
              f = db.forecast(day, o);
            }
            return forecast_report(f, db.lang());
          }),
          py::arg("as_of") = py::none(), py::arg("months") = 3, py::arg("threshold") = py::str("0.5"),
          "The next `months` months from `as_of`: contracts expiring (key accounts flagged), contracts collecting "
          "below `threshold` with money due, instalments falling due per month: a pactum.Forecast.");
}

}  // namespace pactum::python
