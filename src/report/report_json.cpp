// JSON documents of the reports (C API, command line): "version": 1, money as
// decimal strings with the currency's minor digits, rates with 6 decimals and
// their exact ratios, dates ISO, nulls for undefined figures.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "pactum/core/text.hpp"
#include "pactum/report/report.hpp"
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

Json contract_json(const ForecastContract& c) {
  Json j;
  j["contract"] = c.id;
  j["number"] = c.number;
  j["type"] = c.type;
  j["owner"] = c.owner;
  j["department"] = c.department;
  j["counterparty"] = c.counterparty;
  j["key_account"] = c.key_account;
  j["amount"] = c.amount.to_string();
  j["currency"] = std::string(c.amount.currency().code());
  return j;
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
  Json rows = Json::array();
  for (const DepartmentReportRow& r : report.departments) {
    Json j;
    j["department"] = r.department;
    j["name"] = r.name;
    j["contracts_due"] = r.contracts_due;
    j["executed"] = r.executed;
    j["execution_rate"] = decimal_or_null(r.execution_rate);
    j["execution_ratio"] = ratio_or_null(r.execution_ratio);
    j["employees"] = r.employees;
    j["scored"] = r.scored;
    j["average_score"] = decimal_or_null(r.average_score);
    j["average_score_10"] = decimal_or_null(r.average_score_10);
    j["average_score_exact"] = ratio_or_null(r.average_score_ratio);
    rows.push_back(std::move(j));
  }
  doc["departments"] = std::move(rows);
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
  Json rows = Json::array();
  for (const EmployeeReportRow& r : report.employees) {
    Json j;
    j["employee"] = r.employee;
    j["name"] = r.name;
    j["department"] = r.department;
    j["position"] = r.position;
    j["group"] = r.group;
    j["contracts"] = r.contracts;
    j["signed_amount"] = r.signed_amount.rounded_to_minor().to_string();
    j["collected"] = r.collected.rounded_to_minor().to_string();
    j["collection_rate"] = decimal_or_null(r.collection_rate);
    j["collection_ratio"] = ratio_or_null(r.collection_ratio);
    j["score"] = decimal_or_null(r.score);
    j["score_10"] = decimal_or_null(r.score_10);
    j["coverage"] = r.coverage ? Json(r.coverage->normalized().to_string()) : Json(nullptr);
    j["signed_rank"] = optional_value(r.signed_rank);
    j["collection_rank"] = optional_value(r.collection_rank);
    j["score_rank"] = optional_value(r.score_rank);
    j["score_top_half"] = optional_value(r.score_top_half);
    j["high_signing"] = optional_value(r.high_signing);
    j["high_execution"] = optional_value(r.high_execution);
    j["classification"] = optional_value(r.classification);
    j["recommended_action"] = optional_value(r.action);
    j["classification_rule"] = optional_value(r.classification_rule);
    rows.push_back(std::move(j));
  }
  doc["employees"] = std::move(rows);
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
  Json expiring = Json::array();
  for (const ExpiringContract& e : f.expiring) {
    Json j = contract_json(e.contract);
    j["end"] = e.end.to_string();
    j["days_left"] = e.days_left;
    expiring.push_back(std::move(j));
  }
  doc["expiring"] = std::move(expiring);
  auto unpaid = [](const std::vector<UnderCollectedContract>& list) {
    Json out = Json::array();
    for (const UnderCollectedContract& u : list) {
      Json j = contract_json(u.contract);
      j["collected"] = u.collected.to_string();
      j["outstanding"] = u.outstanding.to_string();
      j["collection_rate"] = u.collection_rate.to_string();
      j["collection_ratio"] = u.collection_ratio.to_string();
      j["due_by_horizon"] = u.due_by_horizon.to_string();
      j["earliest_unpaid_due"] = u.earliest_unpaid_due.to_string();
      out.push_back(std::move(j));
    }
    return out;
  };
  doc["under_collected"] = unpaid(f.under_collected);
  doc["payables"] = unpaid(f.payables);
  Json months = Json::array();
  for (const InstallmentMonth& m : f.installments) {
    Json j;
    j["month"] = m.month;
    j["from"] = m.from.to_string();
    j["to"] = m.to.to_string();
    j["installments"] = m.installments;
    j["contracts"] = m.contracts;
    j["amount"] = m.amount.to_string();
    j["unpaid"] = m.unpaid.to_string();
    j["payable_installments"] = m.payable_installments;
    j["payable_contracts"] = m.payable_contracts;
    j["payable_amount"] = m.payable_amount.to_string();
    j["payable_unpaid"] = m.payable_unpaid.to_string();
    months.push_back(std::move(j));
  }
  doc["installments"] = std::move(months);
  return doc.dump();
}

}  // namespace pactum
