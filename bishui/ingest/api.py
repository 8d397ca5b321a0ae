"""prepare -> Plan (parsed rows, problems, conflicts) -> apply -> BatchResult; undo; history.

One path for the CLI and the Data page. prepare reads nothing but the file and the current
warehouse (read-only); apply writes through store.write_transaction (copy, write, swap under the
writer lock), so a reader sees the warehouse before or after a batch, never in between."""

from __future__ import annotations

import csv
import getpass
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from bishui.db import alerts, canonical, evaluation, store, warehouse
from bishui import config
from bishui.views import export
from bishui.db.sql import sql_text
from bishui.ingest import columns, messages, parse, schema, validate, vocab
from bishui.ingest import warehouse as wh
from bishui.ingest.frame import GEOMETRY_TYPES, Parsed, Refs, build as build_frame
from bishui.ingest.limits import DEFAULT as DEFAULT_LIMITS, Limits
from bishui.ingest.read import IngestError, Sheet, source_bytes, read_bytes

Progress = Callable[[float, str], None]

NOTE_SHEETS = {"说明", "填写说明", "notes", "readme", "instructions"}
PROBLEM_COLUMNS = ["file", "sheet", "row", "column", "value", "reason", "severity", "code"]
CONFLICT_COLUMNS = ["file", "sheet", "row", "key", "column", "old", "new"]


def _noop(_f: float, _m: str) -> None:
    return None


def _user(user: str | None) -> str:
    if user:
        return user
    if os.environ.get("BISHUI_USER"):
        return os.environ["BISHUI_USER"]
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no passwd entry in some containers
        return "unknown"


# ------------------------------------------------------------------------------------------ Plan


@dataclass
class Plan:
    """What importing a file would do. `problems` and `conflicts` are the report; nothing is written."""

    file_name: str
    file_hash: str
    kind: str | None
    lang: str
    problems: pd.DataFrame
    conflicts: pd.DataFrame
    n_valid: int = 0
    n_rejected: int = 0
    n_new: int = 0
    n_same: int = 0
    n_conflicts: int = 0
    already_imported: int | None = None
    source_path: Path | None = None
    notes: list[str] = field(default_factory=list)
    typed: pd.DataFrame | None = field(default=None, repr=False)  # every parsed row, typed
    valid: np.ndarray | None = field(default=None, repr=False)  # per typed row
    status: np.ndarray | None = field(default=None, repr=False)  # new | same | conflict | rejected
    sheets: list[Sheet] = field(default_factory=list, repr=False)
    headers: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    @property
    def n_errors(self) -> int:
        return int((self.problems["severity"] == "error").sum()) if len(self.problems) else 0

    @property
    def fatal(self) -> bool:
        """A file-level error: no row can be imported."""
        p = self.problems
        return self.kind is None or bool(((p["severity"] == "error") & p["row"].isna()).any())

    @property
    def ok(self) -> bool:
        """Nothing wrong: apply() would import every row (conflicts need replace=True)."""
        return self.n_errors == 0 and not self.fatal

    @property
    def frame(self) -> pd.DataFrame:
        """The parsed rows in canonical form (warehouse columns, values converted), with the sheet, the
        row the user sees, and import_status: new | same (already in the warehouse) | conflict |
        rejected."""
        if self.typed is None or self.kind is None:
            return pd.DataFrame()
        cols = [c for c in schema.columns(self.kind) if c in self.typed.columns]
        out = self.typed[cols].copy()
        if "geom_wkb" in out:
            out["geom_wkb"] = out["geom_wkb"].map(lambda b: None if b is None else bytes(b))
        for c in cols:
            if schema.columns(self.kind)[c].type == "DATE":
                out[c] = out[c].dt.date
        out.insert(0, "row", self.typed["_row"].to_numpy())
        out.insert(0, "sheet", self.typed["_sheet"].astype("str").to_numpy())
        out["import_status"] = self.status
        return out

    def preview(self, n: int = 200) -> pd.DataFrame:
        """The first n rows of frame (cheap for a large file)."""
        if self.typed is None:
            return pd.DataFrame()
        full_typed, full_status = self.typed, self.status
        try:
            self.typed, self.status = full_typed.iloc[:n], None if full_status is None else full_status[:n]
            return self.frame
        finally:
            self.typed, self.status = full_typed, full_status

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """frame split by sheet (CSV files have one sheet, named '')."""
        f = self.frame
        if f.empty:
            return {}
        return {
            name: part.drop(columns="sheet").reset_index(drop=True) for name, part in f.groupby("sheet", sort=False)
        }

    def summary(self) -> str:
        return messages.text(
            "summary_plan",
            self.lang,
            file=self.file_name,
            kind=messages.kind_label(self.kind or "?", self.lang),
            valid=self.n_valid,
            new=self.n_new,
            same=self.n_same,
            conflicts=self.n_conflicts,
            rejected=self.n_rejected,
        )


@dataclass
class BatchResult:
    """What apply() did. status: imported | rejected | already_imported | nothing_to_import."""

    status: str
    message: str
    batch_id: int | None = None
    rows_added: int = 0
    rows_replaced: int = 0
    rows_rejected: int = 0
    rows_unchanged: int = 0
    already_imported: int | None = None
    rejected_csv: bytes | None = None
    rejected_path: Path | None = None
    problems: pd.DataFrame | None = None
    conflicts: pd.DataFrame | None = None

    @property
    def imported(self) -> bool:
        return self.status == "imported"


# --------------------------------------------------------------------------------- kind detection


def _missing(kind: str, hm: columns.HeaderMap) -> list[str]:
    missing = [c for c in columns.required_columns(kind) if c not in hm.columns]
    if kind == "readings" and not hm.parameters:
        missing += [c for c in ("parameter", "value") if c not in hm.columns]
    return missing


def detect(header: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(kinds the header fits fully, best first; near misses as (kind, missing columns))."""
    full, near = [], []
    for kind in columns.kind_columns():
        hm = columns.map_headers(kind, header)
        missing = _missing(kind, hm)
        mapped = len(hm.columns) + len(hm.parameters)
        if not missing:
            full.append((mapped, kind))
        elif mapped:
            near.append((-mapped, len(missing), kind, missing))  # most headers recognised first
    full.sort(key=lambda x: -x[0])
    best = [k for m, k in full if m == full[0][0]] if full else []
    near.sort()
    return best, [(k, m) for _, _, k, m in near]


def _label(kind: str, col: str, lang: str) -> str:
    try:
        spec = columns.column(kind, col)
    except KeyError:
        return col
    return spec.zh if lang == "zh" else spec.en


# ---------------------------------------------------------------------------------------- prepare


def _problem(
    file_: str, sheet_: str, row_, column_: str, value_: str, code_: str, lang_: str, severity: str = "error", **values
) -> dict:
    return {
        "file": file_,
        "sheet": sheet_,
        "row": row_,
        "column": column_,
        "value": value_,
        "reason": messages.text(code_, lang_, **values),
        "severity": severity,
        "code": code_,
    }


def _empty_problems() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="Int64" if c == "row" else object) for c in PROBLEM_COLUMNS})


def _empty_conflicts() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="Int64" if c == "row" else object) for c in CONFLICT_COLUMNS})


def _finish_problems(rows: list[dict], extra: pd.DataFrame | None = None) -> pd.DataFrame:
    parts = [pd.DataFrame(rows, columns=PROBLEM_COLUMNS)] if rows else []
    if extra is not None and len(extra):
        parts.append(extra[PROBLEM_COLUMNS])
    if not parts:
        return _empty_problems()
    out = pd.concat(parts, ignore_index=True)
    out["row"] = pd.array(out["row"], dtype="Int64")
    return out


def prepare(
    source,
    kind: str | None = None,
    lang: str = "zh",
    progress: Progress | None = None,
    file_name: str | None = None,
    db: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Plan:
    """Read, parse, validate and compare one file with the warehouse. source: a path, bytes (give
    file_name) or (file_name, bytes). Never raises for a bad file: every problem is in the Plan.
    limits caps the file (rows, columns, sheet ranges, unzipped size) and the problems listed; for an
    upload to a server, run it in a limited child process: isolated.prepare_isolated."""
    progress = progress or _noop
    lang = messages.lang_of(lang)
    data, name, path = source_bytes(source, file_name)
    digest = hashlib.sha256(data).hexdigest()
    plan = Plan(
        file_name=name,
        file_hash=digest,
        kind=None,
        lang=lang,
        problems=_empty_problems(),
        conflicts=_empty_conflicts(),
        source_path=path,
    )
    rows: list[dict] = []
    progress(0.02, "read")
    if kind is not None and kind not in canonical.KINDS:
        by_label = {v: k for k, v in messages.KIND_LABELS["zh"].items()}
        if kind in by_label:
            kind = by_label[kind]
        else:
            rows.append(
                _problem(name, "", None, "", kind, "kind_invalid", lang, kind=kind, choices=", ".join(canonical.KINDS))
            )
            plan.problems = _finish_problems(rows)
            return plan
    try:
        sheets = read_bytes(data, name, limits)
    except IngestError as exc:
        rows.append(_problem(name, "", None, "", "", exc.code, lang, **exc.values))
        plan.problems = _finish_problems(rows)
        return plan
    except MemoryError:  # over the child process's address-space limit (isolated.prepare_isolated)
        rows.append(_problem(name, "", None, "", "", "limit_memory", lang))
        plan.problems = _finish_problems(rows)
        return plan
    except Exception as exc:  # a reader we do not know how to break: still a report, not a crash
        rows.append(
            _problem(name, "", None, "", "", "file_unreadable", lang, detail=f"{type(exc).__name__}: {exc}"[:160])
        )
        plan.problems = _finish_problems(rows)
        return plan

    # which kind, which sheets
    candidates = []
    for sheet in sheets:
        if vocab.key(sheet.name) in NOTE_SHEETS:
            continue  # the templates' own notes sheet
        if sheet.header_row == 0 and not sheet.header:
            rows.append(
                _problem(name, sheet.name, None, "", "", "sheet_ignored", lang, severity="warning", sheet=sheet.name)
            )
            continue
        fits, near = detect(sheet.header)
        candidates.append((sheet, fits, near))
    if not candidates:
        rows.append(_problem(name, "", None, "", "", "no_header", lang, n=15))
        plan.problems = _finish_problems(rows)
        return plan
    chosen: list[tuple[Sheet, columns.HeaderMap]] = []
    if kind is None:
        kind = next((fits[0] for _, fits, _ in candidates if len(fits) == 1), None)
        if kind is None:
            ambiguous = [fits for _, fits, _ in candidates if len(fits) > 1]
            if ambiguous:
                rows.append(
                    _problem(name, "", None, "", "", "kind_ambiguous", lang, candidates=", ".join(ambiguous[0]))
                )
            else:
                near = next((n for _, _, n in candidates if n), [])
                closest = ""
                if near:
                    nk, miss = near[0]
                    closest = messages.text(
                        "kind_closest",
                        lang,
                        kind=nk,
                        missing=("、" if lang == "zh" else ", ").join(_label(nk, c, lang) for c in miss),
                    )
                rows.append(_problem(name, "", None, "", "", "kind_unknown", lang, closest=closest))
            plan.problems = _finish_problems(rows)
            return plan
        for sheet, fits, _ in candidates:
            if kind in fits:
                chosen.append((sheet, columns.map_headers(kind, sheet.header)))
            elif fits:
                rows.append(
                    _problem(
                        name,
                        sheet.name,
                        None,
                        "",
                        "",
                        "sheet_other_kind",
                        lang,
                        severity="warning",
                        sheet=sheet.name,
                        other=fits[0],
                        kind=kind,
                    )
                )
            else:
                rows.append(
                    _problem(
                        name, sheet.name, None, "", "", "sheet_ignored", lang, severity="warning", sheet=sheet.name
                    )
                )
    else:
        for sheet, fits, _ in candidates:
            hm = columns.map_headers(kind, sheet.header)
            if len(candidates) > 1 and _missing(kind, hm) and fits and kind not in fits:
                rows.append(
                    _problem(
                        name,
                        sheet.name,
                        None,
                        "",
                        "",
                        "sheet_other_kind",
                        lang,
                        severity="warning",
                        sheet=sheet.name,
                        other=fits[0],
                        kind=kind,
                    )
                )
                continue
            chosen.append((sheet, hm))
    plan.kind = kind
    if not chosen:
        rows.append(_problem(name, "", None, "", "", "no_rows", lang))
        plan.problems = _finish_problems(rows)
        return plan
    k = plan.kind
    progress(0.15, "parse")

    # header-level notes and required columns (kind given explicitly)
    for sheet, hm in chosen:
        plan.sheets.append(sheet)
        for pos in hm.unknown:
            rows.append(
                _problem(name, sheet.name, None, sheet.header[pos], "", "column_ignored", lang, severity="warning")
            )
        for pos, dup in hm.duplicates:
            rows.append(
                _problem(
                    name,
                    sheet.name,
                    None,
                    sheet.header[pos],
                    "",
                    "column_duplicate",
                    lang,
                    severity="warning",
                    first=sheet.header[hm.columns[dup]],
                )
            )
        for sp in sheet.problems:
            rows.append(
                _problem(name, sheet.name, sp["row"], sp["column"], sp["value"], sp["code"], lang, **sp["values"])
            )
    if sum(s.n_rows for s, _ in chosen) == 0:
        rows.append(_problem(name, "", None, "", "", "no_rows", lang))
        plan.problems = _finish_problems(rows)
        return plan

    # the warehouse: references, and whether this very file was imported already
    targets = {c.ref for c in columns.kind_columns()[k] if c.ref}
    with store.read_connection(db) as con:
        refs = wh.load_refs(con, targets)
        plan.already_imported = wh.batch_for_hash(con, digest)
    parsed: list[Parsed] = []
    for sheet, hm in chosen:
        p = build_frame(sheet, hm, refs)
        parsed.append(p)
        plan.headers[sheet.name] = p.headers
        for pr in p.problems:
            rows.append(
                _problem(name, sheet.name, pr["row"], pr["column"], pr["value"], pr["code"], lang, **pr["values"])
            )
        if p.monthly_dates:
            plan.notes.append(messages.text("monthly_note", lang))
    typed = pd.concat([p.frame for p in parsed], ignore_index=True) if len(parsed) > 1 else parsed[0].frame
    if len(parsed) > 1:  # sheets with different headers: a cell a sheet does not have is empty text
        for c in typed.columns:
            if c.startswith("_raw_"):
                typed[c] = typed[c].fillna("").astype("str")
    typed.attrs["wide"] = any(hm.is_wide for _, hm in chosen)
    typed["_idx"] = np.arange(len(typed))
    typed["_sheet"] = typed["_sheet"].astype("category")
    progress(0.45, "validate")

    failures = validate.validate(k, typed)
    cell_problems, bad_idx = _cell_problems(plan, typed, failures, refs, limits.max_problems)
    # row problems found while reading (too many fields) reject those rows
    reject = np.zeros(len(typed), dtype=bool)
    if len(bad_idx):
        reject[bad_idx] = True
    read_bad = {(r["sheet"], r["row"]) for r in rows if r["row"] is not None and r["severity"] == "error"}
    if read_bad:
        keys = list(zip(typed["_sheet"].astype("str"), typed["_row"]))
        reject |= np.array([key in read_bad for key in keys], dtype=bool)
    plan.problems = _cap_problems(
        _finish_problems(rows, cell_problems), limits.max_problems, lang, name, cell_problems.attrs.get("n_hidden", 0)
    )
    if plan.fatal:
        reject[:] = True
    plan.typed = typed
    plan.valid = ~reject
    plan.notes = list(dict.fromkeys(plan.notes))
    progress(0.75, "compare")

    # compare the valid rows with the warehouse
    status = np.where(reject, "rejected", "new").astype(object)
    if (~reject).any():
        with store.read_connection(db) as con:
            wh.stage(con, k, typed[~reject])
            m = wh.matches(con, k)
        status, conflicts = _classify(plan, typed, m, status)
        plan.conflicts = conflicts.drop(columns="_idx")
    plan.status = status
    plan.n_rejected = int(reject.sum())
    plan.n_valid = int((~reject).sum())
    plan.n_new = int((status == "new").sum())
    plan.n_same = int((status == "same").sum())
    plan.n_conflicts = int((status == "conflict").sum())
    progress(1.0, "done")
    return plan


def failed_plan(name: str, data: bytes, lang: str, code: str, path: Path | None = None, **values) -> Plan:
    """The Plan of a file that could not be prepared at all: one file-level problem (code)."""
    lang = messages.lang_of(lang)
    plan = Plan(
        file_name=name,
        file_hash=hashlib.sha256(data).hexdigest(),
        kind=None,
        lang=lang,
        problems=_empty_problems(),
        conflicts=_empty_conflicts(),
        source_path=path,
    )
    plan.problems = _finish_problems([_problem(name, "", None, "", "", code, lang, **values)])
    return plan


def _cap_problems(problems: pd.DataFrame, cap: int | None, lang: str, name: str, n_hidden: int = 0) -> pd.DataFrame:
    """At most cap problems with a row number listed (file-level ones always), plus one line saying so
    (n_hidden: problems found but not made into report rows)."""
    with_row = problems["row"].notna()
    n = int(with_row.sum()) + int(n_hidden)
    if cap is None or n <= cap:
        return problems
    keep = ~with_row | (with_row.cumsum() <= cap)
    note = _finish_problems(
        [_problem(name, "", None, "", "", "problems_capped", lang, severity="warning", shown=cap, n=n)]
    )
    return pd.concat([problems[keep], note], ignore_index=True)


def _ref_target(spec: columns.Col, typed: pd.DataFrame, i: int) -> str:
    """The reference index a cell was looked up in: the column's, or for a column whose table depends
    on another column (river_positions.object_id by object_kind) that kind's ('objects:outfall')."""
    if spec.ref_by and spec.ref_by in typed:
        kind = typed[spec.ref_by].iloc[int(i)]
        if isinstance(kind, str) and kind:
            return f"{spec.ref}:{kind}"
    assert spec.ref is not None  # only reference columns fail a reference check
    return spec.ref


def _cell_problems(
    plan: Plan, typed: pd.DataFrame, failures: pd.DataFrame, refs: Refs, cap: int | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    """pandera failures -> report rows (file, sheet, row, column, value, reason); the failing row indexes
    (all of them, even when only the first cap cell problems are made into report rows)."""
    lang, k = plan.lang, plan.kind
    assert k is not None  # prepare() validates only once it knows the kind
    if failures is None or len(failures) == 0:
        return _empty_problems(), np.array([], dtype=int)
    failures = failures.copy()
    failures["column"] = (
        failures["column"].astype(object).map(lambda c: c[5:] if isinstance(c, str) and c.startswith("_raw_") else c)
    )
    # column missing: one report row per column, no row number
    out = []
    missing = failures[failures["index"].isna()]
    for _, r in missing.iterrows():
        col = str(r["failure_case"]) if r["code"] == "column_missing" else str(r["column"])
        out.append(
            pd.DataFrame(
                [
                    _problem(
                        plan.file_name,
                        "",
                        None,
                        _label(k, col, lang),
                        "",
                        "column_missing",
                        lang,
                        name=_label(k, col, lang),
                    )
                ]
            )
        )
    cells = failures[failures["index"].notna()].copy()
    if len(cells) == 0:
        res = pd.concat(out, ignore_index=True) if out else _empty_problems()
        return res, np.array([], dtype=int)
    idx = cells["index"].astype("int64").to_numpy()
    cells = cells.assign(idx=idx).drop_duplicates(["idx", "column", "code"])
    all_bad = np.unique(cells["idx"].to_numpy())
    n_found = len(cells)
    if cap is not None and n_found > cap:  # a file of 100,000 duplicates: report the first cap, reject all
        cells = cells.sort_values("idx", kind="stable").head(cap)
    idx = cells["idx"].to_numpy()
    cols = cells["column"].astype(str).to_numpy()
    codes = cells["code"].astype(str).to_numpy()
    sheet = typed["_sheet"].astype("str").to_numpy()[idx]
    row = typed["_row"].to_numpy()[idx]
    # the value as the user wrote it
    value = np.empty(len(idx), dtype=object)
    fc = cells["failure_case"].to_numpy()
    for col in np.unique(cols):
        sel = cols == col
        raw = "_raw_" + col
        if raw in typed:
            value[sel] = typed[raw].to_numpy()[idx[sel]]
        elif col == "_dupkey":
            keycols = [typed["_raw_" + c].to_numpy(dtype=object) for c in schema.keys(k) if "_raw_" + c in typed]
            value[sel] = [" / ".join(str(a[i]) for a in keycols if a[i]) for i in idx[sel]]
        else:
            value[sel] = [("" if v is None else str(v)) for v in fc[sel]]
    # the column as the user sees it
    column = np.empty(len(idx), dtype=object)
    vhdr = typed["_vhdr"].astype(object).to_numpy() if "_vhdr" in typed else None
    for i, (s, col) in enumerate(zip(sheet, cols)):
        if col == "_dupkey":
            column[i] = ""
        elif (
            vhdr is not None
            and col in ("value", "unit", "parameter")
            and isinstance(vhdr[idx[i]], str)
            and vhdr[idx[i]]
        ):
            column[i] = vhdr[idx[i]]
        else:
            column[i] = plan.headers.get(s, {}).get(col) or _label(k, col, lang)
    # message values
    reasons = np.empty(len(idx), dtype=object)
    today = str(parse.today())
    params = vocab.parameters()
    for code in np.unique(codes):
        sel = np.flatnonzero(codes == code)
        if code == "unknown_reference":
            cache: dict[tuple, str] = {}
            for j in sel:
                spec = columns.column(k, cols[j])
                target = _ref_target(spec, typed, idx[j])
                key = (target, value[j])
                if key not in cache:
                    names = refs.get(target).suggest(str(value[j]))
                    sug = (
                        messages.text("suggestions", lang, names="、".join(names) if lang == "zh" else ", ".join(names))
                        if names
                        else ""
                    )
                    cache[key] = messages.text(code, lang, target=messages.target_word(target, lang), suggestions=sug)
                reasons[j] = cache[key]
        elif code == "ambiguous_reference":
            for j in sel:
                spec = columns.column(k, cols[j])
                target = _ref_target(spec, typed, idx[j])
                ids = refs.get(target).ambiguous.get(vocab.key(str(value[j])), [])
                reasons[j] = messages.text(code, lang, target=messages.target_word(target, lang), ids=", ".join(ids))
        elif code in ("unit_missing", "unit_mismatch", "unit_unknown"):
            pcodes = typed["parameter"].to_numpy()[idx[sel]] if "parameter" in typed else [None] * len(sel)
            units = typed["_raw_unit"].to_numpy()[idx[sel]] if "_raw_unit" in typed else [""] * len(sel)
            unit_cache: dict[tuple, str] = {}
            for j, pc, unit in zip(sel, pcodes, units):
                ck = (pc, unit)
                if ck not in unit_cache:
                    p = params.get(pc) if isinstance(pc, str) else None
                    pname = (p["name_zh"] if lang == "zh" else p["name_en"]) if p else ""
                    unit_cache[ck] = messages.text(
                        code,
                        lang,
                        parameter=pname,
                        unit=(p["unit"] if code == "unit_missing" and p else unit),
                        expected=p["unit"] if p else "",
                    )
                reasons[j] = unit_cache[ck]
                if code != "unit_missing":
                    value[j] = unit
        elif code == "unknown_code":
            for j in sel:
                allowed = schema.columns(k)[cols[j]].allowed or ()
                shown = [vocab.value_label_zh(cols[j], a) if lang == "zh" else a for a in allowed]
                reasons[j] = messages.text(code, lang, allowed="、".join(shown) if lang == "zh" else ", ".join(shown))
        elif code == "duplicate":
            dk = typed["_dupkey"].to_numpy()
            first_pos = pd.Series(np.arange(len(dk))).groupby(dk).transform("first").to_numpy()
            typed_rows = typed["_row"].to_numpy()
            sheet_headers = plan.headers.get(sheet[sel[0]], {}) if len(sel) else {}
            names = [
                sheet_headers.get(c) or _label(k, c, lang)
                for c in schema.keys(k)
                if c in sheet_headers or (c in typed and c not in ("source", "sampled_at"))
            ]
            keys_label = ("、" if lang == "zh" else ", ").join(dict.fromkeys(n for n in names if n))
            for j in sel:
                reasons[j] = messages.text(code, lang, first=int(typed_rows[first_pos[idx[j]]]), keys=keys_label)
        else:
            geo = " / ".join(GEOMETRY_TYPES.get(k, ()))
            text = messages.text(
                code,
                lang,
                today=today,
                max=validate.DO_MAX_MG_L,
                expected=geo,
                lo=_range_of(k, cols[sel[0]])[0],
                hi=_range_of(k, cols[sel[0]])[1],
            )
            if code == "out_of_range":
                for j in sel:
                    lo, hi = _range_of(k, cols[j])
                    reasons[j] = messages.text(code, lang, lo=lo, hi=hi)
            else:
                reasons[sel] = text
    res = pd.DataFrame(
        {
            "file": plan.file_name,
            "sheet": sheet,
            "row": row,
            "column": column,
            "value": value,
            "reason": reasons,
            "severity": "error",
            "code": codes,
            "_order": idx,
        }
    )
    res = res.sort_values(["_order"], kind="stable").drop(columns="_order")
    if out:
        res = pd.concat(out + [res], ignore_index=True)
    res = res.reset_index(drop=True)
    res.attrs["n_hidden"] = n_found - len(cells)
    return res, all_bad


def _range_of(kind: str, col: str) -> tuple:
    try:
        spec = columns.column(kind, col)
    except KeyError:
        return ("", "")
    return (spec.lo, spec.hi) if spec.lo is not None else ("", "")


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
        return ""
    if isinstance(v, (bytes, bytearray)):
        return f"<{len(v)} bytes>"
    if isinstance(v, float):
        return format(v, ".10g")
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d %H:%M:%S") if (v.hour or v.minute or v.second) else v.strftime("%Y-%m-%d")
    if isinstance(v, (list, tuple, np.ndarray)):
        return ";".join(str(x) for x in v)
    return str(v)


def _reading_text(value, bdl, dl) -> str:
    if bool(bdl) if bdl is not None and not (isinstance(bdl, float) and np.isnan(bdl)) else False:
        return "<" + _fmt(dl)
    return _fmt(value)


def _classify(
    plan: Plan, typed: pd.DataFrame, m: pd.DataFrame | None, status: np.ndarray
) -> tuple[np.ndarray, pd.DataFrame]:
    """new | same | conflict per row from the warehouse matches; the conflicts side by side."""
    status = status.copy()
    if m is None or len(m) == 0:
        return status, _empty_conflicts().assign(_idx=pd.Series([], dtype="int64"))
    k = plan.kind
    assert k is not None  # matches come from staging rows of a known kind
    differs = m.groupby("_idx")["differs"].any()
    same_idx = differs.index[~differs.to_numpy()].to_numpy()
    conf_idx = differs.index[differs.to_numpy()].to_numpy()
    status[same_idx] = "same"
    status[conf_idx] = "conflict"
    if len(conf_idx) == 0:
        return status, _empty_conflicts().assign(_idx=pd.Series([], dtype="int64"))
    mc = m[m["_idx"].isin(conf_idx) & m["differs"]].drop_duplicates("_idx")
    keys = schema.keys(k)
    ii = mc["_idx"].to_numpy()
    sub = typed.iloc[ii]
    key_parts = []
    for c in keys:
        if c not in typed:
            continue
        raw = "_raw_" + c
        shown = sub[c].map(_fmt)
        if raw in typed:
            shown = sub[raw].astype("str").where(sub[raw].astype("str") != "", shown)
        key_parts.append(shown.to_numpy(dtype=object))
    key = [" / ".join(x for x in parts if x) for parts in zip(*key_parts)] if key_parts else [""] * len(ii)
    sheets = sub["_sheet"].astype("str").to_numpy()
    base = pd.DataFrame(
        {"file": plan.file_name, "sheet": sheets, "row": sub["_row"].to_numpy(), "key": key, "_idx": ii}
    )
    if k == "readings":
        vh = sub["_vhdr"].astype(object).to_numpy() if "_vhdr" in typed else [None] * len(sheets)
        col = [
            v if isinstance(v, str) and v else plan.headers.get(x, {}).get("value", "value") for v, x in zip(vh, sheets)
        ]
        old = [
            _reading_text(v, b, d)
            for v, b, d in zip(mc["old_value"], mc["old_below_detection_limit"], mc["old_detection_limit"])
        ]
        new = [
            _reading_text(v, b, d)
            for v, b, d in zip(sub["value"], sub["below_detection_limit"], sub["detection_limit"])
        ]
        conflicts = base.assign(column=col, old=old, new=new)
    else:
        out = []
        for j in range(len(ii)):
            r = mc.iloc[j]
            row = sub.iloc[j]
            for c in schema.compared_columns(k):
                o, n = r[f"old_{c}"], (row[c] if c in typed else None)
                if _same(o, n):
                    continue
                out.append(
                    {
                        **base.iloc[j].to_dict(),
                        "column": plan.headers.get(sheets[j], {}).get(c) or _label(k, c, plan.lang),
                        "old": _fmt(o),
                        "new": _fmt(n),
                    }
                )
        conflicts = pd.DataFrame(out, columns=[*CONFLICT_COLUMNS, "_idx"])
    conflicts = conflicts[[*CONFLICT_COLUMNS, "_idx"]].sort_values("_idx", kind="stable").reset_index(drop=True)
    conflicts["row"] = pd.array(conflicts["row"], dtype="Int64")
    return status, conflicts


def _same(a, b) -> bool:
    na = a is None or a is pd.NaT or (isinstance(a, float) and np.isnan(a)) or (a is pd.NA)
    nb = b is None or b is pd.NaT or (isinstance(b, float) and np.isnan(b)) or (b is pd.NA)
    if na or nb:
        return na and nb
    if isinstance(a, (bytes, bytearray)) or isinstance(b, (bytes, bytearray)):
        return bytes(a) == bytes(b)
    if isinstance(a, (list, np.ndarray)) or isinstance(b, (list, np.ndarray)):
        return list(a) == (str(b).split(";") if isinstance(b, str) and b else [] if isinstance(b, str) else list(b))
    try:
        if isinstance(a, (float, int, np.number)) and isinstance(b, (float, int, np.number)):
            return abs(float(a) - float(b)) <= 1e-9 * max(abs(float(a)), abs(float(b)))
        return pd.Timestamp(a) == pd.Timestamp(b) if hasattr(a, "year") or hasattr(b, "year") else a == b
    except Exception:
        return str(a) == str(b)


# ------------------------------------------------------------------------------------------ apply


class _Abort(Exception):
    def __init__(self, result: "BatchResult"):
        super().__init__(result.status)
        self.result = result


def apply(
    plan: Plan,
    replace: bool = False,
    skip_invalid: bool = False,
    user: str | None = None,
    progress: Progress | None = None,
    db: Path | None = None,
    write_rejected_file: bool = True,
) -> BatchResult:
    """Import a prepared file. By default any error writes nothing; skip_invalid=True imports the
    valid rows and returns the rejected ones (with reasons) as CSV bytes, also written to
    <file>.rejected.csv beside a file given by path. Rows already in the warehouse with other values
    are replaced only with replace=True. The same file (by content) is imported once."""
    progress = progress or _noop
    lang = plan.lang
    base = dict(problems=plan.problems, conflicts=plan.conflicts)
    if plan.typed is not None or plan.already_imported is not None:
        with store.read_connection(db) as con:  # live: the batch may have been undone since prepare
            done = wh.batch_for_hash(con, plan.file_hash)
        if done is not None:
            return BatchResult(
                "already_imported", messages.text("already_imported", lang, batch=done), already_imported=done, **base
            )
    if plan.fatal or plan.typed is None or (plan.n_rejected and not skip_invalid):
        return BatchResult(
            "rejected",
            messages.text("apply_has_errors", lang, n=max(plan.n_errors, 1)),
            rows_rejected=plan.n_rejected,
            **base,
        )
    if plan.n_conflicts and not replace and not skip_invalid:
        return BatchResult("rejected", messages.text("apply_has_conflicts", lang, n=plan.n_conflicts), **base)
    k = plan.kind
    typed = plan.typed
    valid = plan.valid
    assert k is not None and valid is not None  # not fatal (kind known), rows typed: prepare() set both
    reasons = _row_reasons(plan)
    rejected_extra: dict[int, str] = {}
    progress(0.05, "lock")
    try:
        with store.write_transaction(db) as con:
            wh.ensure_schema(con)
            alerts.baseline(con)  # the first import compares with the warehouse as it was before it
            again = wh.batch_for_hash(con, plan.file_hash)
            if again is not None:
                raise _Abort(
                    BatchResult(
                        "already_imported",
                        messages.text("already_imported", lang, batch=again),
                        already_imported=again,
                        **base,
                    )
                )
            batch_id = int(wh.run_frame(con, "ingest/next_batch_id")["batch_id"].iloc[0])
            progress(0.2, "stage")
            wh.stage(con, k, typed[valid])
            m = wh.matches(con, k)
            status, conflicts = _classify(plan, typed, m, np.where(valid, "new", "rejected").astype(object))
            n_conf = int((status == "conflict").sum())
            if n_conf and not replace:
                if not skip_invalid:
                    raise _Abort(
                        BatchResult(
                            "rejected",
                            messages.text("apply_has_conflicts", lang, n=n_conf),
                            problems=plan.problems,
                            conflicts=conflicts.drop(columns="_idx"),
                        )
                    )
                by_idx = conflicts.groupby("_idx").agg({"old": ", ".join, "new": ", ".join})
                for i, o, n in zip(by_idx.index, by_idx["old"], by_idx["new"]):
                    rejected_extra[int(i)] = messages.text("conflict", lang, old=o, new=n)
            marks = pd.DataFrame({"_idx": np.flatnonzero(np.isin(status, ["same", "conflict"]))})
            marks["_status"] = np.where(status[marks["_idx"]] == "same", "same", "replace" if replace else "conflict")
            wh.mark(con, marks)
            progress(0.4, "write")
            added, replaced = wh.write_batch(con, k, batch_id)
            if added + replaced == 0:
                raise _Abort(
                    BatchResult(
                        "nothing_to_import",
                        messages.text("nothing_to_import", lang),
                        rows_unchanged=int((status == "same").sum()),
                        rows_rejected=plan.n_rejected + len(rejected_extra),
                        **base,
                    )
                )
            warehouse.rederive(con, k, evaluation.readings_scope(con, batch_id) if k == "readings" else None, progress)
            n_rej = plan.n_rejected + len(rejected_extra)
            con.execute(
                sql_text("load/batch_insert"),
                {
                    "batch_id": batch_id,
                    "imported_by": _user(user),
                    "file_name": plan.file_name,
                    "file_hash": plan.file_hash,
                    "kind": k,
                    "rows_added": added,
                    "rows_replaced": replaced,
                    "rows_rejected": n_rej,
                },
            )
            con.execute(
                sql_text("load/meta_upsert"),
                {"key": "last_import_at", "value": pd.Timestamp.now().isoformat(timespec="seconds")},
            )
            alerts.record(con, batch_id)  # what is new since the previous import (never fails the import)
            progress(0.9, "swap")
        # outlives the warehouse file: a lost warehouse is then never silently replaced by the sample
        store.remember_real_data(Path(db) if db else config.db_path(), f"import batch {batch_id}")
        result = BatchResult(
            "imported",
            messages.text(
                "summary_imported",
                lang,
                file=plan.file_name,
                batch=batch_id,
                added=added,
                replaced=replaced,
                rejected=n_rej,
            ),
            batch_id=batch_id,
            rows_added=added,
            rows_replaced=replaced,
            rows_rejected=n_rej,
            rows_unchanged=int((status == "same").sum()),
            problems=plan.problems,
            conflicts=conflicts.drop(columns="_idx"),
        )
    except _Abort as abort:
        result = abort.result
    if skip_invalid and (plan.n_rejected or rejected_extra) and result.status in ("imported", "nothing_to_import"):
        all_reasons = dict(reasons)
        for i, text in rejected_extra.items():
            all_reasons.setdefault(i, [])
            all_reasons[i] = all_reasons[i] + [text]
        result.rejected_csv = rejected_csv(plan, all_reasons)
        if write_rejected_file and plan.source_path is not None:
            out = plan.source_path.with_name(plan.source_path.stem + ".rejected.csv")
            try:
                out.write_bytes(result.rejected_csv)
                result.rejected_path = out
            except OSError:
                result.rejected_path = None
    progress(1.0, "done")
    return result


def _row_reasons(plan: Plan) -> dict[int, list[str]]:
    """typed row -> ['column: reason', ...] for the rejected rows."""
    out: dict[int, list[str]] = {}
    if plan.typed is None or plan.valid is None:
        return out
    p = plan.problems
    p = p[(p["severity"] == "error") & p["row"].notna()]
    if len(p) == 0:
        return out
    sep = "：" if plan.lang == "zh" else ": "
    by_key: dict[tuple, list[str]] = {}
    for s, r, c, reason in zip(p["sheet"].astype(str), p["row"].astype("int64"), p["column"].astype(str), p["reason"]):
        by_key.setdefault((s, int(r)), []).append(f"{c}{sep}{reason}" if c else reason)
    sheets = plan.typed["_sheet"].astype("str").to_numpy()
    rows = plan.typed["_row"].to_numpy()
    for i in np.flatnonzero(~plan.valid):
        out[int(i)] = list(dict.fromkeys(by_key.get((sheets[i], int(rows[i])), []))) or [
            messages.text("reason_not_listed", plan.lang)
        ]  # beyond the problems listed
    return out


class _SafeWriter:
    """csv.writer whose every cell goes through export.safe_text: the file opens in Excel without
    running a value such as =HYPERLINK(...) as a formula."""

    def __init__(self, buf: io.StringIO):
        self._w = csv.writer(buf, lineterminator="\r\n")

    def writerow(self, cells: list) -> None:
        self._w.writerow([export.safe_text(c) for c in cells])


def rejected_csv(plan: Plan, reasons: dict[int, list[str]]) -> bytes:
    """The rejected rows as the user sent them (same headers, a units row kept) plus the spreadsheet
    row and the reasons; UTF-8 with BOM so Excel opens it. Sheets with different headers are put
    side by side under the union of their headers."""
    lang = plan.lang
    typed = plan.typed
    assert typed is not None  # rejected rows are typed rows
    sheets = {s.name: s for s in plan.sheets}
    by_src: dict[tuple[str, int], list[str]] = {}
    tsheet = typed["_sheet"].astype("str").to_numpy()
    tsrc = typed["_src"].to_numpy()
    for i, rs in reasons.items():
        key = (tsheet[i], int(tsrc[i]))
        by_src.setdefault(key, [])
        by_src[key].extend(r for r in rs if r not in by_src[key])
    multi = len(sheets) > 1
    extra = ([messages.text("rej_sheet", lang)] if multi else []) + [
        messages.text("rej_row", lang),
        messages.text("rej_reason", lang),
    ]
    sep = "；" if lang == "zh" else "; "
    used = [s for s in sheets.values() if any(name == s.name for name, _ in by_src)]
    header: list[str] = []
    for sheet in used:
        for h in sheet.header:
            if h not in header:
                header.append(h)
    unit_row = None
    if any(s.unit_row for s in used):
        unit_row = [""] * len(header)
        for sheet in used:
            for h, u in zip(sheet.header, sheet.unit_row or []):
                if u:
                    unit_row[header.index(h)] = u
    buf = io.StringIO()
    w = _SafeWriter(buf)
    w.writerow(header + extra)
    if unit_row:
        w.writerow(unit_row + [""] * len(extra))
    for sheet in used:
        pos = [header.index(h) for h in sheet.header]
        values = sheet.data.to_numpy()
        for src in sorted(src for (name, src) in by_src if name == sheet.name):
            cells = [""] * len(header)
            for p, v in zip(pos, values[src]):
                if not cells[p]:
                    cells[p] = str(v)
            w.writerow(
                cells + ([sheet.name] if multi else []) + [int(sheet.rows[src]), sep.join(by_src[(sheet.name, src)])]
            )
    return buf.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------------------- undo and history


class UndoError(Exception):
    def __init__(self, code: str, lang: str = "zh", **values):
        self.code = code
        self.values = values
        super().__init__(messages.text(code, lang, **values))


def undo(batch_id: int, user: str | None = None, lang: str = "zh", db: Path | None = None) -> dict:
    """Remove a batch's rows and put back what it replaced, exactly; mark the batch undone.
    Raises UndoError (unknown batch, batch 0, already undone, a later batch replaced its rows)."""
    batch_id = int(batch_id)
    lang = messages.lang_of(lang)
    if batch_id == 0:
        raise UndoError("undo_build", lang)
    with store.write_transaction(db) as con:
        wh.ensure_schema(con)
        b = wh.run(con, "ingest/batch_get", batch_id=batch_id)
        if b is None or len(b) == 0:
            raise UndoError("undo_unknown", lang, batch=batch_id)
        row = b.iloc[0].to_dict()
        if row["status"] == "undone":
            raise UndoError("undo_done", lang, batch=batch_id)
        kind = row["kind"]
        if kind not in canonical.KINDS:
            raise UndoError("undo_build", lang)
        later = wh.undo_blockers(con, kind, batch_id)
        if later:
            raise UndoError("undo_blocked", lang, later=later[-1])
        scope = evaluation.readings_scope(con, batch_id) if kind == "readings" else None
        wh.undo_batch(con, kind, batch_id)
        warehouse.rederive(con, kind, scope)
        wh.run(con, "ingest/batch_mark_undone", batch_id=batch_id, undone_by=_user(user))
    row["status"] = "undone"
    return row


def history(db: Path | None = None) -> pd.DataFrame:
    """Every import batch, newest first: batch_id, imported_at, imported_by, file_name, file_hash, kind,
    rows_added, rows_replaced, rows_rejected, status, undone_at, undone_by."""
    with store.read_connection(db) as con:
        name = "ingest/history" if wh.table_exists(con, "import_undos") else "ingest/history_basic"
        return wh.run(con, name)


def table(kind: str, db: Path | None = None) -> pd.DataFrame:
    """Every row of a kind's table (downloads)."""
    with store.read_connection(db) as con:
        return wh.table_frame(con, kind)
