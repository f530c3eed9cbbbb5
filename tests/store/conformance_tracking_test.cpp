// The storage interface's conformance suite, the records of tracking
// (src/store/backend_tracking.hpp, TrackingRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;
using conformance::day;
using conformance::event_of;

namespace {

class TrackingRecordsConformance : public StorageConformance {
 protected:
  store::TrackingRecords& records(int h = 0) { return s(h).tracking(); }
};


tracking::ContractFacts facts_of(std::int64_t contract) {
  tracking::ContractFacts f;
  f.contract = contract;
  f.type = "sales";
  f.department = "SD";
  f.owner = "E1";
  f.key_account = true;
  f.signed_on = day("2024-02-01");
  f.activated_on = day("2024-02-05");
  f.end = day("2024-12-31");
  f.delivery_due = day("2024-06-30");
  f.delivered_on = day("2024-06-20");
  f.late_due = day("2024-04-30");
  f.currency = Currency::of("CNY");
  f.amount = 100000;
  f.reporting_amount = 100000;
  f.exchange_rate = Decimal::parse("1");
  f.collections = {{day("2024-03-01"), 40000}, {day("2024-05-01"), 100000}};
  f.collected_full_on = day("2024-05-01");
  f.schedule = {{day("2024-03-31"), 40000}, {day("2024-04-30"), 100000}};
  return f;
}

tracking::ReminderWindow window(ReminderKind kind, const char* due, const char* open_from,
                                std::optional<Date> settled_on = std::nullopt) {
  tracking::ReminderWindow w;
  w.key.kind = kind;
  w.key.due = day(due);
  w.trigger = day(open_from);
  w.open_from = day(open_from);
  w.settled_on = settled_on;
  return w;
}


}  // namespace

TEST_P(TrackingRecordsConformance, AFoldIsStoredAsGivenAndReplaced) {
  const std::int64_t a = backend_->contract("CNY");
  const std::int64_t b = backend_->contract("USD");
  s().begin();
  EXPECT_FALSE(records().facts(a).has_value());
  EXPECT_FALSE(records().tracked(a).has_value());
  tracking::ContractFacts fa = facts_of(a);
  records().store_facts(fa);
  EXPECT_EQ(records().facts(a), fa);
  fa.closed_on = day("2024-07-01");
  fa.collections.push_back({day("2024-06-01"), 90000});
  fa.reversed = true;
  fa.collected_full_on.reset();
  records().store_facts(fa);  // replaced
  EXPECT_EQ(records().facts(a), fa);
  // A payment's change: the collection members only.
  tracking::ContractFacts paid = fa;
  paid.collections.push_back({day("2024-06-15"), 100000});
  paid.collected_full_on = day("2024-06-15");
  paid.late_due.reset();
  paid.closed_on = day("2030-01-01");  // not a collection member: kept as stored
  records().store_collections(paid);
  paid.closed_on = fa.closed_on;
  EXPECT_EQ(records().facts(a), paid);
  records().store_facts(fa);
  EXPECT_EQ(records().facts(a), fa);

  tracking::ContractFacts fb = facts_of(b);
  fb.type = "procurement";
  fb.currency = Currency::of("USD");
  fb.exchange_rate = Decimal::parse("7.1");
  fb.activated_on.reset();
  fb.collections.clear();
  records().store_facts(fb);
  EXPECT_EQ(records().facts(b), fb);

  const auto t = records().tracked(a);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->facts, fa);
  EXPECT_EQ(t->contract.id, a);
  EXPECT_FALSE(t->contract.number.empty());
  EXPECT_EQ(t->contract.counterparty, "华东机电");
  EXPECT_EQ(t->contract.owner, "E1");
  EXPECT_TRUE(t->contract.key_account);
  EXPECT_EQ(t->contract.amount, Money::from_units(100000, Currency::of("CNY")));

  std::vector<std::string> folds;
  records().each_fold([&](std::int64_t id, std::string_view type) {
    folds.push_back(std::to_string(id) + ":" + std::string(type));
  });
  EXPECT_EQ(folds, (std::vector<std::string>{std::to_string(a) + ":sales", std::to_string(b) + ":procurement"}));

  const std::int64_t applied = records().applied_seq();
  records().store_applied_seq(applied + 7);
  EXPECT_EQ(records().applied_seq(), applied + 7);
  s().commit();
  EXPECT_EQ(records(1).facts(b), fb);

  s().begin();
  records().store_facts(facts_of(b));
  records().store_applied_seq(applied + 9);
  s().rollback();  // nothing of it stays
  s().begin();
  EXPECT_EQ(records().facts(b), fb);
  EXPECT_EQ(records().applied_seq(), applied + 7);
  s().commit();
}

TEST_P(TrackingRecordsConformance, LeadsComeEveryTypeFirstAndAreReplaced) {
  s().begin();
  EXPECT_TRUE(records().leads("sales").empty());
  EXPECT_EQ(records().longest_upcoming_lead(), 0);
  records().store_lead("sales", ReminderKind::payment_due, 3);
  records().store_lead("", ReminderKind::delivery_due, 9);
  records().store_lead("sales", ReminderKind::expiry, 10);
  records().store_lead("", ReminderKind::expiry, 20);
  records().store_lead("rent", ReminderKind::payment_due, 40);
  records().store_lead("rent", ReminderKind::expiry, 400);
  using Leads = std::vector<store::LeadRecord>;
  EXPECT_EQ(records().leads("sales"), (Leads{{ReminderKind::expiry, 20},
                                              {ReminderKind::delivery_due, 9},
                                              {ReminderKind::expiry, 10},
                                              {ReminderKind::payment_due, 3}}));
  EXPECT_EQ(records().leads(""), (Leads{{ReminderKind::expiry, 20}, {ReminderKind::delivery_due, 9}}));
  EXPECT_EQ(records().longest_upcoming_lead(), 40);  // the expiry lead of 400 is not an upcoming kind's
  EXPECT_EQ(records().types_with_lead(ReminderKind::payment_due), (std::vector<std::string>{"rent", "sales"}));
  EXPECT_TRUE(records().types_with_lead(ReminderKind::delivery_due).empty());  // the every-type lead is not listed

  records().store_lead("sales", ReminderKind::expiry, 11);  // replaced
  EXPECT_EQ(records().leads("sales")[2], (store::LeadRecord{ReminderKind::expiry, 11}));
  s().commit();

  s().begin();
  records().store_lead("", ReminderKind::payment_due, 90);
  EXPECT_EQ(records().longest_upcoming_lead(), 90);
  s().rollback();
  s().begin();
  EXPECT_EQ(records().longest_upcoming_lead(), 40);
  EXPECT_EQ(records().leads("").size(), 2u);
  s().commit();
}

TEST_P(TrackingRecordsConformance, WindowsHoldFromTheirOpeningUntilSettledAndUpcomingOnesUntilDue) {
  const std::int64_t c = backend_->contract("USD");
  auto payment_due = window(ReminderKind::payment_due, "2024-03-10", "2024-03-03", day("2024-03-08"));
  payment_due.key.installment = 1;
  payment_due.installment_amount = 50000;
  payment_due.unpaid_final = 20000;
  payment_due.payments_final_on = day("2024-03-08");
  payment_due.exact = false;
  auto later_due = window(ReminderKind::payment_due, "2024-03-20", "2024-03-13");
  later_due.key.installment = 2;
  auto approval = window(ReminderKind::approval_overdue, "2024-03-05", "2024-03-06");
  approval.key.round = 2;
  approval.key.step = 3;
  auto late = window(ReminderKind::delivery_late, "2024-04-01", "2024-04-02", day("2024-04-10"));
  auto expiry = window(ReminderKind::expiry, "2024-06-30", "2024-05-31");
  for (auto* w : {&payment_due, &later_due, &approval, &late, &expiry}) w->key.contract = c;
  const std::vector<tracking::ReminderWindow> all{payment_due, later_due, approval, late, expiry};

  auto on = [&](const char* d, const char* until) {
    std::vector<store::WindowRecord> out;
    records().windows_on(day(d), day(until), out);
    std::vector<std::string> ids;
    for (const store::WindowRecord& w : out) ids.push_back(w.key.to_string());
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto ids = [](std::initializer_list<const tracking::ReminderWindow*> ws) {
    std::vector<std::string> out;
    for (const auto* w : ws) out.push_back(w->key.to_string());
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto& [pd, ld, ap, dl, ex] = std::tie(payment_due, later_due, approval, late, expiry);

  s().begin();
  records().replace_windows(c, all);
  EXPECT_EQ(on("2024-03-02", "2024-03-30"), ids({}));
  EXPECT_EQ(on("2024-03-03", "2024-03-10"), ids({&pd}));
  EXPECT_EQ(on("2024-03-03", "2024-03-09"), ids({}));  // due after the bound
  EXPECT_EQ(on("2024-03-06", "2024-03-13"), ids({&pd, &ap}));
  EXPECT_EQ(on("2024-03-08", "2024-03-30"), ids({&ap}));  // settled on the day
  EXPECT_EQ(on("2024-03-20", "2024-03-30"), ids({&ld, &ap}));  // up to the due date
  EXPECT_EQ(on("2024-03-21", "2024-03-30"), ids({&ap}));
  EXPECT_EQ(on("2024-04-09", "2024-04-30"), ids({&ap, &dl}));
  EXPECT_EQ(on("2024-04-10", "2024-04-30"), ids({&ap}));
  EXPECT_EQ(on("2024-05-31", "2024-06-30"), ids({&ap, &ex}));

  std::vector<store::WindowRecord> out;
  records().windows_on(day("2024-03-06"), day("2024-03-13"), out);
  ASSERT_EQ(out.size(), 2u);
  const store::WindowRecord& p = out[0].key.kind == ReminderKind::payment_due ? out[0] : out[1];
  const store::WindowRecord& a = out[0].key.kind == ReminderKind::payment_due ? out[1] : out[0];
  EXPECT_EQ(p.key, pd.key);
  EXPECT_EQ(p.trigger, day("2024-03-03"));
  EXPECT_FALSE(p.exact);
  EXPECT_EQ(p.installment_amount, 50000);
  EXPECT_EQ(p.unpaid_final, 20000);
  EXPECT_EQ(p.payments_final_on, day("2024-03-08"));
  EXPECT_EQ(p.shown.type, "sales");
  EXPECT_EQ(p.shown.owner, "E1");
  EXPECT_EQ(p.shown.counterparty, "华东机电");
  EXPECT_FALSE(p.shown.number.empty());
  EXPECT_EQ(p.currency, Currency::of("USD"));
  EXPECT_EQ(a.key, ap.key);
  EXPECT_TRUE(a.exact);
  EXPECT_FALSE(a.installment_amount.has_value());

  // Replaced by a set that keeps one window, changes one, adds one and drops
  // the others: what is stored is the new set, whatever was kept.
  auto settled_early = later_due;
  settled_early.settled_on = day("2024-03-15");
  auto moved_due = late;
  moved_due.key.due = day("2024-04-05");
  moved_due.open_from = day("2024-04-06");
  auto overdue = window(ReminderKind::payment_overdue, "2024-03-20", "2024-03-21");
  overdue.key.contract = c;
  overdue.key.installment = 2;
  records().replace_windows(c, std::vector<tracking::ReminderWindow>{approval, settled_early, moved_due, overdue});
  EXPECT_EQ(on("2024-03-16", "2024-03-30"), ids({&ap}));  // settled on the 15th now
  EXPECT_EQ(on("2024-03-21", "2024-03-30"), ids({&ap, &overdue}));
  EXPECT_EQ(on("2024-04-05", "2024-04-30"), ids({&ap, &overdue}));  // opens on the 6th now
  EXPECT_EQ(on("2024-04-06", "2024-04-30"), ids({&ap, &moved_due, &overdue}));
  EXPECT_EQ(on("2024-03-06", "2024-03-10"), ids({&ap}));  // the first instalment's window is gone
  records().replace_windows(c, std::vector<tracking::ReminderWindow>{approval, settled_early, moved_due, overdue});
  EXPECT_EQ(on("2024-04-06", "2024-04-30"), ids({&ap, &moved_due, &overdue}));  // the same set again: unchanged

  records().replace_windows(c, std::vector<tracking::ReminderWindow>{ex});  // all the contract's replaced
  EXPECT_EQ(on("2024-06-01", "2024-06-30"), ids({&ex}));
  EXPECT_EQ(on("2024-04-06", "2024-04-30"), ids({}));
  s().commit();

  s().begin();
  records().replace_windows(c, all);
  s().rollback();
  s().begin();
  EXPECT_EQ(on("2024-03-06", "2024-03-13"), ids({}));
  s().commit();
}

TEST_P(TrackingRecordsConformance, AnAcknowledgementMarksItsWindowAndStaysOnReplacement) {
  const std::int64_t c = backend_->contract("CNY");
  const std::int64_t d = backend_->contract("CNY");
  auto w1 = window(ReminderKind::expiry, "2024-06-30", "2024-05-31");
  auto w2 = window(ReminderKind::delivery_late, "2024-04-01", "2024-04-02");
  w1.key.contract = c;
  w2.key.contract = c;
  auto w3 = w1;
  w3.key.contract = d;
  const std::vector<tracking::ReminderWindow> windows{w1, w2};

  auto open_on = [&](const char* text) {
    std::vector<store::WindowRecord> out;
    records().windows_on(day(text), day(text).add_days_clamped(30), out);
    std::vector<std::string> ids;
    for (const store::WindowRecord& w : out) ids.push_back(w.key.to_string());
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto ack_of = [](const ReminderKey& key, const char* on, std::optional<std::string> actor) {
    Acknowledgement a;
    a.id = key.to_string();
    a.contract = key.contract;
    a.on = day(on);
    a.actor = std::move(actor);
    a.recorded_at = "2024-06-01T08:00:00.000Z";
    return a;
  };

  s().begin();
  records().replace_windows(c, windows);
  records().replace_windows(d, std::vector<tracking::ReminderWindow>{w3});
  EXPECT_FALSE(records().acknowledgement(w1.key.to_string()).has_value());
  const Acknowledgement a1 = ack_of(w1.key, "2024-06-01", std::string("张三"));
  records().insert_acknowledgement(w1.key, a1);
  EXPECT_EQ(records().acknowledgement(a1.id), a1);
  std::vector<std::string> expected{w2.key.to_string(), w3.key.to_string()};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(open_on("2024-06-01"), expected);

  records().replace_windows(c, windows);  // the acknowledged window stays acknowledged
  EXPECT_EQ(open_on("2024-06-01"), expected);

  const Acknowledgement a3 = ack_of(w3.key, "2024-06-02", std::nullopt);
  records().insert_acknowledgement(w3.key, a3);  // acknowledged before its window is stored
  const Acknowledgement a2 = ack_of(w2.key, "2024-06-02", std::nullopt);
  records().insert_acknowledgement(w2.key, a2);
  EXPECT_TRUE(open_on("2024-06-01").empty());

  std::vector<Acknowledgement> all{a1, a2, a3};
  std::sort(all.begin(), all.end(), [](const Acknowledgement& x, const Acknowledgement& y) { return x.id < y.id; });
  EXPECT_EQ(records().acknowledgements(std::nullopt), all);  // by id
  std::vector<Acknowledgement> of_c{a1, a2};
  std::sort(of_c.begin(), of_c.end(), [](const Acknowledgement& x, const Acknowledgement& y) { return x.id < y.id; });
  EXPECT_EQ(records().acknowledgements(c), of_c);
  EXPECT_EQ(records().acknowledgements(d), std::vector<Acknowledgement>{a3});
  s().commit();

  s().begin();
  const auto w4 = [&] {
    auto w = window(ReminderKind::delivery_due, "2024-07-01", "2024-06-24");
    w.key.contract = d;
    return w;
  }();
  records().replace_windows(d, std::vector<tracking::ReminderWindow>{w3, w4});
  records().insert_acknowledgement(w4.key, ack_of(w4.key, "2024-06-25", std::nullopt));
  s().rollback();
  s().begin();
  EXPECT_FALSE(records().acknowledgement(w4.key.to_string()).has_value());
  EXPECT_TRUE(open_on("2024-06-25").empty());  // w4 was never stored
  EXPECT_EQ(records().acknowledgements(std::nullopt).size(), 3u);
  s().commit();
}

TEST_P(TrackingRecordsConformance, AnUpdateWritesTheChangedWindowsAndKeepsTheOthers) {
  const std::int64_t c = backend_->contract("CNY");
  const std::int64_t other = backend_->contract("CNY");
  auto of = [](std::int64_t contract, tracking::ReminderWindow w, int installment) {
    w.key.contract = contract;
    w.key.installment = installment;
    w.installment_amount = 1000;
    w.unpaid_final = 1000;
    return w;
  };
  const auto due1 = of(c, window(ReminderKind::payment_due, "2024-06-10", "2024-06-03"), 1);
  const auto late1 = of(c, window(ReminderKind::payment_overdue, "2024-06-10", "2024-06-11"), 1);
  const auto late2 = of(c, window(ReminderKind::payment_overdue, "2024-06-20", "2024-06-21"), 2);
  const auto theirs = of(other, window(ReminderKind::payment_overdue, "2024-06-10", "2024-06-11"), 1);
  auto open_on = [&](const char* text) {
    std::vector<store::WindowRecord> out;
    records().windows_on(day(text), day(text).add_days_clamped(30), out);
    std::vector<std::string> ids;
    for (const store::WindowRecord& w : out) ids.push_back(w.key.to_string() + " " + std::to_string(*w.unpaid_final));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  s().begin();
  records().replace_windows(c, std::vector<tracking::ReminderWindow>{due1, late1});
  records().replace_windows(other, std::vector<tracking::ReminderWindow>{theirs});
  Acknowledgement ack;
  ack.id = late2.key.to_string();
  ack.contract = c;
  ack.on = day("2024-06-01");
  ack.recorded_at = "2024-06-01T08:00:00.000Z";
  records().insert_acknowledgement(late2.key, ack);  // before its window exists
  // Part paid: late1 shows less unpaid, due1 goes, late2 comes (acknowledged).
  auto paid1 = late1;
  paid1.unpaid_final = 400;
  records().update_windows(c, std::vector<tracking::ReminderWindow>{paid1, late2}, std::vector<ReminderKey>{due1.key});
  EXPECT_EQ(open_on("2024-06-25"), (std::vector<std::string>{"payment_overdue:" + std::to_string(c) + ":1:2024-06-10 400",
                                                             "payment_overdue:" + std::to_string(other) + ":1:2024-06-10 1000"}));
  EXPECT_EQ(open_on("2024-06-05"), std::vector<std::string>{});  // due1 is gone
  records().update_windows(c, std::vector<tracking::ReminderWindow>{}, std::vector<ReminderKey>{});
  EXPECT_EQ(open_on("2024-06-25").size(), 2u);
  // Paid in full on June 24th: late1 holds until then; late2, updated,
  // stays acknowledged.
  auto settled1 = paid1;
  settled1.settled_on = day("2024-06-24");
  settled1.unpaid_final = 0;
  auto paid2 = late2;
  paid2.unpaid_final = 500;
  records().update_windows(c, std::vector<tracking::ReminderWindow>{settled1, paid2}, std::vector<ReminderKey>{});
  EXPECT_EQ(open_on("2024-06-23"), (std::vector<std::string>{"payment_overdue:" + std::to_string(c) + ":1:2024-06-10 0",
                                                             "payment_overdue:" + std::to_string(other) + ":1:2024-06-10 1000"}));
  EXPECT_EQ(open_on("2024-06-25"), std::vector<std::string>{"payment_overdue:" + std::to_string(other) + ":1:2024-06-10 1000"});
  s().commit();
}

TEST_P(TrackingRecordsConformance, TheFoldReadsTheEventsItNeeds) {
  const std::int64_t a = backend_->contract("USD");
  s().begin();
  const std::int64_t since = s().last_event_seq();
  s().commit();
  const std::int64_t b = backend_->contract("CNY");
  s().begin();
  store::NewEvent pay = event_of(EventType::payment_received, a, "2024-03-01");
  pay.amount = 25000;
  pay.reason = "第一期";
  const std::int64_t s1 = *s().append_event(pay, "2024-03-01T00:00:00.000Z");
  store::NewEvent score = event_of(EventType::satisfaction, a, "2024-03-02");
  score.value = 90;
  s().append_event(score, "2024-03-02T00:00:00.000Z");
  store::NewEvent delivered = event_of(EventType::delivered, a, "2024-03-03");
  delivered.value = 1;
  const std::int64_t s3 = *s().append_event(delivered, "2024-03-03T00:00:00.000Z");
  const std::vector<Event> events = records().fold_events(a, Currency::of("USD"));
  ASSERT_EQ(events.size(), 2u);  // the created and satisfaction events are not the fold's
  EXPECT_EQ(events[0].seq, s1);
  EXPECT_EQ(events[0].type, EventType::payment_received);
  EXPECT_EQ(events[0].contract, a);
  EXPECT_EQ(events[0].effective, day("2024-03-01"));
  EXPECT_EQ(events[0].amount, Money::from_units(25000, Currency::of("USD")));
  EXPECT_EQ(events[1].seq, s3);
  EXPECT_EQ(events[1].value, 1);
  EXPECT_FALSE(events[1].amount.has_value());
  EXPECT_TRUE(records().fold_events(b, Currency::of("CNY")).empty());
  EXPECT_TRUE(records().due_steps(a).empty());  // never submitted

  // The events after a sequence number: every type, in sequence order.
  const std::vector<Event> later = records().events_after(a, s1, Currency::of("USD"));
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0].type, EventType::satisfaction);
  EXPECT_EQ(later[0].value, 90);
  EXPECT_EQ(later[1].seq, s3);
  EXPECT_EQ(later[1].effective, day("2024-03-03"));
  const std::vector<Event> from_start = records().events_after(a, since, Currency::of("USD"));
  ASSERT_GE(from_start.size(), 3u);
  EXPECT_EQ(from_start[from_start.size() - 3].amount, Money::from_units(25000, Currency::of("USD")));
  EXPECT_TRUE(records().events_after(a, s3, Currency::of("USD")).empty());

  const std::vector<std::int64_t> ids = records().contract_ids();
  ASSERT_GE(ids.size(), 2u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(ids.back(), b);
  EXPECT_EQ(records().contracts_with_events_after(since), (std::vector<std::int64_t>{a, b}));
  EXPECT_EQ(records().contracts_with_events_after(s1), (std::vector<std::int64_t>{a}));
  EXPECT_TRUE(records().contracts_with_events_after(s().last_event_seq()).empty());
  s().commit();
}

TEST_P(TrackingRecordsConformance, TheReportsReadTheFoldsByDate) {
  const std::int64_t a = backend_->contract("CNY");
  const std::int64_t b = backend_->contract("CNY");
  const std::int64_t c = backend_->contract("CNY");
  tracking::ContractFacts fa = facts_of(a);  // delivery due 2024-06-30, ends 2024-12-31, collected from 2024-05-01
  tracking::ContractFacts fb = facts_of(b);
  fb.type = "labour";
  fb.delivery_due = day("2024-07-15");
  fb.collected_full_on.reset();
  tracking::ContractFacts fc = facts_of(c);
  fc.activated_on.reset();  // never activated
  s().begin();
  records().store_facts(fa);
  records().store_facts(fb);
  records().store_facts(fc);

  auto due = [&](const char* from, const char* to, const char* activated_by, std::string_view except) {
    std::vector<std::string> out;
    records().due_deliveries(day(from), day(to), day(activated_by), except, [&](const store::DueDeliveryRecord& r) {
      out.push_back(r.type + "@" + r.department + ":" + r.delivery_due.to_string() + "/" +
                    (r.delivered_on ? r.delivered_on->to_string() : "-") + "/" + (r.late_due ? r.late_due->to_string() : "-"));
    });
    std::sort(out.begin(), out.end());
    return out;
  };
  using Rows = std::vector<std::string>;
  EXPECT_EQ(due("2024-06-30", "2024-07-15", "2024-12-31", "none"),
            (Rows{"labour@SD:2024-07-15/2024-06-20/2024-04-30", "sales@SD:2024-06-30/2024-06-20/2024-04-30"}));
  EXPECT_EQ(due("2024-06-30", "2024-07-15", "2024-12-31", "labour"), (Rows{"sales@SD:2024-06-30/2024-06-20/2024-04-30"}));
  EXPECT_EQ(due("2024-07-01", "2024-07-14", "2024-12-31", "none"), Rows{});
  EXPECT_EQ(due("2024-01-01", "2024-12-31", "2024-02-04", "none"), Rows{});  // activated after
  EXPECT_EQ(due("2024-01-01", "2024-12-31", "2024-02-05", "labour").size(), 1u);

  auto signed_or_in_force = [&](const char* from, const char* to, const char* activated_by, const char* in_force_by,
                                std::string_view except) {
    std::vector<std::int64_t> out;
    records().signed_or_in_force(day(from), day(to), day(activated_by), day(in_force_by), except,
                                 [&](const store::SignedContractRecord& r) {
                                   EXPECT_EQ(r.signer, "E1");
                                   EXPECT_EQ(r.facts.collections, fa.collections);
                                   EXPECT_EQ(r.facts.amount, 100000);
                                   out.push_back(r.facts.contract);
                                 });
    std::sort(out.begin(), out.end());
    return out;
  };
  using Ids = std::vector<std::int64_t>;
  // Signed in the period and activated by the date.
  EXPECT_EQ(signed_or_in_force("2024-02-01", "2024-02-29", "2024-02-05", "2000-01-01", "none"), (Ids{a, b}));
  EXPECT_EQ(signed_or_in_force("2024-02-01", "2024-02-29", "2024-02-04", "2000-01-01", "none"), Ids{});
  EXPECT_EQ(signed_or_in_force("2024-02-02", "2024-02-29", "2024-02-05", "2000-01-01", "labour"), Ids{});
  // Or in force: activated by the date and not closed before the period.
  EXPECT_EQ(signed_or_in_force("2025-01-01", "2025-03-31", "2025-03-31", "2024-02-05", "labour"), Ids{a});
  EXPECT_EQ(signed_or_in_force("2025-01-01", "2025-03-31", "2025-03-31", "2024-02-04", "labour"), Ids{});

  std::map<std::int64_t, report::TrackedContract> tracked;
  records().tracked_ending(day("2024-12-30"), day("2024-12-31"), day("2024-02-05"), tracked);
  EXPECT_EQ(tracked.size(), 2u);  // a and b, ending in (after, until]
  tracked.clear();
  records().tracked_ending(day("2024-12-31"), day("2025-12-31"), day("2024-12-31"), tracked);
  EXPECT_TRUE(tracked.empty());
  records().tracked_ending(day("2024-06-01"), day("2024-12-31"), day("2024-02-04"), tracked);
  EXPECT_TRUE(tracked.empty());  // activated after

  records().tracked_uncollected(day("2024-04-30"), tracked);
  EXPECT_EQ(tracked.size(), 2u);
  EXPECT_EQ(tracked.at(a).facts, fa);
  records().tracked_uncollected(day("2024-05-01"), tracked);  // a is collected in full from that day
  EXPECT_EQ(tracked.size(), 2u);
  tracked.clear();
  records().tracked_uncollected(day("2024-05-01"), tracked);
  ASSERT_EQ(tracked.size(), 1u);
  EXPECT_EQ(tracked.begin()->first, b);
  report::TrackedContract kept;
  kept.facts.type = "kept";
  tracked[b] = kept;
  records().tracked_uncollected(day("2024-05-01"), tracked);  // those already there are kept
  EXPECT_EQ(tracked.at(b).facts.type, "kept");

  // Each contract has one instalment of its whole amount, due on its signing (2024-02-01).
  auto installments_due = [&](const char* after, const char* until, const char* activated_by) {
    std::vector<report::DueInstallment> out;
    records().installments_due(day(after), day(until), day(activated_by), out);
    std::vector<std::string> rows;
    for (const report::DueInstallment& i : out) {
      EXPECT_EQ(i.due, day("2024-02-01"));
      EXPECT_EQ(i.amount, 10000000);  // 1000.00 in units of the currency
      rows.push_back(std::to_string(i.contract) + "#" + std::to_string(i.position));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  Rows ab{std::to_string(a) + "#1", std::to_string(b) + "#1"};
  std::sort(ab.begin(), ab.end());
  EXPECT_EQ(installments_due("2024-01-31", "2024-02-01", "2024-02-05"), ab);  // c is not activated
  EXPECT_EQ(installments_due("2024-02-01", "2024-12-31", "2024-02-05"), Rows{});
  EXPECT_EQ(installments_due("2024-01-01", "2024-01-31", "2024-02-05"), Rows{});
  EXPECT_EQ(installments_due("2024-01-31", "2024-02-01", "2024-02-04"), Rows{});
  EXPECT_TRUE(records().holders_on(day("2024-12-31")).empty());  // never handed over
  s().org().insert_employee({"E2", "李四", std::nullopt, std::nullopt, std::nullopt});
  s().contracts().insert_handover(a, 20, day("2024-05-01"), "E1", "E2");
  s().contracts().insert_handover(a, 21, day("2024-04-01"), "E2", "E1");  // recorded later, effective earlier
  s().contracts().insert_handover(b, 22, day("2024-06-01"), "E1", "E2");
  s().contracts().insert_handover(b, 23, day("2024-06-01"), "E2", "E1");  // the same date: the later event holds
  using Holders = std::map<std::int64_t, std::string>;
  EXPECT_EQ(records().holders_on(day("2024-03-31")), Holders{});
  EXPECT_EQ(records().holders_on(day("2024-04-01")), (Holders{{a, "E1"}}));
  EXPECT_EQ(records().holders_on(day("2024-05-31")), (Holders{{a, "E2"}}));
  EXPECT_EQ(records().holders_on(day("2024-06-01")), (Holders{{a, "E2"}, {b, "E1"}}));
  // A contract handed over reads as signed by its signer, not by the owner
  // its fold now holds.
  s().contracts().store_owner(a, "E2");
  tracking::ContractFacts handed = fa;
  handed.owner = "E2";
  records().store_facts(handed);
  std::map<std::int64_t, std::string> signers;
  records().signed_or_in_force(day("2024-02-01"), day("2024-02-29"), day("2024-02-05"), day("2000-01-01"), "none",
                               [&](const store::SignedContractRecord& r) { signers[r.facts.contract] = r.signer; });
  EXPECT_EQ(signers, (std::map<std::int64_t, std::string>{{a, "E1"}, {b, "E1"}}));
  s().rollback();

  s().begin();
  EXPECT_FALSE(records().facts(a).has_value());
  std::map<std::int64_t, report::TrackedContract> none;
  records().tracked_uncollected(day("2024-04-30"), none);
  EXPECT_TRUE(none.empty());
  s().commit();
}

TEST_P(TrackingRecordsConformance, TheTrendReadsTheFoldsActivatedByADate) {
  const std::int64_t a = backend_->contract("CNY");
  const std::int64_t b = backend_->contract("CNY");
  tracking::ContractFacts fa = facts_of(a);
  tracking::ContractFacts fb = facts_of(b);
  fb.type = "procurement";
  fb.activated_on = day("2024-03-10");
  fb.reporting_amount = 70000;
  s().begin();
  records().store_facts(fa);
  records().store_facts(fb);
  std::vector<std::string> seen;
  auto visit = [&](std::string_view type, const report::TrendContract& c) {
    seen.push_back(std::string(type) + ":" + std::to_string(c.reporting_amount) + ":" +
                   std::to_string(c.collections.size()) + ":" + std::to_string(c.schedule.size()));
  };
  records().trend_folds(day("2024-03-09"), visit);  // b not activated yet
  EXPECT_EQ(seen, (std::vector<std::string>{"sales:100000:2:2"}));
  seen.clear();
  records().trend_folds(day("2024-03-10"), visit);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"procurement:70000:2:2", "sales:100000:2:2"}));
  s().commit();
}

PACTUM_CONFORMANCE_SUITE(TrackingRecordsConformance);
