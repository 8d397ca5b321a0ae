"""Read what people send: CSV (UTF-8 with or without BOM, GBK/GB18030, UTF-16), XLSX/XLS (every
sheet, via python-calamine) and GeoJSON, into Sheets of text cells with the spreadsheet's own row
numbers. A title row above the header and a unit row below it are recognised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bishui.ingest import columns, vocab
from bishui.ingest.limits import (
    DEFAULT as DEFAULT_LIMITS,
    Limits,
    LimitError,
    check_columns,
    check_rows,
    check_text_rows,
    check_workbook,
)

HEADER_SCAN_ROWS = 15
QUOTED_FORMULA = r"^'(?=[=+\-@\t\r])"


class IngestError(Exception):
    """A file-level problem: the file cannot be read at all. `code` is a message code."""

    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass
class Sheet:
    """One table of text cells. `data` columns are positions 0..n-1 (as str; '' for empty),
    `rows` the row number the user sees for each data row (header row counted, 1-based)."""

    file: str
    name: str
    header: list[str]
    header_row: int  # 1-based; 0 when there is no header (empty sheet)
    data: pd.DataFrame
    rows: np.ndarray
    unit_row: list[str] | None = None  # a row of units right below the header
    geometry: list | None = None  # GeoJSON: WKB bytes (or None) per data row
    problems: list[dict] = field(default_factory=list)
    raw_prefix: list[list[str]] = field(default_factory=list)  # rows above the data (title, header, units)

    @property
    def n_rows(self) -> int:
        return len(self.data)


def source_bytes(source, file_name: str | None = None) -> tuple[bytes, str, Path | None]:
    """(bytes, file name, path or None) of a path, bytes, (name, bytes) or an uploaded file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), file_name or "upload", None
    if hasattr(source, "getvalue") and hasattr(source, "name"):  # Streamlit's UploadedFile, BytesIO
        return bytes(source.getvalue()), file_name or str(source.name), None
    if isinstance(source, tuple) and len(source) == 2:
        name, data = source
        return bytes(data), str(name), None
    path = Path(source)
    return path.read_bytes(), file_name or path.name, path


def read_any(source, file_name: str | None = None, limits: Limits = DEFAULT_LIMITS) -> list[Sheet]:
    """Every table in a file (path, bytes or (name, bytes)) as Sheets; raises IngestError when the
    file cannot be read at all (or is over one of the limits)."""
    data, name, _ = source_bytes(source, file_name)
    return read_bytes(data, name, limits)


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> list[Sheet]:
    try:
        sheets = _read_bytes(data, name, limits)
        for sheet in sheets:
            check_columns(len(sheet.header), limits)
        check_rows(sum(s.n_rows for s in sheets), limits)
        return sheets
    except LimitError as exc:
        raise IngestError(exc.code, **exc.values) from exc


def _read_bytes(data: bytes, name: str, limits: Limits) -> list[Sheet]:
    if len(data.strip()) == 0:
        raise IngestError("file_empty")
    lower = name.lower()
    if (
        data[:4] == b"PK\x03\x04"
        or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        or lower.endswith((".xlsx", ".xlsm", ".xls", ".ods"))
    ):
        check_workbook(data, name, limits)
        return _read_workbook(data, name, limits)
    check_text_rows(data, limits)
    text = decode(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    if lower.endswith((".geojson", ".json")) or stripped.startswith("{"):
        return [_read_geojson(stripped, name)]
    return [_read_csv_text(text, name, limits)]


# --------------------------------------------------------------------------------------------- text


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (a superset of GBK), else
    what charset-normalizer finds. Binary content is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError("encoding_unknown") from exc
    if b"\x00" in data[:8192]:
        raise IngestError("not_text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_binary(text)
        return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # pragma: no cover - library failure counts as unknown
        best = None
    if best is None or best.encoding is None:
        raise IngestError("not_text")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError("encoding_unknown") from exc
    _refuse_binary(text)
    return text


def _refuse_binary(text: str) -> None:
    sample = text[:20_000]
    if not sample:
        return
    control = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n") or 0xE000 <= ord(ch) <= 0xF8FF)
    if control > max(2, len(sample) // 100):
        raise IngestError("not_text")


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1
    for delim in (",", "\t", ";", "|"):
        counts = [line.count(delim) for line in lines if line.strip()]
        if not counts:
            continue
        score = sum(counts)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv_text(text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> Sheet:
    text = text.lstrip("\ufeff")
    head_lines = text[:200_000].splitlines()[: HEADER_SCAN_ROWS + 5]
    delim = _sniff_delimiter(head_lines[:HEADER_SCAN_ROWS])
    if limits.max_columns is not None:  # before any parsing: 100,000 columns cost minutes downstream
        check_columns(max((line.count(delim) + 1 for line in head_lines), default=0), limits)
    top = list(csv.reader(head_lines, delimiter=delim))
    header_idx = find_header(top)
    if header_idx is None:
        raise IngestError("no_header", n=HEADER_SCAN_ROWS)
    header = [vocab.norm_text(h) for h in top[header_idx]]
    while header and header[-1] == "":
        header.pop()
    ncols = max(len(header), 1)
    skip = header_idx + 1
    problems: list[dict] = []
    df = None
    has_blank_lines = "\n\n" in text or "\n\r\n" in text
    engines = ("c",) if has_blank_lines else ("pyarrow", "c")
    for engine in engines:
        try:
            extra = {} if engine == "pyarrow" else {"skip_blank_lines": False}
            df = pd.read_csv(
                io.StringIO(text),
                sep=delim,
                header=None,
                skiprows=skip,
                names=list(range(ncols)),
                dtype=str,
                keep_default_na=False,
                engine=engine,
                **extra,
            )
            break
        except Exception:
            df = None
    if df is None:
        df, problems = _read_csv_slow(text, delim, skip, ncols, name)
    df = df.fillna("")
    rows = np.arange(skip + 1, skip + 1 + len(df))
    sheet = Sheet(
        file=name,
        name="",
        header=header,
        header_row=header_idx + 1,
        data=df,
        rows=rows,
        problems=problems,
        raw_prefix=[list(r) for r in top[: header_idx + 1]],
    )
    return _finish(sheet)


def _read_csv_slow(text: str, delim: str, skip: int, ncols: int, name: str) -> tuple[pd.DataFrame, list[dict]]:
    """Row by row: ragged rows are padded; a row longer than the header is reported."""
    records, problems = [], []
    for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delim)):
        if i < skip:
            continue
        if len(row) > ncols and any(c.strip() for c in row[ncols:]):
            problems.append(
                {
                    "row": i + 1,
                    "column": "",
                    "value": delim.join(row[ncols:])[:80],
                    "code": "too_many_fields",
                    "values": {"n": len(row), "m": ncols},
                    "reject": True,
                }
            )
        records.append((row + [""] * ncols)[:ncols])
    return pd.DataFrame(records, columns=list(range(ncols)), dtype="str"), problems


def find_header(rows: list[list]) -> int | None:
    """Index of the header row among the first rows: best header score, at least 2 known names
    (1 for a single-column table)."""
    best, best_idx = 0, None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if c is not None and str(c).strip() != ""]
        score = columns.header_score([str(c) for c in cells])
        if score > best:
            best, best_idx = score, i
    if best >= 2 or (best == 1 and best_idx is not None and len([c for c in rows[best_idx] if str(c).strip()]) == 1):
        return best_idx
    return None


def _finish(sheet: Sheet) -> Sheet:
    """Drop a unit row right below the header (remember it), strip cells, drop blank rows."""
    df = sheet.data
    if len(df) and sheet.geometry is None:
        first = [str(x) for x in df.iloc[0].tolist()]
        cells = [c for c in first if c.strip()]
        units = [vocab.unit_of(c) for c in cells]
        if cells and all(u is not None for u in units) and any(u is not None and u[0] != "none" for u in units):
            sheet.unit_row = [vocab.norm_text(c) for c in first]
            sheet.raw_prefix.append(first)
            df = df.iloc[1:]
            sheet.rows = sheet.rows[1:]
    df = df.reset_index(drop=True)
    for col in df.columns:
        text = df[col].astype("str")
        if text.str.startswith("'").any():  # the apostrophe our downloads put before = + - @ (export.safe_text)
            text = text.str.replace(QUOTED_FORMULA, "", regex=True)
        df[col] = text.str.strip()
    if len(df):
        blank = (df == "").all(axis=1).to_numpy()
        if blank.any():
            keep = ~blank
            df = df[keep].reset_index(drop=True)
            sheet.rows = sheet.rows[keep]
            if sheet.geometry is not None:
                sheet.geometry = [g for g, k in zip(sheet.geometry, keep) if k]
    sheet.data = df
    return sheet


# --------------------------------------------------------------------------------------------- xlsx


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        secs = int(value.total_seconds())
        return f"{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
    return str(value)


def _read_workbook(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> list[Sheet]:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
    except Exception as exc:
        raise IngestError("xlsx_damaged", detail=_short(exc)) from exc
    sheets = []
    for sheet_name in names:
        try:
            ws = wb.get_sheet_by_name(sheet_name)
        except Exception as exc:
            raise IngestError("xlsx_damaged", detail=_short(exc)) from exc
        height, width = int(getattr(ws, "total_height", 0) or 0), int(getattr(ws, "total_width", 0) or 0)
        if limits.max_cells is not None and height * width > limits.max_cells:  # before a Python object per cell
            raise IngestError("limit_sheet_cells", sheet=sheet_name, cell="", n=height * width, max=limits.max_cells)
        try:
            raw = ws.to_python(skip_empty_area=False)
        except Exception as exc:
            raise IngestError("xlsx_damaged", detail=_short(exc)) from exc
        rows = [[_cell_text(v) for v in r] for r in raw]
        if not any(any(c.strip() for c in r) for r in rows):
            continue  # an entirely blank sheet is not data
        header_idx = find_header(rows)
        if header_idx is None:
            sheets.append(
                Sheet(
                    file=name,
                    name=sheet_name,
                    header=[],
                    header_row=0,
                    data=pd.DataFrame(),
                    rows=np.array([], dtype=int),
                )
            )
            continue
        header = [vocab.norm_text(h) for h in rows[header_idx]]
        while header and header[-1] == "":
            header.pop()
        ncols = max(len(header), 1)
        body = rows[header_idx + 1 :]
        problems = []
        for i, r in enumerate(body):
            if len(r) > ncols and any(c.strip() for c in r[ncols:]):
                problems.append(
                    {
                        "row": header_idx + 2 + i,
                        "column": "",
                        "value": " ".join(r[ncols:])[:80],
                        "code": "too_many_fields",
                        "values": {"n": len(r), "m": ncols},
                        "reject": True,
                    }
                )
        body = [(r + [""] * ncols)[:ncols] for r in body]
        df = (
            pd.DataFrame(body, columns=list(range(ncols)), dtype="str")
            if body
            else pd.DataFrame({i: pd.Series([], dtype="str") for i in range(ncols)})
        )
        sheet = Sheet(
            file=name,
            name=sheet_name,
            header=header,
            header_row=header_idx + 1,
            data=df,
            rows=np.arange(header_idx + 2, header_idx + 2 + len(df)),
            problems=problems,
            raw_prefix=[list(r) for r in rows[: header_idx + 1]],
        )
        sheets.append(_finish(sheet))
    if not sheets:
        raise IngestError("no_sheets")
    return sheets


def _short(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]


# ------------------------------------------------------------------------------------------ geojson


def _read_geojson(text: str, name: str) -> Sheet:
    from shapely.geometry import shape

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError("geojson_invalid", detail=_short(exc)) from exc
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and isinstance(doc.get("features"), list):
        features = doc["features"]
    else:
        raise IngestError("geojson_invalid", detail="no FeatureCollection")
    header: list[str] = []
    for f in features:
        for k in (f or {}).get("properties") or {}:
            if k not in header:
                header.append(k)
    records, geoms = [], []
    for f in features:
        props = (f or {}).get("properties") or {}
        records.append(
            [
                _cell_text(props.get(k))
                if not isinstance(props.get(k), (list, dict))
                else json.dumps(props.get(k), ensure_ascii=False)
                for k in header
            ]
        )
        g = (f or {}).get("geometry")
        try:
            geoms.append(shape(g).wkb if g else None)
        except Exception:
            geoms.append(b"")  # unparseable: reported by validation
    ncols = len(header)
    df = (
        pd.DataFrame(records, columns=list(range(ncols)), dtype="str")
        if records
        else pd.DataFrame({i: pd.Series([], dtype="str") for i in range(ncols)})
    )
    header_norm = [vocab.norm_text(h) for h in header]
    # GeoJSON has no rows: a problem's row is the feature's number (1-based)
    sheet = Sheet(
        file=name, name="", header=header_norm, header_row=0, data=df, rows=np.arange(1, 1 + len(df)), geometry=geoms
    )
    return _finish(sheet)
