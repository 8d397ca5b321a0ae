-- Purpose: each drinking-water source's annual compliance by the rule of
--   queries/schema/065_drinking_water.sql (drinking_source_years): not_met | met (twelve months met) |
--   no_data | incomplete, with its months by status.
-- Grain: one row per source and year with at least one month since the first sample.
-- Parameters: $now (the date the data are judged at), $town_id (NULL = all).
-- Columns: source_id, name_zh, name_en, source_type, town_id, year, status, months_met, months_not_met,
--   months_without_result, months_open
SELECT s.source_id, s.name_zh, s.name_en, s.source_type, s.town_id, y.year, y.status, y.months_met,
       y.months_not_met, y.months_without_result, y.months_open
FROM drinking_source_years($now) AS y
JOIN drinking_sources AS s USING (source_id)
WHERE $town_id IS NULL OR s.town_id = $town_id
ORDER BY y.year DESC, s.source_id
