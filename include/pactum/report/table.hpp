// Reports as tables of text cells, and the two writers that share them: CSV
// (RFC 4180) and an aligned text table. An HTML writer can use the same
// tables, or the report structs directly (pactum/report/report.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/error.hpp"
#include "pactum/report/report.hpp"
#include "pactum/tracking/reminder.hpp"

namespace pactum {

struct ReportTable {
  std::string name;                   // stable: "departments", "expiring", ...
  std::string title;                  // in the table's language
  std::vector<std::string> columns;   // stable snake_case names (the CSV header)
  std::vector<std::string> headings;  // in the table's language (the text header)
  std::vector<bool> numeric;          // right-aligned in text
  std::vector<std::vector<std::string>> rows;  // "" for a null cell
  // The rows as the text writer shows them where they differ from `rows`
  // (translated labels of stable codes); empty: `rows`.
  std::vector<std::vector<std::string>> display;
  std::vector<std::string> notes;     // lines under the text table (not in CSV)
};

// The report's tables, headings and notes in `lang`. Cells hold the values
// exactly as the JSON documents do (rates "0.920000", money "1500000.00").
std::vector<ReportTable> report_tables(const DepartmentReport& report, Lang lang);
std::vector<ReportTable> report_tables(const EmployeeReport& report, Lang lang);
// Three tables: expiring, under_collected, installments.
std::vector<ReportTable> report_tables(const Forecast& forecast, Lang lang);
std::vector<ReportTable> report_tables(const std::vector<Reminder>& reminders, Date as_of, Lang lang);

// RFC 4180: the column names, then one line per row, CRLF line ends; a cell
// holding a comma, a quote, CR or LF is quoted (quotes doubled). A cell that
// a spreadsheet would read as a formula (starting with =, +, - or @ and not a
// number) is prefixed with a single quote.
std::string to_csv(const ReportTable& table);
// Title, headings, a rule, aligned rows (display width: East Asian wide
// characters count two columns), then the notes; tables separated by a blank
// line.
std::string to_text(const std::vector<ReportTable>& tables);

// The display width of UTF-8 text in a terminal (wide and fullwidth
// characters count two columns, combining marks none).
std::size_t display_width(std::string_view text);

}  // namespace pactum
