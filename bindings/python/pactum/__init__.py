"""Pactum: contract management and performance evaluation, closed loop.

Money is exact (``decimal.Decimal`` in and out, never ``float``), dates are
``datetime.date``, and every error is a subclass of :class:`pactum.Error`
carrying the stable error ``code``.
"""

from ._core import (
    SCHEMA_VERSION,
    Database,
    Transaction,
    open,
    ERROR_CODES,
    ConflictError,
    Error,
    Money,
    NotFoundError,
    StateError,
    StorageError,
    OutcomeUnknownError,
    ValidationError,
    __version__,
    check_routing,
    default_routing_table,
    default_classification_table,
    evaluate_routing,
    check_character,
    check_numbering_pattern,
    Contract,
    EVENT_TYPES,
    IMPORT_KINDS,
    error_class_for_code,
    ratio,
    round_decimal,
    check_kpi_template,
    parse_period,
)
from .kpi import Scorecard, ScorecardList
from .reports import DepartmentReport, EmployeeReport, Forecast, ReminderList, ReportList
from .trend import CollectionTrend

__all__ = [
    "__version__",
    "ERROR_CODES",
    "Error",
    "ValidationError",
    "NotFoundError",
    "ConflictError",
    "StateError",
    "StorageError",
    "OutcomeUnknownError",
    "Money",
    "error_class_for_code",
    "ratio",
    "round_decimal",
    "SCHEMA_VERSION",
    "Database",
    "Transaction",
    "open",
    "check_routing",
    "evaluate_routing",
    "default_routing_table",
    "default_classification_table",
    "check_numbering_pattern",
    "check_character",
    "Contract",
    "EVENT_TYPES",
    "IMPORT_KINDS",
    "check_kpi_template",
    "parse_period",
    "Scorecard",
    "ScorecardList",
    "ReportList",
    "ReminderList",
    "DepartmentReport",
    "EmployeeReport",
    "Forecast",
    "CollectionTrend",
]
