-- Reference tables: parameters and standard limits, loaded from data/reference/*.csv.
-- parameters:        one row per parameter code.
-- standard_limits:   one row per (standard, parameter, water_body_type, class).
--   standard GB3838          water_body_type river|lake|reservoir, class 1..5 (GB 3838-2002 Table 1)
--   standard GB18918_1A      water_body_type effluent, class 1 (grade 1A, water > 12 °C, plants built from 2006)
--   standard GB18918_1A_LE12C / GB18918_1A_PRE2006   the cold-water NH3-N and the pre-2006 TP variants
--   standard QUASI_IV        water_body_type effluent, class 1 (准IV: GB 3838 class IV river limits, TN excepted)
--   standard GB3838_T2       water_body_type any, class 1 (Table 2, supplementary items of centralised
--                            drinking-water sources: sulfate, chloride, nitrate, iron, manganese; single value)
--   standard BLACK_ODOROUS_2015 water_body_type any: class 1 = bound of "not black-odorous",
--                            class 2 = bound of "light"; beyond class 2 = heavy (grade 3).
--   For every standard the direction comes from parameters.direction: 'le' = value <= limit meets the
--   class, 'ge' = value >= limit meets it; the class of a value is the smallest class whose limit it meets.
CREATE TABLE parameters (
    code            VARCHAR PRIMARY KEY,
    name_zh         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    direction       VARCHAR NOT NULL CHECK (direction IN ('le', 'ge', 'range', 'none')),
    decimals        INTEGER NOT NULL,          -- reporting precision used for grading (GB/T 8170)
    enters_class    BOOLEAN NOT NULL,          -- part of the GB 3838 section class
    is_basic        BOOLEAN NOT NULL,          -- one of the 5 basics (pH, DO, CODMn, NH3-N, TP)
    is_auto_priority BOOLEAN NOT NULL,         -- automatic data take priority (环办监测函〔2020〕82号)
    sort_order      INTEGER NOT NULL
);

CREATE TABLE standard_limits (
    standard        VARCHAR NOT NULL,
    parameter       VARCHAR NOT NULL,
    water_body_type VARCHAR NOT NULL,
    class           INTEGER NOT NULL,
    limit_value     DOUBLE NOT NULL,           -- upper bound for le and range, lower bound for ge
    lower_value     DOUBLE,                    -- lower bound of a range (pH 6)
    PRIMARY KEY (standard, parameter, water_body_type, class)
);
