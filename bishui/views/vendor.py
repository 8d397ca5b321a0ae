"""The map libraries (Leaflet, Leaflet.markercluster), served by the app itself: no CDN, no npm.

Where the files come from: pinned Python packages in requirements.txt that ship the upstream dist
files (XStatic packaging: `xstatic/pkg/<module>/data/`), so `pip install -r requirements.txt` is the
whole install, also on an intranet with only a PyPI mirror.

How the browser gets them: each package's data folder is registered as a Streamlit custom-component
folder (bishui.app.map_ui.serve_map_libraries(), called while a map page runs), so the app's own server sends its files at
`<server.baseUrlPath>/component/bishui.app.map_ui.<name>/<file>`, the same route that serves
streamlit-folium's map iframe. Nothing is copied or written at runtime and no static-serving setting
is needed; a browser that reaches only the app still draws the maps.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

COMPONENT_PREFIX = (
    "bishui.app.map_ui"  # declare_component() names a component "<calling module>.<name>": map_ui.serve_map_libraries
)


@dataclass(frozen=True)
class Package:
    name: str  # the URL segment: component/bishui.app.map_ui.<name>/
    dist: str  # the PyPI distribution, pinned in requirements.txt
    module: str  # the XStatic module whose data/ folder holds the files
    version: str  # the upstream version those files are (checked against the package)
    js: tuple[str, ...]  # the scripts to load (in order)
    css: tuple[str, ...]  # and the style sheets

    @property
    def component(self) -> str:
        return f"{COMPONENT_PREFIX}.{self.name}"

    @property
    def folder(self) -> Path:
        """The installed package's data folder."""
        return Path(importlib.import_module(self.module).BASE_DIR)

    def url(self, path: str, base_url: str = "") -> str:
        """The file's URL below the server's base URL path ('' or '/prefix'); the version as a query
        so an upgrade is never served from a browser's cache."""
        prefix = "/" + base_url.strip("/") if base_url.strip("/") else ""
        return f"{prefix}/component/{self.component}/{path}?v={self.version}"


LEAFLET = Package("leaflet", "XStatic-Leaflet", "xstatic.pkg.leaflet", "1.9.3", ("leaflet.js",), ("leaflet.css",))
MARKERCLUSTER = Package(
    "markercluster",
    "XStatic-Leaflet-MarkerCluster",
    "xstatic.pkg.leaflet_markercluster",
    "1.4.1",
    ("leaflet.markercluster.js",),
    ("MarkerCluster.css", "MarkerCluster.Default.css"),
)
PACKAGES = (LEAFLET, MARKERCLUSTER)


def problems() -> list[str]:
    """What is wrong with the installed map libraries (empty when all is well): a package missing, of
    another version than pinned here, or without the files the maps load."""
    out = []
    for pkg in PACKAGES:
        try:
            module = importlib.import_module(pkg.module)
        except ImportError:
            out.append(f"{pkg.dist} is not installed: pip install -r requirements.txt")
            continue
        if getattr(module, "VERSION", None) != pkg.version:
            out.append(
                f"{pkg.dist} {metadata.version(pkg.dist)} ships {pkg.module} "
                f"{getattr(module, 'VERSION', '?')}, not {pkg.version}"
            )
        out += [f"{pkg.dist}: {f} is missing" for f in (*pkg.js, *pkg.css) if not (pkg.folder / f).is_file()]
    return out
