"""The queries: the text of queries/<name>.sql and its $named parameters, bound (never formatted in).

The bottom layer: it knows files and parameters, not the warehouse (bishui.db.store runs the queries)."""

from __future__ import annotations

import functools
import re
from typing import Any

from bishui import config

_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class QueryError(RuntimeError):
    """A query file is missing or a parameter it needs was not given."""


@functools.lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    """The text of queries/<name>.sql (name may contain a sub-folder, e.g. 'schema/010_reference')."""
    path = config.QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query file {path}")
    return path.read_text(encoding="utf-8")


def sql_parameters(sql: str) -> set[str]:
    """The $named parameters a query uses (ignoring those inside comments)."""
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(_PARAM_RE.findall(body))


def bind(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The subset of params the query uses; every parameter it uses must be given (None is allowed)."""
    wanted = sql_parameters(sql)
    missing = wanted - params.keys()
    if missing:
        raise QueryError(f"missing query parameters: {sorted(missing)}")
    return {k: params[k] for k in wanted}
