package formats

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
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
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}
