-- Secondary suppression relations of the commuting matrix (suppress.go
-- adds them to sup_members). A matrix cell is a home region x a work
-- region of one level, so the generic relations, which match cells on
-- equal dimensions, see none. Its cells add up:
--
--   along a row, off the diagonal, to the home region's out-commuters and
--   along a column to the work region's in-commuters (published by the
--   commuting family);
--   a cell of two regions to the cells of their children at a finer nested
--   level, in both dimensions at once.
--
-- Each such sum must hide none of its cells or at least two.
CREATE OR REPLACE TEMP TABLE sup_matrix AS
SELECT c.qid, c.region_key AS home_key, w.region_key AS work_key, c.period,
       c.region_key = w.region_key AS diagonal
FROM sup_counts AS c
JOIN region_keys AS h ON h.region_key = c.region_key
JOIN region_keys AS w ON w.level_id = h.level_id AND w.region = c.dims;

INSERT INTO sup_members
SELECT hash('matrix-row', home_key, period), qid FROM sup_matrix WHERE NOT diagonal;

INSERT INTO sup_members
SELECT hash('matrix-column', work_key, period), qid FROM sup_matrix WHERE NOT diagonal;

INSERT INTO sup_members
SELECT DISTINCT hash('matrix-nest', nh.child_level, p.qid), x.qid
FROM sup_matrix AS p
JOIN region_nesting AS nh ON nh.parent_key = p.home_key
JOIN region_nesting AS nw ON nw.parent_key = p.work_key AND nw.child_level = nh.child_level
JOIN sup_matrix AS c
  ON c.home_key = nh.child_key AND c.work_key = nw.child_key AND c.period = p.period
CROSS JOIN LATERAL (VALUES (p.qid), (c.qid)) AS x(qid);

DROP TABLE sup_matrix;
