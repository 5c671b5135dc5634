-- Secondary suppression, one pass of the rule (suppress_secondary.sql
-- built the counts and relations): in every relation with exactly one
-- hidden member and some open ones, hide the smallest open member, ties
-- broken by qid so that every run picks the same. suppress.go repeats the
-- pass until it hides nothing more; a count hidden for one relation may
-- leave another with one hidden member.
WITH tally AS (
    SELECT m.rid,
           count(*) FILTER (WHERE q.hidden)     AS hidden,
           count(*) FILTER (WHERE NOT q.hidden) AS open
    FROM sup_members AS m JOIN sup_counts AS q USING (qid)
    GROUP BY m.rid
),
lonely AS (SELECT rid FROM tally WHERE hidden = 1 AND open > 0),
pick AS (
    SELECT m.rid, min_by(q.qid, (q.value, q.qid)) AS qid
    FROM sup_members AS m JOIN sup_counts AS q USING (qid) JOIN lonely USING (rid)
    WHERE NOT q.hidden
    GROUP BY m.rid
)
UPDATE sup_counts SET hidden = true WHERE qid IN (SELECT qid FROM pick)
