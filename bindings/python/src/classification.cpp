// The classification of employees: decision tables and position groups
// (docs/reports.md "Classification").
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "pactum/report/classification.hpp"
#include "py_database.hpp"
#include "routing_convert.hpp"

namespace pactum::python {

void bind_classification(py::module_& m) {
  m.def(
      "default_classification_table",
      [] { return table_object(std::string(default_classification_json())); },
      "The classification table shipped with the library, as a dict.");

  database_class(m)
      .def(
          "load_classification",
          [](PyDatabase& self, py::handle table, bool allow_gaps, bool allow_overlaps) {
            return load_table(self, table, allow_gaps, allow_overlaps, &Database::load_classification);
          },
          py::arg("table"), py::arg("allow_gaps") = false, py::arg("allow_overlaps") = false, R"doc(
Check a classification table (a dict or JSON text: a decision table whose
inputs are among coverage, score, score_half, contribution and execution and
whose outputs are class and action) and make it the one the employee report
uses. Gaps or overlaps raise ValidationError and store nothing unless
allowed; versions are immutable (ConflictError). Returns the findings.)doc")
      .def(
          "check_classification",
          [](PyDatabase& self, py::handle table) {
            Database& db = self.get();
            const std::string text = table_text(table);
            return findings_list(db.check_classification(text), db.lang());
          },
          py::arg("table"), "The findings of a classification table; nothing stored.")
      .def(
          "classification_table", [](PyDatabase& self) { return table_object(self.get().classification_table().to_json()); },
          "The current classification table, as a dict.")
      .def(
          "classification_tables",
          [](PyDatabase& self) { return table_versions(self.get().classification_tables()); },
          "Every stored classification table version: dicts with id, version, current.")
      .def(
          "set_position_group",
          [](PyDatabase& self, const std::string& position, const std::optional<std::string>& group) {
            self.get().set_position_group(position, group);
          },
          py::arg("position"), py::arg("group"),
          "Employees in `position` are compared with those of `group` in the classification (None: their own "
          "position again).")
      .def(
          "position_group", [](PyDatabase& self, const std::string& position) { return self.get().position_group(position); },
          py::arg("position"), "The group of `position` (the position itself unless grouped).")
      .def(
          "position_groups", [](PyDatabase& self) { return self.get().position_groups(); },
          "Every grouped position and its group: a dict.");
}

}  // namespace pactum::python
