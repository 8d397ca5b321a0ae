-- Purpose: the compliance rate of every WWTP per year: the share of its months with effluent data
--   (from the commissioning month) that meet 准IV (COD, BOD5, NH3-N, TP; TN excepted) and that meet
--   GB 18918 grade 1A, by the same checks as plant_effluent_check.sql (the table macro
--   plant_effluent_checked, queries/schema/056_plants.sql), and the parameters that failed, with how many months each.
-- Grain: one row per plant and year with effluent data.
-- Parameters: $start, $end (months whose first day lies in [start, end]), $town_id (NULL = all).
-- Columns: facility_id, year, n_months, n_quasi_iv, quasi_iv_pct, n_1a, gb1a_pct, failed_quasi_iv
--   (code:months;...), failed_quasi_iv_zh, failed_quasi_iv_en, failed_1a, failed_1a_zh, failed_1a_en,
--   mean_load_pct, max_load_pct
WITH checked AS (
    SELECT c.*, p.name_zh, p.name_en, p.sort_order
    FROM plant_effluent_checked($start, $end, $town_id) AS c
    JOIN parameters AS p ON p.code = c.parameter
),
months AS (
    SELECT facility_id, month, bool_and(meets_quasi_iv) AS ok_q, bool_and(meets_1a) AS ok_a
    FROM checked
    GROUP BY facility_id, month
),
fails AS (
    SELECT facility_id, year(month) AS year, parameter, any_value(name_zh) AS name_zh, any_value(name_en) AS name_en,
           any_value(sort_order) AS sort_order,
           count(*) FILTER (WHERE NOT meets_quasi_iv) AS n_q, count(*) FILTER (WHERE NOT meets_1a) AS n_a
    FROM checked
    GROUP BY facility_id, year(month), parameter
),
fail_text AS (
    SELECT facility_id, year,
           string_agg(parameter || ':' || n_q, ';' ORDER BY sort_order) FILTER (WHERE n_q > 0) AS failed_quasi_iv,
           string_agg(name_zh || '（' || n_q || '个月）', '、' ORDER BY sort_order) FILTER (WHERE n_q > 0) AS failed_quasi_iv_zh,
           string_agg(name_en || ' (' || n_q || ' mo)', ', ' ORDER BY sort_order) FILTER (WHERE n_q > 0) AS failed_quasi_iv_en,
           string_agg(parameter || ':' || n_a, ';' ORDER BY sort_order) FILTER (WHERE n_a > 0) AS failed_1a,
           string_agg(name_zh || '（' || n_a || '个月）', '、' ORDER BY sort_order) FILTER (WHERE n_a > 0) AS failed_1a_zh,
           string_agg(name_en || ' (' || n_a || ' mo)', ', ' ORDER BY sort_order) FILTER (WHERE n_a > 0) AS failed_1a_en
    FROM fails
    GROUP BY facility_id, year
),
loads AS (
    SELECT facility_id, year(month) AS year,
           avg(100.0 * flow_m3_d / nullif(capacity_m3_d, 0)) AS mean_load_pct,
           max(100.0 * flow_m3_d / nullif(capacity_m3_d, 0)) AS max_load_pct
    FROM checked
    WHERE k = 1  -- one row per plant and month
    GROUP BY facility_id, year(month)
)
SELECT
    m.facility_id, year(m.month) AS year,
    count(*) AS n_months,
    count(*) FILTER (WHERE m.ok_q) AS n_quasi_iv,
    100.0 * count(*) FILTER (WHERE m.ok_q) / count(*) AS quasi_iv_pct,
    count(*) FILTER (WHERE m.ok_a) AS n_1a,
    100.0 * count(*) FILTER (WHERE m.ok_a) / count(*) AS gb1a_pct,
    coalesce(any_value(f.failed_quasi_iv), '') AS failed_quasi_iv,
    coalesce(any_value(f.failed_quasi_iv_zh), '') AS failed_quasi_iv_zh,
    coalesce(any_value(f.failed_quasi_iv_en), '') AS failed_quasi_iv_en,
    coalesce(any_value(f.failed_1a), '') AS failed_1a,
    coalesce(any_value(f.failed_1a_zh), '') AS failed_1a_zh,
    coalesce(any_value(f.failed_1a_en), '') AS failed_1a_en,
    any_value(l.mean_load_pct) AS mean_load_pct,
    any_value(l.max_load_pct) AS max_load_pct
FROM months AS m
LEFT JOIN fail_text AS f ON f.facility_id = m.facility_id AND f.year = year(m.month)
LEFT JOIN loads AS l ON l.facility_id = m.facility_id AND l.year = year(m.month)
GROUP BY m.facility_id, year(m.month)
ORDER BY m.facility_id, year
