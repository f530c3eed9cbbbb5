// The HTML report, the monthly collection trend (a pactum.CollectionTrend:
// a list of dicts with .to_pandas()) and labels.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "pactum/report/html.hpp"
#include "pactum/report/table.hpp"
#include "py_database.hpp"
#include "pactum/core/display.hpp"

namespace pactum::python {

namespace {

Period period_or_quarter(Database& db, py::handle value, const std::optional<Date>& as_of) {
  if (!value.is_none()) return Period::parse(str_arg(value, "period"));
  return Period::quarter_of(as_of ? *as_of : db.today());
}

// A list or tuple of str (a single str is refused: it would be read as its
// characters).
std::vector<std::string> str_list_arg(py::handle value, const char* what) {
  if (py::isinstance<py::str>(value) || !(py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value))) {
    throw py::type_error(std::string(what) + ": a list of str is needed");
  }
  std::vector<std::string> out;
  for (py::handle item : value) out.push_back(str_arg(item, what));
  return out;
}

// An amount with the currency's minor digits ("1500000.00").
py::object money_value(const Money& m) {
  return from_decimal(display::amount(m));
}

py::object trend_object(const CollectionTrend& t, Lang lang) {
  py::list rows;
  for (const CollectionMonth& m : t.months) {
    py::dict row;
    row["month"] = m.month;
    row["from"] = from_date(m.from);
    row["to"] = from_date(m.to);
    row["due"] = money_value(m.due);
    row["collected"] = money_value(m.collected);
    row["due_to_date"] = money_value(m.due_to_date);
    row["collected_to_date"] = money_value(m.collected_to_date);
    row["collection_rate"] = m.collection_rate ? from_decimal(*m.collection_rate) : py::none();
    row["collection_ratio"] = m.collection_ratio ? imported("fractions", "Fraction")(m.collection_ratio->numerator(),
                                                                                     m.collection_ratio->denominator())
                                                 : py::none();
    rows.append(std::move(row));
  }
  py::dict info;
  info["period"] = t.period.to_string();
  info["period_start"] = from_date(t.period.start());
  info["period_end"] = from_date(t.period.end());
  info["as_of"] = from_date(t.as_of);
  info["cutoff"] = from_date(t.cutoff);
  info["currency"] = std::string(t.currency.code());
  info["types"] = t.types;
  info["contracts"] = t.contracts;
  const std::vector<ReportTable> tables = report_tables(t, lang);
  py::dict csv;
  csv["collections"] = to_csv(tables.front());
  py::dict renderings;
  renderings["csv"] = csv;
  renderings["text"] = to_text(tables);
  return py::module_::import("pactum.trend").attr("CollectionTrend")(rows, info, renderings);
}

}  // namespace

void bind_report_html(py::module_& m) {
  database_class(m)
      .def(
          "collection_trend",
          localized([](PyDatabase& self, py::handle period, py::handle as_of, py::handle types) {
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            const Period p = period_or_quarter(db, period, day);
            CollectionTrendOptions o;
            if (!types.is_none()) o.types = str_list_arg(types, "types");
            CollectionTrend t;
            {
              py::gil_scoped_release release;
              t = db.collection_trend(p, day, o);
            }
            return trend_object(t, db.lang());
          }),
          py::arg("period") = py::none(), py::arg("as_of") = py::none(), py::kw_only(), py::arg("types") = py::none(),
          "Instalments due and money collected per month of `period` (None: the quarter of `as_of`) up to the "
          "as-of date, in the reporting currency: a pactum.CollectionTrend (a list of dicts with .to_pandas()). "
          "`types`: the contract types counted (None: every type except labour and procurement).")
      .def(
          "report_html",
          localized([](PyDatabase& self, py::handle period, py::handle as_of, py::handle sections, py::handle title,
                       py::handle months, py::handle threshold, py::handle department, py::handle position,
                       py::handle signed_cutoff, py::handle collection_cutoff, py::handle types) {
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            const Period p = period_or_quarter(db, period, day);
            HtmlReportOptions o;
            if (!sections.is_none()) {
              for (const std::string& s : str_list_arg(sections, "sections")) {
                const HtmlSection section = parse_html_section(s);
                if (std::find(o.sections.begin(), o.sections.end(), section) != o.sections.end()) {
                  raise(Errc::invalid_argument, "report.html_duplicate_section", {{"section", s}});
                }
                o.sections.push_back(section);
              }
            }
            if (!title.is_none()) o.title = str_arg(title, "title");
            if (!months.is_none()) {
              if (!py::isinstance<py::int_>(months) || py::isinstance<py::bool_>(months)) {
                throw py::type_error("months: an int is needed");
              }
              const long long n = months.cast<long long>();
              if (n < 1 || n > 120) raise(Errc::invalid_argument, "report.bad_months", {{"months", std::to_string(n)}});
              o.forecast.months = static_cast<int>(n);
            }
            if (!threshold.is_none()) o.forecast.threshold = to_decimal(threshold, "threshold");
            o.employees.department = optional_str_arg(department, "department");
            o.employees.position = optional_str_arg(position, "position");
            if (!signed_cutoff.is_none()) {
              o.employees.signed_cutoff = to_money(signed_cutoff, db.reporting_currency(), "signed_cutoff");
            }
            if (!collection_cutoff.is_none()) o.employees.collection_cutoff = to_decimal(collection_cutoff, "collection_cutoff");
            if (!types.is_none()) o.collections.types = str_list_arg(types, "types");
            std::string page;
            {
              py::gil_scoped_release release;
              page = db.report_html(p, day, o);
            }
            return page;
          }),
          py::arg("period") = py::none(), py::arg("as_of") = py::none(), py::kw_only(), py::arg("sections") = py::none(),
          py::arg("title") = py::none(), py::arg("months") = py::none(), py::arg("threshold") = py::none(),
          py::arg("department") = py::none(), py::arg("position") = py::none(), py::arg("signed_cutoff") = py::none(),
          py::arg("collection_cutoff") = py::none(), py::arg("types") = py::none(),
          "The HTML report of `period` (None: the quarter of `as_of`) as of `as_of`: one self-contained page (str) "
          "with inline SVG charts and the ranking table, in the handle's language. `sections`: any of "
          "'departments', 'employees', 'collections', 'forecast' (None: all); the other options are those of "
          "report_employees, forecast and collection_trend.")
      .def(
          "set_label",
          localized([](PyDatabase& self, py::handle name, py::handle value) {
            self.get().set_label(str_arg(name, "name"), str_arg(value, "value"));
          }),
          py::arg("name"), py::arg("value"),
          "Sets (or replaces) a label: a small fact kept with the database (name: 1 to 64 ASCII letters, digits, '.', '_' or '-'; value: text of "
          "at most 4,096 bytes).")
      .def(
          "label",
          localized([](PyDatabase& self, py::handle name) {
            return optional_text_object(self.get().label(str_arg(name, "name")));
          }),
          py::arg("name"), "The value of label `name`, or None when it was never set.")
      .def(
          "labels",
          localized([](PyDatabase& self) {
            py::dict out;
            for (const auto& [name, value] : self.get().labels()) out[py::str(name)] = value;
            return out;
          }),
          "Every label as a dict name -> value, by name.");
}

}  // namespace pactum::python
