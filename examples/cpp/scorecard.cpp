// Pactum from C++: a department, a salesperson, a contract, two payments, a
// delivery, a satisfaction survey, and the salesperson's scorecard explained;
// then two refusals.
//
//   cmake -S . -B build && cmake --build build && build/scorecard [DATABASE]
//
// Money is exact (pactum::Money, pactum::Decimal), dates are pactum::Date, and
// every refusal is a pactum::Error (ValidationError, NotFoundError, ...) with
// a stable code and a message in the handle's language; a refused write
// leaves the database exactly as it was.
#include <pactum/pactum.hpp>

#include <iostream>
#include <string_view>

namespace {

pactum::Money cny(std::string_view amount) { return pactum::Money::parse(amount, "CNY"); }
pactum::Date day(std::string_view iso) { return pactum::Date::parse(iso); }

}  // namespace

int main(int argc, char** argv) {
  try {
    std::cout << "Pactum " << pactum::version() << '\n';
    pactum::OpenOptions options;
    options.currency = "CNY";  // the reporting currency of a new database
    pactum::Database db(argc > 1 ? argv[1] : ":memory:", options);

    // The org directory: "sales" is bound to the built-in sales KPI template.
    pactum::DepartmentSpec sales_department;
    sales_department.code = "SD";
    sales_department.name = "销售部";
    db.add_department(sales_department);
    pactum::EmployeeSpec wang;
    wang.id = "E001";
    wang.name = "王芳";
    wang.department = "SD";
    wang.position = "sales";
    wang.hired = day("2023-03-01");
    db.add_employee(wang);

    // A contract of 1,000,000.00 in two instalments, numbered on creation
    // (rule "contract": HT-{year}-{dept}-{seq:4}).
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
    std::cout << "contract " << contract.number << " signed\n";

    // Approved outside Pactum here (db.submit / db.approve route it through
    // the approval table instead), then paid, delivered and surveyed.
    db.activate(contract, day("2024-01-10"));
    db.record_payment(contract, cny("200000.00"), day("2024-01-25"), "BANK-0001");
    db.record_payment(contract, cny("100000.00"), day("2024-02-01"), "BANK-0002");
    db.record_delivery(contract, /*accepted=*/true, day("2024-02-28"));
    db.record_satisfaction(contract, 90, day("2024-03-15"));

    // Every point explained: 300,000 of 1,000,000 collected is 9.00 of 30.
    pactum::Scorecard card = db.scorecard("E001", pactum::Period::parse("2024-Q1"), day("2024-03-31"));
    for (const pactum::IndicatorScore& indicator : card.indicators) {
      std::cout << "  " << indicator.name << ": " << indicator.points.to_string() << " of "
                << indicator.weight.to_string() << " (value " << indicator.value_text(card.currency) << ")\n";
    }
    for (const pactum::RuleHit& hit : card.rules) {
      std::cout << "  rule " << pactum::rule_kind_name(hit.rule) << ": " << hit.points.to_string() << '\n';
    }
    std::cout << "total " << card.total->to_string() << " of 100\n";
    std::cout << card.to_json() << '\n';

    // Refusals: 800,000 is more than the 700,000 outstanding; 2024-02-30 is
    // no date. Each error carries its code and both languages.
    try {
      db.record_payment(contract, cny("800000.00"), day("2024-03-05"), "BANK-0003");
    } catch (const pactum::Error& e) {
      std::cerr << "refused: " << pactum::errc_name(e.code()) << ": " << e.what() << '\n';
    }
    try {
      db.record_delivery(contract, true, day("2024-02-30"));
    } catch (const pactum::Error& e) {
      std::cerr << "refused: " << pactum::errc_name(e.code()) << ": " << e.message(pactum::Lang::zh_CN) << '\n';
    }
    std::cout << "collected " << db.execution(contract, day("2024-03-31")).collected.to_string() << '\n';
    return 0;
  } catch (const pactum::Error& e) {
    std::cerr << pactum::errc_name(e.code()) << ": " << e.what() << '\n';
    return 1;
  }
}
