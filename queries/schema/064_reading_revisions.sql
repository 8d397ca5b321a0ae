-- Values that were reported and later revised (issue 12: a late lab result that revises an earlier
-- value is kept as a revision, with both values and dates). readings always holds the latest value,
-- so the evaluation uses it; the superseded value lives here.
--
-- reading_revisions: one row per superseded value of a reading (natural key section_id, parameter,
--   source, sampled_at or sampled_on): value (the superseded value), reported_on (when it arrived),
--   revised_on (when the value now in readings replaced it), note. Loaded from a data directory's
--   reading_revisions.csv (bishui.db.warehouse.load_revisions). Revisions made by importing a changed value
--   with --replace are not copied here: the import keeps the replaced row in archive_readings, and
--   queries/reading_revisions.sql shows both kinds.
CREATE TABLE IF NOT EXISTS reading_revisions (
    section_id  VARCHAR NOT NULL,
    parameter   VARCHAR NOT NULL,
    sampled_on  DATE NOT NULL,
    sampled_at  TIMESTAMP,
    source      VARCHAR NOT NULL CHECK (source IN ('manual', 'auto')),
    value       DOUBLE NOT NULL,
    reported_on DATE NOT NULL,
    revised_on  DATE NOT NULL,
    note        VARCHAR,
    CHECK (revised_on >= reported_on)
);
