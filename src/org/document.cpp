#include "pactum/org/document.hpp"

namespace pactum {

using document::member;

void describe(const Department& d, DocumentSink& s) {
  s.begin_object();
  member(s, "code", d.code);
  member(s, "name", d.name);
  member(s, "parent", d.parent);
  member(s, "manager", d.manager);
  s.end_object();
}

void describe(const Employee& e, DocumentSink& s) {
  s.begin_object();
  member(s, "id", e.id);
  member(s, "name", e.name);
  member(s, "department", e.department);
  member(s, "position", e.position);
  member(s, "manager", e.manager);
  member(s, "hired", e.hired);
  member(s, "left", e.left);
  member(s, "active", e.active);
  s.end_object();
}

void describe(const Posting& p, DocumentSink& s) {
  s.begin_object();
  member(s, "department", p.department);
  member(s, "position", p.position);
  member(s, "from", p.from);
  s.end_object();
}

void describe(const RoleAssignment& r, DocumentSink& s) {
  s.begin_object();
  member(s, "employee", r.employee);
  member(s, "role", r.role);
  member(s, "department", r.department);
  member(s, "from", r.from);
  member(s, "until", r.until);
  s.end_object();
}

}  // namespace pactum
