"""The layers import one way (docs/architecture.md, "Layers"): a walk over the AST of bishui/, pages/
and app.py that fails on

- a function-level import of the package's own modules (it hides a dependency, usually a cycle);
- another module's private name (`from bishui.x import _name`, or `x._name` on an imported module);
- an import cycle between bishui modules (counting every import, also those inside functions);
- streamlit imported outside the UI layer (UI_LAYER below, explicit), in particular by a pure module;
- Streamlit's internal page registry (streamlit.runtime.pages_manager) used by the app at all
  (docs/architecture.md, "Streamlit and the pages/ folder").

Each rule has a small synthetic case below that shows the checker itself finds what it claims to.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The only modules that may import streamlit (or streamlit_folium). Everything else is importable from
# the command line and the tests without a Streamlit runtime.
UI_LAYER = {
    "app",
    "bishui.ui",  # sidebar, URL-synced widgets, language, now
    "bishui.map_ui",  # map settings (basemap, Leaflet base URL) and the cached map features
    "bishui.data_page",  # the Data page's import/undo panels
    "bishui.agenda_ui",
    "bishui.alerts_ui",
    "bishui.findings_panel",
    "bishui.meetings_panel",
    "bishui.vendor",  # declares the map component that serves Leaflet from pinned packages
    "bishui.eco_flow_ui",  # the flow chart under the sections page's trends
    "bishui.tn_action_panel",  # the trends page's total-nitrogen tab
    "bishui.task_detail_panel",  # the targets page's task detail under the responsibility matrix
    "bishui.store",  # st.cache_data around query results (imported at module level, nothing else)
}
UI_PREFIXES = ("pages.",)

# Pure domain rules and builders: no streamlit, no warehouse access.
PURE = {
    "bishui.standards",
    "bishui.targets",
    "bishui.black_odorous",
    "bishui.clock",
    "bishui.figures",
    "bishui.figures_plan",
    "bishui.figures_sources",
    "bishui.figures_static",
    "bishui.figures_tracing",
    "bishui.figures_trends",
    "bishui.geo",
    "bishui.safe_text",
    "bishui.labels",
}
INTERNALS = ("streamlit.runtime.pages_manager",)
NOT_IN_PURE = ("streamlit", "streamlit_folium", "duckdb", "bishui.store", "bishui.warehouse", "bishui.sql")


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def sources(root: Path) -> dict[str, Path]:
    files = sorted((root / "bishui").rglob("*.py")) + sorted((root / "pages").glob("*.py"))
    if (root / "app.py").exists():
        files.append(root / "app.py")
    return {module_name(p, root): p for p in files}


def is_package(name: str, modules: dict[str, Path]) -> bool:
    return name in modules and modules[name].name == "__init__.py"


def _resolve_relative(node: ast.ImportFrom, importer: str, modules: dict[str, Path]) -> str:
    base = importer.split(".")
    if not is_package(importer, modules):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(base + ([node.module] if node.module else []))


def imports(tree: ast.AST, importer: str, modules: dict[str, Path]):
    """(node, imported module, names imported from it or None, inside a function) for every import."""
    out = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    out.append((child, alias.name, None, in_function, alias))
            elif isinstance(child, ast.ImportFrom):
                mod = _resolve_relative(child, importer, modules) if child.level else (child.module or "")
                out.append((child, mod, child.names, in_function, None))
            visit(child, inner)

    visit(tree, False)
    return out


def own(name: str) -> bool:
    return name == "bishui" or name.startswith("bishui.")


def targets_of(mod: str, names, modules: dict[str, Path]) -> list[str]:
    """The bishui modules an import statement depends on."""
    if not own(mod):
        return []
    if names is None:
        return [mod] if mod in modules else []
    out = []
    for alias in names:
        sub = f"{mod}.{alias.name}"
        if sub in modules:
            out.append(sub)
        elif mod in modules:
            out.append(mod)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def findings(root: Path) -> list[str]:
    modules = sources(root)
    out: list[str] = []
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(root)
        module_aliases: dict[str, str] = {}  # local name -> bishui module it refers to
        for node, mod, names, in_function, alias in imports(tree, name, modules):
            deps = targets_of(mod, names, modules)
            if own(mod) and in_function:
                out.append(f"{where}:{node.lineno}: function-level import of {mod}")
            if own(mod) and name.startswith("bishui"):
                graph.setdefault(name, set()).update(d for d in deps if d != name)
            if names is not None and own(mod) and mod != name:
                for a in names:
                    if a.name.startswith("_") and not a.name.startswith("__") and f"{mod}.{a.name}" not in modules:
                        out.append(f"{where}:{node.lineno}: private name {mod}.{a.name}")
            if names is not None and own(mod):
                for a in names:
                    if f"{mod}.{a.name}" in modules:
                        module_aliases[a.asname or a.name] = f"{mod}.{a.name}"
            elif alias is not None and own(mod) and alias.asname:
                module_aliases[alias.asname] = mod
            top = mod.split(".")[0]
            if top in ("streamlit", "streamlit_folium") and name not in UI_LAYER and not name.startswith(UI_PREFIXES):
                out.append(f"{where}:{node.lineno}: {mod} imported outside the UI layer")
            if mod in INTERNALS or (names is not None and any(f"{mod}.{a.name}" in INTERNALS for a in names)):
                out.append(f"{where}:{node.lineno}: Streamlit internals {mod}")
            if name in PURE and any(mod == p or mod.startswith(p + ".") for p in NOT_IN_PURE):
                out.append(f"{where}:{node.lineno}: pure module imports {mod}")
            if name in PURE and names is not None and own(mod):
                for a in names:
                    if f"{mod}.{a.name}" in NOT_IN_PURE:
                        out.append(f"{where}:{node.lineno}: pure module imports {mod}.{a.name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in module_aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and module_aliases[node.value.id] != name
            ):
                out.append(f"{where}:{node.lineno}: private name {module_aliases[node.value.id]}.{node.attr}")
    for comp in cycles(graph):
        out.append("import cycle: " + " <-> ".join(comp))
    return out


def test_layers_import_one_way():
    found = findings(ROOT)
    assert found == [], f"{len(found)} layering findings:\n" + "\n".join(found)


def test_the_ui_layer_names_existing_modules():
    modules = sources(ROOT)
    assert UI_LAYER <= set(modules), sorted(UI_LAYER - set(modules))
    assert PURE <= set(modules), sorted(PURE - set(modules))


# ----------------------------------------------------------------------- the checker finds what it claims


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in {"bishui/__init__.py": "", **files}.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (tmp_path / "pages").mkdir(exist_ok=True)
    return tmp_path


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"bishui/a.py": "def f():\n    from bishui import b\n", "bishui/b.py": ""}, "function-level import of bishui"),
        (
            {"bishui/a.py": "from bishui.b import _hidden\n", "bishui/b.py": "_hidden = 1\n"},
            "private name bishui.b._hidden",
        ),
        (
            {"bishui/a.py": "from bishui import b\nx = b._hidden\n", "bishui/b.py": "_hidden = 1\n"},
            "private name bishui.b._hidden",
        ),
        (
            {"bishui/a.py": "from bishui import b\n", "bishui/b.py": "import bishui.a\n"},
            "import cycle: bishui.a <-> bishui.b",
        ),
        ({"bishui/a.py": "import streamlit as st\n"}, "streamlit imported outside the UI layer"),
        (
            {"bishui/standards.py": "from bishui import store\n", "bishui/store.py": ""},
            "pure module imports bishui.store",
        ),
        ({"bishui/ui.py": "from streamlit.runtime.pages_manager import PagesManager\n"}, "Streamlit internals"),
    ],
)
def test_checker_finds(tmp_path, files, expected):
    found = findings(_tree(tmp_path, files))
    assert any(expected in f for f in found), found


def test_checker_accepts_one_way_imports(tmp_path):
    files = {"bishui/a.py": "from bishui import b\nx = b.public\n", "bishui/b.py": "public = 1\n_own = public\n"}
    assert findings(_tree(tmp_path, files)) == []
