// Reading an event document is a domain rule over values: no database, the
// contracts it names answered by the test (pactum/contract/io.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pactum/contract/io.hpp"
#include "pactum/core/error.hpp"

using namespace pactum;

namespace {

struct Lookups {
  std::vector<std::string> asked;
  json::EventDocumentContext context() {
    json::EventDocumentContext c;
    c.contract_named = [this](std::string_view name) {
      asked.emplace_back(name);
      if (name != "HT-1") raise(Errc::not_found, "contract.not_found", {{"contract", std::string(name)}});
      return ContractRef(std::int64_t{7});
    };
    c.currency_of = [this](const ContractRef&) {
      asked.emplace_back("currency");
      return Currency::of("USD");
    };
    return c;
  }
};

TEST(EventRequestTest, APaymentTakesTheContractsCurrencyUnlessGiven) {
  Lookups l;
  const json::EventRequest q = json::event_request_from_json(
      R"({"version":1,"type":"payment_received","contract":"HT-1","amount":"12.50","ref":"B1","on":"2024-02-01"})",
      l.context());
  EXPECT_EQ(q.type, EventType::payment_received);
  ASSERT_TRUE(q.contract && q.contract->is_id());
  EXPECT_EQ(q.contract->id(), 7);
  EXPECT_EQ(q.amount, Money::parse("12.50", "USD"));
  EXPECT_EQ(q.ref, "B1");
  EXPECT_EQ(q.options.on, Date::parse("2024-02-01"));
  EXPECT_EQ(l.asked, (std::vector<std::string>{"HT-1", "currency"}));

  const json::EventRequest cny = json::event_request_from_json(
      R"({"version":1,"type":"payment_received","contract":7,"amount":"1","currency":"CNY","ref":"B2"})", l.context());
  EXPECT_EQ(cny.amount, Money::parse("1", "CNY"));
}

TEST(EventRequestTest, EachTypeReadsItsMembersAndRefusesOthers) {
  Lookups l;
  const json::EventRequest d = json::event_request_from_json(
      R"({"version":1,"type":"delivered","contract":7,"accepted":false,"note":"cracked","key":"K1"})", l.context());
  EXPECT_FALSE(d.accepted);
  EXPECT_EQ(d.note, std::optional<std::string>("cracked"));
  EXPECT_EQ(d.options.key, std::optional<std::string>("K1"));
  EXPECT_EQ(json::event_request_from_json(R"({"version":1,"type":"satisfaction","contract":7,"score":88})", l.context())
                .score,
            88);
  EXPECT_FALSE(
      json::event_request_from_json(R"({"version":1,"type":"payment_reversed","ref":"B1"})", l.context()).contract);
  EXPECT_TRUE(l.asked.empty());  // ids need no lookup

  EXPECT_THROW(json::event_request_from_json(R"({"version":1,"type":"created","contract":7})", l.context()),
               ValidationError);
  EXPECT_THROW(json::event_request_from_json(R"({"version":1,"type":"delivered","contract":7,"amount":"1"})",
                                             l.context()),
               ValidationError);  // a member the type does not read
  EXPECT_THROW(json::event_request_from_json(R"({"version":1,"type":"satisfaction","contract":7,"score":4294967296})",
                                             l.context()),
               ValidationError);
  EXPECT_THROW(json::event_request_from_json(R"({"version":1,"type":"delivered","contract":"HT-9"})", l.context()),
               NotFoundError);
  EXPECT_THROW(json::event_request_from_json(R"({"version":2,"type":"delivered","contract":7})", l.context()),
               ValidationError);
}

TEST(EventRequestTest, AContractNamedAsTextMayBeAnId) {
  EXPECT_EQ(contract_id_in_text("42"), std::optional<std::int64_t>(42));
  EXPECT_EQ(contract_id_in_text("HT-2024-001"), std::nullopt);
  EXPECT_EQ(contract_id_in_text("1234567890123456789"), std::nullopt);  // 19 digits: a number only
  EXPECT_THROW(contract_id_in_text(""), ValidationError);
}

}  // namespace
