"""bishui.ingest — import what people send (CSV, XLSX, GeoJSON) into the warehouse, safely.

One code path for `python -m bishui import` and the Data page:

    plan = ingest.prepare(path_or_(name, bytes), kind=None, lang="zh", progress=None)
        # -> Plan: .kind, .frame / .frames (parsed rows, canonical), .problems, .conflicts,
        #    .n_valid, .n_rejected, .n_new, .n_same, .n_conflicts, .already_imported, .ok, .notes
    result = ingest.apply(plan, replace=False, skip_invalid=False, user=None, progress=None)
        # -> BatchResult: .status (imported | rejected | already_imported | nothing_to_import),
        #    .batch_id, .rows_added, .rows_replaced, .rows_rejected, .rejected_csv, .rejected_path
    ingest.undo(batch_id)            # remove a batch, restore what it replaced
    ingest.history()                 # every batch, newest first
    ingest.template(kind, lang, fmt) # xlsx (or csv) bytes with Chinese headers and an example row
    ingest.read_any(path_or_bytes, file_name) -> list[Sheet]
    ingest.prepare_isolated(...)     # prepare in a child process with memory/time limits (uploads)
    ingest.Limits(...)               # caps on rows, columns, sheet ranges, unzipped size, problems listed

progress callbacks are called as progress(fraction, message)."""

from bishui.ingest.api import BatchResult, Plan, UndoError, apply, detect, history, prepare, rejected_csv, table, undo
from bishui.ingest.isolated import prepare_isolated
from bishui.ingest.limits import Cancelled, Limits
from bishui.ingest.read import IngestError, Sheet, read_any
from bishui.ingest.templates import KINDS_IN_ORDER, template

__all__ = [
    "BatchResult",
    "Cancelled",
    "IngestError",
    "KINDS_IN_ORDER",
    "Limits",
    "Plan",
    "Sheet",
    "UndoError",
    "apply",
    "detect",
    "history",
    "prepare",
    "prepare_isolated",
    "read_any",
    "rejected_csv",
    "table",
    "template",
    "undo",
]
