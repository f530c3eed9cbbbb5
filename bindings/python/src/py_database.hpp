// The Python face of a pactum::Database handle.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <optional>

#include "pactum/store/database.hpp"

namespace pactum::python {

namespace py = pybind11;

// pactum.Database: owns the handle until close(); every method after close()
// raises StorageError.
struct PyDatabase {
  std::unique_ptr<Database> db;

  Database& get() const;
  void close();
};

// The registered pactum.Database class, to add a domain's methods to it:
//   database_class(m).def("issue_number", ...);
using DatabaseClass = py::class_<PyDatabase, std::shared_ptr<PyDatabase>>;
inline DatabaseClass database_class(py::module_& m) {
  return py::reinterpret_borrow<DatabaseClass>(m.attr("Database"));
}

// The `on=` / `as_of=` argument: None means the database clock.
std::optional<Date> optional_date_arg(py::handle value, const char* what);

}  // namespace pactum::python
