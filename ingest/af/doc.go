// Package af reads Arbetsförmedlingen's (AF) and JobTech's published files
// into plain Go values for three canonical tables: assessments (occupation
// outlooks), vacancies and jobseekers (monthly counts). It validates every
// code against lmi/codes and keeps the occupation -> SSYK mapping explicit.
//
// Every reader returns either its whole result or an error, never a part;
// every error is an *Error naming the file and the line, record or xlsx
// cell, the column, the value and what was expected, with a Kind (ErrValue,
// ErrUnknownCode, ErrDuplicate, ...) to test with errors.Is. Readers do not
// panic on any input (each has a fuzz test); damage inside excelize is
// turned into ErrSyntax.
//
// Common to the text readers: UTF-8 with or without BOM; text that is not
// UTF-8 (typically Windows-1252) is refused with the line and column of
// the first bad byte; an HTML or XML page saved instead of the data (an
// error page) is ErrNotData with its title; an xlsx reader refuses a CSV,
// an HTML page or an old .xls before opening the workbook.
//
// # Outputs
//
// Assessment is one row of the assessments table: Source, Round, Region
// ("00" riket, a län "01".."25", or "FA01".."FA60"), RegionLevel, the
// source's Occupation id, the SSYK 4 codes it covers, Measure, Value (NaN
// when nothing numeric is published), Class (0 when none) and Label (the
// text as published). OccupationMap rows give the occupation -> SSYK links
// (one occupation may cover several SSYK codes, a SSYK code may belong to
// several occupations); Share is NaN, since no source here publishes one.
// Count is one cell of vacancies or jobseekers: Period "YYYY-MM", Region (a
// kommun "0180", a län "01", or "00" when the sheet has no regions), SSYK
// (4 digits, or "" when unmapped or not broken down), N, Censored
// (published as "<5": N is NaN, never a number) and Category.
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
//
// # JobTech job ads (ReadAds, ReadAdsFiles)
//
// JSON lines, one ad per line (blank lines skipped), in the JobSearch /
// historical-ads schema; also a single JSON array of ads, a line holding an
// Elasticsearch hit (its _source is the ad), .gz files and .zip archives
// (every .json/.jsonl/.ndjson member). A line (or a pretty-printed object,
// read whole up to MaxLineBytes) that is no ad but wraps ads is read as
// its ads: an Elasticsearch response (hits.hits) or an object whose one
// member is an array ({"testannonser": [...]}). Per ad: month of
// publication_date; kommun from workplace_address.municipality_code
// (checked), else from municipality_concept_id through a Taxonomy; län
// from the kommun, else region_code, else region_concept_id; SSYK 4 from
// occupation_group.legacy_ams_taxonomy_id when it is a SSYK 4 code (in the
// ads this field is the SSYK code: 4323 for Transportledare), else from
// occupation_group.concept_id through the Taxonomy; weight
// number_of_vacancies (missing, null or 0 count as 1; negative or
// fractional is an error). Vacancies.ByKommun is month x kommun (SSYK "",
// all occupations), ByLanSSYK month x län x SSYK ("" for ads not mapped),
// and with AdOptions.ByPlace, ByPlace month x kommun x SSYK, or month x
// län x SSYK for ads placed in a län only: every ad once, in the finest
// region known. AdReport counts every ad and vacancy left out or unmapped,
// by reason (Reason* constants): with R the report, sum(ByLanSSYK) =
// sum(ByPlace) = R.Vacancies - no_date - no_lan - unknown_lan -
// several_lan, and sum(ByKommun) = sum(ByLanSSYK) - no_kommun -
// unknown_kommun.
//
// Two more ad schemas are read. AF's source format (Platsbanken before
// JobTech's conversion, Swedish keys): publiceringsdatum, antalPlatser,
// arbetsplatsadress.kommun.varde and .lan.varde (codes). Scraped postings
// (JobTech's scraped ads): originalJobPosting, a schema.org JobPosting,
// with datePosted, totalJobOpenings and jobLocation, placed by name: each
// Place's address (a text, or a PostalAddress's locality and region) or
// name as a kommun ("Malmö", "Stockholms stad"), a län ("Uppsala län",
// "Skåne") or a län followed by a kommun ("Västra Götalands län
// Vänersborg"); else JobTech's ort. Places in one kommun give the kommun,
// in one län but several kommuner the län, in several län nothing
// (several_lan). Both schemas name occupations only (yrkesroll's
// occupation-name id, relevantOccupation, yrke), which the taxonomy dump
// cannot map to SSYK 4: their ads are unknown_ssyk.
//
// The Taxonomy comes from the JobTech taxonomy dump (ReadTaxonomy) by exact
// label match, because the dump's keys are AF legacy ids: for ssyk-level-4
// they are NOT SSYK codes (key 1288 is Transportledare, SSYK 4323; 35 of
// its 400 keys look like SSYK codes and are all other occupations), so the
// dump must never be joined on them. 363 of 400 SSYK concepts, all 290
// municipalities and the 21 län match; Taxonomy.AddSSYK adds better pairs.
//
// Speed: an ad in the JobSearch schema (one JSON object whose ad fields
// are publication_date, number_of_vacancies, occupation_group and
// workplace_address) is read by a single-pass scanner that checks the
// JSON and UTF-8 as it goes and skips the values it does not need (the 2
// KB description) without decoding them; everything else (other schemas,
// Elasticsearch hits and wrappers, keys that match only by case, repeated
// fields, and every malformed ad, for its error) goes through
// encoding/json as before. Both give the same result and the same errors
// (TestAdsSameAsReference, FuzzScanAd). The month x region x SSYK cells
// are keyed by one integer packing the month and the codes, and summed by
// sorting batches of ads' keys rather than by a hash table, which missed
// the cache on nearly every ad.
//
// Memory: the ad reader streams. It holds one line (at most
// AdOptions.MaxLineBytes, default 16 MiB, else ErrTooLong), a 1 MiB read
// buffer, and the output cells: at most months x (290 kommuner + 21 län x
// 430 SSYK codes) cells of 16 bytes (twice over while a batch is merged
// in), whatever the number of ads, and with ByPlace up to months x 290 x
// 430 more, plus a batch of ads not yet merged (8,192 ads, or half as many
// as there are cells). Reading 400 MB of generated ads (183,000 ads over
// 290 kommuner, 40 SSYK codes and 36 months) peaks at about 20 MB of heap
// in use (TestAdsBoundedMemory; the test fails above 64 MB), and at about
// 32 MB with ByPlace, which then has 73,000 cells.
//
// A regular file (a path, or an *os.File given to ReadAds) is mapped into
// memory rather than read through the buffer, on Unix systems: the lines
// are scanned in the kernel's page cache, where the file's pages are
// anyway, and never copied. The mapping takes address space the size of
// the file and its pages count in the process's resident memory as the
// file is read, but they are the page cache's (shared with every reader of
// the file and reclaimed by the kernel under pressure), not the program's
// heap, so the bound above holds; MaxLineBytes still limits a line. A file
// cut short while it is mapped is an ErrIO error, not a crash. Compressed
// files, archive members, pipes and other readers are streamed.
//
// # Monthly statistics sheets (ReadStatsCSV, ReadStatsXLSX)
//
// Job-seeker and vacancy tables as AF publishes them, with title lines,
// notes, merged header cells and totals mixed with the detail. The reader
// finds the header row (the first with a short cell naming a dimension:
// Län..., Kommun..., Region..., Yrke.../SSYK..., Månad/Period/Tid) and
// takes up to three header rows below it whose dimension cells are empty
// or repeat the cell above (merged); a year above month columns is carried
// over the empty cells of a CSV header. Rows hold the dimensions; columns
// are months ("2024-01", "januari 2024", "jan-24", a year above "jan",
// Excel dates), regions (months as rows), totals, or named measures. Cells:
// counts with space thousands separators, "<5" censored, "", "..", "-"
// missing (not zero), negative is ErrNegative, text is ErrValue. Totals:
// any row or column labelled Summa, Totalt, Total, Samtliga, Riket, "Summa
// Stockholms län", a län row in a kommun sheet, a SSYK group above level 4,
// a "Summa" month row; they are counted in StatsResult.Totals and left out
// of Counts. With StatsOptions.CheckTotals each total is compared with the
// sum of its detail cells (when none of them is censored) and a difference
// is ErrTotal naming the total's cell. The options are only what the sheet
// cannot say: Category, Sheet, Period (else a month in the title), Ignore.
// The fixtures in testdata/stats and in stats_test.go document the shapes:
// long format (Månad;Kommun;Yrke;Antal with Totalt rows per kommun, län
// and riket), months as rows with län columns and a Riket column and Summa
// row, and a kommun x month workbook with a merged title, a year merged
// over the months, a Summa column, län subtotal rows and a Riket row.
//
// # Varsel (ReadVarselCSV)
//
// AF varsel per month (tid, region, antal; other columns ignored), regions
// as län names ("Dalarna"), län or kommun codes; Category "varsel".
package af
