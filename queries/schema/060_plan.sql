-- The 2023 work plan: targets and their progress, the 15 tasks and their updates, projects,
-- eco-compensation rules.
-- targets:            one row per (target_id, year): the plan's targets S1..O1, F1/F2 live in compensation_rules.
-- target_progress:    one row per (target_id, town_id or '', period): measures reported by people
--                     (villages done, manure utilisation rate, ...) that the warehouse cannot compute.
-- tasks:              one row per task (1..15).
-- task_updates:       one row per (task_no, updated_on, town_id or '').
-- projects:           one row per water-pollution project (task 7).
-- compensation_rules: one row per (rule_id, section): F1 fixed amount per failing month, F2 base x weight.
CREATE TABLE targets (
    target_id       VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    title_zh        VARCHAR NOT NULL,
    title_en        VARCHAR NOT NULL,
    measure         VARCHAR NOT NULL,          -- how the measure is computed (code in bishui.rules.targets)
    goal_value      DOUBLE,
    direction       VARCHAR NOT NULL CHECK (direction IN ('le', 'ge')),
    unit            VARCHAR,
    deadline        DATE NOT NULL,
    is_per_town     BOOLEAN NOT NULL,
    owner_zh        VARCHAR,
    owner_en        VARCHAR,
    PRIMARY KEY (target_id, year)
);

CREATE TABLE target_progress (
    target_id   VARCHAR NOT NULL,
    town_id     VARCHAR NOT NULL DEFAULT '',   -- '' for district-wide
    period      DATE NOT NULL,                 -- first day of the month reported
    value       DOUBLE NOT NULL,
    note        VARCHAR,
    reported_on DATE,
    batch_id    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (target_id, town_id, period)
);

CREATE TABLE tasks (
    task_no             INTEGER PRIMARY KEY,
    title_zh            VARCHAR NOT NULL,
    title_en            VARCHAR NOT NULL,
    lead_units          VARCHAR NOT NULL,      -- ';'-separated
    responsible_units   VARCHAR NOT NULL,      -- ';'-separated (townships by name)
    deadline            DATE NOT NULL,
    lead_units_en       VARCHAR,               -- the same units in English, ';'-separated (NULL: shown as is)
    responsible_units_en VARCHAR
);

CREATE TABLE task_updates (
    task_no         INTEGER NOT NULL,
    updated_on      DATE NOT NULL,
    town_id         VARCHAR NOT NULL DEFAULT '',
    status          VARCHAR NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
    progress_pct    DOUBLE,
    note_zh         VARCHAR,
    reported_by     VARCHAR,
    batch_id        INTEGER NOT NULL DEFAULT 0,
    note_en         VARCHAR,                   -- English note and reporting unit (NULL: shown as is)
    reported_by_en  VARCHAR,
    PRIMARY KEY (task_no, updated_on, town_id)
);

CREATE TABLE projects (
    project_id      VARCHAR PRIMARY KEY,
    name_zh         VARCHAR NOT NULL,
    task_no         INTEGER,
    town_id         VARCHAR,
    budget_cny      DOUBLE NOT NULL,
    spent_cny       DOUBLE NOT NULL,
    completion_pct  DOUBLE NOT NULL,
    start_on        DATE,
    due_on          DATE,
    name_en         VARCHAR                    -- NULL: the Chinese name is shown
);

CREATE TABLE compensation_rules (
    rule_id         VARCHAR NOT NULL,          -- F1 | F2
    section_id      VARCHAR NOT NULL,
    threshold_class INTEGER,                   -- NULL: the section's own target class
    amount_cny      DOUBLE,                    -- fixed amount per failing month (F1)
    base_amount_cny DOUBLE,                    -- F2: base amount x weight
    weight          DOUBLE,
    payer_zh        VARCHAR NOT NULL,
    payer_en        VARCHAR NOT NULL,
    payee_zh        VARCHAR NOT NULL,
    payee_en        VARCHAR NOT NULL,
    valid_from      DATE NOT NULL,
    valid_to        DATE,
    PRIMARY KEY (rule_id, section_id, valid_from)
);
