// Helper process of the concurrent-append test: appends events to a database
// file shared with another process.
//
//   event_writer DB CONTRACT PREFIX UNIQUE SHARED SURVEYS
//
// records UNIQUE payments of 1.00 with refs PREFIX-0.., SHARED payments of
// 2.00 with refs shared-0.. (the other process records the same ones: each
// must count once) and SURVEYS unkeyed satisfaction scores, one write
// transaction each, interleaved. Exits non-zero with the error on stderr.
#include <cstdlib>
#include <iostream>
#include <string>

#include "pactum/store/database.hpp"

int main(int argc, char** argv) {
  if (argc != 7) {
    std::cerr << "usage: event_writer DB CONTRACT PREFIX UNIQUE SHARED SURVEYS\n";
    return 2;
  }
  try {
    pactum::Database db(argv[1]);
    const std::string contract = argv[2];
    const std::string prefix = argv[3];
    const int unique = std::atoi(argv[4]);
    const int shared = std::atoi(argv[5]);
    const int surveys = std::atoi(argv[6]);
    const pactum::Date on = pactum::Date::parse("2024-02-01");
    const pactum::Currency cny = pactum::Currency::of("CNY");
    const int rounds = std::max(unique, std::max(shared, surveys));
    for (int i = 0; i < rounds; ++i) {
      if (i < unique) {
        db.record_payment(contract, pactum::Money::parse("1.00", cny), on, prefix + "-" + std::to_string(i));
      }
      if (i < shared) {
        db.record_payment(contract, pactum::Money::parse("2.00", cny), on, "shared-" + std::to_string(i));
      }
      if (i < surveys) db.record_satisfaction(contract, 60 + i % 40, {on});
    }
  } catch (const std::exception& e) {
    std::cerr << "event_writer: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
