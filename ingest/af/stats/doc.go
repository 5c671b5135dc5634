// Package stats reads Arbetsförmedlingen's monthly job-seeker and vacancy
// statistics sheets (CSV and xlsx) and its varsel per month (CSV) into
// lmi/ingest/af Count cells.
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
package stats
