package formats

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"lmi/ingest/af"
)

// adFields reports JSON holding job ads: a field of JobTech's JobSearch
// ads, an Elasticsearch hit, AF's source format or a scraped posting.
func adFields(head []byte) bool {
	for _, f := range []string{`"publication_date"`, `"workplace_address"`, `"occupation_group"`, `"number_of_vacancies"`,
		`"_source"`, `"originalJobPosting"`, `"publiceringsdatum"`, `"arbetsplatsadress"`, `"annonsId"`, `"testannonser"`} {
		if bytes.Contains(head, []byte(f)) {
			return true
		}
	}
	return false
}

// afStatsHeader reports an Arbetsförmedlingen statistics sheet saved as
// CSV: within its first lines (title lines may come first), a field
// naming a Swedish dimension (Län..., Kommun..., Månad..., Yrke..., SSYK
// ...). SCB's downloads, whose first line quotes every field, are not.
func afStatsHeader(head []byte) bool {
	lines := strings.SplitN(string(head), "\n", 61)
	if first := strings.TrimSpace(lines[0]); strings.HasPrefix(first, `"`) && strings.Contains(first, `","`) {
		return false
	}
	for _, line := range lines[:min(len(lines), 60)] {
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ';' || r == ',' || r == '\t' }) {
			f = strings.ToLower(strings.Trim(strings.TrimSpace(f), `"`))
			for _, w := range []string{"län", "kommun", "månad", "yrke", "ssyk "} {
				if strings.HasPrefix(f, w) {
					return true
				}
			}
		}
	}
	return false
}

// xlsxContains reports whether a workbook's shared strings or sheets hold
// s (a column header), reading at most 8 MB of each part.
func xlsxContains(path, s string) bool {
	return xlsxParts(path, func(b []byte) bool { return bytes.Contains(b, []byte(s)) })
}

// xlsxParts reports whether found is true of a workbook's shared strings
// or one of its sheets, at most 8 MB of each.
func xlsxParts(path string, found func([]byte) bool) bool {
	z, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "xl/sharedStrings.xml" && !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 8<<20))
		rc.Close()
		if found(b) {
			return true
		}
	}
	return false
}

// xlsxContainsFold reports whether a workbook's shared strings or sheets
// hold one of words (lower-case), whatever their case.
func xlsxContainsFold(path string, words ...string) bool {
	return xlsxParts(path, func(b []byte) bool {
		b = bytes.ToLower(b)
		return slices.ContainsFunc(words, func(w string) bool { return bytes.Contains(b, []byte(w)) })
	})
}

// looksLike says what a file none of the formats claims looks like, ""
// for text that may be one of lmi's tables (whose reader then says what
// the columns should be).
func looksLike(h *Head) string {
	t := h.Trimmed
	low := bytes.ToLower(t[:min(len(t), 1024)])
	switch {
	case h.Ext == ".xlsx" || h.Ext == ".xlsm" || bytes.HasPrefix(h.Bytes, []byte("PK\x03\x04")):
		return "a workbook (xlsx) that is none of Arbetsförmedlingen's: no yrkesbarometer (yb_concept_id) or bristindex (file name) and no statistics sheet's Län, Kommun, Månad, Yrke or SSYK"
	case h.Ext == ".kml" || bytes.Contains(low, []byte("<kml")):
		return "a KML file (map shapes, as Google Earth saves them), not data"
	case bytes.HasPrefix(low, []byte("<!doctype html")) || bytes.HasPrefix(low, []byte("<html")):
		return "an HTML page (a web page saved instead of the data)"
	case bytes.HasPrefix(t, []byte("<")):
		return "an XML file that is not data lmi knows"
	case h.Ext == ".geojson" || bytes.HasPrefix(t, []byte("{")) && containsAny(h.Bytes, `"FeatureCollection"`, `"Feature"`) && containsAny(h.Bytes, `"geometry"`, `"features"`):
		return "a GeoJSON file (map shapes), not data"
	case bytes.HasPrefix(t, []byte("{")) && containsAny(h.Bytes, `"legacyAmsTaxonomyId"`, `"preferredLabel"`):
		return "JobTech's taxonomy dump, which maps codes rather than holding data: give it to lmi ingest --taxonomy (job ads) or --occupation-map (yrkesprognos files), or as taxonomy or occupation_map in a run spec"
	case bytes.HasPrefix(t, []byte("{")):
		return "a JSON object " + jsonKeys(t) + " that is none of SCB's or Arbetsförmedlingen's files"
	case bytes.HasPrefix(t, []byte("[")):
		return "a JSON array that is neither Arbetsförmedlingen's yrkesbarometer nor job ads"
	case bytes.IndexByte(h.Bytes, 0) >= 0:
		return "a binary file"
	}
	return ""
}

// jsonKeys names the first fields of a JSON object, as far as the head
// shows them: `with the fields "a", "b"`, or "" when none can be read.
func jsonKeys(head []byte) string {
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	var keys []string
	for len(keys) < 6 {
		tok, err := dec.Token()
		k, ok := tok.(string)
		if err != nil || !ok {
			break
		}
		keys = append(keys, quoteCap(k))
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return "with the fields " + strings.Join(keys, ", ")
}

// notCSV reports a file that is JSON, XML or a zip (a workbook) by its
// first bytes or its extension.
func notCSV(h *Head) bool {
	switch h.Ext {
	case ".json", ".geojson", ".kml", ".xml", ".xlsx", ".xlsm", ".zip", ".gz":
		return true
	}
	t := h.Trimmed
	return len(t) > 0 && (t[0] == '{' || t[0] == '[' || t[0] == '<') || bytes.HasPrefix(h.Bytes, []byte("PK\x03\x04"))
}

// GuessedWorkbookError is a workbook recognised as Arbetsförmedlingen's
// monthly statistics sheet only because a cell names a Län, Kommun,
// Månad, Yrke or SSYK, whose header the sheet's reader refuses: it may be
// such a sheet with a fault, or another workbook (a code list, a
// coupling table), so the message says both what was wrong and what lmi
// reads.
type GuessedWorkbookError struct {
	File string
	Err  error // the reader's, an af.Error of kind ErrHeader or ErrNotData
}

func (e *GuessedWorkbookError) Error() string {
	return fmt.Sprintf("%s: lmi cannot read this workbook: read as Arbetsförmedlingen's monthly statistics sheet (a cell names a Län, Kommun, Månad, Yrke or SSYK), %s. If it is not such a sheet, lmi does not read it: lmi reads %s",
		e.File, strings.TrimPrefix(e.Err.Error(), e.File+": "), Described())
}

func (e *GuessedWorkbookError) Unwrap() error { return e.Err }

// Misrecognised is err, or for a workbook read as a statistics sheet by
// recognition (named "", not --format) whose header the reader refuses,
// a GuessedWorkbookError.
func Misrecognised(f *Format, named, path string, err error) error {
	var e *af.Error
	if named != "" || f != statsXLSXFormat || !errors.As(err, &e) || !errors.Is(e.Kind, af.ErrHeader) && !errors.Is(e.Kind, af.ErrNotData) {
		return err
	}
	return &GuessedWorkbookError{File: path, Err: err}
}
