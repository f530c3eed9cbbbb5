// The documents of the org directory (pactum/core/document.hpp), described
// once for every face; docs/contracts.md lists the members.
#pragma once

#include "pactum/core/document.hpp"
#include "pactum/org/directory.hpp"

namespace pactum {

// {"code", "name", "parent", "manager"}
void describe(const Department& department, DocumentSink& sink);
// {"id", "name", "department", "position", "manager", "hired", "left", "active"}
void describe(const Employee& employee, DocumentSink& sink);
// {"department", "position", "from"}
void describe(const Posting& posting, DocumentSink& sink);
// {"employee", "role", "department", "from", "until"}
void describe(const RoleAssignment& role, DocumentSink& sink);

}  // namespace pactum
