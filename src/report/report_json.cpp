// JSON documents of the reports (C API, command line): "version": 1, money as
// decimal strings with the currency's minor digits, rates with 6 decimals and
// their exact ratios, dates ISO, nulls for undefined figures.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "pactum/core/text.hpp"
#include "pactum/report/document.hpp"
#include "pactum/report/report.hpp"
#include "../core/json_sink.hpp"
#include "options_json.hpp"
#include "pactum/core/display.hpp"

namespace pactum {

namespace {

using Json = nlohmann::ordered_json;

template <class T>
Json optional_value(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json decimal_or_null(const std::optional<Decimal>& d) { return d ? Json(d->to_string()) : Json(nullptr); }
Json ratio_or_null(const std::optional<Ratio>& r) { return r ? Json(r->to_string()) : Json(nullptr); }

// An exact amount (a median may fall between two 10^-4 units) as money text
// rounded half-even to the minor unit.
Json amount_or_null(const std::optional<Ratio>& r, Currency currency) {
  if (!r) return Json(nullptr);
  return Json(display::money(*r, currency).to_string());
}

Json period_json(const Period& p) {
  Json j;
  j["period"] = p.to_string();
  j["period_kind"] = period_kind_name(p.kind());
  j["period_start"] = p.start().to_string();
  j["period_end"] = p.end().to_string();
  return j;
}

void merge(Json& into, const Json& from) {
  for (auto it = from.begin(); it != from.end(); ++it) into[it.key()] = it.value();
}

// The documents of `rows`, each described once (pactum/report/document.hpp).
template <class Row>
Json rows_json(const std::vector<Row>& rows) {
  Json out = Json::array();
  for (const Row& row : rows) out.push_back(json_document_of<Json>(row));
  return out;
}

using report::bad_member;
using report::member;
using report::options_document;
using report::text_member;
using Doc = report::OptionsDoc;

}  // namespace

EmployeeReportOptions employee_report_options_from_json(std::string_view json, Currency reporting) {
  const Doc doc = options_document(json, {"version", "department", "position", "signed_cutoff", "collection_cutoff"});
  EmployeeReportOptions o;
  if (member(doc, "department")) o.department = text_member(doc, "department");
  if (member(doc, "position")) o.position = text_member(doc, "position");
  if (member(doc, "signed_cutoff")) o.signed_cutoff = Money::parse(text_member(doc, "signed_cutoff"), reporting);
  if (member(doc, "collection_cutoff")) o.collection_cutoff = Decimal::parse(text_member(doc, "collection_cutoff"));
  return o;
}

ForecastOptions forecast_options_from_json(std::string_view json) {
  const Doc doc = options_document(json, {"version", "months", "threshold"});
  ForecastOptions o;
  if (const Doc* months = member(doc, "months")) {
    if (!months->is_number_integer()) bad_member("months", "an integer");
    const std::int64_t m = months->get<std::int64_t>();
    if (m < 1 || m > 120) raise(Errc::invalid_argument, "report.bad_months", {{"months", std::to_string(m)}});
    o.months = static_cast<int>(m);
  }
  if (member(doc, "threshold")) o.threshold = Decimal::parse(text_member(doc, "threshold"));
  return o;
}

std::string to_json(const DepartmentReport& report) {
  Json doc;
  doc["version"] = 1;
  doc["report"] = "departments";
  merge(doc, period_json(report.period));
  doc["as_of"] = report.as_of.to_string();
  doc["cutoff"] = report.cutoff.to_string();
  doc["departments"] = rows_json(report.departments);
  Json c;
  c["points"] = report.correlation.points;
  c["r"] = decimal_or_null(report.correlation.r);
  c["r_squared"] = optional_value(report.correlation.r_squared);
  doc["correlation"] = std::move(c);
  return doc.dump();
}

std::string to_json(const EmployeeReport& report) {
  Json doc;
  doc["version"] = 1;
  doc["report"] = "employees";
  merge(doc, period_json(report.period));
  doc["as_of"] = report.as_of.to_string();
  doc["cutoff"] = report.cutoff.to_string();
  doc["currency"] = std::string(report.currency.code());
  doc["signed_cutoff"] = amount_or_null(report.signed_cutoff, report.currency);
  doc["signed_cutoff_exact"] = ratio_or_null(report.signed_cutoff);
  doc["collection_cutoff"] =
      report.collection_cutoff ? Json(report.collection_cutoff->round(6).to_string()) : Json(nullptr);
  doc["collection_cutoff_exact"] = ratio_or_null(report.collection_cutoff);
  doc["classification_table"] = report.classification_table;
  doc["classification_version"] = report.classification_version;
  doc["unclassified_groups"] = report.unclassified_groups;
  doc["employees"] = rows_json(report.employees);
  return doc.dump();
}

std::string to_json(const Forecast& f) {
  Json doc;
  doc["version"] = 1;
  doc["report"] = "forecast";
  doc["as_of"] = f.as_of.to_string();
  doc["months"] = f.months;
  doc["horizon_end"] = f.horizon_end.to_string();
  doc["threshold"] = f.threshold.to_string();
  doc["currency"] = std::string(f.currency.code());
  doc["expiring_count"] = static_cast<std::int64_t>(f.expiring.size());
  doc["key_accounts"] = f.key_accounts;
  doc["under_collected_count"] = static_cast<std::int64_t>(f.under_collected.size());
  doc["payables_count"] = static_cast<std::int64_t>(f.payables.size());
  doc["expiring"] = rows_json(f.expiring);
  doc["under_collected"] = rows_json(f.under_collected);
  doc["payables"] = rows_json(f.payables);
  doc["installments"] = rows_json(f.installments);
  return doc.dump();
}

}  // namespace pactum
