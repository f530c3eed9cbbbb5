// Periods: parsing, containing periods of a date, month counts.
#include "pactum/kpi/period.hpp"

#include <string>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

[[noreturn]] void bad_period(std::string_view text) {
  raise(Errc::invalid_argument, "kpi.bad_period", {{"period", std::string(text)}});
}

bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int number(std::string_view s) noexcept {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int year_of_text(std::string_view text, std::string_view digits) {
  if (digits.size() != 4 || !all_digits(digits)) bad_period(text);
  const int year = number(digits);
  if (year < Date::kMinYear || year > Date::kMaxYear) bad_period(text);
  return year;
}

std::string two_digits(int v) {
  std::string out(2, '0');
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
  return out;
}

// start + n months - 1 day == end, also when start + n months is the day
// after the end of the calendar (a range ending 9999-12-31).
bool ends_whole_months(Date start, std::int64_t n, Date end) {
  const std::int64_t index = std::int64_t{start.year()} * 12 + (start.month() - 1) + n;
  if (index / 12 > Date::kMaxYear) {
    return index / 12 == Date::kMaxYear + 1 && index % 12 == 0 && start.day() == 1 && end == Date::last();
  }
  return start.add_months(n).add_days(-1) == end;
}

}  // namespace

const char* period_kind_name(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::month: return "month";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::year: return "year";
    case PeriodKind::custom: return "custom";
  }
  return "custom";
}

Period Period::month_of(Date day) {
  const Date start = day.first_of_month();
  return Period(PeriodKind::month, start, start.end_of_month());
}

Period Period::quarter_of(Date day) {
  const Date start = Date::from_ymd(day.year(), (day.quarter() - 1) * 3 + 1, 1);
  return Period(PeriodKind::quarter, start, start.add_months(2).end_of_month());
}

Period Period::year_of(Date day) {
  return Period(PeriodKind::year, Date::from_ymd(day.year(), 1, 1), Date::from_ymd(day.year(), 12, 31));
}

Period Period::range(Date start, Date end) {
  if (end < start) {
    raise(Errc::invalid_argument, "kpi.period_order", {{"start", start.to_string()}, {"end", end.to_string()}});
  }
  for (const Period& p : {month_of(start), quarter_of(start), year_of(start)}) {
    if (p.start_ == start && p.end_ == end) return p;
  }
  return Period(PeriodKind::custom, start, end);
}

Period Period::parse(std::string_view text) {
  const std::size_t dots = text.find("..");
  if (dots != std::string_view::npos) {
    const auto start = Date::try_parse(text.substr(0, dots));
    const auto end = Date::try_parse(text.substr(dots + 2));
    if (!start || !end) bad_period(text);
    if (*end < *start) {
      raise(Errc::invalid_argument, "kpi.period_order", {{"start", start->to_string()}, {"end", end->to_string()}});
    }
    return range(*start, *end);
  }
  if (text.size() == 4) return year_of(Date::from_ymd(year_of_text(text, text), 1, 1));
  if (text.size() == 7 && text[4] == '-') {
    const int year = year_of_text(text, text.substr(0, 4));
    if (text[5] == 'Q') {
      if (!all_digits(text.substr(6, 1))) bad_period(text);
      const int q = text[6] - '0';
      if (q < 1 || q > 4) bad_period(text);
      return quarter_of(Date::from_ymd(year, (q - 1) * 3 + 1, 1));
    }
    if (!all_digits(text.substr(5, 2))) bad_period(text);
    const int month = number(text.substr(5, 2));
    if (month < 1 || month > 12) bad_period(text);
    return month_of(Date::from_ymd(year, month, 1));
  }
  bad_period(text);
}

Ratio Period::months() const {
  switch (kind_) {
    case PeriodKind::month: return Ratio(1);
    case PeriodKind::quarter: return Ratio(3);
    case PeriodKind::year: return Ratio(12);
    case PeriodKind::custom: break;
  }
  // Whole months: start + n months - 1 day is the end.
  const std::int64_t approx =
      (static_cast<std::int64_t>(end_.year()) - start_.year()) * 12 + (end_.month() - start_.month());
  for (std::int64_t n = approx - 1; n <= approx + 1; ++n) {
    if (n < 1) continue;
    if (ends_whole_months(start_, n, end_)) return Ratio(n);
  }
  // The days of the year from the start (or up to it, at the end of the calendar).
  const std::int64_t year_days = start_.year() < Date::kMaxYear ? days_between(start_, start_.add_months(12))
                                                                : days_between(start_.add_months(-12), start_);
  return Ratio(days() * 12, year_days);
}

std::string Period::to_string() const {
  switch (kind_) {
    case PeriodKind::month: return std::to_string(start_.year()) + "-" + two_digits(start_.month());
    case PeriodKind::quarter: return std::to_string(start_.year()) + "-Q" + std::to_string(start_.quarter());
    case PeriodKind::year: return std::to_string(start_.year());
    case PeriodKind::custom: break;
  }
  return start_.to_string() + ".." + end_.to_string();
}

}  // namespace pactum
