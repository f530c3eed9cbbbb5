// UTF-8 text checks shared by every domain: strings are data, never code.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pactum {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;
// `text` with every byte that does not belong to a well-formed sequence
// replaced by U+FFFD: what goes into a message is always valid UTF-8.
std::string to_valid_utf8(std::string_view text);
// The longest prefix of `text` of at most `max_bytes` bytes that does not cut
// a character (of well-formed text) in two.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;
// A ValidationError naming `what` unless `text` is well-formed UTF-8.
void require_utf8(std::string_view text, std::string_view what);
// Number of code points of well-formed UTF-8 text.
std::size_t code_point_count(std::string_view text) noexcept;
// True when `text` holds a C0/C1 control character or DEL.
bool has_control_character(std::string_view text) noexcept;

}  // namespace pactum
