-- Purpose: every condition an alert may be raised for, as it holds now (bishui.db.alerts keeps those
--   not seen after the previous import): section-months whose class misses the target (provisional
--   when the month is not over at $now_at), outfall inspections with flow above their limit, plant
--   months above GB 18918 grade 1A (plant_effluent_checked, a value present), and automatic stations
--   without a reading in the $silent_hours hours before $now_at (readings after now_at ignored).
-- Grain: one row per condition (alert_key is unique).
-- Parameters: $now_at (timestamp), $silent_hours (number).
-- Columns: alert_key, kind, subject_id, period, parameter, is_provisional, name_zh, name_en, value,
--   limit_value, water_class, target_class, last_at
WITH misses AS (
    SELECT c.section_id, c.period, c.water_class, c.target_class, s.name_zh, s.name_en,
           (c.period + INTERVAL 1 MONTH)::TIMESTAMP > $now_at::TIMESTAMP AS is_provisional
    FROM section_period_class AS c
    JOIN sections AS s USING (section_id)
    WHERE c.period_kind = 'month' AND c.water_class IS NOT NULL AND NOT c.is_attained
      AND c.period::TIMESTAMP <= $now_at::TIMESTAMP
),
outfall_exceed AS (
    SELECT i.outfall_id, i.inspected_on, i.parameter, i.value, i.limit_value, o.name_zh
    FROM outfall_inspections AS i
    JOIN outfalls AS o USING (outfall_id)
    WHERE i.has_flow AND i.value IS NOT NULL AND i.limit_value IS NOT NULL AND i.value > i.limit_value
      AND i.inspected_on::TIMESTAMP <= $now_at::TIMESTAMP
),
plant_exceed AS (
    SELECT c.facility_id, c.month, c.parameter, c.value, c.limit_1a, f.name_zh, f.name_en
    FROM plant_effluent_checked(DATE '1900-01-01', $now_at::DATE, NULL) AS c
    JOIN facilities AS f USING (facility_id)
    WHERE c.value IS NOT NULL AND c.meets_1a = false
),
last_seen AS (
    SELECT s.section_id, s.name_zh, s.name_en,
           max(coalesce(r.sampled_at, r.sampled_on::TIMESTAMP)) AS last_at
    FROM sections AS s
    LEFT JOIN readings AS r
        ON r.section_id = s.section_id AND r.source = 'auto'
       AND coalesce(r.sampled_at, r.sampled_on::TIMESTAMP) <= $now_at::TIMESTAMP
    WHERE s.has_auto_station
    GROUP BY s.section_id, s.name_zh, s.name_en
)
SELECT 'miss|' || section_id || '|' || strftime(period, '%Y-%m') || '|' || CASE WHEN is_provisional THEN 'p' ELSE 'f' END
           AS alert_key,
       'miss' AS kind, section_id AS subject_id, strftime(period, '%Y-%m') AS period, NULL::VARCHAR AS parameter,
       is_provisional, name_zh, name_en, NULL::DOUBLE AS value, NULL::DOUBLE AS limit_value,
       water_class, target_class, NULL::TIMESTAMP AS last_at
FROM misses
UNION ALL
SELECT 'outfall|' || outfall_id || '|' || strftime(inspected_on, '%Y-%m-%d') || '|' || parameter,
       'exceedance_outfall', outfall_id, strftime(inspected_on, '%Y-%m-%d'), parameter, false, name_zh, name_zh,
       value, limit_value, NULL, NULL, NULL
FROM outfall_exceed
UNION ALL
SELECT 'plant|' || facility_id || '|' || strftime(month, '%Y-%m') || '|' || parameter,
       'exceedance_plant', facility_id, strftime(month, '%Y-%m'), parameter, false, name_zh, name_en,
       value, limit_1a, NULL, NULL, NULL
FROM plant_exceed
UNION ALL
SELECT 'silent|' || section_id || '|' || coalesce(strftime(last_at, '%Y-%m-%dT%H:%M:%S'), 'never'),
       'silent', section_id, coalesce(strftime(last_at, '%Y-%m-%d %H:%M'), ''), NULL, false, name_zh, name_en,
       NULL, NULL, NULL, NULL, last_at
FROM last_seen
WHERE last_at IS NULL
   OR last_at <= $now_at::TIMESTAMP - to_microseconds(CAST($silent_hours * 3600000000 AS BIGINT))
ORDER BY kind, subject_id, period, parameter
