// Conversions between Python objects and Pactum's value types: Decimal in and
// out for money, datetime.date for dates, and never a float.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

namespace pactum::python {

namespace py = pybind11;

// `module.attr` imported once and kept for the life of the process. The
// reference is deliberately never released: a static py::object would be
// destroyed after the interpreter has finalised and crash the exit.
py::handle imported(const char* module, const char* attr);

// decimal.Decimal, int or str -> Decimal. A float (or bool) raises TypeError;
// a NaN or infinite Decimal raises pactum.ValidationError.
Decimal to_decimal(py::handle value, const char* what);
py::object from_decimal(const Decimal& value);

// pactum.Money, or a Decimal/int/str amount in `currency`.
Money to_money(py::handle value, Currency currency, const char* what);

// datetime.date (not datetime.datetime) or an ISO string -> Date.
Date to_date(py::handle value, const char* what);
std::optional<Date> to_optional_date(py::handle value, const char* what);
py::object from_date(const Date& value);

}  // namespace pactum::python
