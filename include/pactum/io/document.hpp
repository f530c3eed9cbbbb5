// The document of an import's report (pactum/core/document.hpp), described
// once for every face; docs/import.md lists the members.
#pragma once

#include "pactum/core/document.hpp"
#include "pactum/io/import.hpp"

namespace pactum {

// {"line", "column" (null for the whole row), "code", "error", "key", "message"}
void describe(const ImportRowError& error, DocumentSink& sink);
// {"kind", "mode", "format", "rows", "applied", "unchanged", "skipped",
//  "committed", "errors"}
void describe(const ImportReport& report, DocumentSink& sink);

}  // namespace pactum
