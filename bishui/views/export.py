"""Downloads: CSV that opens in Chinese Excel (UTF-8 with BOM), .xlsx, GeoJSON; safe file names.

The CSV path goes through Arrow's multi-threaded writer, not pandas.to_csv (measured in
benchmarks/): the rows are exactly the frame given, in its order, with its column names.

Every spreadsheet file the app or the CLI writes is safe to open (OWASP "CSV injection"): a text cell
starting with = + - @, a tab or a carriage return gets a leading apostrophe in CSV (safe_text), and is
written as a string cell with Excel's quote prefix in .xlsx (never a formula). Numbers stay numbers:
numeric columns are untouched and a text cell that is a plain number such as -0.5 is left as it is.
The importer drops that apostrophe again (bishui.ingest.read), so downloads import back unchanged."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import unicodedata
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

BOM = "\ufeff".encode("utf-8")
XLSX_MAX_ROWS = 1_048_574  # Excel's sheet limit, less the title and header rows
_UNSAFE = re.compile(r"[^\w\-.\u4e00-\u9fff]+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_RE = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_NUMBER = re.compile(_NUMBER_RE)
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def needs_quote(text: str) -> bool:
    """True when a spreadsheet could take this text for a formula (OWASP: it starts with = + - @, a tab
    or a carriage return); a plain number such as -0.5 or +3 is not a formula."""
    return bool(text) and text[0] in FORMULA_START and _NUMBER.match(text) is None


def safe_text(value):
    """A text cell with a leading apostrophe when a spreadsheet could run it as a formula; anything
    else (numbers, None, harmless text) unchanged."""
    if isinstance(value, str) and needs_quote(value):
        return "'" + value
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel in a Chinese locale reads it as UTF-8), header included."""
    return arrow_csv_bytes(_arrow(df))


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with safe_text applied to every text cell and column name (for writers other than
    csv_bytes / xlsx_bytes, which do it themselves)."""
    out = df.copy()
    out.columns = [safe_text(str(c)) for c in out.columns]
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(safe_text)
    return out


def arrow_csv_bytes(table: pa.Table) -> bytes:
    """An Arrow table as UTF-8 CSV with a BOM: the fast path for large exports straight from a query
    (DuckDB -> Arrow -> CSV, multi-threaded, no pandas on the way)."""
    sink = io.BytesIO()
    sink.write(BOM)
    pacsv.write_csv(
        _safe_arrow(_readable_times(table)), sink, pacsv.WriteOptions(include_header=True, quoting_style="needed")
    )
    return sink.getvalue()


def _safe_arrow(table: pa.Table) -> pa.Table:
    """Every text column (and column name) made safe with safe_text's rule, vectorised."""
    cols = []
    for field, col in zip(table.schema, table.columns):
        kind = field.type
        if pa.types.is_dictionary(kind) and (
            pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)
        ):
            col = pc.cast(col, kind.value_type)
            kind = kind.value_type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            starts = pc.is_in(pc.utf8_slice_codeunits(col, 0, 1), value_set=pa.array(FORMULA_START, kind))
            if pc.any(starts).as_py():  # rare: only then look for plain numbers such as -0.5
                risky = pc.and_(starts, pc.invert(pc.match_substring_regex(col, _NUMBER_RE))).fill_null(False)
                col = pc.if_else(
                    risky, pc.binary_join_element_wise(pa.scalar("'", kind), col, pa.scalar("", kind)), col
                )
        cols.append(col)
    return pa.Table.from_arrays(cols, names=[safe_text(str(n)) for n in table.column_names])


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


def xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data", title: str | None = None) -> bytes:
    """An .xlsx workbook with one sheet holding the frame, ready to read: a title row (when given: what
    the table is, its filters, the data's as-of date) right above the header row, the header frozen and
    bold, columns as wide as their content, numbers as numbers with a format, dates as dates. Text is
    always written as a string cell (a value starting with = + - @ gets Excel's quote prefix: shown as
    typed, never run as a formula). Raises if the frame exceeds Excel's row limit."""
    if len(df) > XLSX_MAX_ROWS:
        raise ValueError(f"{len(df)} rows exceed Excel's limit of {XLSX_MAX_ROWS}")
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    frame = df.reset_index(drop=True)
    names = [str(c) for c in frame.columns]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(_sheet(sheet_name))
    header_row = 2 if title else 1
    ws.freeze_panes = f"A{header_row + 1}"
    kinds = [_xlsx_kind(frame.iloc[:, i]) for i in range(len(names))]
    widths = [_text_width(n) for n in names]
    for i, (kind, fmt) in enumerate(kinds):
        sample = frame.iloc[:1000, i]
        if kind == "text":
            widths[i] = max([widths[i]] + [_text_width(_xlsx_text(v)) for v in sample])
        else:
            widths[i] = max(widths[i], 10 if kind != "datetime" else 19, len(fmt))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w + 2, 8), 60)

    def cell(value, **style):
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"
            if needs_quote(value):
                c.quotePrefix = True
        for k, v in style.items():
            setattr(c, k, v)
        return c

    if title:
        ws.append([cell(title, font=Font(bold=True, size=13))])
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    ws.append([cell(n, font=Font(bold=True), fill=head_fill, alignment=Alignment(vertical="center")) for n in names])
    columns = []
    for i, (kind, fmt) in enumerate(kinds):
        col = frame.iloc[:, i]
        if kind == "datetime":
            values = [
                None if pd.isna(v) else v.tz_localize(None).to_pydatetime() if v.tzinfo else v.to_pydatetime()
                for v in col
            ]
        elif kind in ("int", "float"):
            values = [
                None if pd.isna(v) else (int(v) if kind == "int" else float(v)) for v in col.to_numpy(dtype=object)
            ]
        elif kind == "bool":
            values = [None if pd.isna(v) else bool(v) for v in col.to_numpy(dtype=object)]
        else:
            values = [_xlsx_value(v) for v in col.to_numpy(dtype=object)]
        columns.append(values)
    # one styled cell per formatted column, its value set row by row: write-only rows are serialised
    # on append, and a new styled cell per value costs twice the time
    templates = [cell(None, number_format=fmt) if fmt else None for _, fmt in kinds]
    for row in zip(*columns) if columns else ():
        out: list[Any] = []
        for value, (kind, fmt), tpl in zip(row, kinds, templates):
            if value is None:
                out.append(None)
            elif tpl is not None:
                tpl.value = value
                out.append(tpl)
            elif isinstance(value, str) and value[:1] == "=":
                out.append(cell(value))  # a raw "=…" would become a formula
            elif isinstance(value, str) and needs_quote(value):
                out.append(cell(value))
            else:
                out.append(value)
        ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_kind(col: pd.Series) -> tuple[str, str]:
    """(int | float | bool | datetime | date | text, Excel number format or '') of a column."""
    if pd.api.types.is_bool_dtype(col):
        return "bool", ""
    if pd.api.types.is_integer_dtype(col):
        return "int", "0"
    if pd.api.types.is_float_dtype(col):
        values = col.dropna().to_numpy(dtype=float)
        values = values[np.isfinite(values)]
        if len(values) == 0:
            return "float", "0.00"
        sample = values[:5000]
        decimals = next(
            (d for d in range(0, 4) if np.allclose(np.round(sample, d), np.round(sample, 4), atol=0, rtol=0)), 4
        )
        body = "#,##0" if np.nanmax(np.abs(values)) >= 10_000 else "0"
        return "float", body + ("." + "0" * decimals if decimals else "")
    if pd.api.types.is_datetime64_any_dtype(col):
        valid = col.dropna()
        at_midnight = len(valid) == 0 or bool(valid.eq(valid.dt.normalize()).all())
        return "datetime", "yyyy-mm-dd" if at_midnight else "yyyy-mm-dd hh:mm:ss"
    sample = col.dropna().head(1000)
    if len(sample) and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in sample):
        return "date", "yyyy-mm-dd"
    return "text", ""


def _xlsx_value(v):
    """A cell value of a text (object) column: str, a number, a date or None."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v)
    if isinstance(v, pd.Timestamp):
        return v.tz_localize(None).to_pydatetime() if v.tzinfo else v.to_pydatetime()
    if isinstance(v, (dt.datetime, dt.date)):
        return v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v
    if isinstance(v, (bytes, bytearray, memoryview)):
        return f"<{len(v)} bytes>"
    if isinstance(v, (list, tuple, np.ndarray)):
        return ";".join(str(x) for x in v)
    return _ILLEGAL_XML.sub("", str(v))


def _xlsx_text(v) -> str:
    v = _xlsx_value(v)
    return "" if v is None else str(v)


def _text_width(text: str) -> int:
    """Display width: a CJK (full-width) character counts double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


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


def _sheet(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "data"
