// Helper process of the crash loop: writes to a database file at random
// until it is killed.
//
//   crash_writer DB SEED THREADS
//
// Each thread opens its own handle (default durability: synchronous=FULL)
// and repeats, at random: issue a number of rule G (gapless, per department)
// or F (fast), create a contract numbered by rule C (activated half of the
// time), record a payment on an active contract, reverse one of its own
// payments, read a scorecard (which loads the KPI engine) or save the
// engine's snapshot. After each write returned it prints one line (one
// write(2), atomic on a pipe):
//   number N | contract NUMBER EXTERNAL_ID | activated NUMBER |
//   payment REF CONTRACT UNITS | reversal REF
// The first line of each thread is "ready". Refusals the company's state
// explains (an overpayment, a contract no longer active) are skipped; any
// other error is printed to stderr and the process exits with status 3.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "durability/durability_support.hpp"

using namespace pactum;
using namespace pactum::durability;

namespace {

void say(const std::string& line) {
  const std::string text = line + "\n";
  if (::write(STDOUT_FILENO, text.data(), text.size()) < 0) std::_Exit(4);
}

bool explained(const Error& e) {
  return e.code() == Errc::invalid_argument || e.code() == Errc::invalid_state || e.code() == Errc::conflict;
}

void run(const std::string& path, unsigned seed) {
  try {
    Database db(path);
    std::mt19937 rng(seed);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const std::string me = "w" + std::to_string(seed) + "-";
    std::vector<std::string> refs;
    say("ready");
    for (long i = 0;; ++i) {
      const std::string tag = me + std::to_string(i);
      try {
        switch (pick(0, 9)) {
          case 0:
          case 1: {
            NumberFields fields{{"dept", pick(0, 1) == 0 ? "SD" : "RD"}};
            say("number " + db.issue_number(kGapless, day("2024-02-01"), fields, tag));
            break;
          }
          case 2: say("number " + db.issue_number(kFast, day("2024-02-01"), {}, tag)); break;
          case 3: {
            const std::string& owner = owners()[static_cast<std::size_t>(pick(0, 2))].first;
            const Contract c = db.create_contract(contract_spec(owner, pick(1, 500) * 10000000LL, tag));
            say("contract " + c.number + " " + tag);
            if (pick(0, 1) == 0) {
              db.activate(c.id, day("2024-01-20"));
              say("activated " + c.number);
            }
            break;
          }
          case 4:
          case 5:
          case 6: {
            ContractFilter active;
            active.status = ContractStatus::active;
            const std::vector<Contract> all = db.find_contracts(active);
            if (all.empty()) break;
            const Contract& c = all[static_cast<std::size_t>(pick(0, static_cast<int>(all.size()) - 1))];
            const std::int64_t outstanding = (c.amount - c.collected).units();
            if (outstanding <= 0) break;
            const std::int64_t units = std::min<std::int64_t>(outstanding, pick(1, 2000) * 10000LL);
            db.record_payment(c.id, Money::from_units(units, c.amount.currency()), day("2024-01-25"), tag);
            say("payment " + tag + " " + c.number + " " + std::to_string(units));
            refs.push_back(tag);
            break;
          }
          case 7:
            if (!refs.empty()) {
              const std::size_t at = static_cast<std::size_t>(pick(0, static_cast<int>(refs.size()) - 1));
              db.reverse_payment(refs[at], day("2024-01-30"));
              say("reversal " + refs[at]);
              refs.erase(refs.begin() + static_cast<std::ptrdiff_t>(at));
            }
            break;
          case 8: db.scorecard(owners()[static_cast<std::size_t>(pick(0, 2))].first, Period::parse(kPeriods[pick(0, 2)])); break;
          default: db.save_kpi_snapshot(); break;
        }
      } catch (const Error& e) {
        if (!explained(e)) throw;
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash_writer: %s\n", e.what());
    std::_Exit(3);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: crash_writer DB SEED THREADS\n");
    return 64;
  }
  const std::string path = argv[1];
  const unsigned seed = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
  const int threads = std::atoi(argv[3]);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(run, path, seed * 16 + static_cast<unsigned>(t));
  for (std::thread& t : pool) t.join();
  return 0;
}
