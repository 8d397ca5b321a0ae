-- Purpose: the flood-season rebound the plan warns of (汛期水质反弹): each section's monthly class in
--   the flood season of $year against its class in the dry months before it (January to the month
--   before the season starts), from the evaluated monthly classes (section_month_completeness: no
--   re-grading). Only complete months are compared. dry_class is the lower median class of the
--   complete dry months; a flood-season month is a rebound when its class is worse than dry_class;
--   the first rebound month of the season is flagged as the first flush (初期雨水).
-- Grain: one row per section and flood-season month of $year up to the month of $now.
-- Parameters: $now (the app's now), $year (integer), $town_id (NULL = all).
-- Columns: section_id, name_zh, name_en, town_id, target_class, month, status, water_class, dry_class,
--   dry_worst_class, n_dry_months, class_change, is_rebound, is_first_flush
WITH c AS (
    SELECT c.section_id, c.month, c.status, c.water_class
    FROM section_month_completeness($now) AS c
    WHERE year(c.month) = $year AND c.month <= date_trunc('month', $now::DATE)
),
dry AS (
    SELECT section_id, quantile_disc(water_class, 0.5) AS dry_class, max(water_class) AS dry_worst_class,
           count(*) AS n_dry_months
    FROM c
    WHERE status = 'complete' AND month < date_trunc('month', flood_season_start($year))
    GROUP BY section_id
),
flood AS (
    SELECT c.*, d.dry_class, d.dry_worst_class, coalesce(d.n_dry_months, 0) AS n_dry_months,
           CASE WHEN c.status = 'complete' AND d.dry_class IS NOT NULL THEN c.water_class - d.dry_class END
               AS class_change
    FROM c
    LEFT JOIN dry AS d USING (section_id)
    WHERE c.month BETWEEN date_trunc('month', flood_season_start($year)) AND flood_season_end($year)
),
marked AS (
    SELECT f.*, (f.class_change > 0) AS is_rebound FROM flood AS f
)
SELECT m.section_id, s.name_zh, s.name_en, s.town_id, s.target_class, m.month, m.status, m.water_class,
       m.dry_class, m.dry_worst_class, m.n_dry_months, m.class_change, m.is_rebound,
       coalesce(m.is_rebound AND m.month = min(m.month) FILTER (WHERE m.is_rebound)
                                           OVER (PARTITION BY m.section_id), false) AS is_first_flush
FROM marked AS m
JOIN sections AS s USING (section_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY s.section_id, m.month
