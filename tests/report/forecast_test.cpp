// The forecast as of 2024-03-31 over 3 months: 20 contracts expiring, 10 of
// them key accounts, 5 receivables collecting below 50% — exactly, with the
// contracts that must not count beside them —, a payable (procurement: money
// we owe) apart, no labour contract in either, and the instalments per month.
#include <gtest/gtest.h>

#include "pactum/report/table.hpp"
#include "report/report_support.hpp"

using namespace pactum;
using namespace pactum::report_test;

namespace {

struct Spec {
  std::string name;
  const char* amount = "100000.00";
  std::optional<const char*> end;
  std::vector<std::pair<const char*, const char*>> installments;
  std::vector<std::pair<const char*, const char*>> payments;  // (date, amount)
  bool key_account = false;
  std::optional<const char*> activate = "2024-01-05";
  const char* type = "sales";
};

class ForecastTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db = new Database(":memory:");
    db->add_department({"SD", "销售部", std::nullopt, std::nullopt});
    db->add_employee({"E1", "张三", "SD", "sales", d("2020-01-01"), std::nullopt});
    // 20 contracts ending 2024-04-01, 04-05, ... 06-12 and on 2024-06-30,
    // every other one a key account, paid in full.
    for (int k = 0; k < 20; ++k) {
      const std::string end = k < 19 ? d("2024-04-01").add_days(4 * k).to_string() : "2024-06-30";
      Spec s;
      s.name = std::string(1, 'E');
      s.name += std::to_string(k);
      s.end = end.c_str();
      s.key_account = k % 2 == 0;
      s.payments = {{"2024-01-20", "100000.00"}};
      sign(s);
    }
    // Not expiring in the horizon: ends on the as-of date, the day after the
    // horizon, terminated, a draft, renewed, activated after the as-of date,
    // completed.
    const std::vector<std::pair<const char*, const char*>> early = {{"2024-02-01", "100000.00"}};
    const std::vector<std::pair<const char*, const char*>> paid = {{"2024-02-01", "100000.00"}};
    sign({"D1", "100000.00", "2024-03-31", early, paid});
    sign({"D2", "100000.00", "2024-07-01", early, paid});
    db->terminate(sign({"D3", "100000.00", "2024-05-15", early, paid}), "客户破产", d("2024-03-01"));
    sign({"D4", "100000.00", "2024-05-20", early, {}, false, std::nullopt});
    RenewalSpec renewal;
    renewal.signed_on = d("2024-03-15");
    db->renew(sign({"D5", "100000.00", "2024-05-25", early, paid}), renewal);
    sign({"D6", "100000.00", "2024-06-01", early, {}, false, "2024-04-02"});
    db->complete(sign({"D7", "100000.00", "2024-04-15", early, paid}), d("2024-03-20"));
    // Collecting below 50% with money due by 2024-06-30.
    sign({"U1", "100000.00", "2024-12-31", {{"2024-02-15", "50000.00"}, {"2024-08-31", "50000.00"}}, {{"2024-02-10", "40000.00"}}});
    sign({"U2", "200000.00", "2024-12-31", {{"2024-05-10", "200000.00"}}, {}});
    sign({"U3", "100000.00", "2024-12-31", {{"2024-03-01", "30000.00"}, {"2024-06-30", "70000.00"}}, {{"2024-03-01", "30000.00"}}});
    sign({"U4", "100000.00", "2024-12-31", {{"2024-02-01", "60000.00"}, {"2024-09-30", "40000.00"}}, {{"2024-02-01", "49999.99"}}});
    sign({"U5", "300000.00", "2024-12-31",
          {{"2024-01-31", "100000.00"}, {"2024-02-29", "100000.00"}, {"2024-03-31", "100000.00"}},
          {{"2024-01-31", "100000.00"}}, true});
    // Not below 50% with money due: exactly 50%, nothing due before the
    // horizon's end, what is due is paid, a draft, 60%.
    sign({"V1", "100000.00", "2024-12-31", {{"2024-02-15", "50000.00"}, {"2024-05-31", "50000.00"}}, {{"2024-02-15", "50000.00"}}});
    sign({"V2", "100000.00", "2024-12-31", {{"2024-07-15", "100000.00"}}, {}});
    sign({"V3", "100000.00", "2024-12-31", {{"2024-03-15", "40000.00"}, {"2024-09-30", "60000.00"}}, {{"2024-03-15", "40000.00"}}});
    sign({"V4", "100000.00", "2024-12-31", {{"2024-04-10", "100000.00"}}, {}, false, std::nullopt});
    sign({"V5", "100000.00", "2024-12-31", {{"2024-03-15", "60000.00"}, {"2024-04-30", "40000.00"}}, {{"2024-03-10", "60000.00"}}});
    // A supplier we have paid 20% of, money due: a payable, not a receivable.
    sign({"P1", "100000.00", "2024-12-31", {{"2024-02-15", "50000.00"}, {"2024-05-15", "50000.00"}},
          {{"2024-02-15", "20000.00"}}, false, "2024-01-05", "procurement"});
    // A labour contract with wages unpaid: in neither list.
    sign({"L1", "100000.00", "2024-12-31", {{"2024-02-15", "100000.00"}}, {}, false, "2024-01-05", "labour"});
  }
  static void TearDownTestSuite() {
    delete db;
    db = nullptr;
  }

  static std::int64_t sign(const Spec& s) {
    ContractSpec c;
    c.type = s.type;
    c.owner = "E1";
    c.amount = cny(s.amount);
    c.signed_on = d("2024-01-05");
    if (s.end) c.end = d(*s.end);
    c.counterparty = "客户 ";
    c.counterparty += s.name;
    c.key_account = s.key_account;
    for (const auto& [due, amount] : s.installments) c.installments.push_back({d(due), cny(amount)});
    const Contract made = db->create_contract(c);
    if (s.activate) db->activate(made.id, d(*s.activate));
    int n = 0;
    for (const auto& [on, amount] : s.payments) {
      std::string ref = s.name;
      ref += '-';
      ref += std::to_string(++n);
      db->record_payment(made.id, cny(amount), d(on), ref);
    }
    return made.id;
  }

  static std::vector<std::string> counterparties(const std::vector<ExpiringContract>& list) {
    std::vector<std::string> out;
    for (const ExpiringContract& e : list) out.push_back(e.contract.counterparty);
    return out;
  }

  static Database* db;
};

Database* ForecastTest::db = nullptr;

TEST_F(ForecastTest, TwentyExpiringTenKeyAccountsFiveCollectingBelowHalf) {
  const Forecast f = db->forecast(d("2024-03-31"));
  EXPECT_EQ(f.months, 3);
  EXPECT_EQ(f.horizon_end, d("2024-06-30"));
  EXPECT_EQ(f.threshold, Decimal::parse("0.5"));
  ASSERT_EQ(f.expiring.size(), 20u);
  EXPECT_EQ(f.key_accounts, 10);
  std::vector<std::string> want;
  for (int k = 0; k < 20; ++k) {
    std::string name = "客户 E";
    name += std::to_string(k);
    want.push_back(name);
  }
  EXPECT_EQ(counterparties(f.expiring), want);  // by end date
  EXPECT_EQ(f.expiring.front().end, d("2024-04-01"));
  EXPECT_EQ(f.expiring.front().days_left, 1);
  EXPECT_EQ(f.expiring.back().end, d("2024-06-30"));
  EXPECT_EQ(f.expiring.back().days_left, 91);

  ASSERT_EQ(f.under_collected.size(), 5u);
  std::vector<std::string> names;
  for (const UnderCollectedContract& u : f.under_collected) names.push_back(u.contract.counterparty);
  // By earliest unpaid due date: U4 (02-01), U1 (02-15), U5 (02-29), U2 (05-10), U3 (06-30).
  EXPECT_EQ(names, std::vector<std::string>({"客户 U4", "客户 U1", "客户 U5", "客户 U2", "客户 U3"}));
  const UnderCollectedContract& u4 = f.under_collected[0];
  EXPECT_EQ(u4.collected, cny("49999.99"));
  EXPECT_EQ(u4.outstanding, cny("50000.01"));
  EXPECT_EQ(u4.collection_rate, Decimal::parse("0.500000"));  // rounded; the exact ratio is below one half
  EXPECT_EQ(u4.collection_ratio, Ratio(4999999, 10000000));
  EXPECT_EQ(u4.due_by_horizon, cny("10000.01"));
  const UnderCollectedContract& u5 = f.under_collected[2];
  EXPECT_TRUE(u5.contract.key_account);
  EXPECT_EQ(u5.due_by_horizon, cny("200000.00"));
  EXPECT_EQ(u5.earliest_unpaid_due, d("2024-02-29"));
  EXPECT_EQ(f.under_collected[3].due_by_horizon, cny("200000.00"));
  EXPECT_EQ(f.under_collected[4].due_by_horizon, cny("70000.00"));
}

TEST_F(ForecastTest, InstalmentsFallingDuePerMonth) {
  const Forecast f = db->forecast(d("2024-03-31"));
  ASSERT_EQ(f.installments.size(), 3u);
  const InstallmentMonth& april = f.installments[0];
  EXPECT_EQ(april.from, d("2024-04-01"));
  EXPECT_EQ(april.to, d("2024-04-30"));
  EXPECT_EQ(april.installments, 9);  // E0..E7 and V5's second
  EXPECT_EQ(april.contracts, 9);
  EXPECT_EQ(april.amount, cny("840000.00"));
  EXPECT_EQ(april.unpaid, cny("40000.00"));
  const InstallmentMonth& may = f.installments[1];
  EXPECT_EQ(may.from, d("2024-05-01"));
  EXPECT_EQ(may.to, d("2024-05-31"));
  EXPECT_EQ(may.installments, 10);  // E8..E15, U2, V1's second
  EXPECT_EQ(may.amount, cny("1050000.00"));
  EXPECT_EQ(may.unpaid, cny("250000.00"));
  const InstallmentMonth& june = f.installments[2];
  EXPECT_EQ(june.to, d("2024-06-30"));
  EXPECT_EQ(june.installments, 5);  // E16..E19, U3's second
  EXPECT_EQ(june.amount, cny("470000.00"));
  EXPECT_EQ(june.unpaid, cny("70000.00"));
}

TEST_F(ForecastTest, TheHorizonAndThresholdAreOptions) {
  ForecastOptions one;
  one.months = 1;
  const Forecast april = db->forecast(d("2024-03-31"), one);
  EXPECT_EQ(april.horizon_end, d("2024-04-30"));
  EXPECT_EQ(april.expiring.size(), 8u);
  EXPECT_EQ(april.installments.size(), 1u);
  ForecastOptions strict;
  strict.threshold = Decimal::parse("0.3");
  const Forecast below_30 = db->forecast(d("2024-03-31"), strict);
  ASSERT_EQ(below_30.under_collected.size(), 1u);  // U2 (0%); U3 is at 0.3, not below
  EXPECT_EQ(below_30.under_collected[0].contract.counterparty, "客户 U2");
  ForecastOptions bad;
  bad.months = 0;
  EXPECT_THROW(db->forecast(d("2024-03-31"), bad), ValidationError);
  bad.months = 121;
  EXPECT_THROW(db->forecast(d("2024-03-31"), bad), ValidationError);
  bad.months = 3;
  bad.threshold = Decimal::parse("0");
  EXPECT_THROW(db->forecast(d("2024-03-31"), bad), ValidationError);
  bad.threshold = Decimal::parse("1.01");
  EXPECT_THROW(db->forecast(d("2024-03-31"), bad), ValidationError);
}

TEST_F(ForecastTest, TablesCsvAndJson) {
  const Forecast f = db->forecast(d("2024-03-31"));
  const auto tables = report_tables(f, Lang::en);
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_EQ(tables[0].name, "expiring");
  EXPECT_EQ(tables[0].rows.size(), 20u);
  EXPECT_EQ(tables[1].name, "under_collected");
  EXPECT_EQ(tables[1].rows.size(), 5u);
  EXPECT_EQ(tables[2].name, "payables");
  EXPECT_EQ(tables[2].rows.size(), 1u);
  EXPECT_EQ(tables[2].columns[5], "paid");
  const std::string text = to_text(tables);
  EXPECT_NE(text.find("20 contract(s) end by 2024-06-30, 10 of them key accounts"), std::string::npos);
  EXPECT_NE(text.find("Receivables to collect"), std::string::npos);
  EXPECT_NE(text.find("5 receivable(s) to collect: collected below 0.5"), std::string::npos);
  EXPECT_NE(text.find("Payables to pay"), std::string::npos);
  EXPECT_NE(text.find("1 payable(s) to pay: paid below 0.5"), std::string::npos);
  EXPECT_NE(text.find("20.00%"), std::string::npos);  // P1's paid share, as a percentage
  const std::string zh = to_text(report_tables(f, Lang::zh_CN));
  EXPECT_NE(zh.find("至 2024-06-30 共有 20 份合同到期,其中大客户合同 10 份"), std::string::npos);
  EXPECT_NE(zh.find("待支付应付款"), std::string::npos);
  const std::string json = to_json(f);
  EXPECT_NE(json.find(R"("expiring_count":20,"key_accounts":10,"under_collected_count":5,"payables_count":1)"), std::string::npos);
  EXPECT_NE(json.find(R"("month":2,"from":"2024-05-01","to":"2024-05-31","installments":10,"contracts":10,"amount":"1050000.00","unpaid":"250000.00",)"
                      R"("payable_installments":1,"payable_contracts":1,"payable_amount":"50000.00","payable_unpaid":"50000.00")"),
            std::string::npos);
  const std::string csv = to_csv(tables[3]);
  EXPECT_EQ(csv, "month,from,to,installments,contracts,amount,unpaid,payable_installments,payable_amount,payable_unpaid\r\n"
                 "1,2024-04-01,2024-04-30,9,9,840000.00,40000.00,0,0.00,0.00\r\n"
                 "2,2024-05-01,2024-05-31,10,10,1050000.00,250000.00,1,50000.00,50000.00\r\n"
                 "3,2024-06-01,2024-06-30,5,5,470000.00,70000.00,0,0.00,0.00\r\n");
}

TEST_F(ForecastTest, ReceivablesAndPayablesApartLabourInNeither) {
  const Forecast f = db->forecast(d("2024-03-31"));
  for (const UnderCollectedContract& u : f.under_collected) {
    EXPECT_EQ(money_direction(u.contract.type), MoneyDirection::receivable) << u.contract.counterparty;
  }
  ASSERT_EQ(f.payables.size(), 1u);
  EXPECT_EQ(f.payables[0].contract.counterparty, "客户 P1");
  EXPECT_EQ(f.payables[0].collected, cny("20000.00"));
  EXPECT_EQ(f.payables[0].due_by_horizon, cny("80000.00"));
  EXPECT_EQ(f.payables[0].earliest_unpaid_due, d("2024-02-15"));
  for (const auto* list : {&f.under_collected, &f.payables}) {
    for (const UnderCollectedContract& u : *list) EXPECT_NE(u.contract.type, "labour");
  }
  EXPECT_EQ(money_direction("patent"), MoneyDirection::receivable);
  EXPECT_EQ(money_direction("project"), MoneyDirection::receivable);
  EXPECT_EQ(money_direction("procurement"), MoneyDirection::payable);
  EXPECT_EQ(money_direction("labour"), MoneyDirection::none);
}

TEST(ForecastCurrencyTest, InstalmentsAreConvertedAtTheContractsRate) {
  Database db(":memory:");
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.set_exchange_rate("USD", Decimal::parse("7.1"), d("2024-01-01"));
  ContractSpec c;
  c.type = "sales";
  c.owner = "E1";
  c.amount = Money::parse("1000.01", "USD");
  c.signed_on = d("2024-01-05");
  c.counterparty = "Acme";
  c.installments = {{d("2024-04-15"), Money::parse("1000.01", "USD")}};
  const Contract made = db.create_contract(c);
  db.activate(made.id, d("2024-01-05"));
  db.record_payment(made.id, Money::parse("0.01", "USD"), d("2024-02-01"), "P1");
  const Forecast f = db.forecast(d("2024-03-31"));
  EXPECT_EQ(f.installments[0].amount, cny("7100.07"));  // 7100.071 rounded half-even
  EXPECT_EQ(f.installments[0].unpaid, cny("7100.00"));
  ASSERT_EQ(f.under_collected.size(), 1u);
  EXPECT_EQ(f.under_collected[0].outstanding, Money::parse("1000.00", "USD"));
}

}  // namespace
