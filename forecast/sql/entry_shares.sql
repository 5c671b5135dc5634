-- Entry shares: where the entrants of each education group went, over the
-- whole country (national shares are stable where regional ones are
-- noise). Entrants with no occupation recorded are left out.
SELECT edu_group, ssyk4,
       sum(n)::DOUBLE / sum(sum(n)) OVER (PARTITION BY edu_group) AS share
FROM forecast_entrants
WHERE ssyk4 IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2;
