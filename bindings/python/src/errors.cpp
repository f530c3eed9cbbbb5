// Exceptions: pactum.Error and one subclass per error family, mirroring the
// error codes. Each instance carries `code` (the stable number) and `key`.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "pactum/core/error.hpp"

namespace pactum::python {

namespace {

// New references kept for the life of the process (never released: see
// `imported` in convert.hpp).
PyObject* g_classes[5] = {};
PyObject* g_base = nullptr;
// pactum.OutcomeUnknownError, the StorageError of PACTUM_EOUTCOME.
PyObject* g_outcome_unknown = nullptr;

py::handle class_for(Errc code) {
  if (code == Errc::outcome_unknown) return py::handle(g_outcome_unknown);
  return py::handle(g_classes[static_cast<int>(category_of(code))]);
}

}  // namespace

void raise_python(const Error& e) {
  py::handle cls = class_for(e.code());
  // Messages are valid UTF-8 (the catalog replaces what is not); "replace"
  // keeps a Pactum error a Pactum error whatever happens.
  const std::string_view what(e.what());
  py::object text = py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace"));
  if (!text) throw py::error_already_set();
  py::object instance = cls(text);
  instance.attr("code") = static_cast<int>(e.code());
  instance.attr("key") = e.key();
  PyErr_SetObject(cls.ptr(), instance.ptr());
}

void bind_errors(py::module_& m) {
  g_base = PyErr_NewExceptionWithDoc("pactum.Error", "Base of every Pactum error; `code` is the stable error code.",
                                     PyExc_Exception, nullptr);
  struct Family {
    ErrorCategory category;
    const char* name;
    PyObject* builtin;
    const char* doc;
  };
  const Family families[] = {
      {ErrorCategory::validation, "ValidationError", PyExc_ValueError, "Invalid argument (also a ValueError)."},
      {ErrorCategory::not_found, "NotFoundError", PyExc_LookupError, "Unknown id, number or rule (also a LookupError)."},
      {ErrorCategory::conflict, "ConflictError", nullptr, "Duplicate, or idempotency key reused with other content."},
      {ErrorCategory::state, "StateError", nullptr, "The object's state forbids the operation."},
      {ErrorCategory::storage, "StorageError", nullptr, "The database failed, is busy, damaged or too new."},
  };
  m.attr("Error") = py::handle(g_base);
  for (const Family& f : families) {
    py::tuple bases = f.builtin ? py::make_tuple(py::handle(g_base), py::handle(f.builtin))
                                : py::make_tuple(py::handle(g_base));
    std::string qualified = std::string("pactum.") + f.name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), f.doc, bases.ptr(), nullptr);
    g_classes[static_cast<int>(f.category)] = cls;
    m.attr(f.name) = py::handle(cls);
  }
  py::tuple storage = py::make_tuple(py::handle(g_classes[static_cast<int>(ErrorCategory::storage)]));
  g_outcome_unknown = PyErr_NewExceptionWithDoc(
      "pactum.OutcomeUnknownError",
      "A commit failed and may still have been kept (PACTUM_EOUTCOME): the handle refuses writes until it is "
      "closed; reopen the database and retry with the same idempotency key.",
      storage.ptr(), nullptr);
  m.attr("OutcomeUnknownError") = py::handle(g_outcome_unknown);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      raise_python(e);
    }
  });

  py::dict codes;
  for (Errc c : all_error_codes()) codes[py::str(errc_name(c))] = static_cast<int>(c);
  m.attr("ERROR_CODES") = codes;
  m.def("error_class_for_code", [](int code) { return py::reinterpret_borrow<py::object>(class_for(static_cast<Errc>(code))); }, py::arg("code"),
        "The Python exception class raised for a Pactum error code.");
}

}  // namespace pactum::python
