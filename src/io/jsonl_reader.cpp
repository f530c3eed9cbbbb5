// The JSON Lines reader of bulk import: one JSON object per line.
#include <nlohmann/json.hpp>

#include <cstring>

#include "../core/json_document.hpp"
#include "pactum/core/text.hpp"
#include "records.hpp"

namespace pactum::io {

namespace {

using Json = nlohmann::json;

class JsonlReader final : public RecordReader {
 public:
  JsonlReader(std::unique_ptr<ByteSource> source, std::size_t max_bytes)
      : source_(std::move(source)), max_bytes_(max_bytes), buffer_(1 << 16) {}

  bool next(Record& r) override {
    for (;;) {
      if (!read_line()) return false;
      const std::int64_t line = line_;
      if (first_) {
        first_ = false;
        if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) text_.erase(0, 3);
      }
      if (is_blank(text_) && !too_long_) continue;
      r.line = line;
      r.fields.clear();
      r.problem.reset();
      if (too_long_) {
        r.problem = RecordProblem{"io.record_too_long", {{"max", std::to_string(max_bytes_)}}, {}};
        return true;
      }
      parse(r);
      return true;
    }
  }

  const std::vector<std::string>& columns() const noexcept override { return no_columns_; }
  std::int64_t header_line() const noexcept override { return 0; }

 private:
  // The member named by a top-level JSON pointer ("/a~1b" -> "a/b").
  static std::string member_name(const std::string& pointer) {
    std::string out;
    for (std::size_t i = 1; i < pointer.size(); ++i) {
      if (pointer[i] == '~' && i + 1 < pointer.size()) {
        out += pointer[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        out += pointer[i];
      }
    }
    return out;
  }

  static bool is_blank(const std::string& s) {
    for (char c : s) {
      if (c != ' ' && c != '\t') return false;
    }
    return true;
  }

  // The next line into text_ (without its line ending); false at the end.
  bool read_line() {
    text_.clear();
    too_long_ = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        end_ = source_->read(buffer_.data(), buffer_.size());
        pos_ = 0;
        if (end_ == 0) {
          if (!any) return false;
          ++line_;
          strip_cr();
          return true;
        }
      }
      any = true;
      const char* begin = buffer_.data() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
      const std::size_t take = newline != nullptr ? static_cast<std::size_t>(newline - begin) : end_ - pos_;
      if (!too_long_) {
        if (text_.size() + take > max_bytes_ + 1) {  // + 1: a CR of a CRLF ending
          too_long_ = true;
          text_.clear();
        } else {
          text_.append(begin, take);
        }
      }
      pos_ += take;
      if (newline != nullptr) {
        ++pos_;
        ++line_;
        strip_cr();
        return true;
      }
    }
  }

  void strip_cr() {
    if (!text_.empty() && text_.back() == '\r') text_.pop_back();
    if (text_.size() > max_bytes_) {
      too_long_ = true;
      text_.clear();
    }
  }

  void parse(Record& r) {
    // The one JSON policy (src/core/json_document.hpp); its refusal is the
    // record's problem (a duplicate member concerns that column).
    if (!is_valid_utf8(text_)) {
      r.problem = RecordProblem{"io.invalid_utf8", {}, {}};
      return;
    }
    Json doc;
    try {
      doc = json_document::parse(text_, "JSON Lines record");
    } catch (const Error& e) {
      std::string column;
      if (e.key() == "core.json_duplicate") {
        for (const auto& [name, value] : e.args()) {
          if (name == "pointer" && value.find('/', 1) == std::string::npos) column = member_name(value);
        }
      }
      r.problem = RecordProblem{e.key(), e.args(), column};
      return;
    }
    if (!doc.is_object()) {
      r.problem = RecordProblem{"io.jsonl_not_object", {}, {}};
      return;
    }
    for (auto& [key, value] : doc.items()) {
      if (value.is_null()) continue;
      Field f;
      f.name = key;
      if (value.is_string()) {
        f.value = value.get<std::string>();
        f.kind = ValueKind::text;
      } else if (value.is_boolean()) {
        f.value = value.get<bool>() ? "true" : "false";
        f.kind = ValueKind::boolean;
      } else if (value.is_number()) {
        f.value = value.dump();
        f.kind = ValueKind::number;
      } else {
        f.value = value.dump();
        f.kind = ValueKind::json;
      }
      r.fields.push_back(std::move(f));
    }
  }

  std::unique_ptr<ByteSource> source_;
  std::size_t max_bytes_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::string text_;
  bool too_long_ = false;
  bool first_ = true;
  std::int64_t line_ = 0;
  std::vector<std::string> no_columns_;
};

}  // namespace

std::unique_ptr<RecordReader> jsonl_reader(std::unique_ptr<ByteSource> source, Lang /*lang*/,
                                           std::size_t max_record_bytes) {
  // Every problem of a JSON Lines file concerns one line: nothing is fatal,
  // so nothing is rendered here.
  return std::make_unique<JsonlReader>(std::move(source), max_record_bytes);
}

}  // namespace pactum::io
