// Text checks of the org directory, shared by the contract domain.
#include "pactum/org/directory.hpp"

#include <string>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace {

// The common part: non-empty, UTF-8, no control characters, not too long.
void require_text(std::string_view value, std::string_view what, std::size_t max_code_points) {
  const std::string name(what);
  if (value.empty()) raise(Errc::invalid_argument, "org.empty", {{"what", name}});
  require_utf8(value, what);
  if (has_control_character(value)) raise(Errc::invalid_argument, "org.control_character", {{"what", name}});
  if (code_point_count(value) > max_code_points) {
    raise(Errc::invalid_argument, "org.too_long", {{"what", name}, {"max", std::to_string(max_code_points)}});
  }
}

// Length in bytes of the white space (ASCII space, U+00A0, U+3000) at the
// start of `s`, 0 if none.
std::size_t leading_space(std::string_view s) noexcept {
  if (!s.empty() && s[0] == ' ') return 1;
  if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") return 2;
  if (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

bool ends_with_space(std::string_view s) noexcept {
  if (!s.empty() && s.back() == ' ') return true;
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return true;
  return s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80";
}

}  // namespace

void require_identifier(std::string_view value, std::string_view what, std::size_t max_code_points) {
  require_text(value, what, max_code_points);
  if (leading_space(value) > 0 || ends_with_space(value)) {
    raise(Errc::invalid_argument, "org.identifier_spaces", {{"what", std::string(what)}, {"value", std::string(value)}});
  }
}

void require_name(std::string_view value, std::string_view what, std::size_t max_code_points) {
  require_text(value, what, max_code_points);
  std::string_view rest = value;
  while (!rest.empty()) {
    const std::size_t n = leading_space(rest);
    if (n == 0) return;
    rest.remove_prefix(n);
  }
  raise(Errc::invalid_argument, "org.blank", {{"what", std::string(what)}});
}

}  // namespace pactum
