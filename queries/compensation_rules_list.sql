-- Purpose: the eco-compensation rules as data (compensation_rules), with the section they watch, the
--   class the section must not be worse than (the rule's threshold, else the section's target class)
--   and the amount a failing month costs (F1: a fixed amount; F2: base amount x weight), for
--   showing them in words.
-- Grain: one row per rule, section and validity start.
-- Parameters: $town_id (NULL = all; else the rules on that township's sections).
-- Columns: rule_id, section_id, section_zh, section_en, town_id, town_zh, town_en, threshold_class,
--   is_own_target, amount_cny, base_amount_cny, weight, amount_if_missed_cny, payer_zh, payer_en,
--   payee_zh, payee_en, valid_from, valid_to
SELECT
    r.rule_id, r.section_id, s.name_zh AS section_zh, s.name_en AS section_en, s.town_id,
    t.name_zh AS town_zh, t.name_en AS town_en,
    coalesce(r.threshold_class, s.target_class) AS threshold_class,
    r.threshold_class IS NULL AS is_own_target,
    r.amount_cny, r.base_amount_cny, r.weight,
    coalesce(r.amount_cny, r.base_amount_cny * coalesce(r.weight, 1)) AS amount_if_missed_cny,
    r.payer_zh, r.payer_en, r.payee_zh, r.payee_en, r.valid_from, r.valid_to
FROM compensation_rules AS r
JOIN sections AS s USING (section_id)
LEFT JOIN towns AS t ON t.town_id = s.town_id
WHERE ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY r.rule_id, r.section_id, r.valid_from
