// Contracts: creation and numbering, instalments, currencies, the lifecycle,
// queries and the execution summary.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "contract/company.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/store/database.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;
using pactum::test::sales_spec;

namespace {

class ContractTest : public ::testing::Test {
 protected:
  void SetUp() override { test::add_company(db); }
  Database db{":memory:"};
};

void exec_sql(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
  sqlite3_close(raw);
}

}  // namespace

TEST_F(ContractTest, CreatingIssuesTheNumberFromTheDefaultRule) {
  const Contract c = db.create_contract(sales_spec());
  EXPECT_EQ(c.number, "HT-2024-SD-0001");
  EXPECT_EQ(c.numbering, "contract");
  EXPECT_EQ(c.status, ContractStatus::draft);
  EXPECT_EQ(c.department, "SD");
  EXPECT_EQ(c.owner, "E1");
  EXPECT_EQ(c.amount, cny("1000000"));
  EXPECT_EQ(c.reporting_amount, cny("1000000"));
  EXPECT_EQ(c.exchange_rate, Decimal(1));
  EXPECT_EQ(c.start, d("2024-01-10"));
  EXPECT_EQ(db.create_contract(sales_spec()).number, "HT-2024-SD-0002");
  auto next_year = sales_spec();
  next_year.signed_on = d("2025-02-01");
  next_year.end = d("2025-12-31");
  next_year.delivery_due = std::nullopt;
  EXPECT_EQ(db.create_contract(next_year).number, "HT-2025-SD-0001");
  EXPECT_EQ(db.numbering_rule("contract").pattern, std::string(kDefaultContractPattern));
  EXPECT_EQ(db.issued_number("HT-2024-SD-0001").owner, std::optional<std::string>("contract:1"));
}

TEST_F(ContractTest, NumberingFieldsComeFromTheDirectoryUnlessGiven) {
  db.define_numbering("named", "HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  auto spec = sales_spec();
  spec.numbering = "named";
  EXPECT_EQ(db.create_contract(spec).number, "HT-2024-销售部-张三-001");
  db.define_numbering("typed", "{type}-{year}-{dept}-{employee}-{seq:3}");
  spec.numbering = "typed";
  spec.fields = {{"type", "XSC"}};
  EXPECT_EQ(db.create_contract(spec).number, "XSC-2024-SD-E1-001");
  spec.fields = {{"region", "north"}};  // not a field of the pattern
  EXPECT_THROW(db.create_contract(spec), ValidationError);
}

TEST_F(ContractTest, AContractKeepsTheDepartmentItWasSignedIn) {
  db.transfer("E1", "HR", std::nullopt, d("2024-02-01"));
  const Contract before = db.create_contract(sales_spec());
  auto later = sales_spec();
  later.signed_on = d("2024-02-15");
  const Contract after = db.create_contract(later);
  EXPECT_EQ(before.department, "SD");
  EXPECT_EQ(after.department, "HR");
  EXPECT_EQ(after.number, "HT-2024-HR-0001");
  EXPECT_EQ(db.contract(before.id).department, "SD");
}

TEST(ContractAtomicityTest, AFailedInsertGivesTheNumberBackAndChangesNothing) {
  test::TempDir dir;
  const std::string path = dir.file("atomic.db");
  {
    Database db(path);
    test::add_company(db);
  }
  // Make the contract insert itself fail, after the number was issued.
  exec_sql(path,
           "CREATE TRIGGER fail_insert BEFORE INSERT ON contracts WHEN NEW.counterparty = 'FAIL' "
           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  Database db(path);
  const std::string before = test::logical_dump(path);
  auto spec = sales_spec();
  spec.counterparty = "FAIL";
  EXPECT_THROW(db.create_contract(spec), StorageError);
  EXPECT_EQ(test::logical_dump(path), before);
  EXPECT_EQ(db.create_contract(sales_spec()).number, "HT-2024-SD-0001");
  // Inside the caller's transaction: a rollback gives the number back too.
  {
    auto tx = db.transaction();
    EXPECT_EQ(db.create_contract(sales_spec()).number, "HT-2024-SD-0002");
    tx.rollback();
  }
  EXPECT_EQ(db.create_contract(sales_spec()).number, "HT-2024-SD-0002");
}

TEST_F(ContractTest, InstalmentsMustSumExactlyToTheAmount) {
  auto spec = sales_spec("1000.00");
  spec.installments = {{d("2024-02-01"), cny("300.00")}, {d("2024-03-01"), cny("600.00")}};
  try {
    db.create_contract(spec);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("100.00 short"), std::string::npos) << e.what();
  }
  spec.installments.push_back({d("2024-04-01"), cny("100.01")});
  try {
    db.create_contract(spec);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("0.01 more"), std::string::npos) << e.what();
  }
  spec.installments.back().amount = cny("100.00");
  // Given out of order, kept by due date.
  std::swap(spec.installments[0], spec.installments[2]);
  const Contract c = db.create_contract(spec);
  ASSERT_EQ(c.installments.size(), 3u);
  EXPECT_EQ(c.installments[0], (Installment{d("2024-02-01"), cny("300.00")}));
  EXPECT_EQ(c.installments[2], (Installment{d("2024-04-01"), cny("100.00")}));
}

TEST_F(ContractTest, WithoutInstalmentsTheWholeAmountIsDueOnDeliveryElseEndElseSigning) {
  auto spec = sales_spec("500.00");
  EXPECT_EQ(db.create_contract(spec).installments, (std::vector<Installment>{{d("2024-03-01"), cny("500.00")}}));
  spec.delivery_due = std::nullopt;
  EXPECT_EQ(db.create_contract(spec).installments, (std::vector<Installment>{{d("2024-12-31"), cny("500.00")}}));
  spec.end = std::nullopt;
  EXPECT_EQ(db.create_contract(spec).installments, (std::vector<Installment>{{d("2024-01-10"), cny("500.00")}}));
}

TEST_F(ContractTest, ForeignCurrencyIsConvertedAtTheRateOfTheSigningDate) {
  db.set_exchange_rate("USD", Decimal::parse("7.10"), d("2024-01-01"));
  db.set_exchange_rate("USD", Decimal::parse("7.2345"), d("2024-02-01"));
  auto spec = sales_spec("1000.00");
  spec.amount = Money::parse("1000.01", "USD");
  spec.installments = {};
  const Contract jan = db.create_contract(spec);
  EXPECT_EQ(jan.exchange_rate, Decimal::parse("7.10"));
  EXPECT_EQ(jan.reporting_amount, cny("7100.07"));  // 7100.071 rounded to the fen
  spec.signed_on = d("2024-02-01");
  const Contract feb = db.create_contract(spec);
  EXPECT_EQ(feb.reporting_amount, cny("7234.57"));  // 7234.572345
  EXPECT_EQ(db.exchange_rate("USD", d("2024-01-31")), Decimal::parse("7.10"));
  // A later correction of the rate does not touch signed contracts.
  db.set_exchange_rate("USD", Decimal::parse("7.00"), d("2024-01-01"));
  EXPECT_EQ(db.contract(jan.id).reporting_amount, cny("7100.07"));
  spec.signed_on = d("2023-12-31");
  try {
    db.create_contract(spec);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.code(), Errc::currency_mismatch);
    EXPECT_NE(std::string(e.what()).find("USD"), std::string::npos);
  }
  EXPECT_THROW(db.set_exchange_rate("CNY", Decimal(2), d("2024-01-01")), ValidationError);
  EXPECT_THROW(db.set_exchange_rate("USD", Decimal(0), d("2024-01-01")), ValidationError);
}

TEST_F(ContractTest, JapaneseYenRoundsToWholeUnits) {
  Database jpy(":memory:", OpenOptions{Lang::en, std::string("JPY"), Durability::full, 30000});
  test::add_company(jpy);
  jpy.set_exchange_rate("CNY", Decimal::parse("20.5"), d("2024-01-01"));
  const Contract c = jpy.create_contract(sales_spec("100.03"));
  EXPECT_EQ(c.reporting_amount, Money::parse("2051", "JPY"));  // 2050.615
}

TEST_F(ContractTest, AttributesAreTyped) {
  auto spec = sales_spec();
  spec.attributes = {{"budget", AttributeValue(cny("120000.00"))},
                     {"actual", AttributeValue(cny("100000.00"))},
                     {"progress", AttributeValue(Decimal::parse("0.35"))},
                     {"region", AttributeValue("华东")},
                     {"kickoff", AttributeValue(d("2024-01-15"))},
                     {"framework", AttributeValue(true)}};
  const Contract c = db.create_contract(spec);
  EXPECT_EQ(c.attributes, spec.attributes);
  EXPECT_EQ(db.contract(c.number).attributes.at("budget").money(), cny("120000"));
  EXPECT_THROW(c.attributes.at("region").money(), ValidationError);
  EXPECT_EQ(AttributeValue::parse(AttributeType::money, "12.50 USD"), AttributeValue(Money::parse("12.5", "USD")));
  EXPECT_THROW(AttributeValue::parse(AttributeType::boolean, "yes"), ValidationError);
}

TEST_F(ContractTest, ExternalIdMakesCreationIdempotent) {
  auto spec = sales_spec();
  spec.external_id = "ERP-7";
  const Contract first = db.create_contract(spec);
  const Contract again = db.create_contract(spec);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(db.find_contracts().size(), 1u);
  spec.amount = cny("999.00");
  try {
    db.create_contract(spec);
    FAIL();
  } catch (const ConflictError& e) {
    EXPECT_NE(std::string(e.what()).find("ERP-7"), std::string::npos);
  }
  // An amendment later does not make the original request a conflict.
  db.activate(first.id, d("2024-01-10"));
  Amendment a;
  a.end = d("2025-06-30");
  db.amend(first.id, "extension", a, d("2024-05-01"));
  spec.amount = cny("1000000.00");
  EXPECT_EQ(db.create_contract(spec).id, first.id);
}

TEST_F(ContractTest, TheLifecycleFollowsTheStatusMachine) {
  const Contract c = db.create_contract(sales_spec());
  EXPECT_THROW(db.complete(c.id, d("2024-02-01")), StateError);
  EXPECT_THROW(db.activate(c.id, d("2024-01-09")), ValidationError);  // before signing
  const Event activated = db.activate(c.number, d("2024-01-12"), std::string("E3"));
  EXPECT_EQ(activated.type, EventType::activated);
  EXPECT_EQ(activated.actor, std::optional<std::string>("E3"));
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::active);
  EXPECT_EQ(db.contract(c.id).activated_on, std::optional<Date>(d("2024-01-12")));
  EXPECT_THROW(db.activate(c.id, d("2024-01-12")), StateError);
  EXPECT_THROW(db.terminate(c.id, "late", d("2024-01-11")), ValidationError);  // before activation
  EXPECT_THROW(db.terminate(c.id, "", d("2024-02-11")), ValidationError);     // a reason is required
  const Event terminated = db.terminate(c.id, "客户破产", d("2024-06-30"));
  EXPECT_EQ(terminated.reason, std::optional<std::string>("客户破产"));
  const Contract closed = db.contract(c.id);
  EXPECT_EQ(closed.status, ContractStatus::terminated);
  EXPECT_EQ(closed.closed_on, std::optional<Date>(d("2024-06-30")));
  EXPECT_THROW(db.complete(c.id, d("2024-07-01")), StateError);
  const auto log = db.events(c.id);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].type, EventType::created);
  EXPECT_EQ(log[0].effective, d("2024-01-10"));
  EXPECT_EQ(log[0].amount, std::optional<Money>(cny("1000000")));
  EXPECT_EQ(log[1].type, EventType::activated);
  EXPECT_EQ(log[2].type, EventType::terminated);
  EXPECT_LT(log[0].seq, log[1].seq);
  EXPECT_LT(log[1].seq, log[2].seq);
}

TEST(ContractStatusTest, TheTransitionTableIsTheMachineOfTheDesign) {
  using S = ContractStatus;
  using T = ContractTransition;
  EXPECT_EQ(next_status(S::draft, T::submit), S::pending_approval);
  EXPECT_EQ(next_status(S::pending_approval, T::approve), S::active);
  EXPECT_EQ(next_status(S::pending_approval, T::reject), S::rejected);
  EXPECT_EQ(next_status(S::pending_approval, T::withdraw), S::draft);
  EXPECT_EQ(next_status(S::rejected, T::submit), S::pending_approval);
  EXPECT_EQ(next_status(S::draft, T::activate), S::active);
  for (T t : {T::complete, T::terminate, T::breach, T::expire}) {
    EXPECT_TRUE(next_status(S::active, t)) << contract_transition_name(t);
    EXPECT_FALSE(next_status(S::draft, t)) << contract_transition_name(t);
    EXPECT_FALSE(next_status(S::completed, t)) << contract_transition_name(t);
  }
  EXPECT_FALSE(next_status(S::active, T::activate));
  EXPECT_THROW(apply_transition(S::terminated, T::complete), StateError);
  for (const auto& row : contract_transition_table()) {
    EXPECT_EQ(parse_contract_status(contract_status_name(row.from)), row.from);
    EXPECT_EQ(parse_contract_transition(contract_transition_name(row.transition)), row.transition);
  }
  EXPECT_THROW(parse_contract_status("archived"), ValidationError);
}

TEST_F(ContractTest, AmendmentsChangeTermsAndAreEvents) {
  auto spec = sales_spec("1000.00");
  spec.attributes = {{"budget", AttributeValue(cny("900.00"))}};
  const Contract c = db.create_contract(spec);
  db.activate(c.id, d("2024-01-10"));
  Amendment a;
  a.end = d("2025-06-30");
  a.delivery_due = d("2024-04-01");
  a.set_attributes = {{"actual", AttributeValue(cny("850.00"))}};
  a.remove_attributes = {"budget"};
  const Event e = db.amend(c.id, "客户要求延期", a, d("2024-02-01"));
  EXPECT_EQ(e.type, EventType::amended);
  EXPECT_EQ(e.reason, std::optional<std::string>("客户要求延期"));
  EXPECT_NE(e.payload.find("\"end\":{\"from\":\"2024-12-31\",\"to\":\"2025-06-30\"}"), std::string::npos) << e.payload;
  const Contract after = db.contract(c.id);
  EXPECT_EQ(after.end, std::optional<Date>(d("2025-06-30")));
  EXPECT_EQ(after.delivery_due, std::optional<Date>(d("2024-04-01")));
  EXPECT_FALSE(after.attributes.contains("budget"));
  EXPECT_EQ(after.attributes.at("actual").money(), cny("850"));

  Amendment amount_only;
  amount_only.amount = cny("1200.00");
  EXPECT_THROW(db.amend(c.id, "more", amount_only, d("2024-02-02")), ValidationError);
  Amendment with_schedule = amount_only;
  with_schedule.installments = std::vector<Installment>{{d("2024-03-01"), cny("600.00")}, {d("2024-06-01"), cny("600.00")}};
  db.amend(c.id, "more scope", with_schedule, d("2024-02-02"));
  EXPECT_EQ(db.contract(c.id).amount, cny("1200"));
  EXPECT_EQ(db.contract(c.id).installments.size(), 2u);
  EXPECT_EQ(db.execution(c.id, d("2024-12-31")).amendments, 2);
  EXPECT_THROW(db.amend(c.id, "nothing", Amendment{}, d("2024-02-03")), ValidationError);
  db.record_payment(c.id, cny("700.00"), d("2024-03-01"), "P1");
  Amendment lower;
  lower.amount = cny("600.00");
  lower.installments = std::vector<Installment>{{d("2024-03-01"), cny("600.00")}};
  EXPECT_THROW(db.amend(c.id, "cut", lower, d("2024-04-01")), ValidationError);  // below collected
  db.complete(c.id, d("2024-06-30"));
  EXPECT_THROW(db.amend(c.id, "late", a, d("2024-07-01")), StateError);
}

TEST_F(ContractTest, RenewalCreatesOneLinkedSuccessor) {
  const Contract c = db.create_contract(sales_spec());
  RenewalSpec r;
  r.signed_on = d("2024-12-15");
  EXPECT_THROW(db.renew(c.id, r), StateError);  // a draft is not renewed
  db.activate(c.id, d("2024-01-10"));
  const Contract next = db.renew(c.id, r);
  EXPECT_EQ(next.renews, std::optional<std::int64_t>(c.id));
  EXPECT_EQ(next.status, ContractStatus::draft);
  EXPECT_EQ(next.number, "HT-2024-SD-0002");
  EXPECT_EQ(next.start, d("2025-01-01"));
  ASSERT_TRUE(next.end);
  EXPECT_EQ(days_between(next.start, *next.end), days_between(c.start, *c.end));  // the same term
  EXPECT_EQ(next.counterparty, c.counterparty);
  EXPECT_EQ(next.amount, c.amount);
  EXPECT_EQ(db.contract(c.id).renewed_by, std::optional<std::int64_t>(next.id));
  const auto log = db.events(c.id);
  ASSERT_EQ(log.back().type, EventType::renewed);
  EXPECT_EQ(log.back().value, std::optional<std::int64_t>(next.id));
  EXPECT_EQ(db.event(*log.back().ref).contract, std::optional<std::int64_t>(next.id));
  EXPECT_THROW(db.renew(c.id, r), ConflictError);
}

TEST_F(ContractTest, FindContractsByEveryCriterion) {
  const Contract a = db.create_contract(sales_spec());
  auto other = sales_spec();
  other.owner = "E3";
  other.counterparty = "100% 纯_棉";
  other.type = "procurement";
  const Contract b = db.create_contract(other);
  db.activate(a.id, d("2024-01-10"));
  EXPECT_EQ(db.find_contracts().size(), 2u);
  auto ids = [&](ContractFilter f) {
    std::vector<std::int64_t> out;
    for (const Contract& c : db.find_contracts(f)) out.push_back(c.id);
    return out;
  };
  ContractFilter f;
  f.owner = "E3";
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{b.id});
  f = {};
  f.department = "HR";
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{b.id});
  f = {};
  f.status = ContractStatus::active;
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{a.id});
  f = {};
  f.counterparty = "100% 纯_棉";
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{b.id});
  f.counterparty = "100_ 纯%棉";  // no pattern matching: exact names only
  EXPECT_TRUE(ids(f).empty());
  f = {};
  f.number_prefix = "HT-2024-SD";
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{a.id});
  f.number_prefix = "HT-2024";
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{a.id, b.id}));
  f.limit = 1;
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{a.id});
  f.after = a.id;
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{b.id});
  f = {};
  f.type = "procurement";
  f.owner = "E3";
  EXPECT_EQ(ids(f), std::vector<std::int64_t>{b.id});
  f.owner = "E1";
  EXPECT_TRUE(ids(f).empty());
  EXPECT_EQ(db.contract(b.number).id, b.id);
  EXPECT_THROW(db.contract("HT-2099-XX-0001"), NotFoundError);
  EXPECT_THROW(db.contract(999), NotFoundError);
}

TEST_F(ContractTest, ExecutionSummaryAsOfADate) {
  auto spec = sales_spec("1000.00");
  spec.installments = {{d("2024-02-01"), cny("300.00")}, {d("2024-03-01"), cny("300.00")}, {d("2024-04-01"), cny("400.00")}};
  const Contract c = db.create_contract(spec);
  db.activate(c.id, d("2024-01-10"));
  db.record_payment(c.id, cny("300.00"), d("2024-01-31"), "P1");
  db.record_payment(c.id, cny("200.00"), d("2024-03-01"), "P2");
  db.record_payment(c.id, cny("100.00"), d("2024-03-05"), "P3");
  db.record_delivery(c.id, false, {d("2024-03-04")});
  db.record_delivery(c.id, true, {d("2024-03-08")});
  db.record_satisfaction(c.id, 90, {d("2024-03-10")});
  db.record_satisfaction(c.id, 85, {d("2024-03-11")});

  const ExecutionSummary s = db.execution(c.id, d("2024-03-31"));
  EXPECT_EQ(s.collected, cny("600.00"));
  EXPECT_EQ(s.outstanding, cny("400.00"));
  EXPECT_EQ(s.collection_rate, Decimal::parse("0.600000"));
  EXPECT_EQ(s.collection_ratio, Ratio(3, 5));
  ASSERT_EQ(s.installments.size(), 3u);
  EXPECT_FALSE(s.installments[0].overdue);
  EXPECT_EQ(s.installments[0].paid_in_full_on, std::optional<Date>(d("2024-01-31")));
  // The second was short on its due date (200 of 300), paid in full later.
  EXPECT_TRUE(s.installments[1].overdue);
  EXPECT_EQ(s.installments[1].paid_by_due, cny("200.00"));
  EXPECT_EQ(s.installments[1].paid, cny("300.00"));
  EXPECT_EQ(s.installments[1].paid_in_full_on, std::optional<Date>(d("2024-03-05")));
  EXPECT_FALSE(s.installments[2].overdue);  // not due yet
  EXPECT_EQ(s.overdue_installments, 1);
  EXPECT_EQ(s.delivered_on, std::optional<Date>(d("2024-03-08")));
  EXPECT_EQ(s.failed_deliveries, 1);
  EXPECT_EQ(s.delivery_late_days, std::optional<std::int64_t>(7));
  EXPECT_EQ(s.satisfaction_count, 2);
  EXPECT_EQ(s.satisfaction_average, std::optional<Decimal>(Decimal::parse("87.50")));

  const ExecutionSummary early = db.execution(c.id, d("2024-02-15"));
  EXPECT_EQ(early.collected, cny("300.00"));
  EXPECT_EQ(early.delivery_late_days, std::optional<std::int64_t>(0));
  EXPECT_FALSE(early.delivered_on);
  EXPECT_EQ(db.execution(c.id, d("2024-03-06")).delivery_late_days, std::optional<std::int64_t>(5));
  EXPECT_EQ(db.execution(c.id, d("2024-04-02")).overdue_installments, 2);
}

// The as-of date is the end of that day (as in the KPI rule book): an
// instalment due on it has passed, and a payment effective on it is on time.
TEST_F(ContractTest, AnInstalmentDueOnTheAsOfDateHasPassed) {
  auto spec = sales_spec("1000.00");
  spec.installments = {{d("2024-02-01"), cny("400.00")}, {d("2024-03-01"), cny("600.00")}};
  const Contract c = db.create_contract(spec);
  db.activate(c.id, d("2024-01-10"));
  db.record_payment(c.id, cny("400.00"), d("2024-02-01"), "P1");

  const ExecutionSummary on_first = db.execution(c.id, d("2024-02-01"));
  EXPECT_FALSE(on_first.installments[0].overdue);  // paid on its due date
  EXPECT_EQ(on_first.overdue_installments, 0);

  const ExecutionSummary day_before = db.execution(c.id, d("2024-02-29"));
  EXPECT_FALSE(day_before.installments[1].overdue);
  const ExecutionSummary on_second = db.execution(c.id, d("2024-03-01"));
  EXPECT_TRUE(on_second.installments[1].overdue);  // due that day, unpaid at its end
  EXPECT_EQ(on_second.overdue_installments, 1);
  EXPECT_EQ(on_second.installments[1].paid_by_due, cny("0.00"));
}

TEST_F(ContractTest, AReversalTakesBackExactlyWhatItsPaymentAdded) {
  const Contract c = test::active_contract(db, "1000.00");
  db.record_payment(c.id, cny("1000.00"), d("2024-02-20"), "P1");
  EXPECT_EQ(db.execution(c.id, d("2024-03-01")).installments[0].paid_in_full_on, std::optional<Date>(d("2024-02-20")));
  db.reverse_payment("P1", d("2024-03-10"));
  const ExecutionSummary before = db.execution(c.id, d("2024-03-09"));
  const ExecutionSummary after = db.execution(c.id, d("2024-03-10"));
  EXPECT_EQ(before.collected, cny("1000.00"));
  EXPECT_EQ(after.collected, cny("0.00"));
  EXPECT_FALSE(after.installments[0].paid_in_full_on);
  // Paid by its due date (2024-03-01): a later reversal does not make it overdue.
  EXPECT_FALSE(after.installments[0].overdue);
  EXPECT_EQ(db.contract(c.id).collected, cny("0"));
}
