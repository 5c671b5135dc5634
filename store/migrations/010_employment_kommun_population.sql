-- Migration 010: SCB's employees by kommun and SSYK 3 in scb_employment,
-- and SCB's RMI R1a (population by region, sex and age) typed (schema
-- version 10). Frozen; see 001_persons.sql.
--
-- scb_employment is rebuilt, keeping its rows, so that it holds YREG56
-- and YREG58 (kommun x SSYK 3 x sex, YREG56 also by SNI 2007 group) beside
-- YREG60 and YREG50 (SSYK 4): the occupation column ssyk takes SSYK 4 or
-- SSYK 3 codes (NULL for SCB's "0002" yrke okänt) and ssyk_level says
-- which level the row's table publishes, so that a table's yrke okänt
-- rows have one too. region is a kommun, a län, "00" riket, "99" SCB's
-- unknown län or "9999" its unknown kommun. sni is YREG56's SNI 2007
-- group as SCB codes it, NULL for a table without one. Every earlier row
-- came from an SSYK 4 table.

ALTER TABLE scb_employment RENAME TO scb_employment_old;

CREATE TABLE IF NOT EXISTS scb_employment (
    table_id    VARCHAR  NOT NULL,
    region      VARCHAR  NOT NULL,
    sector      VARCHAR,
    sni         VARCHAR,
    ssyk        VARCHAR,
    ssyk_level  SMALLINT NOT NULL,
    sex         sex      NOT NULL,
    year        SMALLINT NOT NULL,
    n           DOUBLE,
    status      VARCHAR,
    source      VARCHAR  NOT NULL
);
INSERT INTO scb_employment
SELECT table_id, region, sector, NULL, CAST(ssyk4 AS VARCHAR), 4, sex, year, n, status, source
FROM scb_employment_old;
DROP TABLE scb_employment_old;

-- SCB's RMI R1a (RegionInd19R1a, Folkmängd): the population by region
-- (SCB's code: "00", "FA01", "01"), sex ("1", "2"; NULL for SCB's
-- "totalt") and age (SCB's code: a single year "0".."99" or "100+"; NULL
-- for its total over every age) and year, as published. folkmangd is NULL
-- when SCB published a symbol, kept in status.
CREATE TABLE IF NOT EXISTS scb_rmi_r1a (
    table_id   VARCHAR NOT NULL,
    region     VARCHAR NOT NULL,
    sex        VARCHAR,
    age        VARCHAR,
    period     VARCHAR NOT NULL,
    folkmangd  DOUBLE,
    status     VARCHAR,
    source     VARCHAR NOT NULL
);
