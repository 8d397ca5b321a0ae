"""The outfall and pipe maps in chromium with the network blocked (only localhost reachable).

- The app serves Leaflet itself (bishui.views.vendor: from the pinned Python packages): the maps draw their
  vector layers (canvas pixels, SVG shapes), no image is broken, the legend is in Chinese glyphs, and
  nothing outside localhost is requested; also from a fresh copy of the repository (no static/vendor/,
  only what `pip install -r requirements.txt` installed), started with just `streamlit run app.py`.
- The fixture warehouse's outfall named `<img src=x onerror=alert(1)>` shows as text: no such
  element exists in the page or the map, no dialog opens; panning and zooming do not rerun the app,
  clicking the outfall on the map opens its file.
- The first click on an outfall opens that outfall's file (issue 10.2).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from bishui import i18n

from tests.browser import conftest
from tests.browser.conftest import (
    MAP_IFRAME,
    PAINTED_PIXELS,
    ROOT,
    Server,
    act,
    app_runs,
    open_app,
    screenshot,
    settle,
    wait_at_least,
)

XSS = "<img src=x onerror=alert(1)>"

OPEN_TOOLTIPS = """() => {
    const texts = [];
    for (const group of Object.values(window.map._layers)) {
        if (!group.getTooltip || !group.getTooltip() || !group.eachLayer) continue;
        group.eachLayer(l => {
            if (!l._bishuiTip || !l._map || !l.getLatLng) return;
            group.getTooltip()._source = l;
            group.openTooltip(l.getLatLng());
            texts.push(group.getTooltip().getElement().innerText);
        });
    }
    return texts;
}"""
COUNT_RUNS = """() => {
    window.__runs = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') window.__runs++; })
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
BROKEN_IMAGES = "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"


def _serve_copy(source, tmp_path_factory, name: str):
    """A server on a private copy of a warehouse."""
    db = tmp_path_factory.mktemp(name) / "warehouse.duckdb"
    shutil.copyfile(source, db)
    srv = Server(db)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def fixture_server(fixture_db, tmp_path_factory):
    """The hand-made fixture warehouse (with the `<img ...>` outfall)."""
    yield from _serve_copy(fixture_db, tmp_path_factory, "maps_fixture")


def map_frame(page, since: dict | None = None, values: int = 1):
    """The streamlit-folium iframe, once Leaflet has drawn the map and its legend, the map has sent its
    first value (a new outfalls map sends one; the pipes map returns nothing: values=0) and the app has
    rerun on it. `since`: app_runs before the map was asked for (when the page has shown one before)."""
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator(".bishui-legend").wait_for(timeout=30_000)
    settle(page, since, runs=0, values=values)
    return next(f for f in page.frames if "streamlit_folium" in f.url)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "stem, shapes, legend",
    [
        ("outfalls", 10, ("排污口（HJ 1312 类别）", "Outfalls (HJ 1312 category)")),
        ("pipes", 5, ("管段（类型）", "Pipes (kind)")),
    ],
)
def test_map_draws_offline(stem, shapes, legend, lang, server, page):
    open_app(page, server, f"/{stem}?lang={lang}")
    frame = map_frame(page, values=int(stem == "outfalls"))
    screenshot(page, f"maps_{stem}_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert frame.evaluate(PAINTED_PIXELS) > 2000, "vector layers drawn on the canvas"
    assert wait_at_least(frame, ".bishui-shape svg path", shapes) >= shapes, "SVG markers drawn"
    assert frame.evaluate(BROKEN_IMAGES) == [] and page.evaluate(BROKEN_IMAGES) == []
    text = frame.locator(".bishui-legend").inner_text()
    assert legend[0 if lang == "zh" else 1] in text
    if lang == "zh":
        assert frame.evaluate("document.fonts.check('12px \"Noto Sans CJK SC\"', '图例')"), "CJK font, not boxes"
    assert page.external_requests == [], "nothing outside localhost was requested"


@pytest.fixture(scope="module")
def fresh_copy_server(sample_db, tmp_path_factory):
    """The app run from a fresh copy of the repository: the files a clone of this checkout would hold
    (tracked, plus new files not ignored), so nothing fetched or built here (static/vendor/, caches)
    comes along; then only `streamlit run app.py`, with what `pip install -r requirements.txt`
    installed."""
    copy = tmp_path_factory.mktemp("fresh_copy") / "bishui"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, copy / rel)
    assert (copy / "app.py").is_file() and not (copy / "static").exists()
    db = tmp_path_factory.mktemp("fresh_copy_db") / "warehouse.duckdb"
    shutil.copyfile(sample_db, db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(conftest, "ROOT", copy)  # Server runs `streamlit run <ROOT>/app.py` in ROOT
        srv = Server(db)
    srv.copy = copy
    yield srv
    srv.stop()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem, shapes", [("outfalls", 10), ("pipes", 5)])
def test_maps_draw_offline_from_a_fresh_copy(stem, shapes, lang, fresh_copy_server, page):
    """Issue 16.11: with only the install and `streamlit run app.py`, a browser that reaches nothing
    but the app draws the vector layers of both maps; Leaflet comes from the app, nothing from a CDN."""
    served = []
    page.on(
        "response", lambda r: served.append((r.url, r.status)) if "/component/bishui.app.map_ui." in r.url else None
    )
    open_app(page, fresh_copy_server, f"/{stem}?lang={lang}")
    frame = map_frame(page, values=int(stem == "outfalls"))
    screenshot(page, f"maps_fresh_copy_{stem}_{lang}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert frame.evaluate(PAINTED_PIXELS) > 2000, "vector layers drawn on the canvas"
    assert wait_at_least(frame, ".bishui-shape svg path", shapes) >= shapes, "SVG markers drawn"
    assert page.external_requests == [], "nothing outside localhost was requested"
    assert any("/component/bishui.app.map_ui.leaflet/leaflet.js" in u and status == 200 for u, status in served), served
    assert not (fresh_copy_server.copy / "static").exists(), "nothing fetched into the copy"


def test_data_strings_render_as_text_and_a_click_opens_the_file(fixture_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page, fixture_server, "/outfalls?lang=zh")
    frame = map_frame(page)
    # open the tooltip of every feature on the map (one tooltip per layer, content per feature)
    texts = frame.evaluate(OPEN_TOOLTIPS)
    assert any(t.startswith("o4 " + XSS) for t in texts), texts
    assert frame.locator('img[src="x"]').count() == 0 and page.locator('img[src="x"]').count() == 0
    # panning and zooming do not rerun the app (returned_objects holds only the clicked object)
    page.evaluate(COUNT_RUNS)
    values = app_runs(page)["values"]
    frame.evaluate("""() => new Promise(done => { window.map.once('zoomend', () => done());
        window.map.panBy([150, 80], {animate: false}); window.map.setZoom(window.map.getZoom() + 1); })""")
    # streamlit-folium sends a changed value 250 ms (debounced) after the map moved: none may come
    page.wait_for_timeout(750)
    assert page.evaluate("window.__runs") == 0 and app_runs(page)["values"] == values
    # click the outfall on the map: its file opens below
    frame.evaluate("() => { window.__same_map = window.map; }")
    x, y = (
        frame.evaluate("""() => { const l = Object.values(window.map._layers).find(l => (l._bishuiTip || '').startsWith('o4 '));
        Object.values(window.map._layers).forEach(g => { if (g.getTooltip && g.getTooltip()) g.closeTooltip(); });
        window.map.setView(l.getLatLng(), window.map.getZoom(), {animate: false});
        const p = window.map.latLngToContainerPoint(l.getLatLng()); return [p.x, p.y]; }""")
    )
    box = page.locator(MAP_IFRAME).bounding_box()
    act(page, lambda: page.mouse.click(box["x"] + x, box["y"] + y), values=1)  # a real click on the marker
    assert page.evaluate("window.__runs") >= 1
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    assert frame.evaluate("() => window.__same_map === window.map"), "the rerun kept the map (and its view)"
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="选择排污口").locator("input")
    assert picker.input_value() == "o4 · " + XSS
    assert page.locator('img[src="x"]').count() == 0
    screenshot(page, "maps_outfalls_escaping")
    assert dialogs == []


ISOLATED_OUTFALL = """(avoid) => {
    // the ID of the outfall marker (its tooltip starts with the ID) nearest the map's centre, other
    // than `avoid`, with no other marker within 20 px (so a click hits it)
    const re = /^([a-z0-9]+(?:-[a-z0-9]+)+) /, c = window.map.getCenter();
    const all = Object.values(window.map._layers).filter(l => l.getLatLng);
    const px = l => window.map.latLngToContainerPoint(l.getLatLng());
    const ls = all.filter(l => re.test(l._bishuiTip || '') && re.exec(l._bishuiTip)[1] !== avoid
        && all.every(o => o === l || px(o).distanceTo(px(l)) > 20));
    ls.sort((a, b) => a.getLatLng().distanceTo(c) - b.getLatLng().distanceTo(c));
    return re.exec(ls[0]._bishuiTip)[1];
}"""
OUTFALL_POINT = """(oid) => {
    const l = Object.values(window.map._layers).find(l => l.getLatLng && (l._bishuiTip || '').startsWith(oid + ' '));
    Object.values(window.map._layers).forEach(g => { if (g.getTooltip && g.getTooltip()) g.closeTooltip(); });
    const p = window.map.latLngToContainerPoint(l.getLatLng());
    return [p.x, p.y];
}"""


def _picked(page, lang: str) -> str:
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text=i18n.t("of.pick", lang)).locator("input")
    return picker.input_value().split(" · ")[0]


def _click_outfall(page, oid: str, lang: str) -> str:
    """A real mouse click on the outfall's marker; the outfall the file shows once the app has rerun on
    the value the click sent."""
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    x, y = frame.evaluate(OUTFALL_POINT, oid)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert 0 < box["y"] + y < page.viewport_size["height"]
    act(page, lambda: page.mouse.click(box["x"] + x, box["y"] + y), values=1)
    return _picked(page, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_first_click_on_an_outfall_opens_its_file(lang, server, page):
    """Issue 10.2: every click on an outfall opens its file, the first one included: in a new session,
    again on the same outfall after another was picked in the list, and on the same outfall after a
    visit to another page (the map is new there, the session is not)."""
    open_app(page, server, f"/outfalls?lang={lang}")
    frame = map_frame(page)
    default = _picked(page, lang)
    first = frame.evaluate(ISOLATED_OUTFALL, default)
    assert _click_outfall(page, first, lang) == first, "the first click in a session"
    # pick another outfall in the list, then click the same outfall on the map again
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text=i18n.t("of.pick", lang))
    picker.locator("input").click()
    page.keyboard.type(default)
    act(page, lambda: page.keyboard.press("Enter"))
    assert _picked(page, lang) == default
    assert _click_outfall(page, first, lang) == first, "a click on the outfall clicked last"
    page.locator('[data-testid="stSelectbox"]').filter(has_text=i18n.t("of.pick", lang)).scroll_into_view_if_needed()
    screenshot(page, f"maps_outfall_file_after_click_{lang}")
    # another page, and back: the file starts on the default outfall, the first click opens `first`
    act(page, page.locator('[data-testid="stSidebarNav"] a').first.click)
    before = app_runs(page)
    act(page, page.locator('[data-testid="stSidebarNav"] a', has_text=i18n.t("nav.outfalls", lang)).first.click)
    map_frame(page, before)
    assert _picked(page, lang) == default
    assert _click_outfall(page, first, lang) == first, "the first click after a visit to another page"
    second = next(f for f in page.frames if "streamlit_folium" in f.url).evaluate(ISOLATED_OUTFALL, first)
    assert _click_outfall(page, second, lang) == second, "a second click"
    assert page.locator('[data-testid="stException"]').count() == 0
