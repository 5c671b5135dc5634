package scbcsv

import (
	"bytes"
	"errors"
)

var errTextAfterQuote = errors.New("text after a closing quote")
var errOpenQuote = errors.New("a quoted field is not closed")

// splitter cuts records into fields. Field bytes point into the record or
// into scratch (for fields with doubled quotes); they are valid until the
// next split.
type splitter struct {
	fields  [][]byte
	quoted  []bool
	scratch []byte
}

// split cuts rec at sep outside quotes. On error it returns the 1-based
// field number.
func (sp *splitter) split(rec []byte, sep byte) (int, error) {
	sp.fields, sp.quoted = sp.fields[:0], sp.quoted[:0]
	if cap(sp.scratch) < len(rec) {
		sp.scratch = make([]byte, 0, len(rec))
	}
	sp.scratch = sp.scratch[:0]
	i := 0
	for {
		var field []byte
		q := false
		if i < len(rec) && rec[i] == '"' {
			q = true
			i++
			start, esc := i, false
			for {
				j := bytes.IndexByte(rec[i:], '"')
				if j < 0 {
					return len(sp.fields) + 1, errOpenQuote
				}
				i += j
				if i+1 < len(rec) && rec[i+1] == '"' {
					esc = true
					i += 2
					continue
				}
				break
			}
			field = rec[start:i]
			i++ // closing quote
			if esc {
				// scratch has room for the whole record, so appending never
				// moves earlier fields.
				from := len(sp.scratch)
				for k := 0; k < len(field); k++ {
					sp.scratch = append(sp.scratch, field[k])
					if field[k] == '"' {
						k++
					}
				}
				field = sp.scratch[from:]
			}
			for i < len(rec) && (rec[i] == ' ' || rec[i] == '\t' && sep != '\t') {
				i++
			}
			if i < len(rec) && rec[i] != sep {
				return len(sp.fields) + 1, errTextAfterQuote
			}
		} else {
			j := bytes.IndexByte(rec[i:], sep)
			if j < 0 {
				field = rec[i:]
				i = len(rec)
			} else {
				field = rec[i : i+j]
				i += j
			}
		}
		sp.fields = append(sp.fields, field)
		sp.quoted = append(sp.quoted, q)
		if i >= len(rec) {
			return 0, nil
		}
		i++ // separator
		if i == len(rec) {
			sp.fields = append(sp.fields, rec[i:])
			sp.quoted = append(sp.quoted, false)
			return 0, nil
		}
	}
}

// countFields counts the fields of rec for sep, outside quotes.
func countFields(rec []byte, sep byte) int {
	n, in := 1, false
	for _, c := range rec {
		switch {
		case c == '"':
			in = !in
		case c == sep && !in:
			n++
		}
	}
	return n
}

// sniff picks the separator of a header line: the most frequent of tab,
// semicolon and comma outside quotes (ties in that order); 0 if none.
func sniff(rec []byte) byte {
	var tab, semi, comma int
	in := false
	for _, c := range rec {
		switch {
		case c == '"':
			in = !in
		case in:
		case c == '\t':
			tab++
		case c == ';':
			semi++
		case c == ',':
			comma++
		}
	}
	switch {
	case tab == 0 && semi == 0 && comma == 0:
		return 0
	case tab >= semi && tab >= comma:
		return '\t'
	case semi >= comma:
		return ';'
	default:
		return ','
	}
}

// Status symbols accepted in value cells: SCB's dot codes and the
// censoring mark.
func statusOf(b []byte) (string, bool) {
	switch string(b) {
	case "..":
		return "..", true
	case ".":
		return ".", true
	case "-":
		return "-", true
	case "...":
		return "...", true
	case "....":
		return "....", true
	case ".....":
		return ".....", true
	case "......":
		return "......", true
	case "<5":
		return "<5", true
	}
	return "", false
}
