-- Findings of source tracing (溯源结论), recorded by editors on a candidate of a traced miss.
-- trace_findings:          append-only: one row per act. action 'record' states (or revises) the
--                          finding on a candidate for a miss (section, month): its confidence
--                          (suspected | probable | confirmed, as the UK Environment Agency grades
--                          reasons for not achieving good status), a note, who and when; action
--                          'undo' withdraws the record row undoes_id. The finding that stands for a
--                          (section_id, month, candidate_kind, candidate_id) is its latest record
--                          row not undone (queries/trace_findings_current.sql); the rest is history.
-- trace_finding_outfalls:  the life-cycle fields of an outfall as they were before a standing
--                          finding moved it into the 溯源 (traced) stage, kept while any finding on it
--                          stands and restored when the last one is undone (bishui.db.tracing_findings).
CREATE TABLE trace_findings (
    finding_id      INTEGER PRIMARY KEY,
    action          VARCHAR NOT NULL CHECK (action IN ('record', 'undo')),
    section_id      VARCHAR NOT NULL,
    month           DATE NOT NULL,
    parameter       VARCHAR,
    candidate_kind  VARCHAR NOT NULL CHECK (candidate_kind IN ('upstream', 'outfall', 'plant', 'overflow', 'blank_area', 'black_odorous')),
    candidate_id    VARCHAR NOT NULL,
    confidence      VARCHAR CHECK (confidence IN ('suspected', 'probable', 'confirmed')),
    note            VARCHAR,
    undoes_id       INTEGER,
    recorded_by     VARCHAR NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    CHECK ((action = 'record' AND confidence IS NOT NULL AND undoes_id IS NULL)
           OR (action = 'undo' AND undoes_id IS NOT NULL))
);

CREATE TABLE trace_finding_outfalls (
    outfall_id          VARCHAR PRIMARY KEY,
    status_before       VARCHAR NOT NULL,
    traced_on_before    DATE,
    result_before       VARCHAR,
    traced_on_set       DATE              -- the traced_on the finding set (NULL: left as it was)
);
