// Every validation of contracts and events: a stable code, a message in
// English and Chinese, and a database identical before and after.
#include <gtest/gtest.h>

#include <functional>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;
using pactum::test::sales_spec;

namespace {

struct Case {
  const char* name;
  std::function<void(Database&)> call;
  Errc code;
  const char* en;
  const char* zh;
};

class ContractValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.file("validation.db");
    Database db(path);
    test::add_company(db);
    draft = db.create_contract(sales_spec("1000.00")).id;
    active = test::active_contract(db, "1000.00").id;
    done = test::active_contract(db, "10.00").id;
    db.complete(done, d("2024-06-30"));
    db.record_payment(active, cny("100.00"), d("2024-02-01"), "P1");
    db.record_payment(active, cny("100.00"), d("2024-02-01"), "P2");
    db.reverse_payment("P2", d("2024-02-05"));
    auto external = sales_spec();
    external.external_id = "X-1";
    db.create_contract(external);
    db.advance_to(d("2024-06-01"));
  }

  void check(const Case& c) {
    SCOPED_TRACE(c.name);
    Database db(path);
    const std::string before = test::logical_dump(path);
    try {
      c.call(db);
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), c.code) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.en), std::string::npos) << e.what();
      EXPECT_NE(e.message(Lang::zh_CN).find(c.zh), std::string::npos) << e.message(Lang::zh_CN);
    }
    EXPECT_EQ(test::logical_dump(path), before);
  }

  test::TempDir dir;
  std::string path;
  std::int64_t draft = 0;
  std::int64_t active = 0;
  std::int64_t done = 0;
};

}  // namespace

TEST_F(ContractValidationTest, ContractCreationErrors) {
  const std::string bad_utf8 = "\xF0\x28\x8C\x28";
  std::vector<Case> cases = {
      {"unknown owner",
       [](Database& db) {
         auto s = sales_spec();
         s.owner = "E9";
         db.create_contract(s);
       },
       Errc::not_found, "unknown employee 'E9'", "未知员工“E9”"},
      {"owner not employed on the signing date",
       [](Database& db) {
         auto s = sales_spec();
         s.owner = "E2";
         s.signed_on = d("2021-05-31");
         db.create_contract(s);
       },
       Errc::invalid_state, "not employed on 2021-05-31", "在 2021-05-31 不在职"},
      {"zero amount",
       [](Database& db) { db.create_contract(sales_spec("0")); }, Errc::invalid_argument,
       "must be positive, got 0.00", "必须为正数"},
      {"negative amount",
       [](Database& db) { db.create_contract(sales_spec("-5.00")); }, Errc::invalid_argument,
       "must be positive, got -5.00", "必须为正数"},
      {"instalments short of the amount",
       [](Database& db) {
         auto s = sales_spec("1000.00");
         s.installments = {{d("2024-02-01"), cny("999.99")}};
         db.create_contract(s);
       },
       Errc::invalid_argument, "0.01 short of the contract amount 1000.00", "少 0.01"},
      {"negative instalment",
       [](Database& db) {
         auto s = sales_spec("1000.00");
         s.installments = {{d("2024-02-01"), cny("1100.00")}, {d("2024-03-01"), cny("-100.00")}};
         db.create_contract(s);
       },
       Errc::invalid_argument, "instalment 2 must be positive", "第 2 期金额必须为正数"},
      {"instalment in another currency",
       [](Database& db) {
         auto s = sales_spec("1000.00");
         s.installments = {{d("2024-02-01"), Money::parse("1000.00", "USD")}};
         db.create_contract(s);
       },
       Errc::currency_mismatch, "instalment 1 is in USD", "第 1 期的货币是 USD"},
      {"instalment overflow",
       [](Database& db) {
         auto s = sales_spec();
         s.amount = Money::from_units(INT64_MAX, Currency::of("CNY"));
         s.installments = {{d("2024-02-01"), Money::from_units(INT64_MAX / 2 + 1, Currency::of("CNY"))},
                           {d("2024-03-01"), Money::from_units(INT64_MAX / 2 + 1, Currency::of("CNY"))}};
         db.create_contract(s);
       },
       Errc::overflow, "out of range", "超出范围"},
      {"missing exchange rate",
       [](Database& db) {
         auto s = sales_spec();
         s.amount = Money::parse("100.00", "EUR");
         db.create_contract(s);
       },
       Errc::currency_mismatch, "no exchange rate from EUR to CNY on or before 2024-01-10", "EUR 兑 CNY 的汇率"},
      {"end before signing",
       [](Database& db) {
         auto s = sales_spec();
         s.end = d("2024-01-09");
         s.start = d("2024-01-01");
         db.create_contract(s);
       },
       Errc::invalid_argument, "end date 2024-01-09 is before the signing date 2024-01-10", "早于签订日期"},
      {"end before start",
       [](Database& db) {
         auto s = sales_spec();
         s.start = d("2024-02-01");
         s.end = d("2024-01-31");
         db.create_contract(s);
       },
       Errc::invalid_argument, "before the start date 2024-02-01", "早于开始日期"},
      {"delivery due before signing",
       [](Database& db) {
         auto s = sales_spec();
         s.delivery_due = d("2023-12-31");
         db.create_contract(s);
       },
       Errc::invalid_argument, "delivery due date 2023-12-31", "交付截止日期"},
      {"empty counterparty",
       [](Database& db) {
         auto s = sales_spec();
         s.counterparty = "";
         db.create_contract(s);
       },
       Errc::invalid_argument, "'counterparty' must not be empty", "“counterparty”不能为空"},
      {"blank counterparty",
       [](Database& db) {
         auto s = sales_spec();
         s.counterparty = "\xE3\x80\x80 ";
         db.create_contract(s);
       },
       Errc::invalid_argument, "'counterparty' must not be blank", "不能全是空白"},
      {"invalid UTF-8 counterparty",
       [&](Database& db) {
         auto s = sales_spec();
         s.counterparty = bad_utf8;
         db.create_contract(s);
       },
       Errc::invalid_argument, "counterparty is not valid UTF-8", "不是有效的 UTF-8"},
      {"invalid UTF-8 attribute",
       [&](Database& db) {
         auto s = sales_spec();
         s.attributes = {{"note", AttributeValue(bad_utf8)}};
         db.create_contract(s);
       },
       Errc::invalid_argument, "note is not valid UTF-8", "UTF-8"},
      {"bad type",
       [](Database& db) {
         auto s = sales_spec();
         s.type = "Sales";
         db.create_contract(s);
       },
       Errc::invalid_argument, "contract type 'Sales'", "合同类型“Sales”"},
      {"unknown numbering rule",
       [](Database& db) {
         auto s = sales_spec();
         s.numbering = "nope";
         db.create_contract(s);
       },
       Errc::not_found, "nope", "nope"},
      {"external id reused with other terms",
       [](Database& db) {
         auto s = sales_spec();
         s.external_id = "X-1";
         s.amount = cny("1.00");
         db.create_contract(s);
       },
       Errc::conflict, "external id 'X-1'", "外部编号“X-1”"},
  };
  for (const Case& c : cases) check(c);
}

TEST_F(ContractValidationTest, LifecycleErrors) {
  std::vector<Case> cases = {
      {"unknown contract id", [](Database& db) { db.activate(999); }, Errc::not_found, "unknown contract 999",
       "未知合同 999"},
      {"unknown contract number", [](Database& db) { db.activate("HT-2099-ZZ-0001"); }, Errc::not_found,
       "unknown contract HT-2099-ZZ-0001", "未知合同 HT-2099-ZZ-0001"},
      {"activate an active contract", [&](Database& db) { db.activate(active, d("2024-02-01")); },
       Errc::invalid_state, "is active: activate is not allowed", "不允许 activate"},
      {"activation before signing", [&](Database& db) { db.activate(draft, d("2024-01-01")); },
       Errc::invalid_argument, "activated on 2024-01-01 is before the signing date 2024-01-10", "早于合同"},
      {"complete a draft", [&](Database& db) { db.complete(draft, d("2024-02-01")); }, Errc::invalid_state,
       "is draft: complete is not allowed", "处于 draft 状态"},
      {"termination before activation", [&](Database& db) { db.terminate(active, "x", d("2024-01-09")); },
       Errc::invalid_argument, "terminated on 2024-01-09 is before the signing date", "早于合同"},
      {"termination without reason", [&](Database& db) { db.terminate(active, "", d("2024-03-01")); },
       Errc::invalid_argument, "'reason' must not be empty", "“reason”不能为空"},
      {"amendment of a closed contract",
       [&](Database& db) {
         Amendment a;
         a.end = d("2025-01-01");
         db.amend(done, "x", a, d("2024-07-01"));
       },
       Errc::invalid_state, "only draft, rejected, active or breached", "只有草稿"},
      {"amount change without schedule",
       [&](Database& db) {
         Amendment a;
         a.amount = cny("2000.00");
         db.amend(active, "x", a, d("2024-03-01"));
       },
       Errc::invalid_argument, "needs a new instalment schedule", "新的分期付款计划"},
      {"amendment removing an unknown attribute",
       [&](Database& db) {
         Amendment a;
         a.remove_attributes = {"budget"};
         db.amend(active, "x", a, d("2024-03-01"));
       },
       Errc::invalid_argument, "has no attribute 'budget'", "没有属性“budget”"},
      {"renewal of a draft", [&](Database& db) { db.renew(draft); }, Errc::invalid_state,
       "only an activated contract can be renewed", "只有生效过的合同才能续签"},
      {"exchange rate for the reporting currency",
       [](Database& db) { db.set_exchange_rate("CNY", Decimal(1), d("2024-01-01")); }, Errc::invalid_argument,
       "CNY is the reporting currency", "CNY 是报告货币"},
      {"negative exchange rate",
       [](Database& db) { db.set_exchange_rate("USD", Decimal::parse("-7.1"), d("2024-01-01")); },
       Errc::invalid_argument, "must be positive, got -7.1", "汇率必须为正数"},
  };
  for (const Case& c : cases) check(c);
}

TEST_F(ContractValidationTest, EventErrors) {
  std::vector<Case> cases = {
      {"payment on an unknown contract",
       [](Database& db) { db.record_payment(999, cny("1.00"), d("2024-03-01"), "X"); }, Errc::not_found,
       "unknown contract 999", "未知合同 999"},
      {"payment on a draft",
       [&](Database& db) { db.record_payment(draft, cny("1.00"), d("2024-03-01"), "X"); }, Errc::invalid_state,
       "needs an activated contract", "需要已生效的合同"},
      {"payment in another currency",
       [&](Database& db) { db.record_payment(active, Money::parse("1.00", "USD"), d("2024-03-01"), "X"); },
       Errc::currency_mismatch, "the payment is in USD", "回款货币是 USD"},
      {"payment before signing",
       [&](Database& db) { db.record_payment(active, cny("1.00"), d("2024-01-09"), "X"); },
       Errc::invalid_argument, "payment_received on 2024-01-09 is before the signing date 2024-01-10",
       "早于合同"},
      {"payment beyond the outstanding amount",
       [&](Database& db) { db.record_payment(active, cny("900.01"), d("2024-03-01"), "X"); },
       Errc::invalid_argument, "exceeds the 900.00 CNY outstanding", "超过合同"},
      {"zero payment", [&](Database& db) { db.record_payment(active, cny("0"), d("2024-03-01"), "X"); },
       Errc::invalid_argument, "a payment must be positive", "回款金额必须为正数"},
      {"negative payment", [&](Database& db) { db.record_payment(active, cny("-1"), d("2024-03-01"), "X"); },
       Errc::invalid_argument, "got -1.00", "必须为正数"},
      {"same key, other amount",
       [&](Database& db) { db.record_payment(active, cny("100.01"), d("2024-02-01"), "P1"); }, Errc::conflict,
       "key 'P1' of source 'finance'", "幂等键“P1”"},
      {"empty payment ref", [&](Database& db) { db.record_payment(active, cny("1.00"), d("2024-03-01"), ""); },
       Errc::invalid_argument, "'ref' must not be empty", "“ref”不能为空"},
      {"invalid UTF-8 source",
       [&](Database& db) { db.record_payment(active, cny("1.00"), d("2024-03-01"), "X", "\xFF"); },
       Errc::invalid_argument, "source is not valid UTF-8", "UTF-8"},
      {"reversal of an unknown payment", [](Database& db) { db.reverse_payment("NOPE", d("2024-03-01")); },
       Errc::not_found, "no payment with ref 'NOPE'", "没有编号为“NOPE”的回款"},
      {"reversal already made on another date", [](Database& db) { db.reverse_payment("P2", d("2024-03-01")); },
       Errc::conflict, "already reversed on 2024-02-05", "已于 2024-02-05 冲销"},
      {"reversal before the payment", [](Database& db) { db.reverse_payment("P1", d("2024-01-31")); },
       Errc::invalid_argument, "is before the payment on 2024-02-01", "早于回款日期"},
      {"satisfaction above 100", [&](Database& db) { db.record_satisfaction(active, 101, {d("2024-03-01")}); },
       Errc::invalid_argument, "score 101 is outside 0..100", "满意度分数 101"},
      {"satisfaction below 0", [&](Database& db) { db.record_satisfaction(active, -1, {d("2024-03-01")}); },
       Errc::invalid_argument, "score -1", "满意度分数 -1"},
      {"delivery on a closed contract",
       [&](Database& db) { db.record_delivery(done, true, {d("2024-07-01")}); }, Errc::invalid_state,
       "a delivered event is not accepted after it closed", "结束后不能再登记 delivered 事件"},
      {"delivery before signing", [&](Database& db) { db.record_delivery(active, true, {d("2023-12-01")}); },
       Errc::invalid_argument, "delivered on 2023-12-01", "早于合同"},
      {"breach of a draft", [&](Database& db) { db.record_breach(draft, "x", {d("2024-03-01")}); },
       Errc::invalid_state, "needs an activated contract", "需要已生效的合同"},
      {"dispute with invalid UTF-8",
       [&](Database& db) { db.record_dispute(active, "\xC0\xAF", {d("2024-03-01")}); }, Errc::invalid_argument,
       "reason is not valid UTF-8", "UTF-8"},
      {"clock moving backwards", [](Database& db) { db.advance_to(d("2024-05-31")); }, Errc::invalid_argument,
       "cannot move back to 2024-05-31", "不能回退到 2024-05-31"},
  };
  for (const Case& c : cases) check(c);
}

TEST_F(ContractValidationTest, MessagesFollowTheHandleLanguage) {
  OpenOptions zh;
  zh.lang = Lang::zh_CN;
  Database db(path, zh);
  try {
    db.record_payment(active, cny("900.01"), d("2024-03-01"), "X");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("超过合同"), std::string::npos) << e.what();
  }
}

TEST_F(ContractValidationTest, RepeatingARecordedPaymentChangesNothing) {
  Database db(path);
  const std::string before = test::logical_dump(path);
  const Event again = db.record_payment(active, cny("100.00"), d("2024-02-01"), "P1");
  EXPECT_EQ(again.key, std::optional<std::string>("P1"));
  EXPECT_EQ(db.reverse_payment("P2", d("2024-02-05")).ref, db.record_payment(active, cny("100.00"), d("2024-02-01"), "P2").seq);
  EXPECT_EQ(test::logical_dump(path), before);
}
