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

py::handle class_for(Errc code) { return py::handle(g_classes[static_cast<int>(category_of(code))]); }

}  // namespace

void raise_python(const Error& e) {
  py::handle cls = class_for(e.code());
  py::object instance = cls(py::str(e.what()));
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
