// KPI: templates, bindings, targets, rule settings, bonus bands, scorecards
// (wrapped in pactum.Scorecard / pactum.ScorecardList, pactum/kpi.py),
// bonus adjustments and period closing. Decimals in and out, dates as
// datetime.date.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/contract/document.hpp"
#include "pactum/kpi/document.hpp"
#include "pactum/kpi/scorecard.hpp"
#include "py_database.hpp"
#include "pactum/core/display.hpp"

namespace pactum::python {

namespace {

template <class T>
py::object optional_object(const std::optional<T>& v) {
  return v ? py::cast(*v) : py::none();
}

py::object scorecard_object(const Scorecard& c) {
  return py::module_::import("pactum.kpi").attr("Scorecard")(document_of(c));
}

// A float anywhere in a document is a TypeError: numbers are exact.
void refuse_floats(py::handle obj, const std::string& what) {
  if (PyFloat_Check(obj.ptr())) throw py::type_error(what + ": a float is not exact; use Decimal, int or str");
  if (py::isinstance<py::dict>(obj)) {
    for (auto kv : py::reinterpret_borrow<py::dict>(obj)) refuse_floats(kv.second, what);
  } else if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) {
    for (py::handle item : obj) refuse_floats(item, what);
  }
}

// A JSON document given as a dict (Decimals become decimal strings) or text.
std::string document_text(py::handle doc, const char* what) {
  if (py::isinstance<py::str>(doc) || py::isinstance<py::bytes>(doc)) return str_arg(doc, what);
  if (py::isinstance(doc, imported("collections.abc", "Mapping"))) {
    const std::string name = what;
    refuse_floats(doc, name);
    py::cpp_function as_text([name](py::handle value) -> py::object {
      if (py::isinstance(value, imported("decimal", "Decimal"))) {
        return py::module_::import("builtins").attr("format")(value, "f");
      }
      throw py::type_error(name + ": " + std::string(py::str(py::type::of(value).attr("__name__"))) +
                           " is not JSON serializable (money and rates are Decimal or str)");
    });
    return py::module_::import("json")
        .attr("dumps")(doc, py::arg("default") = as_text, py::arg("ensure_ascii") = false)
        .cast<std::string>();
  }
  throw py::type_error(std::string(what) + ": expected a dict or JSON text, got " +
                       std::string(py::str(py::type::of(doc).attr("__name__"))));
}

py::object template_object(const KpiTemplate& t) {
  py::object doc = py::module_::import("json").attr("loads")(t.to_json());
  return doc;
}

Period period_arg(py::handle value) { return Period::parse(str_arg(value, "period")); }

// The period, or the quarter holding `as_of` (default: the database clock).
Period period_or_quarter(Database& db, py::handle value, const std::optional<Date>& as_of) {
  if (!value.is_none()) return period_arg(value);
  return Period::quarter_of(as_of ? *as_of : db.today());
}

// The payroll link's verdict on the employee's scorecard for `base_bonus`,
// with the period it was taken for.
std::pair<Period, BonusDecision> bonus_decision(PyDatabase& self, py::handle employee, py::handle period,
                                                py::handle base_bonus, py::handle as_of) {
  const std::string who = str_arg(employee, "employee");
  const auto day = optional_date_arg(as_of, "as_of");
  Database& db = self.get();
  const Period p = period_or_quarter(db, period, day);
  const Money base = to_money(base_bonus, db.reporting_currency(), "base_bonus");
  py::gil_scoped_release release;
  return {p, db.bonus_decision(who, p, base, day)};
}

// An amount in its currency's minor unit (two decimals for CNY).
py::object minor_units(const Money& m) {
  return from_decimal(m.amount().rescaled(std::min(m.currency().exponent(), Money::kScale)));
}

std::optional<PeriodKind> per_arg(py::handle value) {
  if (value.is_none()) return std::nullopt;
  return parse_target_per(str_arg(value, "per"));
}

std::optional<Decimal> optional_decimal(py::handle value, const char* what) {
  if (value.is_none()) return std::nullopt;
  return to_decimal(value, what);
}

std::vector<BonusBand> bands_arg(py::handle value) {
  if (!py::isinstance<py::sequence>(value) || py::isinstance<py::str>(value)) {
    throw py::type_error("bands: expected a list of dicts with from, below and rate");
  }
  std::vector<BonusBand> out;
  for (py::handle item : value) {
    if (!py::isinstance<py::dict>(item)) throw py::type_error("bands: every band is a dict with from, below and rate");
    py::dict d = py::reinterpret_borrow<py::dict>(item);
    for (auto kv : d) {
      const std::string key = py::str(kv.first);
      if (key != "from" && key != "below" && key != "rate") throw py::type_error("bands: unknown key '" + key + "'");
    }
    if (!d.contains("rate")) throw py::type_error("bands: every band needs a rate");
    BonusBand b;
    if (d.contains("from")) b.from = optional_decimal(d["from"], "from");
    if (d.contains("below")) b.below = optional_decimal(d["below"], "below");
    b.rate = to_decimal(d["rate"], "rate");
    out.push_back(b);
  }
  return out;
}

py::list bands_list(const std::vector<BonusBand>& bands) {
  py::list out;
  for (const BonusBand& b : bands) {
    py::dict d;
    d["from"] = b.from;
    d["below"] = b.below;
    d["rate"] = b.rate;
    out.append(std::move(d));
  }
  return out;
}

}  // namespace

void bind_kpi(py::module_& m) {
  m.def(
      "check_kpi_template",
      [](py::handle doc) { return template_object(KpiTemplate::parse(document_text(doc, "template"))); },
      py::arg("template"),
      "Validate a KPI template (dict or JSON text) and return its canonical document; nothing is stored.");
  m.def(
      "parse_period",
      [](py::handle text) {
        const Period p = period_arg(text);
        py::dict d;
        d["period"] = p.to_string();
        d["kind"] = period_kind_name(p.kind());
        d["start"] = p.start();
        d["end"] = p.end();
        const Ratio months = p.months();
        d["months"] = imported("fractions", "Fraction")(months.numerator(), months.denominator());
        return d;
      },
      py::arg("period"),
      "The period '2024-01', '2024-Q1', '2024' or '2024-01-15..2024-04-14' names: kind, start, end and its "
      "month count (an exact fractions.Fraction).");

  database_class(m)
      // ---- KPI ----
      .def(
          "define_template",
          localized([](PyDatabase& self, py::handle doc) {
            const std::string text = document_text(doc, "template");
            KpiTemplate t;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              t = db.define_template(text);
            }
            return template_object(t);
          }),
          py::arg("template"),
          "Store a KPI template (dict or JSON text); without 'version' it becomes the next version. Returns the "
          "stored document.")
      .def(
          "kpi_template",
          localized([](PyDatabase& self, py::handle id, py::handle version) {
            const std::string i = str_arg(id, "id");
            const std::optional<int> v = version.is_none() ? std::nullopt : std::optional<int>(version.cast<int>());
            return template_object(self.get().kpi_template(i, v));
          }),
          py::arg("id"), py::arg("version") = py::none(), "Template `id` at `version` (None: its latest), as a dict.")
      .def(
          "kpi_templates",
          localized([](PyDatabase& self) {
            py::list out;
            for (const KpiTemplate& t : self.get().kpi_templates()) out.append(template_object(t));
            return out;
          }),
          "Every stored version of every template, as dicts.")
      .def(
          "bind_template",
          localized([](PyDatabase& self, py::handle position, py::handle template_id) {
            const std::string p = str_arg(position, "position");
            const std::string t = str_arg(template_id, "template");
            self.get().bind_template(p, t);
          }),
          py::arg("position"), py::arg("template"), "Employees in `position` are scored with `template`.")
      .def(
          "unbind_template",
          localized([](PyDatabase& self, py::handle position) { self.get().unbind_template(str_arg(position, "position")); }),
          py::arg("position"), "The position has no template again (its employees get no score).")
      .def(
          "template_binding",
          localized([](PyDatabase& self, py::handle position) {
            return optional_object(self.get().template_binding(str_arg(position, "position")));
          }),
          py::arg("position"), "The template bound to `position`, or None.")
      .def(
          "set_target",
          localized([](PyDatabase& self, py::handle indicator, py::handle value, py::handle position,
                       py::handle employee, py::handle period, py::handle per) {
            TargetSpec t;
            t.indicator = str_arg(indicator, "indicator");
            t.value = to_decimal(value, "value");
            t.position = optional_str_arg(position, "position");
            t.employee = optional_str_arg(employee, "employee");
            if (!period.is_none()) t.period = period_arg(period);
            t.per = per_arg(per);
            self.get().set_target(t);
          }),
          py::arg("indicator"), py::arg("value"), py::kw_only(), py::arg("position") = py::none(),
          py::arg("employee") = py::none(), py::arg("period") = py::none(), py::arg("per") = py::none(),
          "Override an indicator's target for a position or an employee (exactly one), for one period or all; "
          "`per` is 'month', 'quarter' or 'year' (None: as it is for every period).")
      .def(
          "set_rule",
          localized([](PyDatabase& self, py::handle rule, py::handle template_id, bool enabled, py::handle points,
                       py::handle cap) {
            RuleSetting s;
            s.rule = parse_rule_kind(str_arg(rule, "rule"));
            s.template_id = optional_str_arg(template_id, "template");
            s.enabled = enabled;
            s.points = points.is_none() ? default_rule(s.rule).points : to_decimal(points, "points");
            s.cap = optional_decimal(cap, "cap");
            self.get().set_rule(s);
          }),
          py::arg("rule"), py::kw_only(), py::arg("template") = py::none(), py::arg("enabled") = true,
          py::arg("points") = py::none(), py::arg("cap") = py::none(),
          "Configure an event rule (collection_80, installment_overdue, late_delivery, early_delivery, breach) for "
          "one template or all: enabled, points (None: the article's), cap per scorecard.")
      .def(
          "set_bonus_bands",
          localized([](PyDatabase& self, py::handle bands, py::handle template_id, py::handle min_coverage) {
            const auto b = bands_arg(bands);
            const auto id = optional_str_arg(template_id, "template");
            Database& db = self.get();
            if (min_coverage.is_none()) {
              db.set_bonus_bands(b, id);
              return;
            }
            PayrollLink link;
            link.bands = b;
            link.min_coverage = to_decimal(min_coverage, "min_coverage");
            db.set_payroll_link(link, id);
          }),
          py::arg("bands"), py::kw_only(), py::arg("template") = py::none(), py::arg("min_coverage") = py::none(),
          "Score bands of the payroll link: [{'from': Decimal|None, 'below': Decimal|None, 'rate': Decimal}]; "
          "min_coverage (Decimal 0..100; None: as it was, 50 by default): below it no adjustment is made.")
      .def(
          "bonus_bands",
          localized([](PyDatabase& self, py::handle template_id) {
            return bands_list(self.get().bonus_bands(optional_str_arg(template_id, "template")));
          }),
          py::arg("template") = py::none(), "The bands in force for `template` (None: every template).")
      .def(
          "payroll_link",
          localized([](PyDatabase& self, py::handle template_id) {
            const PayrollLink link = self.get().payroll_link(optional_str_arg(template_id, "template"));
            py::dict d;
            d["bands"] = bands_list(link.bands);
            d["min_coverage"] = link.min_coverage;
            return d;
          }),
          py::arg("template") = py::none(),
          "The payroll link in force for `template` (None: every template): {'bands': [...], 'min_coverage': Decimal}.")
      .def(
          "scorecard",
          localized([](PyDatabase& self, py::handle employee, py::handle period, py::handle as_of) {
            const std::string who = str_arg(employee, "employee");
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            const Period p = period_or_quarter(db, period, day);
            Scorecard card;
            {
              py::gil_scoped_release release;
              card = db.scorecard(who, p, day);
            }
            return scorecard_object(card);
          }),
          py::arg("employee"), py::arg("period") = py::none(), py::arg("as_of") = py::none(),
          "The scorecard of `employee` for `period` (None: the quarter of `as_of`) as of `as_of` (None: the "
          "database clock): a pactum.Scorecard.")
      .def(
          "scorecards",
          localized([](PyDatabase& self, py::handle period, py::handle as_of, py::handle department,
                       py::handle position) {
            const auto day = optional_date_arg(as_of, "as_of");
            Database& db = self.get();
            const Period p = period_or_quarter(db, period, day);
            ScorecardFilter f;
            f.department = optional_str_arg(department, "department");
            f.position = optional_str_arg(position, "position");
            std::vector<Scorecard> cards;
            {
              py::gil_scoped_release release;
              cards = db.scorecards(p, day, f);
            }
            py::list items;
            for (const Scorecard& c : cards) items.append(scorecard_object(c));
            return py::module_::import("pactum.kpi").attr("ScorecardList")(items);
          }),
          py::arg("period") = py::none(), py::arg("as_of") = py::none(), py::kw_only(),
          py::arg("department") = py::none(), py::arg("position") = py::none(),
          "Scorecards of every employee (of `department`, in `position`): a list with .to_pandas().")
      .def(
          "bonus_adjustment",
          localized([](PyDatabase& self, py::handle employee, py::handle period, py::handle base_bonus,
                       py::handle as_of) {
            return minor_units(bonus_decision(self, employee, period, base_bonus, as_of).second.adjustment);
          }),
          py::arg("employee"), py::arg("period"), py::arg("base_bonus"), py::arg("as_of") = py::none(),
          "The bonus adjustment of `base_bonus` (Decimal in the reporting currency, or pactum.Money) for the "
          "employee's score: base x the band's rate, rounded half-even to the minor unit; Decimal('0.00') "
          "without a score or below the payroll link's min_coverage.")
      .def(
          "bonus_decision",
          localized([](PyDatabase& self, py::handle employee, py::handle period, py::handle base_bonus,
                       py::handle as_of) {
            const auto [p, out] = bonus_decision(self, employee, period, base_bonus, as_of);
            py::dict d;
            d["employee"] = str_arg(employee, "employee");
            d["period"] = p.to_string();
            d["score"] = out.score;
            d["coverage"] = out.coverage;
            d["min_coverage"] = out.min_coverage;
            d["rate"] = out.rate;
            d["adjustment"] = minor_units(out.adjustment);
            d["currency"] = std::string(out.adjustment.currency().code());
            d["reason"] = bonus_reason_name(out.reason);
            return d;
          }),
          py::arg("employee"), py::arg("period"), py::arg("base_bonus"), py::arg("as_of") = py::none(),
          "The bonus adjustment with its reason: a dict with score, coverage, min_coverage, rate, adjustment, "
          "currency and reason ('band', 'no_band', 'insufficient_data' — coverage below min_coverage: no "
          "adjustment, never a cut — or 'no_score').")
      .def(
          "close_period",
          localized([](PyDatabase& self, py::handle period, py::handle on, py::handle actor) {
            const Period p = period_arg(period);
            const auto day = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.close_period(p, day, who);
            }
            return document_of(e);
          }),
          py::arg("period"), py::arg("on") = py::none(), py::kw_only(), py::arg("actor") = py::none(),
          "Close `period` (not before its end): its scorecards are frozen; later events are reported as post-close.")
      .def(
          "reopen_period",
          localized([](PyDatabase& self, py::handle period, py::handle reason, py::handle on, py::handle actor) {
            const Period p = period_arg(period);
            const std::string why = str_arg(reason, "reason");
            const auto day = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.reopen_period(p, why, day, who);
            }
            return document_of(e);
          }),
          py::arg("period"), py::arg("reason"), py::arg("on") = py::none(), py::kw_only(), py::arg("actor") = py::none(),
          "Reopen a closed period; the reason is kept in the audited period_reopened event.")
      .def(
          "period_closed",
          localized([](PyDatabase& self, py::handle period) { return optional_object(self.get().period_closed(period_arg(period))); }),
          py::arg("period"), "The seq of the period_closed event in force, or None when the period is open.");
}

}  // namespace pactum::python
