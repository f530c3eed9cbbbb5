// Names of the import kinds, modes and formats, and the JSON documents of
// import reports, export summaries and import options.
#include <nlohmann/json.hpp>

#include "../core/json_document.hpp"
#include "../core/json_sink.hpp"
#include "pactum/core/text.hpp"
#include "pactum/io/document.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

namespace {

using Json = nlohmann::json;

struct KindName {
  ImportKind kind;
  const char* name;
};

constexpr KindName kKinds[] = {
    {ImportKind::departments, "departments"}, {ImportKind::employees, "employees"},
    {ImportKind::contracts, "contracts"},     {ImportKind::payments, "payments"},
    {ImportKind::reversals, "reversals"},     {ImportKind::deliveries, "deliveries"},
    {ImportKind::satisfaction, "satisfaction"},
};

std::string kind_list() {
  std::string out;
  for (const KindName& k : kKinds) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return out;
}

Json text_or_null(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

}  // namespace

const char* import_kind_name(ImportKind kind) noexcept {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "unknown";
}

ImportKind parse_import_kind(std::string_view name) {
  for (const KindName& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  raise(Errc::invalid_argument, "io.bad_kind",
        {{"kind", is_valid_utf8(name) ? std::string(name) : std::string("?")}, {"kinds", kind_list()}});
}

std::vector<ImportKind> import_kinds() {
  std::vector<ImportKind> out;
  for (const KindName& k : kKinds) out.push_back(k.kind);
  return out;
}

const char* import_mode_name(ImportMode mode) noexcept { return mode == ImportMode::skip ? "skip" : "all"; }

ImportMode parse_import_mode(std::string_view name) {
  if (name == "all") return ImportMode::all_or_nothing;
  if (name == "skip") return ImportMode::skip;
  raise(Errc::invalid_argument, "io.bad_mode", {{"mode", is_valid_utf8(name) ? std::string(name) : std::string("?")}});
}

const char* import_format_name(ImportFormat format) noexcept {
  switch (format) {
    case ImportFormat::automatic: return "auto";
    case ImportFormat::csv: return "csv";
    case ImportFormat::jsonl: return "jsonl";
  }
  return "unknown";
}

ImportFormat parse_import_format(std::string_view name) {
  if (name == "auto") return ImportFormat::automatic;
  if (name == "csv") return ImportFormat::csv;
  if (name == "jsonl") return ImportFormat::jsonl;
  raise(Errc::invalid_argument, "io.bad_format",
        {{"format", is_valid_utf8(name) ? std::string(name) : std::string("?")}});
}

namespace json {

std::string to_json(const ImportReport& report) {
  Json out = {{"version", 1}};
  out.update(json_document_of(report));
  return out.dump();
}

std::string to_json(const ExportSummary& summary) {
  Json tables = Json::array();
  for (const ExportTable& t : summary.tables) tables.push_back({{"name", t.name}, {"rows", t.rows}});
  Json out = {{"version", 1},
              {"directory", summary.directory},
              {"schema_version", summary.schema_version},
              {"reporting_currency", summary.reporting_currency},
              {"clock", text_or_null(summary.clock)},
              {"tables", std::move(tables)}};
  return out.dump();
}

ImportOptions import_options_from_json(std::string_view text) {
  const Json doc = json_document::parse(text, "options_json");
  if (!doc.is_object()) raise(Errc::invalid_argument, "contract.json_not_object", {{"name", "options_json"}});
  ImportOptions options;
  for (const auto& [key, value] : doc.items()) {
    if (key == "version") {
      if (!value.is_number_integer() || value.get<std::int64_t>() != 1) {
        raise(Errc::invalid_argument, "contract.json_version", {{"version", value.dump()}});
      }
      continue;
    }
    if (value.is_null()) continue;
    if (key == "max_bytes") {
      if (!value.is_number_integer() || value.get<std::int64_t>() <= 0) {
        raise(Errc::invalid_argument, "io.bad_max_bytes", {{"value", value.dump()}});
      }
      options.max_bytes = value.get<std::int64_t>();
      continue;
    }
    if (key != "mode" && key != "format" && key != "report") {
      raise(Errc::invalid_argument, "contract.json_unknown", {{"name", key}});
    }
    if (!value.is_string()) raise(Errc::invalid_argument, "contract.json_not_string", {{"name", key}});
    const std::string v = value.get<std::string>();
    if (key == "mode") {
      options.mode = parse_import_mode(v);
    } else if (key == "format") {
      options.format = parse_import_format(v);
    } else {
      if (v.empty()) raise(Errc::invalid_argument, "io.empty_path", {{"name", "report"}});
      options.report_path = v;
    }
  }
  return options;
}

}  // namespace json

}  // namespace pactum
