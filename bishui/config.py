"""Paths and settings. Settings come from environment variables (BISHUI_*), so a deployment can set
them without code changes; the defaults suit the built-in sample warehouse."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
SCHEMA_DIR = QUERIES_DIR / "schema"
REFERENCE_DIR = ROOT / "data" / "reference"
SAMPLE_DIR = ROOT / "data" / "sample"
DEFAULT_DB = ROOT / "data" / "bishui.duckdb"


def db_path() -> Path:
    """The warehouse file: $BISHUI_DB, default data/bishui.duckdb (relative paths from the cwd)."""
    return Path(os.environ.get("BISHUI_DB") or DEFAULT_DB).expanduser().resolve()


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        return default


def _env_str(name: str, default: str) -> str:
    raw = os.environ.get(name)
    return raw.strip() if raw and raw.strip() else default


def upload_cap_mb() -> float:
    """Largest upload the Data page accepts (BISHUI_UPLOAD_CAP_MB, default 50)."""
    return _env_float("BISHUI_UPLOAD_CAP_MB", 50.0)


def trusted_proxy() -> bool:
    """BISHUI_TRUSTED_PROXY=1: the app is reached only through a reverse proxy that sets X-Real-IP
    (deploy/nginx/), so that header names the client (password throttling, the recorded editor)."""
    return _env_str("BISHUI_TRUSTED_PROXY", "0").lower() in {"1", "true", "yes", "on"}


def load_warning_pct() -> float:
    """Plant load rate (flow / design capacity) from which a plant is near full load (default 85 %)."""
    return _env_float("BISHUI_LOAD_WARNING_PCT", 85.0)


def bill_no_flow() -> bool:
    """BISHUI_BILL_NO_FLOW=1: a no-flow (断流/冰封) month is billed by the compensation rules as missed;
    default 0: shown as no flow, not billed (and never counted as passed)."""
    return _env_str("BISHUI_BILL_NO_FLOW", "0").lower() in {"1", "true", "yes", "on"}


def basemap() -> str:
    """Base map: none | osm | amap | tianditu (BISHUI_BASEMAP, default none: works offline)."""
    value = _env_str("BISHUI_BASEMAP", "none").lower()
    return value if value in {"none", "osm", "amap", "tianditu"} else "none"


# The SQL of the derived evaluation tables (bishui.db.evaluation): a warehouse whose evaluation was made
# by other versions of these files is re-evaluated in place, losslessly, from its readings.
# (with the macros bishui.db.evaluation.refresh re-creates, so a change to them re-evaluates too)
EVALUATION_SQL = (
    "readings_monthly",
    "section_period_parameter",
    "section_period_class",
    "schema/015_evaluation_helpers",
    "schema/058_status_rules",
    "schema/061_no_flow",
    "schema/062_completeness",
    "schema/079_flood_rebound_status",
    "schema/080_task_data_status",
)


def _hash(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=None)
def fingerprint(include_sample: bool) -> str:
    """A hash of what a built warehouse's stored tables depend on: the schema and the reference data
    (and, for the sample warehouse, data/sample/). A warehouse built from other inputs is stale."""
    files = sorted(SCHEMA_DIR.glob("*.sql")) + sorted(REFERENCE_DIR.glob("*.csv"))
    if include_sample:
        files += sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file())
    return _hash(files)


@functools.lru_cache(maxsize=None)
def evaluation_fingerprint() -> str:
    """A hash of the evaluation SQL (EVALUATION_SQL) the derived tables were computed with."""
    return _hash([QUERIES_DIR / f"{name}.sql" for name in EVALUATION_SQL])


def silent_hours() -> float:
    """Hours without automatic data after which a station is silent (BISHUI_SILENT_HOURS, default 48):
    the weekly view's flag and the alert after an import (issue 12 items 5 and 7)."""
    value = _env_float("BISHUI_SILENT_HOURS", 48.0)
    return value if value > 0 else 48.0
