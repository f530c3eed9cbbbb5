// pactum.Money: exact money with decimal.Decimal in and out.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "pactum/core/error.hpp"

namespace pactum::python {

namespace {

Money make_money(py::handle amount, const std::string& currency) {
  if (py::isinstance<py::str>(amount)) return Money::parse(amount.cast<std::string>(), currency);
  return Money::from_decimal(to_decimal(amount, "amount"), Currency::of(currency));
}

std::string repr(const Money& m) {
  return "Money('" + m.to_string() + "', '" + std::string(m.currency().code()) + "')";
}

Money times(const Money& m, py::handle factor) {
  if (py::isinstance<py::int_>(factor) && !py::isinstance<py::bool_>(factor)) {
    return m.times(Decimal::parse(py::str(factor).cast<std::string>()));
  }
  return m.times(to_decimal(factor, "factor"));
}

}  // namespace

void bind_money(py::module_& m) {
  py::class_<Money>(m, "Money", R"doc(
Exact money: an amount (up to four decimals) of an ISO 4217 currency.

    Money("1000000.00", "CNY") ; Money(Decimal("5"), "JPY")

The amount is a decimal.Decimal, int or str; a float is a TypeError.)doc")
      .def(py::init(&make_money), py::arg("amount"), py::arg("currency"))
      .def_property_readonly("amount", [](const Money& self) { return from_decimal(self.amount()); },
                             "The amount as decimal.Decimal.")
      .def_property_readonly("currency", [](const Money& self) { return std::string(self.currency().code()); },
                             "The ISO 4217 code.")
      .def_property_readonly("minor_digits", [](const Money& self) { return self.currency().exponent(); })
      .def("__repr__", &repr)
      .def("__str__", [](const Money& self) { return self.to_string() + " " + std::string(self.currency().code()); })
      .def("__add__", [](const Money& a, const Money& b) { return a + b; }, py::is_operator())
      .def("__sub__", [](const Money& a, const Money& b) { return a - b; }, py::is_operator())
      .def("__neg__", [](const Money& a) { return -a; })
      .def("__abs__", [](const Money& a) { return a.is_negative() ? -a : a; })
      .def("__mul__", &times, py::is_operator())
      .def("__rmul__", &times, py::is_operator())
      .def("__truediv__",
           [](const Money& a, const Money& b) {
             const Ratio r = ratio(a, b);
             return py::module_::import("fractions").attr("Fraction")(r.numerator(), r.denominator());
           },
           py::is_operator(), "The exact ratio of two amounts as fractions.Fraction.")
      .def("__eq__", [](const Money& a, const Money& b) { return a == b; }, py::is_operator())
      .def("__eq__", [](const Money&, py::handle) { return false; })
      .def("__ne__", [](const Money& a, const Money& b) { return !(a == b); }, py::is_operator())
      .def("__ne__", [](const Money&, py::handle) { return true; })
      .def("__lt__", [](const Money& a, const Money& b) { return a < b; }, py::is_operator())
      .def("__le__", [](const Money& a, const Money& b) { return a <= b; }, py::is_operator())
      .def("__gt__", [](const Money& a, const Money& b) { return a > b; }, py::is_operator())
      .def("__ge__", [](const Money& a, const Money& b) { return a >= b; }, py::is_operator())
      .def("__hash__", [](const Money& a) {
        return py::hash(py::make_tuple(a.units(), std::string(a.currency().code())));
      })
      .def("__bool__", [](const Money& a) { return !a.is_zero(); })
      .def("round",
           [](const Money& self, int scale, const std::string& rounding) {
             return self.rounded(scale, parse_rounding(rounding));
           },
           py::arg("scale"), py::arg("rounding") = "half_even",
           "Rounded to `scale` decimals (0..4) under a rounding policy.")
      .def("allocate",
           [](const Money& self, const std::vector<std::int64_t>& weights) { return self.allocate(weights); },
           py::arg("weights"),
           "Split by integer weights in the minor unit; remainder units go to the first parts.")
      .def(py::pickle([](const Money& self) { return py::make_tuple(self.to_string(), std::string(self.currency().code())); },
                      [](const py::tuple& t) {
                        return Money::parse(t[0].cast<std::string>(), t[1].cast<std::string>());
                      }));

  m.def("round_decimal",
        [](py::handle value, int scale, const std::string& rounding) {
          return from_decimal(to_decimal(value, "value").rescaled(scale, parse_rounding(rounding)));
        },
        py::arg("value"), py::arg("scale"), py::arg("rounding") = "half_even",
        "Round a Decimal to `scale` decimals with one of Pactum's rounding policies.");
  m.def("ratio",
        [](py::handle numerator, py::handle denominator, int scale, const std::string& rounding) {
          const Ratio r = Ratio(to_decimal(numerator, "numerator")) / Ratio(to_decimal(denominator, "denominator"));
          return from_decimal(r.round(scale, parse_rounding(rounding)));
        },
        py::arg("numerator"), py::arg("denominator"), py::arg("scale"), py::arg("rounding") = "half_even",
        "numerator / denominator computed exactly and rounded once to `scale` decimals.");
}

}  // namespace pactum::python
