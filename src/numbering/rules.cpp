// The rules of numbering over values.
#include "pactum/numbering/rules.hpp"

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace {

bool bad_text(const std::string& text, int max) {
  return text.empty() || code_point_count(text) > static_cast<std::size_t>(max) || has_control_character(text);
}

}  // namespace

void validate_rule_id(const std::string& id) {
  require_utf8(id, "numbering rule id");
  if (bad_text(id, kMaxNumberingRuleIdLength)) {
    raise(Errc::invalid_argument, "numbering.bad_rule_id", {{"rule", id}, {"max", std::to_string(kMaxNumberingRuleIdLength)}});
  }
}

void validate_owner(const std::optional<std::string>& owner) {
  if (!owner) return;
  require_utf8(*owner, "owner");
  if (bad_text(*owner, kMaxNumberOwnerLength)) {
    raise(Errc::invalid_argument, "numbering.bad_owner", {{"max", std::to_string(kMaxNumberOwnerLength)}});
  }
}

void validate_mode(NumberingMode mode) {
  if (mode != NumberingMode::gapless && mode != NumberingMode::fast) {
    raise(Errc::invalid_argument, "numbering.bad_mode", {{"mode", std::to_string(static_cast<int>(mode))}});
  }
}

void validate_void_reason(const std::string& reason) {
  require_utf8(reason, "reason");
  if (reason.empty() || code_point_count(reason) > static_cast<std::size_t>(kMaxVoidReasonLength)) {
    raise(Errc::invalid_argument, "numbering.bad_void_reason", {{"max", std::to_string(kMaxVoidReasonLength)}});
  }
}

void refuse_unknown_rule(const std::string& id) { raise(Errc::not_found, "numbering.unknown_rule", {{"rule", id}}); }

void refuse_unknown_number(const std::string& number) {
  raise(Errc::not_found, "numbering.unknown_number", {{"number", number}});
}

void refuse_seq_overflow(const std::string& id) {
  raise(Errc::overflow, "numbering.seq_overflow", {{"rule", id}, {"max", std::to_string(kMaxNumberingSeq - 1)}});
}

void check_find_limit(int limit) {
  if (limit < 1 || limit > kMaxFindNumbers) {
    raise(Errc::invalid_argument, "numbering.bad_limit",
          {{"limit", std::to_string(limit)}, {"max", std::to_string(kMaxFindNumbers)}});
  }
}

void require_not_void(const std::string& number, bool voided) {
  if (voided) raise(Errc::invalid_state, "numbering.already_void", {{"number", number}});
}

void check_void_date(const std::string& number, Date issued, Date on) {
  if (on < issued) {
    raise(Errc::invalid_argument, "numbering.void_before_issue",
          {{"number", number}, {"issued", issued.to_string()}, {"on", on.to_string()}});
  }
}

}  // namespace pactum
