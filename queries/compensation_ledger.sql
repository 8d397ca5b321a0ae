-- Purpose: the eco-compensation ledger: for every rule, section and month in a range, the section's
--   evaluated class against the rule's threshold and the amount due. Rule F1: fixed amount when the
--   class is worse than the threshold (Liaowei Rd: worse than IV -> 850,000 CNY to Dongchangfu);
--   F2: base amount x weight when a township's assessment section misses its threshold (default:
--   the section's target class). A month with no evaluated class is 'no_data': neither billed nor
--   passed.
-- Grain: one row per rule, section and month.
-- Parameters: $start, $end (dates; months whose first day lies in [start, end]), $town_id (NULL = all).
-- Columns: rule_id, section_id, section_zh, section_en, town_id, month, water_class, threshold_class,
--   status (pay | ok | no_data), amount_cny, payer_zh, payer_en, payee_zh, payee_en, main_pollutants
--   (code:multiple;...), main_pollutants_zh, main_pollutants_en
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
)
SELECT
    r.rule_id, r.section_id, r.section_zh, r.section_en, r.town_id, m.month,
    c.water_class,
    r.threshold AS threshold_class,
    CASE WHEN c.water_class IS NULL THEN 'no_data'
         WHEN c.water_class > r.threshold THEN 'pay'
         ELSE 'ok' END AS status,
    CASE WHEN c.water_class > r.threshold THEN r.amount_if_missed ELSE 0 END AS amount_cny,
    r.payer_zh, r.payer_en, r.payee_zh, r.payee_en,
    c.main_pollutants, c.main_pollutants_zh, c.main_pollutants_en
FROM rules AS r
JOIN months AS m
    ON m.month >= date_trunc('month', r.valid_from)
   AND (r.valid_to IS NULL OR m.month <= r.valid_to)
LEFT JOIN section_period_class AS c
    ON c.section_id = r.section_id AND c.period_kind = 'month' AND c.period = m.month
ORDER BY m.month, r.rule_id, r.section_id
