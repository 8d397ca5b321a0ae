-- Purpose: every unit named by the tasks (lead or responsible), for the "filter by department or
--   township" picker, with how many tasks it leads and is responsible for.
-- Grain: one row per unit.
-- Parameters: none.
-- Columns: unit, unit_en (its English name from the tasks' English lists or the townships, else the
--   unit as is), n_lead, n_responsible, is_town
WITH x AS (
    SELECT trim(unnest(string_split(lead_units, ';'))) AS unit,
           trim(unnest(string_split(lead_units_en, ';'))) AS unit_en, 1 AS lead, 0 AS resp FROM tasks
    UNION ALL
    SELECT trim(unnest(string_split(responsible_units, ';'))),
           trim(unnest(string_split(responsible_units_en, ';'))), 0, 1 FROM tasks
)
SELECT unit,
       coalesce(max(nullif(unit_en, '')),
                (SELECT any_value(name_en) FROM towns WHERE name_zh = unit), unit) AS unit_en,
       sum(lead)::INTEGER AS n_lead, sum(resp)::INTEGER AS n_responsible,
       unit IN (SELECT name_zh FROM towns) AS is_town
FROM x
WHERE unit IS NOT NULL AND unit <> ''
GROUP BY unit
ORDER BY is_town, n_lead DESC, unit
