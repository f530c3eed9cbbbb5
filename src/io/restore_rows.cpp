// The rows of an export's table file for a restore (restore_rows.hpp).
#include "restore_rows.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "pactum/core/text.hpp"

namespace pactum::io {

namespace {

constexpr std::size_t kBufferBytes = std::size_t{1} << 20;

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

bool hex4(const char*& p, const char* e, unsigned& out) {
  if (e - p < 4) return false;
  out = 0;
  for (int i = 0; i < 4; ++i, ++p) {
    const char c = *p;
    out <<= 4;
    if (c >= '0' && c <= '9') {
      out |= static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      out |= static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      out |= static_cast<unsigned>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  return true;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The end of the run from `p` of 8-byte words holding only ASCII that a JSON
// string takes as it is (no quote, backslash or control character): most
// text of an export, skipped a word at a time.
const char* plain_ascii_end(const char* p, const char* e) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  while (e - p >= 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    const std::uint64_t quote = w ^ (kOnes * '"');
    const std::uint64_t backslash = w ^ (kOnes * '\\');
    // Any byte that is zero in x sets its high bit in (x - 1) & ~x, any byte
    // below 0x20 in (w - 0x20) & ~w, any byte from 0x80 in w itself.
    const std::uint64_t special =
        ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((w - kOnes * 0x20) & ~w) | w;
    if ((special & kHigh) != 0) break;
    p += 8;
  }
  return p;
}

// A JSON string from just after its opening quote, unescaped into `out`;
// false for anything JSON refuses (a control character, a bad escape, a lone
// surrogate) or an unterminated string.
bool json_string(const char*& p, const char* e, std::string& out) {
  out.clear();
  for (;;) {
    const char* run = p;
    unsigned char high = 0;  // any byte of a multi-byte UTF-8 sequence in the run
    p = plain_ascii_end(p, e);
    while (p < e && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20)
      high |= static_cast<unsigned char>(*p++);
    const std::string_view text(run, static_cast<std::size_t>(p - run));
    if ((high & 0x80) != 0 && !is_valid_utf8(text)) return false;
    out.append(text);
    if (p == e) return false;
    if (*p == '"') {
      ++p;
      return true;
    }
    if (*p != '\\' || ++p == e) return false;
    switch (*p++) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned cp = 0;
        if (!hex4(p, e, cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned low = 0;
          if (e - p < 2 || p[0] != '\\' || p[1] != 'u') return false;
          p += 2;
          if (!hex4(p, e, low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        break;
      }
      default: return false;
    }
  }
}

// Column names are short: compared inline rather than through memcmp.
bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool literal(const char*& p, const char* e, std::string_view word) {
  if (static_cast<std::size_t>(e - p) < word.size() || std::string_view(p, word.size()) != word) return false;
  p += word.size();
  return true;
}

}  // namespace

RestoredRows::RestoredRows(std::unique_ptr<ByteSource> source, const ExportTableSpec& spec, std::size_t max_row_bytes)
    : source_(std::move(source)),
      spec_(spec),
      max_bytes_(max_row_bytes),
      buffer_(kBufferBytes),
      fields_(spec.columns.size()),
      present_(spec.columns.size()),
      values_(spec.columns.size()) {
  for (std::size_t i = 0; i < spec.columns.size(); ++i) fields_[i].name = spec.columns[i].name;
}

// The next physical line into text_ (without its line ending), as the JSON
// Lines reader splits them: LF ends a line, one CR before it is dropped, a
// line longer than max_bytes_ is marked too long.
bool RestoredRows::read_line() {
  too_long_ = false;
  long_line_.clear();
  bool spilled = false;  // the line began in an earlier buffer: it is in long_line_
  auto keep = [&](const char* begin, std::size_t take) {
    if (too_long_) return;
    if (long_line_.size() + take > max_bytes_ + 1) {  // + 1: a CR of a CRLF ending
      too_long_ = true;
      long_line_.clear();
    } else {
      long_line_.append(begin, take);
    }
  };
  for (;;) {
    if (pos_ == end_) {
      end_ = source_->read(buffer_.data(), buffer_.size());
      pos_ = 0;
      if (end_ == 0) {
        if (!spilled) return false;
        text_ = long_line_;
        break;
      }
    }
    const char* begin = buffer_.data() + pos_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
    if (newline == nullptr) {
      keep(begin, end_ - pos_);
      spilled = true;
      pos_ = end_;
      continue;
    }
    const auto take = static_cast<std::size_t>(newline - begin);
    pos_ += take + 1;
    if (spilled) {
      keep(begin, take);
      text_ = long_line_;
    } else {
      text_ = std::string_view(begin, take);
    }
    break;
  }
  ++line_;
  if (!text_.empty() && text_.back() == '\r') text_.remove_suffix(1);
  if (text_.size() > max_bytes_) too_long_ = true;
  if (too_long_) text_ = {};
  return true;
}

bool RestoredRows::next() {
  for (;;) {
    if (!read_line()) return false;
    if (first_) {
      first_ = false;
      if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
    }
    if (too_long_ || !is_blank(text_)) return true;
  }
}

const std::vector<RestoredValue>& RestoredRows::values() {
  // A line too long is a problem of the record: malformed.
  if (too_long_) raise(Errc::invalid_argument, "io.restore_malformed");
  if (!decode_canonical(text_)) {
    decode_generic(text_);
    return values_;
  }
  for (std::size_t i = 0; i < spec_.columns.size(); ++i) {
    values_[i] = present_[i] ? restored_value(spec_.columns[i], fields_[i]) : RestoredValue{};
  }
  return values_;
}

// A line as export writes it, into fields_ and present_; false (and nothing
// decided) for any other shape.
bool RestoredRows::decode_canonical(std::string_view text) {
  // Outside strings only ASCII is JSON; strings check their own bytes
  // (json_string), so a line taken here is valid UTF-8 as a whole.
  const char* p = text.data();
  const char* const e = p + text.size();
  if (p == e || *p++ != '{') return false;
  std::fill(present_.begin(), present_.end(), false);
  std::uint64_t seen = 0;  // members met, null ones included (a duplicate is the
                           // reader's problem)
  if (spec_.columns.size() > 64) return false;
  if (p < e && *p == '}') return p + 1 == e;
  std::size_t next_column = 0;
  for (;;) {
    if (p == e || *p++ != '"') return false;
    const char* name = p;
    while (p < e && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
    if (p == e || *p != '"') return false;
    const std::string_view member(name, static_cast<std::size_t>(p - name));
    ++p;
    // Export writes the columns in order: the next one is tried first.
    std::size_t column =
        next_column < spec_.columns.size() && same(spec_.columns[next_column].name, member) ? next_column : 0;
    while (column < spec_.columns.size() && !same(spec_.columns[column].name, member)) ++column;
    next_column = column + 1;
    if (column == spec_.columns.size() || (seen >> column & 1U) != 0) return false;
    seen |= std::uint64_t{1} << column;
    if (p == e || *p++ != ':' || p == e) return false;
    Field& f = fields_[column];
    if (*p == '"') {
      ++p;
      if (!json_string(p, e, f.value)) return false;
      f.kind = ValueKind::text;
      present_[column] = true;
    } else if (*p == 'n') {
      if (!literal(p, e, "null")) return false;
    } else if (*p == 't' || *p == 'f') {
      const std::string_view word = *p == 't' ? "true" : "false";
      if (!literal(p, e, word)) return false;
      f.value.assign(word);
      f.kind = ValueKind::boolean;
      present_[column] = true;
    } else {
      // An integer as the JSON reader writes it back: no leading zero, no
      // "-0", at most 18 digits (longer ones take the reader's path).
      const char* start = p;
      if (*p == '-') ++p;
      const char* digits = p;
      while (p < e && *p >= '0' && *p <= '9') ++p;
      const auto count = static_cast<std::size_t>(p - digits);
      if (count == 0 || count > 18 || (*digits == '0' && (count > 1 || digits != start))) return false;
      f.value.assign(start, static_cast<std::size_t>(p - start));
      f.kind = ValueKind::number;
      present_[column] = true;
    }
    if (p == e) return false;
    if (*p == ',') {
      ++p;
      continue;
    }
    return *p == '}' && p + 1 == e;
  }
}

// Any other line: read as the JSON Lines reader reads it, checked as a
// restore checks a record.
void RestoredRows::decode_generic(std::string_view text) {
  // After a blank line, so that the line is not a file's first (whose byte
  // order mark the reader would drop; the first line's is dropped already).
  std::string document = "\n";
  document.append(text);
  auto reader = jsonl_reader(text_source(std::move(document)), Lang::en, max_bytes_);
  Record record;
  if (!reader->next(record)) raise(Errc::invalid_argument, "io.restore_malformed");
  check_restored_members(record, spec_);
  for (std::size_t i = 0; i < spec_.columns.size(); ++i) {
    const Field* f = record.find(spec_.columns[i].name);
    values_[i] = f != nullptr ? restored_value(spec_.columns[i], *f) : RestoredValue{};
  }
}

}  // namespace pactum::io
