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
    batch_id                INTEGER NOT NULL DEFAULT 0,
    -- integer surrogate keys of section_id and parameter (section_keys, parameter_keys below), set by
    -- the warehouse (bishui.db.evaluation.assign_keys) on every refresh: the evaluation groups and joins
    -- on them. Never in files, templates, downloads or the importer (bishui.db.canonical.DERIVED_COLUMNS).
    section_key             INTEGER,
    param_key               INTEGER
);

-- The integer key of every section and parameter code the readings or the sections and parameters
-- tables name: a code keeps its key for the life of the warehouse (new codes take the next ones).
CREATE TABLE section_keys (
    section_id  VARCHAR PRIMARY KEY,
    section_key INTEGER NOT NULL UNIQUE
);
CREATE TABLE parameter_keys (
    parameter VARCHAR PRIMARY KEY,
    param_key INTEGER NOT NULL UNIQUE
);
