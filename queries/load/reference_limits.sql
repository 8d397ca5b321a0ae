-- Purpose: load data/reference/standard_limits.csv into standard_limits.
-- Grain: one row per (standard, parameter, water_body_type, class).
-- Parameters: $path (the CSV file).
-- Columns: inserts standard, parameter, water_body_type, class, limit_value, lower_value
INSERT INTO standard_limits BY NAME
SELECT * FROM read_csv($path, header = true, auto_detect = false, columns = {
    'standard': 'VARCHAR', 'parameter': 'VARCHAR', 'water_body_type': 'VARCHAR', 'class': 'INTEGER',
    'limit_value': 'DOUBLE', 'lower_value': 'DOUBLE'})
