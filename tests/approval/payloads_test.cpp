// The payloads of the approval events over values (pactum/approval/payloads.hpp):
// their stored texts, the round trip, and malformed payloads refused with a
// ValidationError.
#include <gtest/gtest.h>

#include <string>

#include "pactum/approval/payloads.hpp"
#include "pactum/core/error.hpp"

using namespace pactum;

TEST(ApprovalPayloads, TheStoredTextsStayAsTheyAre) {
  EXPECT_EQ(decision_payload_json({2, 1, std::nullopt}), R"({"round":2,"step":1,"on_behalf_of":null})");
  EXPECT_EQ(decision_payload_json({1, 3, std::string("E007")}), R"({"round":1,"step":3,"on_behalf_of":"E007"})");
  EXPECT_EQ(withdrawal_payload_json({1, 2}), R"({"round":1,"step":2})");
  EXPECT_EQ(setting_change_payload_json({"direct_activation", "refuse", "allow"}),
            R"({"setting":"direct_activation","from":"refuse","to":"allow"})");
  EXPECT_EQ(escalation_payload_json({1, 2, Date::parse("2024-03-05"), Approver::role("general_manager"), {"E001", "E002"}}),
            R"({"round":1,"step":2,"due_on":"2024-03-05","escalate_to":{"role":"general_manager"},"added":["E001","E002"]})");
}

TEST(ApprovalPayloads, EachCodecRoundTrips) {
  for (const DecisionPayload& p : {DecisionPayload{1, 1, std::nullopt}, DecisionPayload{4, 9, std::string("张三")}}) {
    EXPECT_EQ(decision_payload_from_json(decision_payload_json(p)), p);
  }
  EXPECT_EQ(withdrawal_payload_from_json(withdrawal_payload_json({3, 2})), (WithdrawalPayload{3, 2}));
  const SettingChangePayload change{"direct_activation", "allow", "refuse"};
  EXPECT_EQ(setting_change_payload_from_json(setting_change_payload_json(change)), change);
  for (const EscalationPayload& p :
       {EscalationPayload{1, 1, Date::parse("2024-01-31"), Approver::person("E009"), {}},
        EscalationPayload{2, 3, Date::parse("2024-12-31"), Approver::role("finance"), {"E1", "E2", "E3"}}}) {
    EXPECT_EQ(escalation_payload_from_json(escalation_payload_json(p)), p);
  }
}

TEST(ApprovalPayloads, MalformedPayloadsAreRefused) {
  auto refused = [](auto&& read, const char* text) {
    try {
      read(text);
    } catch (const Error& e) {
      return e.code() == Errc::invalid_argument;
    }
    return false;
  };
  for (const char* bad : {"", "[]", "{", R"({"round":1})", R"({"round":0,"step":1,"on_behalf_of":null})",
                          R"({"round":1,"step":"1","on_behalf_of":null})", R"({"round":1,"step":1,"on_behalf_of":7})"}) {
    EXPECT_TRUE(refused(decision_payload_from_json, bad)) << bad;
  }
  EXPECT_TRUE(refused(withdrawal_payload_from_json, R"({"step":1})"));
  EXPECT_TRUE(refused(setting_change_payload_from_json, R"({"setting":"x","from":"a"})"));
  for (const char* bad : {R"({"round":1,"step":1,"due_on":"2024-02-30","escalate_to":{"role":"x"},"added":[]})",
                          R"({"round":1,"step":1,"due_on":"2024-02-01","escalate_to":{"team":"x"},"added":[]})",
                          R"({"round":1,"step":1,"due_on":"2024-02-01","escalate_to":{"role":"x"},"added":[1]})",
                          R"({"round":1,"step":1,"due_on":"2024-02-01","escalate_to":{"role":"x"}})"}) {
    EXPECT_TRUE(refused(escalation_payload_from_json, bad)) << bad;
  }
}
