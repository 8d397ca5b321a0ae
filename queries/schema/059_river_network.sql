-- The river network and positions along rivers, used by source tracing (bishui.rules.tracing).
-- river_network:   one row per river that has network data: the river it flows into (NULL: leaves
--                  the district / terminal), the point of the confluence as km from the receiving
--                  river's start (NULL: computed from the geometry, the river's mouth projected onto
--                  the receiving river), and how its line is drawn: 'downstream' (first vertex at the
--                  source) or 'upstream' (first vertex at the mouth). Rivers without a row are
--                  terminal and drawn downstream.
-- river_positions: one row per (object_kind, object_id): an imported position along a river (km from
--                  the river's start), used when the river line is missing or the geometry misleads
--                  (a plant's discharge point is not where the plant stands). object_kind: section |
--                  outfall | plant | overflow | blank_area | black_odorous. Positions not imported
--                  are computed from the geometry.
-- Both are import kinds (bishui.db.canonical.KINDS: river_network, river_positions): built from the optional
-- files river_network.csv and river_positions.csv of a data directory, imported through the Data page
-- and `python -m bishui import` like every other kind.
CREATE TABLE river_network (
    river_id            VARCHAR PRIMARY KEY,
    flows_into_id       VARCHAR,
    confluence_km       DOUBLE,
    line_drawn          VARCHAR NOT NULL DEFAULT 'downstream' CHECK (line_drawn IN ('downstream', 'upstream'))
);

CREATE TABLE river_positions (
    object_kind         VARCHAR NOT NULL CHECK (object_kind IN ('section', 'outfall', 'plant', 'overflow', 'blank_area', 'black_odorous')),
    object_id           VARCHAR NOT NULL,
    river_id            VARCHAR NOT NULL,
    km                  DOUBLE NOT NULL,
    PRIMARY KEY (object_kind, object_id)
);
