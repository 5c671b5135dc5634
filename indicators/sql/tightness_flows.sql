-- Tightness family (METHODS.md section 4): registered job seekers U, new
-- vacancies V and hires H (job seekers leaving for work) per region,
-- occupation (SSYK 4) and period, from the flow tables. Job seekers of
-- every category count.
CREATE OR REPLACE TEMP TABLE tightness_cells AS
WITH flows AS (
    SELECT period, region, ssyk4, n AS u, 0 AS v, 0 AS h FROM jobseekers
    UNION ALL
    SELECT period, region, ssyk4, 0, n, 0 FROM vacancies
    UNION ALL
    SELECT period, region, ssyk4, 0, 0, n FROM hires
)
SELECT
    k.level AS region_level, k.region, f.period, CAST(f.ssyk4 AS VARCHAR) AS ssyk4,
    sum(f.u)::BIGINT AS u, sum(f.v)::BIGINT AS v, sum(f.h)::BIGINT AS h
FROM flows AS f
JOIN flow_region_map AS m ON m.code = f.region
JOIN region_keys AS k ON k.region_key = m.region_key
GROUP BY ALL;
