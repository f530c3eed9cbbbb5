// Pactum's one error model: a stable numbered code list, an exception
// hierarchy carrying the code, and messages rendered from catalogs in English
// and Simplified Chinese.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pactum {

// The error codes, stable forever: new codes are appended, none is reused or
// renumbered. The C API returns exactly these values (capi/pactum.h mirrors
// them as PACTUM_E* and checks the mirror at compile time). Callers must treat
// codes they do not know as errors.
enum class Errc : int {
  ok = 0,
  invalid_argument = -1,    // malformed or out-of-range input
  not_found = -2,           // unknown id, number, rule, ...
  conflict = -3,            // duplicate key, idempotency key reused with other content
  invalid_state = -4,       // the object's state forbids the operation
  storage = -5,             // the database failed (I/O, constraint, ...)
  busy = -6,                // the database stayed locked past the busy timeout
  corrupt = -7,             // the database file is damaged
  schema_too_new = -8,      // the database was written by a newer Pactum
  overflow = -9,            // an amount or count left the representable range
  currency_mismatch = -10,  // amounts of two currencies combined without a rate
  cancelled = -11,          // a callback asked to stop; everything rolled back
  out_of_memory = -12,
  internal = -13,           // a bug in Pactum: please report it
  pattern = -14,            // a numbering pattern does not compile
  not_approver = -15,       // the actor may not act on this approval step
  segregation = -16,        // the actor is the submitter or owner (segregation of duties)
  post_close = -17,         // the event falls into a closed period
  no_route = -18,           // the routing table gives no route (no rule, or UNIQUE/ANY violated)
  outcome_unknown = -19,    // a commit failed in a way that may have kept it: reopen, retry with the same key
};

// The five families of errors; Python raises one class per family.
enum class ErrorCategory {
  validation,  // ValidationError
  not_found,   // NotFoundError
  conflict,    // ConflictError
  state,       // StateError
  storage,     // StorageError
};

ErrorCategory category_of(Errc code) noexcept;
// "PACTUM_EINVALID", ... ; "PACTUM_EUNKNOWN" for a value not in the list.
const char* errc_name(Errc code) noexcept;
// Static English text for the code (the C API's pactum_strerror).
const char* errc_text(Errc code) noexcept;
// Every code of the list, in order (for tests and the bindings).
std::vector<Errc> all_error_codes();

enum class Lang : unsigned char { en, zh_CN };

// "en" or "zh-CN" (also accepted: "zh", "zh_CN"); anything else is a
// ValidationError.
Lang parse_lang(std::string_view tag);
const char* lang_tag(Lang lang) noexcept;

// Named arguments substituted into a catalog template: "{name}" -> value.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// Renders the catalog entry `key` in `lang`. An unknown key renders as the
// key itself followed by the arguments, so no message is ever lost.
std::string render_message(std::string_view key, Lang lang, const MessageArgs& args);
// True when the catalog has `key` in both languages.
bool catalog_has(std::string_view key) noexcept;
// Every key of the catalog (for the completeness test).
std::vector<std::string> catalog_keys();

class Error : public std::exception {
 public:
  Error(Errc code, std::string key, MessageArgs args = {});

  Errc code() const noexcept { return code_; }
  const std::string& key() const noexcept { return key_; }
  const MessageArgs& args() const noexcept { return args_; }
  Lang lang() const noexcept { return lang_; }

  // The message in `lang`, without changing this error.
  std::string message(Lang lang) const;
  // Re-renders what() in `lang` (the handle's language).
  void localize(Lang lang);
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  Errc code_;
  std::string key_;
  MessageArgs args_;
  Lang lang_ = Lang::en;
  std::string what_;
};

class ValidationError : public Error { using Error::Error; };
class NotFoundError : public Error { using Error::Error; };
class ConflictError : public Error { using Error::Error; };
class StateError : public Error { using Error::Error; };
class StorageError : public Error { using Error::Error; };

// Throws the subclass of Error matching the code's category.
[[noreturn]] void raise(Errc code, std::string key, MessageArgs args = {});
// The same, with the message rendered in `lang`.
[[noreturn]] void raise_in(Lang lang, Errc code, std::string key, MessageArgs args = {});

}  // namespace pactum
