-- Purpose: how many rows each importable table holds (the Data page's downloads: shown beside each
--   table, and whether it fits in an Excel sheet).
-- Grain: one row per importable kind (bishui.db.canonical.KINDS; each kind's table has the kind's name).
-- Parameters: none.
-- Columns: kind, n_rows
SELECT 'readings' AS kind, count(*) AS n_rows FROM readings
UNION ALL
SELECT 'sections' AS kind, count(*) AS n_rows FROM sections
UNION ALL
SELECT 'outfalls' AS kind, count(*) AS n_rows FROM outfalls
UNION ALL
SELECT 'outfall_inspections' AS kind, count(*) AS n_rows FROM outfall_inspections
UNION ALL
SELECT 'pipes' AS kind, count(*) AS n_rows FROM pipes
UNION ALL
SELECT 'facilities' AS kind, count(*) AS n_rows FROM facilities
UNION ALL
SELECT 'plant_effluent' AS kind, count(*) AS n_rows FROM plant_effluent
UNION ALL
SELECT 'water_bodies' AS kind, count(*) AS n_rows FROM water_bodies
UNION ALL
SELECT 'water_body_inspections' AS kind, count(*) AS n_rows FROM water_body_inspections
UNION ALL
SELECT 'target_progress' AS kind, count(*) AS n_rows FROM target_progress
UNION ALL
SELECT 'task_updates' AS kind, count(*) AS n_rows FROM task_updates
UNION ALL
SELECT 'network_blank_areas' AS kind, count(*) AS n_rows FROM network_blank_areas
UNION ALL
SELECT 'projects' AS kind, count(*) AS n_rows FROM projects
UNION ALL
SELECT 'targets' AS kind, count(*) AS n_rows FROM targets
UNION ALL
SELECT 'tasks' AS kind, count(*) AS n_rows FROM tasks
UNION ALL
SELECT 'compensation_rules' AS kind, count(*) AS n_rows FROM compensation_rules
UNION ALL
SELECT 'towns' AS kind, count(*) AS n_rows FROM towns
UNION ALL
SELECT 'rivers' AS kind, count(*) AS n_rows FROM rivers
UNION ALL
SELECT 'river_network' AS kind, count(*) AS n_rows FROM river_network
UNION ALL
SELECT 'river_positions' AS kind, count(*) AS n_rows FROM river_positions
UNION ALL
SELECT 'sluices' AS kind, count(*) AS n_rows FROM sluices
UNION ALL
SELECT 'flow_readings' AS kind, count(*) AS n_rows FROM flow_readings
UNION ALL
SELECT 'eco_flow_minimums' AS kind, count(*) AS n_rows FROM eco_flow_minimums
UNION ALL
SELECT 'sluice_operations' AS kind, count(*) AS n_rows FROM sluice_operations
UNION ALL
SELECT 'flood_checklist' AS kind, count(*) AS n_rows FROM flood_checklist
UNION ALL
SELECT 'drinking_sources' AS kind, count(*) AS n_rows FROM drinking_sources
UNION ALL
SELECT 'drinking_source_zones' AS kind, count(*) AS n_rows FROM drinking_source_zones
UNION ALL
SELECT 'drinking_source_samples' AS kind, count(*) AS n_rows FROM drinking_source_samples
UNION ALL
SELECT 'tn_problems' AS kind, count(*) AS n_rows FROM tn_problems
UNION ALL
SELECT 'medical_institutions' AS kind, count(*) AS n_rows FROM medical_institutions
UNION ALL
SELECT 'medical_monitoring' AS kind, count(*) AS n_rows FROM medical_monitoring
UNION ALL
SELECT 'pollution_sources' AS kind, count(*) AS n_rows FROM pollution_sources
UNION ALL
SELECT 'source_inspections' AS kind, count(*) AS n_rows FROM source_inspections
UNION ALL
SELECT 'enforcement_cases' AS kind, count(*) AS n_rows FROM enforcement_cases
