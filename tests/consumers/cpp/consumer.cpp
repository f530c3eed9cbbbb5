// A C++ program built against an installed Pactum through
// find_package(Pactum): it writes a company through the C++ API
// (Pactum::pactum) and reads the same file back through the C ABI
// (Pactum::capi, libpactum.so) in the same process.
//
//   consumer DATABASE
//
// Exit status 0 only when every check holds; each failure is printed.
#include <pactum.h>
#include <pactum/pactum.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

int failures = 0;

void expect(bool condition, std::string_view what) {
  if (!condition) {
    std::cerr << "consumer_cpp: FAILED: " << what << '\n';
    ++failures;
  }
}

pactum::Money cny(std::string_view amount) { return pactum::Money::parse(amount, "CNY"); }
pactum::Date day(std::string_view iso) { return pactum::Date::parse(iso); }

// A string returned by the C ABI, freed with pactum_free.
std::string take(char* text) {
  std::string copy = text != nullptr ? text : "";
  pactum_free(text);
  return copy;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer DATABASE\n";
    return 2;
  }
  const std::string path = argv[1];
  std::string number;
  std::string cxx_card;
  try {
    expect(pactum::version() == std::string_view(PACTUM_CONSUMER_VERSION), "C++ library version is the package's");
    expect(ratio(cny("300000.00"), cny("1000000.00")) == pactum::Ratio(3, 10), "300000/1000000 is 3/10");  // found by ADL

    pactum::OpenOptions options;
    options.currency = "CNY";
    pactum::Database db(path, options);
    pactum::DepartmentSpec department;
    department.code = "SD";
    department.name = "销售部";
    db.add_department(department);
    pactum::EmployeeSpec employee;
    employee.id = "E001";
    employee.name = "王芳";
    employee.department = "SD";
    employee.position = "sales";
    employee.hired = day("2023-03-01");
    db.add_employee(employee);

    pactum::ContractSpec spec;
    spec.type = "sales";
    spec.owner = "E001";
    spec.amount = cny("1000000.00");
    spec.signed_on = day("2024-01-10");
    spec.end = day("2024-12-31");
    spec.delivery_due = day("2024-03-01");
    spec.counterparty = "华东机械有限公司";
    spec.installments = {{day("2024-02-01"), cny("300000.00")}, {day("2024-06-30"), cny("700000.00")}};
    const pactum::Contract contract = db.create_contract(spec);
    number = contract.number;
    expect(number == "HT-2024-SD-0001", "the contract is numbered HT-2024-SD-0001");
    db.activate(contract, day("2024-01-10"));
    db.record_payment(contract, cny("300000.00"), day("2024-02-01"), "BANK-0001");

    try {
      db.record_payment(contract, cny("800000.00"), day("2024-03-05"), "BANK-0002");
      expect(false, "a payment above the outstanding amount is refused");
    } catch (const pactum::ValidationError& e) {
      expect(e.code() == pactum::Errc::invalid_argument, "the refusal's code is invalid");
      expect(!e.message(pactum::Lang::zh_CN).empty() && e.message(pactum::Lang::zh_CN) != e.what(),
             "the refusal has a Chinese message");
    }

    const pactum::Scorecard card = db.scorecard("E001", pactum::Period::parse("2024-Q1"), day("2024-03-31"));
    const pactum::IndicatorScore* collection = card.indicator("collection_rate");
    expect(collection != nullptr && collection->value == pactum::Ratio(3, 10), "collection rate 3/10");
    expect(collection != nullptr && collection->points == pactum::Decimal::parse("9.00"), "9.00 points");
    cxx_card = card.to_json();
  } catch (const pactum::Error& e) {
    std::cerr << "consumer_cpp: " << pactum::errc_name(e.code()) << ": " << e.what() << '\n';
    return EXIT_FAILURE;
  }

  // The same file through the C ABI: the same scorecard, one payment.
  expect(std::string_view(pactum_version()) == PACTUM_CONSUMER_VERSION, "C library version is the package's");
  pactum_db* db = nullptr;
  if (pactum_open(path.c_str(), nullptr, &db) != PACTUM_OK) {
    std::cerr << "consumer_cpp: open through the C ABI: " << pactum_error_last()->message << '\n';
    return EXIT_FAILURE;
  }
  char* text = nullptr;
  expect(pactum_scorecard(db, "E001", "2024-Q1", "2024-03-31", &text) == PACTUM_OK, "C scorecard");
  const std::string c_card = take(text);
  expect(c_card == cxx_card, "the C ABI reads the scorecard the C++ API computed");
  text = nullptr;
  expect(pactum_execution(db, number.c_str(), "2024-03-31", &text) == PACTUM_OK, "C execution summary");
  expect(take(text).find("\"collected\":\"300000.00\"") != std::string::npos, "300000.00 collected, not more");
  expect(pactum_scorecard(db, "E404", "2024-Q1", nullptr, &text) == PACTUM_ENOTFOUND, "unknown employee refused");
  pactum_close(db);

  std::cout << cxx_card << '\n';
  std::cout << "consumer_cpp: Pactum " << pactum::version() << ", contract " << number
            << ", collection_rate 3/10 = 9.00 points, C and C++ agree, " << failures << " failure(s)\n";
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
