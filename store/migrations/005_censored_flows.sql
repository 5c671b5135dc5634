-- Migration 005: the flow tables hold censored counts and rows without an
-- occupation (schema version 5). Frozen; see 001_persons.sql.
--
-- A count published censored ("<5") is kept as censored, never as a
-- number: n is NULL exactly when censored is true. ssyk4 is NULL for rows
-- that are not broken down by occupation or whose occupation could not be
-- mapped to SSYK (Arbetsförmedlingen's statistics sheets and job ads);
-- they count in region totals only.
--
-- The tables are rebuilt rather than altered: DuckDB cannot add a NOT
-- NULL column or a CHECK constraint to an existing table, and an added
-- column would land after source, so a migrated file would differ in
-- layout from a new one. Their rows are kept (none censored).

ALTER TABLE jobseekers RENAME TO jobseekers_old;
ALTER TABLE hires RENAME TO hires_old;
ALTER TABLE vacancies RENAME TO vacancies_old;

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

INSERT INTO jobseekers BY NAME SELECT * FROM jobseekers_old;
DROP TABLE jobseekers_old;
INSERT INTO hires BY NAME SELECT * FROM hires_old;
DROP TABLE hires_old;
INSERT INTO vacancies BY NAME SELECT * FROM vacancies_old;
DROP TABLE vacancies_old;
