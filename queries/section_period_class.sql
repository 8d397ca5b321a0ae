-- Purpose: the GB 3838 class of every section for every month and year (single-factor evaluation):
--   the worst class over the evaluated parameters (TN, fecal coliform, water temperature and a
--   section's geological exclusions never count), attainment against the target class, the main
--   pollutants (only when the class is IV or worse: the parameters above class III, by class (worst
--   first), then multiple against class III (largest first, compared exactly: exceedance_key), then
--   the fixed parameter order (parameters.sort_order, GB 3838 Table 1), at most three), exceedances against the target, TN's class for
--   lakes and reservoirs (separate), and which of the five basic parameters are missing.
-- Grain: one row per section, period_kind ('month' | 'year'), period.
-- Parameters: none (reads section_period_parameter, sections, parameters). Materialised by
--   bishui.db.evaluation into the table section_period_class.
-- Columns: section_id, period_kind, period, water_class, target_class, is_attained, n_evaluated,
--   main_pollutants (code:multiple;...), main_pollutants_zh, main_pollutants_en, exceed_target
--   (code:multiple;...), exceed_target_zh, exceed_target_en, is_do_below_target, tn_class, missing_basic (code;...), is_incomplete,
--   months_with_data, is_insufficient, ph_min, ph_max, dl_insufficient (code;... of the parameters
--   graded no better than their detection limit's class because it is above a class limit)
WITH spp AS (
    SELECT x.*, p.name_zh, p.name_en, p.is_basic, p.sort_order,
           CASE WHEN x.multiple_iii > 0 THEN exceedance_key(x.graded_value, x.limit_iii) END AS k3,
           CASE WHEN x.multiple_target > 0 THEN exceedance_key(x.graded_value, x.limit_target) END AS kt,
           round_even(x.multiple_iii::DECIMAL(38, 12), 1) AS m3,
           round_even(x.multiple_target::DECIMAL(38, 12), 1) AS mt
    FROM section_period_parameter AS x
    JOIN parameters AS p ON p.code = x.parameter
),
month_counts AS (
    SELECT section_id, date_trunc('year', period)::DATE AS period, count(DISTINCT period) AS months_with_data
    FROM section_period_parameter
    WHERE period_kind = 'month' AND is_evaluated
    GROUP BY section_id, date_trunc('year', period)
),
agg AS (
    SELECT
        section_id, period_kind, period,
        max(parameter_class) FILTER (WHERE is_evaluated) AS water_class,
        count(*) FILTER (WHERE is_evaluated) AS n_evaluated,
        list(struct_pack(code := parameter, zh := name_zh, en := name_en, m := m3)
             ORDER BY parameter_class DESC, k3 DESC, sort_order, parameter)
            FILTER (WHERE is_evaluated AND direction = 'le' AND multiple_iii > 0) AS pollutants,
        list(struct_pack(code := parameter, zh := name_zh, en := name_en, m := mt)
             ORDER BY kt DESC, sort_order, parameter)
            FILTER (WHERE is_evaluated AND multiple_target > 0) AS exceed_list,
        bool_or(is_below_target) FILTER (WHERE is_evaluated) AS is_do_below_target,
        max(parameter_class) FILTER (WHERE parameter = 'tn') AS tn_class,
        list(parameter ORDER BY sort_order) FILTER (WHERE is_evaluated AND is_dl_insufficient) AS dl_list,
        list(parameter) FILTER (WHERE is_basic AND graded_value IS NOT NULL) AS basics_present,
        min(min_value) FILTER (WHERE parameter = 'ph') AS ph_min,
        max(max_value) FILTER (WHERE parameter = 'ph') AS ph_max
    FROM spp
    GROUP BY section_id, period_kind, period
),
shaped AS (
    SELECT
        a.*,
        s.target_class,
        CASE WHEN a.water_class >= 4 THEN list_slice(a.pollutants, 1, 3) ELSE [] END AS top3,
        list_filter(['ph', 'do', 'codmn', 'nh3n', 'tp'],
                    lambda b: NOT list_contains(coalesce(a.basics_present, []), b)) AS missing
    FROM agg AS a
    JOIN sections AS s USING (section_id)
)
SELECT
    sh.section_id, sh.period_kind, sh.period,
    sh.water_class,
    sh.target_class,
    (sh.water_class <= sh.target_class) AS is_attained,
    sh.n_evaluated,
    array_to_string(list_transform(sh.top3, lambda t: t.code || ':' || printf('%.1f', t.m)), ';') AS main_pollutants,
    array_to_string(list_transform(sh.top3, lambda t: t.zh || '(' || printf('%.1f', t.m) || ')'), '、') AS main_pollutants_zh,
    array_to_string(list_transform(sh.top3, lambda t: t.en || ' (' || printf('%.1f', t.m) || ')'), ', ') AS main_pollutants_en,
    coalesce(array_to_string(list_transform(sh.exceed_list, lambda t: t.code || ':' || printf('%.1f', t.m)), ';'), '') AS exceed_target,
    coalesce(array_to_string(list_transform(sh.exceed_list, lambda t: t.zh || '(' || printf('%.1f', t.m) || ')'), '、'), '') AS exceed_target_zh,
    coalesce(array_to_string(list_transform(sh.exceed_list, lambda t: t.en || ' (' || printf('%.1f', t.m) || ')'), ', '), '') AS exceed_target_en,
    coalesce(sh.is_do_below_target, false) AS is_do_below_target,
    sh.tn_class,
    array_to_string(sh.missing, ';') AS missing_basic,
    (len(sh.missing) > 0) AS is_incomplete,
    CASE WHEN sh.period_kind = 'month' THEN 1 ELSE coalesce(mc.months_with_data, 0) END AS months_with_data,
    (sh.period_kind = 'year' AND coalesce(mc.months_with_data, 0) < 8) AS is_insufficient,
    sh.ph_min, sh.ph_max,
    coalesce(array_to_string(sh.dl_list, ';'), '') AS dl_insufficient
FROM shaped AS sh
LEFT JOIN month_counts AS mc
    ON sh.period_kind = 'year' AND mc.section_id = sh.section_id AND mc.period = sh.period
-- no ORDER BY here: bishui.db.evaluation stores the table sorted by period and section (DERIVED)
