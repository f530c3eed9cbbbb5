// The one JSON reading policy (json_document.hpp): a SAX handler that builds
// the document and refuses what the policy refuses, with positions only.
#include "json_document.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum::json_document {

namespace {

// Line and column (in characters, from 1) of byte `offset` of `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, code_point_count(text.substr(line_start, offset - line_start)) + 1};
}

template <class J>
class Builder {
 public:
  using number_integer_t = typename J::number_integer_t;
  using number_unsigned_t = typename J::number_unsigned_t;
  using number_float_t = typename J::number_float_t;
  using string_t = typename J::string_t;
  using binary_t = typename J::binary_t;

  explicit Builder(J& root) : root_(root) {}

  bool null() { return put(J(nullptr)); }
  bool boolean(bool v) { return put(J(v)); }
  bool number_integer(number_integer_t v) { return put(J(v)); }
  bool number_unsigned(number_unsigned_t v) { return put(J(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) { return put(J(v)); }
  bool string(string_t& v) { return put(J(std::move(v))); }
  bool binary(binary_t& v) { return put(J::binary(std::move(v))); }

  bool start_object(std::size_t /*size*/) {
    if (!open(J::object())) return false;
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& k) {
    if (!keys_.back().insert(k).second) {
      duplicate_ = k;
      return false;
    }
    key_ = std::move(k);
    return true;
  }
  bool end_object() {
    keys_.pop_back();
    stack_.pop_back();
    path_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) { return open(J::array()); }
  bool end_array() {
    stack_.pop_back();
    path_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
    // `position` counts the bytes read, the fault's included: the fault is
    // the byte before, or, for a number beyond the double range
    // (out_of_range.406), the start of its token (ASCII).
    number_range_ = e.id == 406;
    error_offset_ = number_range_ ? position - std::min(position, token.size()) : (position == 0 ? 0 : position - 1);
    return false;
  }

  // Raises the refusal, if any, after sax_parse returned false.
  void raise_refusal(std::string_view text, std::string_view what) const {
    if (duplicate_) {
      std::string pointer;
      for (const std::string& p : path_) pointer += p;
      pointer = member_pointer(pointer, *duplicate_);
      raise(Errc::invalid_argument, "core.json_duplicate",
            {{"what", std::string(what)}, {"member", *duplicate_}, {"pointer", pointer}});
    }
    if (too_deep_) {
      raise(Errc::invalid_argument, "core.json_too_deep",
            {{"what", std::string(what)}, {"max", std::to_string(kMaxJsonDepth)}});
    }
    const auto [line, column] = line_and_column(text, error_offset_);
    raise(Errc::invalid_argument, number_range_ ? "core.json_number_range" : "core.json_malformed",
          {{"what", std::string(what)}, {"line", std::to_string(line)}, {"column", std::to_string(column)}});
  }

 private:
  // The JSON pointer step of the value about to be put.
  std::string step() const {
    if (stack_.empty()) return {};
    return stack_.back()->is_array() ? element_pointer({}, stack_.back()->size()) : member_pointer({}, key_);
  }
  J* slot() {
    if (stack_.empty()) return &root_;
    J& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(J());
      return &top.back();
    }
    return &top[key_];
  }
  bool put(J value) {
    *slot() = std::move(value);
    return true;
  }
  bool open(J container) {
    if (stack_.size() >= kMaxJsonDepth) {
      too_deep_ = true;
      return false;
    }
    std::string where = step();
    J* s = slot();
    *s = std::move(container);
    stack_.push_back(s);
    path_.push_back(std::move(where));
    return true;
  }

  J& root_;
  std::vector<J*> stack_;
  std::vector<std::string> path_;  // the pointer step of each open container
  std::vector<std::unordered_set<std::string>> keys_;
  string_t key_;
  std::optional<std::string> duplicate_;
  bool too_deep_ = false;
  bool number_range_ = false;
  std::size_t error_offset_ = 0;
};

template <class J>
J parse_as(std::string_view text, std::string_view what) {
  if (!is_valid_utf8(text)) raise(Errc::invalid_argument, "core.bad_utf8", {{"what", std::string(what)}});
  J root;
  Builder<J> builder(root);
  if (!J::sax_parse(text.begin(), text.end(), &builder)) builder.raise_refusal(text, what);
  return root;
}

}  // namespace

std::string member_pointer(const std::string& pointer, std::string_view name) {
  std::string out = pointer;
  out += '/';
  for (char ch : name) {
    if (ch == '~') {
      out += "~0";
    } else if (ch == '/') {
      out += "~1";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string element_pointer(const std::string& pointer, std::size_t index) {
  std::string out = pointer;
  out += '/';
  out += std::to_string(index);
  return out;
}

nlohmann::json parse(std::string_view text, std::string_view what) { return parse_as<nlohmann::json>(text, what); }

nlohmann::ordered_json parse_ordered(std::string_view text, std::string_view what) {
  return parse_as<nlohmann::ordered_json>(text, what);
}

}  // namespace pactum::json_document
