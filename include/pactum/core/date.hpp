// Calendar dates without time zone: the effective dates of every event.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pactum {

// A proleptic Gregorian date from 1400-01-01 to 9999-12-31 (Boost.Gregorian
// underneath), stored as a day count so comparisons and day differences are
// integer operations.
class Date {
 public:
  static constexpr int kMinYear = 1400;
  static constexpr int kMaxYear = 9999;

  // 1970-01-01.
  constexpr Date() noexcept = default;

  // Strict ISO 8601 calendar date "YYYY-MM-DD": four-digit year, two-digit
  // month and day, a date that exists. Everything else ("2024-1-1",
  // "2023-02-29", " 2024-01-01", "20240101") is a ValidationError.
  static Date parse(std::string_view text);
  static std::optional<Date> try_parse(std::string_view text) noexcept;
  // A ValidationError when the date does not exist.
  static Date from_ymd(int year, int month, int day);
  // Days since 1970-01-01; out of range is a ValidationError.
  static Date from_serial(std::int64_t days);
  // The host's local date: only ever a default for `on=` / `as_of`.
  static Date today();

  int year() const noexcept;
  int month() const noexcept;
  int day() const noexcept;
  constexpr std::int64_t serial() const noexcept { return days_; }
  // 1..4
  int quarter() const noexcept { return (month() - 1) / 3 + 1; }
  std::string to_string() const;

  // The first and the last date of the calendar: 1400-01-01, 9999-12-31.
  static Date first() noexcept;
  static Date last() noexcept;

  Date add_days(std::int64_t days) const;
  // add_days(), or nullopt when the result leaves the calendar.
  std::optional<Date> try_add_days(std::int64_t days) const noexcept;
  // add_days() held within first()..last(): for the bound of a search (a
  // lead time that reaches past the end of the calendar ends there).
  Date add_days_clamped(std::int64_t days) const noexcept;
  // Keeps the day of month and clamps to the month's end only when the day
  // does not exist: 2024-01-31 + 1 month = 2024-02-29, 2024-04-30 + 1 month
  // = 2024-05-30.
  Date add_months(std::int64_t months) const;
  // add_months(), or nullopt when the result leaves the calendar.
  std::optional<Date> try_add_months(std::int64_t months) const noexcept;
  // Every argument is defined: a result outside 1400-01-01..9999-12-31 is a
  // ValidationError (core.date_out_of_range), never an overflow.
  Date add_years(std::int64_t years) const;
  Date first_of_month() const;
  Date end_of_month() const;

  friend constexpr bool operator==(Date a, Date b) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(Date a, Date b) noexcept = default;

 private:
  constexpr explicit Date(std::int32_t days) noexcept : days_(days) {}
  std::int32_t days_ = 0;
};

// to - from, in days (negative when `to` is earlier).
constexpr std::int64_t days_between(Date from, Date to) noexcept {
  return to.serial() - from.serial();
}

bool is_leap_year(int year) noexcept;
int days_in_month(int year, int month);

}  // namespace pactum
