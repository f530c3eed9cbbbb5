"""Scorecards as Python objects: :class:`Scorecard` and :class:`ScorecardList`.

``Database.scorecard`` returns a :class:`Scorecard`; ``Database.scorecards``
returns a :class:`ScorecardList`. Amounts, points and totals are
``decimal.Decimal`` (exact), dates are ``datetime.date``.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional

__all__ = ["Scorecard", "ScorecardList"]


class Scorecard:
    """One employee's score for a period as of a date, with its explanation.

    ``total`` and ``total_10`` are ``None`` when the employee's position has
    no template. ``coverage`` is the weight of the indicators with data and
    ``no_data`` the template's policy for the others (``reweight``: the
    indicator points are scaled to 100 over the coverage, ``scaled_points``;
    ``zero``); ``scaled_points`` and ``rule_total`` (``rule_points`` in the
    document) are the two parts of the total. ``indicators`` is a list of dicts (``name``, ``metric``,
    ``scope``, ``normalisation``, ``value``, ``value_exact``, ``target``,
    ``points``, ``weight``, ``contracts``, ``no_data``); ``rules`` a list of
    dicts (``rule``, ``kind``, ``points``, ``event``, ``contract``, ``date``,
    ``installment``, ``retracts``, ``trigger`` for breaches).
    """

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def rule_total(self):
        """The sum of every rule's points, caps applied (the document's ``rule_points``)."""
        return self._data["rule_points"]

    @property
    def indicators(self) -> List[Dict[str, Any]]:
        return self._data["indicators"]

    @property
    def rules(self) -> List[Dict[str, Any]]:
        return self._data["rules"]

    def indicator(self, name: str) -> Dict[str, Any]:
        """The indicator called ``name`` (``KeyError`` when the template has none)."""
        for item in self._data["indicators"]:
            if item["name"] == name:
                return item
        raise KeyError(name)

    def rule_points(self, rule: str):
        """The sum of one rule's points (hits, retractions and cap together)."""
        return sum((hit["points"] for hit in self._data["rules"] if hit["rule"] == rule), Decimal("0.00"))

    def to_dict(self) -> Dict[str, Any]:
        """Every field as plain dicts and lists (a deep copy)."""
        return copy.deepcopy(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scorecard) and other._data == self._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        total = self._data["total"]
        return "<Scorecard {} {} as of {}: {}>".format(
            self._data["employee"],
            self._data["period"],
            self._data["as_of"].isoformat(),
            "no template" if total is None else total,
        )


class ScorecardList(list):
    """A list of :class:`Scorecard` with :meth:`to_pandas`."""

    def __init__(self, items: Iterable[Scorecard] = ()) -> None:
        super().__init__(items)

    def to_records(self) -> List[Dict[str, Any]]:
        """One flat dict per scorecard: the header fields, then the points of
        each indicator under its name (``None`` where the template has no such
        indicator or the employee no template)."""
        names: List[str] = []
        for card in self:
            for item in card.indicators:
                if item["name"] not in names:
                    names.append(item["name"])
        records = []
        for card in self:
            row: Dict[str, Optional[Any]] = {
                "employee": card.employee,
                "position": card.position,
                "period": card.period,
                "as_of": card.as_of,
                "template": card.template,
                "template_version": card.template_version,
                "total": card.total,
                "total_10": card.total_10,
                "coverage": card.coverage,
                "rule_points": sum((hit["points"] for hit in card.rules), Decimal("0.00"))
                if card.total is not None
                else None,
                "closed": card.closed,
            }
            points = {item["name"]: item["points"] for item in card.indicators}
            for name in names:
                row[name] = points.get(name)
            records.append(row)
        return records

    def to_pandas(self):
        """A ``pandas.DataFrame``, one row per employee (Decimals stay exact,
        in object columns). pandas is imported only here."""
        import pandas

        return pandas.DataFrame.from_records(self.to_records())
