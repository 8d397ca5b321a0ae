-- Purpose: the years with a pre-flood checklist, and the flood season's dates in each (the setting
--   flood_season_start / flood_season_end of queries/schema/069_flood_season.sql).
-- Grain: one row per year with checklist rows.
-- Parameters: none.
-- Columns: year, season_start, season_end
SELECT DISTINCT year, flood_season_start(year) AS season_start, flood_season_end(year) AS season_end
FROM flood_checklist
ORDER BY year
