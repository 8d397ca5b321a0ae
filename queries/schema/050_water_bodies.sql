-- Black-odorous water bodies (黑臭水体) and their inspections.
-- water_bodies:            one row per body. status: found -> rectifying -> cleared -> closed (销号).
-- water_body_inspections:  one row per (body, inspected_on, point_no).
CREATE TABLE water_bodies (
    body_id         VARCHAR PRIMARY KEY,
    name_zh         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('urban', 'rural')),
    town_id         VARCHAR,
    status          VARCHAR NOT NULL CHECK (status IN ('found', 'rectifying', 'cleared', 'closed')),
    found_on        DATE NOT NULL,
    rectify_started_on DATE,
    cleared_on      DATE,
    closed_on       DATE,
    length_m        DOUBLE,
    lon             DOUBLE NOT NULL,
    lat             DOUBLE NOT NULL,
    batch_id        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE water_body_inspections (
    body_id             VARCHAR NOT NULL,
    inspected_on        DATE NOT NULL,
    point_no            INTEGER NOT NULL,
    transparency_cm     DOUBLE,
    do_mg_l             DOUBLE,
    orp_mv              DOUBLE,
    nh3n_mg_l           DOUBLE,
    depth_cm            DOUBLE,
    batch_id            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (body_id, inspected_on, point_no)
);
