-- Purpose: the weekly-meeting cards on pollution sources, as at the end of a month: outfalls not yet
--   closed out (销号), domestic-sewage direct outfalls still open, combined pipe still to separate,
--   black-odorous water bodies not yet closed out (urban and rural apart: the U3 target is urban),
--   pipe-network blank areas still open. Every status comes from the table macros of
--   queries/schema/058_status_rules.sql, which the detail pages use too.
-- Grain: one row.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: open_outfalls, overdue_outfalls, open_direct_outfalls, combined_pipe_km,
--   combined_segments, open_black_odorous, open_black_odorous_urban, open_black_odorous_rural,
--   open_blank_areas
WITH o AS (
    SELECT * FROM outfalls_as_of(last_day($month::DATE))
    WHERE is_open AND ($town_id IS NULL OR town_id = $town_id)
),
p AS (
    SELECT * FROM pipes_as_of(last_day($month::DATE))
    WHERE is_combined_open AND ($town_id IS NULL OR town_id = $town_id)
),
b AS (
    SELECT * FROM water_bodies_as_of(last_day($month::DATE))
    WHERE is_open AND ($town_id IS NULL OR town_id = $town_id)
)
SELECT
    (SELECT count(*) FROM o) AS open_outfalls,
    (SELECT count(*) FROM o WHERE is_overdue) AS overdue_outfalls,
    (SELECT count(*) FROM o WHERE is_direct_sewage) AS open_direct_outfalls,
    (SELECT coalesce(sum(length_m), 0) / 1000.0 FROM p) AS combined_pipe_km,
    (SELECT count(*) FROM p) AS combined_segments,
    (SELECT count(*) FROM b) AS open_black_odorous,
    (SELECT count(*) FROM b WHERE kind = 'urban') AS open_black_odorous_urban,
    (SELECT count(*) FROM b WHERE kind = 'rural') AS open_black_odorous_rural,
    (SELECT count(*) FROM blank_areas_as_of(last_day($month::DATE))
      WHERE is_open AND ($town_id IS NULL OR town_id = $town_id)) AS open_blank_areas
