// Package publish turns a folder of lmi's outputs into what people open: a
// workbook (workbook.xlsx) with every cell of every output, and a report
// (report.html) that shows what matters in it. One call does both:
//
//	files, err := publish.Build(publish.Input{
//		Dirs:       []string{"runs/norr/outputs"},
//		Indicators: inds, Families: fams, // copied from package indicators
//		Provenance: prov, Levels: levels, Groupings: groupings,
//		Created:    manifestTime, OutDir: "runs/norr/report",
//	})
//
// Build takes the indicator and family metadata as plain structs: it does
// not import lmi's computing packages (indicators, store, forecast,
// pipeline), which link DuckDB, so that the pipeline can call it.
//
// # What it reads
//
// Every family's long CSV (FAMILY.csv: indicator, version, period,
// region_level, region, region_name, the dimensions, value, numerator,
// denominator, n, suppressed), and the columns lmi is adding: label and
// unit after indicator, a DIM_name column after each coded dimension, rows
// with every dimension TOT and rows for riket. Labels, units and names are
// taken from the file when it has them, else from the metadata and lmi's
// code lists. Then forecast.csv, shortage_list.csv, forecast_models.csv
// and, when present, agreement.csv and agreement_summary.csv.
//
// # The workbook
//
// A sheet per family, wide: one row per region, period and dimension
// cell, one column per indicator headed by its Swedish label and unit;
// the region, occupation, education group and the other dimensions as
// code and Swedish name side by side; suppressed values "..", with a
// number format by unit (percent one decimal, counts whole, shares three
// decimals ...) over full-precision numbers. Then the forecast, the
// shortage list, the models, the agreement with Arbetsförmedlingen, the
// symbols and "Om tabellerna" (the provenance, each sheet's rows, the
// indicators' versions). Every sheet has a frozen header, an autofilter
// and column widths. A family with more rows than a sheet holds is split
// into a sheet per region level; one whose rows at a single level pass the
// limit is an *xlsx.RowLimitError, before anything is written, saying to
// compute fewer dimensions or levels, or, with Input.LeaveOutOversized,
// that level is left out of the workbook and the workbook and the report
// say so (the CSV and Parquet files hold every row either way, and the
// report still reads that level's totals).
//
// Wide rows cut the rows about tenfold against the long files. The sheet
// is made in one streaming pass: lmi writes each family sorted by
// indicator, then region level, region, period and dimensions, so each
// indicator's rows are one block in the same order, and a merge of the
// blocks, one reader each, yields the wide rows in order without holding
// the file. A first, cheaper pass reads each row's first columns only, to
// find the blocks and count the rows per level (to decide the split before
// writing). The sheet XML is written by report/xlsx directly and
// compressed on another core; the rows are read a batch ahead on a third
// goroutine.
//
// # The report
//
// One self-contained Swedish HTML file (no scripts, nothing loaded from
// the network; charts and maps are inline SVG) that prints on A4 with a
// page break before each section:
//
//   - Sammanfattning: each family's headline indicator in its latest
//     period for the regions of the first level and riket, from the rows
//     whose every dimension is TOT; a family whose files have no such rows,
//     or no riket, is named with what is missing: the report never sums
//     cells into totals of its own. Then the focus region's (Input.Region,
//     else the forecast's total) first shortage occupations as traffic
//     lights.
//   - A section per family: the headline over time for the focus region and
//     the regions highest and lowest in the latest period, with riket as a
//     dashed reference; ranked bars of the first level's regions (the 20
//     highest and 20 lowest when there are more than 40) with riket's line;
//     a map per level of the run (län, FA, kommun, each grouping) in the
//     latest period; Beveridge curves for the beveridge family; and a
//     table of up to six indicators (the headline, then rates, then
//     counts).
//   - Prognos: fan charts of the focus region's four largest occupations.
//     Their history is the employed from the indicator files
//     (antal_sysselsatta_yrke, brist_sysselsatta) when that count equals
//     the forecast's employed in the origin year, so the two count alike;
//     otherwise only the forecast's own employed.
//   - Bristlista: the focus region's first 20 occupations as traffic lights
//     and with their parts, and every region's first three.
//   - Jämförelse med Arbetsförmedlingen: agreement_summary.csv as it is,
//     and the 25 occupations and regions whose classes differ most.
//   - Metod och indikatorer: per family a link to its section of the
//     indicator reference (Input.IndicatorDocs#family), its indicators with
//     label, unit and METHODS.md section; then the provenance.
//
// # Every number is a number of the files
//
// Each number the report shows, in a table, a chart label or tooltip, or
// on a map, carries data-ref="FILE:LINE:COLUMN" (several, space-separated,
// when it shows several) and data-value, the value in full precision;
// the text shows it rounded by its unit in Swedish format. The package's
// tests parse the report, read each referenced row and check both, and
// check that no other number with decimals or thousands appears outside
// the scale labels of axes and map legends (class="scale").
//
// # Cost
//
// Each family file is read twice, the second time by one reader per
// indicator, and nothing but the report's selection is held: the totals,
// the focus region's forecast, the first rows of the shortage list. On
// lmi's demo outputs (4.6 million long rows over 13 families, 370 MB of
// CSV, 0.7 million workbook rows) Build takes about 3.7 s of CPU on two
// cores and under 100 MB of heap, and writes a 52 MB workbook; on a copy
// 2.6 times larger (11.8 million rows, 810 MB, a kommun level added)
// about 8.7 s of CPU; the columns lmi is adding (labels and names,
// quoted) add about a third. So the workbook holds every cell: a national
// run's outputs several times the demo's stay within the budget of about
// 16 s on two cores beside a run of about 164 s. Output is deterministic:
// the same files, metadata and Created time give the same bytes.
package publish
