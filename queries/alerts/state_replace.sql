-- Purpose: remember the conditions that hold after this import (alert_state), from the registered
--   frame current_keys.
-- Grain: one row per condition.
-- Parameters: none.
-- Columns: writes alert_state (alert_key)
DELETE FROM alert_state;
INSERT INTO alert_state SELECT alert_key FROM current_keys;
