package jsonstat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"lmi/ingest/cube"
)

// Encode writes the table as one JSON-stat 2.0 dataset: label, source,
// updated and notes; id, size and role (always, empty if no dimension has
// one); every dimension with its category
// index (an object, as PxWebApi writes it) and labels; the values as an
// array with null where a cell has no number; the statuses as an object
// keyed by cell index; the table id and language under extension.px.
//
// The output depends only on the table, so the same table always gives
// the same bytes. Decode reads it back to an equal table.
func Encode(w io.Writer, t *cube.Table) error {
	if err := t.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	e.raw(`{"version":"2.0","class":"dataset"`)
	if t.Title != "" {
		e.raw(`,"label":`)
		e.str(t.Title)
	}
	if t.Source != "" {
		e.raw(`,"source":`)
		e.str(t.Source)
	}
	if t.Updated != "" {
		e.raw(`,"updated":`)
		e.str(t.Updated)
	}
	if len(t.Notes) > 0 {
		e.raw(`,"note":[`)
		for i, n := range t.Notes {
			e.comma(i)
			e.str(n)
		}
		e.raw(`]`)
	}
	e.raw(`,"id":[`)
	for i, d := range t.Dimensions {
		e.comma(i)
		e.str(d.Code)
	}
	e.raw(`],"size":[`)
	for i, d := range t.Dimensions {
		e.comma(i)
		e.raw(strconv.Itoa(len(d.Values)))
	}
	e.raw(`]`)
	// role is always written, empty if need be: without it a reader
	// (this package among them) guesses roles from SCB's variable names.
	e.raw(`,"role":{`)
	n := 0
	for _, r := range []cube.Role{cube.RoleTime, cube.RoleGeo, cube.RoleMetric} {
		var ids []string
		for _, d := range t.Dimensions {
			if d.Role == r {
				ids = append(ids, d.Code)
			}
		}
		if len(ids) == 0 {
			continue
		}
		e.comma(n)
		n++
		e.str(string(r))
		e.raw(`:[`)
		for i, id := range ids {
			e.comma(i)
			e.str(id)
		}
		e.raw(`]`)
	}
	e.raw(`}`)
	e.raw(`,"dimension":{`)
	for i, d := range t.Dimensions {
		e.comma(i)
		e.str(d.Code)
		e.raw(`:{"label":`)
		e.str(d.Label)
		e.raw(`,"category":{"index":{`)
		for j, v := range d.Values {
			e.comma(j)
			e.str(v.Code)
			e.raw(`:` + strconv.Itoa(j))
		}
		e.raw(`},"label":{`)
		for j, v := range d.Values {
			e.comma(j)
			e.str(v.Code)
			e.raw(`:`)
			e.str(v.Label)
		}
		e.raw(`}}}`)
	}
	e.raw(`},"value":[`)
	for i, v := range t.Values {
		e.comma(i)
		if t.Status[i] != "" || math.IsNaN(v) {
			e.raw(`null`)
		} else {
			e.num(v)
		}
	}
	e.raw(`]`)
	first := true
	for i, s := range t.Status {
		if s == "" {
			continue
		}
		if first {
			e.raw(`,"status":{`)
		} else {
			e.raw(`,`)
		}
		first = false
		e.str(strconv.Itoa(i))
		e.raw(`:`)
		e.str(s)
	}
	if !first {
		e.raw(`}`)
	}
	if t.ID != "" || t.Language != "" {
		e.raw(`,"extension":{"px":{`)
		n = 0
		if t.ID != "" {
			e.raw(`"tableid":`)
			e.str(t.ID)
			n++
		}
		if t.Language != "" {
			e.comma(n)
			e.raw(`"language":`)
			e.str(t.Language)
		}
		e.raw(`}}`)
	}
	e.raw("}\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

type encoder struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

func (e *encoder) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) comma(i int) {
	if i > 0 {
		e.raw(",")
	}
}

// str writes s as a JSON string, leaving <, > and & as they are.
func (e *encoder) str(s string) {
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil && e.err == nil {
		e.err = err
	}
	e.raw(string(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))))
}

// num writes v the way encoding/json does: plain decimals from 1e-6 to
// 1e21, exponent notation outside.
func (e *encoder) num(v float64) {
	b, err := json.Marshal(v)
	if err != nil && e.err == nil {
		e.err = err
	}
	e.raw(string(b))
}
