// The documents of routes and approval rounds without a database
// (pactum/approval/document.hpp): a route step as a routing table writes it,
// the audit's inputs typed where the sink keeps types and as evaluated in
// JSON, the members of a round in the order described.
#include <gtest/gtest.h>

#include <string>

#include "core/json_sink.hpp"
#include "pactum/approval/document.hpp"
#include "support/trace_sink.hpp"

using namespace pactum;
using pactum::test::trace;
using Ordered = nlohmann::ordered_json;

namespace {

Date d(const char* text) { return Date::parse(text); }

RoutingAudit audit() {
  RoutingAudit a;
  a.table_id = "default";
  a.table_version = 3;
  a.hit_policy = HitPolicy::first;
  a.matched_rules = {"big"};
  a.inputs = {{"amount", RoutingInputType::money, "80000.00"},
              {"key_account", RoutingInputType::boolean, "true"},
              {"type", RoutingInputType::text, "sales"}};
  return a;
}

}  // namespace

TEST(ApprovalDocuments, ARouteStepLeavesOutWhatItDoesNotSay) {
  RouteStep plain{Approver::role("finance"), ApprovalMode::any(), std::nullopt, std::nullopt};
  EXPECT_EQ(json_document_of<Ordered>(plain).dump(), R"({"role":"finance","mode":"any"})");
  RouteStep full{Approver::person("G1"), ApprovalMode::k_of(2), 3, Approver::role("ceo")};
  EXPECT_EQ(json_document_of<Ordered>(full).dump(),
            R"({"person":"G1","mode":{"k":2},"deadline_days":3,"escalate_to":{"role":"ceo"}})");
  EXPECT_EQ(json_document_of<Ordered>(ApprovalRoute{{plain, full}})[1]["mode"]["k"], 2);
  EXPECT_EQ(json_document_of<Ordered>(ApprovalMode::all()).dump(), R"("all")");
}

TEST(ApprovalDocuments, AuditInputsAreTypedWhereTheSinkKeepsTypes) {
  EXPECT_EQ(json_document_of<Ordered>(audit()).dump(),
            R"({"table":"default","table_version":3,"hit_policy":"FIRST","matched_rules":["big"],)"
            R"("inputs":{"amount":"80000.00","key_account":true,"type":"sales"}})");
  EXPECT_EQ(trace(audit()),
            "{ table=text:default table_version=int:3 hit_policy=text:FIRST matched_rules=[ text:big ] "
            "inputs={ amount=decimal:80000.00 key_account=bool:true type=text:sales } }");
  RoutingResult result{ApprovalRoute{{RouteStep{Approver::role("finance"), ApprovalMode::any(), {}, {}}}}, audit()};
  const Ordered doc = json_document_of<Ordered>(result);
  EXPECT_EQ(doc.begin().key(), "route");
  EXPECT_EQ(doc["audit"]["matched_rules"][0], "big");
}

TEST(ApprovalDocuments, ARoundInTheOrderDescribed) {
  ApprovalRouteInstance r;
  r.contract = 1;
  r.number = "HT-2024-SD-0001";
  r.submitter = "E2";
  r.owner = "E2";
  r.department = "SD";
  r.submitted_on = d("2024-01-11");
  r.current_step = 1;
  r.audit = audit();
  ApprovalStepState step;
  step.step = RouteStep{Approver::role("dept_manager"), ApprovalMode::any(), 2, std::nullopt};
  step.required = 1;
  step.opened_on = d("2024-01-11");
  step.due_on = d("2024-01-13");
  step.approvers = {{"E1", ApproverOrigin::route, d("2024-01-11"), std::nullopt, std::nullopt}};
  r.steps = {step};
  r.amendment = RouteAmendment{"延期", R"({"end":{"from":"2024-12-31","to":"2025-06-30"}})", {"amount"}, std::nullopt};
  const Ordered doc = json_document_of<Ordered>(r);
  std::vector<std::string> members;
  for (const auto& item : doc.items()) members.push_back(item.key());
  EXPECT_EQ(members, (std::vector<std::string>{"contract", "number", "round", "status", "submitter", "owner",
                                               "department", "submitted_on", "ended_on", "current_step", "audit",
                                               "steps", "amendment"}));
  EXPECT_EQ(doc["steps"][0].dump(),
            R"({"number":1,"approver":{"role":"dept_manager"},"mode":"any","deadline_days":2,"escalate_to":null,)"
            R"("required":1,"approvals":0,"opened_on":"2024-01-11","due_on":"2024-01-13","escalated_on":null,)"
            R"("closed_on":null,"approvers":[{"employee":"E1","origin":"route","added_on":"2024-01-11",)"
            R"("approved_on":null,"approved_by":null}]})");
  EXPECT_EQ(doc["amendment"]["changes"]["end"]["to"], "2025-06-30");
  EXPECT_EQ(doc["amendment"]["inputs"], Ordered::parse(R"(["amount"])"));
  EXPECT_TRUE(doc["amendment"]["event"].is_null());
}

TEST(ApprovalDocuments, AHistoryEntrySpeaksTheLanguageAskedAndCarriesBoth) {
  ApprovalHistoryEntry e;
  e.id = 4;
  e.contract = 1;
  e.action = ApprovalAction::escalated;
  e.step = 1;
  e.on = d("2024-01-14");
  e.approvers = {"G1"};
  OrderedJsonSink none;
  describe(e, Lang::zh_CN, none);
  const Ordered plain = none.take();
  EXPECT_TRUE(plain["reason"].is_null());
  EXPECT_TRUE(plain["reasons"].is_null());
  EXPECT_EQ(plain["approvers"], Ordered::parse(R"(["G1"])"));
  e.reasons = {ApprovalNote{"approval.note_no_manager", {{"department", "SD"}, {"on", "2024-01-14"}}}};
  for (Lang lang : {Lang::en, Lang::zh_CN}) {
    OrderedJsonSink sink;
    describe(e, lang, sink);
    const Ordered doc = sink.take();
    EXPECT_EQ(doc["reason"], e.reason(lang));
    EXPECT_EQ(doc["reasons"]["en"], e.reason(Lang::en));
    EXPECT_EQ(doc["reasons"]["zh-CN"], e.reason(Lang::zh_CN));
  }
  EXPECT_NE(e.reason(Lang::en), e.reason(Lang::zh_CN));
}

TEST(ApprovalDocuments, AnInboxItem) {
  InboxItem i;
  i.contract = 2;
  i.number = "HT-2024-SD-0002";
  i.type = "sales";
  i.amount = Money::parse("30000", "CNY");
  i.owner = "E1";
  i.submitter = "E1";
  i.approver = Approver::person("G1");
  i.on_behalf_of = "G1";
  i.opened_on = d("2024-01-11");
  EXPECT_EQ(json_document_of<Ordered>(i).dump(),
            R"({"contract":2,"number":"HT-2024-SD-0002","type":"sales","amount":"30000.00","currency":"CNY",)"
            R"("owner":"E1","submitter":"E1","round":1,"step":1,"steps":1,"approver":{"person":"G1"},)"
            R"("on_behalf_of":"G1","opened_on":"2024-01-11","due_on":null,"escalated":false,"amendment":false})");
}
