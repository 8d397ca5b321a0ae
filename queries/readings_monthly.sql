-- Purpose: the monthly aggregate of the readings that the GB 3838 evaluation starts from: per
--   section, parameter, source and month, the sum and count of the values (a value below the
--   detection limit counts as half the limit), the sum of the daily means and the number of days
--   with data (automatic data are evaluated as the mean of daily means), how many values were below
--   the limit, and the smallest and largest value; the finest precision the manual values were
--   reported with (dp: most decimals, reported_decimals; NULL for automatic data and for a month of
--   values all below the detection limit) and the highest detection limit of the values below it
--   (max_dl).
--   Materialised by bishui.db.evaluation as the table readings_monthly at build time and kept current by
--   every import or undo of readings (only the touched sections and months are re-aggregated), so
--   re-evaluating the warehouse reads one row per section, parameter, source and month instead of
--   every raw reading. It groups on the readings' integer keys (section_key, param_key: see
--   queries/schema/031_reading_keys.sql) rather than the text codes: the daily GROUP BY over every
--   reading is most of the cost of evaluating from raw readings; the codes are joined back per month.
-- Grain: one row per section_id, parameter, source, month (first day); days without a value are left out.
-- Parameters: $scope_sections (list of section ids, or NULL for every reading), $scope_from and
--   $scope_to (first and last day of the scope, whole months; ignored when $scope_sections is NULL).
-- Columns: section_id, parameter, source, month, s, n, s_daily_means, n_days, n_bdl, mn, mx, dp, max_dl,
--   section_key, param_key
WITH daily AS (
    SELECT
        section_key, param_key, source, sampled_on,
        sum(CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END) AS s,
        count(CASE WHEN below_detection_limit THEN detection_limit ELSE value END) AS n,
        count(*) FILTER (WHERE below_detection_limit AND detection_limit IS NOT NULL) AS n_bdl,
        min(CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END) AS mn,
        max(CASE WHEN below_detection_limit THEN detection_limit / 2 ELSE value END) AS mx,
        max(CASE WHEN source = 'manual' AND NOT below_detection_limit THEN reported_decimals(value) END) AS dp,
        max(detection_limit) FILTER (WHERE below_detection_limit) AS max_dl
    FROM readings
    WHERE $scope_sections IS NULL
       OR (list_contains($scope_sections, section_id) AND sampled_on BETWEEN $scope_from AND $scope_to)
    GROUP BY section_key, param_key, source, sampled_on
),
monthly AS (
    SELECT
        section_key, param_key, source, date_trunc('month', sampled_on)::DATE AS month,
        sum(s) AS s, sum(n)::BIGINT AS n, sum(s / n) AS s_daily_means, count(*) AS n_days,
        sum(n_bdl)::BIGINT AS n_bdl, min(mn) AS mn, max(mx) AS mx, max(dp) AS dp, max(max_dl) AS max_dl
    FROM daily
    WHERE n > 0
    GROUP BY section_key, param_key, source, date_trunc('month', sampled_on)
)
SELECT
    sk.section_id, pk.parameter, m.source, m.month, m.s, m.n, m.s_daily_means, m.n_days, m.n_bdl,
    m.mn, m.mx, m.dp, m.max_dl, m.section_key, m.param_key
FROM monthly AS m
JOIN section_keys AS sk ON sk.section_key = m.section_key
JOIN parameter_keys AS pk ON pk.param_key = m.param_key
