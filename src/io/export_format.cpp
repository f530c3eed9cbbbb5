// The export format and its rules (export_format.hpp).
#include "export_format.hpp"

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "../core/json_document.hpp"
#include "../core/sha256.hpp"
#include "import_rows.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/money.hpp"
#include "pactum/core/text.hpp"

namespace pactum::io {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

[[noreturn]] void bad_manifest(const std::string& path, const char* member) {
  raise(Errc::invalid_argument, "io.restore_bad_manifest", {{"path", path}, {"member", member}});
}

// Reads at most `max` bytes of an open file (more is a refusal).
std::string read_all(int fd, std::size_t max, const std::string& shown) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      raise(Errc::storage, "io.read_failed", {{"path", shown}, {"detail", std::strerror(errno)}});
    }
    if (n == 0) return text;
    if (text.size() + static_cast<std::size_t>(n) > max) {
      raise(Errc::invalid_argument, "io.restore_too_large", {{"file", shown}, {"max", std::to_string(max)}});
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

// The bytes of an open file through the record readers.
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, std::string shown) : fd_(fd), shown_(std::move(shown)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) raise(Errc::storage, "io.read_failed", {{"path", shown_}, {"detail", std::strerror(errno)}});
    }
  }

 private:
  int fd_;
  std::string shown_;
};

// Parses the text of an integer column written by the export.
std::int64_t integer_of(const Field& f) {
  const std::string& v = f.value;
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  bool ok = f.kind == ValueKind::number && i < v.size() && v.size() - i <= 19;
  for (std::size_t k = i; ok && k < v.size(); ++k) ok = v[k] >= '0' && v[k] <= '9';
  if (!ok) raise(Errc::invalid_argument, "io.restore_bad_value", {{"column", f.name}, {"kind", "integer"}});
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    raise(Errc::overflow, "io.restore_bad_value", {{"column", f.name}, {"kind", "integer"}});
  }
}

}  // namespace

const char* column_kind_name(ColumnKind kind) noexcept {
  switch (kind) {
    case ColumnKind::integer: return "integer";
    case ColumnKind::text: return "text";
    case ColumnKind::date: return "date";
    case ColumnKind::money: return "amount";
    case ColumnKind::boolean: return "boolean";
    case ColumnKind::event_type: return "event type";
    case ColumnKind::bytes: return "bytes";
  }
  return "value";
}

namespace {
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}  // namespace

std::string base64_of(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int shift : {18, 12, 6, 0}) out.push_back(kBase64[(v >> shift) & 63]);
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const std::uint32_t v = (at(i) << 16) | (two ? at(i + 1) << 8 : 0);
    out.push_back(kBase64[(v >> 18) & 63]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(two ? kBase64[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> bytes_of_base64(std::string_view text) {
  static const auto table = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    for (int k = 0; k < 64; ++k) t[static_cast<unsigned char>(kBase64[k])] = k;
    return t;
  }();
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int pad = last ? (text[i + 3] == '=' ? (text[i + 2] == '=' ? 2 : 1) : 0) : 0;
    std::uint32_t w = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int v = k >= 4 - static_cast<std::size_t>(pad) ? 0 : table[static_cast<unsigned char>(text[i + k])];
      if (v < 0) return std::nullopt;
      w = (w << 6) | static_cast<std::uint32_t>(v);
    }
    out.push_back(static_cast<char>((w >> 16) & 0xFF));
    if (pad < 2) out.push_back(static_cast<char>((w >> 8) & 0xFF));
    if (pad < 1) out.push_back(static_cast<char>(w & 0xFF));
  }
  return out;
}

// ---- Canonical JSON ---------------------------------------------------------------------

void append_json_string(std::string& out, std::string_view text) {
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// 10^-4 units as a decimal string with two to four decimals.
std::string units_text(std::int64_t units) {
  const bool negative = units < 0;
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  std::string fraction = std::to_string(magnitude % 10000);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 10000);
  out += '.';
  out += fraction;
  return out;
}

// ---- The manifest -----------------------------------------------------------------------

std::string manifest_text(const ExportSummary& s, const std::vector<FileSeal>& seals) {
  std::string out = "{\n  \"format\": ";
  append_json_string(out, kExportFormat);
  out += ",\n  \"version\": " + std::to_string(kManifestVersion) + ",\n  \"schema_version\": " +
         std::to_string(s.schema_version) + ",\n  \"reporting_currency\": ";
  append_json_string(out, s.reporting_currency);
  out += ",\n  \"clock\": ";
  if (s.clock) {
    append_json_string(out, *s.clock);
  } else {
    out += "null";
  }
  out += ",\n  \"tables\": [";
  for (std::size_t i = 0; i < s.tables.size(); ++i) {
    out += i > 0 ? ",\n    " : "\n    ";
    out += "{\"name\": ";
    append_json_string(out, s.tables[i].name);
    out += ", \"file\": ";
    append_json_string(out, s.tables[i].name + ".jsonl");
    out += ", \"rows\": " + std::to_string(s.tables[i].rows) + ", \"bytes\": " + std::to_string(seals[i].bytes) +
           ", \"sha256\": ";
    append_json_string(out, seals[i].sha256);
    out += "}";
  }
  out += "\n  ]\n}\n";
  return out;
}

Manifest parse_manifest(const std::string& text, const std::string& path, const std::string& directory) {
  const Json doc = json_document::parse(text, path);
  if (!doc.is_object()) bad_manifest(path, "(document)");
  auto member = [&](const char* name) -> const Json& {
    auto it = doc.find(name);
    if (it == doc.end()) bad_manifest(path, name);
    return *it;
  };
  if (!member("format").is_string() || member("format").get<std::string>() != kExportFormat) {
    raise(Errc::invalid_argument, "io.restore_not_export", {{"path", path}});
  }
  Manifest m;
  const Json& version = member("version");
  if (!version.is_number_integer() || version.get<std::int64_t>() < 1 || version.get<std::int64_t>() > kManifestVersion) {
    raise(Errc::invalid_argument, "io.restore_manifest_version", {{"path", path}, {"supported", std::to_string(kManifestVersion)}});
  }
  m.version = version.get<int>();
  ExportSummary& s = m.summary;
  s.directory = directory;
  const Json& schema = member("schema_version");
  if (!schema.is_number_integer() || schema.get<std::int64_t>() < 0 || schema.get<std::int64_t>() > 1000000) {
    bad_manifest(path, "schema_version");
  }
  s.schema_version = schema.get<int>();
  const Json& currency = member("reporting_currency");
  if (!currency.is_string()) bad_manifest(path, "reporting_currency");
  s.reporting_currency = std::string(Currency::of(currency.get<std::string>()).code());
  const Json& clock = member("clock");
  if (!clock.is_null()) {
    if (!clock.is_string() || !Date::try_parse(clock.get<std::string>())) bad_manifest(path, "clock");
    s.clock = clock.get<std::string>();
  }
  const Json& tables = member("tables");
  if (!tables.is_array()) bad_manifest(path, "tables");
  for (const Json& t : tables) {
    auto has = [&](const char* name) { return t.is_object() && t.contains(name); };
    const bool shaped = has("name") && t["name"].is_string() && has("rows") && t["rows"].is_number_integer() &&
                        t["rows"].get<std::int64_t>() >= 0;
    if (!shaped) bad_manifest(path, "tables");
    s.tables.push_back(ExportTable{t["name"].get<std::string>(), t["rows"].get<std::int64_t>()});
    if (m.version >= 2) {
      const bool sealed = has("file") && t["file"].is_string() && t["file"].get<std::string>() == s.tables.back().name + ".jsonl" &&
                          has("bytes") && t["bytes"].is_number_integer() && t["bytes"].get<std::int64_t>() >= 0 &&
                          has("sha256") && t["sha256"].is_string() && t["sha256"].get<std::string>().size() == 64;
      if (!sealed) bad_manifest(path, "tables");
      m.seals.push_back(FileSeal{t["bytes"].get<std::int64_t>(), t["sha256"].get<std::string>()});
    }
  }
  return m;
}

// ---- The export directory on disk -------------------------------------------------------

// Opens `name` in the export directory without following a symbolic link:
// a link, a directory or a device is refused, never read.
files::Fd open_export_file(int dir, const std::string& name, const std::string& directory) {
  const int fd = ::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) raise(Errc::not_found, "io.restore_missing_file", {{"file", name}, {"path", directory}});
    if (errno == ELOOP) raise(Errc::invalid_argument, "io.restore_not_regular", {{"file", name}, {"path", directory}});
    raise(Errc::storage, "io.read_failed", {{"path", (fs::path(directory) / name).string()}, {"detail", std::strerror(errno)}});
  }
  files::Fd out(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    raise(Errc::invalid_argument, "io.restore_not_regular", {{"file", name}, {"path", directory}});
  }
  return out;
}

Manifest read_manifest(int dir, const std::string& directory) {
  const std::string path = (fs::path(directory) / kManifestFile).string();
  files::Fd fd = open_export_file(dir, std::string(kManifestFile), directory);
  return parse_manifest(read_all(fd.get(), kMaxManifestBytes, path), path, directory);
}

// Checks a version-2 file against its seal (size, then SHA-256), then
// rewinds it for reading.
void check_seal(int fd, const FileSeal& seal, const std::string& file, const std::string& shown) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size != seal.bytes) {
    raise(Errc::invalid_argument, "io.restore_checksum", {{"file", file}});
  }
  // pread: the descriptor's offset is left where it was (a restore may read
  // the file meanwhile on another thread).
  Sha256 hash;
  std::vector<char> buffer(std::size_t{1} << 20);
  std::int64_t total = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), static_cast<off_t>(total));
    if (n < 0) {
      if (errno == EINTR) continue;
      raise(Errc::storage, "io.read_failed", {{"path", shown}, {"detail", std::strerror(errno)}});
    }
    if (n == 0) break;
    total += n;
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
  if (total != seal.bytes || hash.hex() != seal.sha256) raise(Errc::invalid_argument, "io.restore_checksum", {{"file", file}});
}

std::unique_ptr<ByteSource> fd_source(int fd, std::string shown) { return std::make_unique<FdSource>(fd, std::move(shown)); }

// Whether an existing export directory may be replaced: empty, or only
// regular files named manifest.json and TABLE.jsonl with a Pactum manifest.
// Anything else (a link, another file, a sub-directory) is refused: the
// export never deletes what it did not write.
void check_replaceable(const std::string& directory) {
  struct stat st {};
  if (::lstat(directory.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    files::write_failed(directory, errno);
  }
  if (S_ISLNK(st.st_mode)) raise(Errc::invalid_argument, "io.export_symlink", {{"path", directory}});
  if (!S_ISDIR(st.st_mode)) raise(Errc::invalid_argument, "io.export_not_directory", {{"path", directory}});
  bool any = false;
  bool manifest = false;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    any = true;
    const std::string name = entry.path().filename().string();
    const bool regular = entry.is_regular_file(ec) && !entry.is_symlink(ec);
    const bool ours = name == kManifestFile || (name.size() > 6 && name.ends_with(".jsonl"));
    if (!regular || !ours) raise(Errc::invalid_argument, "io.export_foreign_file", {{"path", directory}, {"file", name}});
    manifest = manifest || name == kManifestFile;
  }
  if (ec) files::write_failed(directory, ec.value());
  if (!any) return;
  if (!manifest) raise(Errc::invalid_argument, "io.export_not_export", {{"path", directory}});
  files::Fd dir = files::open_directory(directory);
  try {
    read_manifest(dir.get(), directory);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "io.export_not_export", {{"path", directory}});
  }
}

// Puts the finished directory `temporary` (in `parent`) in place of `name`:
// atomically when an older export is there (exchanged, then removed).
void publish(int parent, const std::string& parent_path, const std::string& temporary, const std::string& name,
             const std::string& shown) {
  if (::renameat2(parent, temporary.c_str(), parent, name.c_str(), RENAME_NOREPLACE) == 0) {
    files::sync_directory(parent, parent_path);
    return;
  }
  if (errno == EEXIST || errno == ENOTEMPTY) {
    if (::renameat2(parent, temporary.c_str(), parent, name.c_str(), RENAME_EXCHANGE) == 0) {
      files::sync_directory(parent, parent_path);
      std::error_code ec;
      fs::remove_all(fs::path(parent_path) / temporary, ec);  // the older export
      return;
    }
  }
  if (errno != EINVAL && errno != ENOSYS) files::write_failed(shown, errno);
  // A file system without renameat2: the older export is moved aside first
  // (a crash between the two renames leaves it there, under a hidden name).
  const std::string aside = "." + name + ".pactum-old-" + files::random_suffix();
  const bool had = ::renameat(parent, name.c_str(), parent, aside.c_str()) == 0;
  if (!had && errno != ENOENT) files::write_failed(shown, errno);
  if (::renameat(parent, temporary.c_str(), parent, name.c_str()) != 0) files::write_failed(shown, errno);
  files::sync_directory(parent, parent_path);
  std::error_code ec;
  if (had) fs::remove_all(fs::path(parent_path) / aside, ec);
}

ExportTarget export_target(const std::string& directory, const std::vector<std::string>& protected_files) {
  require_utf8(directory, "directory");
  if (directory.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "directory"}});
  refuse_protected_output(directory, "directory", protected_files);
  fs::path dir(directory);
  if (!dir.has_filename()) dir = dir.parent_path();  // "out/" is "out"
  ExportTarget out;
  out.name = dir.filename().string();
  if (out.name.empty() || out.name == "." || out.name == "..") {
    raise(Errc::invalid_argument, "io.export_not_directory", {{"path", directory}});
  }
  out.parent = dir.parent_path().empty() ? std::string(".") : dir.parent_path().string();
  out.path = dir.string();
  return out;
}

// ---- Restore ------------------------------------------------------------------------------

void check_restore_arguments(const std::string& directory, bool transaction_open) {
  require_utf8(directory, "directory");
  if (directory.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "directory"}});
  if (transaction_open) raise(Errc::invalid_state, "io.restore_in_transaction");
}

files::Fd open_export_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) raise(Errc::not_found, "io.no_directory", {{"path", directory}});
    raise(Errc::storage, "io.read_failed", {{"path", directory}, {"detail", std::strerror(errno)}});
  }
  return files::Fd(fd);
}

void check_restored_schema(int found, int supported) {
  if (found > supported) {
    raise(Errc::schema_too_new, "io.restore_schema_newer",
          {{"found", std::to_string(found)}, {"supported", std::to_string(supported)}});
  }
  if (found != supported) {
    raise(Errc::invalid_argument, "io.restore_schema_older",
          {{"found", std::to_string(found)}, {"supported", std::to_string(supported)}});
  }
}

std::map<std::string, files::Fd> open_table_files(int dir, const Manifest& manifest, const std::string& directory,
                                                  bool check_seals) {
  std::map<std::string, files::Fd> opened;
  const ExportSummary& summary = manifest.summary;
  for (std::size_t i = 0; i < summary.tables.size(); ++i) {
    const std::string& table = summary.tables[i].name;
    const std::string file = table + ".jsonl";
    if (opened.contains(file)) raise(Errc::invalid_argument, "io.restore_listed_twice", {{"path", directory}, {"table", table}});
    if (table.find('/') != std::string::npos || table.empty() || table[0] == '.') {
      raise(Errc::invalid_argument, "io.restore_unknown_table", {{"table", table}});
    }
    files::Fd fd = open_export_file(dir, file, directory);
    if (check_seals && manifest.version >= 2) check_seal(fd.get(), manifest.seals[i], file, (fs::path(directory) / file).string());
    opened.emplace(file, std::move(fd));
  }
  return opened;
}

void check_listed_tables(const ExportSummary& summary, const std::set<std::string>& expected) {
  std::set<std::string> listed;
  for (const ExportTable& t : summary.tables) {
    if (!expected.contains(t.name)) raise(Errc::invalid_argument, "io.restore_unknown_table", {{"table", t.name}});
    listed.insert(t.name);
  }
  for (const std::string& name : expected) {
    if (!listed.contains(name)) raise(Errc::invalid_argument, "io.restore_missing_table", {{"table", name}});
  }
}

void check_restored_members(const Record& record, const ExportTableSpec& spec) {
  if (record.problem) raise(Errc::invalid_argument, "io.restore_malformed");
  for (const Field& f : record.fields) {
    const bool known =
        std::any_of(spec.columns.begin(), spec.columns.end(), [&](const ExportColumn& c) { return c.name == f.name; });
    if (!known) raise(Errc::invalid_argument, "io.restore_unknown_column", {{"table", std::string(spec.name)}});
  }
}

RestoredValue restored_value(const ExportColumn& column, const Field& f) {
  auto wrong = [&] {
    raise(Errc::invalid_argument, "io.restore_bad_value", {{"column", f.name}, {"kind", column_kind_name(column.kind)}});
  };
  switch (column.kind) {
    case ColumnKind::integer:
      return integer_of(f);
    case ColumnKind::text:
      if (f.kind != ValueKind::text) wrong();
      return f.value;
    case ColumnKind::date:
      if (f.kind != ValueKind::text || (!f.value.empty() && !Date::try_parse(f.value))) wrong();
      return f.value;
    case ColumnKind::money: {
      if (f.kind != ValueKind::text) wrong();
      std::int64_t units = 0;
      try {
        units = Money::parse(f.value, Currency()).units();
      } catch (const Error&) {
        wrong();
      }
      return units;
    }
    case ColumnKind::boolean:
      if (f.kind != ValueKind::boolean) wrong();
      return std::int64_t{f.value == "true" ? 1 : 0};
    case ColumnKind::bytes: {
      if (f.kind != ValueKind::text) wrong();
      std::optional<std::string> bytes = bytes_of_base64(f.value);
      if (!bytes) wrong();
      return RestoredBytes{std::move(*bytes)};
    }
    case ColumnKind::event_type: {
      if (f.kind != ValueKind::text) wrong();
      int type = 0;
      try {
        type = static_cast<int>(parse_event_type(f.value));
      } catch (const Error&) {
        wrong();
      }
      return std::int64_t{type};
    }
  }
  return std::monostate{};
}

void refuse_restored_line(Errc code, const std::string& file, std::int64_t line, const std::string& reason) {
  raise(code, "io.restore_bad_line", {{"file", file}, {"line", std::to_string(line)}, {"reason", reason}});
}

void require_new_table(std::string_view table, bool same_as_new) {
  if (!same_as_new) raise(Errc::invalid_state, "io.restore_not_empty", {{"table", std::string(table)}});
}

void check_row_count(std::string_view table, std::int64_t rows, std::int64_t expected) {
  if (rows != expected) {
    raise(Errc::invalid_argument, "io.restore_count",
          {{"table", std::string(table)}, {"rows", std::to_string(rows)}, {"expected", std::to_string(expected)}});
  }
}

void refuse_foreign_key(const std::string& table, std::optional<std::int64_t> row, const std::string& parent) {
  raise(Errc::invalid_argument, "io.restore_foreign_key",
        {{"table", table}, {"row", row ? std::to_string(*row) : std::string("?")}, {"parent", parent}});
}

void check_restored_total(const std::string& contract, std::optional<std::int64_t> stored, std::optional<std::int64_t> events) {
  if (!stored || !events || *stored != *events) raise(Errc::invalid_argument, "io.restore_totals", {{"contract", contract}});
}

void check_tracking_index(std::int64_t applied_seq, std::int64_t last_seq) {
  if (applied_seq > last_seq) raise(Errc::invalid_argument, "io.restore_tracking_ahead");
}

void check_restored_settings(const std::string& directory, const ExportSummary& summary,
                             const std::optional<std::string>& currency, const std::optional<std::string>& clock) {
  if (!currency || *currency != summary.reporting_currency) {
    raise(Errc::invalid_argument, "io.restore_meta_differs", {{"path", directory}, {"setting", "reporting_currency"}});
  }
  if (clock != summary.clock) raise(Errc::invalid_argument, "io.restore_meta_differs", {{"path", directory}, {"setting", "clock"}});
}

}  // namespace pactum::io
