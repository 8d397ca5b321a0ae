-- Warehouse bookkeeping.
-- import_batches: one row per import batch (batch 0 = the build from data/sample or a data set).
-- warehouse_meta: key/value facts about this warehouse (is_sample, built_at, source_dir).
CREATE TABLE import_batches (
    batch_id        INTEGER PRIMARY KEY,
    imported_at     TIMESTAMP NOT NULL,
    imported_by     VARCHAR,
    file_name       VARCHAR NOT NULL,
    file_hash       VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    rows_added      INTEGER NOT NULL,
    rows_replaced   INTEGER NOT NULL,
    rows_rejected   INTEGER NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('applied', 'undone'))
);

CREATE TABLE warehouse_meta (
    key     VARCHAR PRIMARY KEY,
    value   VARCHAR
);
