-- Medical-institution wastewater (医疗机构污水, plan task 14): institutions, their monitoring, and the
-- GB 18466-2005 limits (reference §7), checked per sample and per month.
-- medical_institutions: one row per hospital, health centre or clinic. level: county (县级及以上) |
--                       township (乡镇/街道) | village (村/社区); treatment: secondary | primary |
--                       disinfection_only | none; disinfection: chlorine (含氯消毒剂: 次氯酸钠, 液氯,
--                       漂白粉) | chlorine_dioxide | uv | ozone | none; discharge_to: river (直排水体) |
--                       sewer (排入市政管网, plant_id = the WWTP the sewer leads to, NULL if none).
-- medical_monitoring:   one row per (institution, sampling day), one column per item (pH, COD, BOD5,
--                       SS, NH3-N, fecal coliform MPN/L, total residual chlorine at the contact-tank
--                       outlet mg/L); NULL = not measured.
-- medical_limits:       one row per (column_code, parameter), loaded from data/reference/medical_limits.csv
--                       by bishui.db.evaluation.load_reference (like the GB 3838 limits). column_code:
--                       table1 (infectious-disease hospitals) | table2_discharge (排放标准) |
--                       table2_pretreatment (预处理标准); min_value/max_value bound a range (either may be
--                       NULL); needs_chlorine: the row applies only with chlorine disinfection;
--                       source_row (source_row_en) cites the row of the standard (and of the reference)
--                       it comes from.
--
-- The column that applies to an institution in a month (medical_institution_months):
--   is_infectious                                   -> table1
--   level <> 'county' AND beds < 20                 -> disinfection_only (no numeric limit: GB 18466
--                                                      asks only for disinfection before discharge)
--   sewer to a WWTP operating and commissioned on or before the month's first day -> table2_pretreatment
--   otherwise (river, or a sewer without a working plant)                          -> table2_discharge
-- A sample parameter is 'above' (value > max_value), 'below' (value < min_value) or 'ok'; NULL when no
-- limit applies (a small clinic, residual chlorine under UV disinfection). exceed_multiple = (value - max)
-- / max for 'above', except pH (a range: the value is shown, no multiple).
-- A month: 'not_applicable' (disinfection only), 'exceeded' (a sample above or below a limit),
-- 'pending' (the month is not over at as_of and nothing exceeded yet), 'no_data' (no sample in a
-- complete month), 'compliant' (samples in the month, every checked item within its limit or range).
CREATE TABLE medical_institutions (
    institution_id  VARCHAR PRIMARY KEY,
    name_zh         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    town_id         VARCHAR NOT NULL,
    level           VARCHAR NOT NULL CHECK (level IN ('county', 'township', 'village')),
    beds            INTEGER NOT NULL CHECK (beds >= 0),
    is_infectious   BOOLEAN NOT NULL DEFAULT false,   -- infectious-disease / TB hospital (GB 18466 Table 1)
    treatment       VARCHAR NOT NULL CHECK (treatment IN ('secondary', 'primary', 'disinfection_only', 'none')),
    disinfection    VARCHAR NOT NULL CHECK (disinfection IN ('chlorine', 'chlorine_dioxide', 'uv', 'ozone', 'none')),
    discharge_to    VARCHAR NOT NULL CHECK (discharge_to IN ('river', 'sewer')),
    river_id        VARCHAR,                          -- the receiving river (discharge_to = river)
    plant_id        VARCHAR,                          -- facilities.facility_id of the WWTP (discharge_to = sewer)
    lon             DOUBLE NOT NULL,
    lat             DOUBLE NOT NULL,
    batch_id        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE medical_monitoring (
    institution_id          VARCHAR NOT NULL,
    sampled_on              DATE NOT NULL,
    ph                      DOUBLE,
    cod_mg_l                DOUBLE,
    bod5_mg_l               DOUBLE,
    ss_mg_l                 DOUBLE,
    nh3n_mg_l               DOUBLE,
    fecal_coliform_mpn_l    DOUBLE,
    residual_chlorine_mg_l  DOUBLE,
    batch_id                INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, sampled_on)
);

CREATE TABLE medical_limits (
    column_code     VARCHAR NOT NULL CHECK (column_code IN ('table1', 'table2_discharge', 'table2_pretreatment')),
    parameter       VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    min_value       DOUBLE,
    max_value       DOUBLE,
    needs_chlorine  BOOLEAN NOT NULL,
    verified        VARCHAR NOT NULL CHECK (verified IN ('partly', 'unverified')),
    source_row      VARCHAR NOT NULL,
    source_row_en   VARCHAR NOT NULL,
    PRIMARY KEY (column_code, parameter)
);

CREATE TABLE IF NOT EXISTS archive_medical_institutions AS
    SELECT 0::INTEGER AS archived_by, * FROM medical_institutions LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_medical_monitoring AS
    SELECT 0::INTEGER AS archived_by, * FROM medical_monitoring LIMIT 0;

-- The monitored items in display order with their units (the columns of medical_monitoring); the alias t
-- names the VALUES columns, which sqlfluff's AL05 does not see.
CREATE MACRO medical_parameters() AS TABLE
SELECT * FROM (VALUES
    ('ph', '无量纲', 1), ('cod', 'mg/L', 2), ('bod5', 'mg/L', 3), ('ss', 'mg/L', 4), ('nh3n', 'mg/L', 5),
    ('fecal_coliform', 'MPN/L', 6), ('residual_chlorine', 'mg/L', 7)
) AS t(parameter, unit, sort_order);  -- noqa: AL05

-- Chlorine-based disinfection (the residual-chlorine range of GB 18466 applies only to it).
CREATE MACRO medical_is_chlorine(disinfection) AS disinfection IN ('chlorine', 'chlorine_dioxide');

-- One row per institution and month (first day) in [start_on, end_on] with the column that applies.
CREATE MACRO medical_institution_months(start_on, end_on) AS TABLE
SELECT i.institution_id, m.month::DATE AS month,
       CASE WHEN i.is_infectious THEN 'table1'
            WHEN i.level <> 'county' AND i.beds < 20 THEN 'disinfection_only'
            WHEN i.discharge_to = 'sewer' AND f.kind = 'wwtp' AND f.status = 'operating'
                 AND (f.commissioned_on IS NULL OR f.commissioned_on <= m.month::DATE) THEN 'table2_pretreatment'
            ELSE 'table2_discharge' END AS column_code
FROM medical_institutions AS i
CROSS JOIN generate_series(date_trunc('month', start_on::DATE), date_trunc('month', end_on::DATE),
                           INTERVAL 1 MONTH) AS m(month)
LEFT JOIN facilities AS f ON f.facility_id = i.plant_id;

-- One row per sample and measured item, sampled in [start_on, end_on], with the limit that applies
-- and the verdict (rules in the header).
CREATE MACRO medical_checked(start_on, end_on) AS TABLE
WITH s AS (
    SELECT * FROM medical_monitoring WHERE sampled_on BETWEEN start_on::DATE AND end_on::DATE
),
long AS (
    SELECT institution_id, sampled_on, 'ph' AS parameter, ph AS value FROM s
    UNION ALL SELECT institution_id, sampled_on, 'cod', cod_mg_l FROM s
    UNION ALL SELECT institution_id, sampled_on, 'bod5', bod5_mg_l FROM s
    UNION ALL SELECT institution_id, sampled_on, 'ss', ss_mg_l FROM s
    UNION ALL SELECT institution_id, sampled_on, 'nh3n', nh3n_mg_l FROM s
    UNION ALL SELECT institution_id, sampled_on, 'fecal_coliform', fecal_coliform_mpn_l FROM s
    UNION ALL SELECT institution_id, sampled_on, 'residual_chlorine', residual_chlorine_mg_l FROM s
),
judged AS (
    SELECT l.institution_id, l.sampled_on, date_trunc('month', l.sampled_on)::DATE AS month, l.parameter,
           l.value, p.unit, p.sort_order, im.column_code, lim.min_value, lim.max_value, lim.source_row,
           lim.source_row_en,
           CASE WHEN lim.parameter IS NULL THEN NULL
                WHEN lim.max_value IS NOT NULL AND l.value > lim.max_value THEN 'above'
                WHEN lim.min_value IS NOT NULL AND l.value < lim.min_value THEN 'below'
                ELSE 'ok' END AS verdict
    FROM long AS l
    JOIN medical_parameters() AS p USING (parameter)
    JOIN medical_institutions AS i USING (institution_id)
    JOIN medical_institution_months(start_on, end_on) AS im
      ON im.institution_id = l.institution_id AND im.month = date_trunc('month', l.sampled_on)
    LEFT JOIN medical_limits AS lim
      ON lim.column_code = im.column_code AND lim.parameter = l.parameter
     AND (NOT lim.needs_chlorine OR medical_is_chlorine(i.disinfection))
    WHERE l.value IS NOT NULL
)
SELECT *, CASE WHEN verdict = 'above' AND parameter <> 'ph' THEN (value - max_value) / max_value END
              AS exceed_multiple
FROM judged;

-- One row per institution and month in [start_on, end_on] (not after as_of's month): the column,
-- the samples and the month's status (rules in the header).
CREATE MACRO medical_month_status(start_on, end_on, as_of) AS TABLE
WITH c AS (
    SELECT * FROM medical_checked(start_on, least((date_trunc('month', end_on::DATE) + INTERVAL 1 MONTH
                                                    - INTERVAL 1 DAY)::DATE, as_of::DATE))
),
per AS (
    SELECT institution_id, month, count(DISTINCT sampled_on) AS n_samples,
           count(*) FILTER (WHERE verdict IS NOT NULL) AS n_checked,
           count(*) FILTER (WHERE verdict IN ('above', 'below')) AS n_exceeded,
           string_agg(DISTINCT parameter, ';' ORDER BY parameter) FILTER (WHERE verdict IN ('above', 'below'))
               AS exceeded_parameters
    FROM c GROUP BY institution_id, month
)
SELECT im.institution_id, im.month, im.column_code, coalesce(per.n_samples, 0) AS n_samples,
       coalesce(per.n_checked, 0) AS n_checked, coalesce(per.n_exceeded, 0) AS n_exceeded,
       per.exceeded_parameters,
       im.month + INTERVAL 1 MONTH <= as_of::TIMESTAMP AS is_complete,
       CASE WHEN im.column_code = 'disinfection_only' THEN 'not_applicable'
            WHEN coalesce(per.n_exceeded, 0) > 0 THEN 'exceeded'
            WHEN im.month + INTERVAL 1 MONTH > as_of::TIMESTAMP THEN 'pending'
            WHEN coalesce(per.n_samples, 0) = 0 THEN 'no_data'
            ELSE 'compliant' END AS status
FROM medical_institution_months(start_on, least(end_on::DATE, as_of::DATE)) AS im
LEFT JOIN per USING (institution_id, month);

-- One row per institution: its latest sample on or before as_of and whether it is unmonitored, i.e.
-- has no sample since as_of minus n_months (or none at all).
CREATE MACRO medical_last_monitored(as_of, n_months) AS TABLE
WITH last AS (
    SELECT i.institution_id, max(m.sampled_on) AS last_sampled_on
    FROM medical_institutions AS i
    LEFT JOIN medical_monitoring AS m ON m.institution_id = i.institution_id AND m.sampled_on <= as_of::DATE
    GROUP BY i.institution_id
)
SELECT institution_id, last_sampled_on, date_diff('month', last_sampled_on, as_of::DATE) AS months_since,
       coalesce(last_sampled_on < (as_of::DATE - to_months(n_months::INTEGER))::DATE, true) AS is_unmonitored
FROM last;

-- The task's status from data (plan task 14), as at as_of (queries/schema/080_task_data_status.sql).
-- Month judged: the last complete month M before as_of. Institutions counted: those with a numeric
-- column in M (not disinfection-only). Unmonitored: no sample in the 3 months before as_of (the
-- default of the page's setting, bishui.views.medical.stale_months).
--   no_data:  no institution with limits, or none of them sampled in the 3 months before as_of
--   missed:   an institution exceeded a limit (or fell below a minimum) in M
--   at_risk:  none exceeded, but an institution had no sample in M or is unmonitored
--   met:      every institution with limits sampled in M and within every limit, none unmonitored
CREATE MACRO task_status_14(as_of) AS TABLE
WITH m AS (
    SELECT (date_trunc('month', as_of::TIMESTAMP) - INTERVAL 1 MONTH)::DATE AS month
),
st AS (
    SELECT s.* FROM medical_month_status((SELECT month FROM m), (SELECT month FROM m), as_of) AS s
    WHERE s.column_code <> 'disinfection_only'
),
lm AS (
    SELECT l.* FROM medical_last_monitored(as_of, 3) AS l
    WHERE l.institution_id IN (SELECT institution_id FROM st)
),
n AS (
    SELECT (SELECT count(*) FROM st) AS n_inst,
           (SELECT count(*) FROM st WHERE status = 'compliant') AS n_ok,
           (SELECT count(*) FROM st WHERE status = 'exceeded') AS n_exc,
           (SELECT count(*) FROM st WHERE status = 'no_data') AS n_nodata,
           (SELECT count(*) FROM lm WHERE is_unmonitored) AS n_stale,
           (SELECT string_agg(i.name_zh, '、' ORDER BY i.institution_id) FROM lm JOIN medical_institutions AS i
              USING (institution_id) WHERE lm.is_unmonitored) AS stale_zh,
           (SELECT string_agg(i.name_en, ', ' ORDER BY i.institution_id) FROM lm JOIN medical_institutions AS i
              USING (institution_id) WHERE lm.is_unmonitored) AS stale_en,
           (SELECT max(last_sampled_on) FROM lm) AS last_on,
           (SELECT month FROM m) AS month
)
SELECT 14 AS task_no,
       CASE WHEN n_inst = 0 OR n_stale = n_inst THEN 'no_data'
            WHEN n_exc > 0 THEN 'missed'
            WHEN n_nodata > 0 OR n_stale > 0 THEN 'at_risk'
            ELSE 'met' END AS data_status,
       CASE WHEN n_inst = 0 THEN '没有适用 GB 18466 限值的医疗机构'
            ELSE strftime(month, '%Y-%m') || '：' || n_inst || ' 家医疗机构中 ' || n_ok || ' 家监测达标，' || n_exc
                 || ' 家超标，' || n_nodata || ' 家无监测' || CASE WHEN n_stale > 0 THEN '；连续 3 个月以上未监测：'
                 || stale_zh ELSE '' END END AS evidence_zh,
       CASE WHEN n_inst = 0 THEN 'No medical institution with GB 18466 limits'
            ELSE strftime(month, '%Y-%m') || ': of ' || n_inst || ' institutions, ' || n_ok || ' monitored and compliant, '
                 || n_exc || ' exceeded, ' || n_nodata || ' not monitored' || CASE WHEN n_stale > 0
                 THEN '; not monitored for over 3 months: ' || stale_en ELSE '' END END AS evidence_en,
       CASE WHEN last_on IS NOT NULL THEN least((month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE, last_on) END::DATE
           AS measured_through
FROM n;
