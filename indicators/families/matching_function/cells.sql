-- params: Rows
-- The matching_function family's cells (matchfn.go fits the model in Go
-- and builds the rows): per level with flows for two regions or more, one
-- row per term (a, b, a_plus_b, crs_t, crs_p and r_squared at region '*';
-- efficiency per region) with the estimate, its standard error (NULL
-- where there is none) and the number of observations. Each row is its
-- own INSERT, so that each literal is cast to DOUBLE on its own (a VALUES
-- list of several rows would first give a column's literals one type).
CREATE OR REPLACE TEMP TABLE matching_function_cells (
    region_level VARCHAR,
    region       VARCHAR,
    period       VARCHAR, -- the months of the flows, "2019-01/2023-12"
    term         VARCHAR,
    estimate     DOUBLE,
    std_error    DOUBLE,
    n            BIGINT
);
{{- range .Rows.MatchingFunction}}
INSERT INTO matching_function_cells VALUES {{.}};
{{- end}}
