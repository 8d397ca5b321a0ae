-- Purpose: the GB 3838 limits side by side, one row per (parameter, water_body_type), made from
--   standard_limits whenever the reference data is loaded (a table, not a view: the trend query joins
--   it on every call).
-- Grain: one row per parameter and water-body type.
-- Parameters: none.
-- Columns: writes gb3838_limits (parameter, water_body_type, l1, l2, l3, l4, l5, lo)
CREATE OR REPLACE TABLE gb3838_limits AS
SELECT
    l.parameter,
    l.water_body_type,
    max(l.limit_value) FILTER (WHERE l.class = 1) AS l1,
    max(l.limit_value) FILTER (WHERE l.class = 2) AS l2,
    max(l.limit_value) FILTER (WHERE l.class = 3) AS l3,
    max(l.limit_value) FILTER (WHERE l.class = 4) AS l4,
    max(l.limit_value) FILTER (WHERE l.class = 5) AS l5,
    max(l.lower_value) AS lo
FROM standard_limits AS l
WHERE l.standard = 'GB3838'
GROUP BY l.parameter, l.water_body_type;
