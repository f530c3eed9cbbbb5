// Conversions between Python objects and Pactum's value types: Decimal in and
// out for money, datetime.date for dates, and never a float. The type casters
// at the end let bindings take and return Date, Decimal, Ratio and
// ContractRef (and their std::optional) as they are.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "pactum/contract/contract.hpp"
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

// fractions.Fraction(numerator, denominator).
py::object from_ratio(const Ratio& value);

// A pactum.Contract, an int id or a str number; anything else is a TypeError.
ContractRef contract_arg(py::handle value);

}  // namespace pactum::python

namespace pybind11::detail {

// Arguments convert as the named conversions above do (their errors name the
// value's kind: "date", "amount", "contract"); results become datetime.date,
// decimal.Decimal and fractions.Fraction.
template <>
struct type_caster<pactum::Date> {
  PYBIND11_TYPE_CASTER(pactum::Date, const_name("datetime.date"));
  bool load(handle src, bool) {
    value = pactum::python::to_date(src, "date");
    return true;
  }
  static handle cast(const pactum::Date& d, return_value_policy, handle) {
    return pactum::python::from_date(d).release();
  }
};

template <>
struct type_caster<pactum::Decimal> {
  PYBIND11_TYPE_CASTER(pactum::Decimal, const_name("decimal.Decimal"));
  bool load(handle src, bool) {
    value = pactum::python::to_decimal(src, "amount");
    return true;
  }
  static handle cast(const pactum::Decimal& d, return_value_policy, handle) {
    return pactum::python::from_decimal(d).release();
  }
};

template <>
struct type_caster<pactum::Ratio> {
  PYBIND11_TYPE_CASTER(pactum::Ratio, const_name("fractions.Fraction"));
  bool load(handle, bool) { return false; }
  static handle cast(const pactum::Ratio& r, return_value_policy, handle) {
    return pactum::python::from_ratio(r).release();
  }
};

// An argument only (a reference is never returned); it has no default value,
// hence the optional.
template <>
struct type_caster<pactum::ContractRef> {
  static constexpr auto name = const_name("pactum.Contract | int | str");
  template <typename T>
  using cast_op_type = movable_cast_op_type<T>;
  bool load(handle src, bool) {
    value.emplace(pactum::python::contract_arg(src));
    return true;
  }
  operator pactum::ContractRef*() { return &*value; }
  operator pactum::ContractRef&() { return *value; }
  operator pactum::ContractRef&&() && { return std::move(*value); }

 private:
  std::optional<pactum::ContractRef> value;
};

}  // namespace pybind11::detail
