-- lmi store schema, version 3.
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
CREATE TABLE IF NOT EXISTS persons (
    year         SMALLINT     NOT NULL,
    person_id    BIGINT,
    home_kommun  kommun       NOT NULL,
    work_kommun  kommun,
    status       status       NOT NULL,
    ssyk4        ssyk4,
    sni          sni,
    edu_group    edu_group,
    sun_level    sun_level,
    sun_field    sun_field,
    sex          sex          NOT NULL,
    age          SMALLINT     NOT NULL,
    birth_region birth_region NOT NULL,
    n            INTEGER      NOT NULL,
    source       VARCHAR      NOT NULL   -- sources.sha256 of the extract
);

-- Registered job seekers by period ("2024", "2024K1", "2024-01"), region
-- (län or kommun code), sought occupation and category.
CREATE TABLE IF NOT EXISTS jobseekers (
    period    VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    ssyk4     ssyk4   NOT NULL,
    category  VARCHAR NOT NULL,
    n         INTEGER NOT NULL,
    source    VARCHAR NOT NULL
);

-- Job seekers leaving for work.
CREATE TABLE IF NOT EXISTS hires (
    period    VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    ssyk4     ssyk4   NOT NULL,
    n         INTEGER NOT NULL,
    source    VARCHAR NOT NULL
);

-- Newly registered vacancies.
CREATE TABLE IF NOT EXISTS vacancies (
    period    VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    ssyk4     ssyk4   NOT NULL,
    n         INTEGER NOT NULL,
    source    VARCHAR NOT NULL
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
