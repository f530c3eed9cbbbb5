// The storage interface's conformance suite, the records of numbering
// (src/store/backend_numbering.hpp, NumberingRecords).
#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;
using conformance::day;
using conformance::event_of;

namespace {

class NumberingRecordsConformance : public StorageConformance {
 protected:
  store::NumberingRecords& records(int h = 0) { return s(h).numbering(); }
};

}  // namespace

TEST_P(NumberingRecordsConformance, RuleVersionsAreKeptAndTheNewestIsLatest) {
  store::NumberingRecords& r = records();
  s().begin();
  EXPECT_FALSE(r.latest_rule("HT").has_value());
  EXPECT_TRUE(r.rule_patterns("HT").empty());
  r.insert_rule({"HT", 1, "HT-{yyyy}-{seq:3}", NumberingMode::gapless});
  r.insert_rule({"HT", 2, "HT-{yyyy}-{dept}-{seq:3}", NumberingMode::fast});
  r.insert_rule({"A", 1, "A-{seq:4}", NumberingMode::gapless});
  EXPECT_EQ(r.latest_rule("HT"), (store::RuleRecord{"HT", 2, "HT-{yyyy}-{dept}-{seq:3}", NumberingMode::fast}));
  EXPECT_EQ(r.rule("HT", 1), (store::RuleRecord{"HT", 1, "HT-{yyyy}-{seq:3}", NumberingMode::gapless}));
  EXPECT_FALSE(r.rule("HT", 3).has_value());
  EXPECT_EQ(r.rule_patterns("HT"), (std::vector<std::string>{"HT-{yyyy}-{dept}-{seq:3}", "HT-{yyyy}-{seq:3}"}));
  // The newest version of each rule (the library's own default rules too), by id.
  std::vector<store::RuleRecord> latest;
  for (store::RuleRecord& rule : r.latest_rules()) {
    if (rule.id == "A" || rule.id == "HT") latest.push_back(std::move(rule));
  }
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].id, "A");
  EXPECT_EQ(latest[1], (store::RuleRecord{"HT", 2, "HT-{yyyy}-{dept}-{seq:3}", NumberingMode::fast}));
  s().commit();

  s().begin();
  r.insert_rule({"HT", 3, "X-{seq:3}", NumberingMode::gapless});
  s().rollback();
  s().begin();
  EXPECT_EQ(r.latest_rule("HT")->version, 2);
  s().commit();
}

TEST_P(NumberingRecordsConformance, ANumberIsRegisteredOnce) {
  store::NumberingRecords& r = records();
  const std::string rule = "HT";
  const std::string on = "2024-03-01";
  const std::optional<std::string> owner = std::string("E1");
  const std::optional<std::string> none;
  s().begin();
  r.insert_rule({rule, 1, "HT-{yyyy}-{seq:3}", NumberingMode::gapless});
  const std::string first = "HT-2024-001";
  EXPECT_FALSE(r.is_registered(first));
  EXPECT_TRUE(r.register_number({first, rule, 1, 7, 1, on, owner}));
  const std::string taken = "HT-2024-001";
  EXPECT_FALSE(r.register_number({taken, rule, 1, 7, 2, on, none}));  // taken: nothing changes
  EXPECT_TRUE(r.is_registered(first));
  const auto issued = r.issued(first);
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->number, first);
  EXPECT_EQ(issued->rule_id, "HT");
  EXPECT_EQ(issued->rule_version, 1);
  EXPECT_EQ(issued->seq, 1);
  EXPECT_EQ(issued->issued_on, day("2024-03-01"));
  EXPECT_EQ(issued->owner, "E1");
  EXPECT_FALSE(issued->voided);
  EXPECT_FALSE(issued->voided_on.has_value());
  EXPECT_FALSE(r.issued("HT-2024-009").has_value());

  EXPECT_TRUE(r.set_owner(first, "C-17"));
  EXPECT_EQ(r.issued(first)->owner, "C-17");
  EXPECT_FALSE(r.set_owner("HT-2024-009", "C-1"));
  s().commit();

  // Another handle sees the committed registry.
  EXPECT_TRUE(s(1).numbering().is_registered(first));

  s().begin();
  const std::string second = "HT-2024-002";
  EXPECT_TRUE(r.register_number({second, rule, 1, 7, 2, on, none}));
  s().rollback();
  s().begin();
  EXPECT_FALSE(r.is_registered(second));
  s().commit();
}

TEST_P(NumberingRecordsConformance, AVoidKeepsItsFirstReasonAndDate) {
  store::NumberingRecords& r = records();
  const std::string rule = "HT";
  const std::string on = "2024-03-01";
  const std::optional<std::string> none;
  const std::string number = "HT-2024-001";
  s().begin();
  r.insert_rule({rule, 1, "HT-{yyyy}-{seq:3}", NumberingMode::gapless});
  ASSERT_TRUE(r.register_number({number, rule, 1, 1, 1, on, none}));
  r.store_void(number, "作废：客户取消", day("2024-03-05"));
  r.store_void(number, "again", day("2024-04-01"));  // a void number is left as it is
  const auto issued = r.issued(number);
  EXPECT_TRUE(issued->voided);
  EXPECT_EQ(issued->void_reason, "作废：客户取消");
  EXPECT_EQ(issued->voided_on, day("2024-03-05"));
  s().commit();
}

TEST_P(NumberingRecordsConformance, NumbersBetweenBoundsInByteOrder) {
  store::NumberingRecords& r = records();
  const std::string rule = "N";
  const std::string on = "2024-03-01";
  const std::optional<std::string> none;
  s().begin();
  r.insert_rule({rule, 1, "{text}", NumberingMode::gapless});
  // Registered out of order; byte order puts "XSC-2024-SD-010" before "XSC-2024-SE-001".
  const std::vector<std::string> numbers = {"XSC-2024-SE-001", "XSC-2024-SD-002", "XSC-2024-SD-010",
                                            "XSC-2024-SD-001", "HT-2024-销售部-001", "XSC-2025-SD-001"};
  std::int64_t seq = 0;
  for (const std::string& n : numbers) ASSERT_TRUE(r.register_number({n, rule, 1, 1, ++seq, on, none}));
  using Numbers = std::vector<std::string>;
  EXPECT_EQ(r.numbers_between("XSC-2024-SD", false, "XSC-2024-SE", 10),
            (Numbers{"XSC-2024-SD-001", "XSC-2024-SD-002", "XSC-2024-SD-010"}));
  EXPECT_EQ(r.numbers_between("XSC-2024-SD", false, "XSC-2024-SE", 2), (Numbers{"XSC-2024-SD-001", "XSC-2024-SD-002"}));
  // From a number on, that number excluded (the next page) or included.
  EXPECT_EQ(r.numbers_between("XSC-2024-SD-002", true, "XSC-2024-SE", 10), (Numbers{"XSC-2024-SD-010"}));
  EXPECT_EQ(r.numbers_between("XSC-2024-SD-002", false, "XSC-2024-SE", 10),
            (Numbers{"XSC-2024-SD-002", "XSC-2024-SD-010"}));
  EXPECT_EQ(r.numbers_between("HT-2024-销售部", false, "HT-2024-销售部\xFF", 10), (Numbers{"HT-2024-销售部-001"}));
  EXPECT_TRUE(r.numbers_between("Z", false, "[", 10).empty());
  s().commit();
}

TEST_P(NumberingRecordsConformance, TheStatusOfAContractByItsNumber) {
  const std::int64_t id = backend_->contract("CNY");
  store::NumberingRecords& r = records();
  s().begin();
  EXPECT_FALSE(r.contract_status_of("NOT-A-CONTRACT").has_value());
  s().commit();
  // The contract's number as the library issued it.
  const std::string number = backend_->number_of(id);
  s().begin();
  EXPECT_EQ(r.contract_status_of(number), ContractStatus::draft);
  s().commit();
}

PACTUM_CONFORMANCE_SUITE(NumberingRecordsConformance);
