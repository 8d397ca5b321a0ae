-- Purpose: load a data directory's optional river_positions.csv into river_positions (imported km along
--   a river, for objects whose river line is missing or whose discharge point is elsewhere).
-- Grain: one row per (object_kind, object_id).
-- Parameters: $path (the CSV file).
-- Columns: inserts object_kind, object_id, river_id, km
INSERT INTO river_positions BY NAME
SELECT * FROM read_csv($path, header = true, auto_detect = false, columns = {
    'object_kind': 'VARCHAR', 'object_id': 'VARCHAR', 'river_id': 'VARCHAR', 'km': 'DOUBLE'})
