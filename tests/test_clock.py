import datetime as dt

from bishui import clock


def test_bishui_today_overrides_the_clock(monkeypatch):
    monkeypatch.setenv("BISHUI_TODAY", "2025-12-15")
    assert clock.now() == dt.datetime(2025, 12, 15) and clock.today() == dt.date(2025, 12, 15)
    monkeypatch.setenv("BISHUI_TODAY", "2025-12-15T08:30")
    assert clock.now() == dt.datetime(2025, 12, 15, 8, 30)
    assert clock.override_error() is None


def test_a_malformed_override_is_reported_and_ignored(monkeypatch):
    monkeypatch.setenv("BISHUI_TODAY", "15/12/2025")
    assert clock.override_error() == "15/12/2025"
    assert abs((clock.now() - dt.datetime.now()).total_seconds()) < 5
    monkeypatch.delenv("BISHUI_TODAY")
    assert clock.override_error() is None
