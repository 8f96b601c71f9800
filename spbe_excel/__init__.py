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
    "export_master": "write.master_export",
    # frameworks and new plans
    "frameworks": "master.framework", "get_framework": "master.framework", "new_plan": "pipeline",
    "check_master_file": "master.against",
    # column model
    "COLUMNS": "model.columns", "Column": "model.columns", "Kind": "model.columns", "Source": "model.columns",
    # templates
    "write_template": "write.template", "write_templates": "write.template",
    # reading and validating
    "read_submission": "read.submission", "Submission": "model.submission", "ReportRow": "model.submission",
    "read_many": "read.batch", "collect_files": "read.batch",
    "Finding": "model.findings", "Severity": "model.findings", "CODES": "model.findings",
    "write_feedback": "write.feedback",
    # consolidation
    "consolidate_folder": "pipeline", "read_previous": "read.ours.previous",
    "Consolidation": "merge", "compute_index": "master", "predicate": "text.words",
    "write_consolidated": "write.workbook",
    # errors
    "SpbeExcelError": "errors", "MasterListError": "errors", "OutputError": "errors", "UsageError": "errors",
    "PreviousWorkbookError": "errors",
}

__all__ = [*sorted(_API), "__version__"]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'spbe_excel' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"spbe_excel.{module}"), name)
    globals()[name] = value
    return value
