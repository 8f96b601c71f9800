"""The plan DKIS monitors: OPD registry, indicators with their framework,
loading and checking a master list, exporting it, and the SPBE index it
implies.  Other packages import from here, not from the modules inside."""

from spbe_excel.master.actions import action_id, action_parts
from spbe_excel.master.index import (
    IndexPart,
    SpbeIndex,
    compute_index,
    indicator_levels,
    level_for_index,
)
from spbe_excel.master.load import embedded_corrections, embedded_master, embedded_registry, load_master
from spbe_excel.master.period import checked_period, plan_years
from spbe_excel.master.plan import (
    Aspect,
    Correction,
    Domain,
    Indicator,
    MasterList,
    default_target_level,
)
from spbe_excel.master.registry import Opd, OpdRegistry, opd_key
from spbe_excel.model.problems import MasterProblem

__all__ = [
    "Aspect", "Correction", "Domain", "IndexPart", "Indicator", "MasterList", "MasterProblem", "Opd", "OpdRegistry",
    "SpbeIndex", "action_id", "action_parts", "checked_period", "compute_index", "default_target_level",
    "embedded_corrections", "embedded_master", "embedded_registry", "indicator_levels", "level_for_index",
    "load_master", "opd_key", "plan_years",
]
