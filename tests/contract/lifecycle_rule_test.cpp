// The contract lifecycle rules over values, without a database
// (pactum/contract/contract.hpp, "Lifecycle rules"; execution.hpp): unknown
// contracts, amounts, exchange rates, renewals and dates against the
// activation.
#include <gtest/gtest.h>

#include <string>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/core/error.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

Date d(const char* text) { return Date::parse(text); }

}  // namespace

TEST(LifecycleRules, AmountsRatesAndUnknownContracts) {
  EXPECT_EQ(key_of([] { refuse_unknown_contract("HT-404"); }), "contract.unknown");
  EXPECT_EQ(key_of([] { require_positive_amount(Money::parse("0.00", "CNY")); }), "contract.amount_not_positive");
  EXPECT_NO_THROW(require_positive_amount(Money::parse("0.01", "CNY")));
  const Currency cny = Currency::of("CNY");
  const Currency usd = Currency::of("USD");
  EXPECT_EQ(key_of([&] { check_exchange_rate(cny, cny, Decimal(1)); }), "contract.rate_for_reporting_currency");
  EXPECT_EQ(key_of([&] { check_exchange_rate(usd, cny, Decimal(0)); }), "contract.bad_rate");
  EXPECT_EQ(key_of([&] { check_exchange_rate(usd, cny, Decimal::parse("-7.1")); }), "contract.bad_rate");
  EXPECT_NO_THROW(check_exchange_rate(usd, cny, Decimal::parse("7.1")));
  try {
    refuse_no_exchange_rate(usd, d("2024-01-01"), cny);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::currency_mismatch);
    EXPECT_EQ(e.key(), "contract.no_exchange_rate");
  }
}

TEST(LifecycleRules, RenewalsNeedAnActivatedContractRenewedOnce) {
  const Date signed_on = d("2024-01-10");
  EXPECT_EQ(key_of([&] { check_renewal("HT-1", ContractStatus::draft, signed_on, std::nullopt, d("2025-01-01")); }),
            "contract.renew_not_activated");
  EXPECT_EQ(key_of([&] { check_renewal("HT-1", ContractStatus::completed, signed_on, std::string("HT-2"), d("2025-01-01")); }),
            "contract.already_renewed");
  EXPECT_EQ(key_of([&] { check_renewal("HT-1", ContractStatus::active, signed_on, std::nullopt, d("2024-01-09")); }),
            "contract.before_signing");
  EXPECT_NO_THROW(check_renewal("HT-1", ContractStatus::expired, signed_on, std::nullopt, signed_on));
}

TEST(LifecycleRules, NothingBeforeTheActivation) {
  EXPECT_EQ(key_of([] { require_on_or_after_activation("HT-1", d("2024-02-01"), d("2024-01-31"), EventType::completed); }),
            "contract.before_activation");
  EXPECT_NO_THROW(require_on_or_after_activation("HT-1", d("2024-02-01"), d("2024-02-01"), EventType::completed));
  EXPECT_NO_THROW(require_on_or_after_activation("HT-1", std::nullopt, d("2020-01-01"), EventType::terminated));
}
