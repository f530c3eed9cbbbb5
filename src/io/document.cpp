#include "pactum/io/document.hpp"

namespace pactum {

using document::member;

void describe(const ImportRowError& e, DocumentSink& s) {
  s.begin_object();
  member(s, "line", e.line);
  s.key("column");
  if (e.column.empty()) {
    s.null();
  } else {
    s.text(e.column);
  }
  member(s, "code", static_cast<int>(e.code));
  member(s, "error", errc_name(e.code));
  member(s, "key", e.key);
  member(s, "message", e.message);
  s.end_object();
}

void describe(const ImportReport& r, DocumentSink& s) {
  s.begin_object();
  member(s, "kind", import_kind_name(r.kind));
  member(s, "mode", import_mode_name(r.mode));
  member(s, "format", import_format_name(r.format));
  member(s, "rows", r.rows);
  member(s, "applied", r.applied);
  member(s, "unchanged", r.unchanged);
  member(s, "skipped", r.skipped);
  member(s, "committed", r.committed);
  s.key("errors");
  s.begin_list();
  for (const ImportRowError& e : r.errors) describe(e, s);
  s.end_list();
  s.end_object();
}

}  // namespace pactum
