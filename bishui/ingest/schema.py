"""The warehouse tables as the importer needs them: column types, required columns, coded values.

Read once from queries/schema/*.sql applied to an in-memory DuckDB, so the importer follows the
DDL without a second copy of it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import duckdb

from bishui.db import canonical, evaluation
from bishui.ingest import vocab

_IN_LIST = re.compile(r"^\(*\s*\"?(\w+)\"?\s+IN\s+\((.*)\)\s*\)*$", re.S)


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str  # DuckDB type: VARCHAR, DOUBLE, INTEGER, DATE, TIMESTAMP, BOOLEAN, BLOB, VARCHAR[]
    not_null: bool
    default: str | None
    allowed: tuple[str, ...] | None  # coded values (CHECK ... IN (...))

    @property
    def required(self) -> bool:
        return self.not_null and self.default is None


@functools.cache
def tables() -> dict[str, dict[str, ColumnInfo]]:
    """table -> column -> ColumnInfo, for every table of queries/schema/."""
    con = duckdb.connect(":memory:")
    try:
        evaluation.apply_schema(con)
        allowed: dict[tuple[str, str], tuple[str, ...]] = {}
        for table, expr, cols in con.execute(
            "SELECT table_name, expression, constraint_column_names FROM duckdb_constraints() "
            "WHERE constraint_type = 'CHECK'"
        ).fetchall():
            m = _IN_LIST.match(expr or "")
            if m and len(cols) == 1:
                allowed[(table, cols[0])] = tuple(re.findall(r"'([^']*)'", m.group(2)))
        allowed.update(vocab.EXTRA_ENUMS)
        out: dict[str, dict[str, ColumnInfo]] = {}
        for kind in canonical.KINDS.values():
            cols = canonical.table_columns(con, kind.table)
            out[kind.table] = {
                name: ColumnInfo(name, dtype, not_null, default, allowed.get((kind.table, name)))
                for name, dtype, not_null, default in cols
            }
        return out
    finally:
        con.close()


def columns(kind: str) -> dict[str, ColumnInfo]:
    """The warehouse columns of a kind's table (batch_id left out)."""
    table = canonical.KINDS[kind].table
    return {k: v for k, v in tables()[table].items() if k != "batch_id"}


def has_batch_id(kind: str) -> bool:
    return "batch_id" in tables()[canonical.KINDS[kind].table]


def keys(kind: str) -> tuple[str, ...]:
    return canonical.KINDS[kind].keys


def compared_columns(kind: str) -> list[str]:
    """Columns that make two rows with the same key different (everything but key and batch_id)."""
    return [c for c in columns(kind) if c not in keys(kind)]
