-- The total-nitrogen special action (总氮专项行动, plan task 12; target N1). TN is never graded for rivers
-- (reference §8): it is followed as a concentration, year on year.
-- tn_action_settings: the thresholds of the rules below, one row per setting (a data table: change a
--   value with UPDATE, it is read at every call): high_mg_l (a section is "high" when its TN mean of the
--   year so far is above it; default 5.5 mg/L, a working rule: no national line exists for rivers) and
--   rebound_pct (a section "rebounds" when that mean is above the mean of the same months of the year
--   before by more than this many per cent; default 5 %, a working rule).
-- tn_problems: the problem list the task asks for (总氮污染问题及整改措施清单): one row per problem at a
--   section, with its measure, owner, deadline and status open | rectifying | done (done_on: when).
-- section_period_parameter: a placeholder with the columns read below, so the macros bind when the
--   schema is applied; bishui.db.evaluation.refresh replaces it with the real evaluation table.
--
-- tn_section_ytd(as_of): one row per section and complete month M (a month is complete from the first
--   day of the next; only months over by as_of count) of a year in which the section has TN monthly
--   means (section_period_parameter, period_kind 'month': automatic data first, as for every parameter):
--   mean_ytd = mean of the monthly means from January to M, n_months; mean_prev = mean of the monthly
--   means of the same months (January to M's month) of the year before, n_prev; change_pct = (mean_ytd -
--   mean_prev) / mean_prev × 100 (NULL without mean_prev); is_high = mean_ytd > high_mg_l;
--   is_rebounding = change_pct > rebound_pct (false without mean_prev). In December both means are the
--   annual means: N1 (queries/target_measures.sql, tn_high_sections) counts the rebounding sections.
-- tn_problems_as_of(d): every tn_problems row with is_done (done by d: status done and done_on <= d, or
--   no done_on) and is_overdue (not done at d and its deadline before d).
-- task_status_12(as_of): for the latest complete month M (the month before as_of's month):
--     no_data  no section has TN in M's year up to M and in the same months of the year before,
--     missed   M is December and a section rebounded (the year's annual mean above the last year's by
--              more than rebound_pct),
--     at_risk  a section rebounds so far (M before December), or a problem of the list is overdue,
--     met      M is December, no section rebounded and no problem is overdue,
--     on_track M before December, no section rebounds and no problem is overdue.
CREATE TABLE tn_action_settings (
    setting     VARCHAR PRIMARY KEY,
    value       DOUBLE NOT NULL,
    note        VARCHAR NOT NULL
);
INSERT INTO tn_action_settings VALUES
    ('high_mg_l', 5.5, 'working rule: TN mean of the year so far above this (mg/L) marks a high section'),
    ('rebound_pct', 5.0, 'working rule: TN mean of the year so far above the same months last year by more than this (%) is a rebound');

CREATE TABLE tn_problems (
    problem_id      VARCHAR PRIMARY KEY,
    section_id      VARCHAR NOT NULL,
    problem_zh      VARCHAR NOT NULL,
    problem_en      VARCHAR NOT NULL,
    measure_zh      VARCHAR,
    measure_en      VARCHAR,
    owner_zh        VARCHAR NOT NULL,
    owner_en        VARCHAR NOT NULL,
    found_on        DATE NOT NULL,
    deadline        DATE NOT NULL,
    problem_status  VARCHAR NOT NULL CHECK (problem_status IN ('open', 'rectifying', 'done')),
    done_on         DATE,
    batch_id        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS archive_tn_problems AS SELECT 0::INTEGER AS archived_by, * FROM tn_problems LIMIT 0;

CREATE TABLE IF NOT EXISTS section_period_parameter AS
SELECT NULL::VARCHAR AS section_id, NULL::VARCHAR AS period_kind, NULL::DATE AS period, NULL::VARCHAR AS parameter,
       NULL::DOUBLE AS mean_value
LIMIT 0;

CREATE OR REPLACE MACRO tn_section_ytd(as_of) AS TABLE
WITH m AS (
    SELECT section_id, period AS month, mean_value
    FROM section_period_parameter
    WHERE period_kind = 'month' AND parameter = 'tn' AND mean_value IS NOT NULL
      AND period + INTERVAL 1 MONTH <= CAST(as_of AS TIMESTAMP)
),
grid AS (
    SELECT s.section_id, mm.month
    FROM (SELECT DISTINCT section_id FROM m) AS s
    CROSS JOIN (SELECT DISTINCT month FROM m) AS mm
),
cur AS (
    SELECT g.section_id, g.month, avg(x.mean_value) AS mean_ytd, count(*) AS n_months
    FROM grid AS g
    JOIN m AS x ON x.section_id = g.section_id AND x.month BETWEEN date_trunc('year', g.month) AND g.month
    GROUP BY g.section_id, g.month
),
prev AS (
    SELECT g.section_id, g.month, avg(x.mean_value) AS mean_prev, count(*) AS n_prev
    FROM grid AS g
    JOIN m AS x ON x.section_id = g.section_id
     AND x.month BETWEEN date_trunc('year', g.month) - INTERVAL 1 YEAR AND g.month - INTERVAL 1 YEAR
    GROUP BY g.section_id, g.month
),
cfg AS (
    SELECT max(value) FILTER (WHERE setting = 'high_mg_l') AS high_mg_l,
           max(value) FILTER (WHERE setting = 'rebound_pct') AS rebound_pct
    FROM tn_action_settings
)
SELECT c.section_id, c.month, year(c.month) AS year, c.mean_ytd, c.n_months, p.mean_prev,
       coalesce(p.n_prev, 0) AS n_prev,
       100.0 * (c.mean_ytd - p.mean_prev) / nullif(p.mean_prev, 0) AS change_pct,
       c.mean_ytd > cfg.high_mg_l AS is_high,
       coalesce(100.0 * (c.mean_ytd - p.mean_prev) / nullif(p.mean_prev, 0) > cfg.rebound_pct, false) AS is_rebounding,
       cfg.high_mg_l, cfg.rebound_pct
FROM cur AS c
LEFT JOIN prev AS p USING (section_id, month)
CROSS JOIN cfg;

CREATE OR REPLACE MACRO tn_problems_as_of(d) AS TABLE
SELECT p.*,
       (p.problem_status = 'done' AND (p.done_on IS NULL OR p.done_on <= CAST(d AS DATE))) AS is_done,
       NOT (p.problem_status = 'done' AND (p.done_on IS NULL OR p.done_on <= CAST(d AS DATE)))
           AND p.deadline < CAST(d AS DATE) AS is_overdue
FROM tn_problems AS p
WHERE p.found_on <= CAST(d AS DATE);

CREATE OR REPLACE MACRO task_status_12(as_of) AS TABLE
WITH m AS (
    SELECT CAST(date_trunc('month', CAST(as_of AS DATE)) - INTERVAL 1 MONTH AS DATE) AS month
),
y AS (
    SELECT count(*) FILTER (WHERE t.mean_prev IS NOT NULL) AS n_compared,
           count(*) FILTER (WHERE t.is_rebounding) AS n_rebounding,
           count(*) FILTER (WHERE t.is_high) AS n_high,
           any_value(t.rebound_pct) AS rebound_pct
    FROM tn_section_ytd(as_of) AS t
    WHERE t.month = (SELECT month FROM m)
),
p AS (
    SELECT count(*) FILTER (WHERE is_overdue) AS n_overdue, count(*) AS n_problems
    FROM tn_problems_as_of(as_of)
)
SELECT 12 AS task_no,
       CASE WHEN y.n_compared = 0 THEN 'no_data'
            WHEN month(m.month) = 12 AND y.n_rebounding > 0 THEN 'missed'
            WHEN y.n_rebounding > 0 OR p.n_overdue > 0 THEN 'at_risk'
            WHEN month(m.month) = 12 THEN 'met'
            ELSE 'on_track' END AS data_status,
       CASE WHEN y.n_compared = 0 THEN strftime(m.month, '%Y年%-m月') || '没有可与上年同期比较的总氮数据'
            ELSE CASE WHEN month(m.month) = 1 THEN strftime(m.month, '%Y年1月') ELSE strftime(m.month, '%Y年1–%-m月') END
                 || '：' || y.n_compared || '个断面中' || y.n_rebounding
                 || '个总氮较上年同期反弹（升幅超过' || y.rebound_pct || '%），' || y.n_high || '个高值断面；问题清单'
                 || p.n_problems || '项，逾期' || p.n_overdue || '项' END AS evidence_zh,
       CASE WHEN y.n_compared = 0 THEN 'no TN to compare with the year before in ' || strftime(m.month, '%Y-%m')
            ELSE CASE WHEN month(m.month) = 1 THEN strftime(m.month, '%Y-%m') ELSE strftime(m.month, '%Y-01..%m') END
                 || ': ' || y.n_rebounding || ' of ' || y.n_compared
                 || ' sections rebound (TN mean above the same months last year by more than ' || y.rebound_pct
                 || '%), ' || y.n_high || ' high; problem list ' || p.n_problems || ', ' || p.n_overdue
                 || ' overdue' END AS evidence_en,
       CAST(last_day(m.month) AS DATE) AS measured_through
FROM m, y, p;
