// Package assess reads Arbetsförmedlingen's published assessments of
// occupations into lmi/ingest/af values: Assessment rows and the
// occupation -> SSYK map (OccupationMap), or for the yrkesprognos history
// its index series (HistoryPoint). The positions and kinds of its errors
// are lmi/ingest/af's.
//
// # Yrkesbarometer (ReadYrkesbarometer, ReadYrkesbarometerXLSX)
//
// AF's yrkesbarometer.json: a JSON array of records, one per occupation
// (yb_concept_id; yb_yrke is its name) x geography (lan: "00" riket, else a
// län code, checked) x SSYK (ssyk; antal_ssyk, del_av_ssyk). Records of one
// occupation and region with different SSYK codes are merged into one
// assessment per measure whose SSYK lists them all; the same occupation,
// region and SSYK twice, or differing assessments for one occupation and
// region, is ErrDuplicate. Measures and classes (1-3, 3 most favourable to
// the job seeker / hardest for the employer / strongest growth):
//
//	jobbmojligheter        små 1, medelstora 2, stora 3
//	rekryteringssituation  överskott 1, balans 2, brist 3; paradox 0 (not on the scale)
//	prognos                minska 1, vara oförändrad 2, öka 3
//
// Round is omgang ("2025-2"). Free-text fields are not read. The xlsx
// variant has the same columns under a header row (title rows above it are
// skipped); län codes stored as numbers (1) are padded ("01").
//
// # Older bristindex (ReadBristindexCSV, ReadBristindexXLSX)
//
// AF's autumn-2018 export. The 1-year file has Län ("01 Stockholms län":
// the code and name must agree with lmi/codes), Yrkesområde, SSYK,
// Prognosyrke, index (1-5), klartext and klass; measure "bristindex_1ar".
// Klartext -> class: Mer påtagligt överskott 1, Visst överskott 2, Balans
// 3, Viss brist 4, Mer påtaglig brist 5; the published klass must agree.
// "-" in index, klartext and klass means not assessed: Value NaN, Class 0,
// Label "-" (never zero). The xlsx has the original headers: "(18H Om 1
// år)" twice, the first the index, the second the class; its trailing
// "Inga val" line is skipped, and its binary artefacts (3.9250100000000003)
// are rounded to 15 significant digits, as Excel shows them, so CSV and
// xlsx give identical values. The round ("2018H") comes from the header.
// The 5-year national file (Yrkesområde, SSYK, Prognosyrke, omfem) has no
// round in it: BristindexOptions.Round is then required; its class is
// derived with BristindexClass (bands 1-1.99, 2-2.9, 2.9-3.3, 3.3-4, 4-5
// from the workbook's pivot sheet; they reproduce all 3,750 published
// classes of the 1-year file). Occupation is the Prognosyrke name. The
// SSYK field is read as: one code; a list ("2223, 2226, 2228, 2231"); a
// SSYK 3 group ("261" Jurister -> 2611..2619); or a code whose leading zero
// was lost ("310" Soldater -> 0310). OccupationMap.Published keeps the
// field when it was interpreted. No 3-digit value can be read both ways.
//
// # Yrkesprognoser v3 (ReadPrognosCSV, ReadPrognosHistorikCSV, ReadPrognosTexter)
//
// bedomning.csv: ";", decimal comma, with or without BOM; one row per
// prognosyrke (conceptidprognosyrke, a JobTech concept id) x fa15nr (0
// riket, 1-60 -> "FA01".."FA60", checked against lmi/codes). The reader
// returns the file's wide table (Prognos: one row per line, one value per
// measure column, NaN where empty), 10,000 rows rather than the 70,000
// assessments they stand for; Prognos.All yields those one at a time, and
// the loader writes them straight into Arrow. Every non-empty cell is an
// assessment whose measure is the column name in ASCII (bedomning24,
// tilltrade, pil_2022_tilltr, ...): bedömningYY has a class 1-3, index a
// class 0-5, svårare/lättare_fa15nr an FA region in Label, the rest a
// Value. Empty cells (the national-only columns on FA rows) give nothing;
// the empty U;V;W columns are ignored. Round defaults to "20YY" of the
// first bedömningYY column. The occupation is mapped to SSYK through
// PrognosOptions.Concepts; every occupation not in it is listed in
// Prognos.Unmapped and its assessments kept with SSYK nil.
// historik.csv gives HistoryPoint values (index 2015 = 1.00) per
// occupation, year and measure; its row with only an occupation id is
// reported in History.Blank. yrkesprognoser_2022_texter.json gives the
// 2021 national bristvärde (measures bristindex_1ar for 2022 and
// bristindex_5ar for 2026) and a ConceptSSYK map of its 210 concept ids
// (SSYK-level-4 concepts; two records say "no concept_id" and use
// "ssyk:NNNN" as occupation). Note: none of the 174 prognosyrke concept ids
// of bedomning.csv is among them or in the 2020 taxonomy dump, so with the
// shared data all 174 are reported unmapped. ConceptsFromOccupations turns
// yrkesbarometer occupation maps (yb_concept_id -> SSYK) into a ConceptSSYK
// for when the prognosyrke ids are yrkesbarometer ids.
package assess
