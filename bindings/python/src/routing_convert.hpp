// Conversions of approval routing between Python objects and the C++ API,
// shared by the module functions and the Database methods.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "pactum/approval/routing.hpp"
#include "pactum/store/database.hpp"

namespace pactum::python {

namespace py = pybind11;

// A table given as a dict (Decimals become decimal strings) or JSON text.
std::string table_text(py::handle table);
// A JSON document given as text or as a dict (Decimals written as decimal
// strings); `what` names it in TypeErrors.
std::string document_text(py::handle document, const char* what);
// A dict of type, amount, currency, department, key_account, attributes.
RoutingInputs routing_inputs(py::handle inputs);
// Findings as a list of dicts, "message" in `lang`.
py::list findings_list(const std::vector<RoutingFinding>& findings, Lang lang);
// The steps of a route as a list of dicts.
py::list route_list(const ApprovalRoute& route);
// {"route": [...], "audit": {...}}.
py::dict result_dict(const RoutingResult& result);
// A JSON document as Python objects.
py::object table_object(const std::string& json_text);

// Stored table versions as dicts with id, version, current.
py::list table_versions(const std::vector<RoutingTableInfo>& tables);

class PyDatabase;
// Loads a decision table (a dict or JSON text) with `load` — the routing or
// the classification table — without the GIL; the findings as a list.
using TableLoader = std::vector<RoutingFinding> (Database::*)(const std::string&, const RoutingLoadOptions&);
py::list load_table(PyDatabase& self, py::handle table, bool allow_gaps, bool allow_overlaps, TableLoader load);

}  // namespace pactum::python
