// Database: the monthly collection trend (from the tracking index), the HTML
// report that assembles every report, and labels kept in the meta table.
#include <algorithm>

#include "pactum/core/text.hpp"
#include "pactum/report/html.hpp"
#include "tracking_internal.hpp"

namespace pactum {

namespace {

constexpr std::string_view kLabelPrefix = "label.";
constexpr std::size_t kMaxLabelBytes = 4096;

bool counted(const std::string& type, const std::vector<std::string>& types) {
  if (types.empty()) return type != "labour" && type != "procurement";
  return std::binary_search(types.begin(), types.end(), type);
}

std::vector<std::string> sorted_types(std::vector<std::string> types) {
  for (const std::string& t : types) validate_contract_type(t);
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return types;
}

// units x reporting / amount, rounded half-even to the reporting currency's
// minor unit (in 10^-4 units).
std::int64_t to_reporting(std::int64_t units, std::int64_t amount, std::int64_t reporting, Currency currency) {
  if (units == 0) return 0;
  if (amount == reporting) return units;
  const Money m = Money::from_units(reporting, currency).times(Ratio(units, amount));
  return m.rounded_to_minor().units();
}

// A label name: 1 to 64 ASCII letters, digits, '.', '_' or '-'.
void check_label_name(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 64 &&
                  std::all_of(name.begin(), name.end(), [](char ch) {
                    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                           ch == '.' || ch == '_' || ch == '-';
                  });
  if (!ok) {
    require_utf8(name, "label");
    raise(Errc::invalid_argument, "store.label_bad_name", {{"name", name}});
  }
}

}  // namespace

CollectionTrend Database::collection_trend(const Period& period, std::optional<Date> as_of,
                                           const CollectionTrendOptions& options) const {
  const Date day = as_of ? *as_of : today();
  CollectionTrend trend;
  trend.types = impl_->read([&] { return sorted_types(options.types); });
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] {
    trend.period = period;
    trend.as_of = day;
    trend.cutoff = std::min(day, period.end());
    trend.currency = impl_->currency;
    // The months of the period up to the cutoff.
    struct Month {
      Date from;
      Date to;
      std::int64_t due = 0;
      std::int64_t collected = 0;
    };
    std::vector<Month> months;
    for (std::optional<Date> from = period.start(); from && *from <= trend.cutoff;
         from = from->end_of_month().try_add_days(1)) {
      months.push_back({*from, std::min(from->end_of_month(), trend.cutoff)});
    }
    if (!months.empty()) {
      auto st = impl_->statement(
          "SELECT type, amount, reporting_amount, collections, schedule FROM tracking_contracts "
          "WHERE activated_on IS NOT NULL AND activated_on <= ?");
      st->bind(1, day.to_string());
      while (st->executeStep()) {
        const std::string type = st->getColumn(0).getString();
        if (!counted(type, trend.types)) continue;
        const std::int64_t amount = st->getColumn(1).getInt64();
        const std::int64_t reporting = st->getColumn(2).getInt64();
        const tracking::Steps collections = tracking::decode_steps(st->getColumn(3).getString());
        const tracking::Steps schedule = tracking::decode_steps(st->getColumn(4).getString());
        bool any = false;
        for (Month& m : months) {
          // Up to the day before the month (nothing before the calendar).
          const std::optional<Date> before = m.from.try_add_days(-1);
          auto until_before = [&](const tracking::Steps& steps) { return before ? tracking::value_on(steps, *before) : 0; };
          const std::int64_t due = tracking::value_on(schedule, m.to) - until_before(schedule);
          const std::int64_t got = tracking::value_on(collections, m.to) - until_before(collections);
          if (due == 0 && got == 0) continue;
          any = true;
          m.due = detail::add_units(m.due, to_reporting(due, amount, reporting, trend.currency));
          m.collected = detail::add_units(m.collected, to_reporting(got, amount, reporting, trend.currency));
        }
        trend.contracts += any ? 1 : 0;
      }
    }
    Money due_to_date = Money::zero(trend.currency);
    Money collected_to_date = Money::zero(trend.currency);
    for (const Month& m : months) {
      CollectionMonth out;
      const std::string from = m.from.to_string();
      out.month = from.substr(0, 7);
      out.from = m.from;
      out.to = m.to;
      out.due = Money::from_units(m.due, trend.currency);
      out.collected = Money::from_units(m.collected, trend.currency);
      due_to_date += out.due;
      collected_to_date += out.collected;
      out.due_to_date = due_to_date;
      out.collected_to_date = collected_to_date;
      if (due_to_date.is_positive()) {
        out.collection_ratio = ratio(collected_to_date, due_to_date);
        out.collection_rate = out.collection_ratio->round(6);
      }
      trend.months.push_back(std::move(out));
    }
    return trend;
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
    check_label_name(name);
    require_utf8(value, "label value");
    if (value.size() > kMaxLabelBytes) {
      raise(Errc::invalid_argument, "store.label_too_long",
            {{"name", name}, {"bytes", std::to_string(value.size())}, {"limit", std::to_string(kMaxLabelBytes)}});
    }
    impl_->set_meta(std::string(kLabelPrefix) + name, value);
  });
}

std::optional<std::string> Database::label(const std::string& name) const {
  return impl_->read([&] {
    check_label_name(name);
    return impl_->meta(std::string(kLabelPrefix) + name);
  });
}

std::vector<std::pair<std::string, std::string>> Database::labels() const {
  return impl_->read([&] {
    std::vector<std::pair<std::string, std::string>> out;
    // Keys from "label." up to (not including) "label/", the next prefix.
    auto st = impl_->statement("SELECT key, value FROM meta WHERE key >= 'label.' AND key < 'label/' ORDER BY key");
    while (st->executeStep()) {
      out.emplace_back(st->getColumn(0).getString().substr(kLabelPrefix.size()), st->getColumn(1).getString());
    }
    return out;
  });
}

}  // namespace pactum
