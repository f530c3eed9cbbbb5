#include "pactum/core/error.hpp"

#include <array>

namespace pactum {

namespace {

struct CodeInfo {
  Errc code;
  const char* name;
  ErrorCategory category;
  const char* text;
};

constexpr std::array<CodeInfo, 20> kCodes{{
    {Errc::ok, "PACTUM_OK", ErrorCategory::validation, "no error"},
    {Errc::invalid_argument, "PACTUM_EINVALID", ErrorCategory::validation, "invalid argument"},
    {Errc::not_found, "PACTUM_ENOTFOUND", ErrorCategory::not_found, "not found"},
    {Errc::conflict, "PACTUM_ECONFLICT", ErrorCategory::conflict, "conflict with existing data"},
    {Errc::invalid_state, "PACTUM_ESTATE", ErrorCategory::state, "operation not allowed in the current state"},
    {Errc::storage, "PACTUM_ESTORAGE", ErrorCategory::storage, "database error"},
    {Errc::busy, "PACTUM_EBUSY", ErrorCategory::storage, "database is busy"},
    {Errc::corrupt, "PACTUM_ECORRUPT", ErrorCategory::storage, "database file is damaged"},
    {Errc::schema_too_new, "PACTUM_ESCHEMA", ErrorCategory::storage, "database was written by a newer version"},
    {Errc::overflow, "PACTUM_EOVERFLOW", ErrorCategory::validation, "value out of range"},
    {Errc::currency_mismatch, "PACTUM_ECURRENCY", ErrorCategory::validation, "currency mismatch"},
    {Errc::cancelled, "PACTUM_ECANCELLED", ErrorCategory::state, "operation cancelled"},
    {Errc::out_of_memory, "PACTUM_ENOMEM", ErrorCategory::storage, "out of memory"},
    {Errc::internal, "PACTUM_EINTERNAL", ErrorCategory::storage, "internal error"},
    {Errc::pattern, "PACTUM_EPATTERN", ErrorCategory::validation, "invalid numbering pattern"},
    {Errc::not_approver, "PACTUM_ENOTAPPROVER", ErrorCategory::state, "not an approver of the current step"},
    {Errc::segregation, "PACTUM_ESEGREGATION", ErrorCategory::state, "segregation of duties forbids this action"},
    {Errc::post_close, "PACTUM_EPOSTCLOSE", ErrorCategory::state, "the period is closed"},
    {Errc::no_route, "PACTUM_ENOROUTE", ErrorCategory::state, "the routing table gives no route for these inputs"},
    {Errc::outcome_unknown, "PACTUM_EOUTCOME", ErrorCategory::storage,
     "the outcome of the write is unknown; reopen the database and retry with the same idempotency key"},
}};

const CodeInfo* find_code(Errc code) noexcept {
  for (const auto& info : kCodes) {
    if (info.code == code) return &info;
  }
  return nullptr;
}

}  // namespace

ErrorCategory category_of(Errc code) noexcept {
  const CodeInfo* info = find_code(code);
  return info ? info->category : ErrorCategory::storage;
}

const char* errc_name(Errc code) noexcept {
  const CodeInfo* info = find_code(code);
  return info ? info->name : "PACTUM_EUNKNOWN";
}

const char* errc_text(Errc code) noexcept {
  const CodeInfo* info = find_code(code);
  return info ? info->text : "unknown error";
}

std::vector<Errc> all_error_codes() {
  std::vector<Errc> codes;
  codes.reserve(kCodes.size());
  for (const auto& info : kCodes) codes.push_back(info.code);
  return codes;
}

Lang parse_lang(std::string_view tag) {
  if (tag == "en") return Lang::en;
  if (tag == "zh-CN" || tag == "zh_CN" || tag == "zh") return Lang::zh_CN;
  raise(Errc::invalid_argument, "core.bad_lang", {{"lang", std::string(tag)}});
}

const char* lang_tag(Lang lang) noexcept { return lang == Lang::zh_CN ? "zh-CN" : "en"; }

Error::Error(Errc code, std::string key, MessageArgs args)
    : code_(code), key_(std::move(key)), args_(std::move(args)) {
  what_ = render_message(key_, lang_, args_);
}

std::string Error::message(Lang lang) const { return render_message(key_, lang, args_); }

void Error::localize(Lang lang) {
  if (lang == lang_) return;
  lang_ = lang;
  what_ = render_message(key_, lang_, args_);
}

namespace {

template <class E>
[[noreturn]] void throw_localized(Lang lang, Errc code, std::string key, MessageArgs args) {
  E e(code, std::move(key), std::move(args));
  e.localize(lang);
  throw e;
}

}  // namespace

void raise_in(Lang lang, Errc code, std::string key, MessageArgs args) {
  switch (category_of(code)) {
    case ErrorCategory::validation: throw_localized<ValidationError>(lang, code, std::move(key), std::move(args));
    case ErrorCategory::not_found: throw_localized<NotFoundError>(lang, code, std::move(key), std::move(args));
    case ErrorCategory::conflict: throw_localized<ConflictError>(lang, code, std::move(key), std::move(args));
    case ErrorCategory::state: throw_localized<StateError>(lang, code, std::move(key), std::move(args));
    case ErrorCategory::storage: throw_localized<StorageError>(lang, code, std::move(key), std::move(args));
  }
  throw_localized<Error>(lang, code, std::move(key), std::move(args));
}

void raise(Errc code, std::string key, MessageArgs args) { raise_in(Lang::en, code, std::move(key), std::move(args)); }

}  // namespace pactum
