package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"lmi/ingest/af"
)

// maxInput bounds the whole-file readers (everything except the job-ad
// stream): the largest real file of these kinds is a few MB.
const maxInput = 512 << 20

// BOM is the UTF-8 byte order mark.
var BOM = []byte("\xef\xbb\xbf")

// ReadAll reads a whole input, at most maxInput bytes.
func ReadAll(r io.Reader, file string) ([]byte, error) {
	data, err := readAllSized(io.LimitReader(r, maxInput+1), sizeHint(r))
	if err != nil {
		return nil, &af.Error{File: file, Kind: af.ErrIO, Err: err}
	}
	if len(data) > maxInput {
		return nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: fmt.Sprintf("larger than %d MB", maxInput>>20)}
	}
	return data, nil
}

// sizeHint returns the size of what r holds when it says (a file, a
// bytes or strings reader), else 0.
func sizeHint(r io.Reader) int {
	switch v := r.(type) {
	case interface{ Len() int }:
		return v.Len()
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= maxInput {
			return int(fi.Size())
		}
	}
	return 0
}

// readAllSized is io.ReadAll starting with room for size bytes (and one
// more, to see the end without growing): io.ReadAll grows from 512 bytes,
// copying a 10 MB file several times over.
func readAllSized(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, max(512, min(size, maxInput)+1))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// ReadText reads a whole text input: it strips a UTF-8 BOM and rejects an
// empty input, an HTML or XML page, and text that is not UTF-8.
func ReadText(r io.Reader, file string) ([]byte, error) {
	data, err := ReadAll(r, file)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, BOM)
	if err := CheckText(data, file); err != nil {
		return nil, err
	}
	return data, nil
}

// CheckText rejects empty input, markup and invalid UTF-8.
func CheckText(data []byte, file string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return &af.Error{File: file, Kind: af.ErrNotData, Msg: "the file is empty"}
	}
	if err := CheckMarkup(data, file); err != nil {
		return err
	}
	return CheckUTF8(data, file, 1)
}

// CheckMarkup reports an HTML or XML page (typically an error page saved
// instead of the data).
func CheckMarkup(data []byte, file string) error {
	t := bytes.TrimLeft(data, " \t\r\n")
	t = bytes.TrimPrefix(t, BOM)
	if len(t) == 0 || t[0] != '<' {
		return nil
	}
	msg := "the file is an HTML or XML page, not data"
	low := asciiLower(t[:min(len(t), 4096)])
	if i := bytes.Index(low, []byte("<title>")); i >= 0 {
		rest := t[i+7 : min(len(t), i+7+200)]
		if j := bytes.Index(asciiLower(rest), []byte("</title>")); j >= 0 {
			rest = rest[:j]
		}
		msg += fmt.Sprintf(" (title %q)", Short(strings.TrimSpace(strings.ToValidUTF8(string(rest), "?"))))
	}
	return &af.Error{File: file, Line: 1, Kind: af.ErrNotData, Msg: msg}
}

// asciiLower lower-cases the ASCII letters of b in a copy and leaves every
// other byte as it is, so positions in the copy are positions in b
// (bytes.ToLower turns a byte that is not UTF-8 into three).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// CheckUTF8 reports the first byte that is not UTF-8, with its line
// (counted from firstLine) and column.
func CheckUTF8(data []byte, file string, firstLine int64) error {
	if utf8.Valid(data) {
		return nil
	}
	line, col := firstLine, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			msg := fmt.Sprintf("byte 0x%02X at column %d is not UTF-8", data[i], col)
			if CP1252Letter(data[i]) {
				msg += fmt.Sprintf(" (it is %q in Windows-1252: save the file as UTF-8)", CP1252(data[i]))
			}
			return &af.Error{File: file, Line: line, Kind: af.ErrEncoding, Msg: msg}
		}
		if r == '\n' {
			line++
			col = 0
		}
		col++
		i += n
	}
	return nil
}

// CP1252Letter reports whether b is a Swedish letter or another common
// character in Windows-1252 / ISO-8859-1.
func CP1252Letter(b byte) bool { return b >= 0xC0 || b == 0x96 || b == 0x92 }

// CP1252 returns the character byte b is in Windows-1252.
func CP1252(b byte) string {
	switch b {
	case 0x96:
		return "–"
	case 0x92:
		return "’"
	}
	return string(rune(b)) // Latin-1 and Windows-1252 agree from 0xA0
}

// LineOf returns the 1-based line of byte offset off in data.
func LineOf(data []byte, off int64) int64 {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return int64(bytes.Count(data[:off], []byte{'\n'})) + 1
}

// Table is a rectangular view of a CSV file or an xlsx sheet: rows of
// cells with their positions. Raw holds the values (for xlsx the
// unformatted cell values); Text the displayed text (for CSV the same);
// Names the column names errors give (a reader sets them from its header).
type Table struct {
	File  string
	Sheet string // "" for CSV
	Raw   [][]string
	Text  [][]string
	Lines []int64 // CSV: the line each row starts on; xlsx: the row number
	Names []string
}

// Get returns the raw value of cell (r, c), "" outside the data.
func (t *Table) Get(r, c int) string {
	if r < 0 || r >= len(t.Raw) || c < 0 || c >= len(t.Raw[r]) {
		return ""
	}
	return t.Raw[r][c]
}

// TextAt returns the displayed text of cell (r, c).
func (t *Table) TextAt(r, c int) string {
	if r < 0 || r >= len(t.Text) || c < 0 || c >= len(t.Text[r]) {
		return ""
	}
	return t.Text[r][c]
}

// Width returns the number of cells in row r.
func (t *Table) Width(r int) int { return max(len(t.Raw[r]), len(t.Text[r])) }

// Num reads cell (r, c) as a number. Values from xlsx are rounded to 15
// significant digits, the precision Excel displays: the workbooks store
// binary artefacts such as 3.9250100000000003 for a published 3.92501.
func (t *Table) Num(r, c int) (float64, bool) {
	v, ok := ParseNumber(t.Get(r, c))
	if ok && t.Sheet != "" {
		v = Round15(v)
	}
	return v, ok
}

// Round15 rounds v to 15 significant digits, as Excel shows it.
func Round15(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// Blank reports whether every cell of row r is empty or blank.
func (t *Table) Blank(r int) bool {
	for c := range t.Width(r) {
		if strings.TrimSpace(t.Get(r, c)) != "" || strings.TrimSpace(t.TextAt(r, c)) != "" {
			return false
		}
	}
	return true
}

// At returns a positioned error for cell (r, c) with the column name.
// c < 0 positions the row only.
func (t *Table) At(r, c int, kind error, format string, args ...any) *af.Error {
	e := &af.Error{File: t.File, Sheet: t.Sheet, Kind: kind, Msg: fmt.Sprintf(format, args...)}
	if r >= 0 && r < len(t.Lines) {
		e.Line = t.Lines[r]
	}
	if c >= 0 {
		if c < len(t.Names) && t.Names[c] != "" {
			e.Column = t.Names[c]
		} else {
			e.Column = "column " + ColName(c)
		}
		e.Value = Short(t.Get(r, c))
		if t.Sheet != "" {
			e.Cell = ColName(c) + strconv.FormatInt(e.Line, 10)
		}
	}
	return e
}

// ColName returns the spreadsheet name of 0-based column c: A, B, ... AA.
func ColName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// ReadSeparated reads a whole CSV file whose separator is known (sep),
// its header on the first line: a header holding another separator
// instead is refused before the CSV parser stumbles on a later line.
func ReadSeparated(r io.Reader, file string, sep rune) (*Table, error) {
	data, err := ReadText(r, file)
	if err != nil {
		return nil, err
	}
	if err := CheckFirstLine(data, file, sep); err != nil {
		return nil, err
	}
	t, err := ReadCSVTable(data, file, sep)
	if err != nil {
		return nil, err
	}
	if err := CheckSeparator(t, 0, sep); err != nil {
		return nil, err
	}
	return t, nil
}

// ReadCSVTable reads a whole CSV text (BOM, encoding and markup already
// checked) with separator comma. Every record is kept; records may have
// different lengths.
func ReadCSVTable(data []byte, file string, comma rune) (*Table, error) {
	if t, ok := SplitCSV(data, file, comma); ok {
		return t, nil
	}
	return ReadCSVTableStd(data, file, comma)
}

// SplitCSV reads a CSV text as encoding/csv does (the same records and
// lines) when its quoted fields are simple: each on one line, without ""
// inside, followed by the separator or the line end. It does so without
// a string and a slice a record: the fields are slices of the text, the
// records slices of one array of fields. encoding/csv was most of the
// time of reading the smaller AF files. ok is false for any other quote
// (a field over lines, "", a quote inside a field: a syntax error or a
// rare layout), left to encoding/csv.
//
// The fields alias data, which must not change afterwards: the readers
// pass ReadText's own buffer, which nothing writes to once it is read (a
// string kept from the table stays valid; it keeps the buffer alive, so
// the readers copy what they keep). That saves a copy of the file: 10
// of the 55 MB a 10 MB statistics sheet allocates.
func SplitCSV(data []byte, file string, comma rune) (*Table, bool) {
	if comma <= 0 || comma >= utf8.RuneSelf || comma == '"' || comma == '\r' || comma == '\n' {
		return nil, false
	}
	sep := byte(comma)
	nl := bytes.Count(data, []byte{'\n'}) + 1
	fields := make([]string, 0, bytes.Count(data, []byte{sep})+nl)
	t := &Table{File: file, Raw: make([][]string, 0, nl), Lines: make([]int64, 0, nl)}
	text := unsafe.String(unsafe.SliceData(data), len(data))
	line := int64(0)
	for pos := 0; pos < len(text); {
		l := text[pos:]
		if i := strings.IndexByte(l, '\n'); i >= 0 {
			l, pos = l[:i], pos+i+1
		} else {
			pos = len(text)
		}
		line++
		// encoding/csv drops one \r before \n or at the end, and skips
		// empty lines.
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if l == "" {
			continue
		}
		start := len(fields)
		// Most lines have no quote: one look for it, then only the
		// separators.
		plain := strings.IndexByte(l, '"') < 0
		for plain {
			i := strings.IndexByte(l, sep)
			if i < 0 {
				fields = append(fields, l)
				break
			}
			fields = append(fields, l[:i])
			l = l[i+1:]
		}
		for !plain {
			if l != "" && l[0] == '"' {
				j := strings.IndexByte(l[1:], '"')
				if j < 0 {
					return nil, false
				}
				fields = append(fields, l[1:1+j])
				l = l[2+j:]
				if l == "" {
					break
				}
				if l[0] != sep {
					return nil, false
				}
				l = l[1:]
				continue
			}
			i := strings.IndexByte(l, sep)
			f := l
			if i >= 0 {
				f = l[:i]
			}
			if strings.IndexByte(f, '"') >= 0 {
				return nil, false
			}
			fields = append(fields, f)
			if i < 0 {
				break
			}
			l = l[i+1:]
		}
		t.Raw = append(t.Raw, fields[start:len(fields):len(fields)])
		t.Lines = append(t.Lines, line)
	}
	t.Text = t.Raw
	return t, true
}

// ReadCSVTableStd is ReadCSVTable through encoding/csv, for texts with
// quotes.
func ReadCSVTableStd(data []byte, file string, comma rune) (*Table, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	t := &Table{File: file}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &af.Error{File: file, Line: int64(pe.Line), Kind: af.ErrSyntax,
					Msg: fmt.Sprintf("column %d: %v", pe.Column, pe.Err)}
			}
			return nil, &af.Error{File: file, Kind: af.ErrSyntax, Err: err}
		}
		line, _ := cr.FieldPos(0)
		t.Raw = append(t.Raw, rec)
		t.Lines = append(t.Lines, int64(line))
	}
	t.Text = t.Raw
	return t, nil
}

// CheckFirstLine refuses a file whose first line does not hold the
// separator want but another one, before the CSV parser stumbles on a
// later line.
func CheckFirstLine(data []byte, file string, want rune) error {
	line := data
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if bytes.ContainsRune(line, want) {
		return nil
	}
	for _, s := range []rune{';', ',', '\t', '|'} {
		if s != want && bytes.ContainsRune(line, s) {
			return &af.Error{File: file, Line: 1, Kind: af.ErrHeader, Msg: fmt.Sprintf("the header is one field: the file is separated by %s, expected %s", sepName(s), sepName(want))}
		}
	}
	return nil
}

// CheckSeparator turns a one-field header into a clear error when the
// file uses another separator than want.
func CheckSeparator(t *Table, r int, want rune) error {
	if r >= len(t.Raw) || len(t.Raw[r]) != 1 {
		return nil
	}
	h := t.Raw[r][0]
	for _, s := range []rune{';', ',', '\t', '|'} {
		if s != want && strings.ContainsRune(h, s) {
			return t.At(r, -1, af.ErrHeader, "the header is one field: the file is separated by %s, expected %s", sepName(s), sepName(want))
		}
	}
	return nil
}

func sepName(r rune) string {
	switch r {
	case '\t':
		return "tabs"
	case ';':
		return "semicolons"
	case ',':
		return "commas"
	}
	return strconv.QuoteRune(r)
}

// ParseNumber reads a published number: optional sign, digits, a decimal
// point or comma, spaces or no-break spaces as thousands separators, and
// (for raw xlsx values) an exponent. NaN and infinities are refused.
func ParseNumber(s string) (float64, bool) {
	if v, ok := smallDecimal(s); ok {
		return v, true
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if PlainNumber(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, false
		}
		return v, true
	}
	var buf [64]byte
	b := buf[:0]
	dec := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '+', c == '-', c == 'e', c == 'E':
			b = append(b, c)
		case c == '.' || c == ',':
			if dec {
				return 0, false
			}
			dec = true
			b = append(b, '.')
		case c == ' ':
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // no-break space
			i++
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xAF: // narrow no-break space
			i += 2
		default:
			return 0, false
		}
	}
	if len(b) == 0 || b[0] == 'e' || b[0] == 'E' {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// smallDecimal reads the common cells without strconv and gets the
// same double: an optional '-', at most 15 digits and at most one '.' or
// ',' between them. The digits as an integer and a power of ten up to
// 10^15 are exact doubles, so their quotient is rounded once, as
// strconv.ParseFloat rounds. ok is false for anything else.
func smallDecimal(s string) (float64, bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	var m uint64
	nd, frac := 0, -1
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			nd++
			if frac >= 0 {
				frac++
			}
		case (c == '.' || c == ',') && frac < 0 && nd > 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if nd == 0 || nd > 15 || frac == 0 {
		return 0, false
	}
	v := float64(m)
	if frac > 0 {
		v /= pow10[frac]
	}
	if neg {
		v = -v
	}
	return v, true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// PlainNumber reports a number strconv can read as it is: digits, at
// most one '.', a leading '-', no exponent.
func PlainNumber(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		case c == '-' && i == 0 && len(s) > 1:
		default:
			return false
		}
	}
	return s[len(s)-1] != '.'
}

// ParseCount reads a non-negative count. It returns censored for "<5"
// (and any "<N"), missing for "", "..", "-", "–" and "x".
func ParseCount(s string) (v float64, censored, missing, ok bool) {
	t := strings.TrimSpace(s)
	switch t {
	case "", "..", ".", "-", "–", "—", "x", "X":
		return math.NaN(), false, true, true
	}
	if strings.HasPrefix(t, "<") {
		if _, ok := ParseNumber(t[1:]); ok {
			return math.NaN(), true, false, true
		}
		return 0, false, false, false
	}
	v, ok = ParseNumber(t)
	return v, false, false, ok
}

// Digits reports whether s is non-empty and all ASCII digits.
func Digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Fold lower-cases s and collapses its white space, for label matching.
func Fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
