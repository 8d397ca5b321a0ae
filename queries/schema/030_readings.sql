-- Monitoring results.
-- readings: one row per (section, parameter, source, sampled_at or sampled_on).
--   value is NULL when below_detection_limit; the evaluation uses detection_limit / 2 then.
--   Rows are kept sorted by (section_id, parameter, sampled_on) for fast trend queries.
CREATE TABLE readings (
    section_id              VARCHAR NOT NULL,
    parameter               VARCHAR NOT NULL,
    sampled_on              DATE NOT NULL,
    sampled_at              TIMESTAMP,         -- automatic stations only
    value                   DOUBLE,
    below_detection_limit   BOOLEAN NOT NULL DEFAULT false,
    detection_limit         DOUBLE,
    source                  VARCHAR NOT NULL CHECK (source IN ('manual', 'auto')),
    batch_id                INTEGER NOT NULL DEFAULT 0
);
