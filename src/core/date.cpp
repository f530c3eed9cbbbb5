#include "pactum/core/date.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <ctime>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

namespace greg = boost::gregorian;

const long kEpochDayNumber = greg::date(1970, 1, 1).day_number();

[[noreturn]] void bad_date(std::string_view text) {
  raise(Errc::invalid_argument, "core.bad_date", {{"text", std::string(text)}});
}

greg::date to_greg(std::int64_t serial) {
  return greg::date(greg::gregorian_calendar::from_day_number(
      static_cast<greg::date::date_int_type>(serial + kEpochDayNumber)));
}

bool valid_ymd(int year, int month, int day) noexcept {
  return year >= Date::kMinYear && year <= Date::kMaxYear && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

int two_digits(std::string_view s, std::size_t at) {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

bool is_leap_year(int year) noexcept { return greg::gregorian_calendar::is_leap_year(year); }

int days_in_month(int year, int month) {
  if (month < 1 || month > 12) {
    raise(Errc::invalid_argument, "core.bad_month", {{"month", std::to_string(month)}});
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

std::optional<Date> Date::try_parse(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int year = two_digits(s, 0) * 100 + two_digits(s, 2);
  const int month = two_digits(s, 5);
  const int day = two_digits(s, 8);
  if (!valid_ymd(year, month, day)) return std::nullopt;
  const greg::date g(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                     static_cast<unsigned short>(day));
  return Date(static_cast<std::int32_t>(g.day_number() - kEpochDayNumber));
}

Date Date::parse(std::string_view text) {
  if (auto d = try_parse(text)) return *d;
  bad_date(text);
}

Date Date::from_ymd(int year, int month, int day) {
  if (!valid_ymd(year, month, day)) {
    bad_date(std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day));
  }
  const greg::date g(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                     static_cast<unsigned short>(day));
  return Date(static_cast<std::int32_t>(g.day_number() - kEpochDayNumber));
}

Date Date::from_serial(std::int64_t days) {
  if (days < first().serial() || days > last().serial()) raise(Errc::invalid_argument, "core.date_out_of_range");
  return Date(static_cast<std::int32_t>(days));
}

Date Date::today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

int Date::year() const noexcept { return to_greg(days_).year(); }
int Date::month() const noexcept { return to_greg(days_).month(); }
int Date::day() const noexcept { return to_greg(days_).day(); }

std::string Date::to_string() const {
  const greg::date g = to_greg(days_);
  char buf[16];
  const int y = g.year();
  const int m = g.month();
  const int d = g.day();
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  return std::string(buf, 10);
}

namespace {

// Wider than the whole range in days (about 3.2 million) or months: beyond
// it, the result is out of range whatever the start, and adding it could
// overflow.
constexpr std::int64_t kMaxDaySpan = std::int64_t{1} << 32;
constexpr std::int64_t kMaxMonthSpan = std::int64_t{12} * 10000;

[[noreturn]] void out_of_range() { raise(Errc::invalid_argument, "core.date_out_of_range"); }

}  // namespace

Date Date::first() noexcept {
  static const Date d(static_cast<std::int32_t>(greg::date(kMinYear, 1, 1).day_number() - kEpochDayNumber));
  return d;
}

Date Date::last() noexcept {
  static const Date d(static_cast<std::int32_t>(greg::date(kMaxYear, 12, 31).day_number() - kEpochDayNumber));
  return d;
}

Date Date::add_days(std::int64_t days) const {
  if (auto d = try_add_days(days)) return *d;
  out_of_range();
}

std::optional<Date> Date::try_add_days(std::int64_t days) const noexcept {
  if (days > kMaxDaySpan || days < -kMaxDaySpan) return std::nullopt;
  const std::int64_t serial = days_ + days;
  if (serial < first().days_ || serial > last().days_) return std::nullopt;
  return Date(static_cast<std::int32_t>(serial));
}

Date Date::add_days_clamped(std::int64_t days) const noexcept {
  if (auto d = try_add_days(days)) return *d;
  return days < 0 ? first() : last();
}

Date Date::add_years(std::int64_t years) const {
  if (years > kMaxMonthSpan / 12 || years < -kMaxMonthSpan / 12) out_of_range();
  return add_months(years * 12);
}

std::optional<Date> Date::try_add_months(std::int64_t months) const noexcept {
  if (months > kMaxMonthSpan || months < -kMaxMonthSpan) return std::nullopt;
  const greg::date g = to_greg(days_);
  const std::int64_t index = std::int64_t(g.year()) * 12 + (g.month() - 1) + months;
  if (index < std::int64_t{kMinYear} * 12 || index / 12 > kMaxYear) return std::nullopt;
  return add_months(months);
}

Date Date::add_months(std::int64_t months) const {
  if (months > kMaxMonthSpan || months < -kMaxMonthSpan) out_of_range();
  const greg::date g = to_greg(days_);
  const std::int64_t index = std::int64_t(g.year()) * 12 + (g.month() - 1) + months;
  const std::int64_t year = index / 12;
  const int month = static_cast<int>(index % 12) + 1;
  if (index < 0 || year < kMinYear || year > kMaxYear) {
    raise(Errc::invalid_argument, "core.date_out_of_range");
  }
  const int y = static_cast<int>(year);
  const int day = std::min<int>(g.day(), days_in_month(y, month));
  return from_ymd(y, month, day);
}

Date Date::first_of_month() const {
  const greg::date g = to_greg(days_);
  return from_ymd(g.year(), g.month(), 1);
}

Date Date::end_of_month() const {
  const greg::date g = to_greg(days_);
  return from_ymd(g.year(), g.month(), days_in_month(g.year(), g.month()));
}

}  // namespace pactum
