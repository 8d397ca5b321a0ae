-- Purpose: the weekly-meeting cards on pollution sources, as at the end of a month: outfalls not yet
--   closed out (销号), domestic-sewage direct outfalls still open, combined pipe still to separate,
--   black-odorous water bodies not yet closed out, pipe-network blank areas still open.
-- Grain: one row.
-- Parameters: $month (first day of the month), $town_id (NULL = whole district).
-- Columns: open_outfalls, overdue_outfalls, open_direct_outfalls, combined_pipe_km,
--   combined_segments, open_black_odorous, open_blank_areas
WITH e AS (SELECT last_day($month::DATE) AS month_end)
SELECT
    (SELECT count(*) FROM outfalls, e
      WHERE discovered_on <= month_end AND (closed_on IS NULL OR closed_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS open_outfalls,
    (SELECT count(*) FROM outfalls, e
      WHERE discovered_on <= month_end AND (closed_on IS NULL OR closed_on > month_end)
        AND rectification_deadline < month_end AND (rectified_on IS NULL OR rectified_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS overdue_outfalls,
    (SELECT count(*) FROM outfalls, e
      WHERE is_direct_sewage AND discovered_on <= month_end
        AND (closed_on IS NULL OR closed_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS open_direct_outfalls,
    (SELECT coalesce(sum(length_m), 0) / 1000.0 FROM pipes, e
      WHERE was_combined AND (separated_on IS NULL OR separated_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS combined_pipe_km,
    (SELECT count(*) FROM pipes, e
      WHERE was_combined AND (separated_on IS NULL OR separated_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS combined_segments,
    (SELECT count(*) FROM water_bodies, e
      WHERE found_on <= month_end AND (closed_on IS NULL OR closed_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS open_black_odorous,
    (SELECT count(*) FROM network_blank_areas, e
      WHERE found_on <= month_end AND (closed_on IS NULL OR closed_on > month_end)
        AND ($town_id IS NULL OR town_id = $town_id)) AS open_blank_areas
