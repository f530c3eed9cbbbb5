// Folding payments into a stored fold (src/tracking/windows.hpp): whatever
// the payments and reversals, back-dated or not, and however they are cut
// into batches, with_payments() over the stored fold equals contract_facts()
// over the whole log, and the windows it stores after
// changed_payment_windows() equal reminder_windows() from scratch.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <tuple>

#include "tracking/windows.hpp"

using namespace pactum;
using tracking::ContractFacts;
using tracking::ReminderWindow;

namespace {

const Currency kCny = Currency::of("CNY");

Date d(const char* text) { return Date::parse(text); }

using WindowKey = std::tuple<int, int, int>;  // kind, round, item

WindowKey key_of(const ReminderKey& k) {
  return {static_cast<int>(k.kind), k.round, k.kind == ReminderKind::approval_overdue ? k.step : k.installment};
}

std::map<WindowKey, ReminderWindow> by_key(const std::vector<ReminderWindow>& windows) {
  std::map<WindowKey, ReminderWindow> out;
  for (const ReminderWindow& w : windows) out.emplace(key_of(w.key), w);
  return out;
}

class History {
 public:
  explicit History(std::uint64_t seed) : rng_(seed) {}

  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }

  TrackingInput contract() {
    TrackingInput in;
    Contract& c = in.contract;
    c.id = 7;
    c.signed_on = d("2024-01-02");
    c.activated_on = c.signed_on.add_days(pick(0, 10));
    c.end = c.signed_on.add_days(pick(30, 400));
    // From none to many instalments, some due on the same day.
    const int parts = pick(0, 1) == 0 ? pick(0, 4) : pick(5, 60);
    Date due = c.signed_on;
    std::int64_t total = 0;
    for (int k = 0; k < parts; ++k) {
      due = due.add_days(pick(0, 20));
      const std::int64_t amount = 100 * pick(1, 20);
      total += amount;
      c.installments.push_back({due, Money::from_units(amount, kCny)});
    }
    c.amount = Money::from_units(std::max<std::int64_t>(total, 100), kCny);
    c.reporting_amount = c.amount;
    in.leads.set(ReminderKind::payment_due, pick(0, 15));
    in.leads.set(ReminderKind::payment_overdue, pick(1, 15));
    total_ = total;
    return in;
  }

  // Payments (most), reversals of earlier payments, and some other events
  // the payment fold leaves aside; effective dates wander back and forth.
  Event next(const Contract& c, std::int64_t seq) {
    Event e;
    e.seq = seq;
    e.contract = c.id;
    e.effective = c.signed_on.add_days(pick(0, 300));
    if (!paid_.empty() && pick(1, 100) <= 20) {
      const std::size_t i = static_cast<std::size_t>(pick(0, static_cast<int>(paid_.size()) - 1));
      e.type = EventType::payment_reversed;
      e.amount = Money::from_units(-paid_[i], kCny);
      paid_.erase(paid_.begin() + static_cast<std::ptrdiff_t>(i));
      return e;
    }
    if (pick(1, 100) <= 5) {
      e.type = EventType::satisfaction;
      e.value = 4;
      return e;
    }
    e.type = EventType::payment_received;
    const std::int64_t units = pick(1, 100) <= 30 ? 100 * pick(1, 20) : pick(1, std::max(2, static_cast<int>(total_ / 3)));
    e.amount = Money::from_units(units, kCny);
    paid_.push_back(units);
    return e;
  }

 private:
  std::mt19937_64 rng_;
  std::int64_t total_ = 0;
  std::vector<std::int64_t> paid_;
};

}  // namespace

TEST(TrackingPaymentsFold, AddsBackDatedPaymentsToEveryLaterDay) {
  TrackingInput in;
  in.contract.id = 1;
  in.contract.signed_on = d("2024-01-02");
  in.contract.activated_on = in.contract.signed_on;
  in.contract.amount = Money::from_units(1000, kCny);
  in.contract.installments = {{d("2024-02-01"), Money::from_units(400, kCny)},
                              {d("2024-03-01"), Money::from_units(600, kCny)}};
  Event paid;
  paid.type = EventType::payment_received;
  paid.seq = 1;
  paid.effective = d("2024-02-10");
  paid.amount = Money::from_units(500, kCny);
  in.events = {paid};
  const ContractFacts stored = tracking::contract_facts(in);
  EXPECT_EQ(stored.late_due, d("2024-02-01"));

  Event early = paid;
  early.seq = 2;
  early.effective = d("2024-01-20");
  early.amount = Money::from_units(500, kCny);
  const ContractFacts folded = tracking::with_payments(stored, std::vector<Event>{early});
  const tracking::Steps want{{d("2024-01-20"), 500}, {d("2024-02-10"), 1000}};
  EXPECT_EQ(folded.collections, want);
  EXPECT_EQ(folded.collected_full_on, d("2024-02-10"));
  EXPECT_EQ(folded.late_due, std::nullopt);  // 500 by Feb 1st pays the first instalment

  // The first instalment is paid from January 20th and the second (with
  // 1000 collected) from February 10th: both before their reminders open,
  // so their four windows go.
  std::vector<ReminderWindow> changed;
  std::vector<ReminderKey> gone;
  tracking::changed_payment_windows(stored, folded, in.leads, changed, gone);
  EXPECT_TRUE(changed.empty());
  std::vector<std::string> ids;
  for (const ReminderKey& k : gone) ids.push_back(k.to_string());
  EXPECT_EQ(ids, (std::vector<std::string>{"payment_due:1:1:2024-02-01", "payment_overdue:1:1:2024-02-01",
                                           "payment_due:1:2:2024-03-01", "payment_overdue:1:2:2024-03-01"}));
}

TEST(TrackingPaymentsFold, APaymentOnAContractWithThousandsOfInstalmentsMovesOnlyTheOneItReaches) {
  TrackingInput in;
  in.contract.id = 1;
  in.contract.signed_on = d("2024-01-02");
  in.contract.activated_on = in.contract.signed_on;
  for (int k = 0; k < 3000; ++k) {
    in.contract.installments.push_back({in.contract.signed_on.add_days(7 * (k + 1)), Money::from_units(1000, kCny)});
  }
  in.contract.amount = Money::from_units(3000 * 1000, kCny);
  ContractFacts stored = tracking::contract_facts(in);
  for (int p = 1; p <= 3; ++p) {
    Event paid;
    paid.type = EventType::payment_received;
    paid.seq = p;
    paid.effective = in.contract.signed_on.add_days(10 * p);  // each later than the last
    paid.amount = Money::from_units(700, kCny);
    const ContractFacts folded = tracking::with_payments(stored, std::vector<Event>{paid});
    std::vector<ReminderWindow> changed;
    std::vector<ReminderKey> gone;
    tracking::changed_payment_windows(stored, folded, in.leads, changed, gone);
    // 700, 1400, 2100 collected: the instalment the total lands in, and the
    // one it finished paying.
    EXPECT_LE(changed.size() + gone.size(), 4u) << "payment " << p;
    for (const ReminderWindow& w : changed) EXPECT_LE(w.key.installment, 3) << w.key.to_string();
    stored = folded;
  }
}

TEST(TrackingPaymentsFold, AStoredFoldTakingPaymentsInBatchesEqualsTheFoldFromScratch) {
  std::size_t rounds_with_changes = 0;
  std::size_t windows_written = 0;
  std::size_t windows_from_scratch = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    History h(seed);
    TrackingInput in = h.contract();
    const std::vector<TrackedStep> steps;
    ContractFacts stored = tracking::contract_facts(in);
    std::map<WindowKey, ReminderWindow> index = by_key(tracking::reminder_windows(stored, steps, in.leads));
    std::int64_t seq = 0;
    const int batches = h.pick(1, 12);
    for (int b = 0; b < batches; ++b) {
      std::vector<Event> batch;
      const int n = h.pick(1, 4);
      for (int i = 0; i < n; ++i) batch.push_back(h.next(in.contract, ++seq));
      in.events.insert(in.events.end(), batch.begin(), batch.end());

      const ContractFacts folded = tracking::with_payments(stored, batch);
      const ContractFacts scratch = tracking::contract_facts(in);
      ASSERT_EQ(folded, scratch) << "seed " << seed << " batch " << b;

      std::vector<ReminderWindow> changed;
      std::vector<ReminderKey> gone;
      tracking::changed_payment_windows(stored, folded, in.leads, changed, gone);
      for (const ReminderKey& k : gone) ASSERT_EQ(index.erase(key_of(k)), 1u) << k.to_string();
      for (const ReminderWindow& w : changed) index.insert_or_assign(key_of(w.key), w);
      const auto want = by_key(tracking::reminder_windows(scratch, steps, in.leads));
      ASSERT_EQ(index, want) << "seed " << seed << " batch " << b;
      rounds_with_changes += changed.empty() && gone.empty() ? 0 : 1;
      if (stored.reversed == folded.reversed) {
        // (A first reversal turns every window into a bound: all change.)
        windows_written += changed.size() + gone.size();
        windows_from_scratch += want.size();
      }
      stored = folded;
    }
  }
  // The histories moved windows, and the fold wrote far fewer than all.
  std::printf("%zu batches changed windows; %zu windows written of %zu\n", rounds_with_changes, windows_written,
              windows_from_scratch);
  EXPECT_GT(rounds_with_changes, 500u);
  EXPECT_LT(windows_written * 3, windows_from_scratch * 2);
}

TEST(TrackingPaymentsFold, AnExactWindowsUnpaidPartHoldsFromItsFinalDay) {
  // The query reads unpaid_final from payments_final_on on (or always when
  // null) and folds the collections before: both give what is unpaid.
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    History h(seed);
    TrackingInput in = h.contract();
    const int n = h.pick(0, 10);
    for (int i = 0; i < n; ++i) in.events.push_back(h.next(in.contract, i + 1));
    const ContractFacts f = tracking::contract_facts(in);
    if (f.reversed) continue;
    for (const ReminderWindow& w : tracking::reminder_windows(f, {}, in.leads)) {
      if (!w.key.installment || !w.exact) continue;
      for (Date day = d("2024-01-01"); day <= d("2025-03-01"); day = day.add_days(9)) {
        const std::int64_t want = *w.installment_amount - tracking::installment_paid(f, w.key.installment, day);
        if (!w.payments_final_on || *w.payments_final_on <= day) {
          ASSERT_EQ(*w.unpaid_final, want) << "seed " << seed << " " << w.key.to_string() << " on " << day.to_string();
        }
      }
    }
  }
}
