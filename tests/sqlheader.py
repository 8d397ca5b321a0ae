"""Read the header comment of a queries/*.sql file (architecture rule 1)."""

from __future__ import annotations

import re
from pathlib import Path

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def header_lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return lines


def promised_columns(path: Path) -> list[str]:
    """The column names listed after 'Columns:' in the header (parenthesised notes dropped)."""
    text = " ".join(header_lines(path))
    if "Columns:" not in text:
        return []
    tail = text.split("Columns:", 1)[1]
    depth, kept = 0, []
    for ch in tail:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(ch)
    names = []
    for item in "".join(kept).split(","):
        words = item.split()
        if words and _IDENT.match(words[0]):
            names.append(words[0])
    return names
