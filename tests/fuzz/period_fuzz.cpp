// Fuzz target: dates and KPI periods (docs/kpi.md, "Periods").
//
// Input lines: a text parsed as a date and as a period, then two integers
// (days and months to add). Laws: parse and try_parse agree; a date's text
// is exactly the input (the format is strict) and it is the same date by
// its fields and by its serial number; adding days moves the serial number
// by exactly that many days; adding months keeps the month arithmetic and
// never a later day of month; a period's canonical text parses back to it,
// as does the range of its first and last day.
#include <charconv>
#include <optional>

#include "fuzz/fuzz_support.hpp"
#include "pactum/core/date.hpp"
#include "pactum/kpi/period.hpp"

using namespace pactum;

namespace {

std::int64_t integer_of(std::string_view line) {
  std::int64_t n = 0;
  std::from_chars(line.data(), line.data() + line.size(), n);
#if !PACTUM_FUZZ_PENDING_LAWS
  // Without the pending laws, arguments stay away from the 64-bit edges.
  constexpr std::int64_t kEdge = std::int64_t(1) << 40;
  n = std::clamp(n, -kEdge, kEdge);
#endif
  return n;
}

void date_laws(Date d, std::int64_t days, std::int64_t months) {
  const std::string text = d.to_string();
  PACTUM_FUZZ_CHECK(Date::parse(text) == d, text);
  PACTUM_FUZZ_CHECK(Date::from_ymd(d.year(), d.month(), d.day()) == d, text);
  PACTUM_FUZZ_CHECK(Date::from_serial(d.serial()) == d, text);
  PACTUM_FUZZ_CHECK(d.first_of_month() <= d && d <= d.end_of_month(), text);
  PACTUM_FUZZ_CHECK(d.end_of_month().day() == days_in_month(d.year(), d.month()), text);
  Date later;
  if (fuzz::accepted([&] { later = d.add_days(days); })) {
    PACTUM_FUZZ_CHECK(days_between(d, later) == days, text);
  }
  if (fuzz::accepted([&] { later = d.add_months(months); })) {
    const std::int64_t index = std::int64_t(d.year()) * 12 + d.month() - 1 + months;
    PACTUM_FUZZ_CHECK(std::int64_t(later.year()) * 12 + later.month() - 1 == index, text);
    PACTUM_FUZZ_CHECK(later.day() <= d.day(), text);
    PACTUM_FUZZ_CHECK(later.day() == d.day() || later == later.end_of_month(), text);
  }
  fuzz::accepted([&] { later = d.add_years(months); });
}

void period_laws(const Period& p) {
  const std::string text = p.to_string();
  const Period back = Period::parse(text);
  PACTUM_FUZZ_CHECK(back == p && back.kind() == p.kind(), text);
  PACTUM_FUZZ_CHECK(back.to_string() == text, text);
  const Period range = Period::range(p.start(), p.end());
  PACTUM_FUZZ_CHECK(range == p && range.kind() == p.kind(), text);
  PACTUM_FUZZ_CHECK(p.start() <= p.end() && p.days() == days_between(p.start(), p.end()) + 1, text);
  PACTUM_FUZZ_CHECK(p.contains(p.start()) && p.contains(p.end()), text);
  fuzz::accepted([&] { PACTUM_FUZZ_CHECK(p.months() > Ratio(0), text); });
  for (const Period& of : {Period::month_of(p.start()), Period::quarter_of(p.start()), Period::year_of(p.start())}) {
    PACTUM_FUZZ_CHECK(of.contains(p.start()), text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> in = fuzz::lines(fuzz::as_text(data, size));
  const auto line = [&](std::size_t i) { return i < in.size() ? in[i] : std::string_view(); };
  const std::int64_t days = integer_of(line(1));
  const std::int64_t months = integer_of(line(2));
  std::optional<Date> d;
  const bool parsed = fuzz::accepted([&] { d = Date::parse(line(0)); });
  PACTUM_FUZZ_CHECK(parsed == Date::try_parse(line(0)).has_value(), line(0));
  if (parsed) {
    PACTUM_FUZZ_CHECK(d->to_string() == line(0), line(0));
    date_laws(*d, days, months);
  }
  std::optional<Period> p;
  if (fuzz::accepted([&] { p = Period::parse(line(0)); })) period_laws(*p);
  Date serial;
  if (fuzz::accepted([&] { serial = Date::from_serial(days); })) date_laws(serial, months, days);
  return 0;
}
