-- Migration 003: the outputs log (schema version 3).
-- Frozen; see 001_persons.sql.

-- Output files written from this database (lmi indicators compute, lmi
-- demo), for lmi status: what was refreshed when.
CREATE TABLE IF NOT EXISTS outputs (
    path        VARCHAR   NOT NULL,
    family      VARCHAR   NOT NULL,
    sha256      VARCHAR   NOT NULL,
    rows        BIGINT    NOT NULL,
    written_at  TIMESTAMP NOT NULL
);
