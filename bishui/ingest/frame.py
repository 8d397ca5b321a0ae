"""From a Sheet of text cells to the typed canonical frame of one kind (pre-parse and normalise).

The frame holds, per input row: the warehouse columns (typed: str, float64, Int64, boolean,
datetime64), the text each came from (`_raw_<column>`), where it came from (`_sheet`, `_row`,
`_src`) and a few facts the validation needs (`_unit_status`, `_amb_<column>`). Nothing here
decides whether a row is valid: bishui.ingest.validate does, with pandera."""

from __future__ import annotations

import csv
import difflib
import functools
import re
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from bishui import config
from bishui.ingest import columns, parse, schema, vocab
from bishui.ingest.columns import HeaderMap
from bishui.ingest.read import Sheet

DIMENSIONLESS = "无量纲"


# ------------------------------------------------------------------------------------ references


@dataclass
class RefIndex:
    """Known codes and names of one referenced table: key(code or name) -> code."""

    ids: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # display names for suggestions

    @classmethod
    def build(cls, rows: list[tuple]) -> "RefIndex":
        """rows: (code, name, name, ...) tuples; a code always wins over a name."""
        ref = cls()
        by_key: dict[str, set[str]] = {}
        for row in rows:
            code = str(row[0])
            ref.ids[vocab.key(code)] = code
            for name in row[1:]:
                if name:
                    by_key.setdefault(vocab.key(str(name)), set()).add(code)
                    ref.names.append(str(name))
            ref.names.append(code)
        for k, codes in by_key.items():
            if k in ref.ids:
                continue
            if len(codes) == 1:
                ref.ids[k] = next(iter(codes))
            else:
                ref.ambiguous[k] = sorted(codes)
        ref.names = list(dict.fromkeys(ref.names))
        return ref

    def resolve(self, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
        """(code or NA, is-ambiguous) for each text."""
        code = parse.by_unique(
            raw,
            lambda u: u.map(lambda v: self.ids.get(vocab.key(v)) if isinstance(v, str) and v else None),
            dtype="str",
        )
        amb = parse.by_unique(
            raw, lambda u: u.map(lambda v: isinstance(v, str) and vocab.key(v) in self.ambiguous), dtype=bool
        )
        return code, amb

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The n known names closest to text (difflib ratio on the normalised names)."""
        target = vocab.norm_text(text)
        return difflib.get_close_matches(target, self.names, n=n, cutoff=0.0)


@functools.cache
def _outfall_types() -> list[tuple]:
    with open(config.REFERENCE_DIR / "outfall_types.csv", encoding="utf-8") as fh:
        return [(r["sub_type"], r["name_zh"], r["name_en"]) for r in csv.DictReader(fh)]


@dataclass
class Refs:
    """Reference indexes by target name (sections, outfalls, towns ...)."""

    index: dict[str, RefIndex] = field(default_factory=dict)

    def get(self, target: str) -> RefIndex:
        if target == "outfall_types" and target not in self.index:
            self.index[target] = RefIndex.build(_outfall_types())
        return self.index.setdefault(target, RefIndex())


# ----------------------------------------------------------------------------------------- frame


@dataclass
class Parsed:
    frame: pd.DataFrame
    headers: dict[str, str]  # canonical column -> header text as written
    problems: list[dict] = field(default_factory=list)
    monthly_dates: bool = False


def _empty_text(n: int, index) -> pd.Series:
    return pd.Series([""] * n, index=index, dtype="str")


def _unit_for(sheet: Sheet, hm: HeaderMap, name: str, pos: int) -> str | None:
    if name in hm.header_units:
        return hm.header_units[name]
    if sheet.unit_row and pos < len(sheet.unit_row) and sheet.unit_row[pos]:
        return sheet.unit_row[pos]
    return None


def is_canonical(sheet: Sheet, hm: HeaderMap) -> bool:
    """Headers exactly the warehouse column names: the canonical format, values in warehouse units."""
    mapped = [sheet.header[pos] for pos in hm.columns.values()]
    return bool(mapped) and all(h == name for h, name in zip(mapped, hm.columns.keys())) and not hm.parameters


def build(sheet: Sheet, hm: HeaderMap, refs: Refs) -> Parsed:
    """The typed canonical frame of one sheet."""
    if hm.kind == "readings":
        parsed = _readings(sheet, hm, refs)
    else:
        parsed = _generic(sheet, hm, refs)
    f = parsed.frame
    f["_sheet"] = sheet.name
    f["_file"] = sheet.file
    return parsed


def _meta(sheet: Sheet, src: np.ndarray) -> dict:
    return {"_src": src, "_row": sheet.rows[src] if len(src) else np.array([], dtype=int)}


# -------------------------------------------------------------------------------------- readings


def _readings(sheet: Sheet, hm: HeaderMap, refs: Refs) -> Parsed:
    df = sheet.data
    n = len(df)
    cols = hm.columns
    headers = {c: sheet.header[p] for c, p in cols.items()}
    problems: list[dict] = []

    def raw(c: str) -> pd.Series:
        return df[cols[c]] if c in cols else _empty_text(n, df.index)

    if hm.is_wide:
        pieces = []
        for pos, code, unit in hm.parameters:
            cell = df[pos]
            measured = ~parse.by_unique(
                cell,
                lambda u: u.map(lambda v: vocab.key(v) in vocab.NOT_MEASURED if isinstance(v, str) else True),
                dtype=bool,
            )
            src = np.flatnonzero(measured.to_numpy())
            unit_text = unit if unit is not None else _unit_for(sheet, hm, "", pos) or ""
            pieces.append(
                pd.DataFrame(
                    {
                        "_src": src,
                        "_raw_value": cell.to_numpy()[src],
                        "parameter": code,
                        "_raw_parameter": sheet.header[pos],
                        "_raw_unit": unit_text,
                        "_vhdr": sheet.header[pos],
                        "_porder": pos,
                    }
                )
            )
        f = (
            pd.concat(pieces, ignore_index=True)
            if pieces
            else pd.DataFrame(
                {
                    "_src": np.array([], dtype=int),
                    "_raw_value": [],
                    "parameter": [],
                    "_raw_parameter": [],
                    "_raw_unit": [],
                    "_vhdr": [],
                    "_porder": [],
                }
            )
        )
        f = f.sort_values(["_src", "_porder"], kind="stable").reset_index(drop=True).drop(columns="_porder")
        for c in ("_raw_value", "parameter", "_raw_parameter", "_raw_unit", "_vhdr"):
            f[c] = f[c].astype("str")
        f["_vhdr"] = f["_vhdr"].astype("category")
        src = f["_src"].to_numpy()

        def take(c: str) -> pd.Series:
            return raw(c).take(src).reset_index(drop=True) if c in cols else _empty_text(len(f), f.index)

        for c in ("section_id", "sampled_on", "sampled_at", "source", "detection_limit", "below_detection_limit"):
            f["_raw_" + c] = take(c)
        f["_row"] = sheet.rows[src] if len(src) else np.array([], dtype=int)
        canonical = False
    else:
        src = np.arange(n)
        f = pd.DataFrame(_meta(sheet, src))
        for c in (
            "section_id",
            "sampled_on",
            "sampled_at",
            "source",
            "parameter",
            "value",
            "detection_limit",
            "below_detection_limit",
            "unit",
        ):
            f["_raw_" + c] = raw(c).astype("str").reset_index(drop=True)
        f["parameter"] = parse.by_unique(
            f["_raw_parameter"],
            lambda u: u.map(lambda v: vocab.parameter_code(v) if isinstance(v, str) and v else None),
            dtype="str",
        )
        value_unit = _unit_for(sheet, hm, "value", cols.get("value", -1))
        if "unit" not in cols and value_unit:
            f["_raw_unit"] = value_unit
        canonical = is_canonical(sheet, hm)
        if "unit" in cols:
            headers["unit"] = sheet.header[cols["unit"]]
    headers.setdefault("unit", headers.get("value", ""))

    # section
    code, amb = refs.get("sections").resolve(f["_raw_section_id"])
    f["section_id"] = code
    f["_amb_section_id"] = amb.to_numpy()

    # dates and times; source (manual | auto): a time of day means an automatic station reading
    on, has_time, is_month = parse.dates(f["_raw_sampled_on"])
    at = pd.Series(pd.NaT, index=f.index, dtype="datetime64[us]")
    if "sampled_at" in cols:
        tod = parse.times(f["_raw_sampled_at"])
        full, full_has_time, _ = parse.dates(f["_raw_sampled_at"].where(tod.isna(), ""))
        at = (on.dt.normalize() + tod).where(tod.notna(), full)
        at_text_ok = tod.notna() | full.notna() | (f["_raw_sampled_at"] == "")
        f["_at_parsed"] = at_text_ok.to_numpy()
    at = at.where(at.notna(), on.where(has_time))
    if "source" in cols:
        allowed = schema.columns("readings")["source"].allowed
        assert allowed is not None  # source is a coded column
        f["source"] = parse.coded(f["_raw_source"], allowed, vocab.VALUE_ALIASES["source"])
        f["source"] = f["source"].where(f["_raw_source"] != "", np.where(at.notna(), "auto", "manual"))
    else:
        f["source"] = pd.Series(np.where(at.notna(), "auto", "manual"), index=f.index, dtype="str")
    f["sampled_at"] = at.where(f["source"] == "auto")
    f["sampled_on"] = at.dt.normalize().where(at.notna(), on).where(on.notna() | at.notna())
    monthly = bool(is_month.any())

    # value: number, '<0.01', '0.01L', 'ND'/'未检出' (+ detection-limit column)
    rv = f["_raw_value"]
    value = parse.number(rv)
    bdl = pd.Series(False, index=f.index)
    dl = pd.Series(np.nan, index=f.index, dtype="float64")
    odd = value.isna() & (rv != "")
    if odd.any():
        t = parse.nfkc(rv[odd])
        lt = t.str.extract(r"^<\s*([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)$")[0]
        lsuf = t.str.extract(r"^([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)\s*[Ll]$")[0]
        nd = t.str.lower().isin(vocab.NOT_DETECTED)
        limit = pd.to_numeric(lt.fillna(lsuf), errors="coerce")
        bdl.loc[odd] = (limit.notna() | nd).to_numpy()
        dl.loc[odd] = limit.to_numpy()
    dl_col = f["_raw_detection_limit"]
    dl_given = (
        parse.number(parse.nfkc(dl_col).str.removeprefix("<").str.removesuffix("L").str.strip())
        if (dl_col != "").any()
        else pd.Series(np.nan, index=f.index)
    )
    flag = parse.boolean(f["_raw_below_detection_limit"]).fillna(False).astype(bool)
    bdl = bdl | flag
    dl = dl.where(dl.notna(), dl_given.where(bdl))
    # a flagged row with a number in value: that number is the limit (canonical export shape)
    dl = dl.where(dl.notna() | ~flag, value)
    f["below_detection_limit"] = bdl.to_numpy()
    f["_dl_parsed"] = (dl_col == "") | dl_given.notna()
    value = value.where(~bdl)

    # units -> the warehouse unit of the parameter
    status, factor = _unit_factors(f["parameter"], f["_raw_unit"], canonical)
    f["_unit_status"] = status.to_numpy()
    f["value"] = _scale(value, factor)
    f["detection_limit"] = _scale(dl, factor)
    f["_value_parsed"] = ((rv == "") | value.notna() | bdl).to_numpy()
    f["_value_present"] = (rv != "").to_numpy()
    if hm.is_wide:
        headers["value"] = ""
    # a column the file does not have is absent from the frame: the schema reports it once
    for c in ("section_id", "sampled_on") + (() if hm.is_wide else ("parameter", "value")):
        if c not in cols:
            f = f.drop(columns=[c])
    f = f.reset_index(drop=True)
    f.attrs["wide"] = hm.is_wide
    return Parsed(f, headers, problems, monthly)


def _unit_factors(code: pd.Series, unit_raw: pd.Series, canonical: bool) -> tuple[pd.Series, pd.DataFrame]:
    """Per row: unit status (ok | missing | unknown | mismatch | '' when the parameter is unknown)
    and the exact conversion to the warehouse unit as numerator and denominator (NaN when none)."""
    params = vocab.parameters()
    pair = code.fillna("").astype("str") + "\x1f" + unit_raw.fillna("").astype("str")

    def one(p: str) -> tuple[str, Fraction | None]:
        c, u = p.split("\x1f", 1)
        if not c or c not in params:
            return "", None
        target = params[c]["unit"]
        if u.strip() == "":
            if canonical or target == DIMENSIONLESS:
                return "ok", Fraction(1)
            return "missing", None
        if vocab.unit_of(u) is None:
            return "unknown", None
        f = vocab.conversion(u, target)
        if f is None:
            return "mismatch", None
        return "ok", f

    codes, uniques = pd.factorize(pair)
    results = [one(p) for p in uniques]
    status = np.array([r[0] for r in results], dtype=object)
    num = np.array([r[1].numerator if r[1] is not None else np.nan for r in results], dtype="float64")
    den = np.array([r[1].denominator if r[1] is not None else np.nan for r in results], dtype="float64")
    idx = np.where(codes < 0, 0, codes)
    if len(results) == 0:
        return pd.Series([], dtype="str"), pd.DataFrame({"num": [], "den": []})
    return (
        pd.Series(status.take(idx), index=code.index, dtype="str"),
        pd.DataFrame({"num": num.take(idx), "den": den.take(idx)}, index=code.index),
    )


def _scale(x: pd.Series, factor: pd.DataFrame) -> pd.Series:
    """x * num / den per row (exact for 15 μg/L -> 0.015 mg/L: 15 * 1 / 1000); unchanged without a factor."""
    out = x.astype("float64")
    num, den = factor["num"], factor["den"]
    keep = ((num == 1) & (den == 1)) | num.isna()  # no factor: the row is rejected for its unit anyway
    if keep.all():
        return out
    return out.where(keep, out * num / den)


# --------------------------------------------------------------------------------------- generic


def _generic(sheet: Sheet, hm: HeaderMap, refs: Refs) -> Parsed:
    kind = hm.kind
    df = sheet.data
    n = len(df)
    info = schema.columns(kind)
    cols = hm.columns
    headers = {c: sheet.header[p] for c, p in cols.items()}
    problems: list[dict] = []
    f = pd.DataFrame(_meta(sheet, np.arange(n)))
    canonical = is_canonical(sheet, hm)
    monthly = False

    def raw(c: str) -> pd.Series:
        return df[cols[c]].astype("str").reset_index(drop=True) if c in cols else _empty_text(n, f.index)

    unit_raw = raw("unit") if "unit" in cols and kind in PARAMETER_ROW_KINDS else None
    if kind in PARAMETER_ROW_KINDS and "parameter" in cols:
        f["_raw_parameter"] = raw("parameter")
        f["parameter"] = parse.by_unique(
            f["_raw_parameter"],
            lambda u: u.map(lambda v: vocab.parameter_code(v) if isinstance(v, str) and v else None),
            dtype="str",
        )
        urow = unit_raw if unit_raw is not None else _empty_text(n, f.index)
        vunit = _unit_for(sheet, hm, "value", cols.get("value", -1))
        if unit_raw is None and vunit:
            urow = pd.Series([vunit] * n, dtype="str", index=f.index)
        f["_raw_unit"] = urow
        status, factor = _unit_factors(f["parameter"], urow, canonical)
        f["_unit_status"] = status.to_numpy()
        headers.setdefault("unit", headers.get("value", ""))
    elif kind in PARAMETER_ROW_KINDS:
        factor = pd.DataFrame({"num": np.ones(n), "den": np.ones(n)}, index=f.index)

    for col in columns.kind_columns()[kind]:
        name = col.name
        if col.helper or name not in info or name == "parameter" and kind in PARAMETER_ROW_KINDS:
            continue
        ci = info[name]
        if name not in cols and name != "geom_wkb":
            if col.fallback and col.fallback in cols:
                headers[name] = headers[col.fallback]
                f["_raw_" + name] = raw(col.fallback)
            elif ci.type.endswith("[]"):
                f["_raw_" + name] = _empty_text(n, f.index)
            elif ci.default is not None and ci.not_null:
                f["_raw_" + name] = _empty_text(n, f.index)
            else:
                continue  # absent: a required column is reported missing by the schema
        else:
            f["_raw_" + name] = raw(name) if name in cols else _empty_text(n, f.index)
            if col.fallback and col.fallback in cols:
                f["_raw_" + name] = f["_raw_" + name].where(f["_raw_" + name] != "", raw(col.fallback))
        r = f["_raw_" + name]
        pos = cols.get(name, -1)
        if col.ref and col.ref_by:
            code, amb = _resolve_by_kind(refs, col.ref, r, f[col.ref_by])
            f[name] = code
            f["_amb_" + name] = amb.to_numpy()
        elif col.ref:
            code, amb = refs.get(col.ref).resolve(r)
            f[name] = code
            f["_amb_" + name] = amb.to_numpy()
            if ci.default is not None:
                f[name] = f[name].where(r != "", ci.default.strip("'"))
        elif ci.allowed:
            f[name] = parse.coded(r, ci.allowed, vocab.VALUE_ALIASES.get(name, {}))
            if ci.default is not None and ci.not_null:  # an empty cell takes the column's default
                f[name] = f[name].where(r != "", ci.default.strip("'"))
        elif ci.type == "DOUBLE":
            x = parse.number(r, pct=col.pct)
            given = _unit_for(sheet, hm, name, pos)
            if kind in PARAMETER_ROW_KINDS and name in ("value", "limit_value"):
                x = _scale(x, factor)
            elif given and col.unit:
                conv = vocab.conversion(given, col.unit)
                if conv is None:
                    problems.append(
                        {
                            "row": None,
                            "column": headers.get(name, name),
                            "value": given,
                            "code": "unit_mismatch",
                            "values": {"unit": given, "parameter": headers.get(name), "expected": col.unit},
                            "reject": True,
                        }
                    )
                elif conv != 1:
                    x = x * conv.numerator / conv.denominator
            f[name] = x
        elif ci.type == "INTEGER":
            f[name] = parse.water_class(r) if name in ("target_class", "threshold_class") else parse.integer(r)
        elif ci.type == "BOOLEAN":
            f[name] = parse.boolean(r)
        elif ci.type in ("DATE", "TIMESTAMP"):
            d, _, is_month = parse.dates(r)
            monthly = monthly or (not col.month and bool(is_month.any()))
            d = d.dt.normalize() if ci.type == "DATE" else d
            if col.month:
                d = d.dt.to_period("M").dt.start_time.astype("datetime64[us]").where(d.notna())
            f[name] = d
        elif ci.type.endswith("[]"):
            f[name], f["_bad_" + name] = _parameter_list(r)
        elif ci.type == "BLOB":
            f[name], f["_geom_status"] = _geometry(sheet, hm, r, kind)
        else:  # VARCHAR: an empty cell is NULL (or the column's default, e.g. '' for district-wide)
            key_col = name in schema.keys(kind)
            text = parse.nfkc(r) if key_col else r
            empty = ci.default.strip("'") if ci.default is not None and ci.not_null else None
            f[name] = text.where(r != "", empty)
    return Parsed(f, headers, problems, monthly)


def _resolve_by_kind(refs: Refs, target: str, raw: pd.Series, kinds: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(code or NA, is-ambiguous) for references whose table depends on another column (river_positions:
    object_id within its object_kind). A row whose kind is not known keeps its text: the kind column
    reports that row."""
    code = raw.where(raw != "", None).astype(object)
    amb = pd.Series(False, index=raw.index)
    k = kinds.astype(object).to_numpy()
    for kind in pd.unique(k[pd.notna(k)]):
        key = f"{target}:{kind}"
        if key not in refs.index:
            continue
        sel = k == kind
        c, a = refs.get(key).resolve(raw[sel])
        code[sel] = c.astype(object).to_numpy()
        amb[sel] = a.to_numpy()
    return code.astype("str"), amb


def _parameter_list(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'氟化物;总氮' / 'fluoride、tn' -> 'fluoride;tn' (the canonical ';' list) and a bad-name flag."""

    def one(v: str) -> tuple[str, bool]:
        parts = [p for p in re.split(r"[;；,，、/\s]+", vocab.norm_text(v)) if p]
        codes = [vocab.parameter_code(p) for p in parts]
        return ";".join(c for c in codes if c), any(c is None for c in codes)

    text = parse.by_unique(raw, lambda u: u.map(lambda v: one(v)[0] if isinstance(v, str) else ""), dtype="str")
    bad = parse.by_unique(raw, lambda u: u.map(lambda v: one(v)[1] if isinstance(v, str) else False), dtype=bool)
    return text, bad


# kinds with one row per parameter (a parameter column, a value and its unit): parameter names map to
# codes and values convert to the parameter's warehouse unit, as for readings
PARAMETER_ROW_KINDS = ("outfall_inspections", "drinking_source_samples")

GEOMETRY_TYPES: dict[str, tuple[str, ...]] = {
    "pipes": ("LineString", "MultiLineString"),
    "rivers": ("LineString", "MultiLineString"),
    "towns": ("Polygon", "MultiPolygon"),
    "drinking_source_zones": ("Polygon", "MultiPolygon"),
}


def _geometry(sheet: Sheet, hm: HeaderMap, raw: pd.Series, kind: str) -> tuple[pd.Series, np.ndarray]:
    """WKB bytes per row from the GeoJSON geometry or a WKT column; status ok | missing | invalid | type."""
    import shapely

    n = len(raw)
    wanted = GEOMETRY_TYPES.get(kind)
    if sheet.geometry is not None:
        wkb = list(sheet.geometry)
        geoms = [None if not b else shapely.from_wkb(b) for b in wkb]
        status = ["missing" if b is None else "invalid" if b == b"" else "ok" for b in wkb]
    else:
        texts = raw.to_numpy(dtype=object)
        geoms = list(shapely.from_wkt(np.where(texts == "", None, texts), on_invalid="ignore")) if n else []
        status = ["missing" if t == "" else "invalid" if g is None else "ok" for t, g in zip(texts, geoms)]
        wkb = [g.wkb if g is not None else None for g in geoms]
    for i, g in enumerate(geoms):
        if status[i] == "ok" and wanted and g is not None and g.geom_type not in wanted:
            status[i] = "type"
    return pd.Series([b if b else None for b in wkb], dtype=object), np.array(status, dtype=object)
