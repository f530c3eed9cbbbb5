// The HTML report: one self-contained page with inline SVG charts. Every
// coordinate and every figure comes from exact values (Ratio, Money),
// rounded once for display; nothing reads a clock or the host's locale.
#include "pactum/report/html.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "pactum/version.hpp"

namespace pactum {

namespace {

// ---- Text ---------------------------------------------------------------------------

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string msg(std::string_view key, Lang lang, const MessageArgs& args = {}) {
  return render_message(key, lang, args);
}

// "1500000.00" -> "1,500,000.00" (the sign and the fraction kept).
std::string grouped(const std::string& number) {
  std::size_t start = number.empty() || number[0] != '-' ? 0 : 1;
  std::size_t end = number.find('.');
  if (end == std::string::npos) end = number.size();
  std::string out = number.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    out += number[i];
    const std::size_t left = end - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += number.substr(end);
  return out;
}

std::string money_text(const Money& m) { return grouped(m.to_string()); }

// An exact share as a percentage with one decimal: 23/25 -> "92.0%".
std::string percent_text(const Ratio& r) { return (r * Ratio(100)).round(1).to_string() + "%"; }

std::string optional_percent(const std::optional<Ratio>& r) { return r ? percent_text(*r) : "–"; }
std::string optional_decimal(const std::optional<Decimal>& d) { return d ? d->to_string() : "–"; }
std::string optional_count(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "–"; }

// A coordinate with one decimal.
std::string px(const Ratio& r) { return r.round(1).to_string(); }

Ratio floor_of(const Ratio& r) { return Ratio(r.round(0, Rounding::floor)); }
Ratio ceiling_of(const Ratio& r) { return Ratio(r.round(0, Rounding::ceiling)); }

// ---- Axes ---------------------------------------------------------------------------

struct Axis {
  Ratio lo;
  Ratio hi;
  Ratio step;
};

// The smallest step of 1, 2 or 5 x 10^k giving at most `intervals` intervals
// from a multiple of it at or below `lo` to one at or above `hi`.
Axis nice_axis(Ratio lo, Ratio hi, int intervals) {
  if (hi < lo) std::swap(lo, hi);
  for (int k = -4; k <= 17; ++k) {
    Ratio power(1);
    for (int i = 0; i < (k < 0 ? -k : k); ++i) power = power * Ratio(10);
    if (k < 0) power = Ratio(1) / power;
    for (std::int64_t m : {1, 2, 5}) {
      const Ratio step = power * Ratio(m);
      const Ratio from = floor_of(lo / step);
      Ratio to = ceiling_of(hi / step);
      if (to == from) to = from + Ratio(1);
      if (to - from <= Ratio(intervals)) return {from * step, to * step, step};
    }
  }
  return {lo, hi == lo ? lo + Ratio(1) : hi, hi == lo ? Ratio(1) : hi - lo};
}

// A tick label: the value without trailing zeros, grouped.
std::string tick_text(const Ratio& v) {
  Decimal d = v.round(4);
  return grouped(d.normalized().to_string());
}

// ---- SVG ----------------------------------------------------------------------------

constexpr std::int64_t kWidth = 720;
constexpr std::int64_t kHeight = 360;
constexpr std::int64_t kLeft = 84;
constexpr std::int64_t kRight = 24;
constexpr std::int64_t kTop = 24;
constexpr std::int64_t kBottom = 64;
constexpr std::int64_t kPlotWidth = kWidth - kLeft - kRight;
constexpr std::int64_t kPlotHeight = kHeight - kTop - kBottom;

Ratio x_of(const Axis& a, const Ratio& v) { return Ratio(kLeft) + (v - a.lo) / (a.hi - a.lo) * Ratio(kPlotWidth); }
Ratio y_of(const Axis& a, const Ratio& v) {
  return Ratio(kTop + kPlotHeight) - (v - a.lo) / (a.hi - a.lo) * Ratio(kPlotHeight);
}

void svg_open(std::string& out, const std::string& id, const std::string& label) {
  out += "<svg id=\"" + id + "\" class=\"chart\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
         std::to_string(kHeight) + "\" role=\"img\" aria-label=\"" + escape(label) + "\">\n";
  out += "<title>" + escape(label) + "</title>\n";
}

void text_at(std::string& out, const std::string& x, const std::string& y, const std::string& cls,
             const std::string& text, const std::string& extra = {}) {
  out += "<text x=\"" + x + "\" y=\"" + y + "\" class=\"" + cls + "\"" + extra + ">" + escape(text) + "</text>\n";
}

// Horizontal grid lines and labels of the y axis.
void y_axis(std::string& out, const Axis& a, const std::string& label) {
  for (Ratio v = a.lo; v <= a.hi; v = v + a.step) {
    const std::string y = px(y_of(a, v));
    out += "<line class=\"grid\" x1=\"" + std::to_string(kLeft) + "\" y1=\"" + y + "\" x2=\"" +
           std::to_string(kLeft + kPlotWidth) + "\" y2=\"" + y + "\"/>\n";
    text_at(out, std::to_string(kLeft - 6), y, "tick y", tick_text(v), " dy=\"4\"");
  }
  const std::string mid = std::to_string(kTop + kPlotHeight / 2);
  text_at(out, "16", mid, "axis-label", label, " transform=\"rotate(-90 16 " + mid + ")\"");
}

void x_axis_label(std::string& out, const std::string& label) {
  text_at(out, std::to_string(kLeft + kPlotWidth / 2), std::to_string(kHeight - 12), "axis-label", label);
}

void frame(std::string& out) {
  out += "<rect class=\"frame\" x=\"" + std::to_string(kLeft) + "\" y=\"" + std::to_string(kTop) + "\" width=\"" +
         std::to_string(kPlotWidth) + "\" height=\"" + std::to_string(kPlotHeight) + "\"/>\n";
}

void no_data(std::string& out, Lang lang) {
  text_at(out, std::to_string(kLeft + kPlotWidth / 2), std::to_string(kTop + kPlotHeight / 2), "no-data",
          msg("html.no_data", lang));
}

// A bar chart: one group of bars per category, one bar per series. Values
// are integers in `unit`s of one (10^4 for money, 1 for counts); negative
// values draw no bar.
struct Series {
  std::string name;
  std::string css;
  std::vector<std::int64_t> values;
};

struct BarChart {
  std::string id;
  std::string label;
  std::string y_label;
  std::string x_label;
  std::vector<std::string> categories;
  std::vector<Series> series;
  std::int64_t unit = 1;
};

std::string bar_chart(const BarChart& c, Lang lang) {
  std::string out;
  svg_open(out, c.id, c.label);
  std::int64_t max = 0;
  for (const Series& s : c.series) {
    for (std::int64_t v : s.values) max = std::max(max, v);
  }
  const Axis axis = nice_axis(Ratio(0), Ratio(max, c.unit), 5);
  y_axis(out, axis, c.y_label);
  frame(out);
  const std::size_t n = c.categories.size();
  if (n == 0 || max == 0) no_data(out, lang);
  if (n > 0) {
    const Ratio group = Ratio(kPlotWidth) / Ratio(static_cast<std::int64_t>(n));
    const Ratio bar = group * Ratio(8, 10) / Ratio(static_cast<std::int64_t>(std::max<std::size_t>(1, c.series.size())));
    // Label every category when they fit, else every k-th.
    const std::size_t label_every = n <= 16 ? 1 : (n + 15) / 16;
    for (std::size_t i = 0; i < n; ++i) {
      const Ratio group_x = Ratio(kLeft) + group * Ratio(static_cast<std::int64_t>(i));
      for (std::size_t s = 0; s < c.series.size(); ++s) {
        const std::int64_t v = c.series[s].values[i];
        if (v <= 0) continue;
        const Ratio x = group_x + group * Ratio(1, 10) + bar * Ratio(static_cast<std::int64_t>(s));
        const Ratio top = y_of(axis, Ratio(v, c.unit));
        const Ratio height = Ratio(kTop + kPlotHeight) - top;
        const std::string value = c.unit == 1 ? std::to_string(v) : tick_text(Ratio(v, c.unit));
        out += "<rect class=\"bar " + c.series[s].css + "\" x=\"" + px(x) + "\" y=\"" + px(top) + "\" width=\"" +
               px(bar) + "\" height=\"" + px(height) + "\"><title>" +
               escape(c.categories[i] + " · " + c.series[s].name + ": " + value) + "</title></rect>\n";
        if (c.unit == 1) text_at(out, px(x + bar / Ratio(2)), px(top - Ratio(4)), "bar-value", value);
      }
      if (i % label_every == 0) {
        text_at(out, px(group_x + group / Ratio(2)), std::to_string(kTop + kPlotHeight + 16), "tick x",
                c.categories[i]);
      }
    }
  }
  x_axis_label(out, c.x_label);
  if (c.series.size() > 1) {
    std::int64_t x = kLeft + 8;
    for (const Series& s : c.series) {
      out += "<rect class=\"bar " + s.css + "\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(kTop - 18) +
             "\" width=\"12\" height=\"12\"/>\n";
      text_at(out, std::to_string(x + 16), std::to_string(kTop - 8), "legend", s.name);
      x += 24 + static_cast<std::int64_t>(display_width(s.name)) * 8;
    }
  }
  out += "</svg>\n";
  return out;
}

// ---- Tables -------------------------------------------------------------------------

struct Cell {
  std::string text;
  bool numeric = false;
};

void html_table(std::string& out, const std::string& cls, const std::vector<Cell>& headings,
                const std::vector<std::vector<Cell>>& rows) {
  out += "<table class=\"" + cls + "\">\n<thead><tr>";
  for (const Cell& h : headings) out += std::string(h.numeric ? "<th class=\"num\">" : "<th>") + escape(h.text) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const Cell& c : row) out += std::string(c.numeric ? "<td class=\"num\">" : "<td>") + escape(c.text) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void report_table(std::string& out, const ReportTable& t) {
  out += "<h3>" + escape(t.title) + "</h3>\n";
  std::vector<Cell> headings;
  for (std::size_t i = 0; i < t.headings.size(); ++i) headings.push_back({t.headings[i], t.numeric[i]});
  std::vector<std::vector<Cell>> rows;
  for (const auto& r : t.rows) {
    std::vector<Cell> row;
    for (std::size_t i = 0; i < r.size(); ++i) row.push_back({r[i], t.numeric[i]});
    rows.push_back(std::move(row));
  }
  html_table(out, t.name, headings, rows);
  for (const std::string& note : t.notes) out += "<p class=\"note\">" + escape(note) + "</p>\n";
}

Cell heading(const char* column, Lang lang, bool numeric) {
  return {msg(std::string("report.col_") + column, lang), numeric};
}

// ---- Sections -----------------------------------------------------------------------

std::string scatter_chart(const DepartmentReport& r, Lang lang) {
  struct Point {
    std::string name;
    Ratio x;  // percent
    Ratio y;  // score of 100
  };
  std::vector<Point> points;
  for (const DepartmentReportRow& d : r.departments) {
    if (d.execution_ratio && d.average_score_ratio) {
      // Four decimals are far below a pixel and keep the arithmetic small.
      points.push_back({d.name, Ratio((*d.execution_ratio * Ratio(100)).round(4)), Ratio(d.average_score_ratio->round(4))});
    }
  }
  std::string out;
  svg_open(out, "chart-departments", msg("html.chart_scatter", lang));
  Ratio x_lo(0), x_hi(100), y_lo(0), y_hi(100);
  if (!points.empty()) {
    x_lo = x_hi = points.front().x;
    y_lo = y_hi = points.front().y;
    for (const Point& p : points) {
      x_lo = min(x_lo, p.x);
      x_hi = max(x_hi, p.x);
      y_lo = min(y_lo, p.y);
      y_hi = max(y_hi, p.y);
    }
    // A margin of a tenth of the spread (at least one unit) on each side.
    const Ratio x_pad = max(Ratio(1), (x_hi - x_lo) / Ratio(10));
    const Ratio y_pad = max(Ratio(1), (y_hi - y_lo) / Ratio(10));
    x_lo = max(Ratio(0), x_lo - x_pad);
    x_hi = min(Ratio(100), x_hi + x_pad);
    y_lo = y_lo - y_pad;
    y_hi = y_hi + y_pad;
  }
  const Axis xa = nice_axis(x_lo, x_hi, 6);
  const Axis ya = nice_axis(y_lo, y_hi, 5);
  y_axis(out, ya, msg("html.axis_average_score", lang));
  for (Ratio v = xa.lo; v <= xa.hi; v = v + xa.step) {
    const std::string x = px(x_of(xa, v));
    out += "<line class=\"grid\" x1=\"" + x + "\" y1=\"" + std::to_string(kTop) + "\" x2=\"" + x + "\" y2=\"" +
           std::to_string(kTop + kPlotHeight) + "\"/>\n";
    text_at(out, x, std::to_string(kTop + kPlotHeight + 16), "tick x", tick_text(v) + "%");
  }
  frame(out);
  if (points.empty()) no_data(out, lang);
  for (const Point& p : points) {
    const std::string cx = px(x_of(xa, p.x));
    const std::string cy = px(y_of(ya, p.y));
    const std::string tip = msg("html.point_title", lang,
                                {{"name", p.name},
                                 {"rate", p.x.round(1).to_string() + "%"},
                                 {"score", p.y.round(2).to_string()}});
    out += "<circle class=\"point\" cx=\"" + cx + "\" cy=\"" + cy + "\" r=\"6\"><title>" + escape(tip) +
           "</title></circle>\n";
    text_at(out, px(x_of(xa, p.x) + Ratio(9)), px(y_of(ya, p.y) - Ratio(7)), "point-label", p.name);
  }
  x_axis_label(out, msg("html.axis_execution_rate", lang));
  out += "</svg>\n";
  return out;
}

void departments_section(std::string& out, const DepartmentReport& r, Lang lang) {
  out += "<section id=\"departments\">\n<h2>" + escape(msg("html.section_departments", lang)) + "</h2>\n";
  out += "<figure>\n" + scatter_chart(r, lang);
  const std::string caption =
      r.correlation.r ? msg("report.note_correlation", lang,
                            {{"r", r.correlation.r->to_string()}, {"points", std::to_string(r.correlation.points)}})
                      : msg("report.note_no_correlation", lang, {{"points", std::to_string(r.correlation.points)}});
  out += "<figcaption>" + escape(caption) + "</figcaption>\n</figure>\n";
  std::vector<std::vector<Cell>> rows;
  for (const DepartmentReportRow& d : r.departments) {
    rows.push_back({{d.department},
                    {d.name},
                    {std::to_string(d.contracts_due), true},
                    {std::to_string(d.executed), true},
                    {optional_percent(d.execution_ratio), true},
                    {std::to_string(d.employees), true},
                    {std::to_string(d.scored), true},
                    {optional_decimal(d.average_score), true},
                    {optional_decimal(d.average_score_10), true}});
  }
  html_table(out, "departments",
             {heading("department", lang, false), heading("name", lang, false), heading("contracts_due", lang, true),
              heading("executed", lang, true), heading("execution_rate", lang, true),
              heading("employees", lang, true), heading("scored", lang, true), heading("average_score", lang, true),
              heading("average_score_10", lang, true)},
             rows);
  out += "</section>\n";
}

std::string distribution_chart(const EmployeeReport& r, Lang lang) {
  // Bins of ten points: bin k holds scores in [10k, 10k + 10).
  std::map<std::int64_t, std::int64_t> bins;
  std::int64_t scored = 0;
  for (const EmployeeReportRow& e : r.employees) {
    if (!e.score) continue;
    ++scored;
    const Decimal bin = (Ratio(*e.score) / Ratio(10)).round(0, Rounding::floor);
    ++bins[bin.coefficient()];
  }
  BarChart c;
  c.id = "chart-scores";
  c.label = msg("html.chart_distribution", lang, {{"count", std::to_string(scored)}});
  c.y_label = msg("html.axis_employees", lang);
  c.x_label = msg("html.axis_score", lang);
  Series s;
  s.name = msg("html.axis_employees", lang);
  s.css = "scores";
  if (!bins.empty()) {
    for (std::int64_t k = bins.begin()->first; k <= bins.rbegin()->first; ++k) {
      c.categories.push_back(std::to_string(k * 10) + "–" + std::to_string(k * 10 + 10));
      const auto it = bins.find(k);
      s.values.push_back(it == bins.end() ? 0 : it->second);
    }
  }
  c.series.push_back(std::move(s));
  return bar_chart(c, lang);
}

void employees_section(std::string& out, const EmployeeReport& r, Lang lang) {
  out += "<section id=\"employees\">\n<h2>" + escape(msg("html.section_employees", lang)) + "</h2>\n";
  std::int64_t unscored = 0;
  for (const EmployeeReportRow& e : r.employees) unscored += e.score ? 0 : 1;
  out += "<figure>\n" + distribution_chart(r, lang);
  out += "<figcaption>" + escape(msg("html.distribution_caption", lang, {{"unscored", std::to_string(unscored)}})) +
         "</figcaption>\n</figure>\n";
  // The ranking: by score rank (employees without a score last), then id.
  std::vector<const EmployeeReportRow*> ranked;
  for (const EmployeeReportRow& e : r.employees) ranked.push_back(&e);
  std::stable_sort(ranked.begin(), ranked.end(), [](const EmployeeReportRow* a, const EmployeeReportRow* b) {
    if (a->score_rank.has_value() != b->score_rank.has_value()) return a->score_rank.has_value();
    if (a->score_rank && *a->score_rank != *b->score_rank) return *a->score_rank < *b->score_rank;
    return a->employee < b->employee;
  });
  out += "<h3>" + escape(msg("html.ranking_title", lang,
                             {{"period", r.period.to_string()}, {"as_of", r.as_of.to_string()},
                              {"currency", std::string(r.currency.code())}})) +
         "</h3>\n";
  std::vector<std::vector<Cell>> rows;
  for (const EmployeeReportRow* e : ranked) {
    rows.push_back({{optional_count(e->score_rank), true},
                    {e->employee},
                    {e->name},
                    {e->department},
                    {std::to_string(e->contracts), true},
                    {money_text(e->signed_amount), true},
                    {optional_count(e->signed_rank), true},
                    {optional_percent(e->collection_ratio), true},
                    {optional_count(e->collection_rank), true},
                    {optional_decimal(e->score), true},
                    {optional_decimal(e->score_10), true},
                    {e->coverage ? e->coverage->normalized().to_string() : std::string("–"), true},
                    {e->classification ? class_label(*e->classification, lang) : std::string("–")},
                    {e->action ? action_label(*e->action, lang) : std::string("–")}});
  }
  html_table(out, "ranking",
             {{msg("html.col_rank", lang), true}, heading("employee", lang, false), heading("name", lang, false),
              heading("department", lang, false), heading("contracts", lang, true),
              heading("signed_amount", lang, true), heading("signed_rank", lang, true),
              heading("collection_rate", lang, true), heading("collection_rank", lang, true),
              heading("score", lang, true), heading("score_10", lang, true), heading("coverage", lang, true),
              heading("classification", lang, false), heading("action", lang, false)},
             rows);
  const ReportTable notes = report_tables(r, lang).front();
  for (const std::string& note : notes.notes) out += "<p class=\"note\">" + escape(note) + "</p>\n";
  out += "</section>\n";
}

void collections_section(std::string& out, const CollectionTrend& t, Lang lang) {
  out += "<section id=\"collections\">\n<h2>" + escape(msg("html.section_collections", lang)) + "</h2>\n";
  BarChart c;
  c.id = "chart-collections";
  c.label = msg("html.chart_trend", lang, {{"currency", std::string(t.currency.code())}});
  c.y_label = std::string(t.currency.code());
  c.x_label = msg("report.col_month", lang);
  c.unit = Money::kUnitsPerOne;
  Series due{msg("html.legend_due", lang), "due", {}};
  Series collected{msg("html.legend_collected", lang), "collected", {}};
  for (const CollectionMonth& m : t.months) {
    c.categories.push_back(m.month);
    due.values.push_back(m.due.units());
    collected.values.push_back(m.collected.units());
  }
  c.series = {std::move(due), std::move(collected)};
  out += "<figure>\n" + bar_chart(c, lang);
  const std::string caption =
      t.months.empty() || !t.months.back().collection_ratio
          ? msg("html.trend_caption_empty", lang)
          : msg("html.trend_caption", lang,
                {{"collected", money_text(t.months.back().collected_to_date)},
                 {"due", money_text(t.months.back().due_to_date)},
                 {"currency", std::string(t.currency.code())},
                 {"rate", percent_text(*t.months.back().collection_ratio)}});
  out += "<figcaption>" + escape(caption) + "</figcaption>\n</figure>\n";
  std::vector<std::vector<Cell>> rows;
  for (const CollectionMonth& m : t.months) {
    rows.push_back({{m.month},
                    {money_text(m.due), true},
                    {money_text(m.collected), true},
                    {money_text(m.due_to_date), true},
                    {money_text(m.collected_to_date), true},
                    {optional_percent(m.collection_ratio), true}});
  }
  html_table(out, "collections",
             {heading("month", lang, false), heading("due_amount", lang, true), heading("collected", lang, true),
              heading("due_to_date", lang, true), heading("collected_to_date", lang, true),
              heading("collection_rate", lang, true)},
             rows);
  const ReportTable notes = report_tables(t, lang).front();
  for (const std::string& note : notes.notes) out += "<p class=\"note\">" + escape(note) + "</p>\n";
  out += "</section>\n";
}

void forecast_section(std::string& out, const Forecast& f, Lang lang) {
  out += "<section id=\"forecast\">\n<h2>" +
         escape(msg("html.section_forecast", lang, {{"months", std::to_string(f.months)}, {"as_of", f.as_of.to_string()}})) +
         "</h2>\n";
  out += "<p class=\"summary\">" +
         escape(msg("html.forecast_summary", lang,
                    {{"expiring", std::to_string(f.expiring.size())},
                     {"key_accounts", std::to_string(f.key_accounts)},
                     {"under_collected", std::to_string(f.under_collected.size())},
                     {"threshold", percent_text(Ratio(f.threshold))},
                     {"end", f.horizon_end.to_string()}})) +
         "</p>\n";
  BarChart c;
  c.id = "chart-installments";
  c.label = msg("html.chart_installments", lang, {{"currency", std::string(f.currency.code())}});
  c.y_label = std::string(f.currency.code());
  c.x_label = msg("report.col_month", lang);
  c.unit = Money::kUnitsPerOne;
  Series due{msg("html.legend_due", lang), "due", {}};
  Series unpaid{msg("html.legend_unpaid", lang), "unpaid", {}};
  for (const InstallmentMonth& m : f.installments) {
    c.categories.push_back(m.from.to_string().substr(0, 7) == m.to.to_string().substr(0, 7)
                               ? m.from.to_string().substr(0, 7)
                               : m.from.to_string().substr(5) + "–" + m.to.to_string().substr(5));
    due.values.push_back(m.amount.units());
    unpaid.values.push_back(m.unpaid.units());
  }
  c.series = {std::move(due), std::move(unpaid)};
  out += "<figure>\n" + bar_chart(c, lang) + "</figure>\n";
  for (const ReportTable& t : report_tables(f, lang)) report_table(out, t);
  out += "</section>\n";
}

constexpr const char* kStyle =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
    "margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2933;background:#fff;line-height:1.45}\n"
    "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #d9e2ec;"
    "padding-bottom:.3rem}h3{font-size:1.05rem;margin-top:1.4rem}\n"
    ".meta,.note,figcaption{color:#52606d;font-size:.9rem}.summary{font-size:1rem}\n"
    "figure{margin:1rem 0}.chart{width:100%;max-width:720px;height:auto;display:block}\n"
    ".frame{fill:none;stroke:#9aa5b1}.grid{stroke:#e4e7eb}.tick{font-size:11px;fill:#52606d}\n"
    ".tick.x{text-anchor:middle}.tick.y{text-anchor:end}.axis-label{font-size:12px;fill:#323f4b;text-anchor:middle}\n"
    ".no-data{font-size:14px;fill:#9aa5b1;text-anchor:middle}.legend{font-size:12px;fill:#323f4b}\n"
    ".point{fill:#2f80ed;stroke:#fff;stroke-width:1.5}.point-label{font-size:12px;fill:#1f2933}\n"
    ".bar.scores{fill:#2f80ed}.bar.due{fill:#bcccdc}.bar.collected{fill:#27ae60}.bar.unpaid{fill:#eb5757}\n"
    ".bar-value{font-size:11px;fill:#323f4b;text-anchor:middle}\n"
    "table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.88rem;width:100%}\n"
    "th,td{border-bottom:1px solid #e4e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
    "th{background:#f5f7fa;font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tbody tr:nth-child(even){background:#fafbfc}footer{margin-top:3rem;color:#7b8794;font-size:.8rem}\n";

}  // namespace

std::string to_html(const HtmlReport& report, Lang lang) {
  // The period and as-of date of the page: those of the first report given.
  std::optional<Period> period;
  std::optional<Date> as_of;
  std::optional<Currency> currency;
  if (report.departments) {
    period = report.departments->period;
    as_of = report.departments->as_of;
  }
  if (report.employees) {
    if (!period) period = report.employees->period;
    if (!as_of) as_of = report.employees->as_of;
    currency = report.employees->currency;
  }
  if (report.collections) {
    if (!period) period = report.collections->period;
    if (!as_of) as_of = report.collections->as_of;
    if (!currency) currency = report.collections->currency;
  }
  if (report.forecast) {
    if (!as_of) as_of = report.forecast->as_of;
    if (!currency) currency = report.forecast->currency;
  }
  const std::string period_text = period ? period->to_string() : std::string("–");
  const std::string title =
      report.title.empty() ? msg("html.title", lang, {{"period", period_text}}) : report.title;

  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += lang == Lang::zh_CN ? "zh-CN" : "en";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"pactum " + std::string(version()) + "\">\n";
  out += "<title>" + escape(title) + "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + escape(title) + "</h1>\n<p class=\"meta\">";
  MessageArgs args = {{"period", period_text},
                      {"start", period ? period->start().to_string() : "–"},
                      {"end", period ? period->end().to_string() : "–"},
                      {"as_of", as_of ? as_of->to_string() : "–"},
                      {"currency", currency ? std::string(currency->code()) : "–"}};
  out += escape(msg(period ? "html.subtitle" : "html.subtitle_forecast", lang, args));
  out += "</p>\n</header>\n";
  if (report.departments) departments_section(out, *report.departments, lang);
  if (report.employees) employees_section(out, *report.employees, lang);
  if (report.collections) collections_section(out, *report.collections, lang);
  if (report.forecast) forecast_section(out, *report.forecast, lang);
  out += "<footer>\n<p>" + escape(msg("html.footer", lang, {{"version", version()}})) + "</p>\n</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace pactum
