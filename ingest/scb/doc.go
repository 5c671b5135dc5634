// Package scb turns SCB's published tables (decoded into cube.Table by
// ingest/pxjson, ingest/jsonstat, ingest/px or ingest/scbcsv) into lmi's
// typed rows, keeping SCB's numbers as published so lmi's own results can
// be compared with them cell by cell.
//
// Employment from the occupational register (Yrkesregistret): YREG60 and
// YREG60N (region x SSYK 2012 x sex x year, employees 16-64 by workplace
// region) and YREG50 and YREG50N (SSYK 2012 x sector x sex x year,
// national), and YREG58 and YREG56 (kommun, län and riket x SSYK 3 x sex x
// year, YREG56 also by SNI 2007 group). Region "99" is SCB's
// "okänt/utlandet": counted in riket but in no län; "9999" is the unknown
// kommun of the tables by kommun, likewise; Yrke2012 "0002" is "yrke
// okänt", a residual kept without an occupation. PersonsCells picks from a
// table by län and SSYK 4 the rows that are persons cells (län and "99";
// riket rows are totals, checked against them); CheckKommunTotals checks a
// table by kommun against itself.
//
// Regional matching indicators (RMI, AM9906): E3 (the employed by match
// A-D, the adjusted population E and SCB's rates from them) and U2
// (commuting counts), read by RMI whatever SCB's content codes; CheckRMI
// recomputes every published rate and total from the published counts.
// M2 (matchningsgrad, a rate without counts) is read by RMI too, and so
// are the supply and flow tables: U1a (labour-market status by education
// group), U1b (labour-force participation), U3 (the population's flows
// between two years) and E2B (job inflows by industry), each checked
// against its own totals.
// E4 (the employed by ämnesmatch and nivåmatch) is read by MatchTable, the
// two match dimensions known by their texts. R1a (the population by
// region, sex and single year of age) is read by RMI and PopulationCells,
// its totals checked against their parts by CheckPopulation.
package scb
