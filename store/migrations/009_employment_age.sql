-- Migration 009: SCB's employees by occupation and age band, typed
-- (schema version 9). Frozen; see 001_persons.sql.
--
-- From YREG57 (län x SSYK 3 x age band x sex) and YREG51 (riket x SSYK 4
-- x SUN level x age band x sex, summed over the levels): the age structure
-- a forecast takes its replacement demand from when the employed have no
-- ages of their own (SCB's published employment cells). region is a län
-- code or "00" for a national table; ssyk an SSYK 3 or SSYK 4 code;
-- age_band "FROM-TO" ("16-24", "65-69"); sex "1" or "2", NULL when the
-- table has no sex. n is NULL when SCB published a symbol (kept in
-- status), or when a sum over the levels has a part without a number.
CREATE TABLE IF NOT EXISTS scb_employment_age (
    table_id  VARCHAR  NOT NULL,
    region    VARCHAR  NOT NULL,
    ssyk      VARCHAR  NOT NULL,
    age_band  VARCHAR  NOT NULL,
    sex       VARCHAR,
    year      SMALLINT NOT NULL,
    n         DOUBLE,
    status    VARCHAR,
    source    VARCHAR  NOT NULL
);
