// Package codes holds the classifications and region hierarchies lmi works
// with: the Swedish regional codes (kommun, län, FA regions, riket), SSYK 2012
// occupations, SUN 2020 education level and field, SNI 2007 industries, SCB's
// födelseregion groups, and lmi's education groups. Every other package uses
// it to validate codes in extracts, to label them in Swedish, and to roll
// kommuner up to larger regions, including user-defined groupings read from
// a small CSV file (see ReadGrouping).
//
// # Code formats
//
// Codes are strings, never integers; leading zeros matter.
//
//   - kommun: 4 digits, the first two are the län ("0180" Stockholm).
//   - län: 2 digits ("01" Stockholms län); there is no 02, 11, 15 or 16.
//   - riket: "00" (Riket).
//   - FA region (Tillväxtverket's FA15, 60 functional analysis regions that
//     may cross county borders): "FA" + 2 digits, "FA01".."FA60".
//   - SSYK 2012: 1 to 4 digits by level ("2", "25", "251", "2512").
//   - SUN 2020 level module (nivå): 1 to 3 digits ("5", "52", "525").
//   - SUN 2020 field module (inriktning): 1 to 3 digits, then a letter at
//     level 4 ("7", "72", "723", "723c").
//   - SNI 2007: avdelning letter ("C") and 2-digit huvudgrupp ("10").
//   - födelseregion: "inrikes"/"utrikes", and 1 digit for the detailed
//     regions ("1" Sverige, ..., "0" Okänt födelseland).
//   - kön: "1" man, "2" kvinna.
//   - education group: SUN level-1 nivå + "-" + SUN level-2 inriktning
//     ("5-72": Hälso- och sjukvård, eftergymnasial minst 2 år).
//
// The same string can be a code in several lists ("01" is a län, an SNI
// division, a SSYK level-2 group and a SUN field); Show finds them all.
//
// # Data
//
// The tables are tab-separated files in data/, embedded in the binary and
// parsed once on first use. They are written by the generator in
// internal/gen from the project's shared reference files (SCB's län and
// kommun codes, Tillväxtverket's kommun→FA15 list, SCB's SSYK 2012
// structure, SCB's SUN 2020 workbook and SNI 2007 lists); data/README.md
// describes each table and its source. To regenerate, with the shared data
// in ../shared/data next to the repository:
//
//	go generate ./codes/
//
// All functions are safe for concurrent use. Functions that return slices
// return fresh copies the caller may modify.
package codes

//go:generate go run ./internal/gen -data ../../shared/data -out data
