// Fuzz target: the JSON documents of contracts and events through the C API
// (docs/contracts.md, docs/events.md): create_contract, find_contracts,
// amend, renew and record_event, on an in-memory company with one active
// contract. Every write runs inside a transaction rolled back afterwards, so
// each input starts from the same database.
//
// Laws: every call returns 0 or a code of the published list, with a message;
// a refused write leaves no event behind; an accepted call returns a version 1
// JSON document, and a created contract reads back as returned. With the
// pending laws (docs/testing.md): messages are valid UTF-8, never
// PACTUM_EINTERNAL, a document with a duplicate member is refused, and the
// contract touched by an accepted write still reads and executes.
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "pactum.h"

namespace {

using nlohmann::json;
using pactum::fuzz::broken;

struct Company {
  pactum_db* db = nullptr;
  std::string contract;  // the active contract's number
  std::int64_t last_seq = 0;
};

void ok(int rc, const char* what) {
  if (rc != 0) broken(what, pactum_error_last()->message);
}

// The text of a returned document, released.
std::string take(char* out) {
  std::string text = out != nullptr ? out : "";
  pactum_free(out);
  return text;
}

std::int64_t last_seq(pactum_db* db) {
  char* out = nullptr;
  ok(pactum_events_after(db, 0, 1000000, &out), "events_after");
  const json events = json::parse(take(out))["events"];
  return events.empty() ? 0 : events.back()["seq"].get<std::int64_t>();
}

const Company& company() {
  static const Company c = [] {
    Company made;
    ok(pactum_open(":memory:", nullptr, &made.db), "open");
    ok(pactum_add_department(made.db, "SD", "销售部", nullptr, nullptr), "department");
    ok(pactum_add_employee(made.db, "E1", "张三", "SD", "sales", "2020-01-01", nullptr), "employee");
    ok(pactum_add_employee(made.db, "E2", "李四", "SD", "sales", "2021-06-01", "E1"), "employee");
    ok(pactum_set_department_manager(made.db, "SD", "E1", nullptr), "manager");
    ok(pactum_set_exchange_rate(made.db, "USD", "7.10", "2024-01-01"), "rate");
    char* out = nullptr;
    ok(pactum_create_contract(made.db,
                              R"({"version":1,"type":"sales","owner":"E1","amount":"1000.00","signed":"2024-01-10",)"
                              R"("end":"2024-12-31","delivery_due":"2024-03-01","counterparty":"华东机械",)"
                              R"("installments":[{"due":"2024-02-01","amount":"300.00"},)"
                              R"({"due":"2024-03-01","amount":"700.00"}]})",
                              &out),
       "create");
    made.contract = json::parse(take(out))["number"].get<std::string>();
    ok(pactum_activate(made.db, made.contract.c_str(), "2024-01-11", nullptr), "activate");
    ok(pactum_record_payment(made.db, made.contract.c_str(), "300.00", "2024-02-01", "BANK-1", nullptr, nullptr),
       "payment");
    made.last_seq = last_seq(made.db);
    return made;
  }();
  return c;
}

// True when some object of the document has two members of one name.
bool has_duplicate_member(const std::string& text) {
  std::vector<std::set<std::string>> open;
  bool duplicate = false;
  const auto callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open.emplace_back();
    if (event == json::parse_event_t::object_end) open.pop_back();
    if (event == json::parse_event_t::key && !open.back().insert(parsed.get<std::string>()).second) duplicate = true;
    return true;
  };
  try {
    if (json::parse(text, callback).is_discarded()) return false;
  } catch (const json::exception&) {
    return false;  // not JSON: refused anyway
  }
  return duplicate;
}

const std::vector<pactum::Errc> kCodes = pactum::all_error_codes();

// The laws of one call's outcome; `out` is its document (or nothing).
void check_outcome(int rc, char* out, bool duplicate, const char* call) {
  const std::string document = take(out);
  if (rc == 0) {
#if PACTUM_FUZZ_PENDING_LAWS
    if (duplicate) broken("a document with a duplicate member is refused", call);
#else
    (void)duplicate;
#endif
    if (!document.empty()) {
      const json doc = json::parse(document);
      if (doc.value("version", 0) != 1) broken("documents are version 1", document);
    }
    return;
  }
  const pactum_error* e = pactum_error_last();
  if (e->code != rc) broken("pactum_error_last() holds the code returned", call);
  if (std::find(kCodes.begin(), kCodes.end(), static_cast<pactum::Errc>(rc)) == kCodes.end()) {
    broken("codes come from the published list", call);
  }
  if (e->message == nullptr || *e->message == '\0') broken("a refusal has a message", call);
#if PACTUM_FUZZ_PENDING_LAWS
  if (rc == static_cast<int>(pactum::Errc::internal)) broken("never PACTUM_EINTERNAL", e->message);
  if (!pactum::is_valid_utf8(e->message)) broken("messages are valid UTF-8", e->message);
#endif
  if (!document.empty()) broken("no document on failure", call);
}

// Runs a write inside a transaction rolled back afterwards.
template <class Fn>
void rolled_back(const Company& c, bool duplicate, const char* call, Fn&& write) {
  ok(pactum_begin(c.db), "begin");
  char* out = nullptr;
  const int rc = write(&out);
  check_outcome(rc, out, duplicate, call);
  if (rc != 0 && last_seq(c.db) != c.last_seq) broken("a refused write leaves no event", call);
#if PACTUM_FUZZ_PENDING_LAWS
  if (rc == 0) {
    ok(pactum_contract(c.db, c.contract.c_str(), &out), "the contract still reads");
    pactum_free(out);
    ok(pactum_execution(c.db, c.contract.c_str(), "2024-12-31", &out), "the contract still executes");
    pactum_free(out);
  }
#endif
  ok(pactum_rollback(c.db), "rollback");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Company& c = company();
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool duplicate = has_duplicate_member(text);
  const char* doc = text.c_str();
  const char* number = c.contract.c_str();

  rolled_back(c, duplicate, "create_contract", [&](char** out) {
    const int rc = pactum_create_contract(c.db, doc, out);
    if (rc == 0) {
      const json made = json::parse(*out);
      char* again = nullptr;
      ok(pactum_contract(c.db, made["number"].get<std::string>().c_str(), &again), "created contract reads");
      if (json::parse(take(again)) != made) broken("a created contract reads back as returned", *out);
    }
    return rc;
  });
  rolled_back(c, duplicate, "amend", [&](char** out) { return pactum_amend(c.db, number, "fuzz", doc, nullptr, out); });
  rolled_back(c, duplicate, "renew", [&](char** out) { return pactum_renew(c.db, number, doc, out); });
  rolled_back(c, duplicate, "record_event", [&](char** out) { return pactum_record_event(c.db, doc, out); });
  char* out = nullptr;
  const int rc = pactum_find_contracts(c.db, doc, &out);
  check_outcome(rc, out, duplicate, "find_contracts");
  return 0;
}
