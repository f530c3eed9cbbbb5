// The storage interface's conformance suite (src/store/backend.hpp): the
// contract every implementation keeps — units of work that nest and roll
// back exactly, settings, numbering counters held until the unit ends, an
// event log in sequence order with one event per key, a snapshot replaced
// as a whole, the org directory's records with their dated history — and
// what a second handle sees before and after a commit. It is written
// against the interface only (conformance.hpp lists the implementations);
// the record tables of each domain have their own file,
// conformance_<domain>_test.cpp.
#include "conformance.hpp"

using namespace pactum;
using store::CounterRow;
using store::NewEvent;
using store::Storage;
using conformance::Backend;
using conformance::StorageConformance;
using conformance::day;

namespace {

NewEvent payment(std::int64_t contract, std::int64_t units, const char* key) {
  NewEvent e;
  e.type = EventType::payment_received;
  e.contract = contract;
  e.effective = Date::parse("2024-03-01");
  e.actor = "E1";
  e.source = "erp";
  e.key = key;
  e.amount = units;
  e.reason = "第一期";
  e.payload = R"({"note":"x"})";
  return e;
}

NewEvent clock_event(const char* day) {
  NewEvent e;
  e.type = EventType::clock_advanced;
  e.effective = Date::parse(day);
  return e;
}

}  // namespace

TEST_P(StorageConformance, SettingsRoundTripAndRollBack) {
  s().begin();
  EXPECT_FALSE(s().meta("conformance.absent").has_value());
  s().set_meta("conformance.a", "一");
  s().set_meta("conformance.a", "two");
  EXPECT_EQ(s().meta("conformance.a"), "two");
  s().commit();

  s().begin();
  s().set_meta("conformance.a", "three");
  s().set_meta("conformance.b", "x");
  s().rollback();
  s().begin();
  EXPECT_EQ(s().meta("conformance.a"), "two");
  EXPECT_FALSE(s().meta("conformance.b").has_value());
  s().commit();
}

TEST_P(StorageConformance, SettingsByPrefixInKeyOrder) {
  s().begin();
  s().set_meta("conf.b", "2");
  s().set_meta("conf.a", "1");
  s().set_meta("conf/", "not under conf.");
  s().set_meta("conf", "not under conf. either");
  s().set_meta("conf.標籤", "3");
  using Settings = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(s().meta_with_prefix("conf."), (Settings{{"conf.a", "1"}, {"conf.b", "2"}, {"conf.標籤", "3"}}));
  EXPECT_TRUE(s().meta_with_prefix("absent.").empty());
  s().commit();
}

TEST_P(StorageConformance, CountersAreHeldUntilTheUnitEnds) {
  s().begin();
  CounterRow c = s().counter("R", "2024");
  EXPECT_EQ(c.id, 0);
  s().store_counter(c, "R", "2024", 2);
  EXPECT_NE(c.id, 0);
  EXPECT_EQ(c.next, 2);
  EXPECT_EQ(s().counter("R", "2024").next, 2);
  EXPECT_EQ(s().counter("R", "2025").id, 0);  // scopes are apart
  s().commit();

  // A rollback gives the numbers back.
  s().begin();
  CounterRow again = s().counter("R", "2024");
  s().store_counter(again, "R", "2024", 7);
  s().rollback();
  s().begin();
  EXPECT_EQ(s().counter("R", "2024").next, 2);
  // An inner unit rolled back undoes only itself.
  CounterRow outer = s().counter("R", "2024");
  s().store_counter(outer, "R", "2024", 3);
  s().begin();
  CounterRow inner = s().counter("R", "2024");
  s().store_counter(inner, "R", "2024", 9);
  s().rollback();
  EXPECT_EQ(s().counter("R", "2024").next, 3);
  s().commit();
  s().begin();
  EXPECT_EQ(s().counter("R", "2024").next, 3);
  s().commit();
}

TEST_P(StorageConformance, EventsAreAppendedInSequenceOrderAndReadBackWhole) {
  const std::int64_t usd = backend_->contract("USD");
  s().begin();
  const std::int64_t before = s().last_event_seq();
  const auto a = s().append_event(payment(usd, 1234500, "P-1"), "2024-03-01T08:00:00.000Z");
  const auto b = s().append_event(clock_event("2024-03-02"), "2024-03-02T08:00:00.000Z");
  const auto c = s().append_event(payment(usd, 100, "P-2"), "2024-03-02T09:00:00.000Z");
  s().commit();
  ASSERT_TRUE(a && b && c);
  EXPECT_GT(*a, before);
  EXPECT_LT(*a, *b);
  EXPECT_LT(*b, *c);

  s().begin();
  EXPECT_EQ(s().last_event_seq(), *c);
  const std::vector<Event> after = s().events_after(before, 100);
  ASSERT_EQ(after.size(), 3U);
  EXPECT_EQ(after[0].seq, *a);
  EXPECT_EQ(after[2].seq, *c);
  const Event& p = after[0];
  EXPECT_EQ(p.type, EventType::payment_received);
  EXPECT_EQ(p.contract, usd);
  EXPECT_EQ(p.effective, Date::parse("2024-03-01"));
  EXPECT_EQ(p.recorded_at, "2024-03-01T08:00:00.000Z");
  EXPECT_EQ(p.actor, "E1");
  EXPECT_EQ(p.source, "erp");
  EXPECT_EQ(p.key, "P-1");
  ASSERT_TRUE(p.amount.has_value());
  EXPECT_EQ(*p.amount, Money::parse("123.45", "USD"));  // in its contract's currency
  EXPECT_EQ(p.reason, "第一期");
  EXPECT_EQ(p.payload, R"({"note":"x"})");
  EXPECT_FALSE(after[1].contract.has_value());
  EXPECT_FALSE(after[1].amount.has_value());
  EXPECT_TRUE(after[1].payload.empty());

  EXPECT_EQ(s().events_after(before, 2).size(), 2U);  // the limit
  EXPECT_TRUE(s().events_after(*c, 10).empty());
  EXPECT_EQ(s().event(*b)->type, EventType::clock_advanced);
  EXPECT_FALSE(s().event(*c + 1000).has_value());
  const std::vector<Event> of_contract = s().contract_events(usd);
  ASSERT_GE(of_contract.size(), 2U);  // its created event, then the two payments
  EXPECT_EQ(of_contract.back().seq, *c);
  for (std::size_t i = 1; i < of_contract.size(); ++i) EXPECT_LT(of_contract[i - 1].seq, of_contract[i].seq);
  s().commit();
}

TEST_P(StorageConformance, AKeyNamesOneEvent) {
  const std::int64_t id = backend_->contract("CNY");
  s().begin();
  const auto first = s().append_event(payment(id, 500, "K-1"), "t1");
  ASSERT_TRUE(first.has_value());
  const std::int64_t last = s().last_event_seq();
  EXPECT_FALSE(s().append_event(payment(id, 999, "K-1"), "t2").has_value());
  EXPECT_EQ(s().last_event_seq(), last);  // nothing appended
  EXPECT_EQ(s().keyed_event("erp", "K-1"), first);
  EXPECT_FALSE(s().keyed_event("other", "K-1").has_value());
  NewEvent elsewhere = payment(id, 500, "K-1");
  elsewhere.source = "bank";
  EXPECT_TRUE(s().append_event(elsewhere, "t3").has_value());  // keys are per source
  s().commit();
}

TEST_P(StorageConformance, ARolledBackAppendLeavesNoTrace) {
  const std::int64_t id = backend_->contract("CNY");
  s().begin();
  const std::int64_t committed = s().last_event_seq();
  s().commit();
  s().begin();
  ASSERT_TRUE(s().append_event(payment(id, 500, "R-1"), "t").has_value());
  s().rollback();
  s().begin();
  EXPECT_EQ(s().last_event_seq(), committed);
  EXPECT_FALSE(s().keyed_event("erp", "R-1").has_value());
  const auto again = s().append_event(payment(id, 500, "R-1"), "t");  // the key is free again
  ASSERT_TRUE(again.has_value());
  EXPECT_GT(*again, committed);
  s().commit();
}

TEST_P(StorageConformance, AnotherHandleSeesOnlyCommittedState) {
  s(0).begin();
  s(0).set_meta("conformance.shared", "v1");
  const auto seq = s(0).append_event(clock_event("2024-05-01"), "t");
  ASSERT_TRUE(seq.has_value());
  EXPECT_FALSE(s(1).meta("conformance.shared").has_value());
  EXPECT_LT(s(1).last_event_seq(), *seq);
  s(0).commit();
  EXPECT_EQ(s(1).meta("conformance.shared"), "v1");
  EXPECT_EQ(s(1).last_event_seq(), *seq);
  EXPECT_EQ(s(1).event(*seq)->effective, Date::parse("2024-05-01"));
}

TEST_P(StorageConformance, TheSnapshotIsReplacedAsAWhole) {
  // Bytes of every value, a zero byte included: the body is binary.
  const std::string binary("a\0b\xff", 4);
  auto put = [&](const std::string& head, const std::vector<std::string>& parts) {
    s().clear_snapshot();
    for (std::size_t i = 0; i < parts.size(); ++i) s().put_snapshot_part(static_cast<std::int64_t>(i + 1), parts[i]);
    s().put_snapshot_head(head);
  };
  s().begin();
  EXPECT_FALSE(s().snapshot_head().has_value());
  EXPECT_FALSE(s().snapshot_part(1).has_value());
  put("head 1", {binary, "cd", "ef"});
  s().commit();

  s().begin();
  EXPECT_EQ(s().snapshot_head(), "head 1");
  EXPECT_EQ(s().snapshot_part(1), binary);
  EXPECT_EQ(s().snapshot_part(3), "ef");
  EXPECT_FALSE(s().snapshot_part(4).has_value());
  put("head 2", {"z"});
  s().rollback();  // the old snapshot stays whole

  s().begin();
  EXPECT_EQ(s().snapshot_head(), "head 1");
  EXPECT_EQ(s().snapshot_part(2), "cd");
  put("head 2", {"z"});
  s().commit();
  s().begin();
  EXPECT_EQ(s().snapshot_head(), "head 2");
  EXPECT_EQ(s().snapshot_part(1), "z");
  EXPECT_FALSE(s().snapshot_part(2).has_value());  // the old parts went with the old head
  s().commit();
}

TEST_P(StorageConformance, DepartmentsAndTheirManagersAsOfADate) {
  store::OrgRecords& org = s().org();
  s().begin();
  EXPECT_FALSE(org.department("HQ").has_value());
  org.insert_department({"HQ", "总部", std::nullopt});
  org.insert_department({"RD", "研发部", std::string("HQ")});
  org.insert_employee({"M1", "经理一", std::nullopt, std::nullopt, std::nullopt});
  org.insert_employee({"M2", "经理二", std::nullopt, std::nullopt, std::nullopt});
  EXPECT_EQ(org.department("RD"), (store::DepartmentRecord{"RD", "研发部", std::string("HQ")}));
  std::vector<std::string> codes;
  for (const auto& d : org.departments()) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"HQ", "RD", "SD"}));  // by code

  EXPECT_FALSE(org.manager_on("RD", day("2024-01-01")).has_value());
  org.store_manager("RD", std::nullopt, "M1");  // since always
  org.store_manager("RD", day("2024-06-01"), "M2");
  EXPECT_EQ(org.manager_on("RD", day("1990-01-01")), "M1");
  EXPECT_EQ(org.manager_on("RD", day("2024-05-31")), "M1");
  EXPECT_EQ(org.manager_on("RD", day("2024-06-01")), "M2");
  org.store_manager("RD", day("2024-06-01"), "M1");  // the same date: replaced
  EXPECT_EQ(org.manager_on("RD", day("2024-12-31")), "M1");
  s().commit();
  EXPECT_EQ(s(1).org().department("HQ")->name, "总部");
}

TEST_P(StorageConformance, ADepartmentsManagersInDateOrder) {
  store::OrgRecords& org = s().org();
  s().begin();
  org.insert_department({"MK", "市场部", std::nullopt});
  for (const char* id : {"E2", "E3", "E9"}) org.insert_employee({id, id, std::nullopt, std::nullopt, std::nullopt});
  EXPECT_TRUE(org.managers("MK").empty());
  org.store_manager("MK", day("2024-06-01"), "E1");
  org.store_manager("MK", std::nullopt, "E9");
  org.store_manager("MK", day("2024-01-01"), "E2");
  org.store_manager("MK", day("2024-06-01"), "E3");  // replaces the one of that date
  using Managers = std::vector<std::pair<std::optional<Date>, std::string>>;
  EXPECT_EQ(org.managers("MK"), (Managers{{std::nullopt, "E9"}, {day("2024-01-01"), "E2"}, {day("2024-06-01"), "E3"}}));
  EXPECT_TRUE(org.managers("XX").empty());
  s().rollback();
}

TEST_P(StorageConformance, EmployeesAndTheirPostingsAsOfADate) {
  store::OrgRecords& org = s().org();
  s().begin();
  const store::EmployeeRecord e2{"E2", "李四", std::string("E1"), day("2021-06-01"), std::nullopt};
  org.insert_employee(e2);
  EXPECT_EQ(org.employee("E2"), e2);
  EXPECT_FALSE(org.employee("E9").has_value());
  EXPECT_TRUE(org.postings("E2").empty());
  org.insert_department({"RD", "研发部", std::nullopt});
  org.store_posting("E2", std::nullopt, "SD", "sales");
  org.store_posting("E2", day("2024-03-01"), "RD", "engineer");
  org.store_posting("E2", day("2024-03-01"), "RD", "lead");  // the same date: replaced
  EXPECT_EQ(org.postings("E2"), (std::vector<Posting>{{"SD", "sales", std::nullopt}, {"RD", "lead", day("2024-03-01")}}));

  auto ids = [&](Date on, std::optional<std::string> department) {
    std::vector<std::string> out;
    for (const store::PostedEmployee& p : org.employees_on(on, department)) out.push_back(p.employee.id + "@" + p.department);
    return out;
  };
  EXPECT_EQ(ids(day("2024-02-29"), std::nullopt), (std::vector<std::string>{"E1@SD", "E2@SD"}));
  EXPECT_EQ(ids(day("2024-03-01"), std::nullopt), (std::vector<std::string>{"E1@SD", "E2@RD"}));
  EXPECT_EQ(ids(day("2024-03-01"), std::string("RD")), (std::vector<std::string>{"E2@RD"}));
  EXPECT_EQ(org.employees_on(day("2024-03-01"), std::string("RD"))[0].position, "lead");

  org.store_employee_manager("E2", std::nullopt);
  org.store_departure("E2", day("2024-09-30"));
  EXPECT_EQ(org.employee("E2"), (store::EmployeeRecord{"E2", "李四", std::nullopt, day("2021-06-01"), day("2024-09-30")}));
  s().rollback();  // nothing of it stays
  s().begin();
  EXPECT_FALSE(org.employee("E2").has_value());
  EXPECT_TRUE(org.postings("E2").empty());
  EXPECT_FALSE(org.department("RD").has_value());
  s().commit();
}

TEST_P(StorageConformance, RolesHoldFromTheirDateUntilTheirEnd) {
  store::OrgRecords& org = s().org();
  s().begin();
  org.insert_employee({"F1", "财务一", std::nullopt, std::nullopt, std::nullopt});
  org.insert_employee({"F2", "财务二", std::nullopt, day("2024-02-01"), day("2024-10-01")});
  org.open_role("finance", std::nullopt, "F1", std::nullopt);
  org.open_role("finance", std::string("SD"), "F2", day("2024-01-01"));
  EXPECT_EQ(org.role_assignments("finance", std::string("SD"), "F2"),
            (std::vector<RoleAssignment>{{"F2", "finance", std::string("SD"), day("2024-01-01"), std::nullopt}}));
  EXPECT_TRUE(org.role_assignments("finance", std::nullopt, "F2").empty());

  using Ids = std::vector<std::string>;
  // Employed on the date as well: F2 is hired on 2024-02-01 and leaves on 2024-10-01.
  EXPECT_EQ(org.role_holders_on("finance", std::string("SD"), day("2024-01-15")), Ids{});
  EXPECT_EQ(org.role_holders_on("finance", std::string("SD"), day("2024-02-01")), Ids{"F2"});
  EXPECT_EQ(org.role_holders_on("finance", std::string("SD"), day("2024-10-01")), Ids{});
  EXPECT_EQ(org.role_holders_on("finance", std::nullopt, day("2024-02-01")), Ids{"F1"});  // exactly that scope

  org.close_role("finance", std::string("SD"), "F2", day("2024-01-01"), day("2024-05-01"));
  EXPECT_EQ(org.role_holders_on("finance", std::string("SD"), day("2024-04-30")), Ids{"F2"});
  EXPECT_EQ(org.role_holders_on("finance", std::string("SD"), day("2024-05-01")), Ids{});
  org.open_role("finance", std::string("SD"), "F2", day("2024-01-01"));  // reopened
  EXPECT_EQ(org.role_holders_on("finance", std::string("SD"), day("2024-05-01")), Ids{"F2"});
  org.open_role("audit", std::nullopt, "F2", day("2024-03-01"));
  org.open_role("audit", std::string("SD"), "F2", day("2024-02-01"));
  std::vector<std::string> roles;
  for (const RoleAssignment& r : org.roles_of("F2")) roles.push_back(r.role + "/" + r.department.value_or("*"));
  EXPECT_EQ(roles, (Ids{"audit/*", "audit/SD", "finance/SD"}));  // by role, company-wide first
  s().commit();
}

TEST_P(StorageConformance, TheDataVersionMovesWithAnotherHandlesCommit) {
  s(0).begin();
  const std::uint64_t before = s(0).data_version();
  s(0).commit();
  s(1).begin();
  s(1).set_meta("conformance.v", "1");
  s(1).commit();
  s(0).begin();
  EXPECT_NE(s(0).data_version(), before);
  s(0).commit();
}

TEST_P(StorageConformance, AReadUnitSeesOneCommittedState) {
  s(1).begin();
  s(1).set_meta("conformance.r", "old");
  s(1).commit();
  s(0).begin_read();
  EXPECT_EQ(s(0).meta("conformance.r"), "old");
  s(1).begin();
  s(1).set_meta("conformance.r", "new");
  s(1).commit();
  EXPECT_EQ(s(0).meta("conformance.r"), "old");  // the same state until it ends
  s(0).end_read();
  EXPECT_EQ(s(0).meta("conformance.r"), "new");
  s(0).begin_read();
  s(0).abandon_read();
  s(0).abandon_read();  // nothing open: still no throw
  EXPECT_EQ(s(0).meta("conformance.r"), "new");
}

TEST_P(StorageConformance, AQuietUnitDoesNotWaitForAnotherWriter) {
  s(1).begin();
  s(1).set_meta("conformance.q", "held");
  EXPECT_FALSE(s(0).try_begin_quiet());  // at once, nothing begun
  s(1).commit();
  ASSERT_TRUE(s(0).try_begin_quiet());
  s(0).set_meta("conformance.q", "quiet");
  s(0).commit_quiet();
  EXPECT_EQ(s(1).meta("conformance.q"), "quiet");
  ASSERT_TRUE(s(0).try_begin_quiet());
  s(0).set_meta("conformance.q", "undone");
  s(0).rollback_quiet();
  EXPECT_EQ(s(0).meta("conformance.q"), "quiet");
  EXPECT_EQ(s(1).meta("conformance.q"), "quiet");
}

TEST_P(StorageConformance, ABulkHintChangesNothingElse) {
  s().begin_bulk();
  s().begin_bulk();  // nested
  s().begin();
  s().set_meta("conformance.bulk", "1");
  s().commit();
  s().end_bulk();
  s().end_bulk();
  s().end_bulk();  // one too many: nothing happens
  EXPECT_EQ(s(1).meta("conformance.bulk"), "1");
}

PACTUM_CONFORMANCE_SUITE(StorageConformance);
