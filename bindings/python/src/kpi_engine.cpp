// The incremental KPI engine: score listeners (Python callables), the health
// check, snapshots and the engine's figures.
#include <pybind11/stl.h>

#include <memory>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/kpi/document.hpp"
#include "pactum/kpi/engine.hpp"
#include "py_database.hpp"

namespace pactum::python {

namespace {

// A Python callable kept by the engine: called and released with the GIL
// held (the engine calls it from inside writes that run without the GIL).
class PyListener {
 public:
  explicit PyListener(py::function fn) : fn_(std::move(fn)) {}
  PyListener(const PyListener&) = delete;
  PyListener& operator=(const PyListener&) = delete;
  ~PyListener() {
    if (!Py_IsInitialized()) {
      // The interpreter is gone: the reference cannot be released any more.
      fn_.release();
      return;
    }
    py::gil_scoped_acquire gil;
    fn_ = py::function();
  }

  void operator()(const ScoreChange& change) const {
    py::gil_scoped_acquire gil;
    try {
      fn_(document_of(change));
    } catch (py::error_already_set& e) {
      // The change is committed; the listener's error is reported as
      // unraisable (sys.unraisablehook) and swallowed.
      e.discard_as_unraisable("pactum score listener");
    }
  }

 private:
  py::function fn_;
};

}  // namespace

void bind_kpi_engine(py::module_& m) {
  database_class(m)
      .def(
          "subscribe_scores",
          localized([](PyDatabase& self, py::handle listener) {
            if (!PyCallable_Check(listener.ptr())) throw py::type_error("listener must be callable");
            auto holder = std::make_shared<PyListener>(py::reinterpret_borrow<py::function>(listener));
            Database& db = self.get();
            std::uint64_t token = 0;
            {
              py::gil_scoped_release release;
              token = db.subscribe_scores([holder](const ScoreChange& c) { (*holder)(c); });
            }
            return token;
          }),
          py::arg("listener"),
          "Call `listener(change)` once per scorecard whose figures an event changed, after the commit; `change` "
          "is a dict: employee, period, as_of (date), seq, old_total and new_total (Decimal or None). The "
          "listener may read but not write through this handle. Returns a token for unsubscribe_scores().")
      .def(
          "unsubscribe_scores",
          localized([](PyDatabase& self, std::uint64_t token) {
            Database& db = self.get();
            py::gil_scoped_release release;
            db.unsubscribe_scores(token);
          }),
          py::arg("token"), "Stop calling the listener of `token` (NotFoundError when there is none).")
      .def(
          "kpi_health",
          localized([](PyDatabase& self) {
            Database& db = self.get();
            KpiHealth h;
            {
              py::gil_scoped_release release;
              h = db.kpi_health();
            }
            return document_of(h);
          }),
          "Compare the KPI engine's state with a replay of the event log: a dict with ok, last_seq, as_of, "
          "contracts, scorecards, differences (sentences) and repaired (the replay replaced the state).")
      .def(
          "save_kpi_snapshot",
          localized([](PyDatabase& self) {
            Database& db = self.get();
            py::gil_scoped_release release;
            db.save_kpi_snapshot();
          }),
          "Save the KPI engine's state in the database now.")
      .def(
          "kpi_engine_stats",
          localized([](PyDatabase& self) {
            Database& db = self.get();
            KpiEngineStats s;
            {
              py::gil_scoped_release release;
              s = db.kpi_engine_stats();
            }
            return document_of(s);
          }),
          "What the KPI engine holds and has done through this handle (a dict).");
}

}  // namespace pactum::python
