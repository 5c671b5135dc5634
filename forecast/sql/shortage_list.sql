-- The shortage list (write.go, shortage_list.parquet and .csv): each
-- region's SSYK 4 occupations at the horizon (h = Horizon) ranked most
-- likely shortage first (p_shortage), then the lowest balance. The traffic
-- light is red for classes 4-5, yellow for 3 and green for 1-2. Rows
-- without a class (openings not known) and suppressed rows are not
-- ranked. Reads forecast_rows, the forecast's rows on the session. No
-- semicolon: the query is exported with COPY (...) and counted.
SELECT
    region_level, region, region_name,
    row_number() OVER (PARTITION BY region_level, region
                       ORDER BY p_shortage DESC, balance ASC NULLS LAST, ssyk) AS rank,
    ssyk, occupation, origin_year, year,
    CASE WHEN class >= 4 THEN 'red' WHEN class = 3 THEN 'yellow' ELSE 'green' END AS light,
    class, p_shortage, balance, openings, expansion, replacement, supply, entrants, jobseekers,
    employed, employment, employment_lower, employment_upper, model
FROM forecast_rows
WHERE h = {{.Horizon}} AND ssyk_level = 4 AND NOT suppressed AND class IS NOT NULL
ORDER BY region_level, region, rank
