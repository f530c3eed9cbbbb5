// The rule of a payment over values, without a database
// (pactum/contract/payment.hpp): each refusal in its order, with its code,
// and the field an import would name.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pactum/contract/payment.hpp"
#include "pactum/core/error.hpp"

using namespace pactum;

namespace {

PaymentTarget active_contract() {
  PaymentTarget t;
  t.number = "HT-2024-SD-0001";
  t.status = ContractStatus::active;
  t.currency = Currency::of("CNY");
  t.signed_on = Date::parse("2024-01-10");
  t.amount = Money::parse("1000.00", "CNY").units();
  t.collected = Money::parse("300.00", "CNY").units();
  return t;
}

Money cny(const char* text) { return Money::parse(text, "CNY"); }
const Date kFeb = Date::parse("2024-02-01");

// The code of the refusal and the last field named before it.
std::pair<Errc, std::string> refusal(const PaymentTarget& t, const Money& amount, Date day, bool allow = false) {
  std::string last;
  try {
    check_payment(t, amount, day, allow, [&](const char* field) { last = field; });
  } catch (const Error& e) {
    return {e.code(), last};
  }
  return {Errc::ok, last};
}

TEST(PaymentRuleTest, APaymentWithinWhatIsOutstandingPasses) {
  EXPECT_NO_THROW(check_payment(active_contract(), cny("700.00"), kFeb, false));
  PaymentTarget expired = active_contract();
  expired.status = ContractStatus::expired;  // its money is still owed
  EXPECT_NO_THROW(check_payment(expired, cny("1.00"), kFeb, false));
}

TEST(PaymentRuleTest, EachRefusalHasItsCodeAndField) {
  PaymentTarget draft = active_contract();
  draft.status = ContractStatus::draft;
  EXPECT_EQ(refusal(draft, cny("1.00"), kFeb), std::make_pair(Errc::invalid_state, std::string("contract")));
  EXPECT_EQ(refusal(active_contract(), Money::parse("1.00", "USD"), kFeb),
            std::make_pair(Errc::currency_mismatch, std::string("currency")));
  EXPECT_EQ(refusal(active_contract(), cny("0.00"), kFeb), std::make_pair(Errc::invalid_argument, std::string("amount")));
  EXPECT_EQ(refusal(active_contract(), cny("1.00"), Date::parse("2024-01-09")),
            std::make_pair(Errc::invalid_argument, std::string("date")));
  EXPECT_EQ(refusal(active_contract(), cny("700.01"), kFeb), std::make_pair(Errc::invalid_argument, std::string("amount")));
  // The first rule broken decides: a draft paid in dollars is refused as a draft.
  EXPECT_EQ(refusal(draft, Money::parse("-1.00", "USD"), Date::parse("2000-01-01")).first, Errc::invalid_state);
}

TEST(PaymentRuleTest, AnAllowedOverpaymentMayNotOverflowTheTotal) {
  EXPECT_NO_THROW(check_payment(active_contract(), cny("5000.00"), kFeb, true));
  PaymentTarget full = active_contract();
  full.collected = INT64_MAX - 10;
  EXPECT_EQ(refusal(full, cny("1.00"), kFeb, true).first, Errc::overflow);
}

}  // namespace
