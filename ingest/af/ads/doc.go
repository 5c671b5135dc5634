// Package ads reads job ads (JobTech's JobSearch / historical-ads JSON, AF's
// source format and scraped postings, as JSON lines, JSON, .gz and .zip)
// into vacancies by month, region and SSYK (lmi/ingest/af Count cells),
// and the JobTech taxonomy dump that maps their concept ids to lmi codes.
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
package ads
