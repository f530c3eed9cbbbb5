// The employee report: signed amount, collection rate and score with their
// standard competition ranks, and the two-axis classification.
#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

#include "builders.hpp"
#include "pactum/contract/contract.hpp"

namespace pactum {

std::string class_label(std::string_view code, Lang lang) {
  const std::string key = "report.class_" + std::string(code);
  return catalog_has(key) ? render_message(key, lang, {}) : std::string(code);
}

std::string action_label(std::string_view code, Lang lang) {
  const std::string key = "report.action_" + std::string(code);
  return catalog_has(key) ? render_message(key, lang, {}) : std::string(code);
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
                                     const std::vector<Person>& people, const std::vector<ReportContract>& contracts,
                                     const EmployeeReportOptions& options, const ClassificationTable& table, Lang lang) {
  validate_employee_report_options(options, reporting);
  EmployeeReport report;
  report.period = period;
  report.as_of = as_of;
  report.cutoff = std::min(as_of, period.end());
  report.currency = reporting;
  report.lang = lang;
  report.classification_table = table.id();
  report.classification_version = table.version();
  if (options.signed_cutoff) report.signed_cutoff = Ratio(options.signed_cutoff->units(), Money::kUnitsPerOne);
  if (options.collection_cutoff) report.collection_cutoff = Ratio(*options.collection_cutoff);

  struct Totals {
    std::int64_t contracts = 0;
    std::int64_t signed_units = 0;
    std::int64_t collected_units = 0;
    std::int64_t held_units = 0;
    std::int64_t held = 0;
  };
  auto add = [](std::int64_t& to, std::int64_t v) {
    if (__builtin_add_overflow(to, v, &to)) detail::throw_money_overflow("add");
  };
  std::unordered_map<std::string, Totals> totals;
  std::set<std::string> buyers;  // who signs or holds a payable contract
  for (const ReportContract& c : contracts) {
    // Signing and collection measure the money the company is paid: a
    // buyer's procurement contracts (money paid out) are not contribution,
    // nor is paying a supplier execution.
    const MoneyDirection direction = money_direction(c.type);
    if (direction == MoneyDirection::payable) {
      if (c.signed_in_period) buyers.insert(c.signer);
      if (c.in_force) buyers.insert(c.holder);
    }
    if (direction != MoneyDirection::receivable) continue;
    if (c.signed_in_period) {
      Totals& t = totals[c.signer];
      ++t.contracts;
      add(t.signed_units, c.reporting_amount);
    }
    if (c.in_force) {
      Totals& t = totals[c.holder];
      ++t.held;
      add(t.held_units, c.reporting_amount);
      add(t.collected_units, c.collected);
    }
  }

  const std::size_t n = people.size();
  std::vector<std::optional<Ratio>> signed_values(n);
  std::vector<std::optional<Ratio>> collection_values(n);
  std::vector<std::optional<Ratio>> score_values(n);
  std::vector<EmployeeReportRow> rows;
  std::vector<ClassificationSubject> subjects;
  for (std::size_t i = 0; i < n; ++i) {
    const Person& p = people[i];
    EmployeeReportRow row;
    row.employee = p.employee;
    row.name = p.name;
    row.department = p.department;
    row.position = p.position;
    row.group = p.group;
    const auto it = totals.find(p.employee);
    const Totals t = it != totals.end() ? it->second : Totals{};
    row.contracts = t.contracts;
    row.signed_amount = Money::from_units(t.signed_units, reporting);
    row.collected = Money::from_units(t.collected_units, reporting);
    signed_values[i] = Ratio(t.signed_units, Money::kUnitsPerOne);
    if (t.held > 0 && t.held_units > 0) {
      row.collection_ratio = Ratio(t.collected_units, t.held_units);
      row.collection_rate = row.collection_ratio->round(6);
      collection_values[i] = row.collection_ratio;
    }
    row.score = p.score;
    row.score_10 = p.score_10;
    row.coverage = p.coverage;
    if (p.score) score_values[i] = Ratio(*p.score);
    rows.push_back(std::move(row));
  }
  // A group of buyers — members sign or hold payable contracts, none a
  // receivable one — is not compared on signing and collection: those axes
  // say nothing of buying. (A group without any contract is compared: signing
  // nothing is low signing.)
  std::set<std::string> receivable_groups;
  std::set<std::string> buyer_groups;
  for (std::size_t i = 0; i < n; ++i) {
    if (!people[i].score) continue;
    if (totals.contains(people[i].employee)) receivable_groups.insert(people[i].group);
    if (buyers.contains(people[i].employee)) buyer_groups.insert(people[i].group);
  }
  for (const std::string& g : buyer_groups) {
    if (!receivable_groups.contains(g)) report.unclassified_groups.push_back(g);
  }
  // Signing is ranked among those it says something of: not a buyer group,
  // nor someone without a score who holds no receivable (a manager, finance):
  // they signed nothing the company is paid for, and a rank would only
  // repeat it.
  for (std::size_t i = 0; i < n; ++i) {
    const bool buyer_group = buyer_groups.contains(people[i].group) && !receivable_groups.contains(people[i].group);
    if (buyer_group || (!people[i].score && !totals.contains(people[i].employee))) signed_values[i].reset();
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Person& p = people[i];
    if (!p.score || (buyer_groups.contains(p.group) && !receivable_groups.contains(p.group))) continue;
    const Ratio signed_amount(rows[i].signed_amount.units(), Money::kUnitsPerOne);
    subjects.push_back({p.employee, p.group, p.score, p.coverage.value_or(Decimal()), signed_amount, rows[i].collection_ratio});
  }

  const auto signed_ranks = competition_ranks(signed_values);
  const auto collection_ranks = competition_ranks(collection_values);
  const auto score_ranks = competition_ranks(score_values);
  std::unordered_map<std::string, ClassifiedEmployee> classes;
  for (ClassifiedEmployee& e : classify_employees(table, subjects, {report.signed_cutoff, report.collection_cutoff})) {
    classes.emplace(e.employee, std::move(e));
  }
  for (std::size_t i = 0; i < n; ++i) {
    EmployeeReportRow& row = rows[i];
    row.signed_rank = signed_ranks[i];
    row.collection_rank = collection_ranks[i];
    row.score_rank = score_ranks[i];
    if (auto it = classes.find(row.employee); it != classes.end()) {
      const ClassifiedEmployee& e = it->second;
      row.score_top_half = e.axes.score_top_half;
      row.high_signing = e.axes.high_contribution;
      row.high_execution = e.axes.high_execution;
      row.classification = e.outcome.class_code;
      row.action = e.outcome.action_code;
      row.classification_rule = e.outcome.rule;
    }
    const bool kept = (!options.department || row.department == *options.department) &&
                      (!options.position || row.position == *options.position);
    if (kept) report.employees.push_back(std::move(row));
  }
  return report;
}

}  // namespace report

}  // namespace pactum
