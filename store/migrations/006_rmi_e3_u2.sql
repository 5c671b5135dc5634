-- Migration 006: SCB's RMI E3 and U2, typed (schema version 6).
-- Frozen; see 001_persons.sql.

-- SCB's regional matching indicators (RMI, AM9906), typed, SCB's numbers as
-- published (version 6). E3: the employed fully, partly, not matched and
-- with too little information (A-D), the adjusted population E, and SCB's
-- förvärvsgrad (A+B+C)/E, matchad förvärvsgrad A/E and their difference,
-- in percent. U2: who lives and works in the region, in- and out-commuters,
-- the day and night populations. region is SCB's code ("00", "FA01",
-- "01"); breakdown joins the other dimensions' codes ("Utbildning=...,
-- Kon=..."). A measure without a number is NULL, SCB's symbol kept in
-- status as "measure=symbol" pairs.
CREATE TABLE IF NOT EXISTS scb_rmi_e3 (
    table_id              VARCHAR NOT NULL,
    region                VARCHAR NOT NULL,
    breakdown             VARCHAR NOT NULL,
    breakdown_label       VARCHAR NOT NULL,
    period                VARCHAR NOT NULL,
    a                     DOUBLE,
    b                     DOUBLE,
    c                     DOUBLE,
    d                     DOUBLE,
    e                     DOUBLE,
    forvarvsgrad          DOUBLE,
    matchad_forvarvsgrad  DOUBLE,
    skillnad              DOUBLE,
    status                VARCHAR,
    source                VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS scb_rmi_u2 (
    table_id         VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    breakdown        VARCHAR NOT NULL,
    breakdown_label  VARCHAR NOT NULL,
    period           VARCHAR NOT NULL,
    bor_och_arbetar  DOUBLE,
    inpendlare       DOUBLE,
    utpendlare       DOUBLE,
    dagbefolkning    DOUBLE,
    nattbefolkning   DOUBLE,
    status           VARCHAR,
    source           VARCHAR NOT NULL
);
