-- params: Table
-- Secondary suppression, last step: a row of the family's result table
-- (Table) is suppressed when any count behind it, its numerator or its
-- denominator, is hidden; the working tables of suppress_secondary.sql go.
UPDATE {{.Table}} SET suppressed = true
WHERE row_id IN (
    SELECT rc.row_id
    FROM sup_row_counts AS rc
    JOIN sup_counts AS q USING (name, region_key, period, dims)
    WHERE q.hidden
);
DROP TABLE sup_row_counts; DROP TABLE sup_counts; DROP TABLE sup_members;
