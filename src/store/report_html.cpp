// Database: the monthly collection trend (the tracking index read, the
// report's builder deciding), the HTML report that assembles every report,
// and labels kept in the meta table.
#include <algorithm>

#include "../report/builders.hpp"
#include "backend.hpp"
#include "pactum/core/text.hpp"
#include "pactum/report/html.hpp"
#include "tracking_internal.hpp"

namespace pactum {

namespace {

// Labels are kept in the meta table under this prefix.
constexpr std::string_view kLabelPrefix = "label.";

}  // namespace

CollectionTrend Database::collection_trend(const Period& period, std::optional<Date> as_of,
                                           const CollectionTrendOptions& options) const {
  const Date day = as_of ? *as_of : today();
  std::vector<std::string> types = impl_->read([&] { return report::trend_types(options.types); });
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] {
    report::CollectionTrendBuilder trend(period, day, impl_->currency, std::move(types));
    if (trend.has_months()) {
      impl_->storage().tracking().trend_folds(day, [&](std::string_view type, const report::TrendContract& c) {
        if (trend.counts(std::string(type))) trend.add(c);
      });
    }
    return trend.finish();
  });
}

std::string Database::report_html(const Period& period, std::optional<Date> as_of,
                                  const HtmlReportOptions& options) const {
  const Date day = as_of ? *as_of : today();
  HtmlReport report;
  report.title = options.title;
  impl_->read([&] { require_utf8(options.title, "title"); });
  std::vector<HtmlSection> sections = options.sections;
  if (sections.empty()) {
    sections = {HtmlSection::departments, HtmlSection::employees, HtmlSection::collections, HtmlSection::forecast};
  }
  auto wanted = [&](HtmlSection s) { return std::find(sections.begin(), sections.end(), s) != sections.end(); };
  if (wanted(HtmlSection::departments)) report.departments = report_departments(period, day);
  if (wanted(HtmlSection::employees)) report.employees = report_employees(period, day, options.employees);
  if (wanted(HtmlSection::collections)) report.collections = collection_trend(period, day, options.collections);
  if (wanted(HtmlSection::forecast)) report.forecast = forecast(day, options.forecast);
  return to_html(report, lang());
}

void Database::set_label(const std::string& name, const std::string& value) {
  impl_->write([&] {
    report::check_label_name(name);
    report::check_label_value(name, value);
    impl_->set_meta(std::string(kLabelPrefix) + name, value);
  });
}

std::optional<std::string> Database::label(const std::string& name) const {
  return impl_->read([&] {
    report::check_label_name(name);
    return impl_->meta(std::string(kLabelPrefix) + name);
  });
}

std::vector<std::pair<std::string, std::string>> Database::labels() const {
  return impl_->read([&] {
    std::vector<std::pair<std::string, std::string>> out = impl_->storage().meta_with_prefix(kLabelPrefix);
    for (auto& entry : out) entry.first.erase(0, kLabelPrefix.size());
    return out;
  });
}

}  // namespace pactum
