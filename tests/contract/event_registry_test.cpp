// The event registry (pactum/contract/event.hpp, src/contract/event.cpp),
// checked as a table: stable codes, names, shapes and the classifications
// every reader takes from it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "pactum/contract/event.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/contract/io.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

TEST(EventRegistry, CodesAreStableAndNamesRoundTrip) {
  std::set<int> codes;
  std::set<std::string> names;
  int previous = 0;
  for (const EventTypeInfo& t : event_types()) {
    const int code = static_cast<int>(t.type);
    EXPECT_GT(code, previous) << t.name;  // code order
    previous = code;
    EXPECT_TRUE(codes.insert(code).second) << t.name;
    EXPECT_TRUE(names.insert(std::string(t.name)).second) << t.name;
    EXPECT_EQ(parse_event_type(t.name), t.type);
    EXPECT_EQ(std::string(event_type_name(t.type)), t.name);
    EXPECT_EQ(event_type_info(t.type), &t);
  }
  // Codes are never renumbered: 1..N without a hole (a removed type keeps its row).
  EXPECT_EQ(*codes.begin(), 1);
  EXPECT_EQ(*codes.rbegin(), static_cast<int>(codes.size()));
  EXPECT_EQ(event_type_info(static_cast<EventType>(999)), nullptr);
  EXPECT_STREQ(event_type_name(static_cast<EventType>(999)), "unknown");
  EXPECT_EQ(key_of([] { parse_event_type("no_such_type"); }), "event.bad_type");
}

TEST(EventRegistry, ClassificationsAreConsistent) {
  for (const EventTypeInfo& t : event_types()) {
    EXPECT_EQ(is_execution_event(t.type), t.execution) << t.name;
    // Every type a host records through the generic document is an
    // execution fact of a contract; own-call types are not recorded so.
    if (t.shape != EventShape::own_call) {
      EXPECT_TRUE(t.execution) << t.name;
      EXPECT_TRUE(t.contract_fact) << t.name;
    }
    if (t.open_only || t.transition) {
      EXPECT_TRUE(t.execution) << t.name;
    }
    if (t.shape == EventShape::reason) {
      EXPECT_EQ(&require_fact_type(t.type), &t);
    } else {
      EXPECT_EQ(key_of([&] { require_fact_type(t.type); }), "event.not_a_fact") << t.name;
    }
  }
  EXPECT_EQ(event_type_info(EventType::breach)->transition, std::optional<ContractTransition>(ContractTransition::breach));
  EXPECT_TRUE(event_type_info(EventType::delivered)->open_only);
  EXPECT_FALSE(event_type_info(EventType::satisfaction)->open_only);
}

TEST(EventRegistry, TheDocumentListsEveryTypeInCodeOrder) {
  const auto doc = nlohmann::json::parse(json::event_types_to_json());
  EXPECT_EQ(doc.at("version"), 1);
  const auto& list = doc.at("event_types");
  ASSERT_EQ(list.size(), event_types().size());
  std::size_t i = 0;
  for (const EventTypeInfo& t : event_types()) {
    const auto& j = list.at(i++);
    EXPECT_EQ(j.at("code").get<int>(), static_cast<int>(t.type));
    EXPECT_EQ(j.at("name").get<std::string>(), t.name);
    EXPECT_EQ(j.at("shape").get<std::string>(), event_shape_name(t.shape));
    EXPECT_EQ(j.at("execution").get<bool>(), t.execution);
    EXPECT_EQ(j.at("transition").is_null(), !t.transition.has_value());
  }
}
