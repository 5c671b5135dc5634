package stats

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

func TestStatsBroken(t *testing.T) {
	head := "Inskrivna arbetslösa per län, januari 2024\n\nLän;Arbetslösa\n"
	s := func(rows ...string) []byte { return []byte(head + strings.Join(rows, "")) }
	cases := []aftest.BrokenCase{
		{Name: "total mismatch", In: s("01 Stockholms län;100\n", "03 Uppsala län;50\n", "Riket;160\n"), Kind: af.ErrTotal, Line: 6, Column: "Arbetslösa", Msg: "sum to 150"},
		{Name: "negative", In: s("01 Stockholms län;-3\n"), Kind: af.ErrNegative, Line: 4, Column: "Arbetslösa", Msg: "negative"},
		{Name: "län 02", In: s("02 Stora Kopparbergs län;3\n"), Kind: af.ErrUnknownCode, Line: 4, Column: "Län", Msg: "02"},
		{Name: "duplicate", In: s("01 Stockholms län;3\n", "01;4\n"), Kind: af.ErrDuplicate, Line: 5, Column: "Arbetslösa", Msg: "already at line 4"},
		{Name: "cp1252", In: aftest.ToCP1252(string(s("01 Stockholms län;3\n"))), Kind: af.ErrEncoding, Line: 1, Msg: "ö"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
		{Name: "text value", In: s("01 Stockholms län;många\n"), Kind: af.ErrValue, Line: 4, Column: "Arbetslösa", Msg: "count"},
		{Name: "wrong separator", In: []byte("Län|Arbetslösa\n01|3\n"), Kind: af.ErrHeader, Msg: "separator"},
		{Name: "kommun name", In: []byte("Månad;Kommun;Arbetslösa\n2024-01;0180 Solna;3\n"), Kind: af.ErrUnknownCode, Line: 2, Column: "Kommun", Msg: "Solna"},
		{Name: "bad month", In: []byte("Månad;Län;Arbetslösa\n2024-13;01;3\n"), Kind: af.ErrValue, Line: 2, Column: "Månad", Msg: "month"},
		{Name: "SSYK level 2", In: []byte("Månad;Yrke;Arbetslösa\n2024-01;25 IT-yrken;3\n"), Kind: af.ErrHeader, Line: 1, Column: "Yrke", Msg: "level 2"},
		{Name: "no details", In: s("Riket;3\n"), Kind: af.ErrNotData, Msg: "no detail"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
		_, err := ReadStatsCSV(bytes.NewReader(in), "stats.csv", StatsOptions{CheckTotals: true})
		return err
	})
	xcases := []aftest.BrokenCase{
		{Name: "html as xlsx", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
		{Name: "old xls", In: append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 100)...), Kind: af.ErrNotData, Msg: ".xls"},
		{Name: "negative cell", In: aftest.MakeXLSX(t, kommunSheet(func(rows [][]any) { rows[6][4] = -5 })), Kind: af.ErrNegative, Line: 7, Column: "2024 apr", Cell: "E7", Msg: "negative"},
		{Name: "missing sheet", In: aftest.MakeXLSX(t, kommunSheet(nil)), Kind: af.ErrHeader, Msg: "no such sheet"},
	}
	aftest.CheckBroken(t, xcases, func(in []byte) error {
		opt := StatsOptions{Category: "x"}
		if bytes.HasPrefix(in, []byte("PK")) && len(in) > 0 {
			var f bytes.Buffer
			f.Write(in)
			if _, err := ReadStatsXLSX(bytes.NewReader(in), "s.xlsx", opt); err != nil && errors.Is(err, af.ErrNegative) {
				return err
			}
			opt.Sheet = "Tabell 9"
		}
		_, err := ReadStatsXLSX(bytes.NewReader(in), "s.xlsx", opt)
		return err
	})
}

func TestVarselBroken(t *testing.T) {
	h := "tid,region,antal,ar\n"
	cases := []aftest.BrokenCase{
		{Name: "negative", In: []byte(h + "1992-01,Dalarna,-4,1992\n"), Kind: af.ErrNegative, Line: 2, Column: "antal", Msg: "negative"},
		{Name: "duplicate", In: []byte(h + "1992-01,Dalarna,4,1992\n1992-01,20,5,1992\n"), Kind: af.ErrDuplicate, Line: 3, Column: "tid", Msg: "already at line 2"},
		{Name: "bad month", In: []byte(h + "1992-13,Dalarna,4,1992\n"), Kind: af.ErrValue, Line: 2, Column: "tid", Msg: "month"},
		{Name: "unknown region", In: []byte(h + "1992-01,Atlantis,4,1992\n"), Kind: af.ErrUnknownCode, Line: 2, Column: "region", Msg: "Atlantis"},
		{Name: "missing count", In: []byte(h + "1992-01,Dalarna,,1992\n"), Kind: af.ErrValue, Line: 2, Column: "antal", Msg: "count"},
		{Name: "pipes", In: []byte("tid|region|antal\n1992-01|Dalarna|4\n"), Kind: af.ErrHeader, Line: 1, Msg: "separated by '|'"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
		_, err := ReadVarselCSV(bytes.NewReader(in), "varsel.csv")
		return err
	})
}
