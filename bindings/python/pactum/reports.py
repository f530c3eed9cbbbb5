"""Reminders and reports as Python objects: lists of plain dicts with
:meth:`to_pandas` (pandas is imported only there), plus the report's header
fields as attributes and its CSV and text renderings.

``Database.reminders`` returns a :class:`ReminderList`,
``Database.report_departments`` a :class:`DepartmentReport`,
``Database.report_employees`` an :class:`EmployeeReport` and
``Database.forecast`` a :class:`Forecast`. Money, rates and scores are
``decimal.Decimal``, exact ratios ``fractions.Fraction``, dates
``datetime.date``; undefined figures are ``None``.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, Iterable, List, Mapping, Optional

__all__ = ["ReportList", "ReminderList", "DepartmentReport", "EmployeeReport", "Forecast"]


class ReportList(list):
    """A list of dicts (one per row) with :meth:`to_pandas`, :meth:`to_csv`
    and :meth:`to_text`."""

    _table = ""

    def __init__(self, rows: Iterable[Dict[str, Any]] = (), info: Optional[Mapping[str, Any]] = None,
                 renderings: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(rows)
        self._info: Dict[str, Any] = dict(info or {})
        self._renderings: Dict[str, Any] = dict(renderings or {"csv": {}, "text": ""})

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_info"][name]
        except KeyError:
            raise AttributeError(name) from None

    def to_records(self) -> List[Dict[str, Any]]:
        """The rows as a list of plain dicts (a deep copy)."""
        return copy.deepcopy(list(self))

    def to_pandas(self):
        """A ``pandas.DataFrame``, one row per dict (Decimals stay exact, in
        object columns). pandas is imported only here."""
        import pandas

        return pandas.DataFrame.from_records(self.to_records())

    def to_csv(self) -> str:
        """The rows as RFC 4180 CSV (CRLF line ends), column names first."""
        return self._renderings["csv"][self._table]

    def to_text(self) -> str:
        """An aligned text table with its title and notes, in the language of
        the database handle that made it."""
        return self._renderings["text"]


class ReminderList(ReportList):
    """Reminders due on :attr:`as_of` (dicts with ``id``, ``kind``,
    ``contract``, ``number``, ``due``, ``trigger``, ``days``,
    ``installment``, ``unpaid``, ``message``, ...)."""

    _table = "reminders"

    def __init__(self, rows: Iterable[Dict[str, Any]] = (), as_of=None,
                 renderings: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(rows, {"as_of": as_of}, renderings)

    def ids(self) -> List[str]:
        """The reminder ids, in order."""
        return [r["id"] for r in self]


class DepartmentReport(ReportList):
    """One dict per department (``department``, ``name``, ``contracts_due``,
    ``executed``, ``execution_rate``, ``average_score``, ``average_score_10``,
    ...); attributes ``period``, ``as_of``, ``cutoff``, ``correlation``
    (Pearson's r rounded to 6 decimals, or None), ``correlation_points`` and
    ``r_squared`` (exact)."""

    _table = "departments"

    def row(self, department: str) -> Dict[str, Any]:
        """The row of department `department` (``KeyError`` if absent)."""
        for item in self:
            if item["department"] == department:
                return item
        raise KeyError(department)


class EmployeeReport(ReportList):
    """One dict per employee (``signed_amount``, ``collection_rate``,
    ``score``, ``coverage``, their ranks, ``group``, ``classification`` and
    ``recommended_action`` — stable codes —, ``classification_rule``, ...);
    attributes ``period``, ``as_of``, ``signed_cutoff`` and
    ``collection_cutoff`` (None unless given), ``classification_table`` and
    ``unclassified_groups`` (groups none of whose members signs or holds a
    receivable contract: not classified)."""

    _table = "employees"

    def row(self, employee: str) -> Dict[str, Any]:
        """The row of employee `employee` (``KeyError`` if absent)."""
        for item in self:
            if item["employee"] == employee:
                return item
        raise KeyError(employee)


class _Section(ReportList):
    def __init__(self, name: str, rows, info, renderings) -> None:
        self._table = name
        super().__init__(rows, info, renderings)


class Forecast:
    """The forecast from :attr:`as_of` over :attr:`months` months: four lists
    of dicts with ``.to_pandas()`` — :attr:`expiring` (contracts ending in the
    horizon, ``key_account`` flagged), :attr:`under_collected` (receivables to
    collect: below :attr:`threshold` with money due), :attr:`payables`
    (procurement contracts to pay, the same way) and :attr:`installments` (per
    month, receivable and payable apart). Labour contracts are in neither
    money list."""

    def __init__(self, expiring, under_collected, installments, info: Mapping[str, Any],
                 renderings: Mapping[str, Any], payables=()) -> None:
        self._info = dict(info)
        self._renderings = dict(renderings)
        self.expiring = _Section("expiring", expiring, info, renderings)
        self.under_collected = _Section("under_collected", under_collected, info, renderings)
        self.payables = _Section("payables", payables, info, renderings)
        self.installments = _Section("installments", installments, info, renderings)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_info"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def expiring_count(self) -> int:
        return len(self.expiring)

    @property
    def under_collected_count(self) -> int:
        return len(self.under_collected)

    @property
    def payables_count(self) -> int:
        return len(self.payables)

    def to_pandas(self):
        """A dict of four ``pandas.DataFrame``: ``expiring``,
        ``under_collected``, ``payables`` and ``installments``."""
        return {
            "expiring": self.expiring.to_pandas(),
            "under_collected": self.under_collected.to_pandas(),
            "payables": self.payables.to_pandas(),
            "installments": self.installments.to_pandas(),
        }

    def to_text(self) -> str:
        """The four tables as aligned text with their titles and notes."""
        return self._renderings["text"]

    def __repr__(self) -> str:
        return "<Forecast as of {} over {} month(s): {} expiring ({} key accounts), {} to collect, {} to pay>".format(
            self._info["as_of"].isoformat(), self._info["months"], len(self.expiring), self._info["key_accounts"],
            len(self.under_collected), len(self.payables))
