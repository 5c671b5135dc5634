package aftest

import (
	"errors"
	"strings"
	"testing"

	"lmi/ingest/af"
)

// ToCP1252 re-encodes the Swedish letters of s as Windows-1252.
func ToCP1252(s string) []byte {
	r := strings.NewReplacer("å", "\xe5", "ä", "\xe4", "ö", "\xf6", "Å", "\xc5", "Ä", "\xc4", "Ö", "\xd6", "é", "\xe9")
	return []byte(r.Replace(s))
}

// HTMLPage is an error page saved instead of the data.
const HTMLPage = "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body>Försök igen senare</body></html>\n"

// BrokenCase is one bad input and what its error must say.
type BrokenCase struct {
	Name   string
	In     []byte
	Kind   error
	Line   int64  // 0: not checked
	Column string // "": not checked
	Cell   string // "": not checked
	Msg    string // a substring of the message
}

// CheckBroken runs read on each case and checks its error.
func CheckBroken(t *testing.T, cases []BrokenCase, read func(in []byte) error) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			err := read(c.In)
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			var e *af.Error
			if !errors.As(err, &e) {
				t.Fatalf("not an *Error: %T %v", err, err)
			}
			if !errors.Is(err, c.Kind) {
				t.Errorf("kind: %v, want %v", err, c.Kind)
			}
			if e.File == "" {
				t.Errorf("no file in %v", err)
			}
			if c.Line != 0 && e.Line != c.Line {
				t.Errorf("line %d, want %d: %v", e.Line, c.Line, err)
			}
			if c.Column != "" && e.Column != c.Column {
				t.Errorf("column %q, want %q: %v", e.Column, c.Column, err)
			}
			if c.Cell != "" && e.Cell != c.Cell {
				t.Errorf("cell %q, want %q: %v", e.Cell, c.Cell, err)
			}
			if !strings.Contains(err.Error(), c.Msg) {
				t.Errorf("message %q does not contain %q", err, c.Msg)
			}
		})
	}
}
