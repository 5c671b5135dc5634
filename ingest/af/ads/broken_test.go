package ads

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

func TestAdsBroken(t *testing.T) {
	good := `{"publication_date":"2019-01-01T00:00:00","number_of_vacancies":1,"occupation_group":{"concept_id":"x","legacy_ams_taxonomy_id":"2512"},"workplace_address":{"municipality_code":"0180","region_code":"01"}}`
	l := func(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }
	cases := []aftest.BrokenCase{
		{Name: "truncated line", In: l(good, good, good[:70]), Kind: af.ErrSyntax, Line: 3, Msg: "truncated"},
		{Name: "cp1252", In: l(good, strings.Replace(good, `"x"`, "\"Kock, k\xf6k\"", 1)), Kind: af.ErrEncoding, Line: 2, Msg: "ö"},
		{Name: "negative vacancies", In: l(good, strings.Replace(good, `"number_of_vacancies":1`, `"number_of_vacancies":-2`, 1)), Kind: af.ErrNegative, Line: 2, Column: "number_of_vacancies", Msg: "negative"},
		{Name: "fractional vacancies", In: l(strings.Replace(good, `"number_of_vacancies":1`, `"number_of_vacancies":"2.5"`, 1)), Kind: af.ErrValue, Line: 1, Column: "number_of_vacancies", Msg: "whole number"},
		{Name: "wrong type", In: l(good, strings.Replace(good, `"occupation_group":{`, `"occupation_group":5,"x":{`, 1)), Kind: af.ErrSyntax, Line: 2, Msg: "occupation_group"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
		{Name: "empty", In: []byte("\n\n"), Kind: af.ErrNotData, Msg: "empty"},
		{Name: "array not closed", In: []byte("[" + good + "," + good), Kind: af.ErrSyntax, Msg: "JSON array"},
		{Name: "not json", In: l(good, "publication_date;2019-01-01"), Kind: af.ErrSyntax, Line: 2, Msg: "invalid character"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
		_, err := ReadAds(bytes.NewReader(in), "ads.jsonl", AdOptions{})
		return err
	})
	// A line longer than the limit.
	_, err := ReadAds(io.MultiReader(strings.NewReader(good+"\n"), strings.NewReader(`{"x":"`+strings.Repeat("a", 5000)+`"}`)), "ads.jsonl", AdOptions{MaxLineBytes: 4096})
	var e *af.Error
	if !errors.As(err, &e) || !errors.Is(err, af.ErrTooLong) || e.Line != 2 {
		t.Errorf("long line: %v", err)
	}
}
