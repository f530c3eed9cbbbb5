// The message catalog: every user-facing message in English and Simplified
// Chinese. Entries live in one file per domain under messages/, each line
//   PACTUM_MESSAGE("domain.key", "English {arg}", "中文 {arg}")
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace {

struct Message {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};

#define PACTUM_MESSAGE(key, en, zh) Message{key, en, zh},
constexpr Message kMessages[] = {
#include "messages/core.inc"
#include "messages/store.inc"
#include "messages/numbering.inc"
#include "messages/org.inc"
#include "messages/contract.inc"
#include "messages/io.inc"
#include "messages/approval.inc"
#include "messages/kpi.inc"
#include "messages/tracking.inc"
#include "messages/report.inc"
#include "messages/html.inc"
#include "messages/cli.inc"
#include "messages/tool.inc"
#include "messages/capi.inc"
#include "messages/python.inc"
};
#undef PACTUM_MESSAGE

const Message* find_message(std::string_view key) noexcept {
  for (const auto& m : kMessages) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

std::string substitute(std::string_view text, const MessageArgs& args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        auto it = std::find_if(args.begin(), args.end(),
                               [&](const auto& kv) { return kv.first == name; });
        if (it != args.end()) {
          // Arguments quote inputs: a message stays valid UTF-8 whatever
          // they hold.
          out += to_valid_utf8(it->second);
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

}  // namespace

std::string render_message(std::string_view key, Lang lang, const MessageArgs& args) {
  const Message* m = find_message(key);
  if (m == nullptr) {
    std::string out(key);
    for (const auto& [name, value] : args) out += " " + name + "=" + to_valid_utf8(value);
    return out;
  }
  return substitute(lang == Lang::zh_CN ? m->zh : m->en, args);
}

bool catalog_has(std::string_view key) noexcept {
  const Message* m = find_message(key);
  return m != nullptr && !m->en.empty() && !m->zh.empty();
}

std::vector<std::string> catalog_keys() {
  std::vector<std::string> keys;
  for (const auto& m : kMessages) keys.emplace_back(m.key);
  return keys;
}

}  // namespace pactum
