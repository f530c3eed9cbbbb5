// pactum._core: the thin compiled layer under the pure-Python package.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "pactum/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Pactum's compiled core; import `pactum` instead.";
  m.attr("__version__") = pactum::version();
  pactum::python::bind_errors(m);
  pactum::python::bind_money(m);
  pactum::python::bind_database(m);
  pactum::python::bind_routing(m);
  pactum::python::bind_numbering(m);
  pactum::python::bind_org(m);
  pactum::python::bind_contracts(m);
  pactum::python::bind_approval(m);
  pactum::python::bind_kpi(m);
  pactum::python::bind_reports(m);
  pactum::python::bind_kpi_engine(m);
  pactum::python::bind_io(m);
  pactum::python::bind_report_html(m);
  pactum::python::bind_classification(m);
}
