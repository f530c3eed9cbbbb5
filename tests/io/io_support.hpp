// Shared fixtures of the import and export tests: a company with active
// contracts, files written in a TempDir, generated payments files.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/temp_dir.hpp"

namespace pactum::test {

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The company of company.hpp plus `contracts` active sales contracts of E1,
// each of 1,000,000.00 CNY signed 2024-01-10; returns their numbers.
inline std::vector<std::string> company_with_contracts(Database& db, int contracts) {
  add_company(db);
  std::vector<std::string> numbers;
  for (int i = 0; i < contracts; ++i) numbers.push_back(active_contract(db).number);
  return numbers;
}

// A payments CSV of `rows` payments of 10.00 CNY spread over `numbers`, refs
// P000001.., dated 2024-02-01; `bad_row` (1-based data row, 0: none) gets
// the amount `bad_amount`.
inline std::string payments_csv(const std::vector<std::string>& numbers, int rows, int bad_row = 0,
                                const std::string& bad_amount = "1,000.00") {
  std::string text = "contract,amount,date,ref\n";
  for (int i = 1; i <= rows; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "P%06d", i);
    text += numbers[static_cast<std::size_t>(i) % numbers.size()];
    text += ',';
    text += i == bad_row ? "\"" + bad_amount + "\"" : std::string("10.00");
    text += ",2024-02-01,";
    text += ref;
    text += '\n';
  }
  return text;
}

// Sum of `collected` over every contract.
inline Money collected_total(const Database& db) {
  Money sum = Money::zero(Currency::of("CNY"));
  for (const Contract& c : db.find_contracts()) sum += c.collected;
  return sum;
}

}  // namespace pactum::test
