-- Migration 002: the flow tables and graduates (schema version 2).
-- Frozen; see 001_persons.sql.

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
