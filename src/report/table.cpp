// Reports as tables of text cells; the CSV and text writers.
#include "pactum/report/table.hpp"

#include <algorithm>

namespace pactum {

namespace {

std::string cell(const std::optional<Decimal>& d) { return d ? d->to_string() : std::string(); }
std::string cell(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); }
std::string cell(std::int64_t v) { return std::to_string(v); }
std::string cell(bool b) { return b ? "true" : "false"; }

// A rate as a percentage with 2 decimals, half-even: 0.883512 -> "88.35%".
std::string percent_text(const Ratio& r) { return (r * Ratio(100)).round(2, Rounding::half_even).to_string() + "%"; }

std::string amount_text(const std::optional<Ratio>& r, Currency currency) {
  if (!r) return {};
  return Money::from_decimal(r->round(Money::kScale), currency).rounded_to_minor().to_string();
}

// One column: its stable name, the catalog key of its heading, numeric or not.
struct Column {
  const char* name;
  bool numeric;
};

ReportTable make_table(const char* name, std::string title, std::initializer_list<Column> columns, Lang lang) {
  ReportTable t;
  t.name = name;
  t.title = std::move(title);
  for (const Column& c : columns) {
    t.columns.emplace_back(c.name);
    t.headings.push_back(render_message(std::string("report.col_") + c.name, lang, {}));
    t.numeric.push_back(c.numeric);
  }
  return t;
}

MessageArgs period_args(const Period& p, Date as_of) {
  return {{"period", p.to_string()},
          {"start", p.start().to_string()},
          {"end", p.end().to_string()},
          {"as_of", as_of.to_string()}};
}

// Decodes one UTF-8 code point at `i` (the text is valid UTF-8: the library
// checks every input); advances `i`.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t cp = b;
  if (b >= 0xF0) {
    extra = 3;
    cp = b & 0x07;
  } else if (b >= 0xE0) {
    extra = 2;
    cp = b & 0x0F;
  } else if (b >= 0xC0) {
    extra = 1;
    cp = b & 0x1F;
  }
  ++i;
  for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F900 && c <= 0x1F9FF) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F);
}

bool looks_numeric(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t digits_from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits_from) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t fraction_from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == fraction_from) return false;
  }
  return i == s.size();
}

std::string csv_cell(const std::string& s) {
  std::string value = s;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@') &&
      !looks_numeric(value)) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

void pad(std::string& out, std::size_t n) { out.append(n, ' '); }

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (is_combining(c)) continue;
    width += is_wide(c) ? 2 : 1;
  }
  return width;
}

std::vector<ReportTable> report_tables(const DepartmentReport& r, Lang lang) {
  ReportTable t = make_table("departments", render_message("report.title_departments", lang, period_args(r.period, r.as_of)),
                             {{"department", false},
                              {"name", false},
                              {"contracts_due", true},
                              {"executed", true},
                              {"execution_rate", true},
                              {"employees", true},
                              {"scored", true},
                              {"average_score", true},
                              {"average_score_10", true}},
                             lang);
  for (const DepartmentReportRow& d : r.departments) {
    t.rows.push_back({d.department, d.name, cell(d.contracts_due), cell(d.executed), cell(d.execution_rate),
                      cell(d.employees), cell(d.scored), cell(d.average_score), cell(d.average_score_10)});
  }
  if (r.correlation.r) {
    t.notes.push_back(render_message("report.note_correlation", lang,
                                     {{"r", r.correlation.r->to_string()},
                                      {"points", std::to_string(r.correlation.points)}}));
  } else {
    t.notes.push_back(render_message("report.note_no_correlation", lang,
                                     {{"points", std::to_string(r.correlation.points)}}));
  }
  return {std::move(t)};
}

std::vector<ReportTable> report_tables(const EmployeeReport& r, Lang lang) {
  ReportTable t = make_table("employees", render_message("report.title_employees", lang, period_args(r.period, r.as_of)),
                             {{"employee", false},
                              {"name", false},
                              {"department", false},
                              {"contracts", true},
                              {"signed_amount", true},
                              {"signed_rank", true},
                              {"collection_rate", true},
                              {"collection_rank", true},
                              {"score", true},
                              {"score_10", true},
                              {"coverage", true},
                              {"score_rank", true},
                              {"classification", false},
                              {"action", false}},
                             lang);
  for (const EmployeeReportRow& e : r.employees) {
    std::vector<std::string> row = {e.employee, e.name, e.department, cell(e.contracts),
                                    e.signed_amount.rounded_to_minor().to_string(), cell(e.signed_rank),
                                    cell(e.collection_rate), cell(e.collection_rank), cell(e.score), cell(e.score_10),
                                    e.coverage ? e.coverage->normalized().to_string() : std::string(), cell(e.score_rank),
                                    e.classification.value_or(""), e.action.value_or("")};
    // The text shows labels where the CSV keeps the stable codes, and rates
    // as percentages.
    std::vector<std::string> shown = row;
    if (e.collection_ratio) shown[6] = percent_text(*e.collection_ratio);
    if (e.classification) shown[12] = class_label(*e.classification, lang);
    if (e.action) shown[13] = action_label(*e.action, lang);
    t.rows.push_back(std::move(row));
    t.display.push_back(std::move(shown));
  }
  const std::string currency(r.currency.code());
  t.notes.push_back(render_message("report.note_classification", lang,
                                   {{"table", r.classification_table}, {"version", std::to_string(r.classification_version)}}));
  if (!r.unclassified_groups.empty()) {
    std::string groups;
    for (const std::string& g : r.unclassified_groups) groups += (groups.empty() ? "" : ", ") + g;
    t.notes.push_back(render_message("report.note_unclassified_groups", lang, {{"groups", groups}}));
  }
  if (r.signed_cutoff) {
    t.notes.push_back(render_message("report.note_signed_given", lang,
                                     {{"cutoff", amount_text(r.signed_cutoff, r.currency)}, {"currency", currency}}));
  }
  if (r.collection_cutoff) {
    t.notes.push_back(render_message("report.note_collection_given", lang, {{"cutoff", r.collection_cutoff->round(6).to_string()}}));
  }
  return {std::move(t)};
}

std::vector<ReportTable> report_tables(const Forecast& f, Lang lang) {
  const MessageArgs head = {{"as_of", f.as_of.to_string()},
                            {"months", std::to_string(f.months)},
                            {"end", f.horizon_end.to_string()},
                            {"threshold", f.threshold.to_string()},
                            {"currency", std::string(f.currency.code())}};
  ReportTable expiring = make_table("expiring", render_message("report.title_expiring", lang, head),
                                    {{"number", false},
                                     {"counterparty", false},
                                     {"owner", false},
                                     {"department", false},
                                     {"key_account", false},
                                     {"end", false},
                                     {"days_left", true},
                                     {"amount", true},
                                     {"currency", false}},
                                    lang);
  for (const ExpiringContract& e : f.expiring) {
    expiring.rows.push_back({e.contract.number, e.contract.counterparty, e.contract.owner, e.contract.department,
                             cell(e.contract.key_account), e.end.to_string(), cell(e.days_left),
                             e.contract.amount.to_string(), std::string(e.contract.amount.currency().code())});
  }
  expiring.notes.push_back(render_message("report.note_expiring", lang,
                                          {{"count", std::to_string(f.expiring.size())},
                                           {"key_accounts", std::to_string(f.key_accounts)},
                                           {"end", f.horizon_end.to_string()}}));

  // Money to collect and money to pay, each with its own words.
  auto unpaid = [&](const char* name, const std::vector<UnderCollectedContract>& list, const char* note) {
    ReportTable t = make_table(name, render_message(std::string("report.title_") + name, lang, head),
                               {{"number", false},
                                {"counterparty", false},
                                {"owner", false},
                                {"key_account", false},
                                {"amount", true},
                                {std::string(name) == "payables" ? "paid" : "collected", true},
                                {"outstanding", true},
                                {std::string(name) == "payables" ? "payment_rate" : "collection_rate", true},
                                {"due_by_horizon", true},
                                {"earliest_unpaid_due", false},
                                {"currency", false}},
                               lang);
    for (const UnderCollectedContract& u : list) {
      t.rows.push_back({u.contract.number, u.contract.counterparty, u.contract.owner, cell(u.contract.key_account),
                        u.contract.amount.to_string(), u.collected.to_string(), u.outstanding.to_string(),
                        u.collection_rate.to_string(), u.due_by_horizon.to_string(), u.earliest_unpaid_due.to_string(),
                        std::string(u.contract.amount.currency().code())});
      std::vector<std::string> shown = t.rows.back();
      shown[7] = percent_text(u.collection_ratio);
      t.display.push_back(std::move(shown));
    }
    t.notes.push_back(render_message(note, lang, {{"count", std::to_string(list.size())}, {"threshold", f.threshold.to_string()}}));
    return t;
  };
  ReportTable under = unpaid("under_collected", f.under_collected, "report.note_under_collected");
  ReportTable payables = unpaid("payables", f.payables, "report.note_payables");

  ReportTable months = make_table("installments", render_message("report.title_installments", lang, head),
                                  {{"month", true},
                                   {"from", false},
                                   {"to", false},
                                   {"installments", true},
                                   {"contracts", true},
                                   {"amount", true},
                                   {"unpaid", true},
                                   {"payable_installments", true},
                                   {"payable_amount", true},
                                   {"payable_unpaid", true}},
                                  lang);
  for (const InstallmentMonth& m : f.installments) {
    months.rows.push_back({std::to_string(m.month), m.from.to_string(), m.to.to_string(), cell(m.installments),
                           cell(m.contracts), m.amount.to_string(), m.unpaid.to_string(), cell(m.payable_installments),
                           m.payable_amount.to_string(), m.payable_unpaid.to_string()});
  }
  return {std::move(expiring), std::move(under), std::move(payables), std::move(months)};
}

std::vector<ReportTable> report_tables(const std::vector<Reminder>& reminders, Date as_of, Lang lang) {
  ReportTable t = make_table("reminders", render_message("report.title_reminders", lang, {{"as_of", as_of.to_string()}}),
                             {{"id", false},
                              {"kind", false},
                              {"number", false},
                              {"owner", false},
                              {"due", false},
                              {"days", true},
                              {"unpaid", true},
                              {"currency", false},
                              {"message", false}},
                             lang);
  for (const Reminder& r : reminders) {
    t.rows.push_back({r.id, reminder_kind_name(r.kind), r.number, r.owner, r.due.to_string(), cell(r.days),
                      r.unpaid ? r.unpaid->to_string() : std::string(),
                      r.unpaid ? std::string(r.unpaid->currency().code()) : std::string(), r.message});
  }
  t.notes.push_back(render_message("report.note_reminders", lang, {{"count", std::to_string(reminders.size())}}));
  return {std::move(t)};
}

std::string to_csv(const ReportTable& table) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_cell(cells[i]);
    }
    out += "\r\n";
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string to_text(const std::vector<ReportTable>& tables) {
  std::string out;
  for (std::size_t n = 0; n < tables.size(); ++n) {
    const ReportTable& t = tables[n];
    if (n > 0) out += '\n';
    out += t.title;
    out += '\n';
    const auto& shown = t.display.empty() ? t.rows : t.display;
    std::vector<std::size_t> widths(t.headings.size(), 0);
    for (std::size_t c = 0; c < t.headings.size(); ++c) widths[c] = display_width(t.headings[c]);
    for (const auto& row : shown) {
      for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
      std::string text;
      for (std::size_t c = 0; c < widths.size(); ++c) {
        const std::string& v = c < cells.size() ? cells[c] : std::string();
        const std::size_t gap = widths[c] - std::min(widths[c], display_width(v));
        if (c > 0) text += "  ";
        if (t.numeric[c]) {
          pad(text, gap);
          text += v;
        } else {
          text += v;
          if (c + 1 < widths.size()) pad(text, gap);
        }
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out += text;
      out += '\n';
    };
    line(t.headings);
    std::vector<std::string> rule;
    for (std::size_t w : widths) rule.emplace_back(w, '-');
    line(rule);
    for (const auto& row : shown) line(row);
    for (const std::string& note : t.notes) {
      out += note;
      out += '\n';
    }
  }
  return out;
}

}  // namespace pactum
