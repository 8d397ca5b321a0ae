-- Completeness of a section-month, defined once: every page, count and ledger row that says whether
-- a section met its target builds on section_month_completeness (a month that cannot show it met
-- its target never reads as met). See docs/evaluation.md, "Completeness".
-- It reads the derived evaluation tables, so bishui.db.evaluation creates it after them (every refresh),
-- not with the rest of the schema; no_flow_months is in 061_no_flow.sql.
--
-- section_month_completeness(now_at): one row per section and month from the first month with any
--   reading (or no-flow record) to the month of now_at (or the latest month with data, when later).
--   now_at is the app's now (bishui.clock), a DATE or TIMESTAMP: a month is over from the first
--   moment of the next month.
--   Columns: section_id, month, month_end, is_over, days_in_month, has_auto_station,
--   expected_items (the five basics pH, DO, CODMn, NH3-N, TP, less the section's exclusions: for a
--   section with an automatic station these are its five automatic items), present_items (expected
--   items with a monthly value), missing_items (VARCHAR[]), missing_text ('codmn;nh3n;tp'),
--   n_expected, n_present, auto_days (days with any automatic reading), has_manual (a manual sample
--   of the month is in), is_auto_short (an automatic station's month carried by automatic data alone
--   on fewer than 20 days), no_flow_reason, no_flow_note, status, water_class, is_attained (as
--   evaluated from the data present), is_judged (status = 'complete'), judged_attained (is_attained
--   for complete months, else NULL: never read as met).
--   status, in this order:
--     no_flow      a no-flow record for the month (whatever data there are);
--     no_data      no reading at all;
--     provisional  the month is not over at now_at;
--     incomplete   over, and an expected item has no value, or an automatic station without a
--                  manual sample has automatic data on fewer than 20 days of the month;
--     complete     over, every expected item has a value.
CREATE OR REPLACE MACRO section_month_completeness(now_at) AS TABLE
WITH bounds AS (
    SELECT least(d.first_month, (SELECT min(month) FROM no_flow_months)) AS first_month,
           greatest(d.last_month, date_trunc('month', now_at::TIMESTAMP)::DATE,
                    (SELECT max(month) FROM no_flow_months)) AS last_month
    FROM (SELECT min(month) AS first_month, max(month) AS last_month FROM readings_monthly) AS d
),
months AS (
    SELECT g.m::DATE AS month
    FROM bounds, generate_series(bounds.first_month, bounds.last_month, INTERVAL 1 MONTH) AS g(m)
    WHERE bounds.first_month IS NOT NULL
),
expected AS (
    SELECT s.section_id, s.has_auto_station,
           list_filter(['ph', 'do', 'codmn', 'nh3n', 'tp'],
                       lambda b: NOT list_contains(coalesce(s.excluded_parameters, []), b)) AS expected_items
    FROM sections AS s
),
present AS (
    SELECT p.section_id, p.period AS month, list(p.parameter ORDER BY q.sort_order) AS items
    FROM section_period_parameter AS p
    JOIN parameters AS q ON q.code = p.parameter
    WHERE p.period_kind = 'month' AND p.graded_value IS NOT NULL AND q.is_basic
    GROUP BY p.section_id, p.period
),
arrived AS (
    SELECT section_id, month,
           max(n_days) FILTER (WHERE source = 'auto') AS auto_days,
           bool_or(source = 'manual') AS has_manual
    FROM readings_monthly
    GROUP BY section_id, month
),
grid AS (
    SELECT e.section_id, m.month, last_day(m.month) AS month_end,
           (now_at::TIMESTAMP >= (m.month + INTERVAL 1 MONTH)) AS is_over,
           day(last_day(m.month)) AS days_in_month,
           e.has_auto_station, e.expected_items,
           list_filter(e.expected_items, lambda i: list_contains(coalesce(p.items, []), i)) AS present_items,
           list_filter(e.expected_items, lambda i: NOT list_contains(coalesce(p.items, []), i)) AS missing_items,
           coalesce(a.auto_days, 0) AS auto_days,
           coalesce(a.has_manual, false) AS has_manual,
           a.section_id IS NOT NULL AS has_readings,
           nf.reason_code AS no_flow_reason, nf.note AS no_flow_note,
           c.water_class, c.is_attained
    FROM expected AS e
    CROSS JOIN months AS m
    LEFT JOIN present AS p ON p.section_id = e.section_id AND p.month = m.month
    LEFT JOIN arrived AS a ON a.section_id = e.section_id AND a.month = m.month
    LEFT JOIN no_flow_months AS nf ON nf.section_id = e.section_id AND nf.month = m.month
    LEFT JOIN section_period_class AS c
        ON c.section_id = e.section_id AND c.period_kind = 'month' AND c.period = m.month
),
judged AS (
    SELECT g.*,
           (g.has_auto_station AND NOT g.has_manual AND g.auto_days > 0 AND g.auto_days < 20) AS is_auto_short,
           CASE WHEN g.no_flow_reason IS NOT NULL THEN 'no_flow'
                WHEN NOT g.has_readings THEN 'no_data'
                WHEN NOT g.is_over THEN 'provisional'
                WHEN len(g.missing_items) > 0 THEN 'incomplete'
                WHEN g.has_auto_station AND NOT g.has_manual AND g.auto_days > 0 AND g.auto_days < 20 THEN 'incomplete'
                ELSE 'complete' END AS status
    FROM grid AS g
)
SELECT section_id, month, month_end, is_over, days_in_month, has_auto_station,
       expected_items, present_items, missing_items, array_to_string(missing_items, ';') AS missing_text,
       len(expected_items) AS n_expected, len(present_items) AS n_present,
       auto_days, has_manual, is_auto_short, no_flow_reason, no_flow_note, status,
       water_class, is_attained,
       (status = 'complete') AS is_judged,
       CASE WHEN status = 'complete' THEN is_attained END AS judged_attained
FROM judged;

-- section_period_completeness(now_at): the same for months and years, one row per row of
--   section_period_class (section_id, period_kind, period): status, missing_text, auto_days,
--   n_present, n_expected, no_flow_reason, is_judged, judged_attained. A month takes its status from
--   section_month_completeness; a year is provisional while it is not over at now_at, incomplete
--   when a basic item is missing over the year or fewer than 8 months have data (is_insufficient),
--   else complete. Columns: section_id, period_kind, period, status, missing_text, auto_days,
--   n_present, n_expected, no_flow_reason, water_class, is_attained, is_judged, judged_attained.
CREATE OR REPLACE MACRO section_period_completeness(now_at) AS TABLE
SELECT c.section_id, c.period_kind, c.period,
       CASE WHEN c.period_kind = 'month' THEN coalesce(k.status, 'no_data')
            WHEN now_at::TIMESTAMP < (c.period + INTERVAL 1 YEAR) THEN 'provisional'
            WHEN c.is_incomplete OR c.is_insufficient THEN 'incomplete'
            ELSE 'complete' END AS status,
       CASE WHEN c.period_kind = 'month' THEN k.missing_text ELSE c.missing_basic END AS missing_text,
       k.auto_days, k.n_present, k.n_expected, k.no_flow_reason,
       c.water_class, c.is_attained,
       (status = 'complete') AS is_judged,
       CASE WHEN status = 'complete' THEN c.is_attained END AS judged_attained
FROM section_period_class AS c
LEFT JOIN section_month_completeness(now_at) AS k
    ON c.period_kind = 'month' AND k.section_id = c.section_id AND k.month = c.period;
