package pxweb

import (
	"bytes"
	"encoding/json"
	"lmi/report/cubefile"
	"path/filepath"
	"time"
)

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
	format, _ := cubefile.FormatOf(path)
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
