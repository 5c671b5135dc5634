-- params: Alphas
-- Mismatch family (docs/methods.md section 4.4), per period, from job seekers
-- U, new vacancies V and employment E by region and occupation (SSYK 4):
--
--   Jackman-Roper      JR   = 0.5 * sum |u_i - v_i|, u_i = U_i/U, v_i = V_i/V
--   Layard-Nickell-Jackman LNJ = 0.5 * var(r_i / r), weighted by labour-force
--                         shares l_i = L_i/L, r_i = U_i/L_i, L_i = E_i + U_i
--   Sahin-Song-Topa-Violante M_a = 1 - sum v_i^a u_i^(1-a), equal
--                         efficiencies, for each a in the alpha grid
--
-- over three sets of cells i, told apart by region and ssyk4 in the output:
--   occupations within a region      region = the region, ssyk4 = 'TOT'
--   regions within an occupation     region = '*' (all regions of the level), ssyk4 = the occupation
--   region x occupation              region = '*', ssyk4 = 'TOT'
-- Employment is the year's register count of the employed by where they
-- live and their occupation. Cells come straight from the counts, never
-- from suppressed output; periods are the flow tables' (months).
CREATE OR REPLACE TEMP TABLE mismatch_base AS
WITH flows AS (
    SELECT period, region, ssyk4, n AS u, 0 AS v, censored::INTEGER AS censored FROM jobseekers
    UNION ALL
    SELECT period, region, ssyk4, 0, n, censored::INTEGER FROM vacancies
),
uv AS (
    -- Sums of the known cells: a censored cell ("<5", n NULL) adds 0 and
    -- is counted in censored. Rows without an occupation (ssyk4 NULL)
    -- are no cell.
    SELECT m.region_key, f.period, f.ssyk4, coalesce(sum(f.u), 0) AS u, coalesce(sum(f.v), 0) AS v,
           sum(f.censored) AS censored
    FROM flows AS f
    JOIN flow_region_map AS m ON m.code = f.region
    WHERE f.ssyk4 IS NOT NULL
    GROUP BY ALL
),
employed AS (
    SELECT r.region_key, CAST(p.year AS VARCHAR) AS year, p.ssyk4, sum(p.n) AS e
    FROM persons AS p
    JOIN region_map AS r ON r.kommun = p.home_kommun
    WHERE p.status = 'employed' AND p.ssyk4 IS NOT NULL
    GROUP BY ALL
)
SELECT k.level_id, uv.region_key, uv.period, CAST(uv.ssyk4 AS VARCHAR) AS ssyk4,
       uv.u, uv.v, coalesce(e.e, 0) AS e, uv.censored
FROM uv
JOIN region_keys AS k ON k.region_key = uv.region_key
LEFT JOIN employed AS e
       ON e.region_key = uv.region_key AND e.year = left(uv.period, 4) AND e.ssyk4 = uv.ssyk4;

CREATE OR REPLACE TEMP TABLE mismatch_cells AS
WITH scoped AS (
    -- occupations within a region; cell orders the sums
    SELECT level_id, region_key, 'TOT' AS ssyk4, period, u, v, e, ssyk4 AS cell FROM mismatch_base
    UNION ALL
    -- regions within an occupation
    SELECT level_id, -1, ssyk4, period, u, v, e, lpad(CAST(region_key AS VARCHAR), 9, '0') FROM mismatch_base
    UNION ALL
    -- every region x occupation cell
    SELECT level_id, -1, 'TOT', period, u, v, e, lpad(CAST(region_key AS VARCHAR), 9, '0') || ssyk4 FROM mismatch_base
),
totals AS (
    SELECT level_id, region_key, ssyk4, period,
           sum(u) AS u_tot, sum(v) AS v_tot, sum(u + e) AS l_tot, count(*) AS cells
    FROM scoped
    GROUP BY ALL
),
shares AS (
    SELECT s.level_id, s.region_key, s.ssyk4, s.period, s.cell,
           s.u / nullif(t.u_tot, 0) AS ui,
           s.v / nullif(t.v_tot, 0) AS vi,
           (s.u + s.e) / nullif(t.l_tot, 0) AS li,
           (s.u / nullif(s.u + s.e, 0)) / nullif(t.u_tot / nullif(t.l_tot, 0), 0) AS rel
    FROM scoped AS s
    JOIN totals AS t USING (level_id, region_key, ssyk4, period)
),
alphas AS (
    SELECT unnest([{{range $i, $a := .Alphas}}{{if $i}}, {{end}}{{$a}}{{end}}]) AS alpha
),
indices AS (
    SELECT level_id, region_key, ssyk4, period,
           -- sums of doubles in a fixed order, so runs give identical bytes
           0.5 * sum(abs(ui - vi) ORDER BY cell)                         AS jr,
           0.5 * (sum(li * rel * rel ORDER BY cell) - pow(sum(li * rel ORDER BY cell), 2)) AS lnj
    FROM shares
    GROUP BY ALL
),
sstv AS (
    SELECT s.level_id, s.region_key, s.ssyk4, s.period, a.alpha,
           1 - sum(pow(s.vi, a.alpha) * pow(s.ui, 1 - a.alpha) ORDER BY s.cell) AS m
    FROM shares AS s CROSS JOIN alphas AS a
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, i.period, i.ssyk4, 'TOT' AS alpha,
    i.jr, i.lnj, NULL::DOUBLE AS m, t.u_tot::BIGINT AS u, t.v_tot::BIGINT AS v, t.cells
FROM indices AS i
JOIN totals AS t USING (level_id, region_key, ssyk4, period)
JOIN region_keys AS k
  ON k.level_id = i.level_id AND (k.region_key = i.region_key OR i.region_key = -1 AND k.region = '*')
UNION ALL
SELECT
    k.level, k.region, x.period, x.ssyk4, printf('%.2f', x.alpha),
    NULL, NULL, x.m, t.u_tot::BIGINT, t.v_tot::BIGINT, t.cells
FROM sstv AS x
JOIN totals AS t USING (level_id, region_key, ssyk4, period)
JOIN region_keys AS k
  ON k.level_id = x.level_id AND (k.region_key = x.region_key OR x.region_key = -1 AND k.region = '*');
