"""Case profiler: read a case through places, networks and communities.

The companion scores each case 0-4 on the Introduction's three categories and
on how well the Learning Region model fits it (data/pnc_readings.csv, the
companion's reading). A student moves sliders to argue for another reading,
compares two cases, and exports the profile for an assignment (JSON or CSV),
which can be loaded back. Imported text is checked: impossible scores are
clamped or refused with a message, never a traceback.

- ``model``: the companion's reading and a reader's :class:`Profile`;
- ``exchange``: export and import (pure: no ipywidgets, no plotly);
- ``figure``: the chart, as a ``go.Figure`` and as a plain dict;
- ``static``: the kernel-free views and the evidence table;
- ``widget``: :class:`CaseProfiler`.
"""

from .exchange import (
    CSV_COLUMNS,
    MAX_ARGUMENT_CHARS,
    MAX_IMPORT_CHARS,
    PROFILE_FORMAT,
    ImportResult,
    ProfileError,
    coerce_score,
    download_link,
    parse_profile,
    profile_to_csv,
    profile_to_json,
)
from .figure import PROFILE_LAYOUT, profile_figure, profile_figure_spec, profile_parts
from .model import (
    ALL_DIMENSIONS,
    DIMENSIONS,
    MY_REGION,
    MY_REGION_NAME,
    Evidence,
    Profile,
    blank_profile,
    case_choices,
    case_ids,
    case_name,
    companion_evidence,
    companion_profile,
    describe,
)
from .static import evidence_table, profiler_static_view, readings_details
from .widget import CaseProfiler

__all__ = [
    "ALL_DIMENSIONS",
    "CSV_COLUMNS",
    "CaseProfiler",
    "DIMENSIONS",
    "Evidence",
    "ImportResult",
    "MAX_ARGUMENT_CHARS",
    "MAX_IMPORT_CHARS",
    "MY_REGION",
    "MY_REGION_NAME",
    "PROFILE_FORMAT",
    "PROFILE_LAYOUT",
    "Profile",
    "ProfileError",
    "blank_profile",
    "case_choices",
    "case_ids",
    "case_name",
    "coerce_score",
    "companion_evidence",
    "companion_profile",
    "describe",
    "download_link",
    "evidence_table",
    "parse_profile",
    "profile_figure",
    "profile_figure_spec",
    "profile_parts",
    "profile_to_csv",
    "profile_to_json",
    "profiler_static_view",
    "readings_details",
]
