-- params: Rows
-- The match key from a user's map file (matchmap.go reads, checks and
-- expands it to one row per education group and SSYK 4 group): matchmap,
-- with the columns of the statistical key's (statistical_key.sql), the
-- field match (helt, delvis, inte) and the level match (lagre, ratt, hogre).
-- Pairs the file does not cover are not in it: they count as not matched.
-- The rows go in chunks of 1000, one INSERT each, so no statement is huge.
CREATE OR REPLACE TEMP TABLE matchmap (
    edu_group   edu_group,
    ssyk4       ssyk4,
    field_match VARCHAR,
    level_match VARCHAR
);
{{- range .Rows.MatchMap}}
INSERT INTO matchmap VALUES {{.}};
{{- end}}
