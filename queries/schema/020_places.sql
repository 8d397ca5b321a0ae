-- Places: townships, rivers, monitoring sections. Geometry is WKB (EPSG:4326, WGS-84).
-- towns:    one row per township (镇/街道).
-- rivers:   one row per river, line geometry.
-- sections: one row per monitoring section (断面).
CREATE TABLE towns (
    town_id     VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,              -- subdistrict | town
    geom_wkb    BLOB
);

CREATE TABLE rivers (
    river_id    VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    geom_wkb    BLOB
);

CREATE TABLE sections (
    section_id          VARCHAR PRIMARY KEY,
    name_zh             VARCHAR NOT NULL,
    name_en             VARCHAR NOT NULL,
    river_id            VARCHAR,
    town_id             VARCHAR,
    control_level       VARCHAR NOT NULL CHECK (control_level IN ('national', 'provincial', 'city', 'district')),
    water_body_type     VARCHAR NOT NULL CHECK (water_body_type IN ('river', 'lake', 'reservoir')),
    target_class        INTEGER NOT NULL CHECK (target_class BETWEEN 1 AND 5),
    is_assessment       BOOLEAN NOT NULL,
    is_drinking_source  BOOLEAN NOT NULL,
    excluded_parameters VARCHAR[] NOT NULL,    -- geological-origin exclusions (e.g. ['fluoride'])
    has_auto_station    BOOLEAN NOT NULL,
    lon                 DOUBLE NOT NULL,
    lat                 DOUBLE NOT NULL
);
