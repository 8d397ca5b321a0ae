-- The flood-season rebound (汛期水质反弹, plan task 11) and task 11's status measured from data.
-- Both read section_month_completeness (062_completeness.sql), which reads the derived evaluation
-- tables, so bishui.db.evaluation creates this file after them on every refresh (AFTER_DERIVED), with
-- 062 before it and 080_task_data_status.sql after it; apply_schema skips it.
--
-- flood_season_rebound(now_at, yr): each section's monthly class in the flood season of year yr
--   against its class in the dry months before it (January to the month before the season starts),
--   from the evaluated monthly classes (no re-grading), as known at now_at (the app's now). Only
--   complete months are compared. dry_class is the lower median class of the complete dry months; a
--   flood-season month is a rebound when its class is worse than dry_class; the first rebound month
--   of the season is the first flush (初期雨水). One row per section and flood-season month of yr up
--   to the month of now_at. Columns: section_id, month, status, water_class, dry_class,
--   dry_worst_class, n_dry_months, class_change, is_rebound (NULL when not compared), is_first_flush.
CREATE OR REPLACE MACRO flood_season_rebound(now_at, yr) AS TABLE
WITH c AS (
    SELECT c.section_id, c.month, c.status, c.water_class
    FROM section_month_completeness(now_at) AS c
    WHERE year(c.month) = yr AND c.month <= date_trunc('month', now_at::DATE)
),
dry AS (
    SELECT section_id, quantile_disc(water_class, 0.5) AS dry_class, max(water_class) AS dry_worst_class,
           count(*) AS n_dry_months
    FROM c
    WHERE status = 'complete' AND month < date_trunc('month', flood_season_start(yr))
    GROUP BY section_id
),
flood AS (
    SELECT c.*, d.dry_class, d.dry_worst_class, coalesce(d.n_dry_months, 0) AS n_dry_months,
           CASE WHEN c.status = 'complete' AND d.dry_class IS NOT NULL THEN c.water_class - d.dry_class END
               AS class_change
    FROM c
    LEFT JOIN dry AS d USING (section_id)
    WHERE c.month BETWEEN date_trunc('month', flood_season_start(yr)) AND flood_season_end(yr)
),
marked AS (
    SELECT f.*, (f.class_change > 0) AS is_rebound FROM flood AS f
)
SELECT m.section_id, m.month, m.status, m.water_class, m.dry_class, m.dry_worst_class, m.n_dry_months,
       m.class_change, m.is_rebound,
       coalesce(m.is_rebound AND m.month = min(m.month) FILTER (WHERE m.is_rebound)
                                           OVER (PARTITION BY m.section_id), false) AS is_first_flush
FROM marked AS m;

-- task_status_11(as_of): plan task 11 measured from data, for task_data_status (080): the pre-flood
--   clean-up items of the checklist (flood_task_status(11, as_of), 069_flood_season.sql) and the
--   water quality of the flood season of as_of's year so far (flood_season_rebound at as_of).
--   Once the season has started:
--     a rebound (a complete flood-season month of a section worse than its dry months before) makes
--       the task at_risk (missed stays missed), the evidence names the sections and the first month;
--     a section-month of the season so far that cannot be compared (not over, no data, incomplete,
--       or no complete dry month to compare with; a no-flow month is not counted) keeps the task from
--       reading as met (met becomes on_track) and the evidence counts them;
--   before the season starts the checklist alone decides.
--   Columns as task_data_status: task_no, data_status, evidence_zh, evidence_en, measured_through.
CREATE OR REPLACE MACRO task_status_11(as_of) AS TABLE
WITH cl AS (
    SELECT * FROM flood_task_status(11, as_of)
),
season AS (
    SELECT year(as_of::DATE) AS yr, flood_season_start(year(as_of::DATE)) AS season_start,
           flood_season_end(year(as_of::DATE)) AS season_end,
           as_of::DATE >= flood_season_start(year(as_of::DATE)) AS has_started
),
r AS (
    SELECT r.*, s.name_zh, s.name_en
    FROM flood_season_rebound(as_of::DATE, year(as_of::DATE)) AS r
    JOIN sections AS s USING (section_id)
),
firsts AS (
    SELECT section_id, any_value(name_zh) AS name_zh, coalesce(any_value(name_en), any_value(name_zh)) AS name_en,
           strftime(min(month), '%Y-%m') AS first_month
    FROM r WHERE is_rebound GROUP BY section_id
),
w AS (
    SELECT (SELECT count(*) FROM firsts) AS n_rebound,
           (SELECT string_agg(name_zh || '（' || first_month || '起）', '、' ORDER BY section_id) FROM firsts)
               AS rebound_zh,
           (SELECT string_agg(name_en || ' (from ' || first_month || ')', ', ' ORDER BY section_id) FROM firsts)
               AS rebound_en,
           (SELECT count(*) FROM r
             WHERE status NOT IN ('complete', 'no_flow') OR (status = 'complete' AND dry_class IS NULL))
               AS n_unjudged,
           (SELECT count(*) FROM r) AS n_months
)
SELECT 11 AS task_no,
       CASE WHEN NOT season.has_started OR w.n_months = 0 THEN cl.data_status
            WHEN w.n_rebound > 0 THEN CASE WHEN cl.data_status = 'missed' THEN 'missed' ELSE 'at_risk' END
            WHEN w.n_unjudged > 0 AND cl.data_status = 'met' THEN 'on_track'
            ELSE cl.data_status END AS data_status,
       cl.evidence_zh
           || CASE WHEN NOT season.has_started OR w.n_months = 0 THEN ''
                   ELSE '；' || season.yr || '年汛期水质'
                        || CASE WHEN w.n_rebound > 0
                                THEN '反弹（差于汛前枯水期）' || w.n_rebound || '个断面：' || w.rebound_zh
                                WHEN w.n_unjudged = 0 THEN '各断面均未差于汛前枯水期'
                                ELSE '未见反弹' END
                        || CASE WHEN w.n_unjudged > 0
                                THEN '；' || w.n_unjudged || '个断面月尚不能评价（未满月、无数据或数据不全）'
                                ELSE '' END
              END AS evidence_zh,
       cl.evidence_en
           || CASE WHEN NOT season.has_started OR w.n_months = 0 THEN ''
                   ELSE '; ' || season.yr || ' flood-season water quality: '
                        || CASE WHEN w.n_rebound > 0
                                THEN 'rebound (worse than the dry months before) at ' || w.n_rebound
                                     || CASE WHEN w.n_rebound = 1 THEN ' section: ' ELSE ' sections: ' END
                                     || w.rebound_en
                                WHEN w.n_unjudged = 0 THEN 'no section worse than in the dry months before'
                                ELSE 'no rebound seen' END
                        || CASE WHEN w.n_unjudged > 0
                                THEN '; ' || w.n_unjudged || ' section-month' || CASE WHEN w.n_unjudged = 1 THEN '' ELSE 's' END
                                     || ' not yet judged (not over, no data or incomplete)'
                                ELSE '' END
              END AS evidence_en,
       coalesce(cl.measured_through,
                CASE WHEN season.has_started AND w.n_months > 0 THEN least(as_of::DATE, season.season_end) END)
           AS measured_through
FROM cl, season, w;
