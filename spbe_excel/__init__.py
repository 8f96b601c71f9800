"""spbe-excel: quarterly monitoring (monev) of a regional SPBE improvement plan.

The public API is imported lazily so that ``import spbe_excel`` (and the
command line's ``--help``) stay fast and never pull in pandas or openpyxl.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    # master list
    "MasterList": "master", "Indicator": "master", "Opd": "master", "OpdRegistry": "master",
    "load_master": "master", "embedded_master": "master",
    "export_master": "master_export",
    # column model
    "COLUMNS": "columns", "Column": "columns", "Kind": "columns", "Source": "columns",
    # templates
    "write_template": "template", "write_templates": "template",
    # reading and validating
    "read_submission": "reader", "Submission": "reader", "ReportRow": "reader",
    "read_many": "batch", "collect_files": "batch",
    "Finding": "findings", "Severity": "findings", "CODES": "findings",
    "write_feedback": "feedback",
    # consolidation
    "consolidate_folder": "consolidate", "read_previous": "consolidate",
    "Consolidation": "consolidate", "compute_index": "spbe_index", "predicate": "spbe_index",
    "write_consolidated": "workbook",
    # errors
    "SpbeExcelError": "errors", "MasterListError": "errors", "OutputError": "errors", "UsageError": "errors",
    "PreviousWorkbookError": "errors",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'spbe_excel' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"spbe_excel.{module}"), name)
    globals()[name] = value
    return value
