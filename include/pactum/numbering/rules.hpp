// The rules of numbering (docs/numbering.md): what a rule id, an owner
// reference, a mode and a void reason may be, the largest sequence, and when
// a number may be voided. Pure: the store loads the facts and calls them.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "pactum/core/date.hpp"
#include "pactum/numbering/pattern.hpp"

namespace pactum {

inline constexpr int kMaxNumberingRuleIdLength = 64;
inline constexpr int kMaxNumberOwnerLength = 256;
inline constexpr int kMaxVoidReasonLength = 1000;
// Sequences stay below this; the next one past it is an overflow.
inline constexpr std::int64_t kMaxNumberingSeq = std::numeric_limits<std::int64_t>::max();

// ValidationErrors: a rule id is valid UTF-8, 1..64 code points, without
// control characters (numbering.bad_rule_id); an owner reference the same
// up to 256 (numbering.bad_owner); a mode is gapless or fast
// (numbering.bad_mode); a void reason 1..1000 code points
// (numbering.bad_void_reason).
void validate_rule_id(const std::string& id);
void validate_owner(const std::optional<std::string>& owner);
void validate_mode(NumberingMode mode);
void validate_void_reason(const std::string& reason);

// PACTUM_ENOTFOUND: no rule `id` (numbering.unknown_rule), no number
// `number` issued (numbering.unknown_number).
[[noreturn]] void refuse_unknown_rule(const std::string& id);
[[noreturn]] void refuse_unknown_number(const std::string& number);
// PACTUM_EOVERFLOW: rule `id` has issued its last sequence.
[[noreturn]] void refuse_seq_overflow(const std::string& id);

// A search of issued numbers returns 1 to kMaxFindNumbers numbers
// (numbering.bad_limit).
inline constexpr int kMaxFindNumbers = 10000;
void check_find_limit(int limit);

// Voiding `number`, issued on `issued`, on `on`: a StateError when it is
// void already (numbering.already_void); a ValidationError when `on` is
// before the issue date (numbering.void_before_issue).
void require_not_void(const std::string& number, bool voided);
void check_void_date(const std::string& number, Date issued, Date on);

}  // namespace pactum
