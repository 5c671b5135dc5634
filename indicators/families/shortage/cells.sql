-- params: AgeMin, AgeMax, K, Shortage, Workplace
-- Shortage family (docs/methods.md section 5.1, "current shortage"): a
-- composite of six sub-indicators ("parts") per region, occupation (SSYK 4)
-- and year, each scaled against the economy and the occupation's own history.
--
-- Counts (per region r, occupation o, year t):
--   V   new vacancies registered in the months of t (a flow: summed), and
--       V_mean = V / months, the months table vacancies has for t anywhere
--   U   registered job seekers seeking o (a stock: U_mean = the monthly
--       counts summed over the months of t / months); published rounded
--   E   the employed with occupation o (register, every age, region on the
--       Params basis as in age_structure); E60 those aged 60 or more
--   X   expected exits of the employed within the horizon h (exit_profile)
--   G   matched graduates: graduates of year t in r, each education group's
--       shared among the occupations it fully matches (key: field helt,
--       level ratt) in proportion to its employed there nationally in t
--       (age band; equal shares when it has none there)
--   O   expected openings per year = X / h + max(0, E_t - E_t-1): the
--       yearly share of the exits plus last year's growth, if any
-- Flows and graduates given by län reach only the regions flow_region_map
-- places them in; where a source has nothing for a region and year its
-- counts are NULL (missing), where it has but not for o they are 0. A NULL
-- n (a censored flow cell, "<5") counts as nothing: the sums are of the
-- known cells, and a cell whose every row in the year is censored is NULL
-- (unknown, as in tightness), never 0. Rows without an occupation (flows
-- with ssyk4 NULL, the employed with none) are no cell, nor in the
-- economy's sums.
--
-- Parts: the published value x, and the log measure lx that is scaled.
--   tightness          x = V_mean / U_mean                  lx = ln(V_mean / U_mean)
--   vacancy_growth     x = 100 (V_mean,t / V_mean,t-1 - 1)  lx = ln(V_mean,t / V_mean,t-1)
--   employment_growth  x = 100 (E_t / E_t-1 - 1)            lx = ln(E_t / E_t-1)
--   unemployment       x = 100 U_mean / (U_mean + E)        lx = ln(U_mean / (U_mean + E))
--   aged_60            x = 100 E60 / E                      lx = ln(E60 / E)
--   graduates          x = G / O                            lx = ln(G / O)
-- A part is usable in a cell when its published row would pass primary
-- suppression at k and its log exists (nothing is 0); after secondary
-- suppression, only when its row is published.
-- Scaling: with lx = ln(a / b) as above, the economy's lx_all = ln(sum a /
-- sum b) over the occupations of r in t where the part is usable: the same
-- measure over the region's economy as published, so that it is a function
-- of published numbers only and no total lets a hidden cell be recovered
-- by subtraction. d = lx - lx_all; usual = the mean of d over the years
-- t-N .. t-1 in which the part is usable (none: no scaled value); scaled =
-- sign (d - usual), sign -1 for unemployment and graduates (more of them,
-- less shortage). So for every part 0 is "as usual" and higher is more
-- shortage, in log points (0.1: about 10% above the occupation's usual
-- level relative to the economy).
-- Composite = sum w_i s_i / sum w_i over the scaled parts with weight
-- w_i > 0; class 1 (clear surplus) .. 5 (clear shortage) by the four
-- thresholds: below T1 1, below T2 2, up to T3 3, up to T4 4, above 5.
--
-- The script runs twice: whole, and after secondary suppression (Rescale)
-- with the parts whose published rows were hidden marked unusable, so the
-- scaled values and the composite use only what is published (shortage.go).
{{- if not .Shortage.Rescale}}

-- suppress.sql's rule, so a part counts as usable exactly when its row is
-- shown.
CREATE OR REPLACE TEMP MACRO shortage_shown(num, den, n) AS
    NOT (coalesce(n, 0) < {{.K}} OR coalesce(num, {{.K}}) < {{.K}} OR coalesce(den, {{.K}}) < {{.K}});

CREATE OR REPLACE TEMP TABLE shortage_weights (part VARCHAR, weight DOUBLE);
INSERT INTO shortage_weights VALUES
{{- range $i, $w := .Shortage.Weights}}{{if $i}},{{end}} ('{{$w.Part}}', {{$w.Weight}}){{end}};

-- Job seekers (u) and new vacancies (v) by region, occupation and year:
-- the year's total and its monthly mean. Months only: a quarter or a year
-- of counts is not a month's.
CREATE OR REPLACE TEMP TABLE shortage_flows AS
WITH monthly AS (
    SELECT 'u' AS what, period, region, ssyk4, n FROM jobseekers WHERE length(period) = 7
    UNION ALL
    SELECT 'v', period, region, ssyk4, n FROM vacancies WHERE length(period) = 7
),
months AS (
    SELECT what, left(period, 4) AS year, count(DISTINCT period) AS months
    FROM monthly
    GROUP BY ALL
),
placed AS (
    SELECT f.what, m.region_key, left(f.period, 4) AS year, CAST(f.ssyk4 AS VARCHAR) AS ssyk4,
           sum(f.n) AS total
    FROM monthly AS f
    JOIN flow_region_map AS m ON m.code = f.region
    WHERE f.ssyk4 IS NOT NULL
    GROUP BY ALL
)
SELECT p.what, p.region_key, CAST(p.year AS INTEGER) AS year, p.ssyk4,
       p.total::BIGINT AS total, p.total / mo.months AS mean
FROM placed AS p
JOIN months AS mo USING (what, year);

-- The employed by region, occupation and year, as age_structure counts
-- them, with those aged 60+ and the expected exits within the horizon.
CREATE OR REPLACE TEMP TABLE shortage_employed AS
WITH by_age AS (
    SELECT CAST(p.year AS INTEGER) AS year, r.region_key, CAST(p.ssyk4 AS VARCHAR) AS ssyk4, p.age, sum(p.n) AS n
    FROM persons AS p
    JOIN region_map AS r
      ON r.kommun = {{if .Workplace}}coalesce(p.work_kommun, p.home_kommun){{else}}p.home_kommun{{end}}
    WHERE p.status = 'employed' AND p.ssyk4 IS NOT NULL
    GROUP BY ALL
)
SELECT
    a.year, a.region_key, a.ssyk4,
    sum(a.n)                                         AS employed,
    coalesce(sum(a.n) FILTER (WHERE a.age >= 60), 0) AS aged_60,
    -- a sum of doubles in a fixed order, so runs give identical bytes
    sum(a.n * x.within_h ORDER BY a.age)             AS exits
FROM by_age AS a
JOIN exit_profile AS x ON x.age = a.age
GROUP BY ALL;

-- Matched graduates by region, occupation and year.
CREATE OR REPLACE TEMP TABLE shortage_graduates AS
WITH matched AS (
    -- pairs where the education fully fits the occupation (docs/methods.md
    -- 2.2, A)
    SELECT edu_group, ssyk4 FROM matchmap WHERE field_match = 'helt' AND level_match = 'ratt'
),
employed AS (
    SELECT CAST(p.year AS INTEGER) AS year, p.edu_group, p.ssyk4, sum(p.n) AS n
    FROM persons AS p
    JOIN matched AS m ON m.edu_group = p.edu_group AND m.ssyk4 = p.ssyk4
    WHERE p.status = 'employed' AND p.age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
    GROUP BY ALL
),
years AS (SELECT DISTINCT CAST(year AS INTEGER) AS year FROM graduates),
shares AS (
    -- each education group's graduates go to its matched occupations in
    -- proportion to its employed there (sums of integers: exact)
    SELECT y.year, m.edu_group, m.ssyk4,
           coalesce(e.n, 0) AS n,
           sum(coalesce(e.n, 0)) OVER (PARTITION BY y.year, m.edu_group) AS group_n,
           count(*) OVER (PARTITION BY y.year, m.edu_group)              AS occupations
    FROM years AS y
    CROSS JOIN matched AS m
    LEFT JOIN employed AS e ON e.year = y.year AND e.edu_group = m.edu_group AND e.ssyk4 = m.ssyk4
),
placed AS (
    SELECT m.region_key, CAST(g.year AS INTEGER) AS year, g.edu_group, coalesce(sum(g.n), 0) AS n
    FROM graduates AS g
    JOIN flow_region_map AS m ON m.code = g.region
    GROUP BY ALL
)
SELECT p.region_key, p.year, CAST(s.ssyk4 AS VARCHAR) AS ssyk4,
       sum(p.n * CASE WHEN s.group_n > 0 THEN s.n / s.group_n ELSE 1 / s.occupations END
           ORDER BY p.edu_group) AS graduates
FROM placed AS p
JOIN shares AS s USING (year, edu_group)
GROUP BY ALL;

-- Every count of a region, occupation and year, the previous year's and
-- the parts' values.
CREATE OR REPLACE TEMP TABLE shortage_base AS
WITH keys AS (
    -- every cell with data
    SELECT region_key, ssyk4, year FROM shortage_employed
    UNION
    SELECT region_key, ssyk4, year FROM shortage_flows
),
cells AS (
    -- the keys and the year before each, for the growth parts
    SELECT region_key, ssyk4, year FROM keys
    UNION
    SELECT region_key, ssyk4, year - 1 FROM keys
),
flow_years AS (SELECT DISTINCT what, region_key, year FROM shortage_flows),
graduate_years AS (
    SELECT DISTINCT m.region_key, CAST(g.year AS INTEGER) AS year
    FROM graduates AS g
    JOIN flow_region_map AS m ON m.code = g.region
),
register_years AS (SELECT DISTINCT CAST(year AS INTEGER) AS year FROM persons),
counts AS (
    SELECT
        c.region_key, c.ssyk4, c.year,
        -- a flow cell without rows is 0, one with only censored rows NULL
        CASE WHEN vy.year IS NOT NULL THEN CASE WHEN v.year IS NULL THEN 0 ELSE v.total END END   AS v,
        CASE WHEN vy.year IS NOT NULL THEN CASE WHEN v.year IS NULL THEN 0 ELSE v.mean END END    AS v_mean,
        CASE WHEN uy.year IS NOT NULL THEN CASE WHEN u.year IS NULL THEN 0 ELSE u.mean END END    AS u_mean,
        CASE WHEN ry.year IS NOT NULL THEN coalesce(e.employed, 0) END AS employed,
        CASE WHEN ry.year IS NOT NULL THEN coalesce(e.aged_60, 0) END  AS aged_60,
        CASE WHEN ry.year IS NOT NULL THEN coalesce(e.exits, 0) END    AS exits,
        CASE WHEN gy.year IS NOT NULL THEN coalesce(g.graduates, 0) END AS graduates_matched
    FROM cells AS c
    LEFT JOIN flow_years AS vy ON vy.what = 'v' AND vy.region_key = c.region_key AND vy.year = c.year
    LEFT JOIN flow_years AS uy ON uy.what = 'u' AND uy.region_key = c.region_key AND uy.year = c.year
    LEFT JOIN register_years AS ry ON ry.year = c.year
    LEFT JOIN graduate_years AS gy ON gy.region_key = c.region_key AND gy.year = c.year
    LEFT JOIN shortage_flows AS v ON v.what = 'v' AND v.region_key = c.region_key AND v.ssyk4 = c.ssyk4 AND v.year = c.year
    LEFT JOIN shortage_flows AS u ON u.what = 'u' AND u.region_key = c.region_key AND u.ssyk4 = c.ssyk4 AND u.year = c.year
    LEFT JOIN shortage_employed AS e ON e.region_key = c.region_key AND e.ssyk4 = c.ssyk4 AND e.year = c.year
    LEFT JOIN shortage_graduates AS g ON g.region_key = c.region_key AND g.ssyk4 = c.ssyk4 AND g.year = c.year
),
with_previous AS (
    -- the keys only: the years before them were for this join
    SELECT
        c.*,
        p.v AS v_prev, p.v_mean AS v_mean_prev, p.employed AS employed_prev,
        -- the yearly share of the exits plus last year's growth, if any
        -- (a shrinking occupation's decline is employment_growth's)
        CASE WHEN p.employed IS NOT NULL
             THEN c.exits / {{.Shortage.Horizon}} + greatest(c.employed - p.employed, 0)
        END AS openings
    FROM keys AS k
    JOIN counts AS c USING (region_key, ssyk4, year)
    JOIN counts AS p ON p.region_key = c.region_key AND p.ssyk4 = c.ssyk4 AND p.year = c.year - 1
)
SELECT
    w.region_key, w.ssyk4, w.year,
    w.v, w.v_prev, w.v_mean, w.v_mean_prev,
    round(w.u_mean)::BIGINT AS u, w.u_mean,
    w.employed::BIGINT AS employed, w.employed_prev::BIGINT AS employed_prev, w.aged_60::BIGINT AS aged_60,
    round(w.u_mean)::BIGINT + w.employed::BIGINT AS labour_force,
    w.exits, w.openings,
    round(w.graduates_matched)::BIGINT AS graduates, w.graduates_matched,
    -- the parts as published
    w.v_mean / nullif(w.u_mean, 0)                           AS tightness,
    100 * (w.v_mean / nullif(w.v_mean_prev, 0) - 1)          AS vacancy_growth,
    100 * (w.employed / nullif(w.employed_prev, 0) - 1)      AS employment_growth,
    100 * w.u_mean / nullif(w.u_mean + w.employed, 0)        AS unemployment_rate,
    100 * w.aged_60 / nullif(w.employed, 0)                  AS aged_60_share,
    w.graduates_matched / nullif(w.openings, 0)              AS graduates_per_opening
FROM with_previous AS w;

-- One row per part and cell: its log measure's terms (lx = ln(a / b)),
-- the smallest count behind it (n) and whether it is usable. The counts
-- given to shortage_shown are those of the part's published row
-- (sql/shortage/*.sql).
CREATE OR REPLACE TEMP TABLE shortage_parts AS
WITH parts AS (
    SELECT region_key, ssyk4, year, 'tightness' AS part, 1 AS sign, u AS n,
           v_mean AS a, u_mean AS b, shortage_shown(v, u, u) AS shown
    FROM shortage_base
    UNION ALL
    SELECT region_key, ssyk4, year, 'vacancy_growth', 1, v,
           v_mean, v_mean_prev, shortage_shown(v, v_prev, v)
    FROM shortage_base
    UNION ALL
    SELECT region_key, ssyk4, year, 'employment_growth', 1, employed,
           employed, employed_prev, shortage_shown(employed, employed_prev, employed)
    FROM shortage_base
    UNION ALL
    SELECT region_key, ssyk4, year, 'unemployment', -1, employed,
           u_mean, u_mean + employed, shortage_shown(u, labour_force, employed)
    FROM shortage_base
    UNION ALL
    SELECT region_key, ssyk4, year, 'aged_60', 1, employed,
           aged_60, employed, shortage_shown(aged_60, employed, employed)
    FROM shortage_base
    UNION ALL
    SELECT region_key, ssyk4, year, 'graduates', -1, least(employed, employed_prev),
           graduates_matched, openings, shortage_shown(graduates, NULL, least(employed, employed_prev))
    FROM shortage_base
)
SELECT region_key, ssyk4, year, part, sign, n, a, b,
       coalesce(shown AND a > 0 AND b > 0, false) AS usable
FROM parts;
{{- end}}

-- Each usable part against the economy (the same measure over the usable
-- cells of the region and year, fixed-order sums), then against its usual
-- level: the mean over the usable years of the window before t.
CREATE OR REPLACE TEMP TABLE shortage_scaled AS
WITH economy AS (
    SELECT region_key, year, part, ln(sum(a ORDER BY ssyk4) / sum(b ORDER BY ssyk4)) AS lx_all
    FROM shortage_parts
    WHERE usable
    GROUP BY ALL
),
relative AS (
    SELECT p.region_key, p.ssyk4, p.year, p.part, p.sign, p.n, ln(p.a / p.b) - e.lx_all AS d
    FROM shortage_parts AS p
    JOIN economy AS e USING (region_key, year, part)
    WHERE p.usable
),
usual AS (
    SELECT x.region_key, x.ssyk4, x.year, x.part,
           sum(y.d ORDER BY y.year) / count(*) AS d_usual
    FROM relative AS x
    JOIN relative AS y
      ON y.region_key = x.region_key AND y.ssyk4 = x.ssyk4 AND y.part = x.part
     AND y.year BETWEEN x.year - {{.Shortage.Window}} AND x.year - 1
    GROUP BY ALL
)
SELECT r.region_key, r.ssyk4, r.year, r.part, r.n, r.sign * (r.d - u.d_usual) AS scaled
FROM relative AS r
JOIN usual AS u USING (region_key, ssyk4, year, part);

-- The composite over the scaled parts with a positive weight, reweighted
-- over those present; n is the smallest count behind any of them.
CREATE OR REPLACE TEMP TABLE shortage_composite AS
SELECT s.region_key, s.ssyk4, s.year,
       sum(w.weight * s.scaled ORDER BY s.part) / sum(w.weight ORDER BY s.part) AS composite,
       count(*) AS parts_used,
       min(s.n) AS composite_n
FROM shortage_scaled AS s
JOIN shortage_weights AS w USING (part)
WHERE w.weight > 0
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE shortage_cells AS
WITH scaled AS (
    SELECT region_key, ssyk4, year,
           any_value(scaled) FILTER (WHERE part = 'tightness')         AS tightness_scaled,
           any_value(scaled) FILTER (WHERE part = 'vacancy_growth')    AS vacancy_growth_scaled,
           any_value(scaled) FILTER (WHERE part = 'employment_growth') AS employment_growth_scaled,
           any_value(scaled) FILTER (WHERE part = 'unemployment')      AS unemployment_scaled,
           any_value(scaled) FILTER (WHERE part = 'aged_60')           AS aged_60_scaled,
           any_value(scaled) FILTER (WHERE part = 'graduates')         AS graduates_scaled
    FROM shortage_scaled
    GROUP BY ALL
)
SELECT
    k.level AS region_level, k.region, CAST(b.year AS VARCHAR) AS period, b.ssyk4,
    b.* EXCLUDE (region_key, ssyk4, year),
    s.* EXCLUDE (region_key, ssyk4, year),
    c.composite,
    CASE
        WHEN c.composite <  {{index .Shortage.Thresholds 0}} THEN 1
        WHEN c.composite <  {{index .Shortage.Thresholds 1}} THEN 2
        WHEN c.composite <= {{index .Shortage.Thresholds 2}} THEN 3
        WHEN c.composite <= {{index .Shortage.Thresholds 3}} THEN 4
        WHEN c.composite IS NOT NULL                          THEN 5
    END AS class,
    c.parts_used, c.composite_n
FROM shortage_base AS b
JOIN region_keys AS k USING (region_key)
LEFT JOIN scaled AS s USING (region_key, ssyk4, year)
LEFT JOIN shortage_composite AS c USING (region_key, ssyk4, year);
