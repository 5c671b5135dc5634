package scbcsv

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"lmi/ingest/cube"
	"lmi/ingest/internal/pxtext"
)

// Options tune decoding. The zero value detects everything.
type Options struct {
	// Encoding forces the character set: "utf-8", or "latin1"
	// ("iso-8859-1", "windows-1252": both read as Windows-1252). Empty
	// detects it: a byte order mark or text that is valid UTF-8 means
	// UTF-8, anything else Latin-1.
	Encoding string

	// Separator forces the field separator ('\t', ';' or ','); 0 sniffs it
	// from the header line.
	Separator byte

	// Decimal forces the decimal mark ('.' or ','); 0 takes it from the
	// first number that has one.
	Decimal byte

	// ValueColumns is how many columns at the right hold numbers; 0
	// detects them (the columns whose headers are periods, else the
	// unquoted numeric columns at the right of the first data row, else
	// the last column).
	ValueColumns int

	// WholeText names columns whose texts are never split into a code and
	// a label.
	WholeText []string

	// Source and Language are copied into the table; Source defaults to
	// "SCB".
	Source   string
	Language string

	// MaxCells bounds the cells of the table; 0 means DefaultMaxCells.
	MaxCells int
}

// DefaultMaxCells is the cell limit when Options.MaxCells is 0.
const DefaultMaxCells = 1 << 26

// DecodeFile decodes the CSV file at path; only the first Options, if any,
// is used.
func DecodeFile(path string, opts ...Options) (*cube.Table, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Decode(f, path, o)
}

// Decode reads an SCB "CSV with heading" download from r. name is used in
// errors and, without its directory and extension, as the table ID.
// Nothing partial is returned: either a table that passes Validate or a
// *ParseError.
func Decode(r io.Reader, name string, opts Options) (*cube.Table, error) {
	return decode(r, name, opts, pxtext.InputSize(r))
}

// column is a text column: a dimension.
type column struct {
	raw   string // header bytes
	name  string // header text
	dict  map[string]int32
	texts []string // distinct cell texts in order of appearance (raw bytes until decoded)
}

type decoder struct {
	name string
	opts Options
	rd   *recordReader
	sp   splitter
	size int64

	sep         byte
	decimal     byte
	decimalLine int
	bom         bool
	title       string
	headerLine  int
	header      []string // raw
	ncols, nV   int
	cols        []*column
	notes       []string

	keys   []int32 // nText per row
	lines  []int32 // per row
	vals   []float64
	status []string

	invalidLine int // first line that is not valid UTF-8
	utf8Line    int // first line with a multi-byte UTF-8 character
	reserved    bool
	num         []byte
}

func (d *decoder) fail(line, col int, value string, err error) *ParseError {
	e := &ParseError{File: d.name, Line: line, Column: col, Err: err}
	if col > 0 && col <= len(d.header) {
		e.ColumnName = decodeGuess(d.header[col-1])
	}
	if len(value) > 60 {
		value = value[:60] + "..."
	}
	e.Value = strings.ToValidUTF8(value, "\uFFFD")
	return e
}

func decode(r io.Reader, name string, opts Options, size int64) (*cube.Table, error) {
	if opts.MaxCells <= 0 {
		opts.MaxCells = DefaultMaxCells
	}
	opts.MaxCells = min(opts.MaxCells, math.MaxInt32)
	switch strings.ToLower(opts.Encoding) {
	case "", "utf-8", "utf8", "latin1", "latin-1", "iso-8859-1", "iso8859-1", "windows-1252", "cp1252":
	default:
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: Options.Encoding %q (want utf-8 or latin1)", ErrEncoding, opts.Encoding)}
	}
	d := &decoder{name: name, opts: opts, rd: newRecordReader(r), size: size}
	if err := d.prelude(r); err != nil {
		return nil, err
	}
	first, err := d.readHeader()
	if err != nil {
		return nil, err
	}
	if err := d.readRows(first); err != nil {
		return nil, err
	}
	return d.build()
}

// prelude handles byte order marks: UTF-8 is skipped, UTF-16 decoded.
func (d *decoder) prelude(r io.Reader) error {
	b := d.rd.peekStart(3)
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		d.rd.skip(3)
		d.bom = true
	case len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF):
		rest := bytes.Clone(d.rd.buf[d.rd.pos:d.rd.end])
		src := io.MultiReader(bytes.NewReader(rest), r)
		if d.rd.eof {
			src = bytes.NewReader(rest)
		}
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		d.rd = newRecordReader(dec.Reader(src))
		d.bom = true
		d.size /= 2
	}
	if d.rd.err != nil {
		return &ParseError{File: d.name, Err: fmt.Errorf("%w: %w", ErrRead, d.rd.err)}
	}
	return nil
}

// record is a copy of a raw record with its line.
type record struct {
	b    []byte
	line int
}

// nextRecord returns the next record that is not blank, counting blank
// lines in blank.
func (d *decoder) nextRecord() (rec []byte, line int, blank int, ok bool, err error) {
	for {
		rec, line, ok, err := d.rd.next()
		if err != nil {
			switch {
			case errors.Is(err, errRecordTooLong), errors.Is(err, errUnclosedQuote):
				return nil, line, blank, false, d.fail(line, 0, "", fmt.Errorf("%w: %w", ErrBadQuote, err))
			default:
				return nil, line, blank, false, d.fail(line, 0, "", fmt.Errorf("%w: %w", ErrRead, err))
			}
		}
		if !ok {
			return nil, line, blank, false, nil
		}
		if len(bytes.TrimSpace(rec)) == 0 {
			blank++
			continue
		}
		return rec, line, blank, true, nil
	}
}

// readHeader finds the optional title line, the header and the separator,
// and returns the first data record.
func (d *decoder) readHeader() (*record, error) {
	rec, line, _, ok, err := d.nextRecord()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, d.fail(0, 0, "", fmt.Errorf("%w: the file is empty", ErrEmpty))
	}
	lead := bytes.TrimLeft(rec, " \t")
	switch {
	case len(lead) > 0 && lead[0] == '<':
		return nil, d.fail(line, 0, string(clipBytes(lead, 30)), fmt.Errorf("%w: it looks like an HTML page", ErrNotCSV))
	case len(lead) > 0 && (lead[0] == '{' || lead[0] == '['):
		return nil, d.fail(line, 0, string(clipBytes(lead, 30)), fmt.Errorf("%w: it looks like JSON", ErrNotCSV))
	}
	if isPXStatement(lead) {
		return nil, d.fail(line, 0, string(clipBytes(lead, 30)), fmt.Errorf("%w: it looks like a PC-Axis (px) file", ErrNotCSV))
	}
	r1 := record{bytes.Clone(rec), line}
	rec, line, _, ok, err = d.nextRecord()
	if err != nil {
		return nil, err
	}
	var r2 *record
	if ok {
		r2 = &record{bytes.Clone(rec), line}
	}
	// The header is the first line, unless it has fewer fields than the
	// next: then it is the table's title.
	fields := func(r []byte) int {
		if sep := sniff(r); sep != 0 {
			return countFields(r, sep)
		}
		return 1
	}
	header, first := r1, r2
	titled := r2 != nil && fields(r1.b) < fields(r2.b)
	if titled {
		d.track(r1.b, r1.line)
		d.title = titleText(&d.sp, r1.b)
		header, first = *r2, nil
		rec, line, _, ok, err := d.nextRecord()
		if err != nil {
			return nil, err
		}
		if ok {
			first = &record{bytes.Clone(rec), line}
		}
	}
	sep := d.opts.Separator
	switch {
	case sep == 0:
		sep = sniff(header.b)
		if sep == 0 {
			return nil, d.fail(header.line, 0, string(clipBytes(header.b, 30)), fmt.Errorf("%w: no tab, semicolon or comma in the header line", ErrNotCSV))
		}
	case sep != '\t' && sep != ';' && sep != ',':
		return nil, d.fail(0, 0, "", fmt.Errorf("%w: Options.Separator %q (want tab, semicolon or comma)", ErrNotCSV, sep))
	case countFields(header.b, sep) == 1:
		msg := fmt.Sprintf("the header has no %q (Options.Separator)", sep)
		if s := sniff(header.b); s != 0 {
			msg += fmt.Sprintf("; it seems to use %q", s)
		}
		return nil, d.fail(header.line, 0, string(clipBytes(header.b, 30)), fmt.Errorf("%w: %s", ErrNotCSV, msg))
	}
	d.sep = sep
	d.headerLine = header.line
	d.track(header.b, header.line)
	if col, err := d.sp.split(header.b, sep); err != nil {
		return nil, d.fail(header.line, col, "", fmt.Errorf("%w: %w", ErrBadQuote, err))
	}
	d.ncols = len(d.sp.fields)
	if d.ncols < 2 {
		return nil, d.fail(header.line, 0, string(clipBytes(header.b, 30)), fmt.Errorf("%w: the header has one column", ErrNotCSV))
	}
	seen := map[string]int{}
	for i, f := range d.sp.fields {
		h := string(bytes.TrimSpace(f))
		if h == "" {
			return nil, d.fail(header.line, i+1, "", fmt.Errorf("%w: empty column name", ErrBadHeader))
		}
		if j, dup := seen[h]; dup {
			return nil, d.fail(header.line, i+1, h, fmt.Errorf("%w: the same name as column %d", ErrBadHeader, j+1))
		}
		seen[h] = i
		d.header = append(d.header, h)
	}
	if first == nil {
		return nil, d.fail(header.line, 0, "", fmt.Errorf("%w: a header but no data rows", ErrEmpty))
	}
	if err := d.valueColumns(first); err != nil {
		return nil, err
	}
	d.cols = make([]*column, d.ncols-d.nV)
	for i := range d.cols {
		d.cols[i] = &column{raw: d.header[i], dict: map[string]int32{}}
	}
	return first, nil
}

// valueColumns decides how many columns at the right hold numbers.
func (d *decoder) valueColumns(first *record) error {
	if n := d.opts.ValueColumns; n > 0 {
		if n > d.ncols {
			return d.fail(d.headerLine, 0, "", fmt.Errorf("%w: Options.ValueColumns is %d but the header has %d columns", ErrBadHeader, n, d.ncols))
		}
		d.nV = n
		return nil
	}
	k := 0
	for k < d.ncols && isPeriod(d.header[d.ncols-1-k]) {
		k++
	}
	if k == d.ncols {
		k = d.ncols - 1 // keep one text column; its header is a period by chance
	}
	if k > 0 {
		d.nV = k
		return nil
	}
	// No period headers: a single value column (or several measures).
	// Take the unquoted numbers at the right of the first data row.
	if _, err := d.sp.split(first.b, d.sep); err == nil && len(d.sp.fields) == d.ncols {
		for k < d.ncols-1 {
			c := d.ncols - 1 - k
			f := bytes.TrimSpace(d.sp.fields[c])
			if d.sp.quoted[c] || timeName(d.header[c]) {
				break
			}
			if _, ok := statusOf(f); !ok && !looksNumeric(f) {
				break
			}
			k++
		}
	}
	d.nV = max(k, 1)
	return nil
}

// titleText is the text of a title line: its fields without quotes,
// joined as they were.
func titleText(sp *splitter, line []byte) string {
	sep := sniff(line)
	if sep == 0 {
		sep = ','
	}
	if _, err := sp.split(line, sep); err != nil {
		return strings.TrimSpace(string(line))
	}
	join := string(sep) + " "
	if sep == '\t' {
		join = " "
	}
	var parts []string
	for _, f := range sp.fields {
		if t := strings.TrimSpace(string(f)); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, join)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// isPXStatement says whether a line starts like a PC-Axis statement:
// KEYWORD, maybe [lang] and ("var"), then =.
func isPXStatement(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] >= 'A' && b[i] <= 'Z' || b[i] == '-') {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(b) && (b[i] == '[' || b[i] == '(') {
		j := bytes.IndexByte(b[i:], '=')
		if j < 0 {
			return false
		}
		i += j
	}
	return i < len(b) && b[i] == '='
}

// looksNumeric says whether b is made of digits, signs, decimal marks,
// exponents and thousands spaces, with a digit.
func looksNumeric(b []byte) bool {
	digit := false
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c == '-' || c == '+' || c == '.' || c == ',' || c == ' ' || c == 'e' || c == 'E' || c >= 0x80:
		default:
			return false
		}
	}
	return digit
}

// track notes which lines are UTF-8 and which are not.
func (d *decoder) track(rec []byte, line int) {
	if d.invalidLine != 0 && d.utf8Line != 0 {
		return
	}
	high := false
	for _, c := range rec {
		if c >= 0x80 {
			high = true
			break
		}
	}
	if !high {
		return
	}
	if utf8.Valid(rec) {
		if d.utf8Line == 0 {
			d.utf8Line = line
		}
	} else if d.invalidLine == 0 {
		d.invalidLine = line
	}
}

// readRows reads the data rows (and footnotes after a blank line).
func (d *decoder) readRows(first *record) error {
	nText := d.ncols - d.nV
	rec, line := first.b, first.line
	blankBefore, inNotes := false, false
	for {
		d.track(rec, line)
		if col, err := d.sp.split(rec, d.sep); err != nil {
			if s := sniff(rec); s != 0 && s != d.sep {
				return d.fail(line, 0, string(clipBytes(rec, 40)), fmt.Errorf("%w: the row separates fields with %q, the header (line %d) with %q", ErrRaggedRow, s, d.headerLine, d.sep))
			}
			return d.fail(line, col, "", fmt.Errorf("%w: %w", ErrBadQuote, err))
		}
		fields := d.sp.fields
		switch {
		case len(fields) == d.ncols && !inNotes:
			if err := d.row(fields, nText, line); err != nil {
				return err
			}
		case len(fields) == 1 && blankBefore && len(d.lines) > 0:
			// Footnotes after the data, separated by a blank line.
			inNotes = true
			if t := strings.TrimSpace(string(fields[0])); t != "" {
				d.notes = append(d.notes, t)
			}
		case inNotes:
			return d.fail(line, 0, string(clipBytes(rec, 40)), fmt.Errorf("%w: a data row after the footnotes", ErrRaggedRow))
		default:
			return d.fail(line, 0, string(clipBytes(rec, 40)), fmt.Errorf("%w: %s, the header (line %d) has %d", ErrRaggedRow, plural(len(fields), "field"), d.headerLine, d.ncols))
		}
		var blank int
		var ok bool
		var err error
		rec, line, blank, ok, err = d.nextRecord()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		blankBefore = blankBefore || blank > 0
	}
	if len(d.lines) == 0 {
		return d.fail(d.headerLine, 0, "", fmt.Errorf("%w: a header but no data rows", ErrEmpty))
	}
	return nil
}

// row stores one data row.
func (d *decoder) row(fields [][]byte, nText, line int) error {
	if !d.reserved && len(d.lines) == 256 || d.reserved && len(d.lines) == cap(d.lines) {
		d.reserve()
	}
	for c := 0; c < nText; c++ {
		f := fields[c]
		if !d.sp.quoted[c] {
			f = bytes.TrimSpace(f)
		}
		col := d.cols[c]
		idx, ok := col.dict[string(f)]
		if !ok {
			if len(col.texts) >= d.opts.MaxCells {
				return d.fail(line, c+1, string(f), fmt.Errorf("%w: more than %d values in one column", ErrTooLarge, d.opts.MaxCells))
			}
			s := string(f)
			idx = int32(len(col.texts))
			col.dict[s] = idx
			col.texts = append(col.texts, s)
		}
		d.keys = append(d.keys, idx)
	}
	if len(d.vals)+d.nV > d.opts.MaxCells {
		return d.fail(line, 0, "", fmt.Errorf("%w: more than %d cells", ErrTooLarge, d.opts.MaxCells))
	}
	for c := nText; c < d.ncols; c++ {
		v, st, err := d.value(fields[c], line, c+1)
		if err != nil {
			return err
		}
		d.vals = append(d.vals, v)
		d.status = append(d.status, st)
	}
	d.lines = append(d.lines, int32(min(line, math.MaxInt32)))
	return nil
}

// reserve sizes the row slices from the input size and the bytes a row
// takes so far, so that they grow once (or by a quarter if the estimate
// falls short) instead of doubling.
func (d *decoder) reserve() {
	d.reserved = true
	if d.size <= 0 || d.rd.consumed <= 0 {
		return
	}
	rows := len(d.lines)
	perRow := float64(d.rd.consumed) / float64(rows)
	est := int(float64(d.size)/perRow*1.05) + 16
	if est <= rows {
		est = rows + rows/4 // the estimate was short: grow by a quarter
	}
	if est*d.nV > d.opts.MaxCells {
		return
	}
	nText := d.ncols - d.nV
	d.keys = grow(d.keys, est*nText)
	d.lines = grow(d.lines, est)
	d.vals = grow(d.vals, est*d.nV)
	d.status = grow(d.status, est*d.nV)
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s
	}
	ns := make([]T, len(s), n)
	copy(ns, s)
	return ns
}

// value parses a value cell: a number, a dot code or "<5".
func (d *decoder) value(f []byte, line, col int) (float64, string, error) {
	f = bytes.TrimSpace(f)
	if len(f) == 0 {
		return 0, "", d.fail(line, col, "", fmt.Errorf("%w: an empty value (SCB writes .. for a missing one)", ErrBadNumber))
	}
	if st, ok := statusOf(f); ok {
		return math.NaN(), st, nil
	}
	if v, ok := pxtext.ParseNumber(f); ok && bytes.IndexByte(f, ',') < 0 {
		if bytes.IndexByte(f, '.') >= 0 && !(len(f) > 0 && (f[0] == 'e' || f[0] == 'E')) {
			if err := d.setDecimal('.', line, col, f); err != nil {
				return 0, "", err
			}
		}
		return v, "", nil
	}
	// Slow path: a Unicode minus, thousands separators, a decimal comma.
	num := d.num[:0]
	if bytes.HasPrefix(f, []byte("\u2212")) {
		num = append(num, '-')
		f = f[len("\u2212"):]
	}
	group, groups := 0, 0
	var mark byte
	bad := func(why string) (float64, string, error) {
		return 0, "", d.fail(line, col, string(f), fmt.Errorf("%w: %s", ErrBadNumber, why))
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c >= '0' && c <= '9':
			num = append(num, c)
			group++
		case c == '-' || c == '+':
			if i != 0 || len(num) > 0 {
				return bad("a sign inside the number")
			}
			num = append(num, c)
		case c == '.' || c == ',':
			if mark != 0 {
				return bad("more than one decimal mark (thousands are separated by spaces in SCB files)")
			}
			if groups > 0 && group != 3 {
				return bad("thousands groups are not three digits")
			}
			mark = c
			num = append(num, '.')
			group, groups = 0, -1 // no grouping after the mark
		case c == ' ' || c == 0xA0 || c == 0xC2 && i+1 < len(f) && f[i+1] == 0xA0 || c == 0xE2 && i+2 < len(f) && f[i+1] == 0x80 && f[i+2] == 0xAF:
			switch c {
			case 0xC2:
				i++
			case 0xE2:
				i += 2
			}
			if groups < 0 || group == 0 || group > 3 || groups > 0 && group != 3 {
				return bad("a space that is not a thousands separator")
			}
			groups++
			group = 0
		default:
			return bad("not a number or a dot code")
		}
	}
	if groups > 0 && group != 3 {
		return bad("thousands groups are not three digits")
	}
	if mark != 0 {
		if err := d.setDecimal(mark, line, col, f); err != nil {
			return 0, "", err
		}
	}
	d.num = num
	v, ok := pxtext.ParseNumber(num)
	if !ok {
		return bad("not a number or a dot code")
	}
	return v, "", nil
}

// setDecimal settles the file's decimal mark at its first use and checks
// every later one.
func (d *decoder) setDecimal(mark byte, line, col int, f []byte) error {
	if d.decimal == 0 {
		if d.opts.Decimal != 0 {
			d.decimal = d.opts.Decimal
		} else {
			d.decimal, d.decimalLine = mark, line
		}
	}
	if mark != d.decimal {
		where := "Options.Decimal"
		if d.decimalLine > 0 {
			where = fmt.Sprintf("line %d", d.decimalLine)
		}
		return d.fail(line, col, string(f), fmt.Errorf("%w: decimal mark %q, but the file uses %q (%s)", ErrBadNumber, mark, d.decimal, where))
	}
	return nil
}

func clipBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// decodeGuess turns raw bytes into text for messages before the file's
// encoding is known.
func decodeGuess(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return latin1(s)
}

func latin1(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			var b strings.Builder
			b.Grow(len(s) + len(s)/2)
			for j := 0; j < len(s); j++ {
				if c := s[j]; c < 0x80 {
					b.WriteByte(c)
				} else {
					b.WriteRune(charmap.Windows1252.DecodeByte(c))
				}
			}
			return b.String()
		}
	}
	return s
}

// isPeriod says whether a header names a period: 2024, 2024M01, 2024K1,
// 2024Q1, 2024H1, 2024-01, 2015/16.
func isPeriod(h string) bool {
	if len(h) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if h[i] < '0' || h[i] > '9' {
			return false
		}
	}
	if h[0] != '1' && h[0] != '2' {
		return false
	}
	rest := h[4:]
	digits := func(s string, n int) bool {
		if len(s) != n {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case rest == "":
		return true
	case len(rest) >= 2 && (rest[0] == 'M' || rest[0] == 'm'):
		return digits(rest[1:], 2) && rest[1:] >= "01" && rest[1:] <= "12"
	case len(rest) == 2 && (rest[0] == 'K' || rest[0] == 'Q' || rest[0] == 'k' || rest[0] == 'q'):
		return rest[1] >= '1' && rest[1] <= '4'
	case len(rest) == 2 && (rest[0] == 'H' || rest[0] == 'h'):
		return rest[1] == '1' || rest[1] == '2'
	case len(rest) == 3 && rest[0] == '-':
		return digits(rest[1:], 2) && rest[1:] >= "01" && rest[1:] <= "12"
	case len(rest) == 3 && rest[0] == '/':
		return digits(rest[1:], 2)
	}
	return false
}

// timeName says whether a column header names time.
func timeName(raw string) bool {
	switch strings.ToLower(decodeGuess(raw)) {
	case "år", "ar", "year", "years", "period", "tid", "månad", "manad", "month", "kvartal", "quarter", "halvår", "tidsperiod", "time":
		return true
	}
	return false
}

// geoName says whether a column header names regions.
func geoName(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "län", "lan", "kommun", "county", "municipality", "fa-region", "la-region":
		return true
	}
	return strings.HasPrefix(n, "region")
}
