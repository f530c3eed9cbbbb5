// `pactum demo [--db FILE] [--html FILE] [--seed N]`: builds the seeded demo
// company in an embedded database, plays its year through the clock and
// shows the closed loop: the article's worked example through the scorecard
// API, three explained scorecards, the department and employee reports, the
// forecast, the pending reminders, the bonus adjustments, and how long each
// stage took; then writes the HTML report.
//
// Without --db the company goes into a new temporary file. An existing file
// is replaced only when it is a demo database (the `pactum.demo` label).
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "cli.hpp"
#include "demo_company.hpp"
#include "pactum/io/files.hpp"
#include "pactum/report/html.hpp"
#include "pactum/report/table.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

namespace fs = std::filesystem;

using Clock = std::chrono::steady_clock;

std::int64_t elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

std::uint64_t parse_seed(const Invocation& inv, const std::string& text) {
  const bool digits = !text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) throw UsageError{inv.text("cli.demo_bad_seed", {{"seed", text}})};
  std::uint64_t value = 0;
  for (char ch : text) value = value * 10 + static_cast<std::uint64_t>(ch - '0');
  return value;
}

// The 100-byte header of a SQLite file, or nothing when the file is shorter.
std::optional<std::string> sqlite_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string header(100, '\0');
  if (!in.read(header.data(), 100)) return std::nullopt;
  return header;
}

// Whether `path` may be (re)built: it does not exist, is empty, or is a demo
// database of this schema version or an older one (a demo left by an earlier
// release is rebuilt too). Anything else is refused.
void check_target(const Invocation& inv, const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) return;
  const auto header = sqlite_header(path);
  const bool sqlite = header && header->compare(0, 16, std::string("SQLite format 3\0", 16)) == 0;
  if (!sqlite) raise(Errc::conflict, "cli.demo_not_demo_database", {{"path", path}});
  const auto byte = [&](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>((*header)[i])); };
  const std::uint32_t user_version = (byte(60) << 24) | (byte(61) << 16) | (byte(62) << 8) | byte(63);
  if (user_version == 0 || user_version > static_cast<std::uint32_t>(Database::schema_version())) {
    raise(Errc::conflict, "cli.demo_not_demo_database", {{"path", path}});
  }
  {
    OpenOptions options;
    options.lang = inv.lang;
    Database existing(path, options);
    if (!existing.label(demo::kDemoLabel)) raise(Errc::conflict, "cli.demo_not_demo_database", {{"path", path}});
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// An HTML file is replaced only when it is a Pactum report.
void check_html_target(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return;
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), 512);
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.find("<meta name=\"generator\" content=\"pactum ") == std::string::npos) {
    raise(Errc::conflict, "cli.demo_not_report", {{"path", path}});
  }
}

std::string temporary_database() {
  const char* dir = ::getenv("TMPDIR");
  std::string pattern = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/pactum-demo-XXXXXX.db";
  const int fd = ::mkstemps(pattern.data(), 3);
  if (fd < 0) raise(Errc::storage, "cli.demo_no_temporary", {{"path", pattern}});
  ::close(fd);
  return pattern;
}

std::string html_path_for(const std::string& db_path) {
  fs::path p(db_path);
  p.replace_extension(".html");
  return p.string();
}

void heading(const Invocation& inv, std::string_view key, const MessageArgs& args = {}) {
  *inv.out << "\n== " << inv.text(key, args) << " ==\n";
}

// The first `limit` rows of each table, and a note saying how many more.
std::string truncated_text(const Invocation& inv, std::vector<ReportTable> tables, std::size_t limit) {
  for (ReportTable& t : tables) {
    if (t.rows.size() > limit) {
      const std::size_t more = t.rows.size() - limit;
      t.rows.resize(limit);
      if (t.display.size() > limit) t.display.resize(limit);
      t.notes.push_back(inv.text("cli.demo_more_rows", {{"count", std::to_string(more)}}));
    }
  }
  return to_text(tables);
}

Money cny(std::int64_t yuan) { return Money::from_units(yuan * Money::kUnitsPerOne, Currency::of("CNY")); }

struct Demo {
  Invocation& inv;
  Database& db;
  const demo::DemoPlan& plan;
  const std::vector<std::int64_t>& ids;
  const Period year = Period::parse(std::to_string(demo::kYear));
  const Date year_end = Date::from_ymd(demo::kYear, 12, 31);

  std::ostream& out() const { return *inv.out; }

  void worked_example() {
    const std::int64_t id = ids[plan.worked_contract];
    const Contract c = db.contract(id);
    const Employee owner = db.employee(plan.worked_owner, year_end);
    heading(inv, "cli.demo_worked_title");
    out() << inv.text("cli.demo_worked_intro", {{"name", owner.name},
                                                {"employee", owner.id},
                                                {"number", c.number},
                                                {"amount", c.amount.to_string()},
                                                {"currency", std::string(c.amount.currency().code())},
                                                {"signed", c.signed_on.to_string()}})
          << "\n";
    // Each payment, then the month's own scorecard (the article's payroll
    // link is monthly) with its bonus verdict on a base of 10000.00.
    const Money base = cny(10000);
    auto rules_text = [](const Scorecard& card) {
      std::string rules;
      for (RuleKind kind : all_rule_kinds()) {
        const Decimal points = card.rule_points(kind);
        if (points.is_zero()) continue;
        rules += (rules.empty() ? "" : ", ") + std::string(rule_kind_name(kind)) + " " +
                 (points.is_negative() ? "" : "+") + points.to_string();
      }
      return rules.empty() ? std::string("-") : rules;
    };
    Money before = Money::zero(c.amount.currency());
    for (const Installment& i : c.installments) {
      const ExecutionSummary x = db.execution(id, i.due);
      const Period month = Period::month_of(i.due);
      const Scorecard card = db.scorecard(plan.worked_owner, month, i.due);
      const IndicatorScore* rate = card.indicator("collection_rate");
      const IndicatorScore* signing = card.indicator("signed_amount");
      if (rate == nullptr || signing == nullptr || !card.total) continue;
      const BonusDecision bonus = db.bonus_decision(plan.worked_owner, month, base, i.due);
      out() << "  "
            << inv.text("cli.demo_worked_line", {{"date", i.due.to_string()},
                                                 {"payment", (x.collected - before).to_string()},
                                                 {"collected", x.collected.to_string()},
                                                 {"rate", (x.collection_ratio * Ratio(100)).round(0).to_string()}})
            << "\n    "
            << inv.text("cli.demo_worked_month", {{"period", month.to_string()},
                                                  {"points", rate->points.to_string()},
                                                  {"weight", rate->weight.normalized().to_string()},
                                                  {"signed_points", signing->points.to_string()},
                                                  {"signed_weight", signing->weight.normalized().to_string()},
                                                  {"rules", rules_text(card)},
                                                  {"coverage", card.coverage.normalized().to_string()},
                                                  {"total", card.total->to_string()}})
            << "\n    "
            << inv.text("cli.demo_worked_bonus", {{"base", base.to_string()},
                                                  {"adjustment", bonus.adjustment.to_string()},
                                                  {"reason", bonus_reason_text(inv, bonus)}})
            << "\n";
      before = x.collected;
    }
    const Date q1_end = Date::from_ymd(demo::kYear, 3, 31);
    const Scorecard quarter = db.scorecard(plan.worked_owner, Period::quarter_of(q1_end), q1_end);
    if (!quarter.total) return;
    out() << inv.text("cli.demo_worked_rules", {{"period", quarter.period.to_string()},
                                                {"date", quarter.as_of.to_string()},
                                                {"total", quarter.total->to_string()},
                                                {"rules", rules_text(quarter)}})
          << "\n";
  }

  // Three people worth a closer look, one per scored position: a
  // salesperson who signs much and collects little (else the best one), the
  // best of R&D, and the procurement buyer with the lowest score. Each comes
  // with the catalog key of the line saying why.
  std::vector<std::pair<std::string, std::string>> explained(const EmployeeReport& report) {
    std::vector<std::pair<std::string, std::string>> chosen;
    auto pick = [&](std::string_view position, bool lowest, auto predicate, const char* why) {
      const EmployeeReportRow* best = nullptr;
      for (const EmployeeReportRow& e : report.employees) {
        if (e.position != position || !e.score_rank || !predicate(e)) continue;
        if (best == nullptr || (lowest ? *e.score_rank > *best->score_rank : *e.score_rank < *best->score_rank)) {
          best = &e;
        }
      }
      if (best != nullptr) chosen.emplace_back(best->employee, why);
      return best != nullptr;
    };
    const auto any = [](const EmployeeReportRow&) { return true; };
    if (!pick("sales", false, [](const EmployeeReportRow& e) {
          return e.classification == std::optional<std::string>("high_signing_low_execution");
        }, "cli.demo_pick_sales_gap")) {
      pick("sales", false, any, "cli.demo_pick_sales_best");
    }
    pick("rnd", false, any, "cli.demo_pick_rnd");
    pick("procurement", true, any, "cli.demo_pick_procurement");
    return chosen;
  }

  // Each explained scorecard lists at most this many contracts per indicator
  // and hits per rule; `pactum score --explain` shows them all.
  static constexpr std::size_t kDetailLimit = 5;

  void scorecards(const EmployeeReport& report) {
    heading(inv, "cli.demo_scorecards_title", {{"period", year.to_string()}, {"as_of", year_end.to_string()}});
    for (const auto& [employee, why] : explained(report)) {
      const Scorecard card = db.scorecard(employee, year, year_end);
      const Employee person = db.employee(employee, year_end);
      out() << "\n" << inv.text(why, {{"name", person.name}, {"employee", employee}}) << "\n";
      print_scorecard(inv, card, true, kDetailLimit);
    }
  }

  void reminders() {
    const std::vector<Reminder> due = db.reminders(year_end);
    heading(inv, "cli.demo_reminders_title", {{"as_of", year_end.to_string()}});
    std::map<std::string, std::int64_t> by_kind;
    for (const Reminder& r : due) ++by_kind[reminder_kind_name(r.kind)];
    std::string kinds;
    for (ReminderKind k : kReminderKinds) {
      const auto it = by_kind.find(reminder_kind_name(k));
      if (it == by_kind.end()) continue;
      kinds += (kinds.empty() ? "" : ", ") + it->first + " " + std::to_string(it->second);
    }
    out() << inv.text("cli.demo_reminders_count", {{"count", std::to_string(due.size())}, {"kinds", kinds}}) << "\n";
    out() << truncated_text(inv, report_tables(due, year_end, inv.lang), 12);
  }

  void bonuses(const EmployeeReport& report) {
    heading(inv, "cli.demo_bonus_title", {{"period", year.to_string()}});
    ReportTable t;
    t.name = "bonus";
    t.title = inv.text("cli.demo_bonus_table");
    for (const char* column : {"employee", "name", "position", "score", "coverage", "base", "adjustment", "reason"}) {
      t.columns.emplace_back(column);
      t.headings.push_back(inv.text(std::string("cli.demo_bonus_col_") + column));
      const std::string_view c = column;
      t.numeric.push_back(c == "score" || c == "coverage" || c == "base" || c == "adjustment");
    }
    Money total = cny(0);
    std::int64_t scored = 0;
    std::int64_t cut = 0;
    for (const EmployeeReportRow& e : report.employees) {
      if (!e.score) continue;
      ++scored;
      const Money base = cny(e.position == "sales" ? 20000 : e.position == "rnd" ? 18000 : 15000);
      // The payroll link's verdict with its reason: a cut for a score in the
      // band, none (and said so) when too little of the scorecard has data.
      const BonusDecision d = db.bonus_decision(e.employee, year, base, year_end);
      if (d.adjustment.is_zero() && d.reason != BonusReason::insufficient_data) continue;
      if (d.adjustment.is_negative()) ++cut;
      total += d.adjustment;
      t.rows.push_back({e.employee, e.name, e.position, e.score->to_string(), d.coverage.normalized().to_string(),
                        base.to_string(), d.adjustment.to_string(), bonus_reason_text(inv, d)});
    }
    t.notes.push_back(inv.text("cli.demo_bonus_total", {{"cut", std::to_string(cut)},
                                                         {"scored", std::to_string(scored)},
                                                         {"total", total.to_string()}}));
    out() << to_text({t});
  }
};

}  // namespace

int run_demo(Invocation& inv) {
  const auto html_option = take_option(inv.args, "html");
  const auto seed_option = take_option(inv.args, "seed");
  refuse_unknown_options(inv, inv.args);
  if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
  const std::uint64_t seed = seed_option ? parse_seed(inv, *seed_option) : demo::kDefaultSeed;
  std::ostream& out = *inv.out;

  const Clock::time_point started = Clock::now();
  // Where the company goes.
  std::string db_path;
  if (inv.db) {
    db_path = *inv.db;
    if (db_path != ":memory:") check_target(inv, db_path);
  } else {
    db_path = temporary_database();
  }
  std::optional<std::string> html_path = html_option;
  if (!html_path && db_path != ":memory:") html_path = html_path_for(db_path);
  if (html_path) check_html_target(*html_path);

  out << inv.text("cli.demo_start", {{"seed", std::to_string(seed)}, {"path", db_path}}) << "\n";
  Clock::time_point t = Clock::now();
  const demo::DemoPlan plan = demo::plan_company(seed);
  OpenOptions options;
  options.lang = inv.lang;
  options.currency = "CNY";
  Database db(db_path, options);
  demo::set_up_company(db, plan);
  const std::int64_t setup_ms = elapsed_ms(t);
  out << inv.text("cli.demo_company", {{"departments", std::to_string(plan.departments.size())},
                                       {"employees", std::to_string(plan.employees.size())}})
      << "\n";

  t = Clock::now();
  std::vector<std::int64_t> ids;
  const demo::DemoCounts n = demo::play_year(db, plan, ids);
  const std::int64_t year_ms = elapsed_ms(t);
  out << inv.text("cli.demo_year", {{"contracts", std::to_string(n.contracts)},
                                    {"events", std::to_string(n.events)},
                                    {"approvals", std::to_string(n.approvals)},
                                    {"send_backs", std::to_string(n.send_backs)},
                                    {"payments", std::to_string(n.payments)},
                                    {"reversals", std::to_string(n.reversals)},
                                    {"deliveries", std::to_string(n.deliveries)},
                                    {"refused", std::to_string(n.refused_deliveries)},
                                    {"surveys", std::to_string(n.surveys)},
                                    {"amendments", std::to_string(n.amendments)},
                                    {"disputes", std::to_string(n.disputes)},
                                    {"breaches", std::to_string(n.breaches)},
                                    {"completions", std::to_string(n.completions)},
                                    {"handovers", std::to_string(n.handovers)},
                                    {"expiries", std::to_string(n.expiries)}})
      << "\n";

  Demo d{inv, db, plan, ids};
  t = Clock::now();
  d.worked_example();
  const EmployeeReport employees = db.report_employees(d.year, d.year_end);
  d.scorecards(employees);
  const DepartmentReport departments = db.report_departments(d.year, d.year_end);
  heading(inv, "cli.demo_departments_title");
  out << to_text(report_tables(departments, inv.lang));
  heading(inv, "cli.demo_employees_title");
  out << to_text(report_tables(employees, inv.lang));
  const Forecast forecast = db.forecast(d.year_end);
  heading(inv, "cli.demo_forecast_title");
  out << truncated_text(inv, report_tables(forecast, inv.lang), 10);
  d.reminders();
  d.bonuses(employees);
  const std::int64_t reports_ms = elapsed_ms(t);

  t = Clock::now();
  if (html_path) {
    HtmlReport html;
    html.departments = departments;
    html.employees = employees;
    html.collections = db.collection_trend(d.year, d.year_end);
    html.forecast = forecast;
    const std::string page = to_html(html, inv.lang);
    write_file_atomically(*html_path, page);
  }
  const std::int64_t html_ms = elapsed_ms(t);

  heading(inv, "cli.demo_files_title");
  out << inv.text("cli.demo_database_at", {{"path", db_path}}) << "\n";
  if (html_path) out << inv.text("cli.demo_html_at", {{"path", *html_path}}) << "\n";
  out << inv.text("cli.demo_try", {{"path", db_path}, {"employee", plan.worked_owner}}) << "\n";
  heading(inv, "cli.demo_timings_title");
  const std::pair<const char*, std::int64_t> stages[] = {{"cli.demo_stage_setup", setup_ms},
                                                          {"cli.demo_stage_year", year_ms},
                                                          {"cli.demo_stage_reports", reports_ms},
                                                          {"cli.demo_stage_html", html_ms},
                                                          {"cli.demo_stage_total", elapsed_ms(started)}};
  for (const auto& [key, ms] : stages) {
    out << "  " << inv.text(key, {{"ms", std::to_string(ms)}, {"events", std::to_string(n.events)}}) << "\n";
  }
  return kExitOk;
}

}  // namespace pactum::cli
