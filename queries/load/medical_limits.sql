-- Purpose: load data/reference/medical_limits.csv (GB 18466-2005, reference §7) into medical_limits.
-- Grain: one row per (column_code, parameter).
-- Parameters: $path (the CSV file).
-- Columns: inserts column_code, parameter, unit, min_value, max_value, needs_chlorine, verified, source_row,
--   source_row_en
INSERT INTO medical_limits BY NAME
SELECT * FROM read_csv($path, header = true, auto_detect = false, columns = {
    'column_code': 'VARCHAR', 'parameter': 'VARCHAR', 'unit': 'VARCHAR', 'min_value': 'DOUBLE',
    'max_value': 'DOUBLE', 'needs_chlorine': 'BOOLEAN', 'verified': 'VARCHAR', 'source_row': 'VARCHAR',
    'source_row_en': 'VARCHAR'})
