-- Migration 004: published tables and assessments (schema version 4).
-- Frozen; see 001_persons.sql.

-- Published statistical tables as the agency printed them (SCB's PX-Web
-- tables, PC-Axis files, CSV downloads): one row per cell, its dimension
-- codes and value codes and labels in order, the number or the symbol
-- printed instead.
CREATE TABLE IF NOT EXISTS published_cells (
    table_id    VARCHAR   NOT NULL,
    title       VARCHAR,
    dimensions  VARCHAR[] NOT NULL,
    codes       VARCHAR[] NOT NULL,
    labels      VARCHAR[] NOT NULL,
    value       DOUBLE,
    status      VARCHAR,
    source      VARCHAR   NOT NULL
);

-- SCB's employees by occupation (Yrkesregistret, YREG50/60 and kin),
-- typed, with the published numbers kept for comparison.
CREATE TABLE IF NOT EXISTS scb_employment (
    table_id  VARCHAR  NOT NULL,
    region    VARCHAR  NOT NULL,   -- län, "99" unknown, "00" national
    sector    VARCHAR,
    ssyk4     ssyk4    NOT NULL,
    sex       sex      NOT NULL,
    year      SMALLINT NOT NULL,
    n         DOUBLE,
    status    VARCHAR,
    source    VARCHAR  NOT NULL
);

-- Published occupational assessments (Arbetsförmedlingen's yrkesbarometer,
-- bristindex, yrkesprognoser): one row per occupation, region and measure.
CREATE TABLE IF NOT EXISTS assessments (
    publisher     VARCHAR  NOT NULL,  -- yrkesbarometer, bristindex, ...
    round         VARCHAR  NOT NULL,
    region        VARCHAR  NOT NULL,
    region_level  VARCHAR  NOT NULL,
    occupation    VARCHAR  NOT NULL,
    measure       VARCHAR  NOT NULL,
    value         DOUBLE,
    class         SMALLINT,
    label         VARCHAR,
    source        VARCHAR  NOT NULL
);

-- The publishers' occupations and the SSYK 4 groups they cover.
CREATE TABLE IF NOT EXISTS occupation_map (
    publisher   VARCHAR NOT NULL,
    occupation  VARCHAR NOT NULL,
    label       VARCHAR,
    ssyk4       ssyk4   NOT NULL,
    partial     BOOLEAN NOT NULL,
    published   VARCHAR,
    source      VARCHAR NOT NULL
);
