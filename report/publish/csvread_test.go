package publish

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCSVReader compares the reader with encoding/csv on records with
// quotes, commas, line breaks and CRLF, through buffers small enough to
// split records, and checks the line each record starts on.
func TestCSVReader(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"", "a", "Stockholms län", "1.5", "TOT", "x,y", `sa "citat"`, "två\nrader", " blank ", "ÅÄÖ", `""`}
	for round := range 200 {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.UseCRLF = round%3 == 0
		nrec := 1 + rng.IntN(8)
		ncol := 1 + rng.IntN(5)
		for range nrec {
			rec := make([]string, ncol)
			for i := range rec {
				rec[i] = pieces[rng.IntN(len(pieces))]
			}
			if ncol == 1 && rec[0] == "" {
				rec[0] = "a" // encoding/csv skips empty lines
			}
			w.Write(rec)
		}
		w.Flush()
		text := b.String()
		if round%5 == 0 {
			text = strings.TrimRight(text, "\r\n") // no line break at the end
		}
		want := readStd(t, text)
		for _, size := range []int{4, 7, 64, 1 << 20} {
			got := readOurs(t, text, size)
			if got != want {
				t.Fatalf("round %d, buffer %d:\n%q\ngot\n%s\nwant\n%s", round, size, text, got, want)
			}
		}
	}
}

func readStd(t *testing.T, text string) string {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	var out strings.Builder
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		fmt.Fprintf(&out, "%d %q\n", line, rec)
	}
}

func readOurs(t *testing.T, text string, size int) string {
	c := newCSVReaderSize(strings.NewReader(text), 1, size)
	var out strings.Builder
	for {
		rec, err := c.next()
		if err == io.EOF {
			return out.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		s := make([]string, len(rec))
		for i, f := range rec {
			s[i] = string(f)
		}
		fmt.Fprintf(&out, "%d %q\n", c.recLine, s)
	}
}

func TestCSVReaderPrefixAndErrors(t *testing.T) {
	c := newCSVReader(strings.NewReader("a,b,c,d\n\"x,1\",b,c,d\n"), 1)
	rec, _ := c.nextN(2)
	if fmt.Sprintf("%q", rec) != `["a" "b,c,d"]` {
		t.Errorf("prefix %q", rec)
	}
	rec, _ = c.nextN(2) // a quoted record is read whole
	if fmt.Sprintf("%q", rec) != `["x,1" "b" "c" "d"]` {
		t.Errorf("quoted %q", rec)
	}
	for _, bad := range []string{"a,\"b\nc", "a,b\"c\n", "\"a\"b,c\n"} {
		c := newCSVReader(strings.NewReader(bad), 1)
		var err error
		for err == nil {
			_, err = c.next()
		}
		if !errors.Is(err, errQuote) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if !bytes.Equal(trimCR([]byte("x\r")), []byte("x")) {
		t.Error("trimCR")
	}
}
