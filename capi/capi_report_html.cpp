// C API: the HTML report, the monthly collection trend, and labels.
#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "pactum/report/html.hpp"
#include "pactum/report/table.hpp"

using namespace pactum;
using capi::optional_date;
using capi::require;
using capi::text_arg;
using capi::with_db;

extern "C" {

int pactum_collection_trend(pactum_db* db, const char* period, const char* as_of, const char* options_json,
                            const char* format, char** report) {
  return with_db(db, [&](Database& d) {
    require(report, "report");
    *report = nullptr;
    const Period p = Period::parse(text_arg(period, "period"));
    const auto day = optional_date(as_of, "as_of");
    const CollectionTrendOptions options = options_json == nullptr
                                               ? CollectionTrendOptions{}
                                               : collection_trend_options_from_json(text_arg(options_json, "options_json"));
    const std::string_view f = format == nullptr ? std::string_view("json") : text_arg(format, "format");
    if (f != "json" && f != "text" && f != "csv") {
      raise(Errc::invalid_argument, "report.bad_format", {{"format", std::string(f)}});
    }
    const CollectionTrend trend = d.collection_trend(p, day, options);
    if (f == "json") {
      *report = capi::dup_string(to_json(trend));
    } else if (f == "text") {
      *report = capi::dup_string(to_text(report_tables(trend, d.lang())));
    } else {
      *report = capi::dup_string(to_csv(report_tables(trend, d.lang()).front()));
    }
  });
}

int pactum_report_html(pactum_db* db, const char* period, const char* as_of, const char* options_json, char** html) {
  return with_db(db, [&](Database& d) {
    require(html, "html");
    *html = nullptr;
    const Period p = Period::parse(text_arg(period, "period"));
    const auto day = optional_date(as_of, "as_of");
    const HtmlReportOptions options =
        options_json == nullptr ? HtmlReportOptions{}
                                : html_report_options_from_json(text_arg(options_json, "options_json"), d.reporting_currency());
    *html = capi::dup_string(d.report_html(p, day, options));
  });
}

int pactum_set_label(pactum_db* db, const char* name, const char* value) {
  return with_db(db, [&](Database& d) {
    d.set_label(std::string(text_arg(name, "name")), std::string(text_arg(value, "value")));
  });
}

int pactum_label(pactum_db* db, const char* name, char** value) {
  return with_db(db, [&](Database& d) {
    require(value, "value");
    *value = nullptr;
    const std::string n(text_arg(name, "name"));
    const auto found = d.label(n);
    if (!found) raise(Errc::not_found, "store.label_not_found", {{"name", n}});
    *value = capi::dup_string(*found);
  });
}

int pactum_labels(pactum_db* db, char** labels_json) {
  return with_db(db, [&](Database& d) {
    require(labels_json, "labels_json");
    *labels_json = nullptr;
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    nlohmann::ordered_json labels = nlohmann::ordered_json::object();
    for (const auto& [name, value] : d.labels()) labels[name] = value;
    doc["labels"] = std::move(labels);
    *labels_json = capi::dup_string(doc.dump());
  });
}

}  // extern "C"
