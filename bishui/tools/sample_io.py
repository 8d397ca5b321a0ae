"""What every sample generator shares (bishui.tools.sample and the per-task generators it calls): the
moment the sample is cut and the writers that make its files byte-stable."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

AS_OF = dt.datetime(2025, 12, 15, 10, 0)  # automatic data up to here; December's manual samples not in yet


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def write_geojson(path: Path, features: list[dict]) -> Path:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return write_text(path, text)


def write_text(path: Path, text: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return path


def parameter_decimals(reference_dir: Path) -> dict[str, int]:
    """The reported decimals of every parameter (data/reference/parameters.csv): code -> decimals."""
    with open(reference_dir / "parameters.csv", encoding="utf-8", newline="") as fh:
        return {r["code"]: int(r["decimals"]) for r in csv.DictReader(fh)}
