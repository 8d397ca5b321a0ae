-- Import bookkeeping (bishui.ingest): what each batch replaced and added, and who undid it.
-- archive_<table>:    one row per warehouse row an import batch replaced (same columns as the table,
--                     archived_by = the replacing batch); undo(batch) puts these rows back.
-- ingest_added_keys:  one row per row a batch added to a table without a batch_id column (its natural
--                     key as JSON), so undo can remove exactly those rows.
-- import_undos:       one row per undone batch: when and by whom.
-- Every statement is idempotent: bishui.ingest applies this file to warehouses built before it existed.
CREATE TABLE IF NOT EXISTS archive_towns AS SELECT 0::INTEGER AS archived_by, * FROM towns LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_rivers AS SELECT 0::INTEGER AS archived_by, * FROM rivers LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_sections AS SELECT 0::INTEGER AS archived_by, * FROM sections LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_readings AS SELECT 0::INTEGER AS archived_by, * FROM readings LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_outfalls AS SELECT 0::INTEGER AS archived_by, * FROM outfalls LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_outfall_inspections AS
    SELECT 0::INTEGER AS archived_by, * FROM outfall_inspections LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_pipes AS SELECT 0::INTEGER AS archived_by, * FROM pipes LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_facilities AS SELECT 0::INTEGER AS archived_by, * FROM facilities LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_plant_effluent AS SELECT 0::INTEGER AS archived_by, * FROM plant_effluent LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_network_blank_areas AS
    SELECT 0::INTEGER AS archived_by, * FROM network_blank_areas LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_water_bodies AS SELECT 0::INTEGER AS archived_by, * FROM water_bodies LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_water_body_inspections AS
    SELECT 0::INTEGER AS archived_by, * FROM water_body_inspections LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_targets AS SELECT 0::INTEGER AS archived_by, * FROM targets LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_target_progress AS SELECT 0::INTEGER AS archived_by, * FROM target_progress LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_tasks AS SELECT 0::INTEGER AS archived_by, * FROM tasks LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_task_updates AS SELECT 0::INTEGER AS archived_by, * FROM task_updates LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_projects AS SELECT 0::INTEGER AS archived_by, * FROM projects LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_compensation_rules AS
    SELECT 0::INTEGER AS archived_by, * FROM compensation_rules LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_river_network AS SELECT 0::INTEGER AS archived_by, * FROM river_network LIMIT 0;
CREATE TABLE IF NOT EXISTS archive_river_positions AS
    SELECT 0::INTEGER AS archived_by, * FROM river_positions LIMIT 0;

CREATE TABLE IF NOT EXISTS ingest_added_keys (
    batch_id    INTEGER NOT NULL,
    table_name  VARCHAR NOT NULL,
    key_json    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS import_undos (
    batch_id    INTEGER PRIMARY KEY,
    undone_at   TIMESTAMP NOT NULL,
    undone_by   VARCHAR
);
