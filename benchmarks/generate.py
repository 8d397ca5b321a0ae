"""A deterministic province-scale data set for the benchmarks, in the canonical import format.

`python benchmarks/generate.py OUT_DIR [--scale 1.0]` writes: the sample district's small tables,
200 sections (the 13 sample ones plus generated ones), readings.parquet (9 automatic parameters
every 4 hours for 2021-2025 at every section, ~20 million rows, plus monthly manual samples of all
24 GB 3838 parameters), 50,000 outfalls (half of them inspected for COD and ammonia), 20,000 pipe
segments and the sample's river network. `--scale` shrinks every count
(the test runs it at a tiny scale). The warehouse is then built by the normal build path:
`bishui.db.warehouse.build(db, OUT_DIR)`."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bishui import config  # noqa: E402

SEED = 7_20_000
AUTO_PARAMS = ["water_temp", "ph", "do", "codmn", "cod", "nh3n", "tp", "tn", "fluoride"]
MANUAL_PARAMS = [
    "water_temp",
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
]
# typical level and spread (lognormal sigma) per parameter
LEVEL = {
    "water_temp": (16, 0.0),
    "ph": (7.8, 0.0),
    "do": (7.0, 0.25),
    "codmn": (5.5, 0.3),
    "cod": (22, 0.3),
    "bod5": (3.5, 0.3),
    "nh3n": (0.9, 0.5),
    "tp": (0.18, 0.45),
    "tn": (4.5, 0.35),
    "cu": (0.004, 0.4),
    "zn": (0.02, 0.4),
    "fluoride": (0.8, 0.3),
    "se": (0.0005, 0.3),
    "as": (0.002, 0.3),
    "hg": (0.00003, 0.3),
    "cd": (0.0004, 0.3),
    "cr6": (0.004, 0.3),
    "pb": (0.002, 0.3),
    "cyanide": (0.002, 0.3),
    "phenol": (0.0008, 0.3),
    "petroleum": (0.02, 0.4),
    "las": (0.05, 0.4),
    "sulfide": (0.01, 0.4),
    "fecal_coliform": (3000, 0.8),
}
COPY = [
    "towns.geojson",
    "rivers.geojson",
    "facilities.csv",
    "plant_effluent.csv",
    "network_blank_areas.csv",
    "water_bodies.csv",
    "water_body_inspections.csv",
    "targets.csv",
    "target_progress.csv",
    "tasks.csv",
    "task_updates.csv",
    "projects.csv",
    "compensation_rules.csv",
    "river_network.csv",
]
BBOX = (115.98, 36.40, 116.10, 36.48)


def _values(rng, param: str, n: int, season: np.ndarray) -> np.ndarray:
    level, sigma = LEVEL[param]
    if param == "water_temp":
        return np.round(16 + 12 * season + rng.normal(0, 1.0, n), 1)
    if param == "ph":
        return np.round(7.8 + rng.normal(0, 0.3, n), 2)
    if param == "do":
        return np.round(np.clip(8.5 - 3.0 * season + rng.normal(0, 0.8, n), 0.5, 14), 2)
    factor = 1 + 0.35 * np.clip(season, 0, None)
    return np.round(level * factor * rng.lognormal(0, sigma, n), 6)


def sections(rng, n_total: int) -> pd.DataFrame:
    base = pd.read_csv(config.SAMPLE_DIR / "sections.csv", dtype=str, keep_default_na=False)
    extra = n_total - len(base)
    towns = ["huxi", "lihaiwu", "yuji", "zhulaozhuang"]
    rivers = ["tuhai", "snwd", "sixin", "zhaowang", "yangjiao"]
    rows = pd.DataFrame(
        {
            "section_id": [f"bench_{i:03d}" for i in range(extra)],
            "name_zh": [f"基准断面{i:03d}" for i in range(extra)],
            "name_en": [f"Benchmark section {i:03d}" for i in range(extra)],
            "river_id": [rivers[i % 5] for i in range(extra)],
            "town_id": [towns[i % 4] for i in range(extra)],
            "control_level": "district",
            "water_body_type": np.where(rng.random(extra) < 0.1, "lake", "river"),
            "target_class": rng.choice(["3", "4", "5"], extra),
            "is_assessment": np.where(rng.random(extra) < 0.3, "true", "false"),
            "is_drinking_source": "false",
            "excluded_parameters": "",
            "has_auto_station": "true",
            "lon": np.round(rng.uniform(BBOX[0], BBOX[2], extra), 5).astype(str),
            "lat": np.round(rng.uniform(BBOX[1], BBOX[3], extra), 5).astype(str),
        }
    )
    return pd.concat([base, rows], ignore_index=True)


def readings(rng, section_ids: list[str], years: range, out: Path) -> int:
    """Write readings.parquet in row groups, one section at a time (bounded memory)."""
    times = pd.date_range(f"{years.start}-01-01", f"{years.stop - 1}-12-31 20:00", freq="4h")
    doy = times.day_of_year.to_numpy()
    season_auto = np.sin((doy - 110) / 365.25 * 2 * np.pi)
    months = pd.date_range(f"{years.start}-01-01", f"{years.stop - 1}-12-01", freq="MS") + pd.Timedelta(days=9)
    season_manual = np.sin((months.day_of_year.to_numpy() - 110) / 365.25 * 2 * np.pi)
    schema = pa.schema(
        [
            ("section_id", pa.string()),
            ("parameter", pa.string()),
            ("sampled_on", pa.date32()),
            ("sampled_at", pa.timestamp("us")),
            ("value", pa.float64()),
            ("below_detection_limit", pa.bool_()),
            ("detection_limit", pa.float64()),
            ("source", pa.string()),
        ]
    )
    total = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for sid in section_ids:
            frames = []
            for param in AUTO_PARAMS:
                v = _values(rng, param, len(times), season_auto)
                frames.append(
                    pa.table(
                        {
                            "section_id": pa.array([sid] * len(times)),
                            "parameter": pa.array([param] * len(times)),
                            "sampled_on": pa.array(times.date, pa.date32()),
                            "sampled_at": pa.array(times.to_numpy(), pa.timestamp("us")),
                            "value": pa.array(v),
                            "below_detection_limit": pa.array(np.zeros(len(times), bool)),
                            "detection_limit": pa.nulls(len(times), pa.float64()),
                            "source": pa.array(["auto"] * len(times)),
                        },
                        schema=schema,
                    )
                )
            for param in MANUAL_PARAMS:
                v = _values(rng, param, len(months), season_manual)
                frames.append(
                    pa.table(
                        {
                            "section_id": pa.array([sid] * len(months)),
                            "parameter": pa.array([param] * len(months)),
                            "sampled_on": pa.array(months.date, pa.date32()),
                            "sampled_at": pa.nulls(len(months), pa.timestamp("us")),
                            "value": pa.array(v),
                            "below_detection_limit": pa.array(np.zeros(len(months), bool)),
                            "detection_limit": pa.nulls(len(months), pa.float64()),
                            "source": pa.array(["manual"] * len(months)),
                        },
                        schema=schema,
                    )
                )
            table = pa.concat_tables(frames)
            writer.write_table(table)
            total += table.num_rows
    return total


def outfalls(rng, n: int) -> pd.DataFrame:
    statuses = np.array(["surveyed", "monitored", "traced", "rectifying", "closed"])
    status = statuses[rng.integers(0, 5, n)]
    traced = np.isin(status, ["traced", "rectifying", "closed"])
    return pd.DataFrame(
        {
            "outfall_id": [f"bo{i:06d}" for i in range(n)],
            "name_zh": [f"基准排口{i:06d}" for i in range(n)],
            "category": "other",
            "sub_type": "urban_storm",
            "river_id": np.array(["tuhai", "snwd", "sixin", "zhaowang", "yangjiao"])[rng.integers(0, 5, n)],
            "town_id": np.array(["huxi", "lihaiwu", "yuji", "zhulaozhuang"])[rng.integers(0, 4, n)],
            "lon": np.round(rng.uniform(BBOX[0], BBOX[2], n), 5).astype(str),
            "lat": np.round(rng.uniform(BBOX[1], BBOX[3], n), 5).astype(str),
            "status": status,
            "remediation": np.where(traced, "regularise", ""),
            "approval_state": "registered",
            "is_direct_sewage": "false",
            "responsible_unit": "基准责任单位",
            "tracing_result": "",
            "discovered_on": "2022-03-01",
            "traced_on": np.where(traced, "2022-06-01", ""),
            "rectification_deadline": np.where(traced, "2024-06-30", ""),
            "rectified_on": np.where(status == "closed", "2024-05-01", ""),
            "closed_on": np.where(status == "closed", "2024-06-01", ""),
        }
    )


def outfall_inspections(rng, outfall_ids: pd.Series) -> pd.DataFrame:
    """Two inspections (COD and ammonia) on each of about half the outfalls, a date in 2023-2025:
    what source tracing reads as an outfall's latest evidence."""
    ids = outfall_ids[rng.random(len(outfall_ids)) < 0.5].to_numpy()
    days = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, len(ids)), unit="D")
    on = days.strftime("%Y-%m-%d").to_numpy()
    frames = []
    for param, level, limit in (("cod", 30.0, 50), ("nh3n", 2.0, 5)):
        frames.append(
            pd.DataFrame(
                {
                    "outfall_id": ids,
                    "inspected_on": on,
                    "parameter": param,
                    "has_flow": "true",
                    "value": np.round(level * rng.lognormal(0, 0.6, len(ids)), 3),
                    "limit_value": limit,
                }
            )
        )
    return pd.concat(frames, ignore_index=True).sort_values(["outfall_id", "parameter"], kind="stable")


def pipes(rng, n: int) -> dict:
    x = rng.uniform(BBOX[0], BBOX[2], n)
    y = rng.uniform(BBOX[1], BBOX[3], n)
    dx = rng.normal(0, 0.0012, n)
    dy = rng.normal(0, 0.0012, n)
    kinds = np.array(["rain", "sewage", "combined"])[rng.integers(0, 3, n)]
    feats = []
    for i in range(n):
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "pipe_id": f"bp{i:06d}",
                    "kind": str(kinds[i]),
                    "was_combined": bool(kinds[i] == "combined"),
                    "diameter_mm": 400,
                    "length_m": 150.0,
                    "town_id": "huxi",
                    "road_zh": "基准路",
                    "retrofit_status": "planned" if kinds[i] == "combined" else "none",
                    "retrofit_started_on": None,
                    "separated_on": None,
                },
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[round(x[i], 5), round(y[i], 5)], [round(x[i] + dx[i], 5), round(y[i] + dy[i], 5)]],
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def generate(out: Path, scale: float = 1.0, years: range = range(2021, 2026)) -> dict[str, int]:
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        shutil.copyfile(config.SAMPLE_DIR / name, out / name)
    secs = sections(rng, max(13, int(round(200 * scale))))
    secs.to_csv(out / "sections.csv", index=False)
    n_readings = readings(rng, list(secs["section_id"]), years, out / "readings.parquet")
    outs = outfalls(rng, max(10, int(50_000 * scale)))
    outs.to_csv(out / "outfalls.csv", index=False)
    outfall_inspections(np.random.default_rng(SEED + 1), outs["outfall_id"]).to_csv(
        out / "outfall_inspections.csv", index=False
    )
    (out / "pipes.geojson").write_text(
        json.dumps(pipes(rng, max(10, int(20_000 * scale))), ensure_ascii=False), encoding="utf-8"
    )
    return {"sections": len(secs), "readings": n_readings, "outfalls": len(outs), "pipes": max(10, int(20_000 * scale))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    print(generate(args.out, args.scale))


if __name__ == "__main__":
    main()
