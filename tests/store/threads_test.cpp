// A transaction belongs to the thread that opened it: while it is open, the
// handle refuses calls from any other thread (StateError, store.other_thread),
// so a rollback can never discard another thread's acknowledged write.
#include <gtest/gtest.h>

#include <thread>

#include "../contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;

namespace {

// Runs `fn` on another thread and returns the key of the pactum::Error it
// threw ("" when it returned).
template <class Fn>
std::string on_other_thread(Fn&& fn) {
  std::string key;
  std::thread t([&] {
    try {
      fn();
    } catch (const StateError& e) {
      key = e.key();
    } catch (const Error& e) {
      key = "unexpected " + e.key();
    }
  });
  t.join();
  return key;
}

bool has_payment(Database& db, std::int64_t contract, const std::string& ref) {
  for (const Event& e : db.events(contract)) {
    if (e.type == EventType::payment_received && e.key == ref) return true;
  }
  return false;
}

}  // namespace

// The defect: thread B's payment, acknowledged, landed inside thread A's open
// transaction and disappeared with A's rollback.
TEST(ThreadsTest, AnotherThreadsWriteIsRefusedWhileATransactionIsOpen) {
  test::TempDir dir;
  Database db(dir.file("shared.db"));
  test::add_company(db);
  const std::int64_t id = test::active_contract(db).id;

  Database::Transaction tx = db.transaction();
  db.record_payment(id, cny("100.00"), d("2024-02-01"), "A-1");
  EXPECT_EQ(on_other_thread([&] { db.record_payment(id, cny("200.00"), d("2024-02-01"), "B-1"); }), "store.other_thread");
  // Reads too: they would see A's uncommitted writes.
  EXPECT_EQ(on_other_thread([&] { db.contract(id); }), "store.other_thread");
  EXPECT_EQ(on_other_thread([&] { db.transaction(); }), "store.other_thread");
  tx.rollback();

  EXPECT_FALSE(has_payment(db, id, "A-1"));
  EXPECT_FALSE(has_payment(db, id, "B-1"));  // B was told it failed, and it did
  // Once A's transaction is over, B writes normally.
  EXPECT_EQ(on_other_thread([&] { db.record_payment(id, cny("200.00"), d("2024-02-01"), "B-1"); }), "");
  EXPECT_TRUE(has_payment(db, id, "B-1"));
}

TEST(ThreadsTest, OnlyTheOwningThreadClosesItsTransaction) {
  Database db(":memory:");
  test::add_company(db);
  const std::int64_t id = test::active_contract(db).id;
  std::optional<Database::Transaction> tx(db.transaction());
  db.record_payment(id, cny("100.00"), d("2024-02-01"), "A-1");
  EXPECT_EQ(on_other_thread([&] { tx->commit(); }), "store.other_thread");
  EXPECT_EQ(on_other_thread([&] { tx->rollback(); }), "store.other_thread");
  ASSERT_TRUE(tx->open());
  EXPECT_TRUE(db.in_transaction());
  tx->commit();
  EXPECT_TRUE(has_payment(db, id, "A-1"));
}

TEST(ThreadsTest, ThreadsTakeTurnsOnOneHandleOutsideTransactions) {
  Database db(":memory:");
  test::add_company(db);
  const std::int64_t id = test::active_contract(db).id;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string ref = "T";
        ref += std::to_string(t * 100 + i);
        db.record_payment(id, cny("1.00"), d("2024-02-01"), ref);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(db.execution(id).collected, cny("100.00"));
}
