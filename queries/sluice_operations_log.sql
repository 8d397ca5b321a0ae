-- Purpose: the sluice operations log (闸门调度记录): when each sluice was opened, closed or adjusted,
--   by whose decision and why (reason codes of queries/schema/069_eco_flow.sql).
-- Grain: one row per sluice operation with operated_at on a day from $start to $end.
-- Parameters: $start, $end (dates), $town_id (NULL = all: the sluice's township).
-- Columns: operated_at, month, sluice_id, name_zh, name_en, river_id, town_id, action, gate_opening_m,
--   decided_by, reason_code, note_zh
SELECT o.operated_at, date_trunc('month', o.operated_at)::DATE AS month, o.sluice_id, s.name_zh, s.name_en,
       s.river_id, s.town_id, o.action, o.gate_opening_m, o.decided_by, o.reason_code, o.note_zh
FROM sluice_operations AS o
JOIN sluices AS s USING (sluice_id)
WHERE o.operated_at::DATE BETWEEN $start::DATE AND $end::DATE
  AND ($town_id IS NULL OR s.town_id = $town_id)
ORDER BY o.operated_at DESC, o.sluice_id
