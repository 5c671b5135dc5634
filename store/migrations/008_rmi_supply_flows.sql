-- Migration 008: SCB's RMI U1a, U1b, U3 and E2B, typed (schema version 8).
-- Frozen; see 001_persons.sql.
--
-- Version 7 was written by three layouts: scb_rmi_e4 and scb_rmi_m2 came
-- after the first. A version 7 file without them gets them here, as 007
-- lays them out.

CREATE TABLE IF NOT EXISTS scb_rmi_e4 (
    table_id         VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    breakdown        VARCHAR NOT NULL,
    breakdown_label  VARCHAR NOT NULL,
    period           VARCHAR NOT NULL,
    field_match      VARCHAR NOT NULL,
    level_match      VARCHAR NOT NULL,
    n                DOUBLE,
    status           VARCHAR,
    source           VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS scb_rmi_m2 (
    table_id         VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    breakdown        VARCHAR NOT NULL,
    breakdown_label  VARCHAR NOT NULL,
    period           VARCHAR NOT NULL,
    matchningsgrad   DOUBLE,
    status           VARCHAR,
    source           VARCHAR NOT NULL
);

-- SCB's RMI U1a, U1b, U3 and E2B (version 8), as published, keys as
-- scb_rmi_e3's (breakdown: the education group and sex; for E2B the
-- industry and sex). U1a: the employed A (of whom working students,
-- employees, the self-employed), the registered unemployed B, those
-- outside the labour force C (students, others) and the total A+B+C.
CREATE TABLE IF NOT EXISTS scb_rmi_u1a (
    table_id                     VARCHAR NOT NULL,
    region                       VARCHAR NOT NULL,
    breakdown                    VARCHAR NOT NULL,
    breakdown_label              VARCHAR NOT NULL,
    period                       VARCHAR NOT NULL,
    forvarvsarbetande            DOUBLE,
    studerande_forvarvsarbetande DOUBLE,
    anstallda                    DOUBLE,
    egenforetagare               DOUBLE,
    inskrivna_arbetslosa         DOUBLE,
    inte_i_arbetskraften         DOUBLE,
    studerande                   DOUBLE,
    ovriga                       DOUBLE,
    totalt                       DOUBLE,
    status                       VARCHAR,
    source                       VARCHAR NOT NULL
);

-- U1b: in and outside the labour force, and the total.
CREATE TABLE IF NOT EXISTS scb_rmi_u1b (
    table_id              VARCHAR NOT NULL,
    region                VARCHAR NOT NULL,
    breakdown             VARCHAR NOT NULL,
    breakdown_label       VARCHAR NOT NULL,
    period                VARCHAR NOT NULL,
    i_arbetskraften       DOUBLE,
    inte_i_arbetskraften  DOUBLE,
    totalt                DOUBLE,
    status                VARCHAR,
    source                VARCHAR NOT NULL
);

-- U3: the population 18-64 in the first and second year of the period (a
-- pair of years, "2021-2022"), the net change and its parts: age entries
-- (turning 18) and exits (turning 65), in- and out-movers, graduates and
-- those re-classified by further education, each as SCB signs it.
CREATE TABLE IF NOT EXISTS scb_rmi_u3 (
    table_id         VARCHAR NOT NULL,
    region           VARCHAR NOT NULL,
    breakdown        VARCHAR NOT NULL,
    breakdown_label  VARCHAR NOT NULL,
    period           VARCHAR NOT NULL,
    befolkning_ar1   DOUBLE,
    befolkning_ar2   DOUBLE,
    nettoforandring  DOUBLE,
    aldersintraden   DOUBLE,
    aldersutraden    DOUBLE,
    inflyttare       DOUBLE,
    utflyttare       DOUBLE,
    examinerade      DOUBLE,
    vidareutbildade  DOUBLE,
    status           VARCHAR,
    source           VARCHAR NOT NULL
);

-- E2B: the job inflow by industry (SNI 2007 groups) over a pair of years:
-- new employed, job switchers and their total, and each as a percent of
-- employment.
CREATE TABLE IF NOT EXISTS scb_rmi_e2b (
    table_id                     VARCHAR NOT NULL,
    region                       VARCHAR NOT NULL,
    breakdown                    VARCHAR NOT NULL,
    breakdown_label              VARCHAR NOT NULL,
    period                       VARCHAR NOT NULL,
    nya_forvarvsarbetande        DOUBLE,
    jobbytare                    DOUBLE,
    jobbinflode                  DOUBLE,
    andel_nya_forvarvsarbetande  DOUBLE,
    andel_jobbytare              DOUBLE,
    andel_jobbinflode            DOUBLE,
    status                       VARCHAR,
    source                       VARCHAR NOT NULL
);
