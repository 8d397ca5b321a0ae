"""Validation of the typed canonical frame with pandera (one DataFrameSchema per kind and file).

Every rule is a pandera Column check, named by its message code (`error=`). Checks that need a
sibling column (pH range needs the parameter, 'not a number' needs the parsed value) close over
that column of the frame being validated; column-level checks keep pandera's failure cases to one
entry per failing cell (frame-wide checks would list every column of every failing row).
`validate(frame)` runs the schema lazily and returns the failures as (index, column, code)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from bishui.ingest import columns, parse, schema
from bishui.ingest.frame import PARAMETER_ROW_KINDS

DO_MAX_MG_L = 15.0  # DO saturation at 0 °C, sea level, fresh water is 14.6 mg/L: above 15 is impossible
PH_MIN, PH_MAX = 0.0, 14.0
SIGNED_PARAMETERS = {"orp", "water_temp"}  # may be below zero
LON_RANGE, LAT_RANGE = (73.0, 136.0), (3.0, 54.0)

PARSE_CODE = {
    "DOUBLE": "not_a_number",
    "INTEGER": "not_an_integer",
    "BOOLEAN": "not_a_boolean",
    "DATE": "not_a_date",
    "TIMESTAMP": "not_a_datetime",
}


def _sib(frame: pd.DataFrame, name: str):
    """A check helper: frame[name] aligned to the checked Series' index."""
    col = frame[name]

    def get(s: pd.Series) -> pd.Series:
        return col if len(s) == len(col) and s.index.equals(col.index) else col.reindex(s.index)

    return get


def _series(fn):
    """pandera wants a boolean Series back; the rules below compute numpy arrays."""

    def wrapped(s: pd.Series) -> pd.Series:
        out = fn(s)
        return out if isinstance(out, pd.Series) else pd.Series(np.asarray(out, dtype=bool), index=s.index)

    return wrapped


def _ok(fn, code: str) -> pa.Check:
    return pa.Check(_series(fn), error=code, ignore_na=False)


def _rule(fn, code: str) -> pa.Check:
    """A value rule (NA values pass)."""
    return pa.Check(_series(fn), error=code)


def _raw_checks(
    frame: pd.DataFrame, name: str, code: str, ok_mask_name: str | None = None, parsed: str | None = None
) -> list[pa.Check]:
    """Checks on _raw_<name>: not empty when required (code 'value_missing') and parsed when given."""
    out = []
    if parsed is not None and parsed in frame:
        p = _sib(frame, parsed)
        out.append(_ok(lambda s: (s == "") | p(s).notna().to_numpy(), code))
    if ok_mask_name is not None and ok_mask_name in frame:
        m = _sib(frame, ok_mask_name)
        out.append(_ok(lambda s: m(s).astype(bool).to_numpy(), code))
    return out


def build_schema(kind: str, frame: pd.DataFrame) -> pa.DataFrameSchema:
    """The pandera schema for one kind, bound to the frame being validated (for sibling columns)."""
    info = schema.columns(kind)
    specs = {c.name: c for c in columns.kind_columns()[kind]}
    tomorrow = pd.Timestamp(parse.today()) + pd.Timedelta(days=1)
    cols: dict[str, pa.Column] = {}
    raw_checks: dict[str, list[pa.Check]] = {}

    def add_raw(name: str, checks: list[pa.Check]) -> None:
        raw_checks.setdefault(name, []).extend(checks)

    wide = bool(frame.attrs.get("wide"))
    for name, ci in info.items():
        spec = specs.get(name)
        checks: list[pa.Check] = []
        if kind == "readings":
            required = name in ("section_id", "sampled_on") or (name in ("parameter", "value") and not wide)
        else:
            required = ci.required and not ci.type.endswith("[]") and name != "geom_wkb"
        raw = "_raw_" + name
        if raw in frame and name in frame and required and not (kind == "readings" and name == "value"):
            add_raw(name, [_ok(lambda s: s != "", "value_missing")])
        if raw in frame and name in frame and spec is not None and spec.ref:
            code = _sib(frame, name)
            amb = _sib(frame, "_amb_" + name)
            add_raw(
                name,
                [
                    _ok(
                        lambda s, code=code, amb=amb: (s == "") | code(s).notna().to_numpy() | amb(s).to_numpy(),
                        "unknown_reference",
                    ),
                    _ok(lambda s, amb=amb: ~amb(s).to_numpy(), "ambiguous_reference"),
                ],
            )
        elif (
            raw in frame
            and name in frame
            and ci.type in PARSE_CODE
            and not (kind == "readings" and name in ("value", "detection_limit", "below_detection_limit", "sampled_at"))
        ):
            code = "not_a_class" if name in ("target_class", "threshold_class") else PARSE_CODE[ci.type]
            add_raw(name, _raw_checks(frame, name, code, parsed=name))
        if ci.allowed and not (spec and spec.ref):
            checks.append(pa.Check.isin(list(ci.allowed), error="unknown_code"))
        if spec is not None and spec.nonneg:
            checks.append(pa.Check.ge(0, error="negative"))
        if spec is not None and spec.pct:
            checks.append(pa.Check.in_range(0, 100, error="pct_range"))
        if spec is not None and spec.lo is not None:
            checks.append(pa.Check.in_range(spec.lo, spec.hi, error="out_of_range"))
        if name == "lon":
            checks.append(pa.Check.in_range(*LON_RANGE, error="lon_range"))
        if name == "lat":
            checks.append(pa.Check.in_range(*LAT_RANGE, error="lat_range"))
        if spec is not None and spec.observed and ci.type in ("DATE", "TIMESTAMP"):
            checks.append(pa.Check.lt(tomorrow, error="future_date"))
        cols[name] = pa.Column(None, checks=checks, nullable=True, required=required, coerce=False)

    has = set(frame.columns)
    if kind in ("readings", *PARAMETER_ROW_KINDS) and "parameter" in has:
        param = _sib(frame, "parameter")
        status = _sib(frame, "_unit_status")
        if "_raw_parameter" in has:
            add_raw("parameter", [_ok(lambda s: (s == "") | param(s).notna().to_numpy(), "unknown_parameter")])
        if "_raw_unit" in has and "_unit_status" in has:
            add_raw(
                "unit",
                [
                    _ok(lambda s, c=c: (status(s) != c.removeprefix("unit_")).to_numpy(), c)
                    for c in ("unit_missing", "unit_unknown", "unit_mismatch")
                ],
            )
        if "value" in has:
            value_checks = [
                _rule(
                    lambda s: ~((param(s) == "ph").to_numpy() & ((s < PH_MIN) | (s > PH_MAX)).to_numpy()), "ph_range"
                ),
                _rule(lambda s: ~((param(s) == "do").to_numpy() & (s > DO_MAX_MG_L).to_numpy()), "do_saturation"),
                _rule(lambda s: ~(~param(s).isin(SIGNED_PARAMETERS).to_numpy() & (s < 0).to_numpy()), "negative"),
            ]
            cols["value"] = pa.Column(
                None,
                nullable=True,
                checks=value_checks + [c for c in cols["value"].checks if c.error != "negative"],
                required=cols["value"].required,
            )
    if kind == "readings" and "value" in has:
        bdl = _sib(frame, "below_detection_limit")
        dl = _sib(frame, "detection_limit")
        parsed = _sib(frame, "_value_parsed")
        add_raw(
            "value",
            [
                _ok(lambda s: (s != "").to_numpy() | bdl(s).to_numpy(), "value_missing"),
                _ok(lambda s: parsed(s).to_numpy(), "not_a_number"),
                _ok(lambda s: ~(bdl(s).to_numpy() & dl(s).isna().to_numpy()), "below_dl_without_limit"),
            ],
        )
        add_raw("detection_limit", _raw_checks(frame, "detection_limit", "not_a_number", ok_mask_name="_dl_parsed"))
        cols["detection_limit"] = pa.Column(
            None, nullable=True, required=False, checks=[pa.Check.gt(0, error="detection_limit_invalid")]
        )
    if kind == "readings" and "_at_parsed" in has:
        add_raw("sampled_at", _raw_checks(frame, "sampled_at", "not_a_datetime", ok_mask_name="_at_parsed"))
    for name in [c for c in frame.columns if c.startswith("_bad_")]:
        bad = _sib(frame, name)
        add_raw(name[5:], [_ok(lambda s, bad=bad: ~bad(s).to_numpy(), "unknown_parameter")])
    if "_geom_status" in frame:
        st = _sib(frame, "_geom_status")
        add_raw(
            "geom_wkb",
            [
                _ok(lambda s: (st(s) != "invalid").to_numpy(), "geometry_invalid"),
                _ok(lambda s: (st(s) != "type").to_numpy(), "geometry_type"),
            ],
        )
    if "_dupkey" in frame:
        cols["_dupkey"] = pa.Column(
            None,
            required=False,
            checks=[_ok(lambda s: ~s.duplicated(keep="first").to_numpy() | (s == 0).to_numpy(), "duplicate")],
        )

    for name, checks in raw_checks.items():
        if "_raw_" + name in frame:
            cols["_raw_" + name] = pa.Column(None, checks=checks, nullable=True, required=False)
    return pa.DataFrameSchema(cols, strict=False, coerce=False, name=kind)


def add_duplicate_key(kind: str, frame: pd.DataFrame) -> None:
    """_dupkey: a hash of the natural key (0 when a key part is missing: such rows are reported for
    that reason, not as duplicates)."""
    keys = [k for k in schema.keys(kind) if k in frame]
    if not keys or len(frame) == 0:
        frame["_dupkey"] = np.zeros(len(frame), dtype="uint64")
        return
    part = frame[keys]
    nullable_keys = {k for k in keys if not schema.columns(kind)[k].not_null}
    complete = np.ones(len(frame), dtype=bool)
    for k in keys:
        if k not in nullable_keys:
            complete &= frame[k].notna().to_numpy()
    h = pd.util.hash_pandas_object(part, index=False).to_numpy()
    frame["_dupkey"] = np.where(complete & (h != 0), h, 0).astype("uint64")


def validate(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Failures as a frame: index (frame row or None), column (frame column), code."""
    add_duplicate_key(kind, frame)
    sch = build_schema(kind, frame)
    # a shallow copy: pandera registers the schema on the validated object with a weakref whose
    # callback is noisy when it fires at interpreter exit; the copy dies here instead
    view = frame.copy(deep=False)
    try:
        sch.validate(view, lazy=True, inplace=True)
    except SchemaErrors as exc:
        fc = exc.failure_cases
        out = pd.DataFrame(
            {
                "index": fc["index"],
                "column": fc["column"].astype(object),
                "check": fc["check"].astype(str),
                "failure_case": fc["failure_case"],
            }
        )
        out["code"] = out["check"].map(_code_of)
        return out
    finally:
        del view
    return pd.DataFrame(columns=["index", "column", "check", "failure_case", "code"])


@functools.cache
def _code_of(check: str) -> str:
    if check == "column_in_dataframe":
        return "column_missing"
    return check if "(" not in check else "invalid"
