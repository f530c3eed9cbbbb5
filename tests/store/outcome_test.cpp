// Every commit has a defined outcome: an I/O error while committing either is
// proven absent (StorageError, the write is not there after a reopen) or is
// Errc::outcome_unknown, after which the handle refuses writes until it is
// reopened — never "failed" and present. I/O errors come from a test-only
// SQLite VFS (tests/support/fault_vfs.c).
#include <gtest/gtest.h>

#include <functional>

#include "../contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/fault_vfs.h"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;

namespace {

class OutcomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(fault_vfs_install(), 0);
    path_ = dir_.file("company.db");
    Database db(path_);
    test::add_company(db);
    db.define_numbering("memo", "M-{year}-{seq:4}");
    paid_ = test::active_contract(db).id;
  }
  void TearDown() override { fault_vfs_disarm(); }

  ContractSpec spec(const std::string& external_id) const {
    ContractSpec s = test::sales_spec("500000.00");
    s.external_id = external_id;
    return s;
  }
  static bool has_contract(Database& db, const std::string& external_id) {
    ContractFilter f;
    f.external_id = external_id;
    return !db.find_contracts(f).empty();
  }
  static bool has_payment(Database& db, std::int64_t contract, const std::string& ref) {
    for (const Event& e : db.events(contract)) {
      if (e.type == EventType::payment_received && e.key == ref) return true;
    }
    return false;
  }
  static std::size_t numbers_of(Database& db, const std::string& owner) {
    std::size_t n = 0;
    for (const std::string& number : db.find_numbers("M-", 1000)) n += db.issued_number(number).owner == owner ? 1 : 0;
    return n;
  }

  test::TempDir dir_;
  std::string path_;
  std::int64_t paid_ = 0;
};

}  // namespace

// The defect: a failed sync of the log refused the write with PACTUM_ESTORAGE,
// and recovery brought the "refused" contract back after a reopen. Now the
// write is "outcome unknown", the handle refuses writes, and a retry with the
// same external id after reopening finds the contract instead of duplicating it.
TEST_F(OutcomeTest, FailedLogSyncIsOutcomeUnknownAndARetryWithTheSameKeyIsSafe) {
  {
    Database db(path_);
    // A committed write in the log first: emptying the log now needs a sync
    // (to checkpoint it), which fails like every sync from here on.
    db.record_payment(paid_, cny("1.00"), d("2024-02-01"), "BANK-0");
    fault_vfs_arm(FAULT_SYNC, nullptr, 1, 1);
    try {
      db.create_contract(spec("ERP-1"));
      FAIL() << "the commit succeeded";
    } catch (const StorageError& e) {
      EXPECT_EQ(e.code(), Errc::outcome_unknown);
      EXPECT_EQ(e.key(), "store.outcome_unknown");
    }
    EXPECT_GE(fault_vfs_failures(), 1);
    // Every later write through this handle is refused; nothing is attempted.
    try {
      db.record_payment(paid_, cny("1.00"), d("2024-02-01"), "BANK-1");
      FAIL() << "a write went through a handle whose last commit is unknown";
    } catch (const StateError& e) {
      EXPECT_EQ(e.key(), "store.reopen_required");
    }
    EXPECT_THROW(db.transaction(), StateError);
    // Closed with the disk still failing: the log keeps what it holds.
  }
  fault_vfs_disarm();
  Database db(path_);
  // The write came back with the log (the outcome was rightly "unknown")...
  EXPECT_TRUE(has_contract(db, "ERP-1"));
  // ...and the retry with the same key returns it: one contract.
  const Contract again = db.create_contract(spec("ERP-1"));
  ContractFilter f;
  f.external_id = "ERP-1";
  ASSERT_EQ(db.find_contracts(f).size(), 1u);
  EXPECT_EQ(again.id, db.find_contracts(f).front().id);
}

TEST_F(OutcomeTest, AFailureTheHandleCanUndoIsProvenAbsentAndTheHandleStaysWritable) {
  Database db(path_);
  fault_vfs_arm(FAULT_SYNC, "-wal", 1, 0);  // only the commit's own sync fails
  try {
    db.create_contract(spec("ERP-2"));
    FAIL() << "the commit succeeded";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), Errc::storage);
    EXPECT_EQ(e.key(), "store.commit_failed");
  }
  fault_vfs_disarm();
  EXPECT_FALSE(has_contract(db, "ERP-2"));
  db.record_payment(paid_, cny("1.00"), d("2024-02-01"), "BANK-2");  // the handle still writes
  Database other(path_);
  EXPECT_FALSE(has_contract(other, "ERP-2"));
  EXPECT_TRUE(has_payment(other, paid_, "BANK-2"));
}

// With nothing committed in the log yet, emptying the log needs no sync:
// the failed commit's frames are truncated away, which proves it absent.
TEST_F(OutcomeTest, AFailedLogSyncWithAnEmptyableLogIsProvenAbsent) {
  {
    Database db(path_);
    fault_vfs_arm(FAULT_SYNC, "-wal", 1, 1);
    try {
      db.create_contract(spec("ERP-3"));
      FAIL() << "the commit succeeded";
    } catch (const StorageError& e) {
      EXPECT_EQ(e.key(), "store.commit_failed");
    }
  }
  fault_vfs_disarm();
  Database db(path_);
  EXPECT_FALSE(has_contract(db, "ERP-3"));
}

// A small sweep: the n-th write or sync of a workload fails, once or from
// then on; each call either succeeds and survives a reopen, or fails and is
// absent after a reopen, or is "outcome unknown" and its retry with the same
// key after a reopen is recorded once. (tests/fault: the full sweep.)
TEST_F(OutcomeTest, EveryFailingWriteOrSyncOfAWorkloadHasADefinedOutcome) {
  struct Step {
    std::function<void(Database&)> run;
    std::function<bool(Database&)> present;
  };
  const std::vector<Step> steps = {
      {[&](Database& db) { db.create_contract(spec("SW-1")); }, [&](Database& db) { return has_contract(db, "SW-1"); }},
      {[&](Database& db) { db.issue_number("memo", d("2024-02-01"), {}, std::string("O-1")); },
       [&](Database& db) { return numbers_of(db, "O-1") == 1; }},
      {[&](Database& db) { db.record_payment(paid_, cny("10.00"), d("2024-02-01"), "SW-P1"); },
       [&](Database& db) { return has_payment(db, paid_, "SW-P1"); }},
  };
  int cases = 0;
  for (int op : {FAULT_WRITE, FAULT_SYNC}) {
    for (int persistent : {0, 1}) {
      for (int nth = 1; nth <= 12; ++nth) {
        test::TempDir dir;
        const std::string path = dir.file("sweep.db");
        std::filesystem::copy_file(path_, path);
        std::vector<int> outcome(steps.size(), 0);  // 0 ok, 1 failed, 2 unknown
        {
          Database db(path);
          fault_vfs_arm(op, nullptr, nth, persistent);
          for (std::size_t i = 0; i < steps.size(); ++i) {
            try {
              steps[i].run(db);
            } catch (const Error& e) {
              outcome[i] = e.code() == Errc::outcome_unknown ? 2 : 1;
              if (e.code() != Errc::outcome_unknown && e.key() == "store.reopen_required") outcome[i] = 3;
            }
          }
        }
        fault_vfs_disarm();
        Database db(path);
        for (std::size_t i = 0; i < steps.size(); ++i) {
          SCOPED_TRACE("op " + std::to_string(op) + " persistent " + std::to_string(persistent) + " nth " +
                       std::to_string(nth) + " step " + std::to_string(i));
          if (outcome[i] == 0) {
            EXPECT_TRUE(steps[i].present(db)) << "acknowledged, then lost";
          }
          if (outcome[i] == 1 || outcome[i] == 3) {
            EXPECT_FALSE(steps[i].present(db)) << "refused, then back";
          }
          if (outcome[i] == 2 && i != 1) {  // a standalone number has no key: nothing to retry safely
            steps[i].run(db);
            EXPECT_TRUE(steps[i].present(db));
          }
        }
        ContractFilter f;
        f.external_id = "SW-1";
        EXPECT_LE(db.find_contracts(f).size(), 1u);
        ++cases;
      }
    }
  }
  EXPECT_EQ(cases, 48);
}
