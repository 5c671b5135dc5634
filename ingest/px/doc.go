// Package px decodes PC-Axis files (.px), the format of SCB's PX-Web and
// PC-Axis exports and of many other statistics offices, into a cube.Table:
// the dimensions with their codes and labels, every cell as a number or as
// the dot code SCB printed for it, the title, source, last-updated stamp
// and notes.
//
//	t, err := px.DecodeFile("BE0101A1.px")                       // the file's main language
//	t, err := px.Decode(r, "BE0101A1.px", px.Options{Language: "sv"}) // a translation
//
// # What the decoder relies on
//
// A file is a list of statements KEYWORD[lang]("arg",...)=value; ending at
// DATA=, which comes last. Values are quoted strings (no escapes; a string
// ends on its own line, and strings separated only by white space are one
// string continued, joined with nothing between them), unquoted words
// (YES, 0, VALUES), commas and parentheses (TLIST(A1)). Unknown keywords
// are read and ignored. Keywords are read case-insensitively.
//
//   - Character set: a UTF-8 byte order mark means UTF-8; else CODEPAGE
//     ("utf-8", "iso-8859-1", "windows-1252", "iso-8859-15", "ibm850",
//     "ibm437"); else CHARSET="ANSI" or nothing means Windows-1252 (which
//     SCB's files are; ISO-8859-1 with "…" and dashes). Header text that is
//     valid UTF-8 with non-ASCII letters is read as UTF-8 whatever the
//     declaration (Windows-1252 text practically never is), and a note
//     says so. Text declared UTF-8 that is not is an error.
//   - Languages: LANGUAGE is the main language (else the first of
//     LANGUAGES); KEYWORD[sv] is the Swedish version of KEYWORD, and
//     keywords about a variable name it in that language (VALUES[sv]("kön")
//     for VALUES("sex")), matched by position in STUB[sv]/HEADING[sv].
//     A keyword missing in the language read falls back on the main one;
//     notes do not.
//   - Dimensions: the STUB variables, then the HEADING variables, in the
//     order listed. DATA holds the cells in that order, the last HEADING
//     variable fastest, which is cube.Table's order, so cells are stored
//     as they are read. Each variable needs VALUES (the labels); CODES,
//     when given, are the value codes, else the values are. The
//     dimension's code is VARIABLE-CODE, else the variable's name in the
//     main language (stable across languages); its label is the name in
//     the language read. Value labels are kept as the file gives them
//     ("01 Stockholm county").
//   - Roles: TIMEVAL (TLIST(A1|H1|Q1|M1|W1) with a list or a range) or
//     VARIABLE-TYPE="time" make a time dimension; CONTVARIABLE a metric
//     one; MAP, VARIABLE-TYPE="geographical" or a variable named region,
//     län, kommun, county or municipality a geographic one.
//   - DATA: numbers separated by spaces, tabs, line ends or commas; the dot
//     codes "." ".." "..." "...." "....." "......" and "-", quoted or not,
//     become the cell's Status (with Options.DataSymbols, the file's own
//     DATASYMBOL1..6 / DATASYMBOLNIL text instead; either way the texts
//     and DATASYMBOLSUM are listed in Notes). DECIMALS and SHOWDECIMALS
//     are presentation; numbers are kept as written. The closing semicolon
//     may be missing (three of SCB's example files end without one), but
//     then a file cut inside its last number cannot be told from a
//     shorter number.
//   - KEYS("var")=VALUES or CODES: each DATA row starts with the key of
//     every STUB variable (VALUES text or CODES code, main language), then
//     holds the HEADING cells. Rows may be left out: the PX format leaves
//     out rows that are all zeros, so their cells are 0 (or missing, with
//     Options.AbsentKeysMissing). A KEYS file must end with the semicolon.
//   - Metadata: MATRIX is the table ID (else the file name), TITLE (else
//     DESCRIPTION, else CONTENTS) the title, SOURCE the source, LAST-UPDATED
//     (else the latest per-content LAST-UPDATED("...")) Updated. NOTEX,
//     NOTE, VALUENOTEX, VALUENOTE, CELLNOTEX and CELLNOTE of the language
//     read go into Notes, prefixed by their variable, value or cell.
//
// Anything else is an error: a *ParseError with the file, line, column and
// keyword, wrapping a sentinel (ErrDataCount, ErrUnterminated, ErrHTML,
// ErrDuplicateCode, ...; ErrTruncated as well when the input ended too
// early). Nothing partial is returned.
//
// # Memory
//
// The input is read once through a 64 KiB buffer (smaller for a smaller
// input); a single token may not exceed 1 MiB. Besides that buffer the
// decoder holds the header statements (their text, which the dimensions
// keep anyway) and the table: 24 bytes a cell (a float64 and a string
// header for the status). When the input's size is known (DecodeFile, or a
// reader with a Len method such as bytes.Reader) the cell slices are
// allocated once at the table's size, so the peak is the table plus the
// header plus the buffer; from a reader of unknown size they start at
// min(cells, 1 Mi cells) and grow by appending, so while growing they may
// briefly take twice the table. A KEYS file adds 4 bytes for each STUB
// combination. Options.MaxCells (default 64 Mi cells, about 1.6 GB) bounds
// the table a header may declare.
package px
