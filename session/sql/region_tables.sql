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

-- region_units: the ways to make each region of the units a published
-- table gives its numbers for (regions.go, unitOptions): rank 0 the
-- region's own row (unit_level 'own': a kommun, län, FA region or riket
-- '00' as SCB codes it), 1 the whole län it is made of, 2 the whole FA
-- regions, 3 its kommuner. A computation over a published table takes,
-- per region, the first way whose units the table has (macros/units.sql).
CREATE OR REPLACE TEMP TABLE region_units (region_key INTEGER, rank INTEGER, unit_level VARCHAR, unit VARCHAR);
{{- if .RegionUnits}}
INSERT INTO region_units VALUES {{.RegionUnits}};
{{- end}}
