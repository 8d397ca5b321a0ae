-- Purpose: the flood-season rebound the plan warns of (汛期水质反弹): each section's monthly class in
--   the flood season of $year against its class in the dry months before it (January to the month
--   before the season starts), from the evaluated monthly classes (section_month_completeness: no
--   re-grading). Only complete months are compared. dry_class is the lower median class of the
--   complete dry months; a flood-season month is a rebound when its class is worse than dry_class;
--   the first rebound month of the season is flagged as the first flush (初期雨水). The rule is
--   flood_season_rebound in queries/schema/079_flood_rebound_status.sql (task 11's status reads it too).
-- Grain: one row per section and flood-season month of $year up to the month of $now.
-- Parameters: $now (the app's now), $year (integer), $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, town_id, target_class, month, status, water_class, dry_class,
--   dry_worst_class, n_dry_months, class_change, is_rebound, is_first_flush
SELECT r.section_id, s.name_zh, s.name_en, s.town_id, s.target_class, r.month, r.status, r.water_class,
       r.dry_class, r.dry_worst_class, r.n_dry_months, r.class_change, r.is_rebound, r.is_first_flush
FROM flood_season_rebound($now, $year::INTEGER) AS r
JOIN sections AS s USING (section_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY s.section_id, r.month
