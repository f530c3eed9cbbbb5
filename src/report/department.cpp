// The department report: execution rate against average score, and
// Pearson's correlation between them computed exactly.
#include <boost/multiprecision/cpp_int.hpp>

#include <map>

#include "builders.hpp"

namespace pactum {

namespace {

namespace mp = boost::multiprecision;
using BigRational = mp::cpp_rational;
using BigInt = mp::cpp_int;

BigRational big(const Ratio& r) { return BigRational(BigInt(r.numerator()), BigInt(r.denominator())); }

// round_half_even(sqrt(q) x 10^6) for a rational q >= 0, by an integer square
// root and exact comparisons.
BigInt sqrt_scaled_6(const BigRational& q) {
  const BigInt n = mp::numerator(q) * BigInt(1000000) * BigInt(1000000);
  const BigInt d = mp::denominator(q);
  const BigInt t = mp::sqrt(BigInt(n / d));  // floor(sqrt(n / d))
  // sqrt(n/d) >= t + 1/2  <=>  4 n >= d (2t + 1)^2
  const BigInt lhs = BigInt(4) * n;
  const BigInt rhs = d * (BigInt(2) * t + 1) * (BigInt(2) * t + 1);
  if (lhs > rhs) return t + 1;
  if (lhs < rhs) return t;
  return (t % 2 == 0) ? t : t + 1;  // an exact tie: to the even neighbour
}

}  // namespace

Correlation pearson_correlation(std::span<const std::pair<Ratio, Ratio>> points) {
  Correlation out;
  out.points = static_cast<std::int64_t>(points.size());
  if (points.size() < 2) return out;
  BigRational mean_x = 0;
  BigRational mean_y = 0;
  for (const auto& [x, y] : points) {
    mean_x += big(x);
    mean_y += big(y);
  }
  mean_x /= static_cast<long long>(points.size());
  mean_y /= static_cast<long long>(points.size());
  BigRational sxy = 0;
  BigRational sxx = 0;
  BigRational syy = 0;
  for (const auto& [x, y] : points) {
    const BigRational dx = big(x) - mean_x;
    const BigRational dy = big(y) - mean_y;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx == 0 || syy == 0) return out;
  const BigRational r2 = sxy * sxy / (sxx * syy);
  BigInt scaled = sqrt_scaled_6(r2);
  if (sxy < 0) scaled = -scaled;
  out.r = Decimal::from_coefficient(scaled.convert_to<std::int64_t>(), 6);
  out.r_squared = mp::denominator(r2) == 1 ? mp::numerator(r2).str()
                                           : mp::numerator(r2).str() + "/" + mp::denominator(r2).str();
  return out;
}

namespace report {

bool executed_as_agreed(std::string_view type, Date delivery_due, std::optional<Date> delivered_on,
                        std::optional<Date> late_due, Date cutoff) {
  if (!delivered_on || *delivered_on > delivery_due) return false;
  if (type == "procurement") return true;
  return !late_due || *late_due > cutoff;
}

DepartmentReport build_department_report(const Period& period, Date as_of, const std::vector<Department>& departments,
                                         const std::vector<DueContract>& due, const std::vector<Person>& people) {
  DepartmentReport report;
  report.period = period;
  report.as_of = as_of;
  report.cutoff = std::min(as_of, period.end());
  std::map<std::string, std::size_t> index;
  for (const Department& d : departments) {
    index.emplace(d.code, report.departments.size());
    DepartmentReportRow row;
    row.department = d.code;
    row.name = d.name;
    report.departments.push_back(std::move(row));
  }
  for (const DueContract& c : due) {
    auto it = index.find(c.department);
    if (it == index.end()) continue;
    DepartmentReportRow& row = report.departments[it->second];
    ++row.contracts_due;
    if (c.executed) ++row.executed;
  }
  std::vector<Decimal> sums(report.departments.size());
  for (const Person& p : people) {
    auto it = index.find(p.department);
    if (it == index.end()) continue;
    DepartmentReportRow& row = report.departments[it->second];
    ++row.employees;
    if (p.score) {
      ++row.scored;
      sums[it->second] += *p.score;
    }
  }
  std::vector<std::pair<Ratio, Ratio>> points;
  for (std::size_t i = 0; i < report.departments.size(); ++i) {
    DepartmentReportRow& row = report.departments[i];
    if (row.contracts_due > 0) {
      row.execution_ratio = Ratio(row.executed, row.contracts_due);
      row.execution_rate = row.execution_ratio->round(6);
    }
    if (row.scored > 0) {
      row.average_score_ratio = Ratio(sums[i]) / Ratio(row.scored);
      row.average_score = row.average_score_ratio->round(2);
      row.average_score_10 = (*row.average_score_ratio / Ratio(10)).round(3);
    }
    if (row.execution_ratio && row.average_score_ratio) points.emplace_back(*row.execution_ratio, *row.average_score_ratio);
  }
  report.correlation = pearson_correlation(points);
  return report;
}

}  // namespace report

}  // namespace pactum
