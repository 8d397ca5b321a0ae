-- Purpose: load a data directory's optional river_network.csv into river_network (source tracing).
-- Grain: one row per river.
-- Parameters: $path (the CSV file).
-- Columns: inserts river_id, flows_into_id, confluence_km, line_drawn (empty: downstream)
INSERT INTO river_network BY NAME
SELECT river_id, NULLIF(trim(flows_into_id), '') AS flows_into_id, confluence_km,
       coalesce(NULLIF(trim(line_drawn), ''), 'downstream') AS line_drawn
FROM read_csv($path, header = true, auto_detect = false, columns = {
    'river_id': 'VARCHAR', 'flows_into_id': 'VARCHAR', 'confluence_km': 'DOUBLE', 'line_drawn': 'VARCHAR'})
