// pactum.Database bulk import and export: import_file(), export(),
// import_export(), and pactum.IMPORT_KINDS.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/io/document.hpp"
#include "pactum/io/import.hpp"
#include "py_database.hpp"

namespace pactum::python {

namespace {

// A str, bytes or os.PathLike path.
std::string path_arg(py::handle value, const char* what) {
  if (PyUnicode_Check(value.ptr()) || PyBytes_Check(value.ptr())) return str_arg(value, what);
  py::object fspath = py::reinterpret_borrow<py::object>(imported("os", "fspath"));
  return str_arg(fspath(value), what);
}

py::dict summary_dict(const ExportSummary& s) {
  py::dict tables;
  for (const ExportTable& t : s.tables) tables[py::str(t.name)] = t.rows;
  py::dict out;
  out["directory"] = s.directory;
  out["schema_version"] = s.schema_version;
  out["reporting_currency"] = s.reporting_currency;
  out["clock"] = s.clock ? py::object(from_date(Date::parse(*s.clock))) : py::object(py::none());
  out["tables"] = tables;
  return out;
}

}  // namespace

void bind_io(py::module_& m) {
  py::tuple kinds(import_kinds().size());
  std::size_t i = 0;
  for (ImportKind k : import_kinds()) kinds[i++] = py::str(import_kind_name(k));
  m.attr("IMPORT_KINDS") = kinds;

  database_class(m)
      .def(
          "import_file",
          localized([](PyDatabase& self, py::handle kind, py::handle path, py::handle mode, py::handle progress,
                       py::handle report, py::handle format, py::handle max_bytes) {
            Database& db = self.get();
            const ImportKind k = parse_import_kind(str_arg(kind, "kind"));
            const std::string file = path_arg(path, "path");
            ImportOptions options;
            options.mode = parse_import_mode(str_arg(mode, "mode"));
            if (!format.is_none()) options.format = parse_import_format(str_arg(format, "format"));
            if (!report.is_none()) options.report_path = path_arg(report, "report");
            if (!max_bytes.is_none()) {
              if (!py::isinstance<py::int_>(max_bytes) || py::isinstance<py::bool_>(max_bytes)) {
                throw py::type_error("max_bytes: expected an int or None");
              }
              options.max_bytes = max_bytes.cast<std::int64_t>();
            }
            if (!progress.is_none()) {
              if (!PyCallable_Check(progress.ptr())) throw py::type_error("progress: expected a callable or None");
              py::object callback = py::reinterpret_borrow<py::object>(progress);
              // Called with the GIL released around the import: take it back.
              // An exception raised by the callable cancels the import and
              // propagates; returning False cancels it too.
              options.progress = [callback](std::int64_t done, std::int64_t total) {
                py::gil_scoped_acquire gil;
                py::object result = callback(done, total);
                return !(result.ptr() == Py_False);
              };
            }
            ImportReport r;
            {
              py::gil_scoped_release release;
              r = db.import_file(k, file, options);
            }
            return document_of(r);
          }),
          py::arg("kind"), py::arg("path"), py::kw_only(), py::arg("mode") = "all", py::arg("progress") = py::none(),
          py::arg("report") = py::none(), py::arg("format") = py::none(), py::arg("max_bytes") = py::none(), R"doc(
Import one CSV or JSON Lines file of `kind` (see pactum.IMPORT_KINDS) in one
transaction (a savepoint inside db.transaction()). mode="all": a bad row rolls
everything back and raises its error, the message naming the line, column and
reason. mode="skip": good rows are committed and bad rows listed in the report.
Rows already recorded with the same content change nothing.

progress(rows_done, rows_total) is called every 1,000 rows and after the last
one; raising from it (or returning False) cancels the import and rolls
everything back (its exception propagates; False raises StateError). `report`
is a path the report is also written to (CSV when it ends in .csv, else JSON),
owner-only, as a whole; it may not be the database, its -wal/-shm files or the
input (ValidationError). A refusal of the whole file writes it too, with
committed false. `format` is "csv" or "jsonl" (default: from the file name).
`max_bytes` bounds the input (default 4 GiB); the input must be a regular file
(a device such as /dev/zero, or a pipe, is a ValidationError).

Returns {"kind", "mode", "format", "rows", "applied", "unchanged", "skipped",
"committed", "errors": [{"line", "column", "code", "error", "key", "message"}]}.)doc")
      .def(
          "export",
          localized([](PyDatabase& self, py::handle directory) {
            Database& db = self.get();
            const std::string dir = path_arg(directory, "directory");
            ExportSummary s;
            {
              py::gil_scoped_release release;
              s = db.export_to(dir);
            }
            return summary_dict(s);
          }),
          py::arg("directory"), R"doc(
Write every table as DIRECTORY/TABLE.jsonl (rows in primary-key order,
canonical JSON) and DIRECTORY/manifest.json (each file's size and SHA-256)
from one consistent snapshot, into a new directory put in place as a whole:
an older export there is replaced entirely; a directory that is not an export
(or a symbolic link) is refused.
Returns {"directory", "schema_version", "reporting_currency", "clock",
"tables": {name: rows}}.)doc")
      .def(
          "import_export",
          localized([](PyDatabase& self, py::handle directory) {
            Database& db = self.get();
            const std::string dir = path_arg(directory, "directory");
            ExportSummary s;
            {
              py::gil_scoped_release release;
              s = db.import_export(dir);
            }
            return summary_dict(s);
          }),
          py::arg("directory"), R"doc(
Restore an export into this database, which must be new (StateError
otherwise) and outside a transaction. Everything is kept exactly: exporting
the result gives byte-identical files. A broken export raises ValidationError
naming the file and line, and changes nothing.)doc");
}

}  // namespace pactum::python
