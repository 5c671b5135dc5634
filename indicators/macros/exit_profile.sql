-- params: Rows
-- exit_profile (age, within_h): the probability that an employed person
-- of each age 0..120 leaves working life within the horizon, for the
-- age-structure and shortage cells. exits.go computes it from the exit
-- rates (exit_rates.sql, or the default profile where the panel is thin).
CREATE OR REPLACE TEMP TABLE exit_profile (age SMALLINT, within_h DOUBLE);
INSERT INTO exit_profile VALUES {{.Rows.ExitProfile}};
