-- name: sjalvforsorjningsgrad
-- label: Självförsörjningsgrad (bor och arbetar / nattbefolkning)
-- version: 1
-- unit: procent
-- section: 3
-- family: commuting
-- dimensions: edu_group, sex
-- numerator: live_work
-- denominator: night
-- description: Self-containment: those who live and work in the region as a share of the employed living there.
SELECT region_level, region, period, edu_group, sex,
       100.0 * live_work / nullif(live_work + out_commuters, 0) AS value,
       live_work AS numerator, live_work + out_commuters AS denominator, live_work + out_commuters AS n
FROM commuting_cells
