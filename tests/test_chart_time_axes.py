"""Time axes of the section charts (issue 10 item 17): with the automatic station's 4-hourly series on
the same axis, a monthly mean is drawn in the middle of its month, not on the 1st; the class strip of
36 months labels every 3rd month (calendar quarters), so its labels do not overlap."""

from __future__ import annotations

import pandas as pd
import pytest

from bishui.views import figures

MONTHS = pd.date_range("2023-01-01", periods=36, freq="MS")


def _monthly(months=MONTHS[:6], section="s1") -> pd.DataFrame:
    n = len(months)
    return pd.DataFrame(
        {
            "section_id": section,
            "month": months,
            "mean_value": [0.5 + 0.1 * i for i in range(n)],
            "parameter_class": 3,
            "n_samples": [4] * (n - 1) + [2],
            "n_below_dl": [0] * (n - 1) + [2],
            "l1": 0.15,
            "l2": 0.5,
            "l3": 1.0,
            "l4": 1.5,
            "l5": 2.0,
            "limit_target": 1.0,
            "target_class": 3,
        }
    )


def _auto(months=MONTHS[:6], section="s1") -> pd.DataFrame:
    at = pd.date_range(months[0], months[-1] + pd.offsets.MonthEnd(0), freq="4h")
    return pd.DataFrame({"section_id": section, "sampled_at": at, "value": 0.8})


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_monthly_means_sit_mid_month_next_to_the_automatic_series():
    fig = figures.trend_figure(_monthly(), {"s1": "一号桥"}, "氨氮", "mg/L", "zh", auto=_auto())
    means = pd.to_datetime(pd.Series(_trace(fig, "一号桥").x))
    for start, x in zip(MONTHS[:6], means):
        end = start + pd.offsets.MonthBegin(1)
        assert abs(x - (start + (end - start) / 2)) <= pd.Timedelta(hours=12), (start, x)  # the middle
    below_dl = next(t for t in fig.data if t.mode == "markers" and t.marker.symbol == "triangle-down")
    assert pd.Timestamp(below_dl.x[0]) == means.iloc[-1]  # the below-DL mark on its mean
    assert fig.layout.xaxis.ticklabelmode == "period"  # month labels centred on their month
    # the 4-hourly readings of a month fall around its mean's x, not all after it
    auto = pd.to_datetime(pd.Series(next(t for t in fig.data if t.type == "scattergl").x))
    may = auto[(auto >= MONTHS[4]) & (auto < MONTHS[5])]
    assert (may < means.iloc[4]).sum() == pytest.approx((may >= means.iloc[4]).sum(), abs=6)


def test_without_the_automatic_series_months_stay_on_their_ticks():
    fig = figures.trend_figure(_monthly(), {"s1": "一号桥"}, "氨氮", "mg/L", "zh")
    assert list(pd.to_datetime(pd.Series(_trace(fig, "一号桥").x))) == list(MONTHS[:6])
    assert fig.layout.xaxis.ticklabelmode in (None, "instant")


def _strip(n: int):
    df = pd.DataFrame(
        [
            {"section_id": s, "period": m, "water_class": 3, "is_attained": True}
            for s in ("s1", "s2")
            for m in MONTHS[:n]
        ]
    )
    return figures.class_strip(df, {"s1": "一号桥", "s2": "二号桥"}, "en")


@pytest.mark.parametrize("n, step", [(36, 3), (24, 2), (13, 2), (30, 3), (12, 1)])
def test_class_strip_labels_at_most_twelve_calendar_months(n, step):
    fig = _strip(n)
    columns = list(fig.data[0].x)
    assert len(columns) == n  # every month keeps its cell
    if step == 1:
        assert fig.layout.xaxis.tickvals is None  # a year or less: every month labelled
        return
    ticks = list(fig.layout.xaxis.tickvals)
    assert 1 < len(ticks) <= figures.STRIP_MAX_LABELS
    assert set(ticks) <= set(columns) and list(fig.layout.xaxis.ticktext) == ticks
    assert all((int(t[5:7]) - 1) % step == 0 for t in ticks)  # Jan, Apr, Jul, Oct for every 3rd month
    gaps = {columns.index(b) - columns.index(a) for a, b in zip(ticks, ticks[1:])}
    assert gaps == {step}  # evenly spaced
