-- Purpose: the monthly history of the measure of every target of a plan year, computed from the
--   warehouse (bishui.rules.targets turns it into met / on track / at risk / missed). targets.measure is
--   '<code>' or '<code>:<argument>'. Measures, each as at the end of the month:
--   section_months_worse_than_v:<section>  months of the calendar year so far whose class is 劣V
--       (cumulative: it can only grow within the year; NULL before the section's first class of the year);
--   section_class:<section>  the section's monthly class 1..6 (no row in a month without a class);
--   district_attainment_rate  % of section-months of the year so far, district-controlled sections
--       (control_level 'district'), whose class met the target class (NULL without any class);
--   plant_quasi_iv_rate  % of plant-months of the year so far, WWTPs from their commissioning month,
--       whose monthly effluent COD, BOD5, NH3-N and TP all meet 准IV (standard QUASI_IV; TN excepted;
--       a month missing one of the four counts as not meeting);
--   district_attainment_rise  S4 "attainment rate steadily rising" (稳步提升), year on year: the
--       district_attainment_rate of the year so far minus last year's (the whole previous year's rate
--       of the same sections), in percentage points (part_1: this year's rate so far, part_2: last
--       year's; NULL when either has no class);
--   combined_pipe_km  km of pipe that was combined and is not separated at the month end;
--   open_direct_outfalls  domestic-sewage direct outfalls discovered and not closed out at the month end;
--   open_blank_areas_direct_outfalls  U2: pipe-network blank areas still open plus domestic-sewage
--       direct outfalls still open at the month end (part_1: blank areas, part_2: direct outfalls);
--   open_black_odorous_urban  urban black-odorous water bodies found and not closed out (销号) at the month end;
--   (every "open at the month end" comes from the table macros of queries/schema/058_status_rules.sql)
--   tn_high_sections  sections whose TN rebounds on annual means: the mean of the monthly means from
--       January to the month is above the mean of the same months a year earlier by more than the
--       rebound_pct setting (in December: the annual means; table macro tn_section_ytd,
--       queries/schema/066_tn_action.sql; only complete months and sections with both means count;
--       NULL when none has both);
--   outfall_regularised_pct  % of outfalls discovered by the month end that are approved or registered
--       (approval_state: the ledger keeps no approval date, so the current state is used for every month
--       from discovery) or closed out by the month end (NULL without any outfall);
--   reported:<name>  the value reported in target_progress for the target (and township) for the month.
--   Per-town targets (is_per_town) get one row per township plus the district total (town_id ''); the
--   others only the district ('', or the section's own measure). A value is known from known_on: the
--   month end for computed measures, reported_on (else the month end) for reported ones.
--   min_reachable, max_reachable: the least and the most the measure can still be at the target's
--   deadline given the year so far (NULL = no bound): a count of 劣V months can only grow, by at most
--   one a month; a year-to-date share of n units can at best gain every unit of the months left
--   (as many units a month as this month had) and at worst lose them all; stocks never go below 0;
--   shares of a whole stay in 0..100; a class in 1..6. bishui.rules.targets calls a target missed once its
--   goal is out of that range and caps projections to it.
--   is_cumulative: the value can only grow within a year (so an 'le' goal once exceeded is missed);
--   is_year_to_date: the value is about the calendar year so far (it restarts in January: the
--   cumulative count, the two rates, and reported figures, which are reported against the year's
--   target), so only the target year's values count for its status and trend.
--   Every measure built on section classes counts complete section-months only
--   (section_month_completeness($now), queries/schema/062_completeness.sql): a provisional or
--   incomplete month is left out, never counted as met (queries/attainment_left_out.sql counts them).
-- Grain: one row per target, town_id ('' = district), month with a value.
-- Parameters: $year (plan year of the targets), $start, $end (months whose first day lies in [start, end]),
--   $town_id (NULL = all; else per-town targets keep only that township, district-wide targets stay),
--   $now (the app's now, bishui.clock).
-- Columns: target_id, town_id, month, value, known_on, is_cumulative, is_year_to_date, min_reachable,
--   max_reachable, part_1, part_2
WITH months AS (
    SELECT m::DATE AS month, last_day(m::DATE) AS month_end, date_trunc('year', m)::DATE AS year_start
    FROM generate_series(date_trunc('month', $start::DATE), date_trunc('month', $end::DATE), INTERVAL 1 MONTH) AS g(m)
),
t AS (
    SELECT target_id, is_per_town, deadline,
           split_part(measure, ':', 1) AS kind,
           nullif(split_part(measure, ':', 2), '') AS arg
    FROM targets
    WHERE year = $year
),
places AS (
    SELECT town_id FROM towns
    UNION ALL
    SELECT ''
),
scope AS (
    SELECT t.target_id, t.kind, t.arg, p.town_id
    FROM t
    JOIN places AS p ON p.town_id = '' OR (t.is_per_town AND t.kind <> 'reported')
    UNION ALL
    SELECT t.target_id, t.kind, t.arg, r.town_id
    FROM t
    JOIN (SELECT DISTINCT target_id, town_id FROM target_progress WHERE town_id <> '') AS r USING (target_id)
    WHERE t.kind = 'reported' AND t.is_per_town
),
sec AS (  -- complete section-months only (section_month_completeness): a partial month is left out
    SELECT k.section_id, k.month, k.water_class, k.judged_attained AS is_attained, s.town_id, s.control_level
    FROM section_month_completeness($now) AS k
    JOIN sections AS s USING (section_id)
    WHERE k.status = 'complete' AND k.water_class IS NOT NULL
),
v_sections AS (
    SELECT 'section_months_worse_than_v' AS kind, s.section_id AS arg, '' AS town_id, m.month,
           CASE WHEN count(c.month) > 0 THEN count(c.month) FILTER (WHERE c.water_class = 6) END::DOUBLE AS value,
           NULL::DOUBLE AS n_num, NULL::DOUBLE AS n_den, NULL::DOUBLE AS n_units,
           NULL::DOUBLE AS part_1, NULL::DOUBLE AS part_2
    FROM months AS m
    CROSS JOIN (SELECT DISTINCT arg AS section_id FROM t WHERE kind = 'section_months_worse_than_v') AS s
    LEFT JOIN sec AS c
        ON c.section_id = s.section_id AND c.month BETWEEN m.year_start AND m.month
    GROUP BY s.section_id, m.month
    UNION ALL
    SELECT 'section_class', c.section_id, '', c.month, c.water_class::DOUBLE, NULL, NULL, NULL, NULL, NULL
    FROM sec AS c
    JOIN months USING (month)
    WHERE c.section_id IN (SELECT arg FROM t WHERE kind = 'section_class')
),
tn_pairs AS (
    SELECT y.section_id, s.town_id, y.month, y.is_rebounding
    FROM tn_section_ytd($now) AS y
    JOIN sections AS s ON s.section_id = y.section_id
    WHERE y.mean_prev IS NOT NULL
),
v_places AS (
    SELECT 'district_attainment_rate' AS kind, NULL AS arg, p.town_id, m.month,
           100.0 * count(*) FILTER (WHERE c.is_attained) / nullif(count(c.month), 0) AS value,
           count(*) FILTER (WHERE c.is_attained)::DOUBLE AS n_num, count(c.month)::DOUBLE AS n_den,
           count(c.month) FILTER (WHERE c.month = m.month)::DOUBLE AS n_units,
           NULL::DOUBLE AS part_1, NULL::DOUBLE AS part_2
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN sec AS c
        ON c.control_level = 'district' AND c.month BETWEEN m.year_start AND m.month
       AND (p.town_id = '' OR c.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'district_attainment_rise', NULL, p.town_id, m.month,
           (100.0 * count(*) FILTER (WHERE c.is_attained AND c.month >= m.year_start) / nullif(count(c.month) FILTER (WHERE c.month >= m.year_start), 0))
         - (100.0 * count(*) FILTER (WHERE c.is_attained AND c.month < m.year_start) / nullif(count(c.month) FILTER (WHERE c.month < m.year_start), 0)),
           count(*) FILTER (WHERE c.is_attained AND c.month >= m.year_start),
           count(c.month) FILTER (WHERE c.month >= m.year_start),
           count(c.month) FILTER (WHERE c.month = m.month),
           100.0 * count(*) FILTER (WHERE c.is_attained AND c.month >= m.year_start) / nullif(count(c.month) FILTER (WHERE c.month >= m.year_start), 0),
           100.0 * count(*) FILTER (WHERE c.is_attained AND c.month < m.year_start) / nullif(count(c.month) FILTER (WHERE c.month < m.year_start), 0)
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN sec AS c
        ON c.control_level = 'district'
       AND c.month BETWEEN (m.year_start - INTERVAL 1 YEAR)::DATE AND m.month
       AND (p.town_id = '' OR c.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'plant_quasi_iv_rate', NULL, p.town_id, m.month,
           100.0 * count(*) FILTER (WHERE e.is_quasi_iv) / nullif(count(e.month), 0),
           count(*) FILTER (WHERE e.is_quasi_iv), count(e.month), count(e.month) FILTER (WHERE e.month = m.month),
           NULL, NULL
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN (
        SELECT pe.month, f.town_id,
               coalesce(pe.cod_mg_l <= max(l.limit_value) FILTER (WHERE l.parameter = 'cod')
                    AND pe.bod5_mg_l <= max(l.limit_value) FILTER (WHERE l.parameter = 'bod5')
                    AND pe.nh3n_mg_l <= max(l.limit_value) FILTER (WHERE l.parameter = 'nh3n')
                    AND pe.tp_mg_l <= max(l.limit_value) FILTER (WHERE l.parameter = 'tp'), false) AS is_quasi_iv
        FROM plant_effluent AS pe
        JOIN facilities AS f USING (facility_id)
        CROSS JOIN (SELECT * FROM standard_limits WHERE standard = 'QUASI_IV') AS l
        WHERE f.kind = 'wwtp'
          AND (f.commissioned_on IS NULL OR pe.month >= date_trunc('month', f.commissioned_on))
        GROUP BY pe.facility_id, pe.month, f.town_id, pe.cod_mg_l, pe.bod5_mg_l, pe.nh3n_mg_l, pe.tp_mg_l
    ) AS e
        ON e.month BETWEEN m.year_start AND m.month AND (p.town_id = '' OR e.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'combined_pipe_km', NULL, p.town_id, m.month, coalesce(sum(x.length_m), 0) / 1000.0,
           NULL, NULL, NULL, NULL, NULL
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN LATERAL (SELECT * FROM pipes_as_of(m.month_end) WHERE is_combined_open) AS x
        ON (p.town_id = '' OR x.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'open_direct_outfalls', NULL, p.town_id, m.month, count(x.outfall_id)::DOUBLE,
           NULL, NULL, NULL, NULL, NULL
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN LATERAL (SELECT * FROM outfalls_as_of(m.month_end) WHERE is_open AND is_direct_sewage) AS x
        ON (p.town_id = '' OR x.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'open_blank_areas_direct_outfalls', NULL, p.town_id, m.month,
           count(x.id)::DOUBLE, NULL, NULL, NULL,
           count(x.id) FILTER (WHERE x.what = 'blank_area'), count(x.id) FILTER (WHERE x.what = 'direct_outfall')
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN LATERAL (
        SELECT 'blank_area' AS what, area_id AS id, town_id FROM blank_areas_as_of(m.month_end) WHERE is_open
        UNION ALL
        SELECT 'direct_outfall', outfall_id, town_id FROM outfalls_as_of(m.month_end) WHERE is_open AND is_direct_sewage
    ) AS x
        ON (p.town_id = '' OR x.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'open_black_odorous_urban', NULL, p.town_id, m.month, count(x.body_id)::DOUBLE,
           NULL, NULL, NULL, NULL, NULL
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN LATERAL (SELECT * FROM water_bodies_as_of(m.month_end) WHERE is_open AND kind = 'urban') AS x
        ON (p.town_id = '' OR x.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'tn_high_sections', NULL, p.town_id, m.month,
           CASE WHEN count(x.section_id) > 0 THEN count(*) FILTER (WHERE x.is_rebounding) END::DOUBLE,
           NULL, NULL, NULL, NULL, NULL
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN tn_pairs AS x ON x.month = m.month AND (p.town_id = '' OR x.town_id = p.town_id)
    GROUP BY p.town_id, m.month
    UNION ALL
    SELECT 'outfall_regularised_pct', NULL, p.town_id, m.month,
           100.0 * count(*) FILTER (WHERE x.approval_state IN ('approved', 'registered') OR NOT x.is_open)
               / nullif(count(x.outfall_id), 0),
           NULL, NULL, NULL, NULL, NULL
    FROM places AS p
    CROSS JOIN months AS m
    LEFT JOIN LATERAL (SELECT * FROM outfalls_as_of(m.month_end)) AS x
        ON (p.town_id = '' OR x.town_id = p.town_id)
    GROUP BY p.town_id, m.month
),
computed AS (
    SELECT sc.target_id, sc.town_id, sc.kind, v.month, v.value, last_day(v.month) AS known_on,
           sc.kind = 'section_months_worse_than_v' AS is_cumulative,
           sc.kind = 'section_months_worse_than_v' AS is_year_to_date,
           v.n_num, v.n_den, v.n_units, v.part_1, v.part_2
    FROM scope AS sc
    JOIN v_sections AS v ON v.kind = sc.kind AND v.arg = sc.arg AND v.town_id = sc.town_id
    UNION ALL
    SELECT sc.target_id, sc.town_id, sc.kind, v.month, v.value, last_day(v.month), false,
           sc.kind IN ('district_attainment_rate', 'plant_quasi_iv_rate', 'district_attainment_rise'),
           v.n_num, v.n_den, v.n_units, v.part_1, v.part_2
    FROM scope AS sc
    JOIN v_places AS v ON v.kind = sc.kind AND v.town_id = sc.town_id
    UNION ALL
    SELECT sc.target_id, sc.town_id, sc.kind, r.period, r.value, coalesce(r.reported_on, last_day(r.period)), false, true,
           NULL, NULL, NULL, NULL, NULL
    FROM scope AS sc
    JOIN target_progress AS r
        ON r.target_id = sc.target_id AND r.town_id = sc.town_id
    JOIN months AS m ON m.month = date_trunc('month', r.period)
    WHERE sc.kind = 'reported'
),
bounded AS (  -- months of the value's year left until the target's deadline, and the units they can add
    SELECT c.*, t.is_per_town, x.months_left, coalesce(c.n_units, 0) * x.months_left AS units_left
    FROM computed AS c
    JOIN t USING (target_id),
    LATERAL (SELECT greatest(0, datediff('month', c.month,
                 least(date_trunc('month', t.deadline)::DATE,
                       (date_trunc('year', c.month) + INTERVAL 11 MONTH)::DATE))) AS months_left) AS x
)
SELECT b.target_id, b.town_id, b.month, b.value, b.known_on, b.is_cumulative, b.is_year_to_date,
       CASE b.kind
           WHEN 'section_months_worse_than_v' THEN b.value
           WHEN 'section_class' THEN 1
           WHEN 'district_attainment_rate' THEN 100.0 * b.n_num / nullif(b.n_den + b.units_left, 0)
           WHEN 'plant_quasi_iv_rate' THEN 100.0 * b.n_num / nullif(b.n_den + b.units_left, 0)
           WHEN 'district_attainment_rise' THEN 100.0 * b.n_num / nullif(b.n_den + b.units_left, 0) - b.part_2
           WHEN 'reported' THEN NULL
           ELSE 0
       END::DOUBLE AS min_reachable,
       CASE b.kind
           WHEN 'section_months_worse_than_v' THEN b.value + b.months_left
           WHEN 'section_class' THEN 6
           WHEN 'district_attainment_rate' THEN 100.0 * (b.n_num + b.units_left) / nullif(b.n_den + b.units_left, 0)
           WHEN 'plant_quasi_iv_rate' THEN 100.0 * (b.n_num + b.units_left) / nullif(b.n_den + b.units_left, 0)
           WHEN 'district_attainment_rise' THEN 100.0 * (b.n_num + b.units_left) / nullif(b.n_den + b.units_left, 0) - b.part_2
           WHEN 'outfall_regularised_pct' THEN 100
       END::DOUBLE AS max_reachable,
       b.part_1, b.part_2
FROM bounded AS b
WHERE b.value IS NOT NULL
  AND ($town_id IS NULL OR NOT b.is_per_town OR b.town_id = $town_id)
ORDER BY b.target_id, b.town_id, b.month
