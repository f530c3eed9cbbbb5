// `pactum demo`: the closed loop shown on the article's worked example.
#include <iostream>

#include "cli.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

namespace pactum::cli {

namespace {

// The article's worked example: a 1,000,000 contract whose collection-rate
// indicator (30 points, normalisation `rate`) moves with every payment.
void worked_example(const Invocation& inv) {
  std::ostream& out = *inv.out;
  const Currency cny = Currency::of("CNY");
  const Money amount = Money::parse("1000000.00", cny);
  const Decimal weight(30);
  struct Step {
    const char* month;
    const char* payment;
  };
  const Step steps[] = {{"2024-01-31", "300000.00"}, {"2024-02-29", "500000.00"}, {"2024-03-31", "200000.00"}};

  out << inv.text("cli.demo_worked_title") << "\n";
  out << "  " << inv.text("cli.demo_worked_contract", {{"amount", amount.to_string()}, {"currency", "CNY"}})
      << "\n";
  Money collected = Money::zero(cny);
  for (const Step& s : steps) {
    collected += Money::parse(s.payment, cny);
    const Ratio rate = ratio(collected, amount);
    const Decimal points = (rate * Ratio(weight)).round(2);
    out << "  "
        << inv.text("cli.demo_worked_line", {{"date", Date::parse(s.month).to_string()},
                                            {"payment", Money::parse(s.payment, cny).to_string()},
                                            {"collected", collected.to_string()},
                                            {"rate", (rate * Ratio(100)).round(0).to_string()},
                                            {"points", points.to_string()},
                                            {"weight", weight.to_string()}})
        << "\n";
  }
}

}  // namespace

int run_demo(Invocation& inv) {
  refuse_unknown_options(inv, inv.args);
  if (!inv.args.empty()) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args.front()}})};
  worked_example(inv);
  return kExitOk;
}

}  // namespace pactum::cli
