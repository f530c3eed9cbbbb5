#include "convert.hpp"

#include <map>
#include <utility>

#include "pactum/core/error.hpp"

namespace pactum::python {

namespace {

py::handle decimal_class() { return imported("decimal", "Decimal"); }
py::handle date_class() { return imported("datetime", "date"); }
py::handle datetime_class() { return imported("datetime", "datetime"); }

[[noreturn]] void type_error(const char* what, py::handle value, const char* expected) {
  std::string got = py::str(py::type::of(value).attr("__name__"));
  throw py::type_error(std::string(what) + ": expected " + expected + ", got " + got);
}

}  // namespace

py::handle imported(const char* module, const char* attr) {
  // Keyed by the two string literals' addresses' contents.
  static auto* cache = new std::map<std::pair<std::string, std::string>, PyObject*>();
  auto key = std::make_pair(std::string(module), std::string(attr));
  auto it = cache->find(key);
  if (it == cache->end()) {
    py::object obj = py::module_::import(module).attr(attr);
    it = cache->emplace(std::move(key), obj.release().ptr()).first;
  }
  return py::handle(it->second);
}

Decimal to_decimal(py::handle value, const char* what) {
  if (py::isinstance<py::bool_>(value) || PyFloat_Check(value.ptr())) {
    type_error(what, value, "decimal.Decimal, int or str (a float is never exact)");
  }
  if (py::isinstance<py::str>(value)) return Decimal::parse(value.cast<std::string>());
  if (py::isinstance<py::int_>(value)) return Decimal::parse(py::str(value).cast<std::string>());
  if (py::isinstance(value, decimal_class())) {
    if (!value.attr("is_finite")().cast<bool>()) {
      raise(Errc::invalid_argument, "core.bad_decimal", {{"text", py::str(value).cast<std::string>()}});
    }
    // format(d, 'f') never uses exponent notation.
    std::string text = py::str(py::module_::import("builtins").attr("format")(value, "f"));
    return Decimal::parse(text);
  }
  type_error(what, value, "decimal.Decimal, int or str");
}

py::object from_decimal(const Decimal& value) { return decimal_class()(value.to_string()); }

Money to_money(py::handle value, Currency currency, const char* what) {
  if (py::isinstance<Money>(value)) {
    Money m = value.cast<Money>();
    if (!(m.currency() == currency)) {
      raise(Errc::currency_mismatch, "core.currency_mismatch",
            {{"a", std::string(m.currency().code())}, {"b", std::string(currency.code())}});
    }
    return m;
  }
  return Money::from_decimal(to_decimal(value, what), currency);
}

Date to_date(py::handle value, const char* what) {
  if (py::isinstance<py::str>(value)) return Date::parse(value.cast<std::string>());
  if (py::isinstance(value, datetime_class())) {
    type_error(what, value, "datetime.date (not datetime.datetime) or an ISO date string");
  }
  if (py::isinstance(value, date_class())) {
    return Date::from_ymd(value.attr("year").cast<int>(), value.attr("month").cast<int>(),
                          value.attr("day").cast<int>());
  }
  type_error(what, value, "datetime.date or an ISO date string");
}

std::optional<Date> to_optional_date(py::handle value, const char* what) {
  if (value.is_none()) return std::nullopt;
  return to_date(value, what);
}

py::object from_date(const Date& value) {
  return date_class()(value.year(), value.month(), value.day());
}

py::object from_ratio(const Ratio& value) {
  return imported("fractions", "Fraction")(value.numerator(), value.denominator());
}

}  // namespace pactum::python
