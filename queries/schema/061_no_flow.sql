-- Months a section could not be sampled (see 062_completeness.sql, which builds on it).
--
-- no_flow_months: one row per section and month that could not be sampled because the river was
--   dry (断流), frozen (冰封) or for another recorded reason: reason_code dry | frozen | other, note.
--   Loaded from data/sample/no_flow_months.csv (or a dataset's) when present.
CREATE TABLE IF NOT EXISTS no_flow_months (
    section_id  VARCHAR NOT NULL,
    month       DATE NOT NULL,               -- first day of the month
    reason_code VARCHAR NOT NULL CHECK (reason_code IN ('dry', 'frozen', 'other')),
    note        VARCHAR,
    PRIMARY KEY (section_id, month)
);
