// What every fuzz target shares: the entry point's signature, the laws every
// refusal must keep, and a splitter for inputs made of several parts.
//
// A target returns normally when the input was accepted or refused as the
// law says; any other outcome (an exception that is not a pactum::Error, a
// broken law, a sanitizer report) aborts, and libFuzzer keeps the input.
// docs/testing.md, "Fuzz targets".
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace pactum::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Stops the run: the input broke `law`.
[[noreturn]] inline void broken(const char* law, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz law broken: %s\n  %.*s\n", law, static_cast<int>(std::min<std::size_t>(detail.size(), 2000)),
               detail.data());
  std::fflush(stderr);
  std::abort();
}

#define PACTUM_FUZZ_CHECK(condition, detail)                         \
  do {                                                               \
    if (!(condition)) ::pactum::fuzz::broken(#condition, (detail)); \
  } while (0)

// The laws of a refusal: a code of the published list, never a bug
// (PACTUM_EINTERNAL), and a message that is valid UTF-8 in both languages.
// Without PACTUM_FUZZ_PENDING_LAWS only the code is checked (docs/testing.md,
// "Pending laws").
inline void check_refusal(const Error& e) {
  const std::vector<Errc> codes = all_error_codes();
  PACTUM_FUZZ_CHECK(std::find(codes.begin(), codes.end(), e.code()) != codes.end(), e.what());
  PACTUM_FUZZ_CHECK(!e.key().empty(), e.what());
#if PACTUM_FUZZ_PENDING_LAWS
  PACTUM_FUZZ_CHECK(e.code() != Errc::internal, e.what());
  PACTUM_FUZZ_CHECK(is_valid_utf8(e.message(Lang::en)), e.message(Lang::en));
  PACTUM_FUZZ_CHECK(is_valid_utf8(e.message(Lang::zh_CN)), e.message(Lang::zh_CN));
#endif
}

// Runs `fn`; a pactum::Error is a refusal and must keep the laws above,
// anything else thrown escapes (and aborts the run). True when `fn` returned.
template <class Fn>
bool accepted(Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const Error& e) {
    check_refusal(e);
    return false;
  }
#if !PACTUM_FUZZ_PENDING_LAWS
  catch (const nlohmann::json::out_of_range& e) {
    // Pending law: a JSON number beyond the double range (1e999) in a
    // routing table or KPI template escapes as the JSON parser's own error
    // (number overflow, 406) instead of a pactum::Error. Only that one.
    if (e.id != 406) throw;
    return false;
  }
#endif
}

// An input of several parts separated by lines holding only "%%": the
// first part is everything before the first such line, and so on. Parts the
// input lacks are empty.
class Parts {
 public:
  explicit Parts(std::string_view text) {
    constexpr std::string_view kMark = "\n%%\n";
    for (;;) {
      const std::size_t at = text.find(kMark);
      if (at == std::string_view::npos) break;
      parts_.push_back(text.substr(0, at));
      text.remove_prefix(at + kMark.size());
    }
    parts_.push_back(text);
  }
  std::string_view operator[](std::size_t i) const { return i < parts_.size() ? parts_[i] : std::string_view(); }
  std::size_t size() const { return parts_.size(); }

 private:
  std::vector<std::string_view> parts_;
};

// The lines of `text` (LF-separated, the last one without its LF).
inline std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t at = text.find('\n');
    out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

}  // namespace pactum::fuzz
