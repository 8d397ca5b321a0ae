"""`python -m bishui evaluate`: evaluate readings that are not in the warehouse, with the same SQL.

Input (UTF-8, with or without BOM): section_id, water_body_type, target_class, sampled_on,
parameter, value; value is a number or `<x` (below the detection limit x). Every problem is
reported with its line and column; a file with any problem writes no output and exits 1."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import sys
from pathlib import Path

import duckdb
import pandas as pd

from bishui import clock
from bishui.db import evaluation
from bishui.views import export
from bishui.db.sql import sql_text

REQUIRED = ("section_id", "water_body_type", "target_class", "sampled_on", "parameter", "value")
PARAMETER_CODES = (
    "ph",
    "do",
    "codmn",
    "cod",
    "bod5",
    "nh3n",
    "tp",
    "tn",
    "cu",
    "zn",
    "fluoride",
    "se",
    "as",
    "hg",
    "cd",
    "cr6",
    "pb",
    "cyanide",
    "phenol",
    "petroleum",
    "las",
    "sulfide",
    "fecal_coliform",
    "water_temp",
)
MAX_ERRORS_SHOWN = 50


class InputError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sections, readings) frames from the input text; raises InputError listing every problem."""
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise InputError(["line 1: the file is empty (expected a header row: " + ", ".join(REQUIRED) + ")"])
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError([f"line 1: missing column(s): {', '.join(missing)}"])
    idx = {c: header.index(c) for c in REQUIRED}
    problems: list[str] = []
    sections: dict[str, tuple[str, int]] = {}
    readings = []
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank line
        where = f"line {line_no}"
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))

        def cell(col: str) -> str:
            return row[idx[col]].strip()

        sid = cell("section_id")
        if not sid:
            problems.append(f"{where}, column section_id: empty")
        wbt = cell("water_body_type").lower()
        if wbt not in ("river", "lake", "reservoir"):
            problems.append(
                f"{where}, column water_body_type: {cell('water_body_type')!r} is not river, lake or reservoir"
            )
        tc_text = cell("target_class")
        tc = int(tc_text) if tc_text.isdigit() else None
        if tc is None or not 1 <= tc <= 5:
            problems.append(f"{where}, column target_class: {tc_text!r} is not a class 1-5")
        day_text = cell("sampled_on")
        try:
            day = dt.date.fromisoformat(day_text) if len(day_text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            problems.append(f"{where}, column sampled_on: {day_text!r} is not a date YYYY-MM-DD")
        param = cell("parameter").lower()
        if param not in PARAMETER_CODES:
            problems.append(f"{where}, column parameter: unknown parameter {cell('parameter')!r}")
        value_text = cell("value")
        below = value_text.startswith("<")
        number = _number(value_text[1:].strip() if below else value_text)
        if number is None:
            problems.append(f"{where}, column value: {value_text!r} is not a number or <detection limit")
        elif number < 0 and param != "water_temp":
            problems.append(f"{where}, column value: {value_text!r} is negative")
        elif below and number <= 0:
            problems.append(f"{where}, column value: detection limit {value_text!r} must be positive")
        if sid and wbt in ("river", "lake", "reservoir") and tc is not None:
            known = sections.setdefault(sid, (wbt, tc))
            if known != (wbt, tc):
                problems.append(
                    f"{where}, columns water_body_type/target_class: section {sid!r} was {known[0]}/{known[1]} "
                    f"on an earlier line, here {wbt}/{tc}"
                )
        readings.append((sid, param, day, None if below else number, below, number if below else None))
    if not readings and not problems:
        problems.append("line 2: the file has a header but no readings")
    if problems:
        raise InputError(problems)
    sec = pd.DataFrame(
        [(sid, wbt, tc) for sid, (wbt, tc) in sections.items()],
        columns=["section_id", "water_body_type", "target_class"],
    )
    rd = pd.DataFrame(
        readings,
        columns=["section_id", "parameter", "sampled_on", "value", "below_detection_limit", "detection_limit"],
    )
    rd["sampled_on"] = pd.to_datetime(rd["sampled_on"])
    return sec, rd


def evaluate(sections: pd.DataFrame, readings: pd.DataFrame, period: str) -> pd.DataFrame:
    """Evaluate in a throwaway in-memory warehouse with the production SQL."""
    con = duckdb.connect()
    try:
        evaluation.apply_schema(con)
        evaluation.load_reference(con)
        con.register("_sections", sections)
        con.register("_readings", readings)
        con.execute(sql_text("load/evaluate_input"))
        evaluation.refresh(con)
        return con.execute(sql_text("section_period_export"), {"period_kind": period, "now": clock.now()}).df()
    finally:
        con.close()


def main(input_path: Path, period: str, output: Path | None) -> int:
    try:
        raw = input_path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {input_path}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        print(f"error: {input_path} is not UTF-8 text (byte {exc.start})", file=sys.stderr)
        return 1
    try:
        sections, readings = parse(text)
    except InputError as exc:
        shown = exc.problems[:MAX_ERRORS_SHOWN]
        print(f"error: {input_path}: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        for line in shown:
            print(f"  {line}", file=sys.stderr)
        if len(exc.problems) > len(shown):
            print(f"  ... and {len(exc.problems) - len(shown)} more", file=sys.stderr)
        return 1
    result = evaluate(sections, readings, period)
    csv_text = export.safe_frame(result).to_csv(index=False, lineterminator="\n")  # no formulas for Excel
    if output is None:
        sys.stdout.write(csv_text)
    else:
        output.write_text(csv_text, encoding="utf-8")
    return 0
