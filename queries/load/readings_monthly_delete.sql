-- Purpose: before re-aggregating part of the readings, remove the monthly aggregate rows of that
--   scope (the months readings_monthly.sql re-aggregates for the same parameters).
-- Grain: deletes one row per section, parameter, source and month in scope.
-- Parameters: $scope_sections (list of section ids), $scope_from, $scope_to (first and last day).
-- Columns: none (deletes from readings_monthly)
DELETE FROM readings_monthly
WHERE list_contains($scope_sections, section_id) AND month BETWEEN $scope_from AND $scope_to
