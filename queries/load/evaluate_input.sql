-- Purpose: fill sections and readings of a throwaway warehouse from the frames _sections and
--   _readings registered by `python -m bishui evaluate` (manual samples, no exclusions).
-- Grain: one row per section; one row per reading.
-- Parameters: none.
-- Columns: writes sections and readings
INSERT INTO sections (section_id, name_zh, name_en, river_id, town_id, control_level, water_body_type,
                      target_class, is_assessment, is_drinking_source, excluded_parameters,
                      has_auto_station, lon, lat)
SELECT section_id, section_id, section_id, NULL, NULL, 'district', water_body_type,
       target_class, false, false, []::VARCHAR[], false, 0, 0
FROM _sections;
INSERT INTO readings (section_id, parameter, sampled_on, sampled_at, value, below_detection_limit,
                      detection_limit, source, batch_id)
SELECT section_id, parameter, sampled_on::DATE, NULL, value, below_detection_limit, detection_limit, 'manual', 0
FROM _readings;
