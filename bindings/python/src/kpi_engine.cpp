// The incremental KPI engine: score listeners (Python callables), the health
// check, snapshots and the engine's figures.
#include <pybind11/stl.h>

#include <memory>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "pactum/kpi/engine.hpp"
#include "py_database.hpp"

namespace pactum::python {

namespace {

py::object optional_decimal(const std::optional<Decimal>& d) { return d ? from_decimal(*d) : py::none(); }

py::dict change_dict(const ScoreChange& c) {
  py::dict d;
  d["employee"] = c.employee;
  d["period"] = c.period.to_string();
  d["as_of"] = from_date(c.as_of);
  d["seq"] = c.seq;
  d["old_total"] = optional_decimal(c.old_total);
  d["new_total"] = optional_decimal(c.new_total);
  return d;
}

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
      fn_(change_dict(change));
    } catch (py::error_already_set& e) {
      // The change is committed; the listener's error is reported as
      // unraisable (sys.unraisablehook) and swallowed.
      e.discard_as_unraisable("pactum score listener");
    }
  }

 private:
  py::function fn_;
};

py::dict health_dict(const KpiHealth& h) {
  py::dict d;
  d["ok"] = h.ok;
  d["last_seq"] = h.last_seq;
  d["as_of"] = from_date(h.as_of);
  d["contracts"] = h.contracts;
  d["scorecards"] = h.scorecards;
  d["differences"] = py::cast(h.differences);
  d["repaired"] = h.repaired;
  return d;
}

py::dict stats_dict(const KpiEngineStats& s) {
  py::dict d;
  d["loaded"] = s.loaded;
  d["last_seq"] = s.last_seq;
  d["as_of"] = s.as_of ? from_date(*s.as_of) : py::none();
  d["contracts"] = s.contracts;
  d["active_contracts"] = s.active_contracts;
  d["scorecards"] = s.scorecards;
  d["queued_events"] = s.queued_events;
  d["deadlines"] = s.deadlines;
  d["bytes"] = s.bytes;
  d["schedule_bytes"] = s.schedule_bytes;
  d["snapshot_seq"] = s.snapshot_seq ? py::object(py::int_(*s.snapshot_seq)) : py::none();
  d["incremental_answers"] = s.incremental_answers;
  d["reference_answers"] = s.reference_answers;
  d["replays"] = s.replays;
  d["snapshots_loaded"] = s.snapshots_loaded;
  d["snapshots_written"] = s.snapshots_written;
  return d;
}

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
            return health_dict(h);
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
            return stats_dict(s);
          }),
          "What the KPI engine holds and has done through this handle (a dict).");
}

}  // namespace pactum::python
