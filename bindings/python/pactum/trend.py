"""The monthly collection trend: ``Database.collection_trend`` returns a
:class:`CollectionTrend`, one dict per month (``month``, ``from``, ``to``,
``due``, ``collected``, ``due_to_date``, ``collected_to_date``,
``collection_rate``, ``collection_ratio``) with :meth:`to_pandas`."""

from __future__ import annotations

from .reports import ReportList

__all__ = ["CollectionTrend"]


class CollectionTrend(ReportList):
    """Instalments due and money collected per month of :attr:`period` up to
    :attr:`cutoff`, in :attr:`currency` (the reporting currency); attributes
    ``period``, ``period_start``, ``period_end``, ``as_of``, ``cutoff``,
    ``currency``, ``types`` (empty: every type except labour and
    procurement) and ``contracts`` (how many contracts have a figure)."""

    _table = "collections"

    def month(self, month: str):
        """The row of `month` ("2024-03"); ``KeyError`` if absent."""
        for item in self:
            if item["month"] == month:
                return item
        raise KeyError(month)
