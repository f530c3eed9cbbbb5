// The numbering engine's value types: rules, fields, parsed and issued numbers.
// The pattern language itself (compile, render, parse back, check character)
// is declared here too; storage of rules and counters lives in the Database.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/date.hpp"

namespace pactum {

enum class NumberingMode {
  gapless,  // allocated inside the transaction that stores the record; no holes
  fast,     // blocks reserved per connection; holes only when a block is abandoned
};

// "gapless" / "fast"; anything else is a ValidationError.
NumberingMode parse_numbering_mode(std::string_view name);
const char* numbering_mode_name(NumberingMode mode) noexcept;

// Named field values supplied for rendering: "type" -> "XSC", "dept" -> "SD".
using NumberFields = std::map<std::string, std::string>;

// A flat JSON object of text values, {"type":"XSC","dept":"SD"}, read by
// the one JSON policy of Pactum (docs/errors.md): malformed text, duplicate
// members and values that are not texts are ValidationErrors.
NumberFields number_fields_from_json(std::string_view text);

// A number taken apart: every field and date token of the pattern -> its
// text, plus the sequence number.
struct ParsedNumber {
  NumberFields fields;
  std::int64_t seq = 0;
};

struct NumberingRuleInfo {
  std::string id;
  int version = 0;
  std::string pattern;
  NumberingMode mode = NumberingMode::gapless;
  std::vector<std::string> fields;  // the pattern's named fields, in order
};

struct IssuedNumber {
  std::string number;
  std::string rule_id;
  int rule_version = 0;
  std::int64_t seq = 0;
  Date issued_on;
  std::optional<std::string> owner;
  bool voided = false;
  std::string void_reason;      // empty unless voided
  std::optional<Date> voided_on;  // set when voided
};

// Limits of the pattern language and of the values it renders.
inline constexpr int kMaxPatternLength = 256;    // code points
inline constexpr int kMaxFieldNameLength = 64;   // ASCII identifier
inline constexpr int kMaxFieldValueLength = 128; // code points
inline constexpr int kMinSeqWidth = 1;
inline constexpr int kMaxSeqWidth = 18;

// A compiled numbering pattern such as "{type}-{year}-{dept}-{seq:3}".
// Compile errors are Errc::pattern and name the position (in code points,
// counted from 1). The language is described in docs/numbering.md.
class NumberingPattern {
 public:
  static NumberingPattern compile(std::string_view pattern);

  NumberingPattern(const NumberingPattern&);
  NumberingPattern& operator=(const NumberingPattern&);
  NumberingPattern(NumberingPattern&&) noexcept;
  NumberingPattern& operator=(NumberingPattern&&) noexcept;
  ~NumberingPattern();

  const std::string& text() const noexcept;
  // Names of the named fields, in order of first appearance.
  std::vector<std::string> field_names() const;
  bool has_check() const noexcept;
  int seq_width() const noexcept;

  // Validates the fields (every named field given, none unknown; values
  // non-empty, valid UTF-8, without control characters, without the
  // separator next to them; ASCII upper-case/digits when the rule has a
  // check character). ValidationError naming the field otherwise.
  void validate(const NumberFields& fields) const;
  // The counter key: the rendered values of every token except seq and check,
  // as "name=value" pairs sorted by name and joined by U+001F. Validates the
  // fields.
  std::string scope_key(Date on, const NumberFields& fields) const;
  // The number for `seq` (>= 1). Validates the fields.
  std::string render(Date on, const NumberFields& fields, std::int64_t seq) const;
  // Takes a number of this pattern apart; a number that does not match
  // (or whose check character is wrong) is a ValidationError.
  ParsedNumber parse(std::string_view number) const;

  // One scope of the pattern (a date and validated fields) rendered once, so
  // that successive numbers of the scope only render their sequence.
  class Scope {
   public:
    const std::string& key() const noexcept { return key_; }
    // The number for `seq` (>= 1), written into `out` (its capacity reused).
    void render_into(std::string& out, std::int64_t seq) const;
    std::string render(std::int64_t seq) const;

   private:
    friend class NumberingPattern;
    struct Part {
      std::string text;  // literal or rendered token; empty for seq/check
      char kind = 0;     // 0 text, 's' seq, 'c' check
    };
    std::vector<Part> parts_;
    std::string key_;
    int seq_width_ = 1;
    bool has_check_ = false;
  };
  Scope bind(Date on, const NumberFields& fields) const;

  struct Compiled;

 private:
  explicit NumberingPattern(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

// ISO 7064 MOD 37-2 over the letters and digits of `text`: one of 0-9, A-Z,
// '*'. Only ASCII digits and upper-case letters count; every other character
// (separators, lower case, non-ASCII) is skipped.
char mod37_2_check_character(std::string_view text) noexcept;
// True when the last letter/digit/'*' of `text` is the correct check
// character of the letters and digits before it.
bool mod37_2_valid(std::string_view text) noexcept;

}  // namespace pactum
