"""The widest request a URL can make of the section page (issue 17 item 5), timed on a warehouse.

`python benchmarks/pathological.py WAREHOUSE.duckdb [--runs N]` opens pages/sections.py with AppTest
(server time of one script run: modules imported by a warm-up run first, Streamlit's caches cleared
before each measured run, as after a warehouse change) with every section, every charted parameter,
the automatic series and the date range 1900-01-01..2100-12-31 (the widest bishui.app.ui accepts), and
prints wall and process CPU seconds (median of N) and the bound notices the page showed. CPU time is
the figure to compare on a shared machine: wall time there depends on everyone else's load."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(db: Path, runs: int = 3) -> dict:
    os.environ["BISHUI_DB"] = str(db)
    import duckdb
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *a, **k):  # st.navigation mode, as a warmed-up server is (see tests/conftest.py)
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    con = duckdb.connect(str(db), read_only=True)
    sections = [r[0] for r in con.execute("SELECT section_id FROM sections ORDER BY 1").fetchall()]
    params = [
        r[0]
        for r in con.execute(
            "SELECT code FROM parameters WHERE direction <> 'none' AND code NOT IN "
            "('ss', 'transparency', 'orp') ORDER BY sort_order"
        ).fetchall()
    ]
    con.close()
    query = {
        "lang": "en",
        "sections": ",".join(sections),
        "params": ",".join(params),
        "range": "1900-01-01,2100-12-31",
        "auto": "1",
    }

    def run(q: dict) -> tuple[float, float, AppTest]:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        for k, v in q.items():
            at.query_params[k] = v
        at.switch_page("pages/sections.py")
        t, c = time.perf_counter(), _cpu()
        at.run()
        return time.perf_counter() - t, _cpu() - c, at

    run({"lang": "en"})  # imports and the first run's one-off costs
    walls, cpus, at = [], [], None
    for _ in range(runs):
        w, c, at = run(query)
        walls.append(w)
        cpus.append(c)
    notices = [str(x.value) for x in at.caption if "draw" in str(x.value) or "narrowed" in str(x.value)]
    return {
        "sections": len(sections),
        "parameters": len(params),
        "wall_s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
        "runs_wall_s": walls,
        "runs_cpu_s": cpus,
        "exceptions": len(at.exception),
        "notices": notices,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    print(json.dumps(measure(args.db, args.runs), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
