package formats

import (
	"bufio"
	"bytes"
	"context"
	"fmt"

	"os"
	"path/filepath"
	"strings"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/ingest/longcsv"
	"lmi/ingest/px"
	"lmi/ingest/pxjson"
	"lmi/ingest/scbcsv"
)

// SCB's published tables, in the four forms SCB publishes them: each is
// decoded to a cube and loaded into published_cells, and SCB's employment
// and regional matching tables into their typed tables too (cubeBatches).
var (
	pxFormat = &Format{Name: "px", Title: "SCB's PC-Axis file (.px)",
		Sniff:  func(h *Head) bool { return h.Ext == ".px" },
		Decode: decodeCube(func(f *os.File, path string) (*cube.Table, error) { return px.Decode(f, path, px.Options{}) })}
	pxjsonFormat = &Format{Name: "pxjson", Title: "SCB's PX-Web v1 JSON",
		Sniff: func(h *Head) bool {
			return bytes.HasPrefix(h.Trimmed, []byte("{")) && bytes.Contains(h.Bytes, []byte(`"columns"`))
		},
		Decode: decodeCube(func(f *os.File, path string) (*cube.Table, error) {
			return pxjson.Decode(bufio.NewReader(f), path, nil)
		})}
	jsonstatFormat = &Format{Name: "jsonstat", Title: "SCB's PxWebApi 2.0 JSON-stat 2.0",
		Sniff: func(h *Head) bool { return bytes.HasPrefix(h.Trimmed, []byte("{")) },
		Decode: decodeCube(func(f *os.File, path string) (*cube.Table, error) {
			return jsonstat.Decode(bufio.NewReader(f), path)
		})}
	longFormat = &Format{Name: "long-csv", Title: "a published table as a long CSV, one row per cell (lmi fetch's CSV, an extract or a bought table: region, occupation, sex, year, count)",
		Sniff: func(h *Head) bool { return longcsv.Looks(h.Line) },
		Decode: decodeCube(func(f *os.File, path string) (*cube.Table, error) {
			return longcsv.Decode(bufio.NewReader(f), path)
		})}
	scbcsvFormat = &Format{Name: "scbcsv", Title: "SCB's CSV download",
		Sniff: func(h *Head) bool {
			line, _, _ := strings.Cut(string(h.Bytes), "\n")
			return strings.Contains(line, `"`) || bytes.ContainsRune(h.Bytes, '\t')
		},
		Decode: decodeCube(func(f *os.File, path string) (*cube.Table, error) {
			return scbcsv.Decode(f, path, scbcsv.Options{})
		})}
)

// decodeCube reads a published table with read and turns it into the
// store's rows.
func decodeCube(read func(f *os.File, path string) (*cube.Table, error)) func(ctx context.Context, in Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		rep := &Report{Unit: "rows"}
		f, err := os.Open(in.Path)
		if err != nil {
			return &Decoded{Report: rep}, err
		}
		defer f.Close()
		t, err := read(f, in.Path)
		if err != nil {
			return &Decoded{Report: rep}, err
		}
		// Decoders fall back to the name they were given when the file
		// names no table; the base name without extension reads better.
		name := filepath.Base(in.Path)
		if t.ID == "" || t.ID == in.Path || t.ID == name {
			t.ID = strings.TrimSuffix(name, filepath.Ext(name))
		}
		batches, err := cubeBatches(t, in.alloc())
		if err != nil {
			return &Decoded{Report: rep}, err
		}
		if len(batches) == 0 {
			return &Decoded{Report: rep}, fmt.Errorf("%s: nothing to load", in.Path)
		}
		return decoded(rep, batches)
	}
}
