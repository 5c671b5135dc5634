-- params: AgeMin, AgeMax, BySex, PanelPairs
-- Job inflows family (docs/methods.md section 3.4, SCB's E2): the employed in
-- the age band in year 2 of a pair of consecutive years, by workplace region,
-- industry (SNI 2007 section) and sex, and among them the new employed
-- (not employed, or not in the register, in year 1) and the job switchers
-- (employed both years, with another work kommun or industry division in
-- year 2; the register has no employer id, so a change of employer within
-- the same kommun and industry is not seen). Only persons with a
-- person_id can be followed. The employed without a workplace count where
-- they live.
--
-- The persons are classified one pair of years at a time, so memory holds
-- two years of the panel, not all of them.
CREATE OR REPLACE TEMP TABLE job_inflows_classified (
    year SMALLINT, kommun kommun, sni sni, sex sex, kind VARCHAR, n BIGINT
);
{{range .PanelPairs}}
INSERT INTO job_inflows_classified
WITH p AS (
    SELECT person_id, year, status, age, sex, sni, coalesce(work_kommun, home_kommun) AS kommun
    FROM persons
    WHERE person_id IS NOT NULL AND year IN ({{.}}, {{.}} + 1)
),
now AS (
    SELECT * FROM p
    WHERE year = {{.}} + 1 AND status = 'employed' AND age BETWEEN {{$.AgeMin}} AND {{$.AgeMax}}
)
SELECT n.year, n.kommun, n.sni, n.sex,
       CASE
           WHEN b.person_id IS NULL OR b.status <> 'employed'                       THEN 'new'
           WHEN b.kommun IS DISTINCT FROM n.kommun OR b.sni IS DISTINCT FROM n.sni  THEN 'switcher'
           ELSE 'stayer'
       END AS kind,
       count(*) AS n
FROM now AS n
LEFT JOIN p AS b ON b.person_id = n.person_id AND b.year = {{.}}
GROUP BY ALL;
{{end}}
CREATE OR REPLACE TEMP TABLE job_inflows_cells AS
WITH counts AS (
    SELECT c.year, r.region_key,
           coalesce(s.section, 'UNK') AS sni,
           {{if .BySex}}CAST(c.sex AS VARCHAR){{else}}'TOT'{{end}} AS sex,
           sum(c.n)                                       AS employed,
           coalesce(sum(c.n) FILTER (WHERE kind = 'new'), 0)      AS new_employed,
           coalesce(sum(c.n) FILTER (WHERE kind = 'switcher'), 0) AS switchers
    FROM job_inflows_classified AS c
    JOIN region_map AS r ON r.kommun = c.kommun
    LEFT JOIN sni_sections AS s ON s.division = CAST(c.sni AS VARCHAR)
    GROUP BY ALL
)
SELECT k.level AS region_level, k.region,
       CAST(c.year - 1 AS VARCHAR) || '-' || CAST(c.year AS VARCHAR) AS period,
       c.sni, c.sex,
       c.employed::BIGINT AS employed, c.new_employed::BIGINT AS new_employed,
       c.switchers::BIGINT AS switchers, (c.new_employed + c.switchers)::BIGINT AS inflow
FROM counts AS c
JOIN region_keys AS k USING (region_key);
DROP TABLE job_inflows_classified;
