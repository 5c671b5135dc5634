-- The shortage list (write.go, shortage_list.parquet and .csv): each
-- region's SSYK 4 occupations at the horizon (h = Horizon) ranked most
-- likely shortage first (p_shortage), then the lowest balance. The traffic
-- light, in Swedish as the list is read, is röd (red) for classes 4-5, gul
-- (yellow) for 3 and grön (green) for 1-2. Rows
-- without a class (openings not known) and suppressed rows are not
-- ranked. Reads forecast_rows, the forecast's rows on the session. No
-- semicolon: the query is exported with COPY (...) and counted.
SELECT
    region_level, region, region_name,
    row_number() OVER (PARTITION BY region_level, region
                       ORDER BY p_shortage DESC, balance ASC NULLS LAST, ssyk) AS rank,
    ssyk, occupation, origin_year, year,
    CASE WHEN class >= 4 THEN 'röd' WHEN class = 3 THEN 'gul' ELSE 'grön' END AS light,
    class, p_shortage, balance, openings, expansion, replacement, supply, entrants, jobseekers,
    employed, employment, employment_lower, employment_upper, model, path, ages
FROM forecast_rows
WHERE h = {{.Horizon}} AND ssyk_level = 4 AND NOT suppressed AND class IS NOT NULL
ORDER BY region_level, region, rank
