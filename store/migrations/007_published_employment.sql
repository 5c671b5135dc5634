-- Migration 007: persons hold SCB's published employment cells,
-- scb_employment SCB's unknown occupation, and SCB's RMI M2 and E4 typed
-- (schema version 7). Frozen; see 001_persons.sql.
--
-- Cells from SCB's published employment tables know only the year, the
-- workplace's län (work_lan), the occupation and sex: their home_kommun,
-- work_kommun, age and birth_region are NULL, and the kommun-based
-- indicator SQL leaves them out by its joins. work_lan is NULL for every
-- other row. persons is rebuilt, as the flow tables were in 005, and
-- keeps its rows (none a published cell).

ALTER TABLE persons RENAME TO persons_old;

CREATE TABLE IF NOT EXISTS persons (
    year         SMALLINT     NOT NULL,
    person_id    BIGINT,
    home_kommun  kommun,
    work_kommun  kommun,
    work_lan     VARCHAR,                -- län code, or "99" unknown/abroad
    status       status       NOT NULL,
    ssyk4        ssyk4,
    sni          sni,
    edu_group    edu_group,
    sun_level    sun_level,
    sun_field    sun_field,
    sex          sex          NOT NULL,
    age          SMALLINT,
    birth_region birth_region,
    n            INTEGER      NOT NULL,
    source       VARCHAR      NOT NULL   -- sources.sha256 of the extract
);
INSERT INTO persons BY NAME SELECT * FROM persons_old;
DROP TABLE persons_old;

-- NULL: SCB's "0002" yrke okänt.
ALTER TABLE scb_employment ALTER COLUMN ssyk4 DROP NOT NULL;

-- SCB's RMI M2 (version 7): matchningsgrad A/(A+B+C), percent, as
-- published, keys as scb_rmi_e3's.
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

-- SCB's RMI E4 (version 7): the employed 20-64 by region, breakdown (the
-- education), field match (helt, delvis, inte, okand: SCB's ämnesmatch)
-- and level match (lagre, ratt, hogre, okand: SCB's nivåmatch), as
-- published. okand is SCB's "inte tillräckliga uppgifter". n is NULL when
-- SCB published a symbol, kept in status.
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
