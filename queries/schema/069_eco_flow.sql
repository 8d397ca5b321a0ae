-- Ecological base flow and joint sluice control (生态流量保障、闸坝联合调度; plan task 10, issue 18).
--
-- sluices:            one row per sluice (闸): names, river, township, lon/lat.
-- flow_readings:      one row per site and day: mean flow (m³/s) and water level (m); a site is a
--                     section (sections.section_id) or a sluice (sluices.sluice_id).
-- eco_flow_minimums:  one row per section: its minimum ecological flow (最小生态流量, m³/s) and where
--                     the figure comes from (basis_zh / basis_en, e.g. the approved eco-flow plan).
-- sluice_operations:  one row per sluice and moment it was operated: action open | close | adjust,
--                     gate opening (m), who decided (调度决策单位), reason_code exceedance_upstream
--                     (上游来水超标) | flood (防汛排涝) | irrigation (灌溉) | eco_flow (生态补水) |
--                     maintenance (检修) | other, note.
--
-- A month without flow at a section is the no-flow status of queries/schema/061_no_flow.sql
-- (no_flow_months, 断流): it is not defined again here. eco_flow_monthly only says where the flow
-- data and those records disagree (zero flow on every measured day of a month that is over and no
-- record: is_unrecorded_dry; a record but some flow measured: is_record_contradicted).
CREATE TABLE sluices (
    sluice_id   VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    river_id    VARCHAR,
    town_id     VARCHAR,
    lon         DOUBLE NOT NULL,
    lat         DOUBLE NOT NULL,
    batch_id    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE flow_readings (
    site_id     VARCHAR NOT NULL,
    measured_on DATE NOT NULL,
    flow_m3_s   DOUBLE,
    level_m     DOUBLE,
    batch_id    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, measured_on)
);

CREATE TABLE eco_flow_minimums (
    section_id      VARCHAR PRIMARY KEY,
    min_flow_m3_s   DOUBLE NOT NULL,
    basis_zh        VARCHAR,
    basis_en        VARCHAR,
    batch_id        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sluice_operations (
    sluice_id       VARCHAR NOT NULL,
    operated_at     TIMESTAMP NOT NULL,
    action          VARCHAR NOT NULL CHECK (action IN ('open', 'close', 'adjust')),
    gate_opening_m  DOUBLE,
    decided_by      VARCHAR,
    reason_code     VARCHAR NOT NULL DEFAULT 'other'
                    CHECK (reason_code IN ('exceedance_upstream', 'flood', 'irrigation', 'eco_flow',
                                           'maintenance', 'other')),
    note_zh         VARCHAR,
    batch_id        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sluice_id, operated_at)
);

CREATE TABLE IF NOT EXISTS archive_sluices AS SELECT 0::INTEGER AS archived_by, * FROM sluices LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_flow_readings AS SELECT 0::INTEGER AS archived_by, * FROM flow_readings LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_eco_flow_minimums AS
    SELECT 0::INTEGER AS archived_by, * FROM eco_flow_minimums LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_sluice_operations AS
    SELECT 0::INTEGER AS archived_by, * FROM sluice_operations LIMIT 0;

-- eco_flow_target_pct(): the guarantee rate the district aims at, in %. The plan gives no figure;
-- 90 % is the guarantee level commonly set for key rivers' ecological flow (an assumed setting,
-- defined here once; the page and task_status_10 read it).
CREATE OR REPLACE MACRO eco_flow_target_pct() AS 90.0;

-- eco_flow_monthly(now_at): one row per section with a minimum ecological flow and month, from the
--   first month with a flow reading at any such section to the month of now_at (a DATE or TIMESTAMP,
--   the app's now). Days count up to the day before now_at's date (a day is over at midnight).
--   Columns: section_id, month, is_over (the month is over at now_at), days_in_month, days_due (days
--   of the month that are over), days_measured (due days with a flow reading), days_met (flow >=
--   the minimum), days_below (flow < the minimum), days_missing (due days without a reading: never
--   counted as met), min_flow_m3_s, mean_flow_m3_s, lowest_flow_m3_s, guarantee_pct (days_met /
--   days_due * 100: a missing day is not a met day; NULL before a day is due), no_flow_reason (the
--   month's record in no_flow_months, NULL if none), is_dry_in_data (month over, some days measured,
--   every one of them zero), is_unrecorded_dry (is_dry_in_data without a no-flow record: check it),
--   is_record_contradicted (a no-flow record, yet a flow above zero measured that month).
CREATE OR REPLACE MACRO eco_flow_monthly(now_at) AS TABLE
WITH mins AS (
    SELECT section_id, min_flow_m3_s FROM eco_flow_minimums
),
bounds AS (
    SELECT (SELECT date_trunc('month', min(f.measured_on))::DATE
            FROM flow_readings AS f JOIN mins AS m ON m.section_id = f.site_id) AS first_month,
           date_trunc('month', now_at::TIMESTAMP)::DATE AS last_month
),
months AS (
    SELECT g.m::DATE AS month
    FROM bounds, generate_series(bounds.first_month, bounds.last_month, INTERVAL 1 MONTH) AS g(m)
    WHERE bounds.first_month IS NOT NULL AND bounds.first_month <= bounds.last_month
),
grid AS (
    SELECT m.section_id, mo.month, m.min_flow_m3_s,
           last_day(mo.month) AS month_end,
           day(last_day(mo.month)) AS days_in_month,
           (now_at::TIMESTAMP >= (mo.month + INTERVAL 1 MONTH)) AS is_over,
           greatest(0, least(day(last_day(mo.month)),
                             date_diff('day', mo.month, now_at::DATE)))::INTEGER AS days_due
    FROM mins AS m CROSS JOIN months AS mo
),
daily AS (
    SELECT g.section_id, g.month,
           count(f.flow_m3_s) AS days_measured,
           count(*) FILTER (WHERE f.flow_m3_s >= g.min_flow_m3_s) AS days_met,
           count(*) FILTER (WHERE f.flow_m3_s < g.min_flow_m3_s) AS days_below,
           avg(f.flow_m3_s) AS mean_flow_m3_s,
           min(f.flow_m3_s) AS lowest_flow_m3_s,
           max(f.flow_m3_s) AS highest_flow_m3_s
    FROM grid AS g
    JOIN flow_readings AS f
      ON f.site_id = g.section_id AND f.measured_on >= g.month
     AND f.measured_on < g.month + to_days(g.days_due) AND f.flow_m3_s IS NOT NULL
    GROUP BY g.section_id, g.month
)
SELECT g.section_id, g.month, g.is_over, g.days_in_month, g.days_due,
       coalesce(d.days_measured, 0)::INTEGER AS days_measured,
       coalesce(d.days_met, 0)::INTEGER AS days_met,
       coalesce(d.days_below, 0)::INTEGER AS days_below,
       (g.days_due - coalesce(d.days_measured, 0))::INTEGER AS days_missing,
       g.min_flow_m3_s, d.mean_flow_m3_s, d.lowest_flow_m3_s,
       CASE WHEN g.days_due > 0 THEN 100.0 * coalesce(d.days_met, 0) / g.days_due END AS guarantee_pct,
       nf.reason_code AS no_flow_reason,
       (g.is_over AND coalesce(d.days_measured, 0) > 0 AND d.highest_flow_m3_s = 0) AS is_dry_in_data,
       (g.is_over AND coalesce(d.days_measured, 0) > 0 AND d.highest_flow_m3_s = 0
        AND nf.section_id IS NULL) AS is_unrecorded_dry,
       (nf.section_id IS NOT NULL AND coalesce(d.highest_flow_m3_s, 0) > 0) AS is_record_contradicted
FROM grid AS g
LEFT JOIN daily AS d USING (section_id, month)
LEFT JOIN no_flow_months AS nf ON nf.section_id = g.section_id AND nf.month = g.month;

-- task_status_10(as_of): plan task 10 measured from data, for task_data_status (080). The year is
--   that of the latest month over at as_of; only months that are over count (a running month cannot
--   show the flow was held). district rate = days met / days due over every section with a minimum
--   and those months (a day without a reading is not met). met: the year is over and the rate reaches
--   eco_flow_target_pct(); missed: the year is over and it does not; on_track / at_risk: the same
--   while the year runs; no_data: no flow reading at such a section in those months.
CREATE OR REPLACE MACRO task_status_10(as_of) AS TABLE
WITH y AS (
    SELECT (date_trunc('month', as_of::DATE) - INTERVAL 1 MONTH)::DATE AS last_month
),
m AS (
    SELECT e.* FROM eco_flow_monthly(as_of) AS e, y
    WHERE e.is_over AND year(e.month) = year(y.last_month) AND e.month <= y.last_month
),
agg AS (
    SELECT count(DISTINCT section_id) AS n_sections,
           sum(days_due) AS days_due, sum(days_met) AS days_met, sum(days_below) AS days_below,
           sum(days_missing) AS days_missing, sum(days_measured) AS days_measured,
           min(month) AS first_month, max(month) AS last_month
    FROM m
),
s AS (
    SELECT a.*, y.last_month AS year_last_month,
           (as_of::DATE >= make_date(year(y.last_month) + 1, 1, 1)) AS year_over,
           round(100.0 * a.days_met / nullif(a.days_due, 0), 1) AS pct
    FROM agg AS a, y
)
SELECT 10 AS task_no,
       CASE WHEN coalesce(days_measured, 0) = 0 THEN 'no_data'
            WHEN pct >= eco_flow_target_pct() AND year_over THEN 'met'
            WHEN pct >= eco_flow_target_pct() THEN 'on_track'
            WHEN year_over THEN 'missed'
            ELSE 'at_risk' END AS data_status,
       CASE WHEN coalesce(days_measured, 0) = 0
            THEN strftime(year_last_month, '%Y') || '年无设有最小生态流量断面的流量数据'
            ELSE strftime(first_month, '%Y-%m') || '至' || strftime(last_month, '%Y-%m') || '，'
                 || n_sections || '个断面生态流量保障率' || pct || '%（目标≥'
                 || eco_flow_target_pct()::INTEGER || '%），低于最小生态流量' || days_below || '天，缺测'
                 || days_missing || '天' END AS evidence_zh,
       CASE WHEN coalesce(days_measured, 0) = 0
            THEN 'No flow data in ' || strftime(year_last_month, '%Y') || ' at sections with a minimum flow'
            ELSE strftime(first_month, '%Y-%m') || '..' || strftime(last_month, '%Y-%m') || ': ecological flow held on '
                 || pct || ' % of days at ' || n_sections || ' sections (target ≥ '
                 || eco_flow_target_pct()::INTEGER || ' %); ' || days_below || ' days below the minimum, '
                 || days_missing || ' days without a reading' END AS evidence_en,
       CASE WHEN coalesce(days_measured, 0) = 0 THEN NULL ELSE last_day(last_month) END AS measured_through
FROM s;
