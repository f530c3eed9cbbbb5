#include "document.hpp"

#include <utility>

#include "convert.hpp"

namespace pactum::python {

void PySink::put(py::object value) {
  if (open_.empty()) {
    root_ = std::move(value);
  } else if (PyList_Check(open_.back().ptr())) {
    open_.back().cast<py::list>().append(std::move(value));
  } else {
    if (PyDict_SetItem(open_.back().ptr(), py::str(key_).ptr(), value.ptr()) != 0) throw py::error_already_set();
  }
}

void PySink::begin_object() {
  py::dict made;
  put(made);
  open_.push_back(std::move(made));
}

void PySink::begin_list() {
  py::list made;
  put(made);
  open_.push_back(std::move(made));
}

void PySink::end_object() { open_.pop_back(); }
void PySink::end_list() { open_.pop_back(); }
void PySink::key(std::string_view name) { key_.assign(name); }
void PySink::null() { put(py::none()); }
void PySink::boolean(bool value) { put(py::bool_(value)); }
void PySink::integer(std::int64_t value) { put(py::int_(value)); }
void PySink::text(std::string_view value) { put(py::str(value.data(), value.size())); }
void PySink::decimal(const Decimal& value) { put(from_decimal(value)); }
void PySink::ratio(const Ratio& value) {
  put(from_ratio(value));
}
void PySink::date(const Date& value) { put(from_date(value)); }
// The amount as the JSON text gives it: at least the currency's minor digits.
void PySink::amount(const Money& value) { put(from_decimal(Decimal::parse(value.to_string()))); }
void PySink::money(const Money& value) { put(py::cast(value)); }
void PySink::json(std::string_view document) {
  put(imported("json", "loads")(py::str(document.data(), document.size())));
}

py::object PySink::take() { return std::move(root_); }

}  // namespace pactum::python
