// Helper process of the incremental KPI engine's tests.
//
//   kpi_worker pay FILE CONTRACT AMOUNT REF DATE
//     records one payment (CNY) and exits 0.
//   kpi_worker batch FILE EVENTS SEED
//     loads the engine (one scorecard), records EVENTS random events on the
//     database's active contracts — payments, reversals, deliveries,
//     surveys, breaches, clock advances — saves a snapshot half way, prints
//     "ready" and waits to be killed.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "pactum/store/database.hpp"

using namespace pactum;

namespace {

int pay(const std::string& file, const std::string& contract, const std::string& amount, const std::string& ref,
        const std::string& date) {
  Database db(file);
  db.record_payment(contract, Money::parse(amount, "CNY"), Date::parse(date), ref);
  return 0;
}

int batch(const std::string& file, int events, unsigned seed) {
  Database db(file);
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  db.scorecard("S1", Period::quarter_of(db.today()));
  std::vector<std::string> refs;
  for (int i = 0; i < events; ++i) {
    std::vector<Contract> active;
    for (Contract& c : db.find_contracts()) {
      if (was_activated(c.status)) active.push_back(std::move(c));
    }
    if (active.empty()) break;
    const Contract& c = active[static_cast<std::size_t>(pick(0, static_cast<int>(active.size()) - 1))];
    const Date on = std::max(c.signed_on, db.today().add_days(-pick(0, 40)));
    try {
      switch (pick(0, 7)) {
        case 0:
        case 1:
        case 2: {
          const std::int64_t outstanding = (c.amount - c.collected).units() / Money::kUnitsPerOne;
          if (outstanding <= 0) break;
          std::string ref = "w";
          ref += std::to_string(seed);
          ref += '-';
          ref += std::to_string(i);
          db.record_payment(c.id, Money::from_units(pick(1, static_cast<int>(std::min<std::int64_t>(outstanding, 100000))) *
                                                        Money::kUnitsPerOne,
                                                    c.amount.currency()),
                            on, ref);
          refs.push_back(ref);
          break;
        }
        case 3:
          if (!refs.empty()) db.reverse_payment(refs[static_cast<std::size_t>(pick(0, static_cast<int>(refs.size()) - 1))]);
          break;
        case 4: db.record_delivery(c.id, pick(0, 3) > 0, on); break;
        case 5: db.record_satisfaction(c.id, pick(0, 100), on); break;
        case 6: db.advance_to(db.today().add_days(pick(0, 3))); break;
        default: db.record_breach(c.id, "breach", on); break;
      }
    } catch (const Error&) {
      // Refused (a reversal twice, a closed contract): the batch goes on.
    }
    if (i == events / 2) db.save_kpi_snapshot();
  }
  std::printf("ready %lld\n", static_cast<long long>(db.last_event_seq()));
  std::fflush(stdout);
  for (;;) ::pause();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 6 && args[0] == "pay") return pay(args[1], args[2], args[3], args[4], args[5]);
    if (args.size() == 4 && args[0] == "batch") {
      return batch(args[1], std::atoi(args[2].c_str()), static_cast<unsigned>(std::atoi(args[3].c_str())));
    }
    std::fprintf(stderr, "usage: kpi_worker pay FILE CONTRACT AMOUNT REF DATE | batch FILE EVENTS SEED\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kpi_worker: %s\n", e.what());
    return 1;
  }
}
