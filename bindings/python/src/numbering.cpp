// pactum.Database numbering methods, and the pattern checks that need no
// database: check_numbering_pattern(), check_character().
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "pactum/numbering/pattern.hpp"
#include "py_database.hpp"

namespace pactum::python {

namespace {

// A str (encoded as UTF-8; lone surrogates pass through as invalid bytes
// that the library refuses with its own message) or bytes (taken as they
// are, so that invalid UTF-8 reaches the same checks). Anything else is a
// TypeError.
std::string text(py::handle value, const char* what) {
  if (PyUnicode_Check(value.ptr())) {
    py::object bytes = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(value.ptr(), "utf-8", "surrogatepass"));
    if (!bytes) throw py::error_already_set();
    return std::string(PyBytes_AS_STRING(bytes.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.ptr())));
  }
  if (PyBytes_Check(value.ptr())) {
    return std::string(PyBytes_AS_STRING(value.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(value.ptr())));
  }
  const std::string got = py::str(py::type::of(value).attr("__name__"));
  throw py::type_error(std::string(what) + ": expected str, got " + got);
}

std::optional<std::string> optional_text(py::handle value, const char* what) {
  if (value.is_none()) return std::nullopt;
  return text(value, what);
}

NumberFields fields_of(const py::kwargs& kwargs) {
  NumberFields fields;
  for (const auto& [key, value] : kwargs) {
    const std::string name = text(key, "field name");
    fields[name] = text(value, name.c_str());
  }
  return fields;
}

py::dict rule_dict(const NumberingRuleInfo& r) {
  py::dict out;
  out["id"] = r.id;
  out["version"] = r.version;
  out["pattern"] = r.pattern;
  out["mode"] = numbering_mode_name(r.mode);
  out["fields"] = r.fields;
  return out;
}

py::object optional_str(const std::optional<std::string>& s) { return s ? py::object(py::str(*s)) : py::object(py::none()); }

}  // namespace

void bind_numbering(py::module_& m) {
  m.def(
      "check_numbering_pattern",
      [](py::handle pattern) {
        const NumberingPattern p = NumberingPattern::compile(text(pattern, "pattern"));
        py::dict out;
        out["pattern"] = p.text();
        out["fields"] = p.field_names();
        out["seq_width"] = p.seq_width();
        out["check"] = p.has_check();
        return out;
      },
      py::arg("pattern"), R"doc(
Compile a numbering pattern without a database: a dict with the pattern, its
field names, the seq width and whether it has a check character. A pattern
that does not compile raises ValidationError (code PACTUM_EPATTERN) naming the
position, in characters from 1.)doc");
  m.def(
      "check_character", [](py::handle value) { return std::string(1, mod37_2_check_character(text(value, "text"))); },
      py::arg("text"), "The ISO 7064 MOD 37-2 check character of the letters A-Z and digits of `text`.");

  database_class(m)
      .def(
          "define_numbering",
          [](PyDatabase& self, py::handle rule_id, py::handle pattern, py::handle mode) {
            const std::string id = text(rule_id, "rule_id");
            const std::string p = text(pattern, "pattern");
            const NumberingMode md = parse_numbering_mode(text(mode, "mode"));
            Database& db = self.get();
            py::gil_scoped_release release;
            return db.define_numbering(id, p, md);
          },
          py::arg("rule_id"), py::arg("pattern"), py::arg("mode") = "gapless", R"doc(
Define numbering rule `rule_id`, or a new version of it, and return the
version in force. mode: "gapless" (default; no holes among committed numbers)
or "fast" (blocks reserved per handle). Counters continue where the scope is
unchanged.)doc")
      .def(
          "numbering_rule",
          [](PyDatabase& self, py::handle rule_id) {
            const std::string id = text(rule_id, "rule_id");
            return rule_dict(self.get().numbering_rule(id));
          },
          py::arg("rule_id"), "The rule's latest version: a dict with id, version, pattern, mode and fields.")
      .def(
          "numbering_rules",
          [](PyDatabase& self) {
            py::list out;
            for (const auto& r : self.get().numbering_rules()) out.append(rule_dict(r));
            return out;
          },
          "Every numbering rule at its latest version, by id.")
      .def(
          "preview_number",
          [](PyDatabase& self, py::handle rule_id, py::handle on, const py::kwargs& kwargs) {
            const std::string id = text(rule_id, "rule_id");
            const auto date = optional_date_arg(on, "on");
            const NumberFields fields = fields_of(kwargs);
            Database& db = self.get();
            py::gil_scoped_release release;
            return db.preview_number(id, date, fields);
          },
          py::arg("rule_id"), py::arg("on") = py::none(), R"doc(
The number issue_number() would give now through this handle, without
consuming it. Fields are keyword arguments: preview_number("sales", type="XSC",
dept="SD"). on: the effective date (default: the database clock).)doc")
      .def(
          "issue_number",
          [](PyDatabase& self, py::handle rule_id, py::handle on, py::handle owner, const py::kwargs& kwargs) {
            const std::string id = text(rule_id, "rule_id");
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_text(owner, "owner");
            const NumberFields fields = fields_of(kwargs);
            Database& db = self.get();
            py::gil_scoped_release release;
            return db.issue_number(id, date, fields, who);
          },
          py::arg("rule_id"), py::arg("on") = py::none(), py::arg("owner") = py::none(), R"doc(
Issue the next number of the rule's scope and register it (with an optional
owner reference). Fields are keyword arguments. Inside `with db.transaction():`
the number belongs to that transaction; a rollback gives it back (gapless).)doc")
      .def(
          "parse_number",
          [](PyDatabase& self, py::handle rule_id, py::handle number) {
            const std::string id = text(rule_id, "rule_id");
            const std::string n = text(number, "number");
            ParsedNumber parsed;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              parsed = db.parse_number(id, n);
            }
            py::dict out;
            for (const auto& [name, value] : parsed.fields) out[py::str(name)] = value;
            out["seq"] = parsed.seq;
            return out;
          },
          py::arg("rule_id"), py::arg("number"),
          "Take a number apart: a dict of field -> text (date tokens included) plus `seq` (an int).")
      .def(
          "void_number",
          [](PyDatabase& self, py::handle number, py::handle reason, py::handle on) {
            const std::string n = text(number, "number");
            const std::string r = text(reason, "reason");
            const auto date = optional_date_arg(on, "on");
            Database& db = self.get();
            py::gil_scoped_release release;
            db.void_number(n, r, date);
          },
          py::arg("number"), py::arg("reason"), py::arg("on") = py::none(),
          "Void an issued number (a reason is required); it stays registered and is never issued again.")
      .def(
          "issued_number",
          [](PyDatabase& self, py::handle number) {
            const IssuedNumber n = self.get().issued_number(text(number, "number"));
            py::dict out;
            out["number"] = n.number;
            out["rule"] = n.rule_id;
            out["rule_version"] = n.rule_version;
            out["seq"] = n.seq;
            out["issued_on"] = n.issued_on;
            out["owner"] = optional_str(n.owner);
            out["voided"] = n.voided;
            out["void_reason"] = n.voided ? py::object(py::str(n.void_reason)) : py::object(py::none());
            out["voided_on"] = n.voided_on;
            return out;
          },
          py::arg("number"), "The registry entry of an issued number, as a dict.")
      .def(
          "find_numbers",
          [](PyDatabase& self, py::handle prefix, int limit, py::handle after) {
            const std::string p = text(prefix, "prefix");
            const auto a = optional_text(after, "after");
            Database& db = self.get();
            py::gil_scoped_release release;
            return db.find_numbers(p, limit, a);
          },
          py::arg("prefix"), py::arg("limit") = 50, py::arg("after") = py::none(), R"doc(
Issued numbers (voided ones included) starting with `prefix`, in order, at
most `limit` (1..10000), after `after` (the last number of the previous page).)doc");
}

}  // namespace pactum::python
