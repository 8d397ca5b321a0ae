-- Alerts after an import (issue 12 item 7; bishui/db/alerts.py). Idempotent: bishui.db.alerts applies this
-- file to warehouses built before it existed.
-- alerts:       one row per new condition found after an import batch: kind miss (a section-month
--               whose class misses its target; is_provisional when the month was not over at
--               created_at), exceedance_outfall (an outfall inspection above its limit),
--               exceedance_plant (a plant's monthly effluent above GB 18918 grade 1A), silent (an
--               automatic station without data for the silent threshold). subject_id: the section,
--               outfall or plant; period: the month (YYYY-MM), inspection date or last reading time;
--               params_json: the values the message is written from. push_status: none (no channel
--               configured) | pending | sent | failed; push_detail: JSON per channel {ok, attempts, error}.
-- alert_state:  the conditions (alert_key) that held after the last import: what the next import's
--               conditions are compared with ("new since the last import").
-- alert_runs:   one row per import batch the alerts were computed for.
CREATE TABLE IF NOT EXISTS alerts (
    alert_id        INTEGER NOT NULL,
    batch_id        INTEGER NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('miss', 'exceedance_outfall', 'exceedance_plant', 'silent')),
    subject_id      VARCHAR NOT NULL,
    period          VARCHAR,
    parameter       VARCHAR,
    is_provisional  BOOLEAN NOT NULL DEFAULT false,
    alert_key       VARCHAR NOT NULL,
    params_json     VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    push_status     VARCHAR NOT NULL DEFAULT 'none' CHECK (push_status IN ('none', 'pending', 'sent', 'failed')),
    push_attempts   INTEGER NOT NULL DEFAULT 0,
    push_detail     VARCHAR,
    pushed_at       TIMESTAMP
);

CREATE TABLE IF NOT EXISTS alert_state (
    alert_key   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS alert_runs (
    batch_id    INTEGER NOT NULL,
    run_at      TIMESTAMP NOT NULL,
    n_alerts    INTEGER NOT NULL
);
