// pactum.Contract and the pactum.Database methods of contracts and the event
// log. Money is decimal.Decimal (or pactum.Money) in and out, dates are
// datetime.date; events and summaries are plain dicts.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/contract/document.hpp"
#include "pactum/contract/execution.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/documents.hpp"
#include "routing_convert.hpp"
#include "py_database.hpp"

namespace pactum::python {

// ---- Shared conversions (contracts_convert.hpp) -------------------------------------

std::string str_arg(py::handle value, const char* what) {
  if (PyUnicode_Check(value.ptr())) {
    py::object bytes =
        py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(value.ptr(), "utf-8", "surrogatepass"));
    if (!bytes) throw py::error_already_set();
    return std::string(PyBytes_AS_STRING(bytes.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.ptr())));
  }
  if (PyBytes_Check(value.ptr())) {
    return std::string(PyBytes_AS_STRING(value.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(value.ptr())));
  }
  const std::string got = py::str(py::type::of(value).attr("__name__"));
  throw py::type_error(std::string(what) + ": expected str, got " + got);
}

std::optional<std::string> optional_str_arg(py::handle value, const char* what) {
  if (value.is_none()) return std::nullopt;
  return str_arg(value, what);
}

ContractRef contract_arg(py::handle value) {
  if (py::isinstance<Contract>(value)) return ContractRef(value.cast<const Contract&>().id);
  if (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value)) {
    return ContractRef(value.cast<std::int64_t>());
  }
  if (PyUnicode_Check(value.ptr()) || PyBytes_Check(value.ptr())) return ContractRef(str_arg(value, "contract"));
  const std::string got = py::str(py::type::of(value).attr("__name__"));
  throw py::type_error("contract: expected a pactum.Contract, an int id or a str number, got " + got);
}

py::object optional_text_object(const std::optional<std::string>& value) {
  return value ? py::object(py::str(*value)) : py::object(py::none());
}

namespace {

// str -> text, bool -> boolean, pactum.Money -> money, Decimal or int ->
// decimal, datetime.date -> date; a float is a TypeError.
AttributeValue attribute_arg(py::handle value, const std::string& name) {
  if (py::isinstance<py::bool_>(value)) return AttributeValue(value.cast<bool>());
  if (PyUnicode_Check(value.ptr()) || PyBytes_Check(value.ptr())) return AttributeValue(str_arg(value, name.c_str()));
  if (py::isinstance<Money>(value)) return AttributeValue(value.cast<Money>());
  if (py::isinstance(value, py::module_::import("datetime").attr("date"))) {
    return AttributeValue(to_date(value, name.c_str()));
  }
  return AttributeValue(to_decimal(value, name.c_str()));
}

Attributes attributes_arg(py::handle value) {
  Attributes out;
  if (value.is_none()) return out;
  if (!py::isinstance<py::dict>(value)) throw py::type_error("attributes: expected a dict of name -> value");
  for (const auto& [k, v] : value.cast<py::dict>()) {
    const std::string name = str_arg(k, "attribute name");
    out.insert_or_assign(name, attribute_arg(v, name));
  }
  return out;
}

NumberFields fields_arg(py::handle value) {
  NumberFields out;
  if (value.is_none()) return out;
  if (!py::isinstance<py::dict>(value)) throw py::type_error("fields: expected a dict of name -> str");
  for (const auto& [k, v] : value.cast<py::dict>()) {
    const std::string name = str_arg(k, "field name");
    out[name] = str_arg(v, name.c_str());
  }
  return out;
}

// A list of (date, amount) pairs or {"due": date, "amount": amount} dicts.
std::vector<Installment> installments_arg(py::handle value, Currency currency) {
  std::vector<Installment> out;
  if (value.is_none()) return out;
  for (py::handle item : value) {
    if (py::isinstance<py::dict>(item)) {
      py::dict d = py::reinterpret_borrow<py::dict>(item);
      if (!d.contains("due") || !d.contains("amount")) {
        throw py::type_error("installments: each dict needs 'due' and 'amount'");
      }
      out.push_back({to_date(d["due"], "due"), to_money(d["amount"], currency, "amount")});
    } else {
      py::tuple t = py::reinterpret_borrow<py::object>(item).cast<py::tuple>();
      if (t.size() != 2) throw py::type_error("installments: expected (due, amount) pairs");
      out.push_back({to_date(t[0], "due"), to_money(t[1], currency, "amount")});
    }
  }
  return out;
}

Currency currency_arg(py::handle amount, py::handle currency, Currency fallback) {
  if (!currency.is_none()) return Currency::of(str_arg(currency, "currency"));
  if (py::isinstance<Money>(amount)) return amount.cast<Money>().currency();
  return fallback;
}

std::string status_name(const Contract& c) { return contract_status_name(c.status); }

py::list installments_list(const Contract& c) {
  py::list out;
  for (const Installment& i : c.installments) out.append(py::make_tuple(from_date(i.due), from_decimal(i.amount.amount())));
  return out;
}

EventOptions options_arg(py::handle on, py::handle source, py::handle key, py::handle actor) {
  EventOptions o;
  o.on = optional_date_arg(on, "on");
  o.source = optional_str_arg(source, "source");
  o.key = optional_str_arg(key, "key");
  o.actor = optional_str_arg(actor, "actor");
  return o;
}

int score_arg(py::handle score) {
  if (py::isinstance<py::bool_>(score) || !py::isinstance<py::int_>(score)) {
    throw py::type_error("score: expected an int from 0 to 100");
  }
  const auto value = score.cast<long long>();
  if (value < INT32_MIN || value > INT32_MAX) {
    raise(Errc::invalid_argument, "event.bad_score", {{"score", py::str(score).cast<std::string>()}});
  }
  return static_cast<int>(value);
}

// The Amendment of keyword arguments: start, end, delivery_due,
// counterparty, key_account, amount, installments, attributes (set),
// remove_attributes.
Amendment amendment_arg(const py::dict& changes, Currency currency) {
  Amendment a;
  for (const auto& [k, v] : changes) {
    const std::string name = str_arg(k, "change");
    if (name == "start") {
      a.start = to_date(v, "start");
    } else if (name == "end") {
      a.end = to_date(v, "end");
    } else if (name == "delivery_due") {
      a.delivery_due = to_date(v, "delivery_due");
    } else if (name == "counterparty") {
      a.counterparty = str_arg(v, "counterparty");
    } else if (name == "key_account") {
      if (!py::isinstance<py::bool_>(v)) throw py::type_error("key_account: expected a bool");
      a.key_account = v.cast<bool>();
    } else if (name == "amount") {
      a.amount = to_money(v, currency, "amount");
    } else if (name == "installments") {
      a.installments = installments_arg(v, currency);
    } else if (name == "attributes") {
      a.set_attributes = attributes_arg(v);
    } else if (name == "remove_attributes") {
      for (py::handle n : v) a.remove_attributes.push_back(str_arg(n, "remove_attributes"));
    } else {
      throw py::type_error("amend: unknown change '" + name + "'");
    }
  }
  return a;
}

}  // namespace

void bind_contracts(py::module_& m) {
  m.def(
      "event_types",
      []() -> py::object {
        const py::object doc = py::module_::import("json").attr("loads")(json::event_types_to_json());
        return doc["event_types"];
      },
      "The event registry: one dict per type (code, name, shape, execution, contract_fact, open_only, "
      "transition), in code order.");
  py::class_<Contract>(m, "Contract", R"doc(
A contract as recorded (a snapshot: call db.contract(c) for its current state).
Money is decimal.Decimal in the contract's currency; dates are datetime.date.)doc")
      .def_property_readonly("id", [](const Contract& c) { return c.id; })
      .def_property_readonly("number", [](const Contract& c) { return c.number; })
      .def_property_readonly("numbering", [](const Contract& c) { return c.numbering; })
      .def_property_readonly("external_id", [](const Contract& c) { return optional_text_object(c.external_id); })
      .def_property_readonly("type", [](const Contract& c) { return c.type; })
      .def_property_readonly("status", &status_name)
      .def_property_readonly("owner", [](const Contract& c) { return c.owner; })
      .def_property_readonly("signer", [](const Contract& c) { return c.signer; })
      .def_property_readonly("department", [](const Contract& c) { return c.department; })
      .def_property_readonly("counterparty", [](const Contract& c) { return c.counterparty; })
      .def_property_readonly("key_account", [](const Contract& c) { return c.key_account; })
      .def_property_readonly("amount", [](const Contract& c) { return from_decimal(c.amount.amount()); })
      .def_property_readonly("currency", [](const Contract& c) { return std::string(c.amount.currency().code()); })
      .def_property_readonly("money", [](const Contract& c) { return c.amount; }, "The amount as pactum.Money.")
      .def_property_readonly("reporting_amount",
                             [](const Contract& c) { return from_decimal(c.reporting_amount.amount()); })
      .def_property_readonly("exchange_rate", [](const Contract& c) { return c.exchange_rate; })
      .def_property_readonly("signed", [](const Contract& c) { return c.signed_on; })
      .def_property_readonly("start", [](const Contract& c) { return c.start; })
      .def_property_readonly("end", [](const Contract& c) { return c.end; })
      .def_property_readonly("delivery_due", [](const Contract& c) { return c.delivery_due; })
      .def_property_readonly("installments", &installments_list, "[(due, amount), ...] in due-date order.")
      .def_property_readonly("attributes", [](const Contract& c) { return document_of(c.attributes); }, "{name: str | Decimal | Money | date | bool}")
      .def_property_readonly("activated_on", [](const Contract& c) { return c.activated_on; })
      .def_property_readonly("closed_on", [](const Contract& c) { return c.closed_on; })
      .def_property_readonly("renews", [](const Contract& c) { return c.renews; })
      .def_property_readonly("renewed_by", [](const Contract& c) { return c.renewed_by; })
      .def_property_readonly("collected", [](const Contract& c) { return from_decimal(c.collected.amount()); })
      .def("to_dict", [](const Contract& c) { return document_of(c); },
           "The contract document as a dict: the members of its JSON document, values typed.")
      .def("__eq__", [](const Contract& a, const Contract& b) { return a == b; }, py::is_operator())
      .def("__eq__", [](const Contract&, py::handle) { return false; })
      .def("__repr__", [](const Contract& c) {
        return "<Contract " + std::to_string(c.id) + " " + c.number + " " + status_name(c) + ">";
      });
  m.attr("Contract").attr("__hash__") = py::none();

  m.attr("EVENT_TYPES") = [] {
    py::dict types;
    for (const EventTypeInfo& t : event_types()) types[py::str(std::string(t.name))] = static_cast<int>(t.type);
    return types;
  }();

  database_class(m)
      // ---- Contracts ----
      .def(
          "set_exchange_rate",
          localized([](PyDatabase& self, py::handle currency, py::handle rate, py::handle on) {
            const std::string c = str_arg(currency, "currency");
            const Decimal r = to_decimal(rate, "rate");
            Database& db = self.get();
            const Date date = on.is_none() ? db.today() : to_date(on, "on");
            py::gil_scoped_release release;
            db.set_exchange_rate(c, r, date);
          }),
          py::arg("currency"), py::arg("rate"), py::arg("on") = py::none(),
          "1 `currency` = `rate` (a Decimal) in the reporting currency from `on` (default: the database clock).")
      .def(
          "exchange_rate",
          localized([](PyDatabase& self, py::handle currency, py::handle on) {
            Database& db = self.get();
            const Date date = on.is_none() ? db.today() : to_date(on, "on");
            return db.exchange_rate(str_arg(currency, "currency"), date);
          }),
          py::arg("currency"), py::arg("on") = py::none(), "The latest rate on or before `on`.")
      .def(
          "create_contract",
          localized([](PyDatabase& self, py::handle type, py::handle owner, py::handle amount, py::handle currency,
             py::handle signed_on, py::handle start, py::handle end, py::handle delivery_due, py::handle counterparty,
             py::handle key_account, py::handle installments, py::handle numbering, py::handle attributes,
             py::handle external_id, py::handle fields, py::handle actor) {
            Database& db = self.get();
            ContractSpec s;
            const Currency c = currency_arg(amount, currency, db.reporting_currency());
            s.type = str_arg(type, "type");
            s.owner = str_arg(owner, "owner");
            s.amount = to_money(amount, c, "amount");
            s.signed_on = signed_on.is_none() ? db.today() : to_date(signed_on, "signed");
            s.start = optional_date_arg(start, "start");
            s.end = optional_date_arg(end, "end");
            s.delivery_due = optional_date_arg(delivery_due, "delivery_due");
            s.counterparty = str_arg(counterparty, "counterparty");
            if (!py::isinstance<py::bool_>(key_account)) throw py::type_error("key_account: expected a bool");
            s.key_account = key_account.cast<bool>();
            s.installments = installments_arg(installments, c);
            s.numbering = str_arg(numbering, "numbering");
            s.attributes = attributes_arg(attributes);
            s.external_id = optional_str_arg(external_id, "external_id");
            s.fields = fields_arg(fields);
            s.actor = optional_str_arg(actor, "actor");
            py::gil_scoped_release release;
            return db.create_contract(s);
          }),
          py::kw_only(), py::arg("type"), py::arg("owner"), py::arg("amount"), py::arg("currency") = py::none(),
          py::arg("signed") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(),
          py::arg("delivery_due") = py::none(), py::arg("counterparty"), py::arg("key_account") = false,
          py::arg("installments") = py::none(), py::arg("numbering") = "contract", py::arg("attributes") = py::none(),
          py::arg("external_id") = py::none(), py::arg("fields") = py::none(), py::arg("actor") = py::none(),
          R"doc(
Create a draft contract; its number is issued in the same transaction (rule
`numbering`, default "contract": HT-{year}-{dept}-{seq:4}).

amount: Decimal (in `currency`, default the reporting currency) or pactum.Money.
signed: the signing date (default: the database clock); the department is the
owner's on that date. installments: [(date, amount), ...] summing exactly to
the amount (default: the whole amount due on delivery_due, else end, else
signed). attributes: {name: str | Decimal | Money | date | bool}. external_id:
the host's id; the same id and terms again return the first contract.)doc")
      .def(
          "contract", localized([](PyDatabase& self, const ContractRef& ref) { return self.get().contract(ref); }),
          py::arg("contract"), "The contract by object, id or number (NotFoundError if none).")
      .def(
          "find_contracts",
          localized([](PyDatabase& self, py::handle prefix, py::handle owner, py::handle department, py::handle status,
             py::handle type, py::handle counterparty, py::handle external_id, py::handle signed_from,
             py::handle signed_to, int limit, py::handle after) {
            ContractFilter f;
            f.number_prefix = optional_str_arg(prefix, "prefix");
            f.owner = optional_str_arg(owner, "owner");
            f.department = optional_str_arg(department, "department");
            if (!status.is_none()) f.status = parse_contract_status(str_arg(status, "status"));
            f.type = optional_str_arg(type, "type");
            f.counterparty = optional_str_arg(counterparty, "counterparty");
            f.external_id = optional_str_arg(external_id, "external_id");
            f.signed_from = optional_date_arg(signed_from, "signed_from");
            f.signed_to = optional_date_arg(signed_to, "signed_to");
            f.limit = limit;
            if (!after.is_none()) {
              const ContractRef a = contract_arg(after);
              f.after = a.is_id() ? a.id() : self.get().contract(a).id;
            }
            Database& db = self.get();
            py::gil_scoped_release release;
            return db.find_contracts(f);
          }),
          py::kw_only(), py::arg("prefix") = py::none(), py::arg("owner") = py::none(),
          py::arg("department") = py::none(), py::arg("status") = py::none(), py::arg("type") = py::none(),
          py::arg("counterparty") = py::none(), py::arg("external_id") = py::none(),
          py::arg("signed_from") = py::none(), py::arg("signed_to") = py::none(), py::arg("limit") = 0,
          py::arg("after") = py::none(), R"doc(
Contracts matching every criterion given, by id: number prefix, owner,
department (at signing), status, type, exact counterparty name, external id,
signing dates (inclusive). limit (0: all) and after (a contract: the last of
the previous page) page through them.)doc")
      .def(
          "activate",
          localized([](PyDatabase& self, const ContractRef& c, py::handle on, py::handle actor) {
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Database& db = self.get();
            Event e;
            {
              py::gil_scoped_release release;
              e = db.activate(c, date, who);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("on") = py::none(), py::arg("actor") = py::none(),
          "draft -> active, for hosts that approve outside Pactum. Returns the event.")
      .def(
          "complete",
          localized([](PyDatabase& self, const ContractRef& c, py::handle on, py::handle actor) {
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Database& db = self.get();
            Event e;
            {
              py::gil_scoped_release release;
              e = db.complete(c, date, who);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("on") = py::none(), py::arg("actor") = py::none(),
          "active | breached -> completed. Returns the event.")
      .def(
          "reassign",
          localized([](PyDatabase& self, const ContractRef& c, py::handle new_owner, py::handle reason, py::handle on,
                       py::handle actor) {
            const std::string to = str_arg(new_owner, "new_owner");
            const std::string why = str_arg(reason, "reason");
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Database& db = self.get();
            Event e;
            {
              py::gil_scoped_release release;
              e = db.reassign(c, to, why, date, who);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("new_owner"), py::arg("reason"), py::arg("on") = py::none(),
          py::arg("actor") = py::none(),
          "Hands the contract over to `new_owner` from `on` (None: the clock): the signed amount stays with the "
          "signer, execution from `on` counts for the new owner. Returns the 'reassigned' event.")
      .def(
          "terminate",
          localized([](PyDatabase& self, const ContractRef& c, py::handle reason, py::handle on, py::handle actor) {
            const std::string why = str_arg(reason, "reason");
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Database& db = self.get();
            Event e;
            {
              py::gil_scoped_release release;
              e = db.terminate(c, why, date, who);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("reason"), py::arg("on") = py::none(), py::arg("actor") = py::none(),
          "active | breached -> terminated, with a reason. Returns the event.")
      .def(
          "amend",
          localized([](PyDatabase& self, const ContractRef& c, py::handle reason, py::handle changes, py::handle on, py::handle actor,
             const py::kwargs& more) {
            Database& db = self.get();
            const std::string why = str_arg(reason, "reason");
            py::dict all;
            if (!changes.is_none()) {
              if (!py::isinstance<py::dict>(changes)) throw py::type_error("changes: expected a dict");
              for (const auto& [k, v] : changes.cast<py::dict>()) all[k] = v;
            }
            for (const auto& [k, v] : more) all[k] = v;
            const Amendment a = amendment_arg(all, db.contract(c).amount.currency());
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Event e;
            {
              py::gil_scoped_release release;
              e = db.amend(c, why, a, date, who);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("reason"), py::arg("changes") = py::none(), py::arg("on") = py::none(),
          py::arg("actor") = py::none(), R"doc(
Change terms, with a reason; returns the "amended" event. Changes as
keywords or a dict: start, end, delivery_due, counterparty, key_account,
amount (needs installments), installments, attributes (set), remove_attributes.
A change of an active or breached contract that a routing table reads (amount,
key_account, attributes used as inputs), when its terms are governed by
routing, is a new approval round instead (docs/approval.md): `actor` must be
the employee who submits it, the returned event is the round's "submitted"
event, and the terms in force change only when the round is approved.)doc")
      .def(
          "renew",
          localized([](PyDatabase& self, const ContractRef& c, py::handle signed_on, py::handle start, py::handle end,
             py::handle delivery_due, py::handle amount, py::handle installments, py::handle owner,
             py::handle numbering, py::handle fields, py::handle external_id, py::handle attributes,
             py::handle actor) {
            Database& db = self.get();
            const Currency currency = currency_arg(amount, py::none(), db.contract(c).amount.currency());
            RenewalSpec s;
            s.signed_on = optional_date_arg(signed_on, "signed");
            s.start = optional_date_arg(start, "start");
            s.end = optional_date_arg(end, "end");
            s.delivery_due = optional_date_arg(delivery_due, "delivery_due");
            if (!amount.is_none()) s.amount = to_money(amount, currency, "amount");
            s.installments = installments_arg(installments, currency);
            s.owner = optional_str_arg(owner, "owner");
            s.numbering = optional_str_arg(numbering, "numbering");
            s.fields = fields_arg(fields);
            s.external_id = optional_str_arg(external_id, "external_id");
            if (!attributes.is_none()) s.attributes = attributes_arg(attributes);
            s.actor = optional_str_arg(actor, "actor");
            py::gil_scoped_release release;
            return db.renew(c, s);
          }),
          py::arg("contract"), py::kw_only(), py::arg("signed") = py::none(), py::arg("start") = py::none(),
          py::arg("end") = py::none(), py::arg("delivery_due") = py::none(), py::arg("amount") = py::none(),
          py::arg("installments") = py::none(), py::arg("owner") = py::none(), py::arg("numbering") = py::none(),
          py::arg("fields") = py::none(), py::arg("external_id") = py::none(), py::arg("attributes") = py::none(),
          py::arg("actor") = py::none(), R"doc(
A linked successor (a new draft) of an activated contract, once. It copies
type, owner, counterparty, key-account flag, currency, numbering rule and
attributes; start defaults to the day after the predecessor's end, end to the
same term length.)doc")
      .def(
          "execution",
          localized([](PyDatabase& self, const ContractRef& c, py::handle as_of) {
            const auto date = optional_date_arg(as_of, "as_of");
            ExecutionSummary s;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              s = db.execution(c, date);
            }
            return document_of(s);
          }),
          py::arg("contract"), py::arg("as_of") = py::none(), R"doc(
The contract's execution as of a date (default: the database clock): collected,
outstanding, collection_rate (Decimal, 6 decimals, half-even; collection_ratio
is the exact Fraction), installments and overdue (instalments not fully paid
by their due date counting payments effective on or before it), delivered_on,
delivery_late_days, satisfaction, disputes, breaches, amendments.)doc")
      // ---- Events ----
      .def(
          "record_payment",
          localized([](PyDatabase& self, const ContractRef& c, py::handle amount, py::handle on, py::handle payment_ref,
             py::handle source, bool allow_overpayment, py::handle actor) {
            Database& db = self.get();
            if (payment_ref.is_none()) throw py::type_error("record_payment: ref= is required");
            const std::string r = str_arg(payment_ref, "ref");
            const std::string src = str_arg(source, "source");
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            const Currency currency =
                py::isinstance<Money>(amount) ? amount.cast<Money>().currency() : db.contract(c).amount.currency();
            const Money paid = to_money(amount, currency, "amount");
            Event e;
            {
              py::gil_scoped_release release;
              e = db.record_payment(c, paid, date, r, src, allow_overpayment, who);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("amount"), py::arg("on") = py::none(), py::kw_only(), py::arg("ref") = py::none(),
          py::arg("source") = "finance", py::arg("allow_overpayment") = false, py::arg("actor") = py::none(), R"doc(
Record a payment (Decimal in the contract's currency, or pactum.Money) identified
by `ref` within `source`. The same source and ref with the same content returns
the first event; other content raises ConflictError. A payment beyond the
outstanding amount raises ValidationError unless allow_overpayment=True.)doc")
      .def(
          "reverse_payment",
          localized([](PyDatabase& self, py::handle payment_ref, py::handle on, py::handle source, py::handle actor) {
            const std::string r = str_arg(payment_ref, "ref");
            const std::string src = str_arg(source, "source");
            const auto date = optional_date_arg(on, "on");
            const auto who = optional_str_arg(actor, "actor");
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.reverse_payment(r, date, src, who);
            }
            return document_of(e);
          }),
          py::arg("ref"), py::arg("on") = py::none(), py::arg("source") = "finance", py::arg("actor") = py::none(),
          "Retract the payment `ref` of `source` from `on`: it removes exactly what the payment added.")
      .def(
          "record_delivery",
          localized([](PyDatabase& self, const ContractRef& c, py::handle on, bool accepted, py::handle note, py::handle key,
             py::handle source, py::handle actor) {
            const EventOptions o = options_arg(on, source, key, actor);
            const auto n = optional_str_arg(note, "note");
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.record_delivery(c, accepted, o, n);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("on") = py::none(), py::arg("accepted") = true, py::kw_only(),
          py::arg("note") = py::none(), py::arg("key") = py::none(), py::arg("source") = py::none(),
          py::arg("actor") = py::none(), "A delivery, accepted or refused for quality (accepted=False).")
      .def(
          "record_satisfaction",
          localized([](PyDatabase& self, const ContractRef& c, py::handle score, py::handle on, py::handle key, py::handle source,
             py::handle actor) {
            const int s = score_arg(score);
            const EventOptions o = options_arg(on, source, key, actor);
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.record_satisfaction(c, s, o);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("score"), py::arg("on") = py::none(), py::kw_only(), py::arg("key") = py::none(),
          py::arg("source") = py::none(), py::arg("actor") = py::none(), "A customer satisfaction score 0..100 (int).")
      .def(
          "record_dispute",
          localized([](PyDatabase& self, const ContractRef& c, py::handle on, py::handle reason, py::handle key, py::handle source,
             py::handle actor) {
            const std::string why = str_arg(reason, "reason");
            const EventOptions o = options_arg(on, source, key, actor);
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.record_dispute(c, why, o);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("on") = py::none(), py::arg("reason") = "", py::kw_only(),
          py::arg("key") = py::none(), py::arg("source") = py::none(), py::arg("actor") = py::none(), "A dispute.")
      .def(
          "record_breach",
          localized([](PyDatabase& self, const ContractRef& c, py::handle on, py::handle reason, py::handle key, py::handle source,
             py::handle actor) {
            const std::string why = str_arg(reason, "reason");
            const EventOptions o = options_arg(on, source, key, actor);
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.record_breach(c, why, o);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("on") = py::none(), py::arg("reason") = "", py::kw_only(),
          py::arg("key") = py::none(), py::arg("source") = py::none(), py::arg("actor") = py::none(),
          "A breach: the contract becomes 'breached' (it still runs).")
      .def(
          "record_fact",
          localized([](PyDatabase& self, const ContractRef& c, py::handle type, py::handle on, py::handle reason, py::handle key,
                       py::handle source, py::handle actor) {
            const EventType t = parse_event_type(str_arg(type, "type"));
            const std::string why = str_arg(reason, "reason");
            const EventOptions o = options_arg(on, source, key, actor);
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.record_fact(c, t, why, o);
            }
            return document_of(e);
          }),
          py::arg("contract"), py::arg("type"), py::arg("on") = py::none(), py::arg("reason") = "", py::kw_only(),
          py::arg("key") = py::none(), py::arg("source") = py::none(), py::arg("actor") = py::none(),
          "A fact of a contract with a reason, of any type the event registry records that way "
          "(shape 'reason': 'dispute', 'breach', ...); another type raises ValidationError.")
      .def(
          "record_event",
          localized([](PyDatabase& self, py::handle document) {
            const std::string text = document_text(document, "event");
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = json::record_event_from_json(db, text);
            }
            return document_of(e);
          }),
          py::arg("document"),
          "Records one fact described by an event document (a dict or JSON text; docs/events.md): "
          "payment_received, payment_reversed, delivered, satisfaction, or any fact with a reason.")
      .def(
          "advance_to",
          localized([](PyDatabase& self, py::handle date, py::handle actor) {
            const Date d = to_date(date, "date");
            const auto who = optional_str_arg(actor, "actor");
            Event e;
            {
              Database& db = self.get();
              py::gil_scoped_release release;
              e = db.advance_to(d, who);
            }
            return document_of(e);
          }),
          py::arg("date"), py::arg("actor") = py::none(),
          "Move the database clock forward to `date` (never back); time passing is an event.")
      .def(
          "event", localized([](PyDatabase& self, std::int64_t seq) { return document_of(self.get().event(seq)); }),
          py::arg("seq"), "The event with sequence number `seq`, as a dict.")
      .def(
          "events", localized([](PyDatabase& self, const ContractRef& ref) { return documents_of(self.get().events(ref)); }),
          py::arg("contract"), "The contract's events in sequence order.")
      .def(
          "events_after",
          localized([](PyDatabase& self, std::int64_t after_seq, int limit) {
            return documents_of(self.get().events_after(after_seq, limit));
          }),
          py::arg("after_seq") = 0, py::arg("limit") = 1000, "Events after `after_seq`, in sequence order.")
      .def("last_event_seq", localized([](PyDatabase& self) { return self.get().last_event_seq(); }),
           "The highest sequence number of the log (0 when empty).");
}

}  // namespace pactum::python
