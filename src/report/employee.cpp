// The employee report: signed amount, collection rate and score with their
// standard competition ranks, and the two-axis classification.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "builders.hpp"

namespace pactum {

namespace {

struct ClassInfo {
  EmployeeClass c;
  const char* name;
  const char* action;
};

constexpr ClassInfo kClasses[] = {
    {EmployeeClass::high_contribution_high_performance, "high_contribution_high_performance", "promote"},
    {EmployeeClass::high_signing_low_execution, "high_signing_low_execution", "coach_execution"},
    {EmployeeClass::low_signing_high_execution, "low_signing_high_execution", "develop_signing"},
    {EmployeeClass::low_signing_low_execution, "low_signing_low_execution", "improvement_plan"},
};

const ClassInfo* class_info(EmployeeClass c) noexcept {
  for (const ClassInfo& i : kClasses) {
    if (i.c == c) return &i;
  }
  return nullptr;
}

EmployeeClass classify(bool high_signing, bool high_execution) noexcept {
  if (high_signing) {
    return high_execution ? EmployeeClass::high_contribution_high_performance : EmployeeClass::high_signing_low_execution;
  }
  return high_execution ? EmployeeClass::low_signing_high_execution : EmployeeClass::low_signing_low_execution;
}

}  // namespace

const char* employee_class_name(EmployeeClass c) noexcept {
  const ClassInfo* i = class_info(c);
  return i != nullptr ? i->name : "unknown";
}

const char* recommended_action_name(EmployeeClass c) noexcept {
  const ClassInfo* i = class_info(c);
  return i != nullptr ? i->action : "unknown";
}

std::string employee_class_text(EmployeeClass c, Lang lang) {
  return render_message(std::string("report.class_") + employee_class_name(c), lang, {});
}

std::string recommended_action_text(EmployeeClass c, Lang lang) {
  return render_message(std::string("report.action_") + recommended_action_name(c), lang, {});
}

std::vector<std::optional<std::int64_t>> competition_ranks(std::span<const std::optional<Ratio>> values) {
  std::vector<std::optional<std::int64_t>> ranks(values.size());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *values[b] < *values[a]; });
  for (std::size_t k = 0; k < order.size(); ++k) {
    // Tied values share the rank of the first of them: 1, 2, 2, 4.
    if (k > 0 && *values[order[k]] == *values[order[k - 1]]) {
      ranks[order[k]] = ranks[order[k - 1]];
    } else {
      ranks[order[k]] = static_cast<std::int64_t>(k) + 1;
    }
  }
  return ranks;
}

std::optional<Ratio> median(std::vector<Ratio> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / Ratio(2);
}

namespace report {

std::int64_t collected_reporting_units(const tracking::ContractFacts& f, Date cutoff) {
  if (f.amount <= 0) return 0;
  const std::int64_t collected = std::clamp<std::int64_t>(tracking::value_on(f.collections, cutoff), 0, f.amount);
  if (collected == f.amount) return f.reporting_amount;
  return Money::from_units(f.reporting_amount, Currency{}).times(Ratio(collected, f.amount)).units();
}

void validate_employee_report_options(const EmployeeReportOptions& options, Currency reporting) {
  if (options.signed_cutoff) {
    if (!(options.signed_cutoff->currency() == reporting)) {
      raise(Errc::currency_mismatch, "report.cutoff_currency",
            {{"currency", std::string(options.signed_cutoff->currency().code())},
             {"reporting", std::string(reporting.code())}});
    }
    if (options.signed_cutoff->is_negative()) {
      raise(Errc::invalid_argument, "report.bad_signed_cutoff", {{"value", options.signed_cutoff->to_string()}});
    }
  }
  if (options.collection_cutoff) {
    const Decimal& c = *options.collection_cutoff;
    if (c.is_negative() || c > Decimal(1)) {
      raise(Errc::invalid_argument, "report.bad_collection_cutoff", {{"value", c.to_string()}});
    }
  }
}

EmployeeReport build_employee_report(const Period& period, Date as_of, Currency reporting,
                                     const std::vector<Person>& people, const std::vector<SignedContract>& contracts,
                                     const EmployeeReportOptions& options, Lang lang) {
  EmployeeReport report;
  report.period = period;
  report.as_of = as_of;
  report.cutoff = std::min(as_of, period.end());
  report.currency = reporting;
  report.lang = lang;

  struct Totals {
    std::int64_t contracts = 0;
    std::int64_t signed_units = 0;
    std::int64_t collected_units = 0;
  };
  std::unordered_map<std::string, Totals> totals;
  for (const SignedContract& c : contracts) {
    Totals& t = totals[c.owner];
    ++t.contracts;
    if (__builtin_add_overflow(t.signed_units, c.reporting_amount, &t.signed_units) ||
        __builtin_add_overflow(t.collected_units, c.collected, &t.collected_units)) {
      detail::throw_money_overflow("add");
    }
  }

  const std::size_t n = people.size();
  std::vector<std::optional<Ratio>> signed_values(n);
  std::vector<std::optional<Ratio>> collection_values(n);
  std::vector<std::optional<Ratio>> score_values(n);
  std::vector<Ratio> signed_of_signers;
  std::vector<Ratio> collection_of_signers;
  for (std::size_t i = 0; i < n; ++i) {
    const Person& p = people[i];
    EmployeeReportRow row;
    row.employee = p.employee;
    row.name = p.name;
    row.department = p.department;
    row.position = p.position;
    const auto it = totals.find(p.employee);
    const Totals t = it != totals.end() ? it->second : Totals{};
    row.contracts = t.contracts;
    row.signed_amount = Money::from_units(t.signed_units, reporting);
    row.collected = Money::from_units(t.collected_units, reporting);
    signed_values[i] = Ratio(t.signed_units, Money::kUnitsPerOne);
    if (t.contracts > 0 && t.signed_units > 0) {
      row.collection_ratio = Ratio(t.collected_units, t.signed_units);
      row.collection_rate = row.collection_ratio->round(6);
      collection_values[i] = row.collection_ratio;
    }
    if (t.contracts > 0) {
      signed_of_signers.push_back(*signed_values[i]);
      if (row.collection_ratio) collection_of_signers.push_back(*row.collection_ratio);
    }
    row.score = p.score;
    row.score_10 = p.score_10;
    if (p.score) score_values[i] = Ratio(*p.score);
    report.employees.push_back(std::move(row));
  }

  validate_employee_report_options(options, reporting);
  if (options.signed_cutoff) {
    report.signed_cutoff = Ratio(options.signed_cutoff->units(), Money::kUnitsPerOne);
    report.signed_cutoff_is_median = false;
  } else {
    report.signed_cutoff = median(signed_of_signers);
  }
  if (options.collection_cutoff) {
    report.collection_cutoff = Ratio(*options.collection_cutoff);
    report.collection_cutoff_is_median = false;
  } else {
    report.collection_cutoff = median(collection_of_signers);
  }

  const auto signed_ranks = competition_ranks(signed_values);
  const auto collection_ranks = competition_ranks(collection_values);
  const auto score_ranks = competition_ranks(score_values);
  for (std::size_t i = 0; i < n; ++i) {
    EmployeeReportRow& row = report.employees[i];
    row.signed_rank = signed_ranks[i];
    row.collection_rank = collection_ranks[i];
    row.score_rank = score_ranks[i];
    if (row.contracts == 0 || !row.collection_ratio || !report.signed_cutoff || !report.collection_cutoff) continue;
    row.high_signing = *signed_values[i] >= *report.signed_cutoff;
    row.high_execution = *row.collection_ratio >= *report.collection_cutoff;
    row.classification = classify(*row.high_signing, *row.high_execution);
    row.action = recommended_action_text(*row.classification, lang);
  }
  return report;
}

}  // namespace report

}  // namespace pactum
