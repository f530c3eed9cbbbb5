// One binding function per concept; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace pactum {
class Error;
}

namespace pactum::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_money(py::module_& m);
void bind_database(py::module_& m);
void bind_routing(py::module_& m);
void bind_numbering(py::module_& m);
void bind_org(py::module_& m);
void bind_contracts(py::module_& m);
void bind_approval(py::module_& m);
void bind_kpi(py::module_& m);
void bind_reports(py::module_& m);
void bind_kpi_engine(py::module_& m);
void bind_io(py::module_& m);
void bind_report_html(py::module_& m);
void bind_classification(py::module_& m);

// Sets the Python exception matching `e` (used by the translator).
void raise_python(const Error& e);

}  // namespace pactum::python
