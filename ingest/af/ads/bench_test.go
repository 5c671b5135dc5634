package ads

import (
	"bytes"
	"fmt"
	"testing"

	"lmi/codes"
	"lmi/ingest/af/internal/aftest"
)

// The benchmarks report MB/s (b.SetBytes) and allocs/op. Run with
//
//	go test ./ingest/af -run '^$' -bench . -benchmem

func BenchmarkReadAds(b *testing.B) {
	fixture := readFixture(b)
	var in bytes.Buffer
	for in.Len() < 8<<20 {
		in.Write(fixture)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadAds(bytes.NewReader(data), "bench.jsonl", AdOptions{Taxonomy: fixtureTaxonomy}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAdsGenerated reads 64 MB of generated 2 KB ads spread over
// all kommuner (the shape of TestAdsBoundedMemory). The reference
// sub-benchmark reads them as the reader did before its single-pass
// scanner (encoding/json, string-keyed cells).
func BenchmarkReadAdsGenerated(b *testing.B) {
	var in bytes.Buffer
	if _, err := in.ReadFrom(newAdGen(64 << 20)); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	for _, reference := range []bool{false, true} {
		name := "scan"
		if reference {
			name = "reference"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				a := newAdAgg(AdOptions{})
				a.reference = reference
				if err := a.read(bytes.NewReader(data), "bench.jsonl"); err != nil {
					b.Fatal(err)
				}
				a.result()
			}
		})
	}
}

// genTaxonomy writes a JobTech taxonomy dump shaped like
// jobtech_taxonomy_legacy_to_concept.json (2.2 MB and 13,373 concepts;
// the real one is 2.5 MB): every SSYK 4 group, kommun and län under its label, then
// foreign regions and other concept types lmi does not use. It returns
// the dump and its number of concepts.
func genTaxonomy() ([]byte, int) {
	types := []struct {
		name   string
		labels []string
	}{{"ssyk-level-4", nil}, {"municipality", nil}, {"region", nil}}
	for _, e := range codes.SSYK(4) {
		types[0].labels = append(types[0].labels, e.Name)
	}
	for _, k := range codes.Kommuner() {
		types[1].labels = append(types[1].labels, k.Name)
	}
	for _, l := range codes.Lan() {
		types[2].labels = append(types[2].labels, l.Name)
	}
	for i := 0; i < 1340; i++ {
		types[2].labels = append(types[2].labels, fmt.Sprintf("Utländsk region %d", i))
	}
	for _, o := range []struct {
		name string
		n    int
	}{{"country", 250}, {"isco-level-4", 436}, {"keyword", 550}, {"language", 435}, {"occupation-name", 3431}, {"skill", 5813}, {"sun-education-field-4", 377}} {
		t := struct {
			name   string
			labels []string
		}{name: o.name}
		for i := 0; i < o.n; i++ {
			t.labels = append(t.labels, fmt.Sprintf("%s %d", o.name, i))
		}
		types = append(types, t)
	}
	var buf bytes.Buffer
	n := 0
	buf.WriteString("{\n")
	for ti, t := range types {
		if ti > 0 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, "  %q : {\n", t.name)
		for i, l := range t.labels {
			if i > 0 {
				buf.WriteString(",\n")
			}
			id := fmt.Sprintf("%c%c%c%c_%03d_%03d", 'A'+ti%26, 'a'+i%26, 'A'+i/26%26, 'a'+i/676%26, i%1000, ti)
			fmt.Fprintf(&buf, "    \"%d\" : {\n      \"conceptId\" : %q,\n      \"legacyAmsTaxonomyId\" : \"%d\",\n      \"preferredLabel\" : %q,\n      \"type\" : %q\n    }", i, id, i, l, t.name)
			n++
		}
		buf.WriteString("\n  }")
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), n
}

// BenchmarkTaxonomy reads a generated taxonomy dump; a record is a
// concept of any type (ReadTaxonomy decodes them all).
func BenchmarkTaxonomy(b *testing.B) {
	data, concepts := genTaxonomy()
	aftest.BenchRecords(b, data, concepts, "concept", func(d []byte) (int, error) {
		t, err := ReadTaxonomy(bytes.NewReader(d), "taxonomy.json")
		if err != nil {
			return 0, err
		}
		if len(t.Kommun) != 290 || len(t.Lan) != len(codes.Lan()) || len(t.SSYK) == 0 {
			return 0, fmt.Errorf("%d kommuner, %d län, %d SSYK matched", len(t.Kommun), len(t.Lan), len(t.SSYK))
		}
		return concepts, nil
	})
}
