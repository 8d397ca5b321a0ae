"""The 数据 Data page in chromium: upload a file, read the check, confirm, and see the new month in the
section trends. The server runs on a private copy of the sample warehouse (these tests write to it)."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.browser.conftest import Server, act, download, open_app, open_select, screenshot, settle, wait_at_least

HEADER = "断面名称,采样日期,监测项目,监测值,单位"
NEW_MONTH = [
    ("pH", "7.62", "无量纲"),
    ("溶解氧", "9.4", "mg/L"),
    ("高锰酸盐指数", "5.1", "mg/L"),
    ("氨氮", "0.734", "mg/L"),
    ("总磷", "0.142", "mg/L"),
]
# a readings file for liaowei (徒骇河聊位路桥) in January 2026, a month the sample does not have
GOOD = "\n".join([HEADER] + [f"徒骇河聊位路桥,2026-01-10,{p},{v},{u}" for p, v, u in NEW_MONTH]) + "\n"
# the same plus an unknown section and a negative concentration
BAD = GOOD + "不存在的断面,2026-01-10,氨氮,0.5,mg/L\n徒骇河聊位路桥,2026-01-11,总磷,-0.2,mg/L\n"


@pytest.fixture(scope="module")
def data_server(sample_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("data_browser") / "data.duckdb"
    shutil.copyfile(sample_db, db)
    srv = Server(db)
    yield srv
    srv.stop()


def _upload(page, name: str, text: str) -> None:
    act(
        page,
        lambda: page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
            {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}
        ),
    )
    page.get_by_text(re.compile("检查结果|Check:")).first.wait_for(timeout=60_000)


def _alerts(page) -> str:
    return " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upload_with_errors_shows_the_report(lang, data_server, page, tmp_path):
    open_app(page, data_server, f"/data?lang={lang}")
    screenshot(page, f"data_{lang}_before")
    assert page.locator('[data-testid="stException"]').count() == 0
    _upload(page, f"errors_{lang}.csv", BAD)
    screenshot(page, f"data_{lang}_errors")
    # the problems table (a canvas grid) downloads as shown: row, column, the value as written, the reason
    path = download(page, page.locator(".st-key-data_problems_csv button"), tmp_path)
    report = path.read_bytes().decode("utf-8-sig")
    assert "不存在的断面" in report and "-0.2" in report and len(report.strip().splitlines()) == 3
    assert ("赵王河" in report) and (("不能为负数" in report) if lang == "zh" else ("negative" in report))
    assert page.locator("[data-testid='stMetric']").count() == 5
    confirm = page.locator(".st-key-data_confirm button")
    assert confirm.is_disabled()  # errors: nothing can be imported by default
    act(page, page.locator(".st-key-data_skip label").click)  # import the valid rows, give me the rejected ones
    assert confirm.is_enabled()
    page.set_viewport_size({"width": 1600, "height": 2200})
    screenshot(page, f"data_{lang}_errors_full")
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_downloads_tab_gives_tables_and_templates(lang, data_server, page, tmp_path):
    open_app(page, data_server, f"/data?lang={lang}")
    act(
        page,
        page.get_by_role("tab", name="下载数据与模板" if lang == "zh" else "Downloads and templates").click,
        runs=0,
    )
    screenshot(page, f"data_{lang}_downloads")
    path = download(page, page.locator(".st-key-data_tpl_xlsx_readings button"), tmp_path)
    assert path.name == f"bishui_template_readings_{lang}.xlsx"
    assert path.read_bytes()[:2] == b"PK"
    path = download(page, page.locator(".st-key-data_tbl_csv_readings button"), tmp_path)
    text = path.read_bytes().decode("utf-8-sig")
    assert text.startswith('"section_id","parameter","sampled_on"') and len(text.splitlines()) > 50_000


def test_upload_confirm_and_see_the_new_month(data_server, page, tmp_path):
    open_app(page, data_server, "/data?lang=zh")
    _upload(page, "liaowei_2026-01.csv", GOOD)
    assert "可以导入 5 行新数据" in _alerts(page)
    act(page, page.locator(".st-key-data_confirm button").click)
    page.get_by_text("导入成功").first.wait_for(timeout=90_000)
    screenshot(page, "data_zh_imported")
    alerts = _alerts(page)
    assert re.search(r"导入成功：批次 \d+", alerts) and "新增 5 行" in alerts
    # the history lists the batch; the uploader is empty again
    act(page, page.get_by_role("tab", name="导入记录").click, runs=0)
    assert page.locator(".st-key-data_undo_1 button").count() == 1
    screenshot(page, "data_zh_history")

    # the section trends show January 2026 (a new browser session)
    open_app(page, data_server, "/sections?sections=liaowei&params=nh3n&range=2025-06-01,2026-03-31")
    screenshot(page, "data_zh_sections_after_import")
    month_box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
    # three readings of one section do not make January complete: it is offered, labelled, not the default
    assert "month=2026-01" not in page.url
    assert not month_box.locator("input").input_value().startswith("2026年1月")
    options = open_select(page, month_box).all_inner_texts()
    assert any(o.startswith("2026年1月（") for o in options) and any(o.startswith("2025年12月") for o in options), (
        options
    )
    page.keyboard.press("Escape")
    path = download(page, page.locator("[data-testid='stDownloadButton'] button").first, tmp_path)
    rows = path.read_bytes().decode("utf-8-sig").splitlines()
    jan = [r for r in rows if '"2026-01"' in r]
    assert len(jan) == 1 and "0.734" in jan[0], rows  # the monthly table has the new month and its value

    # undo the batch, with a confirmation step: January 2026 is gone again
    open_app(page, data_server, "/data?lang=zh")
    act(page, page.get_by_role("tab", name="导入记录").click, runs=0)
    act(page, page.locator(".st-key-data_undo_1 button").click)
    screenshot(page, "data_zh_undo_confirm")
    assert "确定撤销批次 1" in _alerts(page)
    act(page, page.locator(".st-key-data_undo_yes_1 button").click)
    page.get_by_text("批次 1 已撤销").first.wait_for(timeout=90_000)
    assert page.locator(".st-key-data_undo_1 button").count() == 0
    open_app(page, data_server, "/sections?sections=liaowei&params=nh3n&range=2025-06-01,2026-03-31")
    assert "month=2025-11" in page.url  # the latest complete month again (the sample's December is running)


def test_editor_password_from_a_secrets_file(sample_db, tmp_path, page):
    """A real secrets.toml with editor_password: viewers download, the password opens the upload."""
    db = tmp_path / "gate.duckdb"
    shutil.copyfile(sample_db, db)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('editor_password = "碧水2026"\n', encoding="utf-8")
    srv = Server(db, env={"STREAMLIT_SECRETS_FILES": str(secrets)})
    try:
        open_app(page, srv, "/data?lang=zh")
        screenshot(page, "data_zh_viewer")
        assert page.locator("[data-testid='stFileUploader']").count() == 0
        assert wait_at_least(page, "[data-testid='stDownloadButton']", 6) >= 6
        field = page.locator(".st-key-data_password input")
        field.fill("wrong")
        field.press("Enter")
        page.get_by_text("口令不正确").wait_for(timeout=30_000)
        field.fill("碧水2026")
        field.press("Enter")
        page.locator("[data-testid='stFileUploader']").wait_for(timeout=30_000)
        settle(page, runs=0)
        screenshot(page, "data_zh_editor")
        assert "已以编辑身份进入" in page.locator("[data-testid='stMain']").inner_text()
    finally:
        srv.stop()
