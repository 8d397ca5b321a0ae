-- Pollution sources: river outfalls and their inspections, pipes, facilities, plant effluent,
-- network blank areas.
-- outfalls:            one row per outfall (入河排污口). status: surveyed (排查) -> monitored (监测)
--                      -> traced (溯源) -> rectifying (整治) -> closed (销号).
--                      remediation: ban (取缔) | merge (合并) | regularise (规范), set from tracing on.
--                      approval_state: approved (审批) | registered (登记) | pending | none.
-- outfall_inspections: one row per (outfall, inspected_on, parameter).
-- pipes:               one row per pipe segment; was_combined + separated_on give the separation history.
-- facilities:          one row per WWTP, pump station or known overflow point.
-- plant_effluent:      one row per (plant, month): monthly mean effluent.
-- network_blank_areas: one row per pipe-network blank area (管网空白区).
CREATE TABLE outfalls (
    outfall_id              VARCHAR PRIMARY KEY,
    name_zh                 VARCHAR NOT NULL,
    category                VARCHAR NOT NULL,  -- HJ 1312 level 1: industrial | urban_wwtp | agricultural | other
    sub_type                VARCHAR NOT NULL,  -- HJ 1312 level 2/3 code (data/reference/outfall_types.csv)
    river_id                VARCHAR,
    town_id                 VARCHAR,
    lon                     DOUBLE NOT NULL,
    lat                     DOUBLE NOT NULL,
    status                  VARCHAR NOT NULL CHECK (status IN ('surveyed', 'monitored', 'traced', 'rectifying', 'closed')),
    remediation             VARCHAR CHECK (remediation IN ('ban', 'merge', 'regularise')),
    approval_state          VARCHAR NOT NULL CHECK (approval_state IN ('approved', 'registered', 'pending', 'none')),
    is_direct_sewage        BOOLEAN NOT NULL,  -- domestic-sewage direct outfall (生活污水直排口)
    responsible_unit        VARCHAR,
    tracing_result          VARCHAR,
    discovered_on           DATE NOT NULL,
    traced_on               DATE,
    rectification_deadline  DATE,
    rectified_on            DATE,
    closed_on               DATE,
    batch_id                INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE outfall_inspections (
    outfall_id      VARCHAR NOT NULL,
    inspected_on    DATE NOT NULL,
    parameter       VARCHAR NOT NULL,
    value           DOUBLE,                    -- NULL when there was no flow
    limit_value     DOUBLE,                    -- the limit that applies to this outfall
    has_flow        BOOLEAN NOT NULL,
    batch_id        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (outfall_id, inspected_on, parameter)
);

CREATE TABLE pipes (
    pipe_id             VARCHAR PRIMARY KEY,
    kind                VARCHAR NOT NULL CHECK (kind IN ('rain', 'sewage', 'combined')),
    was_combined        BOOLEAN NOT NULL,
    diameter_mm         INTEGER,
    length_m            DOUBLE NOT NULL,
    town_id             VARCHAR,
    road_zh             VARCHAR,
    retrofit_status     VARCHAR NOT NULL CHECK (retrofit_status IN ('none', 'planned', 'in_progress', 'done')),
    retrofit_started_on DATE,
    separated_on        DATE,
    geom_wkb            BLOB,
    batch_id            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE facilities (
    facility_id         VARCHAR PRIMARY KEY,
    kind                VARCHAR NOT NULL CHECK (kind IN ('wwtp', 'pump_station', 'overflow_point')),
    name_zh             VARCHAR NOT NULL,
    name_en             VARCHAR NOT NULL,
    town_id             VARCHAR,
    capacity_m3_d       DOUBLE,
    status              VARCHAR NOT NULL CHECK (status IN ('operating', 'under_construction', 'closed')),
    built_on            DATE,
    commissioned_on     DATE,
    lon                 DOUBLE NOT NULL,
    lat                 DOUBLE NOT NULL
);

CREATE TABLE plant_effluent (
    facility_id     VARCHAR NOT NULL,
    month           DATE NOT NULL,             -- first day of the month
    cod_mg_l        DOUBLE,
    bod5_mg_l       DOUBLE,
    nh3n_mg_l       DOUBLE,
    tp_mg_l         DOUBLE,
    tn_mg_l         DOUBLE,
    ss_mg_l         DOUBLE,
    flow_m3_d       DOUBLE,
    water_temp_c    DOUBLE,
    batch_id        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (facility_id, month)
);

CREATE TABLE network_blank_areas (
    area_id     VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    town_id     VARCHAR,
    found_on    DATE NOT NULL,
    closed_on   DATE,
    lon         DOUBLE NOT NULL,
    lat         DOUBLE NOT NULL
);
