-- Purpose: the responsible unit (责任单位) the outfall ledger records for the outfalls among the tracing
--   candidates, with its English name where it is a township's.
-- Grain: one row per outfall with a responsible unit.
-- Parameters: $outfall_ids (list of outfall ids).
-- Columns: outfall_id, unit, unit_en
SELECT o.outfall_id, o.responsible_unit AS unit,
       coalesce((SELECT any_value(name_en) FROM towns WHERE name_zh = o.responsible_unit), o.responsible_unit)
           AS unit_en
FROM outfalls AS o
WHERE o.outfall_id IN (SELECT unnest($outfall_ids::VARCHAR[])) AND nullif(trim(o.responsible_unit), '') IS NOT NULL
ORDER BY 1
