-- Drinking-water sources (集中式饮用水水源地, plan task 15): the sources, their protection zones, their
-- monitoring, and the compliance rules (水源地达标) every screen and the task status read.
-- drinking_sources:        one row per source. source_type river | reservoir | groundwater; the intake
--                          point (lon/lat, WGS-84); target_class: the GB 3838 class it must meet (3 for
--                          surface sources). A reservoir source is graded with the lake/reservoir limits
--                          (TP), a river source and a groundwater well field with the river limits (GB/T
--                          14848 for groundwater is not in the reference: the GB 3838 items stand in).
-- drinking_source_zones:   one row per protection zone: zone_level first (一级保护区) | second (二级保护区),
--                          polygon geometry (WKB, WGS-84), imported as GeoJSON like towns and rivers.
-- drinking_source_samples: one row per (source, sampled_on, parameter): a single value in the
--                          parameter's unit (parameters.unit).
--
-- Rules (defined once here; queries/drinking_source_*.sql and task_status_15 build on them):
-- drinking_source_grades():  one row per sample value, graded by the house evaluation helpers
--   (grade_round at parameters.decimals, grade_class on the GB 3838 Table 1 limits of the source's
--   water-body type, exceedance_multiple): table_no 1 for the Table 1 items that enter a section's
--   class (parameters.enters_class; TN and fecal coliform are kept but not graded, as for sections),
--   2 for the Table 2 items (standard GB3838_T2: sulfate 250, chloride 250, nitrate 10, iron 0.3,
--   manganese 0.1 mg/L, single value), NULL = not graded. is_met: Table 1 class <= target_class,
--   Table 2 value <= limit. multiple: (value - limit) / limit of a failed 'le' item (NULL otherwise).
--   limit_value: the target class's limit (Table 1) or the Table 2 limit.
-- drinking_source_months(as_of): one row per source and month, from the first sampled month of any
--   source to the month of as_of. A month is judged on every value sampled in it (single values, the
--   worst counts): status
--     not_met  a graded item failed (even in a month not over yet),
--     met      the month is over, it has a sample, nothing failed, and the ten required items were
--              measured (the five Table 1 basics pH, DO, CODMn, NH3-N, TP and the five Table 2 items),
--     partial  the month is over, sampled, nothing failed, but a required item is missing,
--     no_data  the month is over without a sample (never met),
--     open     the month is not over and nothing failed so far.
--   failing: the failed items of the month (list of struct parameter, table_no, value, limit_value,
--   multiple; the worst value of each item), missing_required: the required items not measured.
-- drinking_source_years(as_of): one row per source and year: months by status, and annual status
--   not_met (a month not met) | met (twelve months met) | no_data (no month met or not met) |
--   incomplete (else: a month without data or not over).
-- drinking_district_months(as_of, town): one row per month: sources (of the township; town NULL = all),
--   sources assessed (met or not_met), sources met, rate_pct = met / assessed (NULL when none assessed).
-- task_status_15(as_of): the task's data-driven status for the latest complete month M (the month
--   before as_of's month):
--     no_data  no source was sampled in M,
--     missed   a source failed in M and in the month before M too (a failure that persists),
--     at_risk  a source failed in M (first month), or a source has no complete, compliant sample in M
--              (no_data or partial) while none failed,
--     met      every source met in M.
CREATE TABLE drinking_sources (
    source_id       VARCHAR PRIMARY KEY,
    name_zh         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    source_type     VARCHAR NOT NULL CHECK (source_type IN ('river', 'reservoir', 'groundwater')),
    town_id         VARCHAR,
    river_id        VARCHAR,
    lon             DOUBLE NOT NULL,           -- intake point
    lat             DOUBLE NOT NULL,
    target_class    INTEGER NOT NULL DEFAULT 3 CHECK (target_class BETWEEN 1 AND 5),
    supply_m3_d     DOUBLE,                    -- design supply
    batch_id        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE drinking_source_zones (
    zone_id         VARCHAR PRIMARY KEY,
    source_id       VARCHAR NOT NULL,
    zone_level      VARCHAR NOT NULL CHECK (zone_level IN ('first', 'second')),
    geom_wkb        BLOB,
    batch_id        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE drinking_source_samples (
    source_id       VARCHAR NOT NULL,
    sampled_on      DATE NOT NULL,
    parameter       VARCHAR NOT NULL,
    value           DOUBLE NOT NULL,
    batch_id        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, sampled_on, parameter)
);

-- import bookkeeping (queries/schema/070_ingest.sql keeps one archive table per importable table)
CREATE TABLE IF NOT EXISTS archive_drinking_sources AS
    SELECT 0::INTEGER AS archived_by, * FROM drinking_sources LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_drinking_source_zones AS
    SELECT 0::INTEGER AS archived_by, * FROM drinking_source_zones LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_drinking_source_samples AS
    SELECT 0::INTEGER AS archived_by, * FROM drinking_source_samples LIMIT 0;

CREATE OR REPLACE MACRO drinking_source_grades() AS TABLE
WITH lim AS (
    -- the GB 3838 Table 1 limits side by side (as queries/load/gb3838_limits.sql, which is made after
    -- the schema and so cannot be read by a macro)
    SELECT parameter, water_body_type,
           max(limit_value) FILTER (WHERE class = 1) AS l1, max(limit_value) FILTER (WHERE class = 2) AS l2,
           max(limit_value) FILTER (WHERE class = 3) AS l3, max(limit_value) FILTER (WHERE class = 4) AS l4,
           max(limit_value) FILTER (WHERE class = 5) AS l5, max(lower_value) AS lo
    FROM standard_limits
    WHERE standard = 'GB3838'
    GROUP BY parameter, water_body_type
),
t2 AS (
    SELECT parameter, limit_value FROM standard_limits WHERE standard = 'GB3838_T2' AND class = 1
),
base AS (
    SELECT s.source_id, s.sampled_on, date_trunc('month', s.sampled_on)::DATE AS month, s.parameter, s.value,
           src.target_class, p.direction, p.sort_order,
           CASE WHEN t2.parameter IS NOT NULL THEN 2 WHEN p.enters_class AND l.l1 IS NOT NULL THEN 1 END AS table_no,
           grade_round(s.value, p.decimals) AS graded_value,
           l.l1, l.l2, l.l3, l.l4, l.l5, l.lo, t2.limit_value AS t2_limit
    FROM drinking_source_samples AS s
    JOIN drinking_sources AS src USING (source_id)
    JOIN parameters AS p ON p.code = s.parameter
    LEFT JOIN lim AS l
        ON l.parameter = s.parameter
       AND l.water_body_type = CASE src.source_type WHEN 'reservoir' THEN 'reservoir' ELSE 'river' END
    LEFT JOIN t2 ON t2.parameter = s.parameter
),
graded AS (
    SELECT *,
           CASE WHEN table_no = 1 THEN grade_class(direction, graded_value, l1, l2, l3, l4, l5, lo) END
               AS parameter_class,
           CASE table_no WHEN 2 THEN t2_limit
                         WHEN 1 THEN limit_of_class(target_class, l1, l2, l3, l4, l5) END AS limit_value
    FROM base
)
SELECT source_id, sampled_on, month, parameter, sort_order, value, graded_value, table_no, parameter_class,
       limit_value, direction,
       CASE table_no WHEN 2 THEN graded_value <= t2_limit
                     WHEN 1 THEN parameter_class <= target_class END AS is_met,
       CASE WHEN direction = 'le' AND (CASE table_no WHEN 2 THEN graded_value > t2_limit
                                                     WHEN 1 THEN parameter_class > target_class END)
            THEN exceedance_multiple(graded_value, limit_value) END AS multiple
FROM graded;

CREATE OR REPLACE MACRO drinking_source_months(as_of) AS TABLE
WITH g AS (
    SELECT * FROM drinking_source_grades() WHERE sampled_on <= CAST(as_of AS DATE)
),
span AS (
    SELECT min(month) AS first_month FROM g
),
months AS (
    SELECT CAST(unnest(generate_series(first_month, date_trunc('month', CAST(as_of AS DATE)),
                                       INTERVAL 1 MONTH)) AS DATE) AS month
    FROM span
    WHERE first_month IS NOT NULL
),
grid AS (
    SELECT src.source_id, m.month,
           (m.month + INTERVAL 1 MONTH) <= CAST(as_of AS TIMESTAMP) AS is_complete
    FROM drinking_sources AS src
    CROSS JOIN months AS m
),
worst AS (
    -- the worst value of each item in the month: a failure first, the largest multiple first
    SELECT *
    FROM g
    WHERE table_no IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY source_id, month, parameter
                               ORDER BY is_met, multiple DESC NULLS LAST, sampled_on) = 1
),
per AS (
    SELECT source_id, month,
           count(*) FILTER (WHERE NOT is_met) AS n_failed,
           count(*) AS n_items,
           list({'parameter': parameter, 'table_no': table_no, 'value': graded_value,
                 'limit_value': limit_value, 'multiple': multiple} ORDER BY table_no, sort_order)
               FILTER (WHERE NOT is_met) AS failing,
           list(parameter) AS measured
    FROM worst
    GROUP BY source_id, month
),
sampled AS (
    SELECT source_id, month, count(DISTINCT sampled_on) AS n_samples, max(sampled_on) AS last_sampled_on
    FROM g
    GROUP BY source_id, month
),
required AS (
    SELECT list(code ORDER BY sort_order) AS codes
    FROM parameters
    WHERE is_basic OR code IN (SELECT parameter FROM standard_limits WHERE standard = 'GB3838_T2')
)
SELECT grid.source_id, grid.month, grid.is_complete,
       coalesce(sampled.n_samples, 0) AS n_samples, sampled.last_sampled_on,
       coalesce(per.n_items, 0) AS n_items, coalesce(per.n_failed, 0) AS n_failed,
       coalesce(per.failing, []) AS failing,
       CASE WHEN sampled.n_samples IS NULL THEN []
            ELSE list_filter(required.codes, lambda c: NOT list_contains(coalesce(per.measured, []), c)) END
           AS missing_required,
       CASE WHEN coalesce(per.n_failed, 0) > 0 THEN 'not_met'
            WHEN NOT grid.is_complete THEN 'open'
            WHEN sampled.n_samples IS NULL THEN 'no_data'
            WHEN len(list_filter(required.codes, lambda c: NOT list_contains(coalesce(per.measured, []), c))) > 0
                THEN 'partial'
            ELSE 'met' END AS status
FROM grid
CROSS JOIN required
LEFT JOIN sampled USING (source_id, month)
LEFT JOIN per USING (source_id, month);

CREATE OR REPLACE MACRO drinking_source_years(as_of) AS TABLE
SELECT source_id, year(month) AS year,
       count(*) FILTER (WHERE status = 'met') AS months_met,
       count(*) FILTER (WHERE status = 'not_met') AS months_not_met,
       count(*) FILTER (WHERE status IN ('no_data', 'partial')) AS months_without_result,
       count(*) FILTER (WHERE status = 'open') AS months_open,
       CASE WHEN count(*) FILTER (WHERE status = 'not_met') > 0 THEN 'not_met'
            WHEN count(*) FILTER (WHERE status = 'met') = 12 THEN 'met'
            WHEN count(*) FILTER (WHERE status = 'met') = 0 THEN 'no_data'
            ELSE 'incomplete' END AS status
FROM drinking_source_months(as_of)
GROUP BY source_id, year(month);

CREATE OR REPLACE MACRO drinking_district_months(as_of, town) AS TABLE
SELECT d.month,
       count(*) AS n_sources,
       count(*) FILTER (WHERE status IN ('met', 'not_met')) AS n_assessed,
       count(*) FILTER (WHERE status = 'met') AS n_met,
       CASE WHEN count(*) FILTER (WHERE status IN ('met', 'not_met')) > 0
            THEN 100.0 * count(*) FILTER (WHERE status = 'met')
                 / count(*) FILTER (WHERE status IN ('met', 'not_met')) END AS rate_pct
FROM drinking_source_months(as_of) AS d
JOIN drinking_sources AS s USING (source_id)
WHERE town IS NULL OR s.town_id = town
GROUP BY d.month;

CREATE OR REPLACE MACRO task_status_15(as_of) AS TABLE
WITH m AS (
    SELECT CAST(date_trunc('month', CAST(as_of AS DATE)) - INTERVAL 1 MONTH AS DATE) AS month
),
cur AS (
    SELECT d.*, s.name_zh, s.name_en
    FROM drinking_source_months(as_of) AS d
    JOIN drinking_sources AS s USING (source_id)
    WHERE d.month = (SELECT month FROM m)
),
prev AS (
    SELECT source_id, status
    FROM drinking_source_months(as_of)
    WHERE month = (SELECT CAST(month - INTERVAL 1 MONTH AS DATE) FROM m)
),
agg AS (
    SELECT count(*) AS n_sources,
           count(*) FILTER (WHERE cur.n_samples > 0) AS n_sampled,
           count(*) FILTER (WHERE cur.status = 'met') AS n_met,
           count(*) FILTER (WHERE cur.status = 'not_met') AS n_failed,
           count(*) FILTER (WHERE cur.status = 'not_met' AND prev.status = 'not_met') AS n_persistent,
           string_agg(cur.name_zh, '、' ORDER BY cur.source_id) FILTER (WHERE cur.status <> 'met') AS names_zh,
           string_agg(cur.name_en, ', ' ORDER BY cur.source_id) FILTER (WHERE cur.status <> 'met') AS names_en
    FROM cur
    LEFT JOIN prev USING (source_id)
)
SELECT 15 AS task_no,
       CASE WHEN coalesce(agg.n_sampled, 0) = 0 THEN 'no_data'
            WHEN agg.n_persistent > 0 THEN 'missed'
            WHEN agg.n_met = agg.n_sources THEN 'met'
            ELSE 'at_risk' END AS data_status,
       CASE WHEN coalesce(agg.n_sampled, 0) = 0
            THEN strftime(m.month, '%Y年%-m月') || '没有水源地监测数据'
            ELSE strftime(m.month, '%Y年%-m月') || '：' || agg.n_sources || '个水源地中' || agg.n_met || '个达标'
                 || coalesce('（未达标或缺数据：' || agg.names_zh || '）', '') END AS evidence_zh,
       CASE WHEN coalesce(agg.n_sampled, 0) = 0
            THEN 'no drinking-water source sampled in ' || strftime(m.month, '%Y-%m')
            ELSE agg.n_met || ' of ' || agg.n_sources || ' drinking-water sources compliant in '
                 || strftime(m.month, '%Y-%m') || coalesce(' (not compliant or no data: ' || agg.names_en || ')', '')
            END AS evidence_en,
       CAST(last_day(m.month) AS DATE) AS measured_through
FROM m
LEFT JOIN agg ON true;
