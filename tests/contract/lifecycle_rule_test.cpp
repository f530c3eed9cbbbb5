// The contract lifecycle rules over values, without a database
// (pactum/contract/contract.hpp, "Lifecycle rules"; execution.hpp): unknown
// contracts, amounts, exchange rates, renewals and dates against the
// activation.
#include <gtest/gtest.h>

#include <string>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
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

TEST(LifecycleRules, ExternalIdsAndSearchLimits) {
  EXPECT_NO_THROW(require_same_terms("ERP-1", "HT-1", "{\"amount\":\"1\"}", "{\"amount\":\"1\"}"));
  EXPECT_EQ(key_of([] { require_same_terms("ERP-1", "HT-1", "{\"amount\":\"1\"}", "{\"amount\":\"2\"}"); }),
            "contract.external_id_conflict");
  EXPECT_EQ(pactum::test::code_of([] { require_same_terms("ERP-1", "HT-1", "a", "b"); }), Errc::conflict);
  EXPECT_NO_THROW(check_contract_limit(0));  // no limit
  EXPECT_NO_THROW(check_contract_limit(5));
  EXPECT_EQ(key_of([] { check_contract_limit(-1); }), "contract.bad_limit");
}

TEST(EventRules, TheSameKeyWithOtherContentIsAConflictNamingTheFields) {
  Event existing;
  existing.seq = 9;
  existing.type = EventType::payment_received;
  existing.contract = 3;
  existing.effective = d("2024-02-01");
  existing.source = "finance";
  existing.key = "R1";
  existing.amount = Money::parse("500.00", "CNY");
  EventContent same;
  same.type = EventType::payment_received;
  same.contract = 3;
  same.effective = d("2024-02-01");
  same.amount = existing.amount->units();
  EXPECT_NO_THROW(require_same_event(existing, same));
  // The effective date counts only when the caller gave it.
  EventContent undated = same;
  undated.effective.reset();
  EXPECT_NO_THROW(require_same_event(existing, undated));
  EventContent other = same;
  other.amount = Money::parse("600.00", "CNY").units();
  other.effective = d("2024-02-02");
  try {
    require_same_event(existing, other);
    ADD_FAILURE() << "no refusal";
  } catch (const Error& e) {
    EXPECT_EQ(e.key(), "event.key_conflict");
    EXPECT_EQ(e.code(), Errc::conflict);
    std::string fields;
    for (const auto& [name, value] : e.args()) {
      if (name == "fields") fields = value;
    }
    EXPECT_EQ(fields, "effective, amount");
  }
  EXPECT_EQ(key_of([] { check_event_limit(0); }), "event.bad_limit");
  EXPECT_NO_THROW(check_event_limit(1));
}
