-- Status rules as at a date, each defined once: every query that counts or lists open outfalls,
-- combined pipes, black-odorous water bodies or blank areas builds on these table macros (the
-- overview cards, the detail pages and the target measures then cannot drift apart).
-- A ledger row whose recorded status is final but whose date is missing (an outfall recorded
-- 'closed' with no closed_on, a water body recorded 'closed' with no closed_on, a pipe recorded
-- retrofit 'done' with no separated_on) counts as closed / separated at every date: the ledger says
-- it is, and no date says since when.
--
-- outfalls_as_of(d): one row per outfall discovered on or before d: every outfalls column, as_of,
--   status_as_of (surveyed | monitored | traced | rectifying | closed, from the dates; the recorded
--   status is the ledger's current one), is_open (not closed out at d), is_overdue (open, its
--   rectification deadline passed before d and not rectified by d), days_overdue.
CREATE OR REPLACE MACRO outfalls_as_of(d) AS TABLE
SELECT s.*,
       (s.status_as_of <> 'closed') AS is_open,
       coalesce(s.status_as_of <> 'closed' AND s.rectification_deadline < s.as_of
                AND (s.rectified_on IS NULL OR s.rectified_on > s.as_of), false) AS is_overdue,
       CASE WHEN s.status_as_of <> 'closed' AND s.rectification_deadline < s.as_of
                 AND (s.rectified_on IS NULL OR s.rectified_on > s.as_of)
            THEN datediff('day', s.rectification_deadline, s.as_of) END AS days_overdue
FROM (
    SELECT o.*, d::DATE AS as_of,
        CASE
            WHEN o.closed_on <= d::DATE OR (o.status = 'closed' AND o.closed_on IS NULL) THEN 'closed'
            WHEN o.status IN ('rectifying', 'closed') AND coalesce(o.traced_on, o.discovered_on) <= d::DATE THEN 'rectifying'
            WHEN o.status = 'traced' AND coalesce(o.traced_on, o.discovered_on) <= d::DATE THEN 'traced'
            WHEN o.status <> 'surveyed' AND coalesce(f.first_on, o.discovered_on) <= d::DATE THEN 'monitored'
            ELSE 'surveyed'
        END AS status_as_of
    FROM outfalls AS o
    LEFT JOIN (SELECT outfall_id, min(inspected_on) AS first_on FROM outfall_inspections GROUP BY outfall_id) AS f
        USING (outfall_id)
    WHERE o.discovered_on <= d::DATE
) AS s;

-- pipes_as_of(d): one row per pipe segment: every pipes column, as_of, is_separated (separated by d,
--   or recorded retrofit done with no date), kind_as_of (combined while a once-combined segment is not
--   separated, else the recorded kind), retrofit_as_of (none | planned | in_progress | done at d),
--   is_combined_open (a once-combined segment not separated at d: kind_as_of = 'combined').
CREATE OR REPLACE MACRO pipes_as_of(d) AS TABLE
SELECT s.*,
       CASE WHEN s.was_combined AND NOT s.is_separated THEN 'combined' ELSE s.kind END AS kind_as_of,
       CASE WHEN s.is_separated THEN 'done'
            WHEN s.retrofit_started_on <= s.as_of THEN 'in_progress'
            WHEN s.retrofit_status = 'in_progress' AND s.retrofit_started_on IS NULL THEN 'in_progress'
            WHEN s.retrofit_status = 'none' THEN 'none'
            ELSE 'planned' END AS retrofit_as_of,
       (s.was_combined AND NOT s.is_separated) AS is_combined_open
FROM (
    SELECT p.*, d::DATE AS as_of,
           coalesce(p.separated_on <= d::DATE, p.retrofit_status = 'done') AS is_separated
    FROM pipes AS p
) AS s;

-- water_bodies_as_of(d): one row per black-odorous water body found on or before d: every
--   water_bodies column, as_of, status_as_of (found | rectifying | cleared | closed at d), is_open
--   (not closed out 销号 at d).
CREATE OR REPLACE MACRO water_bodies_as_of(d) AS TABLE
SELECT s.*, (s.status_as_of <> 'closed') AS is_open
FROM (
    SELECT b.*, d::DATE AS as_of,
        CASE WHEN b.closed_on <= d::DATE OR (b.status = 'closed' AND b.closed_on IS NULL) THEN 'closed'
             WHEN b.cleared_on <= d::DATE THEN 'cleared'
             WHEN b.rectify_started_on <= d::DATE THEN 'rectifying'
             ELSE 'found' END AS status_as_of
    FROM water_bodies AS b
    WHERE b.found_on <= d::DATE
) AS s;

-- blank_areas_as_of(d): one row per pipe-network blank area found on or before d: every
--   network_blank_areas column, as_of, is_open (not closed by d), days_open (open ones).
CREATE OR REPLACE MACRO blank_areas_as_of(d) AS TABLE
SELECT a.*, d::DATE AS as_of,
       (a.closed_on IS NULL OR a.closed_on > d::DATE) AS is_open,
       CASE WHEN a.closed_on IS NULL OR a.closed_on > d::DATE THEN datediff('day', a.found_on, d::DATE) END AS days_open
FROM network_blank_areas AS a
WHERE a.found_on <= d::DATE;
