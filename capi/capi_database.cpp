// C API: database handles and transactions.
#include <mutex>
#include <vector>

#include "capi_internal.hpp"

struct pactum_db {
  explicit pactum_db(pactum::Database d) : db(std::move(d)) {}
  pactum::Database db;
  // pactum_begin() levels, innermost last; guarded by `levels` (threads may
  // share a handle: the Database refuses another thread's calls while a
  // transaction is open, but the list is the C handle's own).
  std::vector<pactum::Database::Transaction> transactions;
  std::mutex levels;
};

namespace pactum::capi {

Database& handle_database(pactum_db* db) noexcept { return db->db; }
Lang handle_lang(pactum_db* db) noexcept { return db->db.lang(); }

std::optional<std::string> optional_text_arg(const char* s, const char* name) {
  if (s == nullptr) return std::nullopt;
  return std::string(text_arg(s, name));
}

}  // namespace pactum::capi

using namespace pactum;
using capi::guard;
using capi::require;
using capi::with_db;

namespace {

// Commits or rolls back the innermost level. A level another thread owns is
// refused and stays open; one that closed (even by failing) leaves the list.
template <class Close>
int close_level(pactum_db* db, Close&& close) {
  return with_db(db, [&](Database& d) {
    (void)d;
    std::lock_guard<std::mutex> lock(db->levels);
    if (db->transactions.empty()) raise(Errc::invalid_state, "store.no_transaction");
    Database::Transaction& t = db->transactions.back();
    try {
      close(t);
    } catch (...) {
      if (!t.open()) db->transactions.pop_back();
      throw;
    }
    db->transactions.pop_back();
  });
}

}  // namespace

extern "C" {

int pactum_open(const char* path, const pactum_open_options* options, pactum_db** out) {
  Lang lang = Lang::en;
  if (options != nullptr && options->version >= 1 && options->lang != nullptr) {
    // An invalid language is reported below in English.
    if (std::string_view(options->lang) == "zh-CN") lang = Lang::zh_CN;
  }
  return guard(lang, [&] {
    require(out, "out");
    *out = nullptr;
    const std::string p(capi::text_arg(path, "path"));
    OpenOptions opts;
    if (options != nullptr) {
      if (options->version < 1 || options->version > PACTUM_OPEN_OPTIONS_VERSION) {
        raise(Errc::invalid_argument, "capi.bad_options_version", {{"version", std::to_string(options->version)}});
      }
      if (options->lang != nullptr) opts.lang = parse_lang(capi::text_arg(options->lang, "lang"));
      opts.currency = capi::optional_text_arg(options->currency, "currency");
      if (options->durability == PACTUM_DURABILITY_NORMAL) {
        opts.durability = Durability::normal;
      } else if (options->durability != PACTUM_DURABILITY_FULL) {
        raise(Errc::invalid_argument, "capi.bad_durability", {{"value", std::to_string(options->durability)}});
      }
      if (options->busy_timeout_ms < 0) {
        raise(Errc::invalid_argument, "capi.bad_busy_timeout", {{"value", std::to_string(options->busy_timeout_ms)}});
      }
      if (options->busy_timeout_ms > 0) opts.busy_timeout_ms = options->busy_timeout_ms;
      if (options->version >= 2 && options->file_mode != 0) {
        if (options->file_mode < 0) {
          raise(Errc::invalid_argument, "store.bad_file_mode", {{"mode", std::to_string(options->file_mode)}});
        }
        opts.file_mode = static_cast<unsigned>(options->file_mode);
      }
    }
    *out = new pactum_db(Database(p, opts));
  });
}

void pactum_close(pactum_db* db) {
  if (db == nullptr) return;
  try {
    std::lock_guard<std::mutex> lock(db->levels);
    while (!db->transactions.empty()) db->transactions.pop_back();  // each rolls back
  } catch (...) {
  }
  delete db;
}

int pactum_set_lang(pactum_db* db, const char* lang) {
  return with_db(db, [&](Database& d) { d.set_lang(parse_lang(capi::text_arg(lang, "lang"))); });
}

int pactum_reporting_currency(pactum_db* db, char out[PACTUM_CURRENCY_SIZE]) {
  return with_db(db, [&](Database& d) {
    require(out, "out");
    const std::string_view code = d.reporting_currency().code();
    std::memcpy(out, code.data(), code.size());
    out[code.size()] = '\0';
  });
}

int pactum_schema_version(void) { return Database::schema_version(); }

int pactum_begin(pactum_db* db) {
  return with_db(db, [&](Database& d) {
    std::lock_guard<std::mutex> lock(db->levels);
    db->transactions.push_back(d.transaction());
  });
}


int pactum_commit(pactum_db* db) {
  return close_level(db, [](Database::Transaction& t) { t.commit(); });
}

int pactum_rollback(pactum_db* db) {
  return close_level(db, [](Database::Transaction& t) { t.rollback(); });
}

int pactum_today(pactum_db* db, char out[PACTUM_DATE_SIZE]) {
  return with_db(db, [&](Database& d) {
    require(out, "out");
    capi::write_date(d.today().to_string(), out);
  });
}

}  // extern "C"
