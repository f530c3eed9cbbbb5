// The conformance suite's fixture (src/store/backend.hpp): a database under
// test reached through the storage interface of one or two handles. Each
// file of the suite (conformance_*_test.cpp) tests one part of the interface
// against every implementation listed in conformance_backends(); a second
// implementation joins by adding its factory there.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pactum/store/database.hpp"
#include "store/backend.hpp"
#include "store/database_impl.hpp"
#include "support/temp_dir.hpp"

namespace pactum::conformance {

// One database under test, reachable through one or more handles.
class Backend {
 public:
  virtual ~Backend() = default;
  // The storage interface of handle `h` (0 or 1) on the same database.
  virtual store::Storage& storage(int h) = 0;
  // A contract the events may name, in currency `currency` (set up through
  // the library, outside the interface).
  virtual std::int64_t contract(const std::string& currency) = 0;
  // The number the library gave contract `id`.
  virtual std::string number_of(std::int64_t id) = 0;
  // Activates contract `id` (outside the interface).
  virtual void activate(std::int64_t id) = 0;
};

class SqliteBackend final : public Backend {
 public:
  SqliteBackend() : db0_(dir_.file("conformance.db")), db1_(dir_.file("conformance.db")) {
    db0_.add_department({"SD", "销售部", std::nullopt, std::nullopt});
    db0_.add_employee({"E1", "张三", "SD", "sales", std::nullopt, std::nullopt});
    db0_.set_exchange_rate("USD", Decimal::parse("7.1"), Date::parse("2024-01-01"));
  }
  store::Storage& storage(int h) override { return (h == 0 ? db0_ : db1_).impl().storage(); }
  std::int64_t contract(const std::string& currency) override {
    ContractSpec s;
    s.type = "sales";
    s.owner = "E1";
    s.counterparty = "华东机电";
    s.amount = Money::parse("1000.00", currency);
    s.signed_on = Date::parse("2024-02-01");
    return db0_.create_contract(s).id;
  }
  std::string number_of(std::int64_t id) override { return db0_.contract(id).number; }
  void activate(std::int64_t id) override { db0_.activate(id, Date::parse("2024-02-01")); }

 private:
  test::TempDir dir_;
  Database db0_;
  Database db1_;
};

using Factory = std::function<std::unique_ptr<Backend>()>;

class StorageConformance : public ::testing::TestWithParam<Factory> {
 protected:
  void SetUp() override { backend_ = GetParam()(); }
  store::Storage& s(int h = 0) { return backend_->storage(h); }
  std::unique_ptr<Backend> backend_;
};

// A date of the tests.
inline Date day(const char* text) { return Date::parse(text); }

// An event of `type`, of `contract` (nullopt: company-wide), effective on `effective`.
inline store::NewEvent event_of(EventType type, std::optional<std::int64_t> contract, const char* effective) {
  store::NewEvent e;
  e.type = type;
  e.contract = contract;
  e.effective = day(effective);
  return e;
}

// Every implementation under test.
inline std::vector<Factory> conformance_backends() {
  return {Factory([] { return std::unique_ptr<Backend>(new SqliteBackend()); })};
}

}  // namespace pactum::conformance

// Runs the TEST_P cases of `fixture` against every implementation.
#define PACTUM_CONFORMANCE_SUITE(fixture) \
  INSTANTIATE_TEST_SUITE_P(Backends, fixture, ::testing::ValuesIn(::pactum::conformance::conformance_backends()))
