"""The message catalogue is complete: every key used in code exists (literal keys and keys built with
f-strings), both languages are filled, English strings carry no Chinese (no mixed-language screens),
placeholders match. One test per catalogue module, not one per entry."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

from bishui.reports import agenda
from bishui.views import drinking_water, eco_flow, flood_season, plan_views, trends_tables
from bishui.reports import compensation
from bishui.rules import completeness, standards, targets, tracing, trends
from bishui import i18n
from bishui.db import tracing_findings
from bishui.ingest import schema as ingest_schema

ROOT = Path(__file__).resolve().parents[1]
USE = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z][a-z0-9_]*\.[a-z0-9_.]+)["']""")
CJK = re.compile(r"[\u4e00-\u9fff]")
ALLOWED_CJK_IN_EN = {"sidebar.lang"}  # the language switch names both languages on purpose


def _sources():
    yield from (ROOT / "pages").glob("*.py")
    yield from (ROOT / "bishui").rglob("*.py")
    yield ROOT / "app.py"


def test_every_key_used_in_code_exists():
    missing = {}
    for path in _sources():
        for key in USE.findall(path.read_text(encoding="utf-8")):
            if not i18n.has(key):
                missing.setdefault(str(path.relative_to(ROOT)), []).append(key)
    assert not missing, missing


CATALOGUES = sorted(m.name for m in pkgutil.iter_modules(i18n.__path__))


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_catalogue_is_complete(catalogue):
    """One test per catalogue module (bishui/i18n/<name>.py), listing every bad entry at once: both
    languages filled, no Chinese in the English text, the same placeholders in both."""
    strings = importlib.import_module(f"bishui.i18n.{catalogue}").STRINGS
    fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)  # noqa: E731
    problems = []
    for key, (zh, en) in sorted(strings.items()):
        if not (zh.strip() and en.strip()):
            problems.append(f"{key}: empty text")
        if key not in ALLOWED_CJK_IN_EN and CJK.search(en):
            problems.append(f"{key}: Chinese in the English text: {en!r}")
        if fields(zh) != fields(en):
            problems.append(f"{key}: placeholders differ: {fields(zh)} / {fields(en)}")
    assert not problems, "\n".join(problems)


def test_every_catalogue_entry_is_checked():
    """The per-catalogue test covers the whole catalogue (no entries outside a catalogue module)."""
    covered = set()
    for name in CATALOGUES:
        covered |= importlib.import_module(f"bishui.i18n.{name}").STRINGS.keys()
    assert covered == set(i18n.CATALOGUE)


# ---- keys built with f-strings: t(f"class.{k}") -------------------------------------------------
# Every f-string key in the code is listed here with the values its {…} can take, taken from the code
# sets where the code has them; the test checks that each of those keys exists. A new f-string key
# fails the test until it is listed (with where its values come from). A lookup guarded by
# i18n.has(f"…") on the same template falls back on purpose and needs no entry.
F_USE = re.compile(r"""\b(?:tr|t)\(\s*f(["'])((?:(?!\1).)*)\1""")
F_FIELD = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
CLASSES = [str(k) for k in standards.CLASS_LABELS]


def _allowed(kind: str, column: str) -> list[str]:
    values = ingest_schema.columns(kind)[column].allowed
    assert values, f"{kind}.{column} has no coded values"
    return list(values)


def _dynamic_keys() -> dict[str, list[str]]:
    return {
        "ag.screen.{}": list(agenda.SCREENS),
        "alert.channel.{}": ["webhook", "email"],  # alerts.Settings.channels
        "class.{}": CLASSES,
        "cmp.cell.no_flow.{}": list(completeness.NO_FLOW_REASONS),
        "cmp.cell.{}": ["provisional", "incomplete"],  # completeness.cell_text
        "cmp.month_suffix.{}": ["provisional", "incomplete"],  # completeness.month_label
        "cmp.no_flow.{}": list(completeness.NO_FLOW_REASONS),
        "cmp.status.{}": list(completeness.STATUSES),
        "comp.status.{}": list(compensation.STATUSES),
        "fnd.action.{}": ["record", "undo"],  # trace_findings.action
        "fnd.col.{}": [
            "finding_id",
            "section",
            "month",
            "parameter",
            "action",
            "confidence",
            "state",
            "note",
            "recorded_by",
            "recorded_at",
        ],  # findings_panel.history_table
        "fnd.conf.{}": list(tracing_findings.CONFIDENCE),
        "of.color.{}": ["category", "status"],  # pages/outfalls.py
        "pp.color.{}": ["kind", "retrofit"],  # pages/pipes.py
        "task.status.{}": _allowed("task_updates", "status"),
        "tg.measure.{}": list(targets.MEASURE_CODES),
        "tg.since.{}": ["actions", "changes", "updates", "misses"],  # meetings.since_sections
        "tg.since.no_{}": ["actions", "changes", "updates", "misses"],
        "tg.status.{}": list(targets.STATUSES),
        "tg.tab.{}": ["targets", "tasks", "since", "projects"],  # pages/targets.py TABS
        "trc.col.{}": [*tracing.COLUMNS, "tasks", "unit"],  # pages/tracing.py
        "trc.kind.{}": list(tracing.KINDS),
        "trd.change.{}": ["no_change", "no_data"]
        + [f"{m}_{d}" for m in ("slight", "marked") for d in ("better", "worse")],  # trends.Change.word
        "trd.kind.{}": ["section", *trends_tables.AREA_KINDS],
        "trd.level.{}": [str(k) for k in trends.LEVELS],
        "trd.method.{}": ["shares", "means", "none"],  # trends.AreaStatus.method
        "trd.table.{}": ["exact", "older"],  # trends.Spearman.table
        "trd.tli.{}": [trends.tli_grade(v) for v in (10, 40, 55, 65, 80)] + ["incomplete"],
        "trd.tli_h.{}": ["month", "year"],  # pages/trends.py
        "trd.verdict.{}": ["rise", "fall", "none", "insufficient", "too_few", "no_critical"],
        "wb.grade.{}": [str(k) for k in plan_views.GRADE_COLORS],
        "wb.kind.{}": _allowed("water_bodies", "kind"),
        "wb.status.{}": _allowed("water_bodies", "status"),
        "wp.status.{}": _allowed("facilities", "status"),
        "dw.table{}": ["1", "2"],  # GB 3838 Table 1 / Table 2 (065_drinking_water)
        "dw.type.{}": _allowed("drinking_sources", "source_type"),
        "dw.status.{}": list(drinking_water.STATUSES),
        "dw.ystatus.{}": ["met", "not_met", "incomplete", "no_data"],  # drinking_source_years (065)
        "dw.zone.{}": _allowed("drinking_source_zones", "zone_level"),
        "dw.object.{}": ["outfall", "facility"],  # drinking_water.risk_sources
        "ef.action.{}": list(eco_flow.ACTIONS),
        "ef.reason.{}": list(eco_flow.REASONS),
        "fs.item.{}": _allowed("flood_checklist", "item_code"),
        "fs.status.{}": list(flood_season.STATUS_COLORS),
        "fs.unit.{}": ["km", "count"],  # flood_checklist_status (069_flood_season)
        "md.verdict.{}": ["below", "ok"],  # medical_samples: the other verdicts are spelt out
        "tn.status.{}": _allowed("tn_problems", "problem_status"),
        # pages/trends.py _bound(prefix, codes): the prefixes and codes are checked from its calls below
        "{}.{}": [],
    }


def _f_string_keys() -> dict[str, list[str]]:
    """template ('class.{}') -> where it is used, for the unguarded f-string keys in the code."""
    found: dict[str, list[str]] = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for m in F_USE.finditer(text):
            literal = m.group(2)
            around = text[max(0, m.start() - 300) : m.end() + 300]
            if f'has(f"{literal}")' in around or f"has(f'{literal}')" in around:
                continue
            where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
            found.setdefault(F_FIELD.sub("{}", literal), []).append(where)
    return found


def test_every_key_built_with_an_f_string_exists():
    listed = _dynamic_keys()
    used = _f_string_keys()
    assert len(used) > 30  # the scan finds the f-string keys
    unlisted = {tpl: where for tpl, where in used.items() if tpl not in listed}
    assert not unlisted, f"list these f-string keys and their values in tests/test_i18n.py: {unlisted}"
    assert not set(listed) - set(used), f"listed but no longer used: {sorted(set(listed) - set(used))}"
    missing = [tpl.replace("{}", v) for tpl in used for v in listed[tpl] if not i18n.has(tpl.replace("{}", v))]
    assert not missing, missing


def test_every_bound_label_in_the_trends_page_exists():
    """pages/trends.py labels its pickers with _bound("trd.pk", ["month", ...]): f"{prefix}.{c}"."""
    text = (ROOT / "pages" / "trends.py").read_text(encoding="utf-8")
    calls = re.findall(r"""_bound\(\s*"([a-z_.]+)",\s*\[([^\]]*)\]\s*\)""", text)
    assert len(calls) == text.count("_bound(") - 1  # every call but the definition
    missing = [
        f"{prefix}.{code}"
        for prefix, codes in calls
        for code in re.findall(r'"([^"]+)"', codes)
        if not i18n.has(f"{prefix}.{code}")
    ]
    assert not missing, missing


def test_lookup_and_fallbacks():
    assert i18n.t("nav.overview", "zh") == "总览"
    assert i18n.t("nav.overview", "en") == "Overview"
    assert i18n.column_label("section", "en") == "Section"
    assert i18n.column_label("unknown_col", "en") == "unknown_col"
    assert i18n.code_label("water_body_type", "reservoir", "zh") == "水库"
