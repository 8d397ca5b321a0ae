-- Purpose: the span of days the warehouse has readings for (first day of the first month with data,
--   last day of the last), from the monthly aggregate: URL and widget date ranges are clamped to it
--   so a range from year 1 to 9999 costs what the data cost (bishui.rules.bounds).
-- Grain: one row.
-- Parameters: none.
-- Columns: first_on, last_on (NULL when there are no readings)
SELECT min(month) AS first_on,
       (max(month) + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS last_on
FROM readings_monthly
