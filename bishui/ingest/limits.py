"""How much one file may cost to read: caps checked before and while a file is read, and the child
process that parses an upload with memory and time limits (issue 16: a 1.6 KB .xlsx with one cell at
XFD1048576 made the Excel reader abort the whole server; small files took minutes and gigabytes).

    Limits()                      the defaults (the Data page and `python -m bishui import`)
    check_workbook(data, limits)  declared sheet dimensions, highest cell reference, unzipped size,
                                  read from the zip with a bounded streaming scan, before any parsing
    prepare_isolated(...)         api.prepare in a child process (RLIMIT_AS, a time limit, stopped
                                  when the caller's should_stop() says so or the caller is interrupted)

A bad file can only fail its own check: the report says which cap it hit, in zh and en."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    """Caps on one file. None: no cap."""

    max_rows: int | None = 2_000_000  # data rows (1M hourly readings is a routine import)
    max_columns: int | None = 1_000  # a wide readings table has a few dozen
    max_cells: int | None = 20_000_000  # rows x columns of a sheet as the Excel reader would lay it out
    max_unzipped_mb: float | None = 1_000.0  # what an .xlsx/.ods decompresses to (zip bombs)
    max_problems: int | None = 10_000  # problems listed in the report (every bad row is still rejected)
    time_limit_s: float | None = 600.0  # preparing one file in the child process
    memory_mb: int | None = 6_000  # the child process's address space (RLIMIT_AS)

    @classmethod
    def none(cls) -> "Limits":
        return cls(**{f.name: None for f in dataclasses.fields(cls)})

    def replace(self, **changes) -> "Limits":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


DEFAULT = Limits()


class LimitError(Exception):
    """A file over a cap. `code` is a message code of bishui.ingest.messages, `values` its fields."""

    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code = code
        self.values = values


# ---------------------------------------------------------------------------------------- workbooks
_DIM = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
# the r attribute of <c r="XFD1048576"> and <row r="1048576"> (no other sheet element has one)
_REF_ROW = re.compile(rb'\sr="[A-Za-z]{0,4}(\d{1,9})"')
_REF_COL = re.compile(rb'\sr="([A-Za-z]{1,4})\d')
_REF = re.compile(r"\$?([A-Za-z]{1,4})\$?(\d{1,9})")
CHUNK = 1 << 20
OVERLAP = 512


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def _extent(ref: str) -> tuple[int, int]:
    """(rows, columns) an A1:XFD1048576 (or single-cell) reference spans from A1."""
    rows = cols = 0
    for letters, digits in _REF.findall(ref):
        rows, cols = max(rows, int(digits)), max(cols, col_number(letters))
    return rows, cols


def check_workbook(data: bytes, name: str, limits: Limits) -> None:
    """Raise LimitError when an .xlsx (or .ods) would cost more than the limits allow: its unzipped
    size, or a sheet's declared dimension or highest cell reference (rows, columns, rows x columns).
    Reads the zip's sheet XML in bounded chunks with a regex scan (no XML tree, no cell values)."""
    if data[:4] != b"PK\x03\x04":
        return  # .xls (OLE): small by the upload cap; the child's limits guard it
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # damaged: the reader says so
    budget = None if limits.max_unzipped_mb is None else int(limits.max_unzipped_mb * 1024 * 1024)
    declared = sum(i.file_size for i in infos)
    if budget is not None and declared > budget:
        raise LimitError("limit_unzipped", mb=round(declared / 1024 / 1024), max=number_text(limits.max_unzipped_mb))
    seen = 0
    names = _sheet_names(z)
    for info in infos:
        lower = info.filename.lower()
        if not (lower.startswith("xl/worksheets/") and lower.endswith(".xml")):
            continue
        rows = cols = 0
        tail = b""
        with z.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                seen += len(chunk)
                if budget is not None and seen > budget:  # a size the zip's directory did not declare
                    raise LimitError(
                        "limit_unzipped", mb=round(seen / 1024 / 1024), max=number_text(limits.max_unzipped_mb)
                    )
                text = tail + chunk
                for m in _DIM.finditer(text):
                    r, c = _extent(m.group(1).decode("ascii", "replace"))
                    rows, cols = max(rows, r), max(cols, c)
                found = _REF_ROW.findall(text)
                if found:
                    rows = max(rows, max(map(int, found)))
                letters = set(_REF_COL.findall(text))
                if letters:
                    cols = max(cols, max(col_number(x.decode("ascii")) for x in letters))
                _check_extent(rows, cols, name, names.get(info.filename, _sheet_of(lower)), limits)
                tail = text[-OVERLAP:]


def _sheet_names(z: zipfile.ZipFile) -> dict[str, str]:
    """zip member -> the sheet's name as the user sees it (best effort; {} when unclear)."""
    import xml.etree.ElementTree as ET

    try:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    target = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for el in wb.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            t = target.get(rid, "").lstrip("/")
            out[t if t.startswith("xl/") else "xl/" + t] = el.get("name", "")
    return out


def _sheet_of(member: str) -> str:
    return Path(member).stem


def _check_extent(rows: int, cols: int, name: str, sheet: str, limits: Limits) -> None:
    corner = f"{_letters(cols)}{rows}" if rows and cols else ""
    if limits.max_columns is not None and cols > limits.max_columns:
        raise LimitError("limit_sheet_columns", sheet=sheet, cell=corner, n=cols, max=limits.max_columns)
    if limits.max_rows is not None and rows > limits.max_rows + 100:
        raise LimitError("limit_sheet_rows", sheet=sheet, cell=corner, n=rows, max=limits.max_rows)
    if limits.max_cells is not None and rows * cols > limits.max_cells:
        raise LimitError("limit_sheet_cells", sheet=sheet, cell=corner, n=rows * cols, max=limits.max_cells)


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def number_text(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


# ------------------------------------------------------------------------------------- text files
def check_text_rows(data: bytes, limits: Limits) -> None:
    """Raise LimitError when a text file has more lines than max_rows allows (counted on the bytes,
    before any parsing; a few header lines are allowed on top)."""
    if limits.max_rows is None:
        return
    n = data.count(b"\n")
    if n > limits.max_rows + 100:
        raise LimitError("limit_rows", n=n, max=limits.max_rows)


def check_columns(n: int, limits: Limits) -> None:
    if limits.max_columns is not None and n > limits.max_columns:
        raise LimitError("limit_columns", n=n, max=limits.max_columns)


def check_rows(n: int, limits: Limits) -> None:
    if limits.max_rows is not None and n > limits.max_rows:
        raise LimitError("limit_rows", n=n, max=limits.max_rows)


# ---------------------------------------------------------------------------------- child process
class Cancelled(Exception):
    """The caller stopped the preparation (its session ended, or a new upload replaced the file)."""
