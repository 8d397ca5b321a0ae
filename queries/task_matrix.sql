-- Purpose: the responsibility matrix of the plan's tasks (重点工作任务) as at a date: lead units (牵头单位),
--   responsible units (责任单位), deadline, and the status from the latest update of each reporting
--   township (or the district-wide update, town_id ''), on or before $as_of. Task status: 'blocked'
--   if any latest update is blocked; 'done' if all are done; 'not_started' if all are not started or
--   there is no update; else 'in_progress'. progress_pct: mean of the latest updates' progress.
--   Overdue: deadline before $as_of and not done. Filters: $town_id keeps the tasks the township is
--   responsible for (its Chinese name among the responsible units) or has reported on, and only its own
--   and district-wide updates; $units keeps the tasks where any of the units leads or is responsible
--   (empty list = all).
-- Grain: one row per task.
-- Parameters: $as_of (date), $town_id (NULL = all), $units (list of unit names; [] = all).
-- Columns: task_no, title_zh, title_en, lead_units, responsible_units, lead_units_en, responsible_units_en
--   (the Chinese lists where no English is given), deadline, status, progress_pct, n_updates,
--   latest_updated_on, latest_town_id, latest_note_zh, latest_note_en (the Chinese note where none),
--   latest_reported_by, is_overdue, data_status, data_evidence_zh, data_evidence_en, data_measured_through
--   (the task's status measured from data, task_data_status in queries/schema/080_task_data_status.sql;
--   NULL for tasks that are only reported in words)
WITH town AS (
    SELECT name_zh FROM towns WHERE town_id = $town_id
),
u AS (
    SELECT x.*
    FROM task_updates AS x
    WHERE x.updated_on <= $as_of::DATE
      AND ($town_id IS NULL OR x.town_id IN ('', $town_id))
),
latest_per_town AS (
    SELECT * FROM u
    QUALIFY row_number() OVER (PARTITION BY task_no, town_id ORDER BY updated_on DESC) = 1
),
latest AS (
    SELECT * FROM u
    QUALIFY row_number() OVER (PARTITION BY task_no ORDER BY updated_on DESC, town_id) = 1
),
agg AS (
    SELECT task_no,
           CASE WHEN bool_or(status = 'blocked') THEN 'blocked'
                WHEN bool_and(status = 'done') THEN 'done'
                WHEN bool_and(status = 'not_started') THEN 'not_started'
                ELSE 'in_progress' END AS status,
           avg(progress_pct) AS progress_pct
    FROM latest_per_town
    GROUP BY task_no
),
counts AS (
    SELECT task_no, count(*) AS n_updates FROM u GROUP BY task_no
)
SELECT
    t.task_no, t.title_zh, t.title_en, t.lead_units, t.responsible_units,
    coalesce(t.lead_units_en, t.lead_units) AS lead_units_en,
    coalesce(t.responsible_units_en, t.responsible_units) AS responsible_units_en, t.deadline,
    coalesce(a.status, 'not_started') AS status,
    a.progress_pct,
    coalesce(c.n_updates, 0) AS n_updates,
    l.updated_on AS latest_updated_on, l.town_id AS latest_town_id, l.note_zh AS latest_note_zh,
    coalesce(l.note_en, l.note_zh) AS latest_note_en,
    l.reported_by AS latest_reported_by,
    (t.deadline < $as_of::DATE AND coalesce(a.status, 'not_started') <> 'done') AS is_overdue,
    d.data_status, d.evidence_zh AS data_evidence_zh, coalesce(d.evidence_en, d.evidence_zh) AS data_evidence_en,
    d.measured_through AS data_measured_through
FROM tasks AS t
LEFT JOIN agg AS a USING (task_no)
LEFT JOIN counts AS c USING (task_no)
LEFT JOIN latest AS l USING (task_no)
LEFT JOIN task_data_status($as_of::DATE) AS d USING (task_no)
WHERE ($town_id IS NULL
       OR list_contains(string_split(t.responsible_units, ';'), (SELECT name_zh FROM town))
       OR EXISTS (SELECT 1 FROM u WHERE u.task_no = t.task_no AND u.town_id = $town_id))
  AND (len($units::VARCHAR[]) = 0
       OR list_has_any(string_split(t.lead_units, ';') || string_split(t.responsible_units, ';'), $units::VARCHAR[]))
ORDER BY t.task_no
