// A document sink for tests (pactum/core/document.hpp) that keeps types and
// writes what it is given as one line of tokens.
#pragma once

#include <string>

#include "pactum/core/document.hpp"

namespace pactum::test {

// A sink that keeps types and writes what it is given as one line of tokens:
// "{ id=int:7 amount=amount:1000.00 attributes={ budget=money:5.00 USD } }".
class TraceSink final : public DocumentSink {
 public:
  void begin_object() override { value("{"); }
  void end_object() override { out += " }"; }
  void begin_list() override { value("["); }
  void end_list() override { out += " ]"; }
  void key(std::string_view name) override { key_ = std::string(name) + "="; }
  void null() override { value("null"); }
  void boolean(bool v) override { value(v ? "bool:true" : "bool:false"); }
  void integer(std::int64_t v) override { value("int:" + std::to_string(v)); }
  void text(std::string_view v) override { value("text:" + std::string(v)); }
  void decimal(const Decimal& v) override { value("decimal:" + v.to_string()); }
  void ratio(const Ratio& v) override { value("ratio:" + v.to_string()); }
  void date(const Date& v) override { value("date:" + v.to_string()); }
  void amount(const Money& v) override { value("amount:" + v.to_string()); }
  void money(const Money& v) override { value("money:" + v.to_string() + " " + std::string(v.currency().code())); }
  void json(std::string_view v) override { value("json:" + std::string(v)); }
  bool keeps_types() const override { return true; }

  std::string out;

 private:
  void value(const std::string& v) {
    out += (out.empty() ? "" : " ") + key_ + v;
    key_.clear();
  }
  std::string key_;
};

template <class T>
std::string trace(const T& record) {
  TraceSink sink;
  describe(record, sink);
  return sink.out;
}

}  // namespace pactum::test
