// The sink that gives a record's document (pactum/core/document.hpp) to
// Python as plain values: dicts, lists, str, int, bool, None,
// decimal.Decimal, fractions.Fraction, datetime.date and pactum.Money.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "pactum/core/document.hpp"

namespace pactum::python {

namespace py = pybind11;

class PySink final : public DocumentSink {
 public:
  void begin_object() override;
  void end_object() override;
  void begin_list() override;
  void end_list() override;
  void key(std::string_view name) override;
  void null() override;
  void boolean(bool value) override;
  void integer(std::int64_t value) override;
  void text(std::string_view value) override;
  void decimal(const Decimal& value) override;
  void ratio(const Ratio& value) override;
  void date(const Date& value) override;
  void amount(const Money& value) override;
  void money(const Money& value) override;
  void json(std::string_view document) override;
  bool keeps_types() const override { return true; }

  py::object take();

 private:
  void put(py::object value);

  py::object root_;
  std::vector<py::object> open_;  // the dicts and lists being filled
  std::string key_;
};

// The document of `record` as a Python value (a dict for a record).
template <class T>
py::object document_of(const T& record) {
  PySink sink;
  describe(record, sink);
  return sink.take();
}

template <class T>
py::list documents_of(const std::vector<T>& records) {
  py::list out;
  for (const T& record : records) out.append(document_of(record));
  return out;
}

}  // namespace pactum::python
