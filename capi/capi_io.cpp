// C API: bulk import and export.
#include "capi_internal.hpp"
#include "pactum/io/import.hpp"

using namespace pactum;
using capi::text_arg;
using capi::with_db;

extern "C" {

int pactum_import_file(pactum_db* db, const char* kind, const char* path, const char* options_json,
                       pactum_progress_fn progress, void* user_data, char** report_json) {
  return with_db(db, [&](Database& d) {
    if (report_json != nullptr) *report_json = nullptr;
    const ImportKind k = parse_import_kind(text_arg(kind, "kind"));
    const std::string file(text_arg(path, "path"));
    ImportOptions options;
    if (options_json != nullptr) options = json::import_options_from_json(text_arg(options_json, "options_json"));
    if (progress != nullptr) {
      options.progress = [progress, user_data](std::int64_t done, std::int64_t total) {
        return progress(done, total, user_data) == 0;
      };
    }
    const ImportReport report = d.import_file(k, file, options);
    if (report_json != nullptr) *report_json = capi::dup_string(json::to_json(report));
  });
}

int pactum_export(pactum_db* db, const char* directory) {
  return with_db(db, [&](Database& d) { d.export_to(std::string(text_arg(directory, "directory"))); });
}

int pactum_import_export(pactum_db* db, const char* directory) {
  return with_db(db, [&](Database& d) { d.import_export(std::string(text_arg(directory, "directory"))); });
}

}  // extern "C"
