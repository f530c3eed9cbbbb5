// The byte sources and the strict RFC 4180 CSV reader of bulk import.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "pactum/core/text.hpp"
#include "records.hpp"

namespace pactum::io {

const Field* Record::find(std::string_view name) const noexcept {
  for (const Field& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(const std::string& path, std::int64_t max_bytes) : path_(path), max_bytes_(max_bytes) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0) {
      if (errno == ENOENT) raise(Errc::not_found, "io.no_file", {{"path", path}});
      raise(Errc::storage, "io.read_failed", {{"path", path}, {"detail", std::strerror(errno)}});
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) raise(Errc::storage, "io.read_failed", {{"path", path}, {"detail", std::strerror(errno)}});
    if (S_ISDIR(st.st_mode)) raise(Errc::invalid_argument, "io.is_directory", {{"path", path}});
    if (!S_ISREG(st.st_mode)) raise(Errc::invalid_argument, "io.not_regular_file", {{"path", path}});
    if (st.st_size > max_bytes_) too_large();
  }
  ~FileSource() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buffer, size);
      if (got < 0) {
        if (errno == EINTR) continue;
        raise(Errc::storage, "io.read_failed", {{"path", path_}, {"detail", std::strerror(errno)}});
      }
      read_ += got;
      if (read_ > max_bytes_) too_large();
      return static_cast<std::size_t>(got);
    }
  }

 private:
  [[noreturn]] void too_large() const {
    raise(Errc::invalid_argument, "io.input_too_large", {{"path", path_}, {"max", std::to_string(max_bytes_)}});
  }

  std::string path_;
  std::int64_t max_bytes_;
  std::int64_t read_ = 0;
  int fd_ = -1;
};

class TextSource final : public ByteSource {
 public:
  explicit TextSource(std::string text) : text_(std::move(text)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = std::min(size, text_.size() - pos_);
    std::memcpy(buffer, text_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string text_;
  std::size_t pos_ = 0;
};

// Buffered bytes with one byte of look-ahead.
class Bytes {
 public:
  explicit Bytes(std::unique_ptr<ByteSource> source) : source_(std::move(source)), buffer_(kBufferSize) {}

  // The next byte, or -1 at the end.
  int get() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_++]);
  }
  int peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  // Skips a UTF-8 byte order mark at the very start.
  void skip_bom() {
    if (peek() != 0xEF) return;
    // The buffer holds at least three bytes unless the input is shorter.
    if (end_ - pos_ >= 3 && static_cast<unsigned char>(buffer_[pos_ + 1]) == 0xBB &&
        static_cast<unsigned char>(buffer_[pos_ + 2]) == 0xBF) {
      pos_ += 3;
    }
  }

 private:
  static constexpr std::size_t kBufferSize = 1 << 16;

  bool fill() {
    if (done_) return false;
    pos_ = 0;
    end_ = 0;
    // Fill the whole buffer when possible (skip_bom needs three bytes).
    while (end_ < buffer_.size()) {
      const std::size_t got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
      if (got == 0) {
        done_ = true;
        break;
      }
      end_ += got;
      if (end_ >= 3) break;
    }
    return end_ > 0;
  }

  std::unique_ptr<ByteSource> source_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool done_ = false;
};

class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, Lang lang, std::size_t max_bytes)
      : bytes_(std::move(source)), lang_(lang), max_bytes_(max_bytes) {
    bytes_.skip_bom();
    read_header();
  }

  bool next(Record& r) override {
    if (!read_record(r)) return false;
    if (r.fields.size() > count_) r.fields.resize(count_);
    if (r.problem) return true;
    if (count_ != columns_.size()) {
      problem(r, "io.csv_column_count", {{"expected", std::to_string(columns_.size())}, {"found", std::to_string(count_)}});
      return true;
    }
    for (std::size_t i = 0; i < count_; ++i) {
      if (!is_valid_utf8(r.fields[i].value)) {
        problem(r, "io.invalid_utf8", {}, columns_[i]);
        return true;
      }
    }
    return true;
  }

  const std::vector<std::string>& columns() const noexcept override { return columns_; }
  std::int64_t header_line() const noexcept override { return header_line_; }

 private:
  static void problem(Record& r, const char* key, MessageArgs args, std::string column = {}) {
    if (r.problem) return;  // the first problem of a record is the one reported
    r.problem = RecordProblem{key, std::move(args), std::move(column)};
  }

  [[noreturn]] void header_error(const std::string& key, const MessageArgs& args) const {
    raise_in(lang_, Errc::invalid_argument, "io.csv_bad_header",
             {{"line", std::to_string(header_line_)}, {"reason", render_message(key, lang_, args)}});
  }

  void read_header() {
    Record header;
    if (!read_record(header)) raise_in(lang_, Errc::invalid_argument, "io.csv_no_header");
    header_line_ = header.line;
    if (header.problem) header_error(header.problem->key, header.problem->args);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < count_; ++i) {
      const std::string& name = header.fields[i].value;
      const std::string position = std::to_string(i + 1);
      if (!is_valid_utf8(name)) header_error("io.csv_header_utf8", {{"position", position}});
      if (name.empty()) header_error("io.csv_header_empty", {{"position", position}});
      if (!seen.insert(name).second) header_error("io.csv_header_duplicate", {{"column", name}});
      columns_.push_back(name);
    }
  }

  // The field being filled (created with its column name when needed).
  std::string& field(Record& r) {
    if (r.fields.size() <= count_) {
      Field f;
      if (count_ < columns_.size()) f.name = columns_[count_];
      r.fields.push_back(std::move(f));
    }
    return r.fields[count_].value;
  }

  // Counts one byte of the record (everything but the line break ending it).
  void count(Record& r) {
    if (++bytes_in_record_ > max_bytes_ && !too_long_) {
      too_long_ = true;
      problem(r, "io.record_too_long", {{"max", std::to_string(max_bytes_)}});
    }
  }

  void append(Record& r, std::string& value, char c) {
    count(r);
    if (!too_long_) value.push_back(c);
  }

  // A '\r' outside quotes was read: true when it ends the line (CRLF).
  bool crlf(Record& r) {
    if (bytes_.peek() == '\n') {
      bytes_.get();
      return true;
    }
    problem(r, "io.csv_bare_cr", {});
    return false;
  }

  // Reads one record (empty lines skipped); false at the end of the input.
  // Sets count_ to the number of fields.
  bool read_record(Record& r) {
    r.problem.reset();
    count_ = 0;
    bytes_in_record_ = 0;
    too_long_ = false;
    // Skip empty lines.
    for (;;) {
      const int c = bytes_.peek();
      if (c == -1) return false;
      if (c == '\n') {
        bytes_.get();
        ++line_;
        continue;
      }
      if (c == '\r') {
        bytes_.get();
        if (bytes_.peek() == '\n') {
          bytes_.get();
          ++line_;
          continue;
        }
        r.line = line_;
        problem(r, "io.csv_bare_cr", {});
        break;
      }
      r.line = line_;
      break;
    }
    enum State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted } state = kFieldStart;
    std::int64_t quote_line = line_;
    std::string* value = &field(r);
    value->clear();
    for (;;) {
      const int c = bytes_.get();
      if (c == -1) {
        if (state == kQuoted) {
          problem(r, "io.csv_unterminated", {{"line", std::to_string(quote_line)}}, column_name());
        }
        ++count_;
        return true;
      }
      const char ch = static_cast<char>(c);
      switch (state) {
        case kFieldStart:
        case kUnquoted:
          if (ch == ',') {
            count(r);
            ++count_;
            value = &field(r);
            value->clear();
            state = kFieldStart;
          } else if (ch == '\n') {
            ++line_;
            ++count_;
            return true;
          } else if (ch == '\r') {
            if (crlf(r)) {
              ++line_;
              ++count_;
              return true;
            }
          } else if (ch == '"') {
            if (state == kFieldStart) {
              count(r);
              state = kQuoted;
              quote_line = line_;
            } else {
              problem(r, "io.csv_stray_quote", {}, column_name());
              append(r, *value, ch);
            }
          } else {
            append(r, *value, ch);
            state = kUnquoted;
          }
          break;
        case kQuoted:
          if (ch == '"') {
            count(r);
            state = kQuoteInQuoted;
          } else {
            if (ch == '\n') ++line_;
            append(r, *value, ch);
          }
          break;
        case kQuoteInQuoted:
          if (ch == '"') {
            append(r, *value, ch);
            state = kQuoted;
          } else if (ch == ',') {
            count(r);
            ++count_;
            value = &field(r);
            value->clear();
            state = kFieldStart;
          } else if (ch == '\n') {
            ++line_;
            ++count_;
            return true;
          } else if (ch == '\r') {
            if (crlf(r)) {
              ++line_;
              ++count_;
              return true;
            }
            state = kUnquoted;
          } else {
            problem(r, "io.csv_after_quote", {}, column_name());
            append(r, *value, ch);
            state = kUnquoted;
          }
          break;
      }
    }
  }

  std::string column_name() const { return count_ < columns_.size() ? columns_[count_] : std::string(); }

  Bytes bytes_;
  Lang lang_;
  std::size_t max_bytes_;
  std::vector<std::string> columns_;
  std::int64_t header_line_ = 0;
  std::int64_t line_ = 1;
  std::size_t count_ = 0;
  std::size_t bytes_in_record_ = 0;
  bool too_long_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> file_source(const std::string& path, std::int64_t max_bytes) {
  return std::make_unique<FileSource>(path, max_bytes);
}
std::unique_ptr<ByteSource> text_source(std::string text) { return std::make_unique<TextSource>(std::move(text)); }

std::unique_ptr<RecordReader> csv_reader(std::unique_ptr<ByteSource> source, Lang lang, std::size_t max_record_bytes) {
  return std::make_unique<CsvReader>(std::move(source), lang, max_record_bytes);
}

}  // namespace pactum::io
