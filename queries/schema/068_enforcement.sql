-- Enforcement on water-related pollution sources (涉水污染源执法监管, plan task 6): the sources along
-- the five rivers, their inspections and the cases filed (立案), with the status rules defined once.
-- pollution_sources:     one row per source. source_kind: industry (涉水工业企业) | hospital (医院) |
--                        school (学校) | farm (规模化养殖) | sewage_facility (集中式污水处理设施, pump
--                        stations) | other. responsible_unit(_en): the unit answerable for it.
-- source_inspections:    one row per (source, inspection day): inspector unit, whether a problem was
--                        found (has_finding), note.
-- enforcement_cases:     one row per case (立案): found_on, problem, rectification deadline (rectify_by),
--                        penalty_cny (0 = none), closed_on (NULL = open), responsible unit (NULL: the source's).
--
-- Status rules (enforcement_cases_at):
--   open at D:      found_on <= D and (closed_on IS NULL or closed_on > D)
--   overdue at D:   open at D and rectify_by < D
--   due soon at D:  open at D and D <= rectify_by <= D + enforcement_near_days() (30 days)
--   penalties of a year: penalty_cny of the cases found in that year (on or before D)
--   never inspected this year: no inspection between 1 January of D's year and D
-- task_status_6(as_of):
--   no_data:  no source, or neither an inspection nor a case on or before as_of
--   missed:   a case open past its rectification deadline at as_of
--   at_risk:  none overdue, a case due within 30 days
--   met:      no case open and every source inspected in as_of's year
--   on_track: otherwise (cases open with more than 30 days to go, or sources not yet inspected this year)
CREATE TABLE pollution_sources (
    source_id           VARCHAR PRIMARY KEY,
    name_zh             VARCHAR NOT NULL,
    name_en             VARCHAR NOT NULL,
    source_kind         VARCHAR NOT NULL CHECK (source_kind IN ('industry', 'hospital', 'school', 'farm',
                                                                 'sewage_facility', 'other')),
    river_id            VARCHAR,
    town_id             VARCHAR NOT NULL,
    responsible_unit    VARCHAR NOT NULL,
    responsible_unit_en VARCHAR NOT NULL,
    lon                 DOUBLE,
    lat                 DOUBLE,
    batch_id            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE source_inspections (
    source_id           VARCHAR NOT NULL,
    inspected_on        DATE NOT NULL,
    inspector_unit      VARCHAR NOT NULL,
    inspector_unit_en   VARCHAR NOT NULL,
    has_finding         BOOLEAN NOT NULL,
    note                VARCHAR,
    batch_id            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, inspected_on)
);

CREATE TABLE enforcement_cases (
    case_id             VARCHAR PRIMARY KEY,
    source_id           VARCHAR NOT NULL,
    found_on            DATE NOT NULL,
    problem_zh          VARCHAR NOT NULL,
    problem_en          VARCHAR NOT NULL,
    rectify_by          DATE NOT NULL,
    penalty_cny         DOUBLE NOT NULL DEFAULT 0 CHECK (penalty_cny >= 0),
    closed_on           DATE,
    responsible_unit    VARCHAR,
    responsible_unit_en VARCHAR,
    batch_id            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS archive_pollution_sources AS
    SELECT 0::INTEGER AS archived_by, * FROM pollution_sources LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_source_inspections AS
    SELECT 0::INTEGER AS archived_by, * FROM source_inspections LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_enforcement_cases AS
    SELECT 0::INTEGER AS archived_by, * FROM enforcement_cases LIMIT 0;

-- Days before a rectification deadline from which an open case is "due soon".
CREATE MACRO enforcement_near_days() AS 30;

-- One row per case filed on or before as_of, with its status at as_of (rules in the header).
CREATE MACRO enforcement_cases_at(as_of) AS TABLE
SELECT c.case_id, c.source_id, s.name_zh AS source_zh, s.name_en AS source_en, s.source_kind, s.town_id,
       s.river_id, c.found_on, c.problem_zh, c.problem_en, c.rectify_by, c.penalty_cny, c.closed_on,
       coalesce(c.responsible_unit, s.responsible_unit) AS unit_zh,
       coalesce(c.responsible_unit_en, c.responsible_unit, s.responsible_unit_en) AS unit_en,
       c.closed_on IS NULL OR c.closed_on > as_of::DATE AS is_open,
       (c.closed_on IS NULL OR c.closed_on > as_of::DATE) AND c.rectify_by < as_of::DATE AS is_overdue,
       (c.closed_on IS NULL OR c.closed_on > as_of::DATE)
           AND c.rectify_by BETWEEN as_of::DATE AND as_of::DATE + enforcement_near_days() AS is_due_soon,
       CASE WHEN (c.closed_on IS NULL OR c.closed_on > as_of::DATE) AND c.rectify_by < as_of::DATE
            THEN date_diff('day', c.rectify_by, as_of::DATE) END AS days_overdue,
       c.closed_on <= as_of::DATE AND c.closed_on > c.rectify_by AS closed_late
FROM enforcement_cases AS c
JOIN pollution_sources AS s USING (source_id)
WHERE c.found_on <= as_of::DATE;

-- One row per source: inspections in as_of's year up to as_of, the latest ever, and its open cases.
CREATE MACRO enforcement_source_status(as_of) AS TABLE
WITH i AS (
    SELECT source_id, count(*) FILTER (WHERE inspected_on >= date_trunc('year', as_of::DATE)) AS n_inspections_year,
           count(*) FILTER (WHERE inspected_on >= date_trunc('year', as_of::DATE) AND has_finding) AS n_findings_year,
           max(inspected_on) AS last_inspected_on
    FROM source_inspections WHERE inspected_on <= as_of::DATE GROUP BY source_id
),
c AS (
    SELECT source_id, count(*) FILTER (WHERE is_open) AS n_open, count(*) FILTER (WHERE is_overdue) AS n_overdue
    FROM enforcement_cases_at(as_of) GROUP BY source_id
)
SELECT s.source_id, coalesce(i.n_inspections_year, 0) AS n_inspections_year,
       coalesce(i.n_findings_year, 0) AS n_findings_year, i.last_inspected_on,
       coalesce(i.n_inspections_year, 0) = 0 AS not_inspected_this_year,
       coalesce(c.n_open, 0) AS n_open, coalesce(c.n_overdue, 0) AS n_overdue
FROM pollution_sources AS s
LEFT JOIN i USING (source_id)
LEFT JOIN c USING (source_id);

-- The task's status from data (plan task 6), as at as_of (queries/schema/080_task_data_status.sql).
CREATE MACRO task_status_6(as_of) AS TABLE
WITH c AS (SELECT * FROM enforcement_cases_at(as_of)),
s AS (SELECT * FROM enforcement_source_status(as_of)),
n AS (
    SELECT (SELECT count(*) FROM s) AS n_sources,
           (SELECT count(*) FROM s WHERE NOT not_inspected_this_year) AS n_inspected,
           (SELECT count(*) FROM source_inspections WHERE inspected_on <= as_of::DATE) AS n_inspections_all,
           (SELECT count(*) FROM c) AS n_cases_all,
           (SELECT count(*) FROM c WHERE is_open) AS n_open,
           (SELECT count(*) FROM c WHERE is_overdue) AS n_overdue,
           (SELECT count(*) FROM c WHERE is_due_soon) AS n_due_soon,
           (SELECT string_agg(DISTINCT unit_zh, '、' ORDER BY unit_zh) FROM c WHERE is_overdue) AS units_zh,
           (SELECT string_agg(DISTINCT unit_en, ', ' ORDER BY unit_en) FROM c WHERE is_overdue) AS units_en
)
SELECT 6 AS task_no,
       CASE WHEN n_sources = 0 OR n_inspections_all + n_cases_all = 0 THEN 'no_data'
            WHEN n_overdue > 0 THEN 'missed'
            WHEN n_due_soon > 0 THEN 'at_risk'
            WHEN n_open = 0 AND n_inspected = n_sources THEN 'met'
            ELSE 'on_track' END AS data_status,
       strftime(as_of::DATE, '%Y-%m-%d') || '：在办案件 ' || n_open || ' 件，逾期未整改 ' || n_overdue || ' 件'
           || CASE WHEN n_overdue > 0 THEN '（' || units_zh || '）' ELSE '' END || '，30 日内到期 ' || n_due_soon
           || ' 件；今年已检查污染源 ' || n_inspected || '/' || n_sources AS evidence_zh,
       strftime(as_of::DATE, '%Y-%m-%d') || ': ' || n_open || ' cases open, ' || n_overdue || ' past the deadline'
           || CASE WHEN n_overdue > 0 THEN ' (' || units_en || ')' ELSE '' END || ', ' || n_due_soon
           || ' due within 30 days; sources inspected this year ' || n_inspected || '/' || n_sources AS evidence_en,
       CASE WHEN n_inspections_all + n_cases_all > 0 THEN as_of::DATE END AS measured_through
FROM n;
