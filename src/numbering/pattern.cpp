// The numbering pattern language: compile, validate, scope keys, render and
// parse back. Pure C++ (no storage); the Database keeps rules and counters.
#include "pactum/numbering/pattern.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace numbering_detail {

enum class Kind : unsigned char { literal, year, yy, month, day, quarter, field, seq, check };

struct Element {
  Kind kind = Kind::literal;
  std::string text;  // literal text, field name, or the token as written ("{seq:3}")
  std::string name;  // field name or date token name ("year"); empty otherwise
  int width = 0;     // seq: minimum digits; fixed tokens: their width
  int position = 0;  // code point (from 1) where the element starts in the pattern
  int field = -1;    // named fields: index into Compiled::fields
  // Variable-width tokens only:
  std::string left_separator;   // last code point of the literal right before it
  std::string right_separator;  // first code point of the literal that ends it
  int fixed_after = 0;          // width of the fixed tokens between it and that literal (or the end)
};

}  // namespace numbering_detail

using numbering_detail::Element;
using numbering_detail::Kind;

struct NumberingPattern::Compiled {
  std::string text;
  std::vector<Element> elements;
  std::vector<std::string> fields;  // named fields, unique, in order of first appearance
  std::vector<std::pair<std::string, int>> sorted_fields;  // (name, index into fields), by name
  // Every token except seq and check, by name (sorted, unique): the scope key.
  std::vector<std::pair<std::string, Kind>> scope_tokens;
  std::string literal_text;  // all literal text: the pattern's separators
  bool has_check = false;
  bool uses_date = false;
  int seq_width = 1;
};

namespace {

constexpr std::int64_t kMaxSeq = std::numeric_limits<std::int64_t>::max();

bool is_fixed(Kind k) noexcept { return k != Kind::literal && k != Kind::field && k != Kind::seq; }
bool is_variable(Kind k) noexcept { return k == Kind::field || k == Kind::seq; }
bool is_date(Kind k) noexcept { return k == Kind::year || k == Kind::yy || k == Kind::month || k == Kind::day || k == Kind::quarter; }

std::size_t utf8_length(unsigned char lead) noexcept {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_check_alphabet(char c) noexcept { return is_ascii_digit(c) || (c >= 'A' && c <= 'Z'); }

// Value of a character in ISO 7064 MOD 37-2 (0-9 -> 0..9, A-Z -> 10..35),
// -1 for a character that does not count.
int mod37_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

char mod37_character(int value) noexcept {
  if (value < 10) return static_cast<char>('0' + value);
  if (value < 36) return static_cast<char>('A' + value - 10);
  return '*';
}

// The check character over every counting character of `text` except the
// byte at `skip` (npos: none).
char check_over(std::string_view text, std::size_t skip) noexcept {
  int p = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == skip) continue;
    const int v = mod37_value(text[i]);
    if (v < 0) continue;
    p = ((p + v) * 2) % 37;
  }
  return mod37_character((38 - p) % 37);
}

struct Ymd {
  int year = 1970;
  int month = 1;
  int day = 1;
};

// Civil date of a day count since 1970-01-01 (proleptic Gregorian), by the
// era arithmetic of 400-year cycles starting on March 1st.
Ymd civil(std::int64_t serial) noexcept {
  const std::int64_t z = serial + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                   // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                 // [0, 11], March first
  Ymd out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
  return out;
}

void append_digits(std::string& out, std::int64_t value, int width) {
  char buf[24];
  int n = 0;
  auto v = static_cast<std::uint64_t>(value);
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

void append_date_token(std::string& out, Kind kind, const Ymd& d) {
  switch (kind) {
    case Kind::year: append_digits(out, d.year, 4); break;
    case Kind::yy: append_digits(out, d.year % 100, 2); break;
    case Kind::month: append_digits(out, d.month, 2); break;
    case Kind::day: append_digits(out, d.day, 2); break;
    case Kind::quarter: append_digits(out, (d.month - 1) / 3 + 1, 1); break;
    default: break;
  }
}

[[noreturn]] void pattern_error(const char* key, MessageArgs args) { raise(Errc::pattern, key, std::move(args)); }

std::string str(std::int64_t v) { return std::to_string(v); }

bool is_identifier(std::string_view s) noexcept {
  if (s.empty() || s.size() > static_cast<std::size_t>(kMaxFieldNameLength)) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin() + 1, s.end(), [&](char c) { return alpha(c) || is_ascii_digit(c); });
}

// One "{...}" token (without braces) at `position`.
Element parse_token(std::string_view token, int position) {
  Element e;
  e.position = position;
  e.text.reserve(token.size() + 2);
  e.text.push_back('{');
  e.text.append(token);
  e.text.push_back('}');
  struct Named {
    std::string_view name;
    Kind kind;
    int width;
  };
  static constexpr Named kFixed[] = {{"year", Kind::year, 4},   {"yy", Kind::yy, 2},
                                     {"month", Kind::month, 2}, {"day", Kind::day, 2},
                                     {"quarter", Kind::quarter, 1}, {"check", Kind::check, 1}};
  for (const Named& n : kFixed) {
    if (token == n.name) {
      e.kind = n.kind;
      e.width = n.width;
      if (n.kind != Kind::check) e.name = std::string(n.name);
      return e;
    }
  }
  if (token == "seq" || token.rfind("seq:", 0) == 0) {
    e.kind = Kind::seq;
    e.width = 1;
    if (token.size() > 3) {
      const std::string_view w = token.substr(4);
      int width = 0;
      bool ok = !w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), is_ascii_digit);
      if (ok) {
        for (char c : w) width = width * 10 + (c - '0');
        ok = width >= kMinSeqWidth && width <= kMaxSeqWidth;
      }
      if (!ok) {
        pattern_error("numbering.pattern_bad_width", {{"width", std::string(w)},
                                                      {"position", str(position)},
                                                      {"min", str(kMinSeqWidth)},
                                                      {"max", str(kMaxSeqWidth)}});
      }
      e.width = width;
    }
    return e;
  }
  if (!is_identifier(token)) {
    pattern_error("numbering.pattern_unknown_token", {{"token", e.text}, {"position", str(position)}});
  }
  e.kind = Kind::field;
  e.name = std::string(token);
  return e;
}

std::string first_code_point(std::string_view s) { return std::string(s.substr(0, utf8_length(static_cast<unsigned char>(s[0])))); }

std::string last_code_point(std::string_view s) {
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return std::string(s.substr(i));
}

void validate_value(const NumberingPattern::Compiled& c, const Element& e, const std::string& value) {
  auto fail = [&](const char* key) { raise(Errc::invalid_argument, key, {{"field", e.name}}); };
  if (!is_valid_utf8(value)) fail("numbering.field_utf8");
  if (value.empty()) fail("numbering.empty_field");
  if (has_control_character(value)) fail("numbering.field_control");
  if (code_point_count(value) > static_cast<std::size_t>(kMaxFieldValueLength)) {
    raise(Errc::invalid_argument, "numbering.field_too_long", {{"field", e.name}, {"max", str(kMaxFieldValueLength)}});
  }
  for (const std::string* sep : {&e.left_separator, &e.right_separator}) {
    if (!sep->empty() && value.find(*sep) != std::string::npos) {
      raise(Errc::invalid_argument, "numbering.field_separator",
            {{"field", e.name}, {"value", value}, {"separator", *sep}});
    }
  }
  if (c.has_check) {
    for (std::size_t i = 0; i < value.size();) {
      const std::size_t len = utf8_length(static_cast<unsigned char>(value[i]));
      const std::string_view cp(value.data() + i, len);
      const bool ok = (len == 1 && is_check_alphabet(value[i])) || c.literal_text.find(cp) != std::string::npos;
      if (!ok) {
        raise(Errc::invalid_argument, "numbering.field_not_check_safe",
              {{"field", e.name}, {"value", value}, {"character", std::string(cp)}});
      }
      i += len;
    }
  }
}

// The value of each named field, by its index in Compiled::fields.
struct FieldValues {
  // Filled by validate_fields for every field before any read.
  std::array<const std::string*, kMaxPatternLength / 3 + 1> at;
  const std::string& operator[](int i) const { return *at[static_cast<std::size_t>(i)]; }
};

// Checks the supplied fields against the pattern (a merge of two sorted
// lists: no lookups) and every value; fills `values`.
void validate_fields(const NumberingPattern::Compiled& c, const NumberFields& fields, FieldValues& values) {
  const std::string* unknown = nullptr;
  int missing = -1;
  auto it = fields.begin();
  std::size_t k = 0;
  const auto& sorted = c.sorted_fields;
  while (it != fields.end() || k < sorted.size()) {
    if (k == sorted.size() || (it != fields.end() && it->first < sorted[k].first)) {
      if (unknown == nullptr) unknown = &it->first;
      ++it;
    } else if (it == fields.end() || sorted[k].first < it->first) {
      if (missing < 0 || sorted[k].second < missing) missing = sorted[k].second;
      ++k;
    } else {
      values.at[static_cast<std::size_t>(sorted[k].second)] = &it->second;
      ++it;
      ++k;
    }
  }
  if (unknown != nullptr) {
    if (!is_valid_utf8(*unknown)) raise(Errc::invalid_argument, "numbering.bad_field_name");
    raise(Errc::invalid_argument, "numbering.unknown_field", {{"field", *unknown}, {"pattern", c.text}});
  }
  if (missing >= 0) {
    raise(Errc::invalid_argument, "numbering.missing_field",
          {{"field", c.fields[static_cast<std::size_t>(missing)]}, {"pattern", c.text}});
  }
  for (const Element& e : c.elements) {
    if (e.kind == Kind::field) validate_value(c, e, values[e.field]);
  }
}

void check_seq(std::int64_t seq) {
  if (seq < 1) raise(Errc::invalid_argument, "numbering.bad_seq", {{"seq", str(seq)}, {"max", str(kMaxSeq)}});
}

// Renders without validating (the caller did).
void render_unchecked(const NumberingPattern::Compiled& c, std::string& out, Date on, const FieldValues& values,
                      std::int64_t seq) {
  out.clear();
  Ymd d;
  if (c.uses_date) d = civil(on.serial());
  std::size_t check_at = std::string::npos;
  for (const Element& e : c.elements) {
    switch (e.kind) {
      case Kind::literal: out += e.text; break;
      case Kind::field: out += values[e.field]; break;
      case Kind::seq: append_digits(out, seq, e.width); break;
      case Kind::check:
        check_at = out.size();
        out.push_back('0');
        break;
      default: append_date_token(out, e.kind, d); break;
    }
  }
  if (check_at != std::string::npos) out[check_at] = check_over(out, check_at);
}

[[noreturn]] void parse_mismatch(const NumberingPattern::Compiled& c, std::string_view number, std::size_t at) {
  const std::size_t prefix = code_point_count(number.substr(0, std::min(at, number.size())));
  raise(Errc::invalid_argument, "numbering.parse_mismatch",
        {{"number", std::string(number)}, {"pattern", c.text}, {"position", str(static_cast<std::int64_t>(prefix) + 1)}});
}

}  // namespace

// ---- mode names -------------------------------------------------------------

NumberingMode parse_numbering_mode(std::string_view name) {
  if (name == "gapless") return NumberingMode::gapless;
  if (name == "fast") return NumberingMode::fast;
  if (!is_valid_utf8(name)) raise(Errc::invalid_argument, "core.bad_utf8", {{"what", "numbering mode"}});
  raise(Errc::invalid_argument, "numbering.bad_mode", {{"mode", std::string(name)}});
}

const char* numbering_mode_name(NumberingMode mode) noexcept {
  return mode == NumberingMode::fast ? "fast" : "gapless";
}

// ---- compile ----------------------------------------------------------------

NumberingPattern NumberingPattern::compile(std::string_view pattern) {
  require_utf8(pattern, "numbering pattern");
  if (code_point_count(pattern) > static_cast<std::size_t>(kMaxPatternLength)) {
    pattern_error("numbering.pattern_too_long", {{"max", str(kMaxPatternLength)}});
  }
  auto c = std::make_unique<Compiled>();
  c->text = std::string(pattern);
  std::vector<Element>& elements = c->elements;

  std::string literal;
  int literal_position = 0;
  auto add_literal = [&](std::string_view text, int position) {
    if (literal.empty()) literal_position = position;
    literal += text;
  };
  auto flush_literal = [&] {
    if (literal.empty()) return;
    Element e;
    e.kind = Kind::literal;
    e.text = std::move(literal);
    e.position = literal_position;
    elements.push_back(std::move(e));
    literal.clear();
  };
  auto unbalanced = [&](char brace, int position) {
    pattern_error("numbering.pattern_unbalanced",
                  {{"brace", std::string(1, brace)}, {"position", str(position)}, {"escape", "{{ }}"}});
  };

  int position = 1;
  int seq_count = 0;
  bool check_seen = false;
  for (std::size_t i = 0; i < pattern.size();) {
    const char ch = pattern[i];
    if (ch == '{' || ch == '}') {
      if (i + 1 < pattern.size() && pattern[i + 1] == ch) {
        add_literal(std::string_view(&pattern[i], 1), position);
        i += 2;
        position += 2;
        continue;
      }
      if (ch == '}') unbalanced('}', position);
      const std::size_t close = pattern.find('}', i + 1);
      const std::size_t nested = pattern.find('{', i + 1);
      if (close == std::string_view::npos || (nested != std::string_view::npos && nested < close)) {
        unbalanced('{', position);
      }
      const std::string_view token = pattern.substr(i + 1, close - i - 1);
      Element e = parse_token(token, position);
      if (e.kind == Kind::seq && ++seq_count > 1) {
        pattern_error("numbering.pattern_two_seq", {{"position", str(position)}});
      }
      if (e.kind == Kind::check) {
        if (check_seen) pattern_error("numbering.pattern_two_check", {{"position", str(position)}});
        check_seen = true;
      }
      flush_literal();
      elements.push_back(std::move(e));
      position += 2 + static_cast<int>(code_point_count(token));
      i = close + 1;
      continue;
    }
    const std::size_t len = utf8_length(static_cast<unsigned char>(ch));
    const std::string_view cp = pattern.substr(i, len);
    if (has_control_character(cp)) pattern_error("numbering.pattern_control", {{"position", str(position)}});
    add_literal(cp, position);
    i += len;
    ++position;
  }
  flush_literal();
  if (seq_count == 0) pattern_error("numbering.pattern_no_seq", {{"pattern", c->text}, {"example", "{seq:3}"}});

  // Two variable-width tokens need literal text between them; fixed-width
  // tokens between them do not separate (their width cannot tell where the
  // first one ends).
  const Element* last_variable = nullptr;
  bool text_since = true;
  for (const Element& e : elements) {
    if (e.kind == Kind::literal) {
      text_since = true;
    } else if (is_variable(e.kind)) {
      if (last_variable != nullptr && !text_since) {
        pattern_error("numbering.pattern_touching",
                      {{"first", last_variable->text}, {"second", e.text}, {"position", str(e.position)}});
      }
      last_variable = &e;
      text_since = false;
    }
  }

  // Where each variable-width token ends: at the first code point of the
  // literal after it, less the fixed tokens in between. That code point must
  // not be one the token (seq: digits) or those fixed tokens can produce.
  for (std::size_t idx = 0; idx < elements.size(); ++idx) {
    Element& e = elements[idx];
    if (e.kind == Kind::seq) c->seq_width = e.width;
    if (e.kind == Kind::check) c->has_check = true;
    if (is_date(e.kind)) c->uses_date = true;
    if (e.kind == Kind::literal) c->literal_text += e.text;
    if (!is_variable(e.kind)) continue;
    if (idx > 0 && elements[idx - 1].kind == Kind::literal) e.left_separator = last_code_point(elements[idx - 1].text);
    std::size_t j = idx + 1;
    const Element* digit_maker = e.kind == Kind::seq ? &e : nullptr;
    const Element* check_maker = nullptr;
    for (; j < elements.size() && is_fixed(elements[j].kind); ++j) {
      e.fixed_after += elements[j].width;
      if (elements[j].kind == Kind::check) {
        check_maker = &elements[j];
      } else if (digit_maker == nullptr) {
        digit_maker = &elements[j];
      }
    }
    if (j < elements.size() && elements[j].kind == Kind::literal) {
      const Element& end = elements[j];
      e.right_separator = first_code_point(end.text);
      const char first = end.text[0];
      const Element* maker = nullptr;
      if (digit_maker != nullptr && is_ascii_digit(first)) maker = digit_maker;
      if (check_maker != nullptr && (is_check_alphabet(first) || first == '*')) maker = check_maker;
      if (maker != nullptr) {
        pattern_error("numbering.pattern_ambiguous_text",
                      {{"text", end.text}, {"position", str(end.position)}, {"token", maker->text}});
      }
    }
  }

  for (Element& e : elements) {
    if (e.kind == Kind::field) {
      auto at = std::find(c->fields.begin(), c->fields.end(), e.name);
      e.field = static_cast<int>(at - c->fields.begin());
      if (at == c->fields.end()) c->fields.push_back(e.name);
    }
    if (e.kind == Kind::field || is_date(e.kind)) c->scope_tokens.emplace_back(e.name, e.kind);
  }
  for (std::size_t i = 0; i < c->fields.size(); ++i) c->sorted_fields.emplace_back(c->fields[i], static_cast<int>(i));
  std::sort(c->sorted_fields.begin(), c->sorted_fields.end());
  std::sort(c->scope_tokens.begin(), c->scope_tokens.end());
  c->scope_tokens.erase(std::unique(c->scope_tokens.begin(), c->scope_tokens.end()), c->scope_tokens.end());
  return NumberingPattern(std::move(c));
}

NumberingPattern::NumberingPattern(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
NumberingPattern::NumberingPattern(const NumberingPattern& o) : compiled_(std::make_unique<Compiled>(*o.compiled_)) {}
NumberingPattern& NumberingPattern::operator=(const NumberingPattern& o) {
  if (this != &o) compiled_ = std::make_unique<Compiled>(*o.compiled_);
  return *this;
}
NumberingPattern::NumberingPattern(NumberingPattern&&) noexcept = default;
NumberingPattern& NumberingPattern::operator=(NumberingPattern&&) noexcept = default;
NumberingPattern::~NumberingPattern() = default;

const std::string& NumberingPattern::text() const noexcept { return compiled_->text; }
std::vector<std::string> NumberingPattern::field_names() const { return compiled_->fields; }
bool NumberingPattern::has_check() const noexcept { return compiled_->has_check; }
int NumberingPattern::seq_width() const noexcept { return compiled_->seq_width; }

void NumberingPattern::validate(const NumberFields& fields) const {
  FieldValues values;
  validate_fields(*compiled_, fields, values);
}

std::string NumberingPattern::scope_key(Date on, const NumberFields& fields) const {
  return bind(on, fields).key();
}

std::string NumberingPattern::render(Date on, const NumberFields& fields, std::int64_t seq) const {
  FieldValues values;
  validate_fields(*compiled_, fields, values);
  check_seq(seq);
  std::string out;
  render_unchecked(*compiled_, out, on, values, seq);
  return out;
}

NumberingPattern::Scope NumberingPattern::bind(Date on, const NumberFields& fields) const {
  const Compiled& c = *compiled_;
  FieldValues values;
  validate_fields(c, fields, values);
  Scope s;
  s.seq_width_ = c.seq_width;
  s.has_check_ = c.has_check;
  Ymd d;
  if (c.uses_date) d = civil(on.serial());
  std::string text;
  auto flush = [&] {
    if (text.empty()) return;
    s.parts_.push_back({std::move(text), 0});
    text.clear();
  };
  for (const Element& e : c.elements) {
    switch (e.kind) {
      case Kind::literal: text += e.text; break;
      case Kind::field: text += values[e.field]; break;
      case Kind::seq:
        flush();
        s.parts_.push_back({std::string(), 's'});
        break;
      case Kind::check:
        flush();
        s.parts_.push_back({std::string(), 'c'});
        break;
      default: append_date_token(text, e.kind, d); break;
    }
  }
  flush();
  for (const auto& [name, kind] : c.scope_tokens) {
    if (!s.key_.empty()) s.key_.push_back('\x1f');
    s.key_ += name;
    s.key_.push_back('=');
    if (kind == Kind::field) {
      s.key_ += fields.find(name)->second;
    } else {
      append_date_token(s.key_, kind, d);
    }
  }
  return s;
}

void NumberingPattern::Scope::render_into(std::string& out, std::int64_t seq) const {
  check_seq(seq);
  out.clear();
  std::size_t check_at = std::string::npos;
  for (const Part& p : parts_) {
    if (p.kind == 0) {
      out += p.text;
    } else if (p.kind == 's') {
      append_digits(out, seq, seq_width_);
    } else {
      check_at = out.size();
      out.push_back('0');
    }
  }
  if (check_at != std::string::npos) out[check_at] = check_over(out, check_at);
}

std::string NumberingPattern::Scope::render(std::int64_t seq) const {
  std::string out;
  render_into(out, seq);
  return out;
}

// ---- parse back -------------------------------------------------------------

ParsedNumber NumberingPattern::parse(std::string_view number) const {
  const Compiled& c = *compiled_;
  require_utf8(number, "number");
  ParsedNumber out;
  int year = -1, yy = -1, month = -1, day = -1, quarter = -1;
  std::size_t check_at = std::string::npos;
  std::vector<std::pair<std::size_t, const Element*>> field_starts;
  std::size_t p = 0;
  const std::size_t n = number.size();
  for (const Element& e : c.elements) {
    switch (e.kind) {
      case Kind::literal:
        if (number.compare(p, e.text.size(), e.text) != 0) parse_mismatch(c, number, p);
        p += e.text.size();
        break;
      case Kind::field:
      case Kind::seq: {
        std::size_t end;
        if (!e.right_separator.empty()) {
          const std::size_t at = number.find(e.right_separator, p);
          if (at == std::string_view::npos || at < p + 1 + static_cast<std::size_t>(e.fixed_after)) parse_mismatch(c, number, p);
          end = at - static_cast<std::size_t>(e.fixed_after);
        } else {
          if (n < p + 1 + static_cast<std::size_t>(e.fixed_after)) parse_mismatch(c, number, p);
          end = n - static_cast<std::size_t>(e.fixed_after);
        }
        const std::string_view value = number.substr(p, end - p);
        if (e.kind == Kind::field) {
          auto [it, inserted] = out.fields.emplace(e.name, std::string(value));
          if (!inserted && it->second != value) parse_mismatch(c, number, p);
          field_starts.emplace_back(p, &e);
        } else {
          if (value.size() > 19 || !std::all_of(value.begin(), value.end(), is_ascii_digit)) parse_mismatch(c, number, p);
          // Zero-padded to the width, never beyond it.
          const auto width = static_cast<std::size_t>(e.width);
          if (value.size() < width || (value.size() > width && value[0] == '0')) parse_mismatch(c, number, p);
          std::uint64_t v = 0;
          for (char ch : value) v = v * 10 + static_cast<std::uint64_t>(ch - '0');
          if (v == 0 || v > static_cast<std::uint64_t>(kMaxSeq)) parse_mismatch(c, number, p);
          out.seq = static_cast<std::int64_t>(v);
        }
        p = end;
        break;
      }
      case Kind::check:
        if (p >= n || !(is_check_alphabet(number[p]) || number[p] == '*')) parse_mismatch(c, number, p);
        check_at = p;
        ++p;
        break;
      default: {
        const auto w = static_cast<std::size_t>(e.width);
        if (p + w > n) parse_mismatch(c, number, p);
        int v = 0;
        for (std::size_t k = p; k < p + w; ++k) {
          if (!is_ascii_digit(number[k])) parse_mismatch(c, number, k);
          v = v * 10 + (number[k] - '0');
        }
        int* slot = e.kind == Kind::year ? &year : e.kind == Kind::yy ? &yy : e.kind == Kind::month ? &month
                                                : e.kind == Kind::day  ? &day : &quarter;
        const bool in_range = e.kind == Kind::year    ? (v >= Date::kMinYear && v <= Date::kMaxYear)
                              : e.kind == Kind::month ? (v >= 1 && v <= 12)
                              : e.kind == Kind::day   ? (v >= 1 && v <= 31)
                              : e.kind == Kind::quarter ? (v >= 1 && v <= 4)
                                                        : true;
        if (!in_range || (*slot >= 0 && *slot != v)) parse_mismatch(c, number, p);
        *slot = v;
        out.fields[e.name] = std::string(number.substr(p, w));
        p += w;
        break;
      }
    }
  }
  if (p != n) parse_mismatch(c, number, p);

  // The values must be ones a caller could have supplied.
  for (const auto& [start, e] : field_starts) {
    try {
      validate_value(c, *e, out.fields.find(e->name)->second);
    } catch (const ValidationError&) {
      parse_mismatch(c, number, start);
    }
  }
  if (check_at != std::string::npos && check_over(number, check_at) != number[check_at]) {
    raise(Errc::invalid_argument, "numbering.parse_bad_check", {{"number", std::string(number)}});
  }

  // Only the canonical text of its parts parses: rendering them again must
  // give the number back (this also checks the date tokens agree).
  Ymd d{year >= 0 ? year : (yy >= 0 ? 2000 + yy : 2000), month >= 0 ? month : (quarter >= 0 ? quarter * 3 - 2 : 1),
        day >= 0 ? day : 1};
  const auto date = Date::try_parse([&] {
    std::string iso;
    append_digits(iso, d.year, 4);
    iso += '-';
    append_digits(iso, d.month, 2);
    iso += '-';
    append_digits(iso, d.day, 2);
    return iso;
  }());
  if (!date) parse_mismatch(c, number, 0);
  FieldValues values;
  for (const Element& e : c.elements) {
    if (e.kind == Kind::field) values.at[static_cast<std::size_t>(e.field)] = &out.fields.find(e.name)->second;
  }
  std::string again;
  render_unchecked(c, again, *date, values, out.seq);
  if (again != number) {
    std::size_t at = 0;
    while (at < again.size() && at < n && again[at] == number[at]) ++at;
    parse_mismatch(c, number, at);
  }
  return out;
}

// ---- check character ---------------------------------------------------------

char mod37_2_check_character(std::string_view text) noexcept { return check_over(text, std::string_view::npos); }

bool mod37_2_valid(std::string_view text) noexcept {
  std::size_t i = text.size();
  while (i > 0) {
    const char c = text[i - 1];
    if (is_check_alphabet(c) || c == '*') break;
    --i;
  }
  if (i == 0) return false;
  return check_over(text.substr(0, i - 1), std::string_view::npos) == text[i - 1];
}

}  // namespace pactum
