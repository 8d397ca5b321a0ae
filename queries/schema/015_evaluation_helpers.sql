-- Evaluation helpers shared by the evaluation queries (queries/section_period_*.sql).
-- grade_round(x, d):  x rounded to d decimals by GB/T 8170 (round half to even, on the decimal
--                     value, not the binary double), as a DOUBLE; the value that is graded.
-- grade_class(direction, v, l1..l5, lo): class 1..5 of v against five limits, 6 when none is met;
--                     NULL when v or the limits are missing. 'le': v <= limit; 'ge': v >= limit;
--                     'range': lo <= v <= limit (pH 6-9: class 1 inside, 6 outside).
-- exceedance_key(v, l): the exceedance multiple (v - l) / l, exactly, as an integer in units of
--                     1e-18 (rounded down): v and l are taken at 6 decimals (graded values and limits
--                     have at most 6), so two equal multiples always get equal keys; compare and sort
--                     multiples by this key, never by the binary double.
-- exceedance_multiple(v, l): the same multiple as a DOUBLE (from the exact key: equal multiples give
--                     equal doubles), for display; NULL when l is NULL or 0.
-- reported_decimals(v): the number of decimals v was reported with (0..6, 7 for more): the smallest d
--                     with round(v, d) = v (a value parsed from '6.5' has 1, from '10.0167' 4). A
--                     trailing zero is not seen ('10.0' has 0): a period mean is graded at the finest
--                     precision among its values, never at one value's alone.
-- (gb3838_limits, the five GB 3838 limits side by side, is a table made from standard_limits when the
--  reference data is loaded: queries/load/gb3838_limits.sql.)
CREATE OR REPLACE MACRO grade_round(x, d) AS (
    CASE d
        WHEN 0 THEN round_even(x::DECIMAL(38, 12), 0)::DOUBLE
        WHEN 1 THEN round_even(x::DECIMAL(38, 12), 1)::DOUBLE
        WHEN 2 THEN round_even(x::DECIMAL(38, 12), 2)::DOUBLE
        WHEN 3 THEN round_even(x::DECIMAL(38, 12), 3)::DOUBLE
        WHEN 4 THEN round_even(x::DECIMAL(38, 12), 4)::DOUBLE
        WHEN 5 THEN round_even(x::DECIMAL(38, 12), 5)::DOUBLE
        WHEN 6 THEN round_even(x::DECIMAL(38, 12), 6)::DOUBLE
        ELSE x::DOUBLE
    END
);

CREATE OR REPLACE MACRO grade_class(direction, v, l1, l2, l3, l4, l5, lo) AS (
    CASE
        WHEN v IS NULL OR l1 IS NULL THEN NULL
        WHEN direction = 'le' THEN
            CASE WHEN v <= l1 THEN 1 WHEN v <= l2 THEN 2 WHEN v <= l3 THEN 3
                 WHEN v <= l4 THEN 4 WHEN v <= l5 THEN 5 ELSE 6 END
        WHEN direction = 'ge' THEN
            CASE WHEN v >= l1 THEN 1 WHEN v >= l2 THEN 2 WHEN v >= l3 THEN 3
                 WHEN v >= l4 THEN 4 WHEN v >= l5 THEN 5 ELSE 6 END
        WHEN direction = 'range' THEN
            CASE WHEN v BETWEEN lo AND l1 THEN 1 ELSE 6 END
    END
);

-- The limit of a given class (1..5) from the five side by side.
CREATE OR REPLACE MACRO limit_of_class(k, l1, l2, l3, l4, l5) AS (
    CASE k WHEN 1 THEN l1 WHEN 2 THEN l2 WHEN 3 THEN l3 WHEN 4 THEN l4 WHEN 5 THEN l5 END
);

CREATE OR REPLACE MACRO exceedance_key(v, l) AS (
    CASE WHEN l IS NOT NULL AND l <> 0 THEN
        ((round(v * 1000000)::HUGEINT - round(l * 1000000)::HUGEINT) * 1000000000000000000::HUGEINT)
        // round(l * 1000000)::HUGEINT
    END
);

CREATE OR REPLACE MACRO exceedance_multiple(v, l) AS (
    exceedance_key(v, l)::DOUBLE / 1e18
);

CREATE OR REPLACE MACRO reported_decimals(v) AS (
    CASE WHEN v = round(v, 0) THEN 0 WHEN v = round(v, 1) THEN 1 WHEN v = round(v, 2) THEN 2
         WHEN v = round(v, 3) THEN 3 WHEN v = round(v, 4) THEN 4 WHEN v = round(v, 5) THEN 5
         WHEN v = round(v, 6) THEN 6 ELSE 7 END
);
