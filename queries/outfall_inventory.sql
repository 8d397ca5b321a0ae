-- Purpose: the river-outfall ledger (排污口台账, 一口一档 inventory) as at the end of a month, with the
--   page's filters: each outfall's life-cycle status as at that day, its latest inspection on or
--   before that day and whether any parameter exceeded its limit, the inspections above a limit in
--   the last $exceeded_months months, and whether rectification is overdue.
--   Status as at the month end, from the dates (the recorded status is the ledger's current one;
--   defined once, in the table macro outfalls_as_of of queries/schema/058_status_rules.sql):
--   closed when closed_on <= month end (or recorded closed without a date); else rectifying when the
--   recorded status is rectifying/closed and it was traced by then; traced when recorded traced and
--   traced by then; monitored when recorded past surveyed and first inspected (or, never inspected,
--   discovered) by then; else surveyed. Overdue: not closed, deadline before the month end, not
--   rectified by then (as the overview card counts it).
-- Grain: one row per outfall discovered on or before the month end that passes the filters.
-- Parameters: $month (first day of the month), $town_id, $river_ids, $categories, $sub_types,
--   $outfall_statuses (statuses as at the month end), $approval_states (each NULL = all),
--   $exceeded_months (NULL = no filter; N = only outfalls with an inspection above its limit within
--   the N months up to the month end).
-- Columns: outfall_id, name_zh, category, sub_type, river_id, river_zh, river_en, town_id, town_zh,
--   town_en, lon, lat, status, recorded_status, remediation, approval_state, is_direct_sewage,
--   responsible_unit, tracing_result, discovered_on, traced_on, rectification_deadline, rectified_on,
--   closed_on, is_overdue, days_overdue, n_inspections, last_inspected_on, is_last_exceeded,
--   last_exceeded_parameters (codes;...), n_exceeded_recent
WITH e AS (
    SELECT last_day($month::DATE) AS as_of,
           (last_day($month::DATE) - to_months(coalesce($exceeded_months, 0)::INTEGER))::DATE AS window_start
),
visits AS (  -- one row per (outfall, inspection day)
    SELECT i.outfall_id, i.inspected_on,
           bool_or(i.has_flow AND i.value > i.limit_value) AS is_exceeded,
           string_agg(CASE WHEN i.has_flow AND i.value > i.limit_value THEN i.parameter END, ';'
                      ORDER BY i.parameter) AS exceeded_parameters
    FROM outfall_inspections AS i
    GROUP BY i.outfall_id, i.inspected_on
),
until AS (
    SELECT v.outfall_id,
           count(*) AS n_inspections,
           max(v.inspected_on) AS last_on,
           arg_max(v.is_exceeded, v.inspected_on) AS last_exceeded,
           arg_max(v.exceeded_parameters, v.inspected_on) AS last_parameters,
           count(*) FILTER (WHERE v.is_exceeded AND v.inspected_on > e.window_start) AS n_recent
    FROM visits AS v, e
    WHERE v.inspected_on <= e.as_of
    GROUP BY v.outfall_id
),
shaped AS (  -- status as at the month end: the table macro outfalls_as_of (schema/058_status_rules.sql)
    SELECT o.*, u.n_inspections, u.last_on, u.last_exceeded, u.last_parameters, u.n_recent
    FROM outfalls_as_of(last_day($month::DATE)) AS o
    LEFT JOIN until AS u USING (outfall_id)
)
SELECT
    s.outfall_id, s.name_zh, s.category, s.sub_type,
    s.river_id, r.name_zh AS river_zh, r.name_en AS river_en,
    s.town_id, t.name_zh AS town_zh, t.name_en AS town_en,
    s.lon, s.lat,
    s.status_as_of AS status,
    s.status AS recorded_status,
    CASE WHEN s.status_as_of IN ('traced', 'rectifying', 'closed') THEN s.remediation END AS remediation,
    s.approval_state, s.is_direct_sewage, s.responsible_unit, s.tracing_result,
    s.discovered_on, s.traced_on, s.rectification_deadline,
    CASE WHEN s.rectified_on <= s.as_of THEN s.rectified_on END AS rectified_on,
    CASE WHEN s.closed_on <= s.as_of THEN s.closed_on END AS closed_on,
    s.is_overdue,
    s.days_overdue,
    coalesce(s.n_inspections, 0) AS n_inspections,
    s.last_on AS last_inspected_on,
    coalesce(s.last_exceeded, false) AS is_last_exceeded,
    coalesce(s.last_parameters, '') AS last_exceeded_parameters,
    coalesce(s.n_recent, 0) AS n_exceeded_recent
FROM shaped AS s
LEFT JOIN rivers AS r USING (river_id)
LEFT JOIN towns AS t USING (town_id)
WHERE ($town_id IS NULL OR s.town_id = $town_id)
  AND ($river_ids::VARCHAR[] IS NULL OR list_contains($river_ids::VARCHAR[], s.river_id))
  AND ($categories::VARCHAR[] IS NULL OR list_contains($categories::VARCHAR[], s.category))
  AND ($sub_types::VARCHAR[] IS NULL OR list_contains($sub_types::VARCHAR[], s.sub_type))
  AND ($outfall_statuses::VARCHAR[] IS NULL OR list_contains($outfall_statuses::VARCHAR[], s.status_as_of))
  AND ($approval_states::VARCHAR[] IS NULL OR list_contains($approval_states::VARCHAR[], s.approval_state))
  AND ($exceeded_months IS NULL OR coalesce(s.n_recent, 0) > 0)
ORDER BY r.rowid NULLS LAST, t.rowid NULLS LAST, s.outfall_id
