"""Township and district attainment rates (queries/attainment_rollup.sql), worked out by hand from
tests/fixtures/district: s_f1 (town t1, target IV) is III, V, no data, 劣V in Jan-Apr 2023; s_t2 (t2,
target III) is III, IV, III, III; s_res (t2, target III, not an assessment section) is III in Jan."""

from __future__ import annotations

import pandas as pd

from bishui import store


def _rates(fixture_db, use_db, kind, assessment_only):
    use_db(fixture_db)
    df = store.run_query("attainment_rollup", period_kind=kind, assessment_only=assessment_only)
    return {(pd.Timestamp(r.period).strftime("%Y-%m"), r.town_id if isinstance(r.town_id, str) else "district"):
            (int(r.n_attained), int(r.n_evaluated)) for r in df.itertuples()}


def test_monthly_rates_per_township_and_district(fixture_db, use_db):
    got = _rates(fixture_db, use_db, "month", False)
    assert got[("2023-01", "district")] == (3, 3)
    assert got[("2023-02", "district")] == (0, 2)  # both assessment sections missed; s_res has no data
    assert got[("2023-03", "district")] == (1, 1)  # s_f1 no data: not counted either way
    assert got[("2023-04", "district")] == (1, 2)
    assert got[("2023-04", "t1")] == (0, 1) and got[("2023-04", "t2")] == (1, 1)
    assert ("2023-03", "t1") not in got


def test_annual_rate_of_assessment_sections(fixture_db, use_db):
    got = _rates(fixture_db, use_db, "year", True)
    # annual classes from the annual means of the monthly means: s_f1 V (misses IV), s_t2 III
    assert got == {("2023-01", "district"): (1, 2), ("2023-01", "t1"): (0, 1), ("2023-01", "t2"): (1, 1)}
