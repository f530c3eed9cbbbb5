// The storage interface's conformance suite, the records of contracts
// (src/store/backend_contracts.hpp, ContractRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;
using conformance::day;
using conformance::event_of;

namespace {

class ContractRecordsConformance : public StorageConformance {
 protected:
  store::ContractRecords& records(int h = 0) { return s(h).contracts(); }

  // A new contract after those stored, with an id and number of its own.
  Contract new_contract(const char* number, const char* currency = "CNY") {
    Contract c;
    c.id = records().next_id();
    c.number = number;
    c.numbering = "default";
    c.type = "sales";
    c.status = ContractStatus::draft;
    c.owner = "E1";
    c.signer = "E1";
    c.department = "SD";
    c.counterparty = "华东机电";
    c.amount = Money::parse("300.00", currency);
    c.reporting_amount = Money::parse("300.00", "CNY");
    c.exchange_rate = Decimal::parse("1");
    c.signed_on = Date::parse("2024-03-01");
    c.start = Date::parse("2024-03-01");
    c.installments = {{Date::parse("2024-04-01"), Money::parse("100.00", currency)},
                      {Date::parse("2024-05-01"), Money::parse("200.00", currency)}};
    c.collected = Money::parse("0.00", currency);
    return c;
  }

  // new_contract(), stored.
  Contract stored_contract(const char* number, const char* currency = "CNY") {
    Contract c = new_contract(number, currency);
    records().insert_contract(c);
    return c;
  }

  // A second employee, E2.
  void add_e2() { s().org().insert_employee({"E2", "李四", std::nullopt, std::nullopt, std::nullopt}); }
};



}  // namespace

TEST_P(ContractRecordsConformance, AContractIsStoredAsGivenAndReadBackWhole) {
  const std::int64_t first = backend_->contract("USD");
  s().begin();
  EXPECT_EQ(records().next_id(), first + 1);
  EXPECT_FALSE(records().contract(first + 1).has_value());
  EXPECT_FALSE(records().row(first + 1).has_value());
  EXPECT_FALSE(records().row_by_number("C-absent").has_value());

  Contract c = new_contract("C-2024-9001", "USD");
  EXPECT_EQ(c.id, first + 1);
  c.external_id = "erp-1";
  c.type = "procurement";
  c.status = ContractStatus::active;
  c.key_account = true;
  c.amount = Money::parse("1200.00", "USD");
  c.reporting_amount = Money::parse("8520.00", "CNY");
  c.exchange_rate = Decimal::parse("7.1");
  c.signed_on = day("2024-02-01");
  c.start = day("2024-02-10");
  c.end = day("2024-12-31");
  c.delivery_due = day("2024-06-30");
  c.activated_on = day("2024-02-10");
  c.installments = {{day("2024-05-01"), Money::parse("200.00", "USD")},
                    {day("2024-03-01"), Money::parse("1000.00", "USD")}};  // kept in the given order
  c.attributes = {{"budget", AttributeValue(Money::parse("5.00", "CNY"))},
                  {"note", AttributeValue("急")},
                  {"review", AttributeValue(day("2024-09-01"))},
                  {"urgent", AttributeValue(true)}};
  c.renews = first;
  c.collected = Money::parse("150.00", "USD");
  records().insert_contract(c);

  Contract expected = c;
  EXPECT_EQ(records().contract(c.id), expected);
  expected = *records().contract(first);
  EXPECT_EQ(expected.renewed_by, c.id);  // from the successor's renews
  EXPECT_EQ(records().next_id(), c.id + 1);

  const store::ContractRow row{c.id,  c.number, ContractStatus::active, Currency::of("USD"), 12000000, 1500000,
                               day("2024-02-01"), day("2024-02-10"), std::nullopt};
  EXPECT_EQ(records().row(c.id), row);
  EXPECT_EQ(records().row_by_number("C-2024-9001"), row);
  EXPECT_EQ(records().id_by_external_id("erp-1"), c.id);
  EXPECT_FALSE(records().id_by_external_id("erp-2").has_value());
  EXPECT_EQ(records().owner(c.id), "E1");

  // The terms alone: no numbering, external id, signer, attributes, renewals nor collections.
  Contract terms = c;
  terms.numbering.clear();
  terms.external_id.reset();
  terms.signer.clear();
  terms.attributes.clear();
  terms.renews.reset();
  terms.collected = Money();
  EXPECT_EQ(records().terms(c.id), terms);
  EXPECT_FALSE(records().terms(c.id + 1).has_value());
  s().commit();
  EXPECT_EQ(s(1).contracts().row(c.id), row);

  s().begin();
  const Contract d = stored_contract("C-2024-9002");
  EXPECT_TRUE(records().contract(d.id).has_value());
  s().rollback();  // nothing of it stays
  s().begin();
  EXPECT_FALSE(records().contract(d.id).has_value());
  EXPECT_FALSE(records().row_by_number("C-2024-9002").has_value());
  EXPECT_EQ(records().next_id(), d.id);
  s().commit();
}

TEST_P(ContractRecordsConformance, StatusDatesTermsOwnerAndCollectedAreStoredAsGiven) {
  s().begin();
  Contract c = stored_contract("C-1");
  records().store_activation(c.id, ContractStatus::active, day("2024-03-05"));
  c.status = ContractStatus::active;
  c.activated_on = day("2024-03-05");
  EXPECT_EQ(records().contract(c.id), c);
  records().store_status(c.id, ContractStatus::breached);
  records().store_closing(c.id, ContractStatus::terminated, day("2024-08-01"));
  c.status = ContractStatus::terminated;
  c.closed_on = day("2024-08-01");
  EXPECT_EQ(records().contract(c.id), c);

  Contract amended = c;
  amended.start = day("2024-03-10");
  amended.end = day("2025-03-09");
  amended.delivery_due = day("2024-09-30");
  amended.counterparty = "华南机电";
  amended.key_account = true;
  amended.amount = Money::parse("400.00", "CNY");
  amended.reporting_amount = Money::parse("400.00", "CNY");
  amended.type = "other";  // not an amendable term: left as stored
  amended.number = "C-x";
  records().store_terms(amended);
  amended.type = c.type;
  amended.number = c.number;
  EXPECT_EQ(records().contract(c.id), amended);
  amended.end.reset();
  amended.delivery_due.reset();
  records().store_terms(amended);
  EXPECT_EQ(records().contract(c.id), amended);

  add_e2();
  records().store_owner(c.id, "E2");
  EXPECT_EQ(records().owner(c.id), "E2");
  EXPECT_EQ(records().contract(c.id)->signer, "E1");  // the signer stays
  records().store_owner(c.id, "E1");

  EXPECT_EQ(records().collected(c.id), 0);
  EXPECT_EQ(records().collected(c.id + 1), 0);  // none stored
  records().store_collected(c.id, 12345);
  EXPECT_EQ(records().collected(c.id), 12345);
  EXPECT_EQ(records().row(c.id)->collected, 12345);
  records().store_collected(c.id, -5);  // as given
  EXPECT_EQ(records().contract(c.id)->collected, Money::from_units(-5, Currency::of("CNY")));
  s().commit();

  s().begin();
  records().store_status(c.id, ContractStatus::completed);
  records().store_collected(c.id, 1);
  s().rollback();
  s().begin();
  EXPECT_EQ(records().row(c.id)->status, ContractStatus::terminated);
  EXPECT_EQ(records().collected(c.id), -5);
  s().commit();
}

TEST_P(ContractRecordsConformance, InstalmentsAndAttributesAreReplaced) {
  s().begin();
  Contract c = stored_contract("C-1");
  const std::vector<Installment> schedule{{day("2024-06-01"), Money::parse("300.00", "CNY")}};
  records().replace_installments(c.id, schedule);
  EXPECT_EQ(records().contract(c.id)->installments, schedule);
  EXPECT_EQ(records().terms(c.id)->installments, schedule);
  records().replace_installments(c.id, {});
  EXPECT_TRUE(records().contract(c.id)->installments.empty());

  records().store_attribute(c.id, "b", AttributeValue("一"));
  records().store_attribute(c.id, "a", AttributeValue(Decimal::parse("2.50")));
  records().store_attribute(c.id, "b", AttributeValue(day("2024-01-01")));  // replaced, with its type
  EXPECT_EQ(records().contract(c.id)->attributes,
            (Attributes{{"a", AttributeValue(Decimal::parse("2.50"))}, {"b", AttributeValue(day("2024-01-01"))}}));
  records().remove_attribute(c.id, "a");
  records().remove_attribute(c.id, "absent");
  EXPECT_EQ(records().contract(c.id)->attributes, (Attributes{{"b", AttributeValue(day("2024-01-01"))}}));
  s().commit();

  s().begin();
  records().replace_installments(c.id, schedule);
  records().store_attribute(c.id, "c", AttributeValue(false));
  s().rollback();
  s().begin();
  EXPECT_TRUE(records().contract(c.id)->installments.empty());
  EXPECT_EQ(records().contract(c.id)->attributes.size(), 1u);
  s().commit();
}

TEST_P(ContractRecordsConformance, FindMeetsEveryCriterionInIdOrder) {
  const std::int64_t first = backend_->contract("CNY");
  s().begin();
  const std::string first_number = records().row(first)->number;
  Contract a = stored_contract("X-2024-001");
  Contract b = stored_contract("X-2024-002", "USD");
  Contract c = stored_contract("X-2025-001");
  add_e2();
  records().store_activation(b.id, ContractStatus::active, day("2024-03-02"));
  records().store_owner(c.id, "E2");
  using Ids = std::vector<std::int64_t>;
  auto find = [&](auto&& set) {
    ContractFilter f;
    set(f);
    return records().find(f);
  };
  EXPECT_EQ(find([](ContractFilter&) {}), (Ids{first, a.id, b.id, c.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.number_prefix = "X-2024-"; }), (Ids{a.id, b.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.number_prefix = "X-"; f.owner = "E1"; }), (Ids{a.id, b.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.owner = "E2"; }), (Ids{c.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.status = ContractStatus::active; }), (Ids{b.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.department = "SD"; f.type = "sales"; f.limit = 2; }), (Ids{first, a.id}));
  EXPECT_EQ(find([&](ContractFilter& f) { f.counterparty = "华东机电"; f.after = a.id; f.limit = 1; }), (Ids{b.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.signed_from = day("2024-03-01"); f.signed_to = day("2024-03-01"); }),
            (Ids{a.id, b.id, c.id}));
  EXPECT_EQ(find([](ContractFilter& f) { f.signed_to = day("2024-02-29"); }), (Ids{first}));
  EXPECT_EQ(find([](ContractFilter& f) { f.type = "rent"; }), Ids{});
  EXPECT_EQ(find([&](ContractFilter& f) { f.number_prefix = first_number; }), (Ids{first}));
  s().rollback();
  s().begin();
  EXPECT_EQ(records().find(ContractFilter{}), (Ids{first}));
  s().commit();
}

TEST_P(ContractRecordsConformance, InForcePastEndAreThoseActiveOrBreachedNotRenewed) {
  s().begin();
  Contract a = stored_contract("C-a");
  Contract b = stored_contract("C-b");
  Contract c = stored_contract("C-c");
  Contract d = stored_contract("C-d");
  for (Contract* x : {&a, &b, &c, &d}) {
    x->end = day("2024-06-30");
    records().store_terms(*x);
  }
  c.end = day("2024-05-31");
  records().store_terms(c);
  records().store_activation(a.id, ContractStatus::active, day("2024-03-01"));
  records().store_activation(b.id, ContractStatus::active, day("2024-03-01"));
  records().store_status(b.id, ContractStatus::breached);
  records().store_activation(c.id, ContractStatus::active, day("2024-03-01"));
  // d stays a draft.
  using Past = std::vector<store::PastEndRecord>;
  EXPECT_EQ(records().in_force_past_end(day("2024-06-30")), (Past{{c.id, day("2024-05-31"), ContractStatus::active}}));
  EXPECT_EQ(records().in_force_past_end(day("2024-07-01")),
            (Past{{c.id, day("2024-05-31"), ContractStatus::active},
                  {a.id, day("2024-06-30"), ContractStatus::active},
                  {b.id, day("2024-06-30"), ContractStatus::breached}}));  // by end date, then id
  Contract successor = new_contract("C-a2");
  successor.renews = a.id;  // a is renewed: no longer listed
  records().insert_contract(successor);
  records().store_closing(c.id, ContractStatus::expired, day("2024-05-31"));
  EXPECT_EQ(records().in_force_past_end(day("2024-07-01")),
            (Past{{b.id, day("2024-06-30"), ContractStatus::breached}}));
  s().commit();
}

TEST_P(ContractRecordsConformance, HandoversAndRatesAsOfADate) {
  const std::int64_t id = backend_->contract("CNY");
  s().begin();
  EXPECT_FALSE(records().last_handover(id).has_value());
  records().insert_handover(id, 10, day("2024-05-01"), "E1", "E1");
  records().insert_handover(id, 11, day("2024-04-01"), "E1", "E1");
  EXPECT_EQ(records().last_handover(id), day("2024-05-01"));  // the latest date, whatever the order
  EXPECT_FALSE(records().last_handover(id + 1).has_value());
  s().rollback();
  s().begin();
  EXPECT_FALSE(records().last_handover(id).has_value());

  // The backend set USD at 7.1 from 2024-01-01.
  EXPECT_EQ(records().rate_on("USD", day("2024-01-01")), Decimal::parse("7.1"));
  EXPECT_FALSE(records().rate_on("USD", day("2023-12-31")).has_value());
  EXPECT_FALSE(records().rate_on("EUR", day("2024-06-01")).has_value());
  records().store_rate("USD", day("2024-06-01"), Decimal::parse("7.2"));
  records().store_rate("EUR", day("2024-06-01"), Decimal::parse("7.8"));
  EXPECT_EQ(records().rate_on("USD", day("2024-05-31")), Decimal::parse("7.1"));
  EXPECT_EQ(records().rate_on("USD", day("2024-06-01")), Decimal::parse("7.2"));
  records().store_rate("USD", day("2024-06-01"), Decimal::parse("7.25"));  // the same date: replaced
  EXPECT_EQ(records().rate_on("USD", day("2030-01-01")), Decimal::parse("7.25"));
  EXPECT_EQ(records().rate_on("EUR", day("2024-06-01")), Decimal::parse("7.8"));
  s().commit();
  s().begin();
  records().store_rate("USD", day("2024-07-01"), Decimal::parse("9"));
  s().rollback();
  s().begin();
  EXPECT_EQ(records().rate_on("USD", day("2024-07-01")), Decimal::parse("7.25"));
  s().commit();
}

TEST_P(ContractRecordsConformance, TheLogIsReadByTypeRefAndDate) {
  const std::int64_t a = backend_->contract("CNY");
  const std::int64_t b = backend_->contract("CNY");
  s().begin();
  const std::int64_t created_a = *records().first_event(a, EventType::created);
  EXPECT_LT(created_a, *records().first_event(b, EventType::created));
  EXPECT_FALSE(records().first_event(a, EventType::payment_received).has_value());
  store::NewEvent pay = event_of(EventType::payment_received, a, "2024-03-01");
  pay.amount = 100;
  const std::int64_t p1 = *s().append_event(pay, "2024-03-01T00:00:00.000Z");
  const std::int64_t p2 = *s().append_event(pay, "2024-03-02T00:00:00.000Z");
  EXPECT_EQ(records().first_event(a, EventType::payment_received), p1);  // the first by sequence
  EXPECT_FALSE(records().first_event(b, EventType::payment_received).has_value());

  store::NewEvent reversal = event_of(EventType::payment_reversed, a, "2024-03-05");
  reversal.amount = -100;
  reversal.ref = p2;
  const std::int64_t r2 = *s().append_event(reversal, "2024-03-05T00:00:00.000Z");
  EXPECT_EQ(records().event_with_ref(EventType::payment_reversed, p2), r2);
  EXPECT_FALSE(records().event_with_ref(EventType::payment_reversed, p1).has_value());
  EXPECT_FALSE(records().event_with_ref(EventType::renewed, p2).has_value());

  const std::int64_t c1 = *s().append_event(event_of(EventType::clock_advanced, std::nullopt, "2024-04-01"), "x");
  const std::int64_t c2 = *s().append_event(event_of(EventType::clock_advanced, std::nullopt, "2024-04-01"), "y");
  s().append_event(event_of(EventType::clock_advanced, std::nullopt, "2024-04-02"), "z");
  EXPECT_LT(c1, c2);
  EXPECT_EQ(records().last_event_on(EventType::clock_advanced, day("2024-04-01")), c2);  // the last by sequence
  EXPECT_FALSE(records().last_event_on(EventType::clock_advanced, day("2024-03-31")).has_value());
  EXPECT_FALSE(records().last_event_on(EventType::payment_received, day("2024-04-01")).has_value());
  s().rollback();
  s().begin();
  EXPECT_FALSE(records().first_event(a, EventType::payment_received).has_value());
  EXPECT_EQ(records().first_event(a, EventType::created), created_a);
  s().commit();
}

PACTUM_CONFORMANCE_SUITE(ContractRecordsConformance);
