// C API: version, errors, memory.
#include <cstdlib>

#include "capi_internal.hpp"
#include "pactum/core/text.hpp"
#include "pactum/store/documents.hpp"
#include "pactum/version.hpp"

namespace pactum::capi {

namespace {

struct LastError {
  pactum_error view{0, "no error"};
  std::string text = "no error";
};

LastError& last_error() noexcept {
  thread_local LastError e;
  return e;
}

}  // namespace

int set_error(int code, std::string message) noexcept {
  LastError& e = last_error();
  try {
    e.text = std::move(message);
    e.view.message = e.text.c_str();
  } catch (...) {
    e.view.message = pactum_strerror(code);
  }
  e.view.code = code;
  return code;
}

std::string_view text_arg(const char* s, const char* name) {
  require(s, name);
  std::string_view v(s);
  require_utf8(v, name);
  return v;
}

std::optional<Date> optional_date(const char* s, const char* name) {
  if (s == nullptr) return std::nullopt;
  return Date::parse(text_arg(s, name));
}

void put(char** out, const std::string& value, const char* name) {
  require(out, name);
  *out = dup_string(value);
}

void put_optional(char** out, const std::string& value) {
  if (out != nullptr) *out = dup_string(value);
}

ContractRef contract_arg(const Database& db, const char* s) {
  return contract_ref_from_text(db, text_arg(s, "contract"));
}

char* dup_string(std::string_view s) {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

void write_date(const std::string& iso, char* out) {
  std::memcpy(out, iso.c_str(), PACTUM_DATE_SIZE);
}

// Every status code of the C header equals the C++ code of the same meaning.
static_assert(PACTUM_OK == static_cast<int>(Errc::ok));
static_assert(PACTUM_EINVALID == static_cast<int>(Errc::invalid_argument));
static_assert(PACTUM_ENOTFOUND == static_cast<int>(Errc::not_found));
static_assert(PACTUM_ECONFLICT == static_cast<int>(Errc::conflict));
static_assert(PACTUM_ESTATE == static_cast<int>(Errc::invalid_state));
static_assert(PACTUM_ESTORAGE == static_cast<int>(Errc::storage));
static_assert(PACTUM_EBUSY == static_cast<int>(Errc::busy));
static_assert(PACTUM_ECORRUPT == static_cast<int>(Errc::corrupt));
static_assert(PACTUM_ESCHEMA == static_cast<int>(Errc::schema_too_new));
static_assert(PACTUM_EOVERFLOW == static_cast<int>(Errc::overflow));
static_assert(PACTUM_ECURRENCY == static_cast<int>(Errc::currency_mismatch));
static_assert(PACTUM_ECANCELLED == static_cast<int>(Errc::cancelled));
static_assert(PACTUM_ENOMEM == static_cast<int>(Errc::out_of_memory));
static_assert(PACTUM_EINTERNAL == static_cast<int>(Errc::internal));
static_assert(PACTUM_EPATTERN == static_cast<int>(Errc::pattern));
static_assert(PACTUM_ENOTAPPROVER == static_cast<int>(Errc::not_approver));
static_assert(PACTUM_ESEGREGATION == static_cast<int>(Errc::segregation));
static_assert(PACTUM_EPOSTCLOSE == static_cast<int>(Errc::post_close));
static_assert(PACTUM_ENOROUTE == static_cast<int>(Errc::no_route));
static_assert(PACTUM_EOUTCOME == static_cast<int>(Errc::outcome_unknown));
static_assert(PACTUM_VERSION_NUMBER == PACTUM_VERSION_MAJOR * 1000000 + PACTUM_VERSION_MINOR * 1000 + PACTUM_VERSION_PATCH);

}  // namespace pactum::capi

using namespace pactum;

extern "C" {

const char* pactum_version(void) { return pactum::version(); }

int pactum_libversion_number(void) { return pactum::version_number(); }

const pactum_error* pactum_error_last(void) { return &capi::last_error().view; }

void pactum_error_clear(void) { capi::set_error(0, "no error"); }

const char* pactum_strerror(int code) { return errc_text(static_cast<Errc>(code)); }

const char* pactum_error_name(int code) { return errc_name(static_cast<Errc>(code)); }

void pactum_free(void* ptr) { std::free(ptr); }

}  // extern "C"
