-- The first row where two Parquet files differ, for lmi verify's report
-- (verify.go): $1 the run folder's file, $2 the re-run's. A row is
-- compared with its position in its file (file_row_number, from 0), so a
-- row moved elsewhere differs too. The rows of either file that the other
-- lacks (EXCEPT ALL: a duplicate counts as often as it occurs) give their
-- positions; the smallest is the answer, NULL when there is none (the
-- files hold the same rows and differ in encoding or metadata only).
WITH a AS (SELECT * FROM read_parquet($1, file_row_number = true)),
     b AS (SELECT * FROM read_parquet($2, file_row_number = true))
SELECT min(file_row_number)
FROM (
    (SELECT * FROM a EXCEPT ALL SELECT * FROM b)
    UNION ALL
    (SELECT * FROM b EXCEPT ALL SELECT * FROM a)
)
