-- Tightness family (docs/methods.md section 4.2): registered job seekers U,
-- new vacancies V and hires H (job seekers leaving for work) per region,
-- occupation (SSYK 4) and period, from the flow tables. Job seekers of
-- every category count.
--
-- A censored cell (published "<5": n NULL, censored true) adds nothing:
-- U, V and H are sums of the known cells, and u_censored, v_censored and
-- h_censored count the censored ones. A flow whose every row in a cell is
-- censored is NULL (unknown, so suppressed), never 0; a flow without rows
-- is 0. Rows without an occupation (ssyk4 NULL, from Arbetsförmedlingen's
-- files) belong to no cell here.
CREATE OR REPLACE TEMP TABLE tightness_cells AS
WITH flows AS (
    SELECT period, region, ssyk4, n AS u, NULL::INTEGER AS v, NULL::INTEGER AS h,
           censored::INTEGER AS uc, 0 AS vc, 0 AS hc FROM jobseekers
    UNION ALL
    SELECT period, region, ssyk4, NULL, n, NULL, 0, censored::INTEGER, 0 FROM vacancies
    UNION ALL
    SELECT period, region, ssyk4, NULL, NULL, n, 0, 0, censored::INTEGER FROM hires
)
SELECT
    k.level AS region_level, k.region, f.period, CAST(f.ssyk4 AS VARCHAR) AS ssyk4,
    coalesce(sum(f.u), CASE WHEN sum(f.uc) = 0 THEN 0 END)::BIGINT AS u,
    coalesce(sum(f.v), CASE WHEN sum(f.vc) = 0 THEN 0 END)::BIGINT AS v,
    coalesce(sum(f.h), CASE WHEN sum(f.hc) = 0 THEN 0 END)::BIGINT AS h,
    sum(f.uc) AS u_censored, sum(f.vc) AS v_censored, sum(f.hc) AS h_censored
FROM flows AS f
JOIN flow_region_map AS m ON m.code = f.region
JOIN region_keys AS k ON k.region_key = m.region_key
WHERE f.ssyk4 IS NOT NULL
GROUP BY ALL;
