// Evaluation periods of the KPI engine: a month ("2024-01"), a quarter
// ("2024-Q1"), a year ("2024") or a custom range of days
// ("2024-01-15..2024-04-14", both ends inclusive). docs/kpi.md "Periods".
#pragma once

#include <string>
#include <string_view>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"

namespace pactum {

enum class PeriodKind : unsigned char { month, quarter, year, custom };

// "month", "quarter", "year", "custom".
const char* period_kind_name(PeriodKind kind) noexcept;

class Period {
 public:
  // Parses the texts of the table above. Anything else ("2024-Q5",
  // "2024-13", "24", " 2024", an end before the start, an invalid date) is a
  // ValidationError naming the text. A custom range that is exactly a
  // calendar month, quarter or year is that period ("2024-01-01..2024-03-31"
  // is "2024-Q1"), so one span of days has one name.
  static Period parse(std::string_view text);
  // The month, quarter or year containing `day`.
  static Period month_of(Date day);
  static Period quarter_of(Date day);
  static Period year_of(Date day);
  // The range start..end (inclusive); an end before the start is a
  // ValidationError. Calendar months, quarters and years become those kinds.
  static Period range(Date start, Date end);

  PeriodKind kind() const noexcept { return kind_; }
  Date start() const noexcept { return start_; }
  Date end() const noexcept { return end_; }
  bool contains(Date day) const noexcept { return start_ <= day && day <= end_; }
  // Days covered, both ends included.
  std::int64_t days() const noexcept { return days_between(start_, end_) + 1; }

  // The number of months as an exact ratio: 1, 3 or 12 for the calendar
  // kinds; for a custom range the whole n when start + n months - 1 day is
  // its end, else 12 x its days / the days of the twelve months from its start.
  Ratio months() const;

  // The canonical text: "2024-01", "2024-Q1", "2024", "2024-01-15..2024-04-14".
  std::string to_string() const;

  friend bool operator==(const Period& a, const Period& b) noexcept {
    return a.start_ == b.start_ && a.end_ == b.end_;
  }

 private:
  Period(PeriodKind kind, Date start, Date end) noexcept : kind_(kind), start_(start), end_(end) {}

  PeriodKind kind_ = PeriodKind::month;
  Date start_;
  Date end_;
};

}  // namespace pactum
