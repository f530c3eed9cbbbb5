// Routing tables stored in the database: the default table of a new
// database, loading with the checker as gatekeeper, immutable versions, the
// current table, transactions and languages.
#include <gtest/gtest.h>

#include <filesystem>

#include "approval/routing_support.hpp"
#include "pactum/store/database.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

using Names = std::vector<std::string>;

std::string article(int version = 1, const char* policy = "UNIQUE") {
  return std::string(R"({"id": "article", "version": )") + std::to_string(version) + R"(, "hit_policy": ")" + policy +
         R"(", "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
    "rules": [
      {"id": "over-100000", "when": {"amount": "> 100000"}, "route": [{"role": "general_manager"}]},
      {"id": "under-50000", "when": {"amount": "< 50000"}, "route": [{"role": "dept_manager"}]}]})";
}

std::string complete(int version, const char* top_role = "general_manager") {
  return std::string(R"({"id": "company", "version": )") + std::to_string(version) +
         R"(, "inputs": [{"name": "amount", "type": "money"}],
    "rules": [
      {"id": "low", "when": {"amount": "<= 100000"}, "route": [{"role": "dept_manager"}]},
      {"id": "high", "when": {"amount": "> 100000"}, "route": [{"role": "dept_manager"}, {"role": ")" +
         top_role + R"("}]}]})";
}

std::string key_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.key();
  }
  return "no error";
}

TEST(RoutingStoreTest, ANewDatabaseRoutesWithTheDefaultTable) {
  Database db(":memory:");
  const RoutingTable t = db.routing_table();
  EXPECT_EQ(t.id(), "default");
  EXPECT_EQ(t.version(), 1);
  EXPECT_EQ(t.to_json(), RoutingTable::default_table().to_json());
  EXPECT_EQ(db.routing_tables(), std::vector<RoutingTableInfo>({{"default", 1, true}}));
  const RoutingResult r = db.evaluate_routing(inputs("sales", "75000"));
  EXPECT_EQ(route_names(r.route), Names({"dept_manager", "finance"}));
  EXPECT_EQ(r.audit.table_id, "default");
  EXPECT_EQ(r.audit.table_version, 1);
  EXPECT_EQ(r.audit.matched_rules, Names({"50000-to-100000"}));
}

TEST(RoutingStoreTest, TheSeededDocumentIsByteForByteTheCanonicalDefault) {
  Database db(":memory:");
  // Loading the shipped default again is the same version with the same
  // canonical document: accepted, nothing new stored.
  EXPECT_TRUE(db.load_routing(std::string(default_routing_table_json())).empty());
  EXPECT_EQ(db.routing_tables(), std::vector<RoutingTableInfo>({{"default", 1, true}}));
}

TEST(RoutingStoreTest, LoadingRefusesGapsUnlessAllowed) {
  Database db(":memory:");
  EXPECT_EQ(key_of([&] { db.load_routing(article()); }), "routing.load_refused");
  EXPECT_THROW(db.load_routing(article()), ValidationError);
  EXPECT_EQ(db.routing_table().id(), "default");  // nothing stored
  EXPECT_EQ(db.routing_tables().size(), 1u);

  RoutingLoadOptions allow;
  allow.allow_gaps = true;
  const auto findings = db.load_routing(article(), allow);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].region, (std::vector<std::pair<std::string, std::string>>{{"amount", "[50000, 100000]"}}));
  EXPECT_EQ(db.routing_table().id(), "article");
  EXPECT_THROW(db.evaluate_routing(inputs("sales", "75000")), StateError);
  EXPECT_EQ(route_names(db.evaluate_routing(inputs("sales", "150000")).route), Names({"general_manager"}));
}

TEST(RoutingStoreTest, LoadingRefusesOverlapsUnlessAllowed) {
  Database db(":memory:");
  const std::string overlapping = R"({"id": "o", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
    "rules": [{"id": "a", "route": [{"role": "x"}]}, {"id": "b", "when": {"amount": "> 5"}, "route": [{"role": "y"}]}]})";
  EXPECT_EQ(key_of([&] { db.load_routing(overlapping); }), "routing.load_refused");
  RoutingLoadOptions gaps_only;
  gaps_only.allow_gaps = true;
  EXPECT_EQ(key_of([&] { db.load_routing(overlapping, gaps_only); }), "routing.load_refused");
  RoutingLoadOptions overlaps;
  overlaps.allow_overlaps = true;
  EXPECT_EQ(db.load_routing(overlapping, overlaps).size(), 1u);
  EXPECT_EQ(db.routing_table().id(), "o");
}

TEST(RoutingStoreTest, WarningsDoNotStopALoad) {
  Database db(":memory:");
  const auto findings = db.load_routing(R"({"id": "f", "version": 1, "hit_policy": "FIRST",
    "inputs": [{"name": "amount", "type": "money"}],
    "rules": [{"id": "all", "route": [{"role": "x"}]}, {"id": "never", "when": {"amount": "> 5"}, "route": [{"role": "y"}]}]})");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::unreachable);
  EXPECT_EQ(db.routing_table().id(), "f");
}

TEST(RoutingStoreTest, VersionsAreImmutableAndOnlyMoveForward) {
  Database db(":memory:");
  db.load_routing(complete(1));
  EXPECT_EQ(db.routing_table().version(), 1);
  // The same version with another document.
  EXPECT_EQ(key_of([&] { db.load_routing(complete(1, "finance")); }), "routing.version_exists");
  EXPECT_THROW(db.load_routing(complete(1, "finance")), ConflictError);
  db.load_routing(complete(3, "finance"));
  EXPECT_EQ(db.routing_table().version(), 3);
  EXPECT_EQ(route_names(db.evaluate_routing(inputs("x", "200000")).route), Names({"dept_manager", "finance"}));
  // A new version below the latest goes back: refused.
  EXPECT_EQ(key_of([&] { db.load_routing(complete(2)); }), "routing.version_old");
  // An old version loaded again unchanged becomes current again.
  db.load_routing(complete(1));
  EXPECT_EQ(db.routing_table().version(), 1);
  EXPECT_EQ(route_names(db.evaluate_routing(inputs("x", "200000")).route), Names({"dept_manager", "general_manager"}));
  EXPECT_EQ(db.routing_tables(), std::vector<RoutingTableInfo>({{"company", 1, true}, {"company", 3, false}, {"default", 1, false}}));
  // Every stored version stays readable: a contract keeps the table version
  // it was routed with.
  EXPECT_EQ(db.routing_table("company", 3).version(), 3);
  EXPECT_EQ(db.routing_table("company").version(), 3);
  EXPECT_EQ(db.routing_table("default", 1).id(), "default");
  EXPECT_THROW(db.routing_table("company", 2), NotFoundError);
  EXPECT_THROW(db.routing_table("nobody"), NotFoundError);
}

TEST(RoutingStoreTest, ALoadInsideARolledBackTransactionLeavesNoTrace) {
  Database db(":memory:");
  {
    auto tx = db.transaction();
    db.load_routing(complete(1));
    EXPECT_EQ(db.routing_table().id(), "company");
    tx.rollback();
  }
  EXPECT_EQ(db.routing_table().id(), "default");
  EXPECT_EQ(db.routing_tables().size(), 1u);
  EXPECT_EQ(route_names(db.evaluate_routing(inputs("sales", "75000")).route), Names({"dept_manager", "finance"}));
}

TEST(RoutingStoreTest, MalformedTablesLeaveTheDatabaseAsItWas) {
  OpenOptions chinese;
  chinese.lang = Lang::zh_CN;
  Database db(":memory:", chinese);
  try {
    db.load_routing(R"({"id": "m", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
      "rules": [{"id": "r1", "when": {"amount": "< 5x"}, "route": [{"role": "a"}]}]})");
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("规则“r1”(第 1 条)"), std::string::npos) << e.what();
  }
  try {
    db.load_routing(article());
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("未载入"), std::string::npos) << e.what();
  }
  EXPECT_THROW(db.load_routing("{"), ValidationError);
  EXPECT_THROW(db.check_routing("{"), ValidationError);
  EXPECT_EQ(db.routing_tables().size(), 1u);
  EXPECT_EQ(db.check_routing(article()).size(), 1u);
  // Evaluation errors are in the handle's language too.
  try {
    db.evaluate_routing(RoutingInputs{});
    ADD_FAILURE() << "evaluated without an amount";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("缺少"), std::string::npos) << e.what();
  }
}

TEST(RoutingStoreTest, TablesPersistAcrossHandles) {
  TempDir dir;
  const std::string path = dir.file("routing.db");
  {
    Database db(path);
    db.load_routing(complete(2));
  }
  Database db(path);
  EXPECT_EQ(db.routing_table().id(), "company");
  EXPECT_EQ(db.routing_table().version(), 2);
  // A second handle sees a load made by the first.
  Database other(path);
  other.load_routing(complete(5, "board"));
  EXPECT_EQ(db.routing_table().version(), 5);
  EXPECT_EQ(route_names(db.evaluate_routing(inputs("x", "200000")).route), Names({"dept_manager", "board"}));
}

TEST(RoutingStoreTest, AnOlderDatabaseGetsTheDefaultTableWhenMigrated) {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  std::filesystem::copy_file(std::string(PACTUM_SOURCE_DIR) + "/tests/fixtures/numbering_v1.db", path);
  Database db(path);
  EXPECT_EQ(db.routing_tables(), std::vector<RoutingTableInfo>({{"default", 1, true}}));
  EXPECT_EQ(route_names(db.evaluate_routing(inputs("labour", "1")).route), Names({"dept_manager", "hr"}));
}

}  // namespace

// Law: a typed table (built in C++ or parsed) loads, checks and evaluates as
// its document does.
namespace {

Names messages(const std::vector<RoutingFinding>& findings) {
  Names out;
  for (const RoutingFinding& f : findings) out.push_back(f.message());
  return out;
}

}  // namespace

TEST(RoutingStoreTest, TypedTablesLoadAsTheirDocuments) {
  Database by_json(":memory:");
  Database by_type(":memory:");
  const RoutingTable parsed = RoutingTable::parse(complete(1));
  EXPECT_EQ(messages(by_type.check_routing(parsed)), messages(by_json.check_routing(complete(1))));
  EXPECT_EQ(messages(by_type.load_routing(parsed)), messages(by_json.load_routing(complete(1))));
  const RoutingTable odd = RoutingTable::parse(article());
  EXPECT_FALSE(by_type.check_routing(odd).empty());
  EXPECT_EQ(messages(by_type.check_routing(odd)), messages(by_json.check_routing(article())));
  EXPECT_EQ(by_type.routing_table().to_json(), by_json.routing_table().to_json());
  EXPECT_EQ(by_type.routing_tables(), by_json.routing_tables());

  // A table built in C++: one rule for every amount, routed to finance.
  RoutingTableDefinition d;
  d.id = "built";
  RoutingInput amount;
  amount.name = "amount";
  amount.type = RoutingInputType::money;
  d.inputs.push_back(amount);
  RoutingRule everything;
  everything.id = "all";
  everything.when = {{"amount", "-"}};
  everything.route.steps = {RouteStep{Approver::role("finance"), ApprovalMode::any(), std::nullopt, std::nullopt}};
  d.rules.push_back(everything);
  const RoutingTable built = RoutingTable::compile(d);
  EXPECT_TRUE(by_type.check_routing(built).empty());
  by_type.load_routing(built);
  EXPECT_EQ(by_type.routing_table().id(), "built");
  EXPECT_EQ(route_names(by_type.evaluate_routing(inputs("sales", "75000")).route), Names({"finance"}));
  // Same id and version with another table: a conflict, the current table unchanged.
  d.rules[0].route.steps[0].approver = Approver::role("general_manager");
  EXPECT_THROW(by_type.load_routing(RoutingTable::compile(d)), ConflictError);
  EXPECT_EQ(route_names(by_type.evaluate_routing(inputs("sales", "75000")).route), Names({"finance"}));
  // A table with a gap is refused unless allowed, as a document is.
  const RoutingTable gap = RoutingTable::parse(article());
  const std::string json_key = key_of([&] { by_json.load_routing(article()); });
  EXPECT_EQ(key_of([&] { by_type.load_routing(gap); }), json_key);
  EXPECT_EQ(json_key, "routing.load_refused");
}
