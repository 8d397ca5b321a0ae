"""Downloads: CSV that opens in Chinese Excel (UTF-8 with BOM), .xlsx, GeoJSON; safe file names.

The CSV path goes through Arrow's multi-threaded writer, not pandas.to_csv (measured in
benchmarks/): the rows are exactly the frame given, in its order, with its column names."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

BOM = "\ufeff".encode("utf-8")
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, less the header row
_UNSAFE = re.compile(r"[^\w\-.\u4e00-\u9fff]+")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel in a Chinese locale reads it as UTF-8), header included."""
    return arrow_csv_bytes(_arrow(df))


def arrow_csv_bytes(table: pa.Table) -> bytes:
    """An Arrow table as UTF-8 CSV with a BOM: the fast path for large exports straight from a query
    (DuckDB -> Arrow -> CSV, multi-threaded, no pandas on the way)."""
    sink = io.BytesIO()
    sink.write(BOM)
    pacsv.write_csv(_readable_times(table), sink, pacsv.WriteOptions(include_header=True, quoting_style="needed"))
    return sink.getvalue()


def _arrow(df: pd.DataFrame) -> pa.Table:
    out = df.copy(deep=False)
    out.columns = [str(c) for c in out.columns]
    return pa.Table.from_pandas(out, preserve_index=False)


def _readable_times(table: pa.Table) -> pa.Table:
    """Timestamps at midnight everywhere become dates; others whole seconds (no '.000000')."""
    cols = []
    for field, col in zip(table.schema, table.columns):
        if pa.types.is_timestamp(field.type):
            col = pc.cast(col, pa.timestamp("s", tz=field.type.tz), safe=False)
            valid = pc.drop_null(col)
            if len(valid) == 0 or pc.all(pc.equal(pc.cast(pc.cast(valid, pa.date32()), col.type), valid)).as_py():
                col = pc.cast(col, pa.date32())
        cols.append(col)
    return pa.Table.from_arrays(cols, names=table.column_names)


def xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """An .xlsx workbook with one sheet holding the frame (raises if it exceeds Excel's row limit)."""
    if len(df) > XLSX_MAX_ROWS:
        raise ValueError(f"{len(df)} rows exceed Excel's limit of {XLSX_MAX_ROWS}")
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        _plain(df).to_excel(writer, sheet_name=_sheet(sheet_name), index=False)
    return out.getvalue()


def geojson_bytes(features: list[dict]) -> bytes:
    """A FeatureCollection as UTF-8 JSON (coordinates as given)."""
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def file_name(*parts, ext: str) -> str:
    """'bishui_<parts>.<ext>' with every part made safe for a file name (Chinese kept)."""
    clean = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, (dt.date, dt.datetime)):
            part = part.strftime("%Y%m%d") if isinstance(part, dt.date) else part.strftime("%Y%m%d%H%M")
        text = _UNSAFE.sub("-", str(part)).strip("-")
        if text:
            clean.append(text[:60])
    return "_".join(["bishui", *clean]) + f".{ext}"


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Columns as plain strings (Arrow and Excel need string names); timezone-free datetimes."""
    out = df.copy()
    out.columns = [str(c) for c in out.columns]
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            values = out[col]
            if values.dropna().eq(values.dropna().dt.normalize()).all():
                out[col] = values.dt.strftime("%Y-%m-%d")
            else:
                out[col] = values.dt.strftime("%Y-%m-%d %H:%M:%S")
    return out


def _sheet(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "data"
