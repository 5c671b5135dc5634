-- lmi store schema, version 7.
-- The ENUM types (kommun, ssyk4, ...) are created before this file runs,
-- from the embedded code lists, so an invalid code can never be stored.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- One row per loaded extract. Reloading a file with the same SHA-256 is a
-- no-op, so the hash is the key.
CREATE TABLE IF NOT EXISTS sources (
    sha256        VARCHAR PRIMARY KEY,
    file          VARCHAR NOT NULL,   -- path as given when loaded
    format        VARCHAR NOT NULL,   -- csv, parquet, ...
    target        VARCHAR NOT NULL,   -- canonical table loaded into
    table_id      VARCHAR,            -- the source's own table id, if any
    last_updated  VARCHAR,            -- the source's "last updated", if known
    rows_read     BIGINT  NOT NULL,
    rows_loaded   BIGINT  NOT NULL,
    rows_rejected BIGINT  NOT NULL,
    loaded_at     TIMESTAMP NOT NULL
);

-- Register microdata or weighted cells: one row per person (or cell) and year.
-- Cells from SCB's published employment tables (version 7) know only the
-- year, the workplace's län (work_lan), the occupation and sex: their
-- home_kommun, work_kommun, age and birth_region are NULL, and the kommun-
-- based indicator SQL leaves them out by its joins. work_lan is NULL for
-- every other row.
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

-- The flow tables (version 5). A count published censored ("<5") is kept
-- as censored, never as a number: n is NULL exactly when censored is true.
-- ssyk4 is NULL for rows that are not broken down by occupation or whose
-- occupation could not be mapped to SSYK (Arbetsförmedlingen's statistics
-- sheets and job ads); they count in region totals only.

-- Registered job seekers by period ("2024", "2024K1", "2024-01"), region
-- (län or kommun code), sought occupation and category.
CREATE TABLE IF NOT EXISTS jobseekers (
    period    VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    ssyk4     ssyk4,
    category  VARCHAR NOT NULL,
    n         INTEGER,
    censored  BOOLEAN NOT NULL DEFAULT false,
    source    VARCHAR NOT NULL,
    CHECK (censored = (n IS NULL))
);

-- Job seekers leaving for work.
CREATE TABLE IF NOT EXISTS hires (
    period    VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    ssyk4     ssyk4,
    n         INTEGER,
    censored  BOOLEAN NOT NULL DEFAULT false,
    source    VARCHAR NOT NULL,
    CHECK (censored = (n IS NULL))
);

-- Newly registered vacancies.
CREATE TABLE IF NOT EXISTS vacancies (
    period    VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    ssyk4     ssyk4,
    n         INTEGER,
    censored  BOOLEAN NOT NULL DEFAULT false,
    source    VARCHAR NOT NULL,
    CHECK (censored = (n IS NULL))
);

-- Graduates by year, region and education group.
CREATE TABLE IF NOT EXISTS graduates (
    year      SMALLINT  NOT NULL,
    region    VARCHAR   NOT NULL,
    edu_group edu_group NOT NULL,
    n         INTEGER   NOT NULL,
    source    VARCHAR   NOT NULL
);

-- Output files written from this database (lmi indicators compute, lmi
-- demo), for lmi status: what was refreshed when.
CREATE TABLE IF NOT EXISTS outputs (
    path        VARCHAR   NOT NULL,
    family      VARCHAR   NOT NULL,
    sha256      VARCHAR   NOT NULL,
    rows        BIGINT    NOT NULL,
    written_at  TIMESTAMP NOT NULL
);

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
    ssyk4     ssyk4,               -- NULL: SCB's "0002" yrke okänt (version 7)
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
