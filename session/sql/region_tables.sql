-- The regions of a computation, from the requested levels and groupings
-- (regions.go builds the rows from the code lists):
--
--   region_keys: one row per region of every level (level_id its place
--   among the requested levels), plus one row per level for all of its
--   regions (region '*', for indicators computed across regions) to which
--   no kommun maps;
--   region_map: one row per kommun and level, the kommun's region there.
--
-- Counting joins persons to region_map on the kommun ENUM and groups on
-- the integer key; the names come back from region_keys only for the
-- small cell tables.
CREATE OR REPLACE TEMP TABLE region_keys (
    region_key  INTEGER,
    level_id    INTEGER,
    level       VARCHAR,
    region      VARCHAR,
    region_name VARCHAR
);
CREATE OR REPLACE TEMP TABLE region_map (region_key INTEGER, level_id INTEGER, kommun kommun);
INSERT INTO region_keys VALUES {{.RegionKeys}};
{{- if .RegionMap}}
INSERT INTO region_map VALUES {{.RegionMap}};
{{- end}}
