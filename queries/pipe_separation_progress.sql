-- Purpose: rain/sewage separation progress: the combined pipe still to separate (length and segments
--   of once-combined segments not separated by the month end, by the table macro pipes_as_of of
--   queries/schema/058_status_rules.sql) per township, month by month, against
--   the plan's target of zero; and the length separated within each month.
-- Grain: one row per township (with once-combined pipe) per month from $start's month to $end's month.
-- Parameters: $start, $end (dates; whole months), $town_id (NULL = every township).
-- Columns: month, town_id, town_zh, town_en, combined_km, combined_segments, separated_km
WITH months AS (
    SELECT unnest(generate_series(date_trunc('month', $start::DATE), date_trunc('month', $end::DATE),
                                  INTERVAL 1 MONTH))::DATE AS month
),
towns_with AS (
    SELECT DISTINCT town_id FROM pipes
    WHERE was_combined AND ($town_id IS NULL OR town_id = $town_id)
)
SELECT
    m.month, w.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    coalesce(sum(p.length_m) FILTER (WHERE p.is_combined_open), 0) / 1000.0 AS combined_km,
    count(p.pipe_id) FILTER (WHERE p.is_combined_open) AS combined_segments,
    coalesce(sum(p.length_m) FILTER (WHERE p.separated_on BETWEEN m.month AND last_day(m.month)), 0) / 1000.0 AS separated_km
FROM months AS m
CROSS JOIN towns_with AS w
LEFT JOIN towns AS t ON t.town_id = w.town_id
LEFT JOIN LATERAL (SELECT * FROM pipes_as_of(last_day(m.month))) AS p
    ON p.was_combined AND p.town_id IS NOT DISTINCT FROM w.town_id
GROUP BY m.month, w.town_id, t.name_zh, t.name_en, t.rowid
ORDER BY m.month, t.rowid NULLS LAST, w.town_id
