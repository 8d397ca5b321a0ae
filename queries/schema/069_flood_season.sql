-- Flood-season readiness (汛前准备; plan tasks 5 and 11, issue 18).
--
-- flood_checklist: one row per year, checklist item and township: what was planned before the flood
--   season and what was done, by whom (owner_zh / owner_en), and the day it was finished (done_on).
--   item_code and its unit (flood_item_unit):
--     pipe_dredging  管网清淤疏浚 (km)                         task 5
--     pipe_level     降低管网运行水位 (pipe sections / wells)   task 5
--     pump_station   泵站汛前检修 (stations, e.g. Songgui Ave)  task 5
--     sluice         闸门汛前维护 (sluices)                     task 5
--     rain_inlet     雨水口清掏维护 (inlets)                    task 5
--     bank_cleanup   汛前河湖沿岸清理：淤积底泥、水面及沿岸废弃物 (km of bank)   task 11
--     ditch_water    闸坝沟渠临时拦截的生产生活污水、灌溉尾水清理 (sites)        task 11
--   Task 5 of the plan asks for dredging, lower pipe levels, the pump station, the sluices and the
--   rain inlets before the flood season; task 11 for the pre-flood inspection and clean-up of the
--   rivers, their banks and what sluices and ditches hold back.
CREATE TABLE flood_checklist (
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    item_code   VARCHAR NOT NULL CHECK (item_code IN ('pipe_dredging', 'pipe_level', 'pump_station', 'sluice',
                                                      'rain_inlet', 'bank_cleanup', 'ditch_water')),
    town_id     VARCHAR NOT NULL,
    owner_zh    VARCHAR,
    owner_en    VARCHAR,
    planned     DOUBLE NOT NULL CHECK (planned >= 0),
    done        DOUBLE CHECK (done >= 0),
    done_on     DATE,
    note_zh     VARCHAR,
    batch_id    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, item_code, town_id)
);
CREATE TABLE IF NOT EXISTS archive_flood_checklist AS
    SELECT 0::INTEGER AS archived_by, * FROM flood_checklist LIMIT 0;

-- The flood season (汛期), a setting defined once. The plan says "before the flood season" (汛前)
-- without a date; Shandong's flood season runs from 1 June to 30 September, so the season starts on
-- 1 June and ends on 30 September of each year. Change the dates here (and rebuild) to change them.
CREATE OR REPLACE MACRO flood_season_start(y) AS make_date(y::INTEGER, 6, 1);
CREATE OR REPLACE MACRO flood_season_end(y) AS make_date(y::INTEGER, 9, 30);
CREATE OR REPLACE MACRO flood_item_task(code) AS CASE WHEN code IN ('bank_cleanup', 'ditch_water') THEN 11 ELSE 5 END;
CREATE OR REPLACE MACRO flood_item_unit(code) AS
    CASE WHEN code IN ('pipe_dredging', 'bank_cleanup') THEN 'km' ELSE 'count' END;
CREATE OR REPLACE MACRO flood_item_zh(code) AS
    CASE code WHEN 'pipe_dredging' THEN '管网清淤' WHEN 'pipe_level' THEN '降低管网水位'
              WHEN 'pump_station' THEN '泵站检修' WHEN 'sluice' THEN '闸门维护' WHEN 'rain_inlet' THEN '雨水口清掏'
              WHEN 'bank_cleanup' THEN '沿岸清理' WHEN 'ditch_water' THEN '闸坝沟渠拦截污水清理' ELSE code END;
CREATE OR REPLACE MACRO flood_item_en(code) AS
    CASE code WHEN 'pipe_dredging' THEN 'pipe dredging' WHEN 'pipe_level' THEN 'lower pipe levels'
              WHEN 'pump_station' THEN 'pump stations' WHEN 'sluice' THEN 'sluices' WHEN 'rain_inlet' THEN 'rain inlets'
              WHEN 'bank_cleanup' THEN 'river-bank clean-up' WHEN 'ditch_water' THEN 'water held in ditches'
              ELSE code END;

-- flood_readiness(as_of): one row per checklist row, judged at as_of (a DATE). Work finished after
--   as_of is not known at as_of (done_on > as_of counts as not done).
--   Columns: year, item_code, task_no, town_id, owner_zh, owner_en, unit, planned, done (NULL when not
--   known at as_of), done_on, season_start, done_pct (done / planned * 100; 100 when nothing was
--   planned), is_done (done >= planned and a done_on), status: ready (done before the season starts)
--   | late (done on or after the start, or still not done once the season has started) | pending (not
--   done, the season has not started), days_late (days from the start to done_on, or to as_of while
--   still open; NULL unless late).
CREATE OR REPLACE MACRO flood_readiness(as_of) AS TABLE
WITH c AS (
    SELECT f.*, flood_season_start(f.year) AS season_start,
           (f.done_on IS NOT NULL AND f.done_on <= as_of::DATE) AS known
    FROM flood_checklist AS f
),
d AS (
    SELECT c.*, (known AND coalesce(done, 0) >= planned) AS is_done FROM c
)
SELECT year, item_code, flood_item_task(item_code) AS task_no, town_id, owner_zh, owner_en,
       flood_item_unit(item_code) AS unit, planned,
       CASE WHEN known THEN done END AS done, CASE WHEN known THEN done_on END AS done_on, season_start,
       CASE WHEN planned = 0 THEN 100.0 ELSE 100.0 * least(coalesce(CASE WHEN known THEN done END, 0), planned)
            / planned END AS done_pct,
       is_done,
       CASE WHEN is_done AND done_on < season_start THEN 'ready'
            WHEN is_done OR as_of::DATE >= season_start THEN 'late'
            ELSE 'pending' END AS status,
       CASE WHEN is_done AND done_on >= season_start THEN date_diff('day', season_start, done_on)
            WHEN NOT is_done AND as_of::DATE >= season_start THEN date_diff('day', season_start, as_of::DATE)
            END AS days_late
FROM d;

-- flood_task_status(task, as_of): tasks 5 and 11 measured from their checklist items, for
--   task_data_status (080). The year judged is the latest year <= as_of's with items of the task.
--   met: every item ready before the season started (or all done before it starts); missed: the
--   season started and an item was late; on_track / at_risk: the season has not started and items
--   are open, with more / at most 30 days to go; no_data: no items.
CREATE OR REPLACE MACRO flood_task_status(task, as_of) AS TABLE
WITH y AS (
    SELECT max(year) AS year FROM flood_checklist
    WHERE flood_item_task(item_code) = task AND year <= year(as_of::DATE)
),
r AS (
    SELECT f.* FROM flood_readiness(as_of) AS f, y WHERE f.task_no = task AND f.year = y.year
),
a AS (
    SELECT y.year, flood_season_start(y.year) AS season_start,
           (SELECT count(*) FROM r) AS n_items,
           (SELECT count(*) FROM r WHERE status = 'ready') AS n_ready,
           (SELECT count(*) FROM r WHERE status = 'late') AS n_late,
           (SELECT count(*) FROM r WHERE is_done) AS n_done,
           (SELECT string_agg(t.name_zh || flood_item_zh(r.item_code), '、' ORDER BY r.town_id, r.item_code)
              FROM r LEFT JOIN towns AS t USING (town_id) WHERE r.status = 'late') AS late_zh,
           (SELECT string_agg(coalesce(t.name_en, r.town_id) || ' ' || flood_item_en(r.item_code), ', '
                              ORDER BY r.town_id, r.item_code)
              FROM r LEFT JOIN towns AS t USING (town_id) WHERE r.status = 'late') AS late_en
    FROM y
)
SELECT task::INTEGER AS task_no,
       CASE WHEN year IS NULL OR n_items = 0 THEN 'no_data'
            WHEN n_done = n_items AND n_late = 0 THEN 'met'
            WHEN as_of::DATE >= season_start THEN 'missed'
            WHEN date_diff('day', as_of::DATE, season_start) > 30 THEN 'on_track'
            ELSE 'at_risk' END AS data_status,
       CASE WHEN year IS NULL OR n_items = 0 THEN '无汛前准备清单数据'
            ELSE year || '年汛期（' || strftime(season_start, '%m-%d') || '起）前' || n_items || '项，按时完成'
                 || n_ready || '项' || CASE WHEN n_late > 0 THEN '，逾期' || n_late || '项：' || late_zh ELSE '' END
            END AS evidence_zh,
       CASE WHEN year IS NULL OR n_items = 0 THEN 'No flood-season checklist data'
            ELSE year || ' flood season (from ' || strftime(season_start, '%m-%d') || '): ' || n_ready || ' of '
                 || n_items || ' items ready in time'
                 || CASE WHEN n_late > 0 THEN '; ' || n_late || ' late: ' || late_en ELSE '' END
            END AS evidence_en,
       CASE WHEN year IS NULL OR n_items = 0 THEN NULL ELSE least(as_of::DATE, flood_season_end(year)) END
           AS measured_through
FROM a;

CREATE OR REPLACE MACRO task_status_5(as_of) AS TABLE SELECT * FROM flood_task_status(5, as_of);
-- task_status_11 adds the flood-season rebound to flood_task_status(11, as_of): it reads the derived
-- evaluation tables, so it is defined in 079_flood_rebound_status.sql, created after them.
