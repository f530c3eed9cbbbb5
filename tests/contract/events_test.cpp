// The event log: idempotent payments, reversals, deliveries, satisfaction,
// disputes, breaches, the clock, and scans.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "pactum/store/documents.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;

namespace {

class EventTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::add_company(db);
    c = test::active_contract(db, "1000.00");
  }
  Database db{":memory:"};
  Contract c;
};

}  // namespace

TEST_F(EventTest, APaymentIsAnEventWithTypedColumns) {
  const Event e = db.record_payment(c.number, cny("300.00"), d("2024-02-01"), "BANK-1", "finance", false,
                                    std::string("出纳"));
  EXPECT_EQ(e.type, EventType::payment_received);
  EXPECT_EQ(e.contract, std::optional<std::int64_t>(c.id));
  EXPECT_EQ(e.amount, std::optional<Money>(cny("300.00")));
  EXPECT_EQ(e.effective, d("2024-02-01"));
  EXPECT_EQ(e.source, "finance");
  EXPECT_EQ(e.key, std::optional<std::string>("BANK-1"));
  EXPECT_EQ(e.actor, std::optional<std::string>("出纳"));
  EXPECT_EQ(e.recorded_at.size(), 24u);
  EXPECT_EQ(db.event(e.seq), e);
  EXPECT_EQ(db.contract(c.id).collected, cny("300.00"));
  EXPECT_EQ(db.last_event_seq(), e.seq);
}

TEST_F(EventTest, TheSamePaymentTwiceChangesNothing) {
  const Event first = db.record_payment(c.id, cny("300.00"), d("2024-02-01"), "BANK-1");
  const std::int64_t seq = db.last_event_seq();
  const Event again = db.record_payment(c.id, cny("300.00"), d("2024-02-01"), "BANK-1");
  EXPECT_EQ(again, first);
  EXPECT_EQ(db.last_event_seq(), seq);
  EXPECT_EQ(db.contract(c.id).collected, cny("300.00"));
  // Without a date the retry matches whatever date the first one had.
  EXPECT_EQ(db.record_payment(c.id, cny("300.00"), std::nullopt, "BANK-1"), first);
  // The same key from another source is another payment.
  db.record_payment(c.id, cny("300.00"), d("2024-02-01"), "BANK-1", "bank-feed");
  EXPECT_EQ(db.contract(c.id).collected, cny("600.00"));
}

TEST_F(EventTest, TheSameKeyWithOtherContentIsAConflictNamingTheKey) {
  db.record_payment(c.id, cny("300.00"), d("2024-02-01"), "BANK-1");
  const std::int64_t seq = db.last_event_seq();
  for (auto call : std::vector<std::function<void()>>{
           [&] { db.record_payment(c.id, cny("300.01"), d("2024-02-01"), "BANK-1"); },
           [&] { db.record_payment(c.id, cny("300.00"), d("2024-02-02"), "BANK-1"); },
       }) {
    try {
      call();
      FAIL() << "no conflict";
    } catch (const ConflictError& e) {
      EXPECT_EQ(e.code(), Errc::conflict);
      EXPECT_NE(std::string(e.what()).find("BANK-1"), std::string::npos) << e.what();
      EXPECT_NE(e.message(Lang::zh_CN).find("BANK-1"), std::string::npos);
    }
  }
  EXPECT_EQ(db.last_event_seq(), seq);
  EXPECT_EQ(db.contract(c.id).collected, cny("300.00"));
}

TEST_F(EventTest, ARetryOfTheSettlingPaymentIsStillANoOp) {
  const Event first = db.record_payment(c.id, cny("1000.00"), d("2024-02-01"), "ALL");
  // Nothing is outstanding any more, yet the retry is recognised.
  EXPECT_EQ(db.record_payment(c.id, cny("1000.00"), d("2024-02-01"), "ALL"), first);
  EXPECT_THROW(db.record_payment(c.id, cny("1.00"), d("2024-02-01"), "MORE"), ValidationError);
  db.record_payment(c.id, cny("1.00"), d("2024-02-01"), "MORE", "finance", true);
  EXPECT_EQ(db.execution(c.id, d("2024-12-31")).outstanding, cny("-1.00"));
}

TEST_F(EventTest, ReversalsReferToThePaymentBySourceAndRef) {
  const Event paid = db.record_payment(c.id, cny("400.00"), d("2024-02-01"), "P1");
  const Event reversed = db.reverse_payment("P1", d("2024-02-05"));
  EXPECT_EQ(reversed.type, EventType::payment_reversed);
  EXPECT_EQ(reversed.ref, std::optional<std::int64_t>(paid.seq));
  EXPECT_EQ(reversed.amount, std::optional<Money>(cny("-400.00")));
  EXPECT_EQ(db.contract(c.id).collected, cny("0"));
  // Again: the first reversal; on another date: a conflict.
  EXPECT_EQ(db.reverse_payment("P1", d("2024-02-05")), reversed);
  EXPECT_EQ(db.reverse_payment("P1"), reversed);
  EXPECT_THROW(db.reverse_payment("P1", d("2024-02-06")), ConflictError);
  EXPECT_THROW(db.reverse_payment("P1", d("2024-02-05"), "bank-feed"), NotFoundError);
  EXPECT_THROW(db.reverse_payment("NOPE", d("2024-02-05")), NotFoundError);
  db.record_payment(c.id, cny("100.00"), d("2024-03-01"), "P2");
  EXPECT_THROW(db.reverse_payment("P2", d("2024-02-28")), ValidationError);  // before the payment
  EXPECT_EQ(db.contract(c.id).collected, cny("100.00"));
}

TEST_F(EventTest, DeliveriesSatisfactionDisputesAndBreaches) {
  const Event failed = db.record_delivery(c.id, false, {d("2024-02-25")}, std::string("划痕"));
  EXPECT_EQ(failed.value, std::optional<std::int64_t>(0));
  EXPECT_EQ(failed.reason, std::optional<std::string>("划痕"));
  EXPECT_EQ(db.record_delivery(c.id, true, {d("2024-02-28")}).value, std::optional<std::int64_t>(1));
  EXPECT_EQ(db.record_satisfaction(c.id, 0, {d("2024-03-01")}).value, std::optional<std::int64_t>(0));
  EXPECT_EQ(db.record_satisfaction(c.id, 100, {d("2024-03-01")}).value, std::optional<std::int64_t>(100));
  EXPECT_THROW(db.record_satisfaction(c.id, 101, {d("2024-03-01")}), ValidationError);
  EXPECT_THROW(db.record_satisfaction(c.id, -1, {d("2024-03-01")}), ValidationError);
  db.record_dispute(c.id, "付款条款争议", {d("2024-03-02")});
  const Event breach = db.record_breach(c.id, "交付延误", {d("2024-03-03")});
  EXPECT_EQ(breach.type, EventType::breach);
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::breached);
  // A breached contract still runs: payments, then completion.
  db.record_payment(c.id, cny("1000.00"), d("2024-03-10"), "P1");
  db.complete(c.id, d("2024-03-31"));
  const ExecutionSummary s = db.execution(c.id, d("2024-12-31"));
  EXPECT_EQ(s.disputes, 1);
  EXPECT_EQ(s.breaches, 1);
  EXPECT_EQ(s.delivery_late_days, std::optional<std::int64_t>(-2));  // two days early
  // Closed: late payments and surveys are facts, deliveries and breaches are refused.
  db.record_satisfaction(c.id, 70, {d("2024-04-05")});
  EXPECT_THROW(db.record_delivery(c.id, true, {d("2024-04-05")}), StateError);
  EXPECT_THROW(db.record_breach(c.id, "late", {d("2024-04-05")}), StateError);
}

TEST_F(EventTest, KeyedFactsAreIdempotentToo) {
  EventOptions o;
  o.on = d("2024-03-01");
  o.source = "crm";
  o.key = "survey-17";
  const Event first = db.record_satisfaction(c.id, 88, o);
  EXPECT_EQ(db.record_satisfaction(c.id, 88, o), first);
  EXPECT_THROW(db.record_satisfaction(c.id, 87, o), ConflictError);
  o.key = "breach-1";
  const Event breach = db.record_breach(c.id, "late", o);
  EXPECT_EQ(db.record_breach(c.id, "late", o), breach);
  EXPECT_EQ(db.events(c.id).size(), 4u);  // created, activated, satisfaction, breach
}

TEST(EventStatusTest, ExecutionEventsNeedAnActivatedContract) {
  Database db(":memory:");
  test::add_company(db);
  const Contract draft = db.create_contract(test::sales_spec("1000.00"));
  EXPECT_THROW(db.record_payment(draft.id, cny("1.00"), d("2024-02-01"), "P"), StateError);
  EXPECT_THROW(db.record_delivery(draft.id, true, {d("2024-02-01")}), StateError);
  EXPECT_THROW(db.record_satisfaction(draft.id, 50, {d("2024-02-01")}), StateError);
  EXPECT_THROW(db.record_dispute(draft.id, "", {d("2024-02-01")}), StateError);
  EXPECT_THROW(db.record_breach(draft.id, "", {d("2024-02-01")}), StateError);
  EXPECT_EQ(db.events(draft.id).size(), 1u);
}

TEST_F(EventTest, TheClockOnlyMovesForward) {
  EXPECT_FALSE(db.clock());
  const Event e = db.advance_to(d("2024-03-01"));
  EXPECT_EQ(e.type, EventType::clock_advanced);
  EXPECT_FALSE(e.contract);
  EXPECT_EQ(db.clock(), std::optional<Date>(d("2024-03-01")));
  EXPECT_EQ(db.today(), d("2024-03-01"));
  EXPECT_EQ(db.advance_to(d("2024-03-01")), e);  // the same date: the same event
  EXPECT_THROW(db.advance_to(d("2024-02-29")), ValidationError);
  // The clock is the default effective date.
  EXPECT_EQ(db.record_payment(c.id, cny("1.00"), std::nullopt, "P").effective, d("2024-03-01"));
  db.advance_to(d("2024-04-01"));
  EXPECT_EQ(db.execution(c.id).as_of, d("2024-04-01"));
}

TEST_F(EventTest, TheLogIsScannedInSequenceOrder) {
  const Contract other = test::active_contract(db, "50.00");
  db.record_payment(c.id, cny("1.00"), d("2024-03-01"), "A");
  db.record_payment(other.id, cny("1.00"), d("2024-02-01"), "B");
  db.record_payment(c.id, cny("1.00"), d("2024-01-20"), "C");  // back-dated
  const auto mine = db.events(c.id);
  ASSERT_EQ(mine.size(), 4u);
  EXPECT_EQ(mine[2].key, std::optional<std::string>("A"));
  EXPECT_EQ(mine[3].key, std::optional<std::string>("C"));
  const auto all = db.events_after(0, 1000);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].seq, all[i].seq);
  const auto tail = db.events_after(all[all.size() - 3].seq, 2);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].key, std::optional<std::string>("B"));
  EXPECT_THROW(db.events_after(0, 0), ValidationError);
  EXPECT_THROW(db.event(9999), NotFoundError);
}

TEST(EventLogTest, TheLogIsAppendOnlyInTheFile) {
  test::TempDir dir;
  const std::string path = dir.file("log.db");
  {
    Database db(path);
    test::add_company(db);
    test::active_contract(db, "10.00");
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE events SET amount = 0", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  EXPECT_EQ(Database(path).events(1).size(), 2u);
}

// Every type the registry records as a fact with a reason is recorded by
// record_fact and by the event document alike, with the registry's status
// transition; any other type is refused and changes nothing.
TEST_F(EventTest, EveryReasonFactOfTheRegistryIsRecordedByTheGenericCalls) {
  int facts = 0;
  for (const EventTypeInfo& t : event_types()) {
    if (t.shape != EventShape::reason) {
      const std::size_t before = db.events(c.id).size();
      try {
        db.record_fact(c.id, t.type, "x", {d("2024-03-01")});
        ADD_FAILURE() << t.name << " recorded as a fact";
      } catch (const ValidationError& e) {
        EXPECT_EQ(e.key(), "event.not_a_fact") << t.name;
      }
      EXPECT_EQ(db.events(c.id).size(), before) << t.name;
      continue;
    }
    ++facts;
    const ContractStatus status = db.contract(c.id).status;
    const Event direct = db.record_fact(c.id, t.type, "原因", {d("2024-03-01")});
    EXPECT_EQ(direct.type, t.type);
    EXPECT_EQ(direct.reason, std::optional<std::string>("原因"));
    const ContractStatus after = db.contract(c.id).status;
    EXPECT_EQ(after, t.transition ? apply_transition(status, *t.transition) : status) << t.name;
    const std::string doc = std::string(R"({"version":1,"type":")") + std::string(t.name) + R"(","contract":")" +
                            c.number + R"(","on":"2024-03-02","reason":"r","key":"k-)" + std::string(t.name) + R"("})";
    const Event by_document = json::record_event_from_json(db, doc);
    EXPECT_EQ(by_document.type, t.type);
    EXPECT_EQ(json::record_event_from_json(db, doc), by_document);  // keyed: the same fact again
  }
  EXPECT_GE(facts, 2);  // dispute and breach at least
}
