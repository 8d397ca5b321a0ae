"""`python -m bishui import FILE... [--kind K] [--dry-run] [--skip-invalid] [--replace] [--lang zh|en]
[--max-rows N] [--max-columns N] [--max-cells N] [--max-unzipped-mb MB] [--max-problems N] [--no-limits]`.

Exit 0 when every file was imported (or, with --dry-run, would be), or was already imported;
1 when any file was rejected, with the report printed. Files are imported one after another, each
as its own batch (import sections before the readings that refer to them)."""

from __future__ import annotations

import argparse
import sys
import unicodedata

import pandas as pd

from bishui.ingest import api, messages
from bishui.ingest.limits import Limits
from bishui.db import alerts, store
from bishui import i18n

MAX_ROWS_SHOWN = 100


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, n: int = 40) -> str:
    text = str(text).replace("\n", " ")
    out, w = "", 0
    for ch in text:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w + cw > n:
            return out + "…"
        out += ch
        w += cw
    return out


def format_table(df: pd.DataFrame, cols: list[str], labels: list[str]) -> str:
    """A plain-text table that lines up with Chinese text (full-width characters count double)."""
    cells = [[_clip("" if pd.isna(v) else v, 90 if c == "reason" else 30) for v in df[c].tolist()] for c in cols]
    widths = [max([_width(lab)] + [_width(x) for x in col]) for lab, col in zip(labels, cells)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(labels), line(["-" * w for w in widths])]
    for i in range(len(df)):
        out.append(line([col[i] for col in cells]))
    return "\n".join(out)


def print_report(plan: api.Plan, out=None) -> None:
    out = out if out is not None else sys.stdout  # the current stdout, not the one at import time
    lang = plan.lang
    problems = plan.problems
    if len(problems):
        print(messages.text("problems_title", lang), file=out)
        shown = problems.head(MAX_ROWS_SHOWN).copy()
        shown["severity"] = shown["severity"].map(lambda s: messages.text(f"sev_{s}", lang))
        cols = ["sheet", "row", "column", "value", "reason", "severity"]
        if not (shown["sheet"].astype(str) != "").any():
            cols.remove("sheet")
        labels = [messages.text(f"col_{c}", lang) for c in cols]
        print(format_table(shown, cols, labels), file=out)
        if len(problems) > MAX_ROWS_SHOWN:
            print(messages.text("summary_more", lang, n=len(problems) - MAX_ROWS_SHOWN), file=out)
    if len(plan.conflicts):
        print(messages.text("conflicts_title", lang), file=out)
        cols = ["row", "key", "column", "old", "new"]
        labels = [messages.text(f"col_{c}", lang) for c in cols]
        print(format_table(plan.conflicts.head(MAX_ROWS_SHOWN), cols, labels), file=out)
        if len(plan.conflicts) > MAX_ROWS_SHOWN:
            print(messages.text("summary_more", lang, n=len(plan.conflicts) - MAX_ROWS_SHOWN), file=out)
    for note in plan.notes:
        print(note, file=out)


def limits_of(args: argparse.Namespace) -> Limits:
    """The caps of `import` (the Data page's), each overridable by a flag; --no-limits lifts them."""
    base = Limits.none() if getattr(args, "no_limits", False) else Limits()
    return base.replace(
        max_rows=getattr(args, "max_rows", None),
        max_columns=getattr(args, "max_columns", None),
        max_cells=getattr(args, "max_cells", None),
        max_unzipped_mb=getattr(args, "max_unzipped_mb", None),
        max_problems=getattr(args, "max_problems", None),
    )


def after_import(batch_id: int, lang: str, out=None) -> None:
    """Say how many alerts the batch raised and push them when configured (.streamlit/secrets.toml
    [alerts]): after the import has committed, bounded in time; never changes the exit status."""
    out = out if out is not None else sys.stdout
    try:
        with store.read_connection() as con:
            n = len(store.execute(con, "alerts/batch_alerts", batch_id=int(batch_id)))
    except Exception:  # noqa: BLE001 - a warehouse without alert tables: nothing to say
        return
    if n:
        print(i18n.t("alert.cli_new", lang, n=n), file=out)
        pushed = alerts.push(batch_id, alerts.load_settings())
        if pushed is not None:
            print(i18n.t("alert.cli_push", lang, detail=alerts.detail_text(pushed["detail"], lang)), file=out)


def run(args: argparse.Namespace) -> int:
    lang = messages.lang_of(getattr(args, "lang", "zh"))
    status = 0
    limits = limits_of(args)
    for path in args.files:
        plan = api.prepare(path, kind=getattr(args, "kind", None), lang=lang, progress=None, limits=limits)
        print(plan.summary())
        print_report(plan)
        if getattr(args, "dry_run", False):
            print(messages.text("summary_dry_run", lang, file=plan.file_name))
            if plan.already_imported is not None:
                print(messages.text("already_imported", lang, batch=plan.already_imported))
                continue
            would_fail = (
                plan.fatal
                or (plan.n_rejected and not args.skip_invalid)
                or (plan.n_conflicts and not args.replace and not args.skip_invalid)
            )
            status = max(status, 1 if would_fail else 0)
            continue
        result = api.apply(
            plan, replace=getattr(args, "replace", False), skip_invalid=getattr(args, "skip_invalid", False)
        )
        print(result.message)
        if result.status == "imported" and result.batch_id is not None:
            after_import(result.batch_id, lang)
        if result.rejected_path is not None:
            print(messages.text("summary_rejected_file", lang, path=result.rejected_path))
        if result.status == "rejected":
            print(messages.text("summary_rejected", lang, file=plan.file_name))
            status = 1
        elif result.status == "nothing_to_import" and plan.n_valid == 0:
            status = 1
    return status
