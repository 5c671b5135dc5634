-- params: Table
-- The end of suppression for a family's result table (Table): once primary
-- (suppress.sql) and secondary suppression (suppress_secondary*.sql, and
-- a family's rules after it) have flagged the rows, a suppressed row keeps
-- its keys and loses every number. row_id, which only identified the rows
-- meanwhile, goes.
UPDATE {{.Table}}
SET value = NULL, numerator = NULL, denominator = NULL, n = NULL
WHERE suppressed;
ALTER TABLE {{.Table}} DROP COLUMN row_id;
