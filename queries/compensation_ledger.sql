-- Purpose: the eco-compensation ledger: for every rule, section and month in a range, the section's
--   evaluated class against the rule's threshold and the amount due. Rule F1: fixed amount when the
--   class is worse than the threshold (Liaowei Rd: worse than IV -> 850,000 CNY to Dongchangfu);
--   F2: base amount x weight when a township's assessment section misses its threshold (default:
--   the section's target class). Only a complete month is billed or passed
--   (section_month_completeness, queries/schema/062_completeness.sql); status, in this order:
--     no_flow       a no-flow record (断流/冰封): billed as missed only when $bill_no_flow, else 0;
--     no_data       no reading: neither billed nor passed;
--     provisional   the month is not over at $now: not billed; forecast_cny is what is due if the
--                   rest of the month looks like the days so far (the class of the data so far);
--     pending_data  over, but an item is missing (or an automatic station's days are too few):
--                   neither billed nor passed until the data arrive;
--     owed          complete, class worse than the threshold: amount_if_missed;
--     ok            complete, within the threshold: 0.
-- Grain: one row per rule, section and month.
-- Parameters: $start, $end (dates; months whose first day lies in [start, end]), $town_id (NULL = all),
--   $now (the app's now, bishui.clock), $bill_no_flow (true: a no-flow month is billed as missed).
-- Columns: rule_id, section_id, section_zh, section_en, town_id, month, water_class, threshold_class,
--   status (ok | owed | pending_data | no_data | no_flow | provisional), amount_cny, payer_zh, payer_en,
--   payee_zh, payee_en, main_pollutants (code:multiple;...), main_pollutants_zh, main_pollutants_en,
--   completeness, missing_items (code;...), auto_days, no_flow_reason, forecast_cny (provisional months:
--   the amount due if the month ended like its days so far; NULL otherwise), is_key_section (the rule
--   pays a fixed amount per failing month, F1: the district's key section, on the overview's card
--   and in the briefing; a property of the rule's data, not of its id)
WITH months AS (
    SELECT m::DATE AS month
    FROM generate_series(date_trunc('month', $start::DATE), date_trunc('month', $end::DATE), INTERVAL 1 MONTH) AS g(m)
),
rules AS (
    SELECT r.*, s.name_zh AS section_zh, s.name_en AS section_en, s.town_id,
           coalesce(r.threshold_class, s.target_class) AS threshold,
           coalesce(r.amount_cny, r.base_amount_cny * coalesce(r.weight, 1)) AS amount_if_missed
    FROM compensation_rules AS r
    JOIN sections AS s USING (section_id)
    WHERE ($town_id IS NULL OR s.town_id = $town_id)
),
rows AS (
    SELECT r.*, m.month, c.water_class, c.main_pollutants, c.main_pollutants_zh, c.main_pollutants_en,
           coalesce(k.status, 'no_data') AS completeness, k.missing_text, k.auto_days, k.no_flow_reason
    FROM rules AS r
    JOIN months AS m
        ON m.month >= date_trunc('month', r.valid_from)
       AND (r.valid_to IS NULL OR m.month <= r.valid_to)
    LEFT JOIN section_period_class AS c
        ON c.section_id = r.section_id AND c.period_kind = 'month' AND c.period = m.month
    LEFT JOIN section_month_completeness($now) AS k
        ON k.section_id = r.section_id AND k.month = m.month
),
judged AS (
    SELECT x.*,
        CASE x.completeness
            WHEN 'no_flow' THEN 'no_flow'
            WHEN 'no_data' THEN 'no_data'
            WHEN 'provisional' THEN 'provisional'
            WHEN 'incomplete' THEN 'pending_data'
            ELSE CASE WHEN x.water_class > x.threshold THEN 'owed' ELSE 'ok' END
        END AS status
    FROM rows AS x
)
SELECT
    j.rule_id, j.section_id, j.section_zh, j.section_en, j.town_id, j.month,
    j.water_class,
    j.threshold AS threshold_class,
    j.status,
    CASE WHEN j.status = 'owed' THEN j.amount_if_missed
         WHEN j.status = 'no_flow' AND $bill_no_flow THEN j.amount_if_missed
         ELSE 0 END::DOUBLE AS amount_cny,
    j.payer_zh, j.payer_en, j.payee_zh, j.payee_en,
    j.main_pollutants, j.main_pollutants_zh, j.main_pollutants_en,
    j.completeness, j.missing_text AS missing_items, j.auto_days, j.no_flow_reason,
    CASE WHEN j.status = 'provisional'
         THEN CASE WHEN j.water_class > j.threshold THEN j.amount_if_missed ELSE 0 END END::DOUBLE AS forecast_cny,
    j.amount_cny IS NOT NULL AS is_key_section
FROM judged AS j
ORDER BY j.month, j.rule_id, j.section_id
