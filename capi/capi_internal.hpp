// Internal helpers of the C API: the exception barrier, thread-local errors,
// argument checks and output strings.
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "pactum.h"
#include "pactum/core/error.hpp"
#include "pactum/store/database.hpp"

namespace pactum::capi {

// The C++ database behind a C handle, and its language.
Database& handle_database(pactum_db* db) noexcept;
Lang handle_lang(pactum_db* db) noexcept;

// Records a failure for pactum_error_last() and returns its code.
int set_error(int code, std::string message) noexcept;

// Runs `fn` behind the exception barrier: every exception becomes a status
// code and a thread-local message rendered in `lang`.
template <class Fn>
int guard(Lang lang, Fn&& fn) noexcept {
  try {
    fn();
    return PACTUM_OK;
  } catch (const Error& e) {
    return set_error(static_cast<int>(e.code()), e.message(lang));
  } catch (const std::bad_alloc&) {
    return set_error(PACTUM_ENOMEM, render_message("core.out_of_memory", lang, {}));
  } catch (const std::exception& e) {
    return set_error(PACTUM_EINTERNAL, render_message("core.internal", lang, {{"detail", e.what()}}));
  } catch (...) {
    return set_error(PACTUM_EINTERNAL, render_message("core.internal", lang, {{"detail", "unknown exception"}}));
  }
}

template <class Fn>
int guard(Fn&& fn) noexcept {
  return guard(Lang::en, static_cast<Fn&&>(fn));
}

// Runs `fn` against the handle behind the barrier, with messages in the
// handle's language. A NULL handle is PACTUM_EINVALID.
template <class Fn>
int with_db(pactum_db* db, Fn&& fn) noexcept;

// A ValidationError when `p` is NULL.
inline void require(const void* p, const char* name) {
  if (p == nullptr) raise(Errc::invalid_argument, "core.null_argument", {{"name", name}});
}

// A UTF-8 checked view of a non-NULL C string argument.
std::string_view text_arg(const char* s, const char* name);

// A malloc'd copy for the caller (released with pactum_free).
char* dup_string(std::string_view s);

// Writes a date into a caller's PACTUM_DATE_SIZE buffer.
void write_date(const std::string& iso, char* out);

// An optional C string argument (NULL -> nullopt), UTF-8 checked.
std::optional<std::string> optional_text_arg(const char* s, const char* name);

// A non-NULL C string argument as a string, UTF-8 checked.
inline std::string text(const char* s, const char* name) { return std::string(text_arg(s, name)); }

// An optional date argument "YYYY-MM-DD"; NULL is nullopt (the database clock).
std::optional<Date> optional_date(const char* s, const char* name);

// Hands `value` to the caller through `out` (released with pactum_free); a
// NULL `out` is a ValidationError naming `name`.
void put(char** out, const std::string& value, const char* name = "out");
// Hands `value` to the caller when it asked for it (an optional out
// parameter: NULL is no answer wanted).
void put_optional(char** out, const std::string& value);

// A contract named by text: its number, or its id in decimal digits.
ContractRef contract_arg(const Database& db, const char* s);

template <class Fn>
int with_db(pactum_db* db, Fn&& fn) noexcept {
  if (db == nullptr) {
    return guard([] { raise(Errc::invalid_argument, "core.null_argument", {{"name", "db"}}); });
  }
  return guard(handle_lang(db), [&] { fn(handle_database(db)); });
}

}  // namespace pactum::capi
