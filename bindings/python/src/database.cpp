// pactum.open, pactum.Database (handle, language, clock) and transactions.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "py_database.hpp"

namespace pactum::python {

Database& PyDatabase::get() const {
  if (!db) raise(Errc::storage, "store.closed");
  return *db;
}

void PyDatabase::close() {
  if (!db) return;
  py::gil_scoped_release release;
  db.reset();
}

std::optional<Date> optional_date_arg(py::handle value, const char* what) { return to_optional_date(value, what); }

namespace {

// `with db.transaction():` — commits on success, rolls back on an exception.
struct PyTransaction {
  std::shared_ptr<PyDatabase> owner;
  std::optional<Database::Transaction> tx;
  bool entered = false;

  void begin() {
    if (entered) raise(Errc::invalid_state, "store.transaction_closed");
    tx.emplace(owner->get().transaction());
    entered = true;
  }
  // A transaction this thread may not close (another thread's) stays open;
  // one that closed, even by failing, is done.
  template <class Close>
  void close(Close&& close_it) {
    if (!tx) raise(Errc::invalid_state, "store.transaction_closed");
    try {
      close_it(*tx);
    } catch (...) {
      if (!tx->open()) tx.reset();
      throw;
    }
    tx.reset();
  }
  void commit() {
    close([](Database::Transaction& t) { t.commit(); });
  }
  void rollback() {
    close([](Database::Transaction& t) { t.rollback(); });
  }
};

std::shared_ptr<PyDatabase> open_database(const std::string& path, const std::string& lang,
                                          const std::optional<std::string>& currency, const std::string& durability,
                                          int busy_timeout_ms, unsigned file_mode) {
  OpenOptions options;
  options.lang = parse_lang(lang);
  options.currency = currency;
  if (durability == "normal") {
    options.durability = Durability::normal;
  } else if (durability != "full") {
    raise(Errc::invalid_argument, "python.bad_durability", {{"value", durability}});
  }
  if (busy_timeout_ms < 0) {
    raise(Errc::invalid_argument, "capi.bad_busy_timeout", {{"value", std::to_string(busy_timeout_ms)}});
  }
  options.busy_timeout_ms = busy_timeout_ms;
  options.file_mode = file_mode;
  auto out = std::make_shared<PyDatabase>();
  py::gil_scoped_release release;
  out->db = std::make_unique<Database>(path, options);
  return out;
}

}  // namespace

void bind_database(py::module_& m) {
  py::class_<PyTransaction>(m, "Transaction", "A group of writes: `with db.transaction(): ...`")
      .def("__enter__", [](PyTransaction& t) -> PyTransaction& { t.begin(); return t; },
           py::return_value_policy::reference)
      .def("__exit__",
           [](PyTransaction& t, py::handle exc_type, py::handle, py::handle) {
             if (!t.tx) return false;
             if (exc_type.is_none()) {
               t.commit();
             } else {
               t.rollback();
             }
             return false;
           })
      .def("commit", &PyTransaction::commit, "Keep the writes made since the transaction began.")
      .def("rollback", &PyTransaction::rollback, "Undo the writes made since the transaction began.");

  py::class_<PyDatabase, std::shared_ptr<PyDatabase>>(m, "Database", R"doc(
A Pactum database: one SQLite file (or ":memory:"). Open it with pactum.open().
Every write is atomic; group several with `with db.transaction():`.)doc")
      .def("close", &PyDatabase::close, "Close the handle (an open transaction is rolled back).")
      .def("__enter__", [](std::shared_ptr<PyDatabase> self) { return self; })
      .def("__exit__", [](PyDatabase& self, py::handle, py::handle, py::handle) {
        self.close();
        return false;
      })
      .def_property_readonly("path", [](const PyDatabase& self) { return self.get().path(); })
      .def_property("lang", [](const PyDatabase& self) { return std::string(lang_tag(self.get().lang())); },
                    [](PyDatabase& self, const std::string& lang) { self.get().set_lang(parse_lang(lang)); },
                    "Language of messages: 'en' or 'zh-CN'.")
      .def_property_readonly("reporting_currency",
                             [](const PyDatabase& self) { return std::string(self.get().reporting_currency().code()); })
      .def_property_readonly("in_transaction", [](const PyDatabase& self) { return self.get().in_transaction(); })
      .def("transaction",
           [](std::shared_ptr<PyDatabase> self) {
             self->get();
             return PyTransaction{std::move(self), std::nullopt, false};
           },
           "A context manager grouping writes; an exception inside rolls them all back.")
      .def("today", [](const PyDatabase& self) { return from_date(self.get().today()); },
           "The database clock: the date of the last advance_to, or the host's date.")
      .def_property_readonly("clock", [](const PyDatabase& self) -> py::object {
        auto c = self.get().clock();
        return c ? from_date(*c) : py::none();
      });

  m.def("open", &open_database, py::arg("path"), py::arg("lang") = "en", py::arg("currency") = py::none(),
        py::arg("durability") = "full", py::arg("busy_timeout_ms") = 30000, py::arg("file_mode") = 0600, R"doc(
Open (creating if needed) a Pactum database.

path: a file name, or ":memory:" for a private in-memory database.
lang: "en" or "zh-CN", the language of error messages and texts.
currency: reporting currency of a new database (default "CNY").
durability: "full" (default; synchronous=FULL) or "normal".
file_mode: permissions of the files created through the handle (a new
database and its -wal/-shm files, exports, import reports); default 0o600.

A transaction belongs to the thread that opened it: while it is open, calls
through the handle from other threads raise StateError. After
OutcomeUnknownError the handle refuses writes (StateError): reopen the
database and retry with the same idempotency key.)doc");
  m.attr("SCHEMA_VERSION") = Database::schema_version();
}

}  // namespace pactum::python
