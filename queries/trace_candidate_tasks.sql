-- Purpose: the plan tasks (重点工作任务) a source-tracing candidate falls under, by the candidate's kind
--   and, for some tasks, the traced parameter (shared/design/plan-2023.md): the mapping is the VALUES
--   list below (change it here, not in Python). Upstream inflow: ecological flow and joint sluice
--   control on exceedance (10); outfalls: the outfall task (13) and enforcement on pollution sources (6);
--   plants: town WWTPs run normally (3) and treatment capacity / plants near full load (2); combined-
--   sewer overflow points: overflows fixed (2), sewage collection (1) and flood-season readiness (5);
--   blank areas: urban collection (1) and rural domestic sewage (9); black-odorous bodies: urban (4) and
--   rural (9); any candidate of a total-nitrogen miss also falls under the TN special action (12).
-- Grain: one row per (kind, parameter, task) whose task is in the warehouse's tasks.
-- Parameters: none.
-- Columns: kind (upstream | outfall | plant | overflow | blank_area | black_odorous), parameter (NULL:
--   any), task_no, ord (the order to list a candidate's tasks in), title_zh, title_en, lead_units,
--   lead_units_en (the Chinese list where no English is given)
WITH mapping(kind, parameter, task_no, ord) AS (
    VALUES ('upstream', NULL, 10, 1),
           ('outfall', NULL, 13, 1), ('outfall', NULL, 6, 2),
           ('plant', NULL, 3, 1), ('plant', NULL, 2, 2),
           ('overflow', NULL, 2, 1), ('overflow', NULL, 1, 2), ('overflow', NULL, 5, 3),
           ('blank_area', NULL, 1, 1), ('blank_area', NULL, 9, 2),
           ('black_odorous', NULL, 4, 1), ('black_odorous', NULL, 9, 2),
           ('upstream', 'tn', 12, 9), ('outfall', 'tn', 12, 9), ('plant', 'tn', 12, 9),
           ('overflow', 'tn', 12, 9), ('blank_area', 'tn', 12, 9), ('black_odorous', 'tn', 12, 9)
)
SELECT m.kind, m.parameter::VARCHAR AS parameter, m.task_no, m.ord, t.title_zh, t.title_en, t.lead_units,
       coalesce(nullif(t.lead_units_en, ''), t.lead_units) AS lead_units_en
FROM mapping AS m
JOIN tasks AS t ON t.task_no = m.task_no
ORDER BY m.kind, m.ord, m.task_no
