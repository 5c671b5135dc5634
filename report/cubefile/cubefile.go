// Package cubefile writes a published table (a cube.Table: SCB's tables
// as lmi fetches and decodes them) to a file: lmi's long CSV, or JSON-stat
// 2.0, the format SCB's PxWebApi 2.0 answers in, so a fetched copy reads
// back as the table it was.
package cubefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/internal/atomicfile"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", err
	}
	sum := sha256.Sum256(buf.Bytes())
	return hex.EncodeToString(sum[:]), nil
}
