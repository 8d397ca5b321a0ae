"""Source tracing from the warehouse: reads the queries trace_*.sql and builds the ranked candidates
for one miss with bishui.rules.tracing (the rules and the score are documented there).

trace(section_id, month, parameter=None, lang) -> Trace: the section's reach, the located objects, the
candidates (one row per candidate: rank, kind, id, name, river_id, km, distance_km, parameter,
evidence, score) and whether anything in the reach explains the miss."""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from bishui import i18n
from bishui.rules import tracing
from bishui.db.store import execute, read_connection, warehouse_version


class UnknownSection(LookupError):
    """The section id is not in the warehouse."""


class WarehouseTooOld(RuntimeError):
    """The warehouse was built before the river network tables existed: rebuild it."""


@dataclass
class Trace:
    section_id: str
    month: dt.date
    parameter: str | None
    parameters: list[str]  # the parameters traced (the main pollutants when none was given)
    reach: tracing.Reach
    network: tracing.Network
    places: pd.DataFrame  # located objects (kind, object_id, name_zh, name_en, river_id, km, ...)
    candidates: pd.DataFrame  # tracing.COLUMNS
    explained: bool
    is_miss: bool
    message: str


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def geom_from_wkb(wkb) -> shapely.Geometry | None:
    if wkb is None or (not isinstance(wkb, (bytes, bytearray, memoryview)) and pd.isna(wkb)):
        return None
    return shapely.from_wkb(bytes(wkb))


def _fmt(x: float | None, digits: int = 3) -> str:
    if x is None or pd.isna(x):
        return "—"
    return f"{float(x):.{digits}g}" if abs(float(x)) < 1000 else f"{float(x):.0f}"


def _name(row, lang: str) -> str:
    name = row.get("name_en") if lang == "en" else row.get("name_zh")
    return str(name if isinstance(name, str) and name else row.get("name_zh") or row.get("object_id"))


def trace(
    section_id: str,
    month: dt.date,
    parameter: str | None = None,
    lang: str = "zh",
    con: duckdb.DuckDBPyConnection | None = None,
) -> Trace:
    """Trace the miss of section_id in month (first day) for parameter (default: its main pollutants)."""
    if con is None:
        with read_connection() as c:
            return trace(section_id, month, parameter, lang, c)
    month = month.replace(day=1)
    as_of = month_end(month)
    try:
        net, positions, arrays = _located(con)
    except duckdb.CatalogException as exc:  # built by a version without queries/schema/059
        raise WarehouseTooOld(str(exc)) from exc
    sections = positions[arrays["is_section"]]
    if section_id not in set(sections["object_id"]):
        raise UnknownSection(section_id)
    reach = tracing.reach(net, sections, section_id)
    # the reach's objects from the cached positions (vectorised over all of them), then only those
    # (ids bound as a list) read with what is open in the month: a few hundred rows, not 50,000
    near = positions[~arrays["is_section"] & reach.contains(arrays["river_id"], arrays["km"])]
    places = execute(con, "trace_places", as_of=as_of, object_ids=sorted(set(near["object_id"])))
    located = pd.concat([sections, near])[["kind", "object_id", "river_id", "km", "km_source"]]
    places = places.drop(columns=["river_id", "river_imported", "km_imported"]).merge(
        located, on=["kind", "object_id"], how="left"
    )
    in_reach = places[(places["kind"] != "section") & reach.contains(places["river_id"], places["km"])]

    misses = execute(con, "section_month_misses", month=month, town_id=None)
    mine = misses[misses["section_id"] == section_id]
    is_miss = not mine.empty
    if parameter:
        params = [parameter]
    elif is_miss:
        params = _main_pollutants(mine.iloc[0])
    else:
        params = []

    names = execute(con, "parameters_list").set_index("code")["name_en" if lang == "en" else "name_zh"]
    outfalls = in_reach[in_reach["kind"] == "outfall"]
    evidence = None
    if len(outfalls) and params:  # one query for every parameter traced
        evidence = execute(
            con,
            "trace_outfall_evidence",
            as_of=as_of,
            outfall_ids=outfalls["object_id"].tolist(),
            parameters=sorted({tracing.SOURCE_PARAMETER.get(p, p) for p in params}),
        )
    frames = [
        _candidates(con, sections, in_reach, reach, section_id, month, as_of, p, lang, names, evidence) for p in params
    ]
    frames = [f for f in frames if not f.empty]
    cands = tracing.rank(pd.concat(frames, ignore_index=True)) if frames else tracing.rank(pd.DataFrame())
    explained = tracing.is_explained(cands)
    message = _message(reach, places, is_miss, explained, params, lang)
    return Trace(section_id, month, parameter, params, reach, net, places, cands, explained, is_miss, message)


_POSITIONS: dict[tuple, tuple] = {}  # (database file, warehouse version) -> (network, positions)
_POSITIONS_LOCK = threading.Lock()


def network_and_positions(con: duckdb.DuckDBPyConnection) -> tuple[tracing.Network, pd.DataFrame]:
    """The river network and every object's position along it (tracing.locate over trace_objects),
    computed once per warehouse file version: positions do not depend on the month."""
    net, positions, _ = _located(con)
    return net, positions


def _located(con: duckdb.DuckDBPyConnection):
    """network_and_positions with the positions' columns as numpy arrays for vectorised reach tests."""
    files = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    path = Path(files[0][0]) if files and files[0][0] else None
    key = (str(path), warehouse_version(path)) if path is not None else None
    with _POSITIONS_LOCK:
        hit = _POSITIONS.get(key) if key else None
    if hit is not None:
        return hit
    rivers = execute(con, "trace_rivers")
    rivers["geom"] = rivers["geom_wkb"].map(geom_from_wkb)
    net = tracing.build_network(rivers)
    positions = tracing.locate(net, execute(con, "trace_objects"))
    arrays = {
        "is_section": (positions["kind"] == "section").to_numpy(dtype=bool),
        "river_id": np.array(positions["river_id"].tolist(), dtype=object),
        "km": pd.to_numeric(positions["km"], errors="coerce").to_numpy(dtype=float),
    }
    if key:
        with _POSITIONS_LOCK:
            while len(_POSITIONS) >= 4:
                _POSITIONS.pop(next(iter(_POSITIONS)))
            _POSITIONS[key] = (net, positions, arrays)
    return net, positions, arrays


def _main_pollutants(row) -> list[str]:
    """'nh3n:1.2;tp:0.5' -> ['nh3n', 'tp']; the parameters over the target when there are none."""
    for col in ("main_pollutants", "exceed_target"):
        text = row.get(col)
        if isinstance(text, str) and text.strip():
            return [item.split(":")[0] for item in text.split(";") if item.split(":")[0]]
    return []


def _candidates(
    con, sections, in_reach, reach, section_id, month, as_of, parameter, lang, names, evidence
) -> pd.DataFrame:
    """The candidates for one parameter. sections: every located section; in_reach: the located
    objects (other than sections) inside the reach."""
    rows: list[dict] = []
    values = execute(con, "trace_section_values", month=month, parameter=parameter).set_index("section_id")
    mine = values.loc[section_id] if section_id in values.index else None
    limit = None if mine is None else mine["limit_target"]
    direction = "le" if mine is None else mine["direction"]
    own_value = None if mine is None else mine["graded_value"]

    def add(kind, obj, evidence, score):
        km = obj["km"]
        km = None if km is None or pd.isna(km) else float(km)
        rows.append(
            {
                "kind": kind,
                "id": obj["object_id"],
                "name": _name(obj, lang),
                "river_id": obj["river_id"],
                "km": None if km is None else round(km, 3),
                "distance_km": reach.distance_km(obj["river_id"], km),
                "parameter": parameter,
                "evidence": evidence,
                "score": round(float(score), 4),
            }
        )

    ups = sections[sections["object_id"].isin(reach.upstream_sections)]
    by_id = {r["object_id"]: r for r in ups.to_dict("records")}

    # (a) upstream inflow
    for up in reach.upstream_sections:
        obj = dict(by_id[up])
        u = values.loc[up]["graded_value"] if up in values.index else None
        m = tracing.multiple(u, limit, direction)
        if m is None:
            add("upstream", obj, i18n.t("trc.ev.upstream_none", lang), 0.0)
            continue
        met = m <= 1.0
        key = "trc.ev.upstream_met" if met else "trc.ev.upstream_over"
        add(
            "upstream",
            obj,
            i18n.t(key, lang, value=_fmt(u), own=_fmt(own_value), limit=_fmt(limit), multiple=_fmt(m)),
            m,
        )
        rows[-1]["distance_km"] = _upstream_distance(reach, obj)

    src_param = tracing.SOURCE_PARAMETER.get(parameter, parameter)
    src_label = str(names.get(src_param, src_param))

    # (b) outfalls: the evidence of the reach's outfalls only (their ids bound as a list), built
    # column-wise (thousands of outfalls in a reach at province scale)
    outfalls = in_reach[in_reach["kind"] == "outfall"]
    if len(outfalls) and evidence is not None:
        ev = evidence[evidence["parameter"] == src_param].drop(columns=["parameter"])
        rows.extend(
            _outfall_rows(
                outfalls.merge(ev, left_on="object_id", right_on="outfall_id", how="left"),
                reach,
                as_of,
                parameter,
                src_label,
                lang,
            )
        )

    # (b) plants
    plants = in_reach[in_reach["kind"] == "plant"]
    if len(plants):
        ev = execute(con, "trace_plant_evidence", month=month, parameter=src_param).set_index("facility_id")
        for obj in plants.to_dict("records"):
            if obj["object_id"] not in ev.index:
                add("plant", obj, i18n.t("trc.ev.plant_no_data", lang, parameter=src_label), 0.0)
                continue
            e = ev.loc[obj["object_id"]]
            m = tracing.multiple(e["value"], e["limit_1a"])
            w = tracing.flow_weight(e["flow_m3_d"])
            text = i18n.t(
                "trc.ev.plant",
                lang,
                parameter=src_label,
                value=_fmt(e["value"]),
                limit=_fmt(e["limit_1a"]),
                multiple=_fmt(m),
                flow=_fmt(e["flow_m3_d"]),
                load=_fmt(e["load_rate_pct"]),
                weight=_fmt(w),
            )
            add("plant", obj, text, (m or 0.0) * w)

    # (b) overflow points, blank areas, black-odorous bodies: presumed sources while open
    for kind, key in (
        ("overflow", "trc.ev.overflow"),
        ("blank_area", "trc.ev.blank_area"),
        ("black_odorous", "trc.ev.black_odorous"),
    ):
        for obj in in_reach[in_reach["kind"] == kind].to_dict("records"):
            add(kind, obj, i18n.t(key, lang), tracing.PRESUMED)
    return pd.DataFrame(rows)


def _outfall_rows(
    o: pd.DataFrame, reach: tracing.Reach, as_of: dt.date, parameter: str, src_label: str, lang: str
) -> list[dict]:
    """Candidate rows for the reach's outfalls. o: located outfalls (object_id, name_zh, river_id, km,
    is_direct_sewage, is_combined_overflow) with their evidence (n_inspections, last_on, value,
    limit_value). Same rules as bishui.rules.tracing documents, vectorised."""
    value = pd.to_numeric(o["value"], errors="coerce").to_numpy(dtype=float)
    limit = pd.to_numeric(o["limit_value"], errors="coerce").to_numpy(dtype=float)
    measured = ~np.isnan(value) & ~np.isnan(limit) & (limit != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mult = np.where(measured, value / np.where(limit == 0, np.nan, limit), np.nan)
    last_on = pd.to_datetime(o["last_on"])
    days = np.clip(((pd.Timestamp(as_of) - last_on).dt.days).to_numpy(dtype=float), 0, None)
    decay = np.where(np.isnan(days), 1.0, 0.5 ** (days / tracing.HALF_LIFE_DAYS))
    direct = o["is_direct_sewage"].fillna(False).astype(bool).to_numpy()
    combined = o["is_combined_overflow"].fillna(False).astype(bool).to_numpy()
    n_insp = pd.to_numeric(o["n_inspections"], errors="coerce").fillna(0).to_numpy()
    km = pd.to_numeric(o["km"], errors="coerce").to_numpy(dtype=float)
    dist = reach.distances_km(o["river_id"], km)
    on_text = last_on.dt.strftime("%Y-%m-%d").tolist()
    tpl_measured = i18n.t("trc.ev.outfall_measured", lang)
    sewage_text = {
        True: i18n.t("trc.ev.open_sewage", lang, kind=i18n.t("trc.ev.direct", lang)),
        False: i18n.t("trc.ev.open_sewage", lang, kind=i18n.t("trc.ev.combined", lang)),
    }
    never, not_measured = (
        i18n.t("trc.ev.never_monitored", lang),
        i18n.t("trc.ev.not_measured", lang, parameter=src_label),
    )
    names = [str(n) if isinstance(n, str) and n else str(i) for n, i in zip(o["name_zh"], o["object_id"])]
    rows = []
    for i, (oid, rid) in enumerate(zip(o["object_id"], o["river_id"])):
        sewage = bool(direct[i] or combined[i])
        if measured[i]:
            text = tpl_measured.format(
                parameter=src_label,
                value=_fmt(value[i]),
                limit=_fmt(limit[i]),
                multiple=_fmt(mult[i]),
                on=on_text[i],
                days=int(days[i]),
            )
            score = mult[i] * decay[i]
            if sewage and score < tracing.PRESUMED:
                text += "; " + sewage_text[bool(direct[i])]
                score = tracing.PRESUMED
        elif sewage:
            text, score = sewage_text[bool(direct[i])], tracing.PRESUMED
        elif n_insp[i] == 0:
            text, score = never, tracing.UNMONITORED
        else:
            text, score = not_measured, tracing.UNMONITORED
        rows.append(
            {
                "kind": "outfall",
                "id": oid,
                "name": names[i],
                "river_id": rid,
                "km": None if np.isnan(km[i]) else round(float(km[i]), 3),
                "distance_km": None if np.isnan(dist[i]) else round(float(dist[i]), 3),
                "parameter": parameter,
                "evidence": text,
                "score": round(float(score), 4),
            }
        )
    return rows


def _upstream_distance(reach: tracing.Reach, obj: dict) -> float | None:
    """An upstream section bounds a stretch (km == lo): its distance is the whole stretch below it."""
    for s in reach.stretches:
        if s.river_id == obj["river_id"] and obj["km"] is not None and abs(s.lo_km - obj["km"]) < 1e-9:
            return round(s.hi_km - s.lo_km + s.to_section_km, 3)
    return None


def file_link(kind: str, object_id: str, month: dt.date, lang: str) -> str | None:
    """The page of a candidate, as a relative URL with its parameters encoded: an outfall's file
    (一口一档), a plant's page, an upstream section's trends, the pipes page (its map shows overflow
    points and open blank areas), a black-odorous body's page."""
    from urllib.parse import urlencode

    m = month.strftime("%Y-%m")
    if kind == "outfall":
        return "outfalls?" + urlencode({"outfall": object_id, "month": m, "lang": lang})
    if kind == "plant":
        return "plants?" + urlencode({"plants": object_id, "month": m, "lang": lang})
    if kind == "upstream":
        return "sections?" + urlencode({"sections": object_id, "month": m, "lang": lang})
    if kind in ("overflow", "blank_area"):
        return "pipes?" + urlencode({"month": m, "lang": lang})
    if kind == "black_odorous":
        return "water_bodies?" + urlencode({"body": object_id, "month": m, "lang": lang})
    return None


def tasks_and_units(cands: pd.DataFrame, lang: str, con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
    """For each candidate (aligned with cands): the plan tasks it falls under (queries/
    trace_candidate_tasks.sql maps a candidate's kind, and the traced parameter, to task numbers) as
    'task_no title' joined with '; ', and the responsible unit: the outfall's as its ledger records it,
    else the first task's lead units. Columns: tasks, unit, task_nos (list), units (list: the units to
    filter the targets page's task tab by)."""
    if con is None:
        with read_connection() as c:
            return tasks_and_units(cands, lang, c)
    empty = pd.DataFrame(
        {
            "tasks": pd.Series([], dtype=object),
            "unit": pd.Series([], dtype=object),
            "task_nos": pd.Series([], dtype=object),
            "units": pd.Series([], dtype=object),
        }
    )
    if cands.empty:
        return empty
    mapping = execute(con, "trace_candidate_tasks")
    outfalls = cands.loc[cands["kind"] == "outfall", "id"].astype(str).unique().tolist()
    own = execute(con, "trace_outfall_units", outfall_ids=outfalls) if outfalls else None
    own_unit = {} if own is None else dict(zip(own["outfall_id"], own["unit_en" if lang == "en" else "unit"]))
    if (
        lang == "en" and own is not None and own_unit
    ):  # a unit the tasks name has its English name there (task_units.sql)
        units_en = execute(con, "task_units").set_index("unit")["unit_en"].to_dict()
        own_unit = {o: units_en.get(u, e) for (o, u), e in zip(zip(own["outfall_id"], own["unit"]), own["unit_en"])}
    own_filter = {} if own is None else dict(zip(own["outfall_id"], own["unit"]))
    title = "title_en" if lang == "en" else "title_zh"
    lead = "lead_units_en" if lang == "en" else "lead_units"
    by_combo: dict[tuple, tuple] = {}  # (kind, parameter) -> (task numbers, text, lead text, leads)
    for kind, param in set(zip(cands["kind"], cands["parameter"])):
        m = mapping[(mapping["kind"] == kind) & (mapping["parameter"].isna() | (mapping["parameter"] == param))]
        m = m.sort_values(["ord", "task_no"])
        nos = [int(x) for x in m["task_no"]]
        text = "; ".join(f"{n} {t}" for n, t in zip(nos, m[title]))
        leads = [u.strip() for u in str(m["lead_units"].iloc[0]).split(";") if u.strip()] if len(m) else []
        lead_text = "; ".join(u.strip() for u in str(m[lead].iloc[0]).split(";") if u.strip()) if len(m) else ""
        by_combo[(kind, param)] = (nos, text, lead_text, leads)
    rows = []
    for kind, oid, param in zip(cands["kind"], cands["id"], cands["parameter"]):
        nos, text, lead_text, leads = by_combo[(kind, param)]
        if kind == "outfall" and oid in own_unit:
            rows.append({"tasks": text, "unit": own_unit[oid], "task_nos": nos, "units": [own_filter[oid]]})
        else:
            rows.append({"tasks": text, "unit": lead_text, "task_nos": nos, "units": leads})
    return pd.DataFrame(rows, index=cands.index)


def tasks_link(units: list[str], known_units: set[str], lang: str) -> str | None:
    """The targets page's task tab filtered by the units concerned (those the tasks name), as a
    relative URL with its parameters encoded; None when no unit is one the tasks name."""
    from urllib.parse import urlencode

    shown = [u for u in units if u in known_units]
    if not shown:
        return None
    return "targets?" + urlencode({"tab": "tasks", "units": ",".join(shown), "lang": lang})


def reach_text(reach: tracing.Reach) -> str:
    parts = []
    for s in reach.stretches:
        lo = "0" if s.lo_km == float("-inf") else f"{s.lo_km:.2f}"
        hi = "…" if s.hi_km == float("inf") else f"{s.hi_km:.2f}"
        parts.append(f"{s.river_id} km {lo}–{hi}")
    return "; ".join(parts)


def _message(reach, places, is_miss, explained, params, lang) -> str:
    if not reach.stretches:
        return i18n.t("trc.msg.no_position", lang)
    if not is_miss and not params:
        return i18n.t("trc.msg.not_a_miss", lang)
    if explained:
        return i18n.t("trc.msg.explained", lang, reach=reach_text(reach))
    return i18n.t("trc.msg.survey", lang, reach=reach_text(reach))
