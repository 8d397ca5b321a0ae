"""`python -m bishui` — build the warehouse, regenerate the sample, evaluate readings, import files."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

import pandas as pd

from bishui.reports import briefing
from bishui.views import export
from bishui.reports import compensation
from bishui import config, i18n
from bishui.tools import evaluate_file, sample
from bishui.db import store, tracing_data, warehouse
from bishui.ingest import cli as ingest_cli


def _cmd_build(args: argparse.Namespace) -> int:
    path = Path(args.db).resolve() if args.db else config.db_path()
    started = time.perf_counter()
    counts = warehouse.build(path, Path(args.source) if args.source else None)
    rows = sum(counts.values())
    print(
        f"built {path} from {args.source or config.SAMPLE_DIR}: {rows} rows in "
        f"{len(counts)} tables, {time.perf_counter() - started:.1f} s"
    )
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else config.SAMPLE_DIR
    files = sample.generate(out)
    print(f"wrote {len(files)} files to {out}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    return evaluate_file.main(Path(args.input), args.period, Path(args.output) if args.output else None)


def _cmd_import(args: argparse.Namespace) -> int:
    return ingest_cli.run(args)


def _cmd_trace(args: argparse.Namespace) -> int:
    try:
        result = tracing_data.trace(args.section, args.month, args.parameter or None, args.lang)
    except tracing_data.UnknownSection:
        print(i18n.t("trc.cli.unknown_section", args.lang, section=args.section), file=sys.stderr)
        return 2
    except tracing_data.WarehouseTooOld:
        print(i18n.t("app.stale_schema", args.lang), file=sys.stderr)
        return 2
    data = export.csv_bytes(result.candidates)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.write(data.decode("utf-8-sig"))
        sys.stdout.flush()
    print(result.message, file=sys.stderr)
    return 0


def _cmd_briefing(args: argparse.Namespace) -> int:
    def fail(key: str, **fmt) -> int:
        print(i18n.t(key, args.lang, **fmt), file=sys.stderr)
        return 2

    if args.week:  # an ISO week is briefed as the month that holds its Sunday
        try:
            year, week = args.week.upper().split("-W")
            month = dt.date.fromisocalendar(int(year), int(week), 7).replace(day=1)
        except ValueError:
            return fail("brf.cli.bad_week", value=args.week[:40])
    else:
        try:
            month = dt.datetime.strptime(args.month, "%Y-%m").date()
        except ValueError:
            return fail("brf.cli.bad_month", value=args.month[:40])
    months = sorted(pd.to_datetime(store.query("months_available")["month"]).dt.date)
    if not months or month not in set(months):
        first, last = (f"{months[0]:%Y-%m}", f"{months[-1]:%Y-%m}") if months else ("–", "–")
        return fail("brf.cli.no_month", month=f"{month:%Y-%m}", first=first, last=last)
    if args.town is not None and args.town not in set(store.query("towns")["town_id"]):
        return fail("brf.cli.unknown_town", town=args.town[:40])
    data = briefing.build_briefing(month, args.lang, args.town)
    Path(args.output).write_bytes(data)
    print(
        i18n.t("brf.cli.wrote", args.lang, path=args.output, month=f"{month:%Y-%m}", size=len(data) // 1024),
        file=sys.stderr,
    )
    if args.pdf:  # the same document as PDF beside it (LibreOffice headless)
        pdf_path = Path(args.output).with_suffix(".pdf")
        try:
            pdf = briefing.to_pdf(data)
        except briefing.PdfUnavailable as exc:
            print(i18n.t("brf.cli.no_pdf", args.lang, error=str(exc)), file=sys.stderr)
            return 1
        pdf_path.write_bytes(pdf)
        print(
            i18n.t("brf.cli.wrote", args.lang, path=str(pdf_path), month=f"{month:%Y-%m}", size=len(pdf) // 1024),
            file=sys.stderr,
        )
    return 0


def _cmd_ledger(args: argparse.Namespace) -> int:
    with store.read_connection() as con:
        now = store.app_now(con).date()  # BISHUI_TODAY, else the warehouse's as-of, else the clock
        months = store.execute(con, "months_available")["month"]
        year = args.year or (max(months).year if len(months) else now.year)
        ledger = store.execute(
            con,
            "compensation_ledger",
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 1),
            town_id=None,
            **compensation.ledger_params(now),
        )
        params = store.execute(con, "parameters_list")
    names = dict(zip(params["code"], params["name_en" if args.lang == "en" else "name_zh"]))
    report = compensation.ledger_report(ledger, args.lang, names)
    data = export.csv_bytes(report)  # formula-safe (a name starting with '=' stays text in Excel)
    if args.output:
        Path(args.output).write_bytes(data)
        print(i18n.t("cli.ledger.written", args.lang, n=len(report), path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(data.decode("utf-8-sig"))
        sys.stdout.flush()
    return 0


def _month(text: str):
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month YYYY-MM: {text!r}") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bishui", description="Bishui (碧水) warehouse tools")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the warehouse at $BISHUI_DB from data/sample/ (atomic)")
    b.add_argument("--source", help="directory of canonical files (default data/sample/)")
    b.add_argument("--db", help="warehouse path (default $BISHUI_DB or data/bishui.duckdb)")
    b.set_defaults(func=_cmd_build)

    s = sub.add_parser("sample", help="regenerate data/sample/ deterministically")
    s.add_argument("--out", help="output directory (default data/sample/)")
    s.set_defaults(func=_cmd_sample)

    e = sub.add_parser("evaluate", help="evaluate readings from a CSV file with the warehouse SQL")
    e.add_argument("input", help="CSV: section_id, water_body_type, target_class, sampled_on, parameter, value")
    e.add_argument("--period", choices=("month", "year"), required=True)
    e.add_argument("-o", "--output", help="output CSV (default: standard output)")
    e.set_defaults(func=_cmd_evaluate)

    i = sub.add_parser("import", help="import CSV/XLSX files into the warehouse")
    i.add_argument("files", nargs="+")
    i.add_argument("--kind", help="readings, sections, outfalls, ... (detected from headers if omitted)")
    i.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    i.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows, write rejected rows with reasons beside the file",
    )
    i.add_argument("--replace", action="store_true", help="replace conflicting values already in the warehouse")
    i.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the report")
    i.add_argument("--max-rows", type=int, help="largest number of data rows per file (default 2000000)")
    i.add_argument("--max-columns", type=int, help="largest number of columns (default 1000)")
    i.add_argument("--max-cells", type=int, help="largest sheet range in cells, rows x columns (default 20000000)")
    i.add_argument("--max-unzipped-mb", type=float, help="largest unpacked size of an .xlsx (default 1000)")
    i.add_argument("--max-problems", type=int, help="problems listed per file (default 10000)")
    i.add_argument("--no-limits", action="store_true", help="lift every cap above (trusted files only)")
    i.set_defaults(func=_cmd_import)

    t = sub.add_parser(
        "trace",
        help="trace a section's miss in a month to its likely sources (溯源): ranked candidates as CSV",
        description="One row per candidate: rank, kind, id, name, river_id, km, distance_km, parameter, "
        "evidence, score. score = multiple x flow weight x 0.5 ** (evidence age in days / 365) "
        "(see bishui/rules/tracing.py); a score >= 1 explains the miss.",
    )
    t.add_argument("--section", required=True, help="section_id")
    t.add_argument("--month", required=True, type=_month, help="YYYY-MM")
    t.add_argument("--parameter", help="parameter code (default: the main pollutants of the month)")
    t.add_argument("-o", "--output", help="output CSV (default: standard output)")
    t.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the evidence")
    t.set_defaults(func=_cmd_trace)

    w = sub.add_parser(
        "briefing",
        help="write the weekly meeting's briefing document (周报 / 调度通报) as Word (.docx)",
        description="The month's briefing: attainment in words, section status table, status matrix chart, "
        "misses with likely sources, targets at risk or missed, overdue tasks, eco-compensation, "
        "outfall and black-odorous progress. --week YYYY-Www briefs the month that holds the "
        "week's Sunday.",
    )
    period = w.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help="YYYY-MM")
    period.add_argument("--week", help="ISO week YYYY-Www (the month of its Sunday)")
    w.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the document")
    w.add_argument("--town", help="town_id (default: the whole district)")
    w.add_argument("-o", "--output", required=True, help="output .docx")
    w.add_argument("--pdf", action="store_true", help="also write the same document as PDF beside it (LibreOffice)")
    w.set_defaults(func=_cmd_briefing)

    g = sub.add_parser(
        "ledger",
        help="the eco-compensation ledger of a year as CSV",
        description="One row per rule, section and month: rule_id, payer, payee, section_id, month, status "
        "(ok | owed | pending_data | no_data | no_flow | provisional), amount_cny, reason. Only a "
        "complete month is billed (owed) or passed (ok); see docs/evaluation.md.",
    )
    g.add_argument("--year", type=int, help="calendar year (default: the year of the latest month with data)")
    g.add_argument("-o", "--output", help="output CSV (default: standard output)")
    g.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of payer, payee and reason")
    g.set_defaults(func=_cmd_ledger)
    return p


# commands that make a warehouse or read none: every other one works on a current warehouse
BUILDS_OR_NO_WAREHOUSE = (_cmd_build, _cmd_sample, _cmd_evaluate)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.func not in BUILDS_OR_NO_WAREHOUSE and not getattr(args, "db", None):
            warehouse.ensure_warehouse()  # the store reads and writes, it never builds
        return int(args.func(args) or 0)
    except warehouse.WarehouseMissing as exc:  # one line, exit status 2: nothing was done
        print(
            i18n.t("cli.warehouse_missing", getattr(args, "lang", "zh"), path=exc.path, marker=exc.marker),
            file=sys.stderr,
        )
        return 2
    except Exception as exc:  # one line, exit status 1; the traceback only on request
        if os.environ.get("BISHUI_DEBUG"):
            raise
        error = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) and exc.filename else str(exc)
        print(
            i18n.t("cli.error", getattr(args, "lang", "zh"), error=f"{type(exc).__name__}: {error}"[:300]),
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
