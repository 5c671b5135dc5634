package pxweb

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
)

// WriteCSV writes the table in long format, one row per cell in storage
// order: per dimension a column of codes named by the dimension's code and
// a column of labels named CODE_label (as cube.Table.Long), then value
// (empty where there is no number) and status (empty for a number). UTF-8
// without BOM, comma-separated, numbers with a decimal point and as many
// digits as they need.
func WriteCSV(w io.Writer, t *cube.Table) error {
	if err := t.Validate(); err != nil {
		return err
	}
	header := make([]string, 0, 2*len(t.Dimensions)+2)
	seen := map[string]bool{}
	for _, d := range t.Dimensions {
		for _, name := range []string{d.Code, d.Code + "_label"} {
			if seen[name] || name == cube.ColValue || name == cube.ColStatus {
				return fmt.Errorf("%s: dimension code %q clashes with another column", t.ID, d.Code)
			}
			seen[name] = true
			header = append(header, name)
		}
	}
	header = append(header, cube.ColValue, cube.ColStatus)
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	idx := make([]int, len(t.Dimensions))
	for cell := 0; cell < t.Len(); cell++ {
		for i, d := range t.Dimensions {
			v := d.Values[idx[i]]
			row[2*i], row[2*i+1] = v.Code, v.Label
		}
		if s := t.Status[cell]; s != "" {
			row[len(row)-2], row[len(row)-1] = "", s
		} else {
			row[len(row)-2], row[len(row)-1] = strconv.FormatFloat(t.Values[cell], 'f', -1, 64), ""
		}
		if err := cw.Write(row); err != nil {
			return err
		}
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(t.Dimensions[i].Values) {
				break
			}
			idx[i] = 0
		}
	}
	cw.Flush()
	return cw.Error()
}

// Formats of WriteFile, chosen by the file's extension.
const (
	FormatCSV  = "csv"  // long CSV (WriteCSV)
	FormatJSON = "json" // one JSON-stat 2.0 dataset (jsonstat.Encode)
)

// FormatOf is the output format for a file name: csv for .csv, json for
// .json, else an error.
func FormatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return FormatCSV, nil
	case ".json":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("%s: want a .csv or .json file", path)
}

// WriteFile writes the table to path in the format its extension names:
// long CSV (.csv) or JSON-stat 2.0 (.json, written by jsonstat.Encode from
// the table, so one dataset however many calls it took and the same bytes
// for the same data). The file is replaced atomically; nothing is left
// behind on failure. It returns the SHA-256 of the bytes written.
func WriteFile(path string, t *cube.Table) (string, error) {
	format, err := FormatOf(path)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	switch format {
	case FormatCSV:
		err = WriteCSV(&buf, t)
	case FormatJSON:
		err = jsonstat.Encode(&buf, t)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if err := writeAtomic(path, buf.Bytes()); err != nil {
		return "", err
	}
	sum := sha256.Sum256(buf.Bytes())
	return hex.EncodeToString(sum[:]), nil
}

// Provenance is what FILE.meta.json says about a fetched FILE: what table,
// which version of it (the source's last-updated stamp), the query that
// fetched it, and the SHA-256 of the data file. The fetch time is here and
// not in the data file, so the same data always gives the same data file.
type Provenance struct {
	Table    string          `json:"table"`
	Title    string          `json:"title"`
	Source   string          `json:"source,omitempty"`
	Updated  string          `json:"updated"` // the source's last update
	Language string          `json:"language,omitempty"`
	Query    ProvenanceQuery `json:"query"`
	Calls    int             `json:"calls"` // data calls the query was split into
	Cells    int             `json:"cells"`
	Notes    []string        `json:"notes,omitempty"`
	Output   ProvenanceFile  `json:"output"`
	Fetched  string          `json:"fetched"` // when lmi fetched, RFC 3339 UTC
}

// ProvenanceQuery is the query as given.
type ProvenanceQuery struct {
	API       string      `json:"api"`
	BaseURL   string      `json:"base_url"`
	Table     string      `json:"table"`
	Lang      string      `json:"lang"`
	Selection []Selection `json:"selection"`
}

// ProvenanceFile names the data file and its checksum.
type ProvenanceFile struct {
	File   string `json:"file"` // base name, next to the .meta.json
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
}

// NewProvenance describes a fetch written to path with checksum sum.
func NewProvenance(c *Client, q Query, res *Result, path, sum string, fetched time.Time) *Provenance {
	t := res.Table
	api := q.API
	if api == "" {
		api = "v2"
	}
	format, _ := FormatOf(path)
	sel := q.Selection
	if sel == nil {
		sel = []Selection{}
	}
	return &Provenance{
		Table: t.ID, Title: t.Title, Source: t.Source, Updated: t.Updated, Language: t.Language,
		Query: ProvenanceQuery{API: api, BaseURL: c.BaseURL, Table: q.Table, Lang: c.lang(), Selection: sel},
		Calls: res.Calls, Cells: t.Len(), Notes: t.Notes,
		Output:  ProvenanceFile{File: filepath.Base(path), Format: format, SHA256: sum},
		Fetched: fetched.UTC().Format(time.RFC3339),
	}
}

// WriteProvenance writes p as indented JSON to path, atomically.
func WriteProvenance(path string, p *Provenance) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return err
	}
	return writeAtomic(path, buf.Bytes())
}
