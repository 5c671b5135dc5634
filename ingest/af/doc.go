// Package af holds what lmi's readers of Arbetsförmedlingen's (AF) and
// JobTech's published files share: the plain Go values they return for
// three canonical tables (assessments of occupations, vacancies and
// jobseekers as monthly counts), the positioned *Error every reader
// returns, and the JobTech concept id -> SSYK map (ConceptSSYK). The
// readers are in three packages, by what they read:
//
//   - lmi/ingest/af/assess: occupational assessments (yrkesbarometer JSON
//     and xlsx, the older bristindex CSV and xlsx, yrkesprognos v3
//     bedömning, historik and texter);
//   - lmi/ingest/af/ads: job ads (JobTech JSON lines, JSON, zip and gz,
//     AF's own and scraped postings) and the JobTech taxonomy;
//   - lmi/ingest/af/stats: monthly statistics sheets (CSV and xlsx) and
//     varsel CSV.
//
// They share the input handling in lmi/ingest/af/internal/input (whole
// text inputs, CSV and xlsx tables, numbers, a column table per format),
// lmi/ingest/af/internal/jsonscan (JSON records and the single-pass
// scanners' primitives) and lmi/ingest/af/internal/codemap (region and
// SSYK lookups from lmi/codes). Every reader validates every code against
// lmi/codes and keeps the occupation -> SSYK mapping explicit.
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
package af
