// Documents: how a record is described once for every face that shows it.
//
// A record's `describe(const T&, DocumentSink&)` (next to the record, in its
// domain's document.hpp) writes its members, in a fixed order, as typed
// values. A sink turns them into what a face hands out: JSON text for the C
// API and the command line (amounts and dates as strings), a dict for Python
// (decimal.Decimal, datetime.date, pactum.Money), or anything an integrator
// writes. The members and their meaning are the same in every face;
// docs/contracts.md lists them.
//
//   class Counter final : public DocumentSink { ... };   // a sink of your own
//   describe(db.contract("HT-2024-SD-0001"), sink);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;

  // Containers. Inside an object every value follows a key().
  virtual void begin_object() = 0;
  virtual void end_object() = 0;
  virtual void begin_list() = 0;
  virtual void end_list() = 0;
  virtual void key(std::string_view name) = 0;

  // Values.
  virtual void null() = 0;
  virtual void boolean(bool value) = 0;
  virtual void integer(std::int64_t value) = 0;
  virtual void text(std::string_view value) = 0;  // UTF-8
  virtual void decimal(const Decimal& value) = 0;
  virtual void ratio(const Ratio& value) = 0;     // exact: "3/10" in JSON, a Fraction in Python
  virtual void date(const Date& value) = 0;
  // An amount of money whose currency is a member beside it: "1000.00" in
  // JSON (at least the currency's minor digits), a Decimal in Python.
  virtual void amount(const Money& value) = 0;
  // A money value as one, amount and currency together (an attribute of
  // type money): "1000.00 CNY" in JSON, a pactum.Money in Python.
  virtual void money(const Money& value) = 0;
  // A stored JSON object (an event's payload), embedded as its value.
  virtual void json(std::string_view document) = 0;

  // Whether the sink's values keep their type (Python: Decimal, date,
  // Money). Where they do not (JSON), a value whose type is not fixed by its
  // member — a contract attribute — is written as {"type": ..., "value": text}.
  virtual bool keeps_types() const = 0;
};

// Members written in one call each; an empty optional is null.
namespace document {

inline void member(DocumentSink& s, std::string_view name, std::string_view v) { s.key(name), s.text(v); }
inline void member(DocumentSink& s, std::string_view name, const std::string& v) { s.key(name), s.text(v); }
inline void member(DocumentSink& s, std::string_view name, const char* v) { s.key(name), s.text(v); }
inline void member(DocumentSink& s, std::string_view name, bool v) { s.key(name), s.boolean(v); }
inline void member(DocumentSink& s, std::string_view name, int v) { s.key(name), s.integer(v); }
inline void member(DocumentSink& s, std::string_view name, std::int64_t v) { s.key(name), s.integer(v); }
inline void member(DocumentSink& s, std::string_view name, const Decimal& v) { s.key(name), s.decimal(v); }
inline void member(DocumentSink& s, std::string_view name, const Ratio& v) { s.key(name), s.ratio(v); }
inline void member(DocumentSink& s, std::string_view name, const Date& v) { s.key(name), s.date(v); }
inline void member(DocumentSink& s, std::string_view name, const std::vector<std::string>& v) {
  s.key(name);
  s.begin_list();
  for (const std::string& item : v) s.text(item);
  s.end_list();
}
template <class T>
void member(DocumentSink& s, std::string_view name, const std::optional<T>& v) {
  if (v) {
    member(s, name, *v);
  } else {
    s.key(name);
    s.null();
  }
}
inline void member(DocumentSink& s, std::string_view name, const Money& v) { s.key(name), s.amount(v); }
// The code of a money value's currency ("CNY").
inline void currency(DocumentSink& s, std::string_view name, const Money& v) {
  s.key(name), s.text(v.currency().code());
}

}  // namespace document

}  // namespace pactum
