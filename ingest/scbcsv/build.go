package scbcsv

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"lmi/ingest/cube"
)

// textIsUTF8 settles the character set of the file's text.
func (d *decoder) textIsUTF8() (bool, error) {
	switch strings.ToLower(d.opts.Encoding) {
	case "utf-8", "utf8":
		if d.invalidLine != 0 {
			return false, d.fail(d.invalidLine, 0, "", fmt.Errorf("%w: the line is not valid UTF-8 (Options.Encoding is utf-8)", ErrEncoding))
		}
		return true, nil
	case "":
	default:
		return false, nil
	}
	if d.bom {
		if d.invalidLine != 0 {
			return false, d.fail(d.invalidLine, 0, "", fmt.Errorf("%w: the file starts with a UTF-8 byte order mark but this line is not UTF-8", ErrEncoding))
		}
		return true, nil
	}
	if d.invalidLine == 0 {
		return true, nil
	}
	if d.utf8Line != 0 {
		return false, d.fail(d.invalidLine, 0, "", fmt.Errorf("%w: line %d is UTF-8 but this line is not (Latin-1?); save the file in one encoding", ErrEncoding, d.utf8Line))
	}
	return false, nil
}

// codeLike says whether a leading token of a text is a code: it starts with
// a digit, or is upper-case letters with digits ("FA01"), and has only
// letters, digits and . + - / _ :.
func codeLike(tok string) bool {
	if len(tok) == 0 || len(tok) > 20 {
		return false
	}
	digit := false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			if i == 0 && c >= 'a' {
				return false
			}
		case c == '.' || c == '+' || c == '-' || c == '/' || c == '_' || c == ':':
		default:
			return false
		}
	}
	return digit
}

// splitCodes turns the texts of a column into values. When every text is a
// code token, a space and a label ("01 Stockholm county"), the codes are
// distinct and the labels are not all the same ("16-24 years", "25-29
// years" are not codes and labels), they are split; otherwise each whole
// text is both code and label.
func splitCodes(texts []string, whole bool) []cube.Value {
	vals := make([]cube.Value, len(texts))
	split := !whole
	if split {
		seen := make(map[string]bool, len(texts))
		same := true
		for i, t := range texts {
			sp := strings.IndexByte(t, ' ')
			if sp <= 0 {
				split = false
				break
			}
			code, label := t[:sp], strings.TrimSpace(t[sp+1:])
			if label == "" || !codeLike(code) || seen[code] {
				split = false
				break
			}
			seen[code] = true
			vals[i] = cube.Value{Code: code, Label: label}
			if label != vals[0].Label {
				same = false
			}
		}
		if split && len(texts) > 1 && same {
			split = false
		}
	}
	if !split {
		for i, t := range texts {
			vals[i] = cube.Value{Code: t, Label: t}
		}
	}
	return vals
}

// build makes the table: dimensions from the text columns and the value
// headers, cells moved into place.
func (d *decoder) build() (*cube.Table, error) {
	isUTF8, err := d.textIsUTF8()
	if err != nil {
		return nil, err
	}
	conv := func(s string) string {
		if isUTF8 {
			return s
		}
		return latin1(s)
	}
	nText, nV := len(d.cols), d.nV
	dims := make([]cube.Dimension, 0, nText+1)
	names := map[string]bool{}
	for _, col := range d.cols {
		col.name = conv(col.raw)
		names[col.name] = true
		texts := make([]string, len(col.texts))
		longPeriods, allPeriods := false, true
		for j, t := range col.texts {
			texts[j] = conv(t)
			if !isPeriod(texts[j]) {
				allPeriods = false
			} else if len(texts[j]) > 4 {
				longPeriods = true
			}
		}
		whole := false
		for _, w := range d.opts.WholeText {
			if w == col.name {
				whole = true
			}
		}
		dim := cube.Dimension{Code: col.name, Label: col.name, Values: splitCodes(texts, whole)}
		switch {
		case timeName(col.raw) || allPeriods && longPeriods:
			dim.Role = cube.RoleTime
		case geoName(col.name):
			dim.Role = cube.RoleGeo
		}
		dims = append(dims, dim)
		col.dict, col.texts = nil, nil
	}
	vdim := cube.Dimension{Code: "period", Role: cube.RoleTime, Values: make([]cube.Value, nV)}
	for j, h := range d.header[nText:] {
		h = conv(h)
		vdim.Values[j] = cube.Value{Code: h, Label: h}
		if !isPeriod(h) {
			vdim.Code, vdim.Role = "measure", cube.RoleMetric
		}
	}
	for names[vdim.Code] {
		vdim.Code += "_"
	}
	vdim.Label = vdim.Code
	dims = append(dims, vdim)

	if err := d.place(dims); err != nil {
		return nil, err
	}
	t := &cube.Table{Dimensions: dims, Values: d.vals, Status: d.status}
	base := filepath.Base(d.name)
	t.ID = strings.TrimSuffix(base, filepath.Ext(base))
	t.Title = conv(d.title)
	t.Source = d.opts.Source
	if t.Source == "" {
		t.Source = "SCB"
	}
	t.Language = d.opts.Language
	for _, n := range d.notes {
		t.Notes = append(t.Notes, conv(n))
	}
	if err := t.Validate(); err != nil {
		return nil, d.fail(0, 0, "", err)
	}
	for _, dim := range dims {
		for _, v := range dim.Values {
			if !utf8.ValidString(v.Code) || !utf8.ValidString(v.Label) {
				return nil, d.fail(0, 0, v.Code, fmt.Errorf("%w: text is not valid UTF-8", ErrEncoding))
			}
		}
	}
	return t, nil
}

// place moves the rows' cells to their places in the table. Rows that come
// in table order and cover every combination (as SCB writes them) need no
// move; otherwise the cells are permuted in place, after growing the slices
// to the whole table when rows are missing. Combinations without a row are
// missing ("..").
func (d *decoder) place(dims []cube.Dimension) error {
	nText, nV := len(d.cols), d.nV
	rows := len(d.lines)
	slots := 1
	for _, dim := range dims[:nText] {
		if n := len(dim.Values); slots > d.opts.MaxCells/nV/n {
			return d.fail(0, 0, "", fmt.Errorf("%w: the columns' values span more than %d cells (%s)", ErrTooLarge, d.opts.MaxCells, shape(dims)))
		} else {
			slots *= n
		}
	}
	dest := make([]int32, rows)
	for r := range dest {
		off := 0
		for c, dim := range dims[:nText] {
			off = off*len(dim.Values) + int(d.keys[r*nText+c])
		}
		dest[r] = int32(off)
	}
	d.keys = nil
	filled := make([]uint64, (slots+63)/64)
	inOrder := rows == slots
	for r, s := range dest {
		if filled[s/64]&(1<<(s%64)) != 0 {
			for r0 := 0; r0 < r; r0++ {
				if dest[r0] == s {
					return d.fail(int(d.lines[r]), 0, "", fmt.Errorf("%w: the same %s as line %d", ErrDuplicateRow, dimList(dims[:nText]), d.lines[r0]))
				}
			}
		}
		filled[s/64] |= 1 << (s % 64)
		if int(s) != r {
			inOrder = false
		}
	}
	filled = nil
	if inOrder {
		return nil
	}
	total := slots * nV
	d.vals = grow(d.vals, total)[:total]
	d.status = grow(d.status, total)[:total]
	for i := rows * nV; i < total; i++ {
		d.vals[i], d.status[i] = math.NaN(), cube.StatusMissing
	}
	holdV, tmpV := make([]float64, nV), make([]float64, nV)
	holdS, tmpS := make([]string, nV), make([]string, nV)
	for r := 0; r < rows; r++ {
		if dest[r] < 0 || int(dest[r]) == r {
			continue
		}
		// Take row r out and leave its slot missing.
		copy(holdV, d.vals[r*nV:(r+1)*nV])
		copy(holdS, d.status[r*nV:(r+1)*nV])
		for i := r * nV; i < (r+1)*nV; i++ {
			d.vals[i], d.status[i] = math.NaN(), cube.StatusMissing
		}
		cur := r
		for {
			t := int(dest[cur])
			dest[cur] = -1
			pending := t < rows && dest[t] >= 0
			if pending {
				copy(tmpV, d.vals[t*nV:(t+1)*nV])
				copy(tmpS, d.status[t*nV:(t+1)*nV])
			}
			copy(d.vals[t*nV:(t+1)*nV], holdV)
			copy(d.status[t*nV:(t+1)*nV], holdS)
			if !pending {
				break
			}
			holdV, tmpV = tmpV, holdV
			holdS, tmpS = tmpS, holdS
			cur = t
		}
	}
	return nil
}

func shape(dims []cube.Dimension) string {
	parts := make([]string, len(dims))
	for i, dim := range dims {
		parts[i] = fmt.Sprintf("%d %s", len(dim.Values), dim.Code)
	}
	return strings.Join(parts, " × ")
}

func dimList(dims []cube.Dimension) string {
	if len(dims) == 0 {
		return "(no text columns)"
	}
	parts := make([]string, len(dims))
	for i, dim := range dims {
		parts[i] = dim.Code
	}
	return strings.Join(parts, ", ")
}
