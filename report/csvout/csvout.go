package csvout

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"lmi/internal/atomicfile"
	"lmi/report"
)

// Dialect is a CSV flavour.
type Dialect struct {
	Name           string
	Comma          byte                // field separator
	Number         report.NumberFormat // how numbers are written (thousands separators are ignored)
	CRLF           bool                // CRLF line ends instead of LF
	BOM            bool                // start with a UTF-8 byte-order mark
	SwedishHeaders bool                // the header row holds Column.Header instead of Column.Key
	Symbols        bool                // write "..", ".", "-" for cells without a value instead of leaving them empty
	Rounded        bool                // round numbers as displayed (by kind) instead of full precision
}

// The dialects.
var (
	Default = Dialect{Name: "default", Comma: ',', Number: report.Machine}
	ExcelSv = Dialect{Name: "excel-sv", Comma: ';', Number: report.SwedishPlain, CRLF: true, BOM: true,
		SwedishHeaders: true, Symbols: true}
)

// Dialects returns the names DialectByName knows.
func Dialects() []string { return []string{Default.Name, ExcelSv.Name} }

// DialectByName returns the dialect named "default" or "excel-sv".
func DialectByName(name string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case Default.Name:
		return Default, nil
	case ExcelSv.Name:
		return ExcelSv, nil
	}
	return Dialect{}, fmt.Errorf("unknown CSV dialect %q (valid: %s)", name, strings.Join(Dialects(), ", "))
}

// Write writes t's header and rows to w and returns the number of data rows
// written. It reads t.Rows to the end.
func Write(w io.Writer, t *report.Table, d Dialect) (int64, error) {
	if err := t.Check(); err != nil {
		return 0, err
	}
	if d.Comma == 0 || d.Comma == '"' || d.Comma == '\r' || d.Comma == '\n' {
		return 0, fmt.Errorf("csv dialect %q: invalid separator %q", d.Name, d.Comma)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	e := encoder{d: d, cols: t.Columns}
	if d.BOM {
		e.buf = append(e.buf, 0xEF, 0xBB, 0xBF)
	}
	for i, c := range t.Columns {
		h := c.Key
		if d.SwedishHeaders {
			h = c.Title()
		}
		e.field(i, h)
	}
	e.eol()
	var n int64
	if t.Rows != nil {
		row := make([]report.Cell, len(t.Columns))
		for t.Rows.Next(row) {
			e.row(row)
			n++
			if len(e.buf) >= 32<<10 {
				if _, err := bw.Write(e.buf); err != nil {
					return n, fmt.Errorf("write csv %s: %w", t.Name, err)
				}
				e.buf = e.buf[:0]
			}
		}
		if err := t.Rows.Err(); err != nil {
			return n, fmt.Errorf("write csv %s: row %d: %w", t.Name, n+1, err)
		}
	}
	if _, err := bw.Write(e.buf); err != nil {
		return n, fmt.Errorf("write csv %s: %w", t.Name, err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write csv %s: %w", t.Name, err)
	}
	return n, nil
}

// WriteFile writes t to path atomically (see internal/atomicfile) with
// permissions 0644 and returns the number of data rows.
func WriteFile(path string, t *report.Table, d Dialect) (int64, error) {
	var n int64
	err := atomicfile.Write(path, FileMode, func(w io.Writer) error {
		var err error
		n, err = Write(w, t, d)
		return err
	})
	return n, err
}

type encoder struct {
	d    Dialect
	cols []report.Column
	buf  []byte
}

func (e *encoder) row(row []report.Cell) {
	for i, c := range row {
		col := e.cols[i]
		if i > 0 {
			e.buf = append(e.buf, e.d.Comma)
		}
		switch {
		case c.State != report.Value:
			if e.d.Symbols {
				e.buf = append(e.buf, c.State.Symbol()...)
			}
		case c.KindIn(col).Numeric():
			e.number(c.Num, col.DecimalsFor(c.KindIn(col)))
		default:
			e.text(c.Str)
		}
	}
	e.eol()
}

func (e *encoder) number(v float64, decimals int) {
	nf := e.d.Number
	if e.d.Rounded {
		nf.Thousands = ""
		e.buf = append(e.buf, nf.Number(v, decimals)...)
		return
	}
	start := len(e.buf)
	if v < 0 && nf.Minus != "-" {
		e.buf = append(e.buf, nf.Minus...)
		v = -v
		start = len(e.buf)
	}
	e.buf = strconv.AppendFloat(e.buf, v, 'f', -1, 64)
	if nf.Decimal != "." {
		s := string(e.buf[start:])
		e.buf = append(e.buf[:start], strings.Replace(s, ".", nf.Decimal, 1)...)
	}
}

func (e *encoder) field(i int, s string) {
	if i > 0 {
		e.buf = append(e.buf, e.d.Comma)
	}
	e.text(s)
}

func (e *encoder) text(s string) {
	if !e.needsQuotes(s) {
		e.buf = append(e.buf, s...)
		return
	}
	e.buf = append(e.buf, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		e.buf = append(e.buf, s[:i+1]...)
		e.buf = append(e.buf, '"')
		s = s[i+1:]
	}
	e.buf = append(e.buf, s...)
	e.buf = append(e.buf, '"')
}

func (e *encoder) needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case e.d.Comma, '"', '\r', '\n':
			return true
		}
	}
	return false
}

func (e *encoder) eol() {
	if e.d.CRLF {
		e.buf = append(e.buf, '\r', '\n')
	} else {
		e.buf = append(e.buf, '\n')
	}
}

// FileMode is the permission WriteFile gives its files.
const FileMode fs.FileMode = 0o644
