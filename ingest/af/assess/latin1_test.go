package assess

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/input"
)

// toLatin1 re-encodes a real UTF-8 file as Windows-1252, as Excel saves
// a CSV, without its byte order mark.
func toLatin1(t *testing.T, name string) (utf, latin []byte) {
	t.Helper()
	utf = aftest.SharedBytes(t, name)
	latin, err := charmap.Windows1252.NewEncoder().Bytes(bytes.TrimPrefix(utf, input.BOM))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(latin, utf) {
		t.Fatalf("%s has no letters beyond ASCII: the test would prove nothing", name)
	}
	return utf, latin
}

// TestLatin1CSV: the AF CSV files saved in Windows-1252 read exactly as
// their UTF-8 originals, as SCB's CSV downloads do.
func TestLatin1CSV(t *testing.T) {
	utf, latin := toLatin1(t, "bristindex_2018h_1ar_lan.csv")
	want, wantErr := ReadBristindexCSV(bytes.NewReader(utf), "b.csv", BristindexOptions{})
	got, gotErr := ReadBristindexCSV(bytes.NewReader(latin), "b.csv", BristindexOptions{})
	aftest.SameOutcome(t, "bristindex", got, gotErr, want, wantErr)
	if wantErr != nil || len(got.Assessments) != 3969 {
		t.Fatalf("bristindex: %v", wantErr)
	}

	utf, latin = toLatin1(t, "yrkesprognos_v3_bedomning.csv")
	pw, wantErr := ReadPrognosCSV(bytes.NewReader(utf), "p.csv", PrognosOptions{})
	pg, gotErr := ReadPrognosCSV(bytes.NewReader(latin), "p.csv", PrognosOptions{})
	aftest.SameOutcome(t, "yrkesprognos", pg, gotErr, pw, wantErr)
	if wantErr != nil || pg.Measures[0] != "bedomning24" {
		t.Fatalf("yrkesprognos: %v", wantErr)
	}
}
