// Approval routing: pactum.check_routing, pactum.evaluate_routing,
// pactum.default_routing_table. Tables are dicts or JSON text; findings and
// results are plain dicts; money is decimal.Decimal.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/approval/document.hpp"
#include "pactum/approval/routing.hpp"
#include "py_database.hpp"
#include "routing_convert.hpp"

namespace pactum::python {

namespace {

py::object json_module() { return py::module_::import("json"); }

bool is_mapping(py::handle obj) { return py::isinstance(obj, imported("collections.abc", "Mapping")); }

py::handle decimal_class() { return imported("decimal", "Decimal"); }

}  // namespace

std::string table_text(py::handle table) { return document_text(table, "routing table"); }

std::string document_text(py::handle table, const char* what) {
  if (py::isinstance<py::str>(table)) return table.cast<std::string>();
  if (is_mapping(table)) {
    // Decimals are written as decimal strings; anything else JSON cannot
    // hold is a TypeError from json.dumps.
    const std::string name(what);
    py::cpp_function as_text([name](py::handle value) -> py::object {
      if (py::isinstance(value, decimal_class())) {
        return py::module_::import("builtins").attr("format")(value, "f");
      }
      throw py::type_error(name + ": " + std::string(py::str(py::type::of(value).attr("__name__"))) +
                           " is not JSON serializable");
    });
    return json_module().attr("dumps")(table, py::arg("default") = as_text, py::arg("ensure_ascii") = false)
        .cast<std::string>();
  }
  throw py::type_error(std::string(what) + ": expected a dict or JSON text, got " +
                       std::string(py::str(py::type::of(table).attr("__name__"))));
}

RoutingInputs routing_inputs(py::handle obj) {
  if (!is_mapping(obj)) {
    throw py::type_error("routing inputs: expected a dict");
  }
  RoutingInputs in;
  py::object amount = py::none();
  auto text = [](py::handle v, const char* what) {
    if (!py::isinstance<py::str>(v)) {
      throw py::type_error(std::string("routing inputs: '") + what + "' must be a str");
    }
    return v.cast<std::string>();
  };
  py::dict items = py::dict(py::reinterpret_borrow<py::object>(obj));
  for (auto [key, value] : items) {
    if (!py::isinstance<py::str>(key)) throw py::type_error("routing inputs: keys must be str");
    const std::string k = key.cast<std::string>();
    if (k == "type") {
      in.type = text(value, "type");
    } else if (k == "currency") {
      in.currency = text(value, "currency");
    } else if (k == "department") {
      in.department = text(value, "department");
    } else if (k == "key_account") {
      if (!py::isinstance<py::bool_>(value)) throw py::type_error("routing inputs: 'key_account' must be a bool");
      in.key_account = value.cast<bool>();
    } else if (k == "amount") {
      amount = py::reinterpret_borrow<py::object>(value);
    } else if (k == "version") {
      if (!py::isinstance<py::int_>(value) || value.cast<py::int_>().cast<long long>() != 1) {
        raise(Errc::invalid_argument, "routing.json_inputs_version",
              {{"pointer", "version"}, {"value", py::str(value).cast<std::string>()}});
      }
    } else if (k == "attributes") {
      if (!is_mapping(value)) throw py::type_error("routing inputs: 'attributes' must be a dict");
      for (auto [name, v] : py::dict(py::reinterpret_borrow<py::object>(value))) {
        if (!py::isinstance<py::str>(name)) throw py::type_error("routing inputs: attribute names must be str");
        std::string t;
        if (py::isinstance<py::bool_>(v)) {
          t = v.cast<bool>() ? "true" : "false";
        } else if (py::isinstance<py::str>(v)) {
          t = v.cast<std::string>();
        } else {
          t = to_decimal(v, "attribute").to_string();  // Decimal or int; a float is a TypeError
        }
        in.attributes.emplace(name.cast<std::string>(), std::move(t));
      }
    } else {
      raise(Errc::invalid_argument, "routing.inputs_unknown_key", {{"key", k}});
    }
  }
  if (!amount.is_none()) {
    if (py::isinstance<Money>(amount)) {
      in.amount = amount.cast<Money>();
    } else {
      const Currency currency = in.currency.empty() ? Currency() : Currency::of(in.currency);
      in.amount = Money::from_decimal(to_decimal(amount, "amount"), currency);
    }
  }
  return in;
}

py::list findings_list(const std::vector<RoutingFinding>& findings, Lang lang) {
  py::list out;
  for (const RoutingFinding& f : findings) {
    py::dict d;
    d["kind"] = finding_kind_name(f.kind);
    d["severity"] = finding_severity_name(f.severity);
    d["rules"] = f.rules;
    py::dict region;
    for (const auto& [input, text] : f.region) region[py::str(input)] = text;
    d["region"] = region;
    d["message"] = f.message(lang);
    py::dict messages;
    messages["en"] = f.message(Lang::en);
    messages["zh-CN"] = f.message(Lang::zh_CN);
    d["messages"] = messages;
    out.append(d);
  }
  return out;
}

py::object table_object(const std::string& json_text) { return json_module().attr("loads")(json_text); }

py::list table_versions(const std::vector<RoutingTableInfo>& tables) {
  py::list out;
  for (const RoutingTableInfo& t : tables) {
    py::dict d;
    d["id"] = t.id;
    d["version"] = t.version;
    d["current"] = t.current;
    out.append(d);
  }
  return out;
}

py::list load_table(PyDatabase& self, py::handle table, bool allow_gaps, bool allow_overlaps, TableLoader load) {
  Database& db = self.get();
  const std::string text = table_text(table);
  RoutingLoadOptions options;
  options.allow_gaps = allow_gaps;
  options.allow_overlaps = allow_overlaps;
  std::vector<RoutingFinding> findings;
  {
    py::gil_scoped_release release;
    findings = (db.*load)(text, options);
  }
  return findings_list(findings, db.lang());
}

void bind_routing(py::module_& m) {
  m.def(
      "check_routing",
      [](py::handle table, const std::string& lang) {
        const Lang l = parse_lang(lang);
        const std::string text = table_text(table);
        std::vector<RoutingFinding> findings;
        {
          py::gil_scoped_release release;
          findings = check_routing(text);
        }
        return findings_list(findings, l);
      },
      py::arg("table"), py::arg("lang") = "en", R"doc(
Check a routing table (a dict or JSON text) without a database.

Returns a list of findings, each a dict with kind ("gap", "overlap" or
"unreachable"), severity ("error" or "warning"), rules (ids), region
(input -> interval or set text), message (in `lang`) and messages (both
languages). A malformed table raises ValidationError naming the rule, the
input and the position in the cell.)doc");

  m.def(
      "evaluate_routing",
      [](py::handle table, py::handle inputs) {
        const std::string text = table_text(table);
        const RoutingInputs in = routing_inputs(inputs);
        RoutingResult result;
        {
          py::gil_scoped_release release;
          result = evaluate_routing(text, in);
        }
        return document_of(result);
      },
      py::arg("table"), py::arg("inputs"), R"doc(
Evaluate a routing table (a dict or JSON text) for one contract's facts.

inputs: a dict with any of type, amount (Decimal, int, str or pactum.Money;
never float), currency, department, key_account (bool) and attributes (a dict
of str, bool, int or Decimal). Returns {"route": [steps], "audit": {"table",
"table_version", "hit_policy", "matched_rules", "inputs"}}. No route
(no rule matches, several under UNIQUE, different routes under ANY) raises
StateError with code PACTUM_ENOROUTE.)doc");

  m.def(
      "default_routing_table", [] { return table_object(std::string(default_routing_table_json())); },
      "The routing table shipped with the library, as a dict.");

  database_class(m)
      .def(
          "load_routing",
          [](PyDatabase& self, py::handle table, bool allow_gaps, bool allow_overlaps) {
            return load_table(self, table, allow_gaps, allow_overlaps, &Database::load_routing);
          },
          py::arg("table"), py::arg("allow_gaps") = false, py::arg("allow_overlaps") = false, R"doc(
Check a routing table (a dict or JSON text) and make it the table new
contracts are routed with. A table with gaps or overlaps raises
ValidationError and nothing is stored, unless allowed. Versions are
immutable: the same id and version with another document, or a version below
the id's latest, raises ConflictError. Returns the findings.)doc")
      .def(
          "check_routing",
          [](PyDatabase& self, py::handle table) {
            Database& db = self.get();
            const std::string text = table_text(table);
            std::vector<RoutingFinding> findings;
            {
              py::gil_scoped_release release;
              findings = db.check_routing(text);
            }
            return findings_list(findings, db.lang());
          },
          py::arg("table"), "The findings of a routing table, messages in the handle's language; nothing stored.")
      .def(
          "routing_table",
          [](PyDatabase& self, const std::optional<std::string>& id, std::optional<int> version) {
            Database& db = self.get();
            if (!id && version) raise(Errc::invalid_argument, "routing.version_without_id");
            const RoutingTable t = id ? db.routing_table(*id, version) : db.routing_table();
            return table_object(t.to_json());
          },
          py::arg("id") = py::none(), py::arg("version") = py::none(),
          "The current routing table, or table `id` at `version` (None: its latest), as a dict.")
      .def(
          "routing_tables",
          [](PyDatabase& self) { return table_versions(self.get().routing_tables()); },
          "Every stored routing table version: dicts with id, version, current.")
      .def(
          "evaluate_routing",
          [](PyDatabase& self, py::handle inputs) {
            Database& db = self.get();
            const RoutingInputs in = routing_inputs(inputs);
            RoutingResult result;
            {
              py::gil_scoped_release release;
              result = db.evaluate_routing(in);
            }
            return document_of(result);
          },
          py::arg("inputs"), "Evaluate the current routing table (see pactum.evaluate_routing).");
}

}  // namespace pactum::python
