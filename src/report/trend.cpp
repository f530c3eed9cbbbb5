// The collection trend's documents and tables, the HTML sections and the
// option documents of the HTML report.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "pactum/contract/contract.hpp"
#include "pactum/core/text.hpp"
#include "pactum/report/html.hpp"
#include "options_json.hpp"

namespace pactum {

namespace {

using report::bad_member;
using report::member;
using report::options_document;
using report::text_member;
using Doc = report::OptionsDoc;
using Json = nlohmann::ordered_json;

std::vector<std::string> text_list_member(const Doc& doc, const char* name) {
  const Doc* m = member(doc, name);
  if (!m->is_array()) bad_member(name, "an array of strings");
  std::vector<std::string> out;
  for (const Doc& item : *m) {
    if (!item.is_string()) bad_member(name, "an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> checked_types(std::vector<std::string> types) {
  for (const std::string& t : types) validate_contract_type(t);
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return types;
}

std::string rate_text(const std::optional<Decimal>& d) { return d ? d->to_string() : std::string(); }

}  // namespace

HtmlSection parse_html_section(std::string_view name) {
  require_utf8(name, "section");
  for (HtmlSection s : {HtmlSection::departments, HtmlSection::employees, HtmlSection::collections,
                        HtmlSection::forecast}) {
    if (name == html_section_name(s)) return s;
  }
  raise(Errc::invalid_argument, "report.html_bad_section", {{"section", std::string(name)}});
}

const char* html_section_name(HtmlSection section) noexcept {
  switch (section) {
    case HtmlSection::departments: return "departments";
    case HtmlSection::employees: return "employees";
    case HtmlSection::collections: return "collections";
    case HtmlSection::forecast: return "forecast";
  }
  return "unknown";
}

std::string to_json(const CollectionTrend& trend) {
  Json doc;
  doc["version"] = 1;
  doc["report"] = "collections";
  doc["period"] = trend.period.to_string();
  doc["period_start"] = trend.period.start().to_string();
  doc["period_end"] = trend.period.end().to_string();
  doc["as_of"] = trend.as_of.to_string();
  doc["cutoff"] = trend.cutoff.to_string();
  doc["currency"] = std::string(trend.currency.code());
  doc["types"] = trend.types;
  doc["contracts"] = trend.contracts;
  Json months = Json::array();
  for (const CollectionMonth& m : trend.months) {
    Json j;
    j["month"] = m.month;
    j["from"] = m.from.to_string();
    j["to"] = m.to.to_string();
    j["due"] = m.due.to_string();
    j["collected"] = m.collected.to_string();
    j["due_to_date"] = m.due_to_date.to_string();
    j["collected_to_date"] = m.collected_to_date.to_string();
    j["collection_rate"] = m.collection_rate ? Json(m.collection_rate->to_string()) : Json(nullptr);
    j["collection_ratio"] = m.collection_ratio ? Json(m.collection_ratio->to_string()) : Json(nullptr);
    months.push_back(std::move(j));
  }
  doc["months"] = std::move(months);
  return doc.dump();
}

std::vector<ReportTable> report_tables(const CollectionTrend& trend, Lang lang) {
  ReportTable t;
  t.name = "collections";
  t.title = render_message("report.title_collections", lang,
                           {{"period", trend.period.to_string()},
                            {"start", trend.period.start().to_string()},
                            {"end", trend.period.end().to_string()},
                            {"as_of", trend.as_of.to_string()},
                            {"currency", std::string(trend.currency.code())}});
  const std::pair<const char*, bool> columns[] = {
      {"month", false},       {"from", false},         {"to", false},
      {"due_amount", true},   {"collected", true},     {"due_to_date", true},
      {"collected_to_date", true}, {"collection_rate", true}};
  for (const auto& [name, numeric] : columns) {
    t.columns.emplace_back(name);
    t.headings.push_back(render_message(std::string("report.col_") + name, lang, {}));
    t.numeric.push_back(numeric);
  }
  for (const CollectionMonth& m : trend.months) {
    t.rows.push_back({m.month, m.from.to_string(), m.to.to_string(), m.due.to_string(), m.collected.to_string(),
                      m.due_to_date.to_string(), m.collected_to_date.to_string(), rate_text(m.collection_rate)});
  }
  std::string types;
  for (const std::string& type : trend.types) types += (types.empty() ? "" : ", ") + type;
  t.notes.push_back(types.empty()
                        ? render_message("report.note_collections_default", lang,
                                         {{"contracts", std::to_string(trend.contracts)}})
                        : render_message("report.note_collections_types", lang,
                                         {{"contracts", std::to_string(trend.contracts)}, {"types", types}}));
  return {std::move(t)};
}

CollectionTrendOptions collection_trend_options_from_json(std::string_view json) {
  const Doc doc = options_document(json, {"version", "types"});
  CollectionTrendOptions o;
  if (member(doc, "types")) o.types = checked_types(text_list_member(doc, "types"));
  return o;
}

HtmlReportOptions html_report_options_from_json(std::string_view json, Currency reporting) {
  const Doc doc = options_document(json, {"version", "sections", "title", "months", "threshold", "department",
                                          "position", "signed_cutoff", "collection_cutoff", "types"});
  HtmlReportOptions o;
  if (member(doc, "sections")) {
    for (const std::string& s : text_list_member(doc, "sections")) {
      const HtmlSection section = parse_html_section(s);
      if (std::find(o.sections.begin(), o.sections.end(), section) != o.sections.end()) {
        raise(Errc::invalid_argument, "report.html_duplicate_section", {{"section", s}});
      }
      o.sections.push_back(section);
    }
  }
  if (member(doc, "title")) {
    o.title = text_member(doc, "title");
    require_utf8(o.title, "title");
  }
  if (const Doc* months = member(doc, "months")) {
    if (!months->is_number_integer()) bad_member("months", "an integer");
    const std::int64_t m = months->get<std::int64_t>();
    if (m < 1 || m > 120) raise(Errc::invalid_argument, "report.bad_months", {{"months", std::to_string(m)}});
    o.forecast.months = static_cast<int>(m);
  }
  if (member(doc, "threshold")) o.forecast.threshold = Decimal::parse(text_member(doc, "threshold"));
  if (member(doc, "department")) o.employees.department = text_member(doc, "department");
  if (member(doc, "position")) o.employees.position = text_member(doc, "position");
  if (member(doc, "signed_cutoff")) o.employees.signed_cutoff = Money::parse(text_member(doc, "signed_cutoff"), reporting);
  if (member(doc, "collection_cutoff")) {
    o.employees.collection_cutoff = Decimal::parse(text_member(doc, "collection_cutoff"));
  }
  if (member(doc, "types")) o.collections.types = checked_types(text_list_member(doc, "types"));
  return o;
}

}  // namespace pactum
