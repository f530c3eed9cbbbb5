// Documents without a database (pactum/core/document.hpp,
// pactum/contract/document.hpp, pactum/org/document.hpp): every record is
// described once, the JSON sink nests what it is given, and a sink that
// keeps types sees the same members with typed values.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/json_sink.hpp"
#include "pactum/contract/document.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/org/document.hpp"
#include "support/trace_sink.hpp"

using namespace pactum;
using Json = nlohmann::json;
using pactum::test::trace;
using pactum::test::TraceSink;

namespace {

Date d(const char* text) { return Date::parse(text); }

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (const auto& [k, v] : object.items()) out.push_back(k);
  return out;
}

Contract contract() {
  Contract c;
  c.id = 7;
  c.number = "HT-2024-SD-0007";
  c.numbering = "contract";
  c.type = "sales";
  c.status = ContractStatus::active;
  c.owner = "E1";
  c.signer = "E1";
  c.department = "SD";
  c.counterparty = "华东客户";
  c.key_account = true;
  c.amount = Money::parse("1000.00", "USD");
  c.reporting_amount = Money::parse("7100.00", "CNY");
  c.exchange_rate = Decimal::parse("7.1");
  c.signed_on = d("2024-01-10");
  c.start = d("2024-01-10");
  c.end = d("2024-12-31");
  c.installments = {{d("2024-02-01"), Money::parse("300", "USD")}, {d("2024-03-01"), Money::parse("700", "USD")}};
  c.attributes.emplace("budget", AttributeValue(Money::parse("5.00", "USD")));
  c.attributes.emplace("rate", AttributeValue(Decimal::parse("0.125")));
  c.attributes.emplace("region", AttributeValue(std::string("华东")));
  c.attributes.emplace("signed_paper", AttributeValue(true));
  c.attributes.emplace("review", AttributeValue(d("2024-06-30")));
  c.activated_on = d("2024-01-11");
  c.renews = 3;
  c.collected = Money::parse("300", "USD");
  return c;
}

}  // namespace

TEST(Documents, JsonSinkNestsObjectsAndLists) {
  JsonSink s;
  s.begin_object();
  s.key("a");
  s.begin_list();
  s.begin_object();
  s.key("x");
  s.integer(1);
  s.end_object();
  s.begin_list();
  s.end_list();
  s.text("t");
  s.end_list();
  s.key("b");
  s.begin_object();
  s.end_object();
  s.key("c");
  s.null();
  s.key("r");
  s.ratio(Ratio(3, 10));
  s.key("m");
  s.money(Money::parse("5", "JPY"));
  s.key("p");
  s.json(R"({"from":"E1","to":"E2"})");
  s.end_object();
  EXPECT_EQ(s.take().dump(),
            R"({"a":[{"x":1},[],"t"],"b":{},"c":null,"m":"5 JPY","p":{"from":"E1","to":"E2"},"r":"3/10"})");

  JsonSink list;
  list.begin_list();
  list.date(d("2024-02-29"));
  list.amount(Money::parse("0.5", "CNY"));
  list.decimal(Decimal::parse("0.50"));
  list.end_list();
  EXPECT_EQ(list.take().dump(), R"(["2024-02-29","0.50","0.50"])");
}

TEST(Documents, AContractIsDescribedOnceForEveryFace) {
  const Contract c = contract();
  const Json doc = Json::parse(json::to_json(c));
  // The members, in the documented order (the JSON object sorts them).
  const std::string t = trace(c);
  EXPECT_EQ(t,
            "{ id=int:7 number=text:HT-2024-SD-0007 numbering=text:contract external_id=null type=text:sales "
            "status=text:active owner=text:E1 signer=text:E1 department=text:SD counterparty=text:华东客户 "
            "key_account=bool:true amount=amount:1000.00 currency=text:USD reporting_amount=amount:7100.00 "
            "reporting_currency=text:CNY exchange_rate=decimal:7.1 signed=date:2024-01-10 start=date:2024-01-10 "
            "end=date:2024-12-31 delivery_due=null installments=[ { due=date:2024-02-01 amount=amount:300.00 } "
            "{ due=date:2024-03-01 amount=amount:700.00 } ] attributes={ budget=money:5.00 USD rate=decimal:0.125 "
            "region=text:华东 review=date:2024-06-30 signed_paper=bool:true } activated_on=date:2024-01-11 "
            "closed_on=null renews=int:3 renewed_by=null collected=amount:300.00 }");
  // The JSON face has the same members plus its version, values as text.
  std::vector<std::string> members = {"version", "id", "number", "numbering", "external_id", "type", "status",
                                      "owner", "signer", "department", "counterparty", "key_account", "amount",
                                      "currency", "reporting_amount", "reporting_currency", "exchange_rate",
                                      "signed", "start", "end", "delivery_due", "installments", "attributes",
                                      "activated_on", "closed_on", "renews", "renewed_by", "collected"};
  std::sort(members.begin(), members.end());
  EXPECT_EQ(keys(doc), members);
  EXPECT_EQ(doc["amount"], "1000.00");
  EXPECT_EQ(doc["reporting_currency"], "CNY");
  EXPECT_EQ(doc["installments"][1], Json::parse(R"({"due":"2024-03-01","amount":"700.00"})"));
  EXPECT_EQ(doc["renews"], 3);
  EXPECT_TRUE(doc["renewed_by"].is_null());
}

TEST(Documents, AttributesAreTaggedWhereTheSinkLosesTheirType) {
  const Json doc = Json::parse(json::to_json(contract()))["attributes"];
  EXPECT_EQ(doc["budget"], Json::parse(R"({"type":"money","value":"5.00 USD"})"));
  EXPECT_EQ(doc["rate"], Json::parse(R"({"type":"decimal","value":"0.125"})"));
  EXPECT_EQ(doc["region"], Json::parse(R"({"type":"text","value":"华东"})"));
  EXPECT_EQ(doc["review"], Json::parse(R"({"type":"date","value":"2024-06-30"})"));
  EXPECT_EQ(doc["signed_paper"], Json::parse(R"({"type":"boolean","value":"true"})"));
  // Every tagged value parses back to the attribute (parse(type, to_string())).
  for (const auto& [name, value] : contract().attributes) {
    const Json& tagged = doc[name];
    EXPECT_EQ(AttributeValue::parse(parse_attribute_type(tagged["type"].get<std::string>()),
                                    tagged["value"].get<std::string>()),
              value)
        << name;
  }
}

TEST(Documents, AnEventEmbedsItsPayloadAndNamesItsCurrency) {
  Event e;
  e.seq = 12;
  e.type = EventType::reassigned;
  e.contract = 7;
  e.effective = d("2024-03-01");
  e.recorded_at = "2024-03-01T08:00:00.000Z";
  e.source = "api";
  e.payload = reassignment_payload({"E1", "E2"});
  EXPECT_EQ(trace(e),
            "{ seq=int:12 type=text:reassigned type_code=int:" + std::to_string(static_cast<int>(e.type)) +
                " contract=int:7 effective=date:2024-03-01 recorded_at=text:2024-03-01T08:00:00.000Z actor=null "
                "source=text:api key=null amount=null currency=null ref=null value=null reason=null payload=json:" +
                e.payload + " }");
  const Json doc = Json::parse(json::to_json(e));
  EXPECT_EQ(doc["payload"], Json::parse(R"({"from":"E1","to":"E2"})"));
  EXPECT_TRUE(doc["currency"].is_null());

  e.type = EventType::payment_received;
  e.payload.clear();
  e.amount = Money::parse("0.125", "CNY");
  const Json paid = Json::parse(json::to_json(e));
  EXPECT_EQ(paid["amount"], "0.125");
  EXPECT_EQ(paid["currency"], "CNY");
  EXPECT_TRUE(paid["payload"].is_null());
}

TEST(Documents, TheExecutionListsItsOverdueInstallments) {
  ExecutionSummary x;
  x.contract = 7;
  x.as_of = d("2024-03-31");
  x.amount = Money::parse("1000", "CNY");
  x.collected = Money::parse("300", "CNY");
  x.outstanding = Money::parse("700", "CNY");
  x.collection_ratio = Ratio(3, 10);
  x.collection_rate = Decimal::parse("0.300000");
  x.installments = {{1, d("2024-02-01"), Money::parse("300", "CNY"), Money::parse("300", "CNY"),
                     Money::parse("300", "CNY"), d("2024-01-31"), false},
                    {2, d("2024-03-01"), Money::parse("700", "CNY"), Money::parse("0", "CNY"),
                     Money::parse("0", "CNY"), std::nullopt, true}};
  x.overdue_installments = 1;
  const Json doc = Json::parse(json::to_json(x));
  ASSERT_EQ(doc["installments"].size(), 2u);
  ASSERT_EQ(doc["overdue"].size(), 1u);
  EXPECT_EQ(doc["overdue"][0], doc["installments"][1]);
  EXPECT_EQ(doc["overdue"][0]["position"], 2);
  EXPECT_EQ(doc["collection_ratio"], "3/10");
  EXPECT_EQ(doc["collection_rate"], "0.300000");
  EXPECT_EQ(doc["installments"][0]["paid_in_full_on"], "2024-01-31");
  EXPECT_TRUE(doc["satisfaction_average"].is_null());
  EXPECT_NE(trace(x).find("collection_ratio=ratio:3/10"), std::string::npos);
}

TEST(Documents, TheOrgDirectory) {
  Employee e{"E1", "张三", "SD", "sales", "E9", d("2023-05-01"), std::nullopt, true};
  EXPECT_EQ(trace(e),
            "{ id=text:E1 name=text:张三 department=text:SD position=text:sales manager=text:E9 hired=date:2023-05-01 "
            "left=null active=bool:true }");
  EXPECT_EQ(Json::parse(json::to_json(e))["hired"], "2023-05-01");
  Department dept{"SD", "销售部", std::nullopt, "E9"};
  EXPECT_EQ(trace(dept), "{ code=text:SD name=text:销售部 parent=null manager=text:E9 }");
  EXPECT_EQ(trace(Posting{"SD", "sales", std::nullopt}), "{ department=text:SD position=text:sales from=null }");
  EXPECT_EQ(trace(RoleAssignment{"E1", "finance", "SD", d("2024-01-01"), std::nullopt}),
            "{ employee=text:E1 role=text:finance department=text:SD from=date:2024-01-01 until=null }");
  const Json roles = Json::parse(json::roles_to_json({RoleAssignment{"E1", "finance", std::nullopt, std::nullopt, d("2025-01-01")}}));
  EXPECT_EQ(roles["roles"][0], Json::parse(R"({"employee":"E1","role":"finance","department":null,"from":null,"until":"2025-01-01"})"));
}
