-- Purpose: load data/reference/parameters.csv into parameters.
-- Grain: one row per parameter code.
-- Parameters: $path (the CSV file).
-- Columns: inserts code, name_zh, name_en, unit, direction, decimals, enters_class, is_basic,
--   is_auto_priority, sort_order
INSERT INTO parameters BY NAME
SELECT * FROM read_csv($path, header = true, auto_detect = false, columns = {
    'code': 'VARCHAR', 'name_zh': 'VARCHAR', 'name_en': 'VARCHAR', 'unit': 'VARCHAR',
    'direction': 'VARCHAR', 'decimals': 'INTEGER', 'enters_class': 'BOOLEAN', 'is_basic': 'BOOLEAN',
    'is_auto_priority': 'BOOLEAN', 'sort_order': 'INTEGER'})
