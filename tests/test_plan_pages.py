"""Interaction tests (AppTest) of the plan pages on the fixture warehouse: targets and tasks,
treatment plants, black-odorous water bodies, eco-compensation. Expected figures are worked out by
hand from tests/fixtures/district/ (see tests/test_targets.py, test_compensation.py, ...)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd

from bishui.views import export
from tests.apptest_helpers import app, texts


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _table(at, column: str) -> pd.DataFrame:
    """The first table on the page that has the given column header."""
    for df in at.dataframe:
        value = df.value
        value = value.data if hasattr(value, "data") else value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with column {column!r}")


# ---- targets and tasks ---------------------------------------------------------------------
def test_targets_page_statuses_and_filters(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04"}, "pages/targets.py")
    assert not at.exception
    assert at.title[0].value == "Targets and tasks · 2023"
    m = _metrics(at)
    assert m["Missed"] == "2" and m["No data"] == "1"  # S1, and P1 (100 % out of reach since January)
    table = _table(at, "Status")
    s1 = table[table["ID"] == "S1"].iloc[0]
    assert (s1["Status"], s1["Current"], s1["Goal"]) == ("Missed", "1 months", "≤ 0 months")
    assert table.loc[table["ID"] == "S3", "Current"].iloc[0] == "Class Ⅲ"
    assert set(table.loc[table["ID"] == "U1", "Township"]) == {"Whole district", "Town One", "Town Two"}
    # keep only the missed ones: the filter goes to the URL
    at.multiselect(key="tg_status").set_value(["missed"]).run()
    assert list(_table(at, "Status")["ID"]) == ["P1", "S1"]
    assert at.query_params["status"] == "missed"


def test_targets_follow_the_meeting_date_and_the_township(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04", "town": "t2"}, "pages/targets.py")
    assert not at.exception
    assert at.date_input(key="tg_date").value == dt.date(2023, 4, 30)  # the end of the sidebar month
    at.date_input(key="tg_date").set_value(dt.date(2023, 4, 23)).run()
    table = _table(at, "Status")
    assert table.loc[table["ID"] == "S1", "Status"].iloc[0] == "On track"  # April not final on the 23rd
    assert set(table.loc[table["ID"] == "U1", "Township"]) == {"Town Two"}
    tasks = _table(at, "Lead units")
    assert list(tasks["Task"]) == [4, 7]  # Town Two is responsible for tasks 4 and 7
    assert tasks.set_index("Task").loc[4, "Status"] == "In progress"  # its block comes on 04-27
    at.date_input(key="tg_date").set_value(dt.date(2023, 4, 30)).run()
    tasks = _table(at, "Lead units").set_index("Task")
    assert tasks.loc[4, "Status"] == "Blocked" and tasks.loc[4, "Overdue"] == "Yes"
    updates = _table(at, "Reported by")
    assert list(updates["Task"]) == [4] and updates.iloc[0]["Update"] == "Dredging in Town Two held up"
    changes = _table(at, "Before")
    assert ("S1", "On track", "Missed") in set(zip(changes["ID"], changes["Before"], changes["Now"]))
    # s_f1 (Town One) missed in April; Town Two's section did not
    assert any("No section missed its target" in i.value for i in at.info)
    at.sidebar.selectbox(key="town").set_value("all").run()
    misses = _table(at, "Main pollutants (multiple over class Ⅲ)")
    assert list(zip(misses["Month"], misses["Section"])) == [("2023-04", "Bridge One")]


def test_tasks_filter_by_unit(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "zh", "month": "2023-04"}, "pages/targets.py")
    assert not at.exception
    at.multiselect(key="tg_units").set_value(["区财政局"]).run()
    tasks = _table(at, "牵头单位")
    assert list(tasks["任务序号"]) == [7] and tasks.iloc[0]["状态"] == "未启动"
    at.multiselect(key="tg_units").set_value([]).run()
    assert list(_table(at, "牵头单位")["任务序号"]) == [1, 4, 7]


def test_projects_tab(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04"}, "pages/targets.py")
    m = _metrics(at)
    assert m["Total budget"] == "CNY 8.00 million" and m["Budget execution"] == "43.8%"
    assert m["Completion (budget-weighted)"] == "45.0%"
    projects = _table(at, "Budget (CNY 10k)")
    assert projects.set_index("Project ID").loc["pr3", "Overdue"] == "Yes"


# ---- treatment plants ----------------------------------------------------------------------
def test_plants_page(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04"}, "pages/plants.py")
    assert not at.exception
    m = _metrics(at)
    assert m["Town One WWTP"] == "Under construction" and m["Town Two WWTP"] == "Operating"
    assert "Town One WWTP: Commissioned in 2023-03: effluent is shown from that month." in texts(at)
    assert any("Near full load" in w.value for w in at.warning)
    comp = _table(at, "Quasi class Ⅳ rate (%)").set_index("Plant")
    assert comp.loc["Town Two WWTP", "Quasi class Ⅳ rate (%)"] == 25
    assert comp.loc["Town Two old WWTP", "Grade 1A rate (%)"] == 50
    at.toggle(key="wp_only_failing").set_value(True).run()
    fails = _table(at, "Meets quasi Ⅳ")
    assert "Town One WWTP" not in set(fails["Plant"]) and len(fails) == 6


def test_plant_before_its_commissioning_says_so(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "zh", "month": "2023-01"}, "pages/plants.py")
    assert not at.exception
    at.multiselect(key="wp_plants").set_value(["p2"]).run()
    assert any("该厂于 2023-03 投运，此前没有出水数据" in i.value for i in at.info)


# ---- black-odorous water bodies ------------------------------------------------------------
def test_water_bodies_page(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04"}, "pages/water_bodies.py")
    assert not at.exception
    m = _metrics(at)
    assert m["Open urban bodies"] == "1" and m["Open rural bodies"] == "1"
    assert m["Heavy in the latest round"] == "1" and m["Light in the latest round"] == "1"
    ledger = _table(at, "Latest grade").set_index("Water body")
    assert ledger.loc["Village east ditch", "Latest grade"] == "Heavy"
    assert ledger.loc["North ditch", "Status"] == "Closed out"
    at.multiselect(key="wb_kind").set_value(["rural"]).run()
    assert list(_table(at, "Latest grade")["Water body"]) == ["Village east ditch"]
    assert at.query_params["kind"] == "rural"
    at.selectbox(key="wb_body").set_value("b3").run()
    round_ = _table(at, "Point grade")
    assert list(round_["Point grade"]) == ["Not black-odorous", "Heavy", "Light"]
    assert "**Light**" in texts(at)


# ---- eco-compensation ----------------------------------------------------------------------
def test_compensation_page(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "en", "month": "2023-04"}, "pages/compensation.py")
    assert not at.exception
    m = _metrics(at)
    assert m["Due for 2023-04"] == "CNY 850,000" and m["Year to date"] == "CNY 1,800,000"
    assert m["Section-months with no data"] == "1" and m["Section-months billed this year"] == "3"
    ledger = _table(at, "Payer")
    march = ledger[(ledger["Month"] == "2023-03") & (ledger["Rule"] == "F1")].iloc[0]
    assert (march["Class"], march["Result"], march["Amount (CNY)"]) == ("No data", "No data", 0)
    forecast = _table(at, "What drives it").set_index("Rule")
    assert forecast.loc["F1", "What drives it"].startswith("Ammonia nitrogen (NH3-N) 2.65 mg/L")
    assert "**F1**: when the monthly class of Bridge One is worse than Class Ⅳ" in texts(at)
    # the no-data month only
    at.multiselect(key="cp_status").set_value(["no_data"]).run()
    rows = _table(at, "Payer")
    assert list(zip(rows["Rule"], rows["Month"])) == [("F1", "2023-03")]
    assert at.query_params["status"] == "no_data"


def test_compensation_follows_the_month_and_language(fixture_db, use_db):
    use_db(fixture_db)
    at = app({"lang": "zh", "month": "2023-02"}, "pages/compensation.py")
    assert not at.exception
    m = _metrics(at)
    assert m["2023-02 应缴补偿金"] == "950,000 元"
    forecast = _table(at, "导致缴费的指标").set_index("规则")
    assert forecast.loc["F2", "导致缴费的指标"].startswith("高锰酸盐指数 6.5 mg/L（Ⅳ类，超Ⅲ类限值 6 的 0.1 倍）")
    at.sidebar.selectbox(key="month").set_value("2023-03").run()
    ledger = _table(at, "缴款方")
    assert "无数据" in set(ledger["结果"])
    assert _metrics(at)["2023-03 应缴补偿金"] == "0 元"


def _spy_downloads(monkeypatch) -> list[dict]:
    """Record what every st.download_button is given (its label, file name and data) while still
    drawing the real button: AppTest cannot click one, so the test calls the data it was handed."""
    from streamlit.delta_generator import DeltaGenerator

    seen: list[dict] = []
    original = DeltaGenerator.download_button

    def spy(self, label, data, file_name=None, *args, **kwargs):
        seen.append({"label": label, "data": data, "file_name": file_name, "key": kwargs.get("key")})
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    return seen


def _served(button: dict) -> bytes:
    data = button["data"]
    return data() if callable(data) else data


def test_downloads_are_the_rows_shown(fixture_db, use_db, monkeypatch):
    """Every download button of the compensation page serves exactly the table shown above it: the
    CSV (with a BOM) and the .xlsx have its headers and its rows, cell for cell; after a filter the
    downloads follow the rows left."""
    use_db(fixture_db)
    seen = _spy_downloads(monkeypatch)
    at = app({"lang": "zh", "month": "2023-03"}, "pages/compensation.py")
    assert not at.exception

    def check() -> int:
        shown = []
        for df in at.dataframe:
            value = df.value
            shown.append(value.data if hasattr(value, "data") else value)
        buttons = {b["key"]: b for b in seen}  # the last run's button per key
        csvs = [b for k, b in buttons.items() if k.endswith("_csv")]
        assert len(csvs) == len(shown) >= 3  # one pair of buttons per table
        for table, csv in zip(shown, csvs):
            raw = _served(csv)
            assert raw.startswith(export.BOM) and csv["file_name"].endswith(".csv")
            got = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
            want = table.reset_index(drop=True)
            assert list(got.columns) == [str(c) for c in want.columns], csv["key"]
            assert len(got) == len(want), csv["key"]
            for col in want.columns:
                for cell, value in zip(got[str(col)], want[col]):
                    if value is None or (not isinstance(value, str) and pd.isna(value)):
                        assert cell == "", (csv["key"], col)
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        assert float(cell) == float(value), (csv["key"], col, cell, value)
                    elif isinstance(value, (pd.Timestamp, dt.date)):
                        assert cell[:10] == str(value)[:10], (csv["key"], col, cell, value)
                    else:
                        assert cell == str(value), (csv["key"], col, cell, value)
            xlsx = buttons[csv["key"][:-4] + "_xlsx"]
            book = openpyxl.load_workbook(io.BytesIO(_served(xlsx)), read_only=True)
            rows = [r for r in book.worksheets[0].iter_rows(values_only=True)]
            header_at = next(
                i for i, r in enumerate(rows) if list(r[: len(want.columns)]) == [str(c) for c in want.columns]
            )
            body = rows[header_at + 1 :]
            assert len(body) == len(want), xlsx["key"]
            assert [str(r[0]) for r in body] == [str(v) for v in want.iloc[:, 0]], xlsx["key"]  # same rows, same order
        return len(csvs)

    assert check() >= 3
    ledger_rows = len(_table(at, "缴款方"))
    seen.clear()
    at.multiselect(key="cp_status").set_value(["no_data"]).run()  # a filter: the ledger keeps fewer rows
    assert not at.exception
    assert 0 < len(_table(at, "缴款方")) < ledger_rows
    check()
