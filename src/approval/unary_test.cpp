// Unary tests: the cells of a routing table, parsed into ranges of units
// (money, number) or sets of values (text, department, enumeration, boolean).
// The grammar is documented in docs/routing.md.
#include <algorithm>
#include <string>
#include <utility>

#include "compiled.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

struct UnaryTestBuilder {
  static UnaryTest any(const routing::InputSpec& spec) {
    UnaryTest t;
    t.text_.push_back('-');
    t.any_ = true;
    t.ordered_ = spec.kind == routing::Kind::ordered;
    if (t.ordered_) {
      t.ranges_.push_back({spec.min, spec.max});
    } else if (spec.kind == routing::Kind::choice) {
      t.values_ = spec.choices;
      std::sort(t.values_.begin(), t.values_.end());
    } else {
      t.negated_ = true;
    }
    return t;
  }

  static UnaryTest ordered(std::string text, std::vector<UnaryTest::Range> ranges, const routing::InputSpec& spec) {
    UnaryTest t;
    t.text_ = std::move(text);
    t.ordered_ = true;
    t.ranges_ = std::move(ranges);
    t.any_ = t.ranges_.size() == 1 && t.ranges_[0].lo == spec.min && t.ranges_[0].hi == spec.max;
    return t;
  }

  static UnaryTest set(std::string text, std::vector<std::string> values, bool negated, const routing::InputSpec& spec) {
    UnaryTest t;
    t.text_ = std::move(text);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (spec.kind == routing::Kind::choice) {
      if (negated) {
        std::vector<std::string> rest;
        for (const std::string& v : spec.choices) {
          if (!std::binary_search(values.begin(), values.end(), v)) rest.push_back(v);
        }
        std::sort(rest.begin(), rest.end());
        values = std::move(rest);
        negated = false;
      }
      t.any_ = values.size() == spec.choices.size();
    } else {
      t.any_ = negated && values.empty();
    }
    t.values_ = std::move(values);
    t.negated_ = negated;
    return t;
  }
};

bool UnaryTest::is_empty() const noexcept {
  if (ordered_) return ranges_.empty();
  return !negated_ && values_.empty();
}

bool UnaryTest::matches(std::string_view value) const noexcept {
  if (any_) return true;
  const bool listed = std::binary_search(values_.begin(), values_.end(), value,
                                         [](std::string_view a, std::string_view b) { return a < b; });
  return listed != negated_;
}

bool UnaryTest::matches_units(std::int64_t units) const noexcept {
  for (const Range& r : ranges_) {
    if (units < r.lo) return false;
    if (units <= r.hi) return true;
  }
  return false;
}

namespace routing {

std::string units_text(std::int64_t units) {
  return Decimal::from_coefficient(units, Money::kScale).normalized().to_string();
}

std::optional<std::int64_t> decimal_units(const Decimal& value) noexcept {
  const Decimal d = value.normalized();
  if (d.scale() > Money::kScale) return std::nullopt;
  std::int64_t factor = 1;
  for (int i = d.scale(); i < Money::kScale; ++i) factor *= 10;
  std::int64_t out = 0;
  if (__builtin_mul_overflow(d.coefficient(), factor, &out)) return std::nullopt;
  return out;
}

UnaryTest any_test(const InputSpec& spec) { return UnaryTestBuilder::any(spec); }

namespace {

const char* kind_type_name(const InputSpec& spec) { return routing_input_type_name(spec.value_type); }

// One parsed test of a list, before it is folded into the cell's set.
struct Piece {
  enum class What { string, number, boolean, range } what = What::string;
  std::string text;           // string / boolean literal
  std::int64_t lo = 0, hi = 0;  // closed units (range, number); lo > hi when empty
  std::size_t position = 0;   // byte offset of the piece
  std::size_t end = 0;        // byte offset after the piece
};

class CellParser {
 public:
  CellParser(std::string_view text, const InputSpec& spec, const CellContext& where)
      : text_(text), spec_(spec), where_(where) {}

  UnaryTest parse() {
    if (code_point_count(text_) > RoutingTable::kMaxCellLength) fail_at("routing.cell_too_long", 0, {});
    skip_space();
    if (at_end()) fail_at("routing.cell_empty", 0, {});
    if (peek() == '-' && !(pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
      const std::size_t dash = pos_;
      ++pos_;
      skip_space();
      if (!at_end()) {
        if (peek() == ',') fail_at("routing.cell_lone_any", dash, {});
        unexpected();
      }
      return UnaryTestBuilder::any(spec_);
    }
    bool negated = false;
    if (starts_with_word("not")) {
      const std::size_t save = pos_;
      pos_ += 3;
      skip_space();
      if (!at_end() && peek() == '(') {
        ++pos_;
        negated = true;
      } else {
        pos_ = save;
      }
    }
    std::vector<Piece> pieces = parse_list();
    if (negated) {
      skip_space();
      if (at_end()) fail_at("routing.cell_end", pos_, {});
      if (peek() != ')') unexpected();
      ++pos_;
    }
    skip_space();
    if (!at_end()) unexpected();
    return build(pieces, negated);
  }

 private:
  std::vector<Piece> parse_list() {
    std::vector<Piece> pieces;
    for (;;) {
      skip_space();
      pieces.push_back(parse_piece());
      skip_space();
      if (at_end() || peek() != ',') break;
      ++pos_;
    }
    return pieces;
  }

  Piece parse_piece() {
    if (at_end()) fail_at("routing.cell_end", pos_, {});
    Piece p;
    p.position = pos_;
    const char c = peek();
    if (c == '<' || c == '>') {
      const bool less = c == '<';
      ++pos_;
      bool inclusive = false;
      if (!at_end() && peek() == '=') {
        inclusive = true;
        ++pos_;
      }
      skip_space();
      const std::int64_t x = parse_number();
      p.what = Piece::What::range;
      if (less) {
        if (!inclusive && x == kMinUnits) {
          set_empty(p);
        } else {
          p.lo = kMinUnits;
          p.hi = inclusive ? x : x - 1;
        }
      } else {
        if (!inclusive && x == kMaxUnits) {
          set_empty(p);
        } else {
          p.lo = inclusive ? x : x + 1;
          p.hi = kMaxUnits;
        }
      }
      p.end = pos_;
      require_ordered(p);
      return p;
    }
    if (c == '=') {
      ++pos_;
      skip_space();
      if (at_end()) fail_at("routing.cell_end", pos_, {});
      Piece inner = parse_literal();
      inner.position = p.position;
      return inner;
    }
    if (c == '[' || c == '(' || c == ']') {
      const bool lo_open = c != '[';
      ++pos_;
      skip_space();
      const std::int64_t a = parse_number();
      skip_space();
      if (text_.substr(pos_, 2) != "..") {
        if (at_end()) fail_at("routing.cell_end", pos_, {});
        unexpected();
      }
      pos_ += 2;
      skip_space();
      const std::int64_t b = parse_number();
      skip_space();
      if (at_end()) fail_at("routing.cell_end", pos_, {});
      const char close = peek();
      if (close != ']' && close != ')' && close != '[') unexpected();
      const bool hi_open = close != ']';
      ++pos_;
      p.what = Piece::What::range;
      p.end = pos_;
      if (a > b || (a == b && (lo_open || hi_open))) {
        fail_at("routing.cell_empty_range", p.position, {{"test", std::string(text_.substr(p.position, pos_ - p.position))}});
      }
      p.lo = a;
      p.hi = b;
      if (lo_open) p.lo = a + 1;  // a < b here, so no overflow
      if (hi_open) p.hi = b - 1;
      require_ordered(p);
      return p;
    }
    return parse_literal();
  }

  Piece parse_literal() {
    Piece p;
    p.position = pos_;
    const char c = peek();
    if (c == '"') {
      p.what = Piece::What::string;
      p.text = parse_string();
    } else if (is_digit(c) || (c == '-' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
      p.what = Piece::What::number;
      p.lo = p.hi = parse_number();
    } else if (starts_with_word("true") || starts_with_word("false")) {
      p.what = Piece::What::boolean;
      p.text = starts_with_word("true") ? "true" : "false";
      pos_ += p.text.size();
    } else if (c == '-') {
      fail_at("routing.cell_lone_any", pos_, {});
    } else if (is_word_char(c)) {
      std::size_t end = pos_;
      while (end < text_.size() && (is_word_char(text_[end]) || static_cast<unsigned char>(text_[end]) >= 0x80)) ++end;
      fail_at("routing.cell_unquoted", pos_, {{"text", std::string(text_.substr(pos_, end - pos_))}});
    } else {
      unexpected();
    }
    p.end = pos_;
    // The literal must suit the input's type.
    switch (spec_.kind) {
      case Kind::ordered:
        if (p.what != Piece::What::number) type_mismatch(p);
        break;
      case Kind::text:
        if (p.what == Piece::What::number || p.what == Piece::What::boolean) {
          fail_at("routing.cell_unquoted", p.position, {{"text", std::string(text_.substr(p.position, p.end - p.position))}});
        }
        break;
      case Kind::choice:
        if (spec_.value_type == RoutingInputType::boolean) {
          if (p.what != Piece::What::boolean) type_mismatch(p);
        } else {
          if (p.what != Piece::What::string) {
            fail_at("routing.cell_unquoted", p.position,
                    {{"text", std::string(text_.substr(p.position, p.end - p.position))}});
          }
          if (spec_.choice_index.find(p.text) == spec_.choice_index.end()) {
            fail_at("routing.cell_unknown_value", p.position, {{"value", p.text}});
          }
        }
        break;
    }
    return p;
  }

  std::string parse_string() {
    const std::size_t start = pos_;
    ++pos_;
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        if (code_point_count(out) > RoutingTable::kMaxTextLength) fail_at("routing.cell_value_too_long", start, {});
        return out;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) break;
        const char e = text_[pos_ + 1];
        if (e != '"' && e != '\\') fail_at("routing.cell_bad_escape", pos_, {});
        out += e;
        pos_ += 2;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) fail_at("routing.cell_control", pos_, {});
      out += c;
      ++pos_;
    }
    fail_at("routing.cell_unterminated", start, {});
  }

  std::int64_t parse_number() {
    const std::size_t start = pos_;
    std::size_t end = pos_;
    if (end < text_.size() && text_[end] == '-') ++end;
    while (end < text_.size() && is_digit(text_[end])) ++end;
    // A decimal point belongs to the number only when a digit follows it
    // ("1..5" is a range, "1." is malformed).
    if (end < text_.size() && text_[end] == '.' && !(end + 1 < text_.size() && text_[end + 1] == '.')) {
      ++end;
      while (end < text_.size() && is_digit(text_[end])) ++end;
    }
    if (end == start) {
      if (at_end()) fail_at("routing.cell_end", pos_, {});
      unexpected();
    }
    const std::string_view number = text_.substr(start, end - start);
    std::optional<std::int64_t> units;
    try {
      units = decimal_units(Decimal::parse(number));
    } catch (const Error&) {
      units.reset();
    }
    if (!units) fail_at("routing.cell_number", start, {{"text", std::string(number)}});
    pos_ = end;
    return *units;
  }

  UnaryTest build(const std::vector<Piece>& pieces, bool negated) {
    if (spec_.kind == Kind::ordered) {
      std::vector<UnaryTest::Range> ranges;
      for (const Piece& p : pieces) {
        if (p.lo <= p.hi) ranges.push_back({p.lo, p.hi});
      }
      std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.lo < b.lo; });
      std::vector<UnaryTest::Range> merged;
      for (const auto& r : ranges) {
        if (!merged.empty() && (merged.back().hi == kMaxUnits || r.lo <= merged.back().hi + 1)) {
          merged.back().hi = std::max(merged.back().hi, r.hi);
        } else {
          merged.push_back(r);
        }
      }
      if (negated) {
        std::vector<UnaryTest::Range> complement;
        std::int64_t next = kMinUnits;
        bool done = false;
        for (const auto& r : merged) {
          if (r.lo > next) complement.push_back({next, r.lo - 1});
          if (r.hi == kMaxUnits) {
            done = true;
            break;
          }
          next = r.hi + 1;
        }
        if (!done) complement.push_back({next, kMaxUnits});
        merged = std::move(complement);
      }
      // Clip to the input's domain.
      std::vector<UnaryTest::Range> clipped;
      for (const auto& r : merged) {
        const std::int64_t lo = std::max(r.lo, spec_.min);
        const std::int64_t hi = std::min(r.hi, spec_.max);
        if (lo <= hi) clipped.push_back({lo, hi});
      }
      return UnaryTestBuilder::ordered(std::string(text_), std::move(clipped), spec_);
    }
    std::vector<std::string> values;
    values.reserve(pieces.size());
    for (const Piece& p : pieces) values.push_back(p.text);
    return UnaryTestBuilder::set(std::string(text_), std::move(values), negated, spec_);
  }

  void require_ordered(const Piece& p) {
    if (spec_.kind != Kind::ordered) type_mismatch(p);
  }

  [[noreturn]] void type_mismatch(const Piece& p) {
    fail_at("routing.cell_type", p.position,
            {{"test", std::string(text_.substr(p.position, p.end - p.position))}, {"type", kind_type_name(spec_)}});
  }

  static void set_empty(Piece& p) {
    p.lo = 1;
    p.hi = 0;
  }

  [[noreturn]] void unexpected() {
    // The whole code point at pos_.
    std::size_t len = 1;
    while (pos_ + len < text_.size() && (static_cast<unsigned char>(text_[pos_ + len]) & 0xC0) == 0x80) ++len;
    fail_at("routing.cell_unexpected", pos_, {{"found", std::string(text_.substr(pos_, len))}});
  }

  [[noreturn]] void fail_at(const char* key, std::size_t byte_offset, MessageArgs extra) {
    MessageArgs args = {{"rule", where_.rule},
                        {"number", std::to_string(where_.number)},
                        {"input", where_.input},
                        {"position", std::to_string(code_point_count(text_.substr(0, byte_offset)) + 1)},
                        {"cell", std::string(text_)}};
    for (auto& kv : extra) args.push_back(std::move(kv));
    raise(Errc::invalid_argument, key, std::move(args));
  }

  static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
  static bool is_word_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
  }
  bool starts_with_word(std::string_view word) const noexcept {
    if (text_.substr(pos_, word.size()) != word) return false;
    const std::size_t after = pos_ + word.size();
    return after >= text_.size() || !is_word_char(text_[after]);
  }
  bool at_end() const noexcept { return pos_ >= text_.size(); }
  char peek() const noexcept { return text_[pos_]; }
  void skip_space() noexcept {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  std::string_view text_;
  const InputSpec& spec_;
  const CellContext& where_;
  std::size_t pos_ = 0;
};

}  // namespace

UnaryTest parse_unary_test(std::string_view text, const InputSpec& spec, const CellContext& where) {
  if (!is_valid_utf8(text)) {
    raise(Errc::invalid_argument, "routing.cell_utf8",
          {{"rule", where.rule}, {"number", std::to_string(where.number)}, {"input", where.input}});
  }
  return CellParser(text, spec, where).parse();
}

}  // namespace routing

}  // namespace pactum
