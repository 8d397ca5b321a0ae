-- Purpose: the pre-flood checklist of a year judged at $as_of (flood_readiness in
--   queries/schema/069_flood_season.sql): planned vs done per item and township, ready before the
--   flood season's start, late, or still pending; which plan task (5 or 11) each item belongs to.
-- Grain: one row per checklist item and township of year $year.
-- Parameters: $as_of (date), $year (integer), $town_id (NULL = all).
-- Columns: year, item_code, task_no, town_id, town_zh, town_en, owner_zh, owner_en, unit, planned, done, done_on,
--   season_start, done_pct, is_done, status (ready | late | pending), days_late
SELECT r.year, r.item_code, r.task_no, r.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
       r.owner_zh, coalesce(r.owner_en, r.owner_zh) AS owner_en, r.unit, r.planned, r.done, r.done_on,
       r.season_start, r.done_pct, r.is_done, r.status, r.days_late
FROM flood_readiness($as_of::DATE) AS r
LEFT JOIN towns AS t USING (town_id)
WHERE r.year = $year AND ($town_id IS NULL OR r.town_id = $town_id)
ORDER BY r.task_no, r.item_code, r.town_id
