-- Purpose: the black-odorous grading (城市黑臭水体整治工作指南, 2015) of the latest monitoring round of
--   every water body, reading by reading, with the point and body roll-ups. Grades: 1 = not
--   black-odorous, 2 = light (轻度), 3 = heavy (重度). Each of transparency, DO, ORP and NH3-N is
--   graded on its value rounded to the parameter's reporting precision, against standard_limits
--   BLACK_ODOROUS_2015 (class 1 = bound of "not black-odorous", class 2 = bound of "light"; direction
--   from parameters: transparency, DO, ORP 'ge' (>= bound meets it), NH3-N 'le' (<= bound meets it)).
--   Transparency in water shallower than 25 cm: the not-black-odorous bound is 40 % of the depth
--   (depth*2/5); the heavy bound stays 10 cm, so such a reading is either not black-odorous or heavy.
--   Latest round: the body's inspections in the $window_days days ending with its last inspection on
--   or before $as_of. Point (all readings of the round at that point): heavy when >= 60 % of one
--   indicator's readings are heavy, or >= 30 % (and at least one) of the readings of two or more
--   indicators are heavy; else light when any reading is light or heavy; else not black-odorous.
--   Body: heavy when >= 60 % of its points are heavy or >= 3 consecutive points (point numbers
--   n, n+1, n+2) are heavy; else light when any point is light or heavy; else not black-odorous.
--   The rules are the table macro black_odorous_round (queries/schema/055_black_odorous.sql);
--   bishui/rules/black_odorous.py mirrors them (tests/test_black_odorous.py keeps them equal).
-- Grain: one row per body, inspection date and point of the latest round.
-- Parameters: $as_of (date), $window_days (length of a round in days), $town_id (NULL = all).
-- Columns: body_id, inspected_on, point_no, depth_cm, transparency_cm, do_mg_l, orp_mv, nh3n_mg_l,
--   transparency_bound_cm (the not-black-odorous bound used), grade_transparency, grade_do, grade_orp,
--   grade_nh3n, reading_grade (worst of the four), point_grade, body_grade
SELECT
    body_id, inspected_on, point_no, depth_cm, transparency_cm, do_mg_l, orp_mv, nh3n_mg_l,
    transparency_bound_cm, grade_transparency, grade_do, grade_orp, grade_nh3n,
    reading_grade, point_grade, body_grade
FROM black_odorous_round($as_of, $window_days, $town_id)
ORDER BY body_id, inspected_on, point_no
