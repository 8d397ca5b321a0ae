"""Fetch the map libraries (Leaflet, Leaflet.markercluster) from the npm registry at install time, so
the app can serve them itself on an intranet with no internet (BISHUI_LEAFLET_LOCAL=1).

    python -m bishui.vendor            # fetch what is missing (idempotent, a no-op when present)
    python -m bishui.vendor --check    # exit 1 if the files are missing or differ from the pins

Where the files go: Streamlit's static file serving (`[server] enableStaticServing = true` in
.streamlit/config.toml) serves the folder `static/` beside the main script (app.py) at
`/app/static/`, so the files land in `static/vendor/<package>/<version>/` and the maps load them from
`/app/static/vendor/...`. Nothing third-party is committed: `static/vendor/` carries its own
`.gitignore` (`*`). Each tarball comes from `npm pack <name>@<version>` (npm checks the registry's
integrity hash) and is checked again against the sha512 pinned here before anything is extracted.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bishui import config

VENDOR_DIR = config.ROOT / "static" / "vendor"
URL_PREFIX = "app/static/vendor"  # below the server's base URL path


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str           # npm's sha512 of the tarball
    files: tuple[str, ...]   # paths inside the tarball's package/dist/ to keep
    js: tuple[str, ...]      # of those, the scripts to load (in order)
    css: tuple[str, ...]     # and the style sheets

    @property
    def folder(self) -> Path:
        return VENDOR_DIR / self.name / self.version

    def cdn(self, path: str) -> str:
        return f"https://cdn.jsdelivr.net/npm/{self.name}@{self.version}/dist/{path}"


LEAFLET = Package(
    "leaflet", "1.9.4",
    "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
    ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
     "images/marker-icon-2x.png", "images/marker-shadow.png"),
    ("leaflet.js",), ("leaflet.css",),
)
MARKERCLUSTER = Package(
    "leaflet.markercluster", "1.5.3",
    "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
    ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"),
    ("leaflet.markercluster.js",), ("MarkerCluster.css", "MarkerCluster.Default.css"),
)
PACKAGES = (LEAFLET, MARKERCLUSTER)


def is_complete(pkg: Package) -> bool:
    return all((pkg.folder / f).is_file() for f in pkg.files) and (pkg.folder / ".integrity").is_file() and \
        (pkg.folder / ".integrity").read_text().strip() == pkg.integrity


def missing() -> list[Package]:
    return [p for p in PACKAGES if not is_complete(p)]


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _npm_pack(pkg: Package, dest: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not installed: install Node.js and npm (Debian: apt-get install npm), then rerun "
                         "`python -m bishui.vendor`.")
    out = subprocess.run([npm, "pack", f"{pkg.name}@{pkg.version}", "--json", "--pack-destination", str(dest)],
                         cwd=dest, check=True, capture_output=True, text=True, timeout=300)
    info = json.loads(out.stdout)[0]
    return dest / info["filename"]


def fetch(pkg: Package) -> None:
    """npm pack the package, check the pinned sha512, and extract its dist files into pkg.folder."""
    with tempfile.TemporaryDirectory() as tmp:
        tarball = _npm_pack(pkg, Path(tmp))
        data = tarball.read_bytes()
        got = _sri(data)
        if got != pkg.integrity:
            raise SystemExit(f"{pkg.name}@{pkg.version}: tarball integrity {got} differs from the pinned {pkg.integrity}")
        staging = Path(tmp) / "out"
        with tarfile.open(tarball, "r:gz") as tar:
            for rel in pkg.files:
                member = tar.getmember(f"package/dist/{rel}")
                if not member.isfile():
                    raise SystemExit(f"{pkg.name}: {rel} is not a regular file in the tarball")
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src:  # type: ignore[union-attr]
                    target.write_bytes(src.read())
            for name in ("LICENSE", "MIT-LICENCE.txt", "MIT-LICENSE.txt"):
                try:
                    member = tar.getmember(f"package/{name}")
                except KeyError:
                    continue
                with tar.extractfile(member) as src:  # type: ignore[union-attr]
                    (staging / name).write_bytes(src.read())
        (staging / ".integrity").write_text(pkg.integrity + "\n")
        if pkg.folder.exists():
            shutil.rmtree(pkg.folder)
        pkg.folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(pkg.folder))


def ensure_gitignore() -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    ignore = VENDOR_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# fetched by `python -m bishui.vendor` from the npm registry; never committed\n*\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bishui.vendor", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check; exit 1 when files are missing")
    ap.add_argument("--force", action="store_true", help="fetch again even when present")
    args = ap.parse_args(argv)
    todo = list(PACKAGES) if args.force else missing()
    if args.check:
        for pkg in todo:
            print(f"missing: {pkg.name}@{pkg.version} in {pkg.folder}")
        return 1 if todo else 0
    ensure_gitignore()
    for pkg in todo:
        print(f"fetching {pkg.name}@{pkg.version} from the npm registry ...", flush=True)
        fetch(pkg)
    for pkg in PACKAGES:
        print(f"ok: {pkg.name}@{pkg.version} -> {pkg.folder.relative_to(config.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
