-- name: antal_sysselsatta_arbetsplats
-- label: Sysselsatta 16-64 år efter yrke och arbetsställets region (dagbefolkning)
-- version: 1
-- unit: antal
-- section: 3.7
-- family: employment
-- dimensions: ssyk4, sex
-- numerator: employed
-- description: The employed aged 16-64 (SCB: employees) whose workplace is in the region, by occupation (SSYK 4; SSYK 3 where made of SCB's kommun tables; 0002 yrke okänt) and sex.
SELECT region_level, region, period, ssyk4, sex,
       employed AS value, employed AS numerator, NULL::BIGINT AS denominator, employed AS n
FROM employment_cells
