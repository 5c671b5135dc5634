package assess

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"lmi/ingest/af"
)

// rejects collects the rows a reader leaves out, as "line column value
// kind".
type rejects []string

func (r *rejects) f(e *af.Error) error {
	*r = append(*r, fmt.Sprintf("%d %s %s %v", e.Line, e.Column, e.Value, e.Kind))
	return nil
}

// TestRejectRows: with a RejectFunc, a bad row is left out with its line,
// column and value and the rows after it are read; a RejectFunc that
// returns an error stops the read with it.
func TestRejectRows(t *testing.T) {
	badLan := strings.Replace(bristRow, "01 Stockholms län", "02 Påhittat län", 1)
	otherOcc := strings.Replace(bristRow, "Revisorer", "Controllers", 1)
	ok0 := "1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n"
	ok1 := "1JfT_7TR_tqA;1;;;;1,13;1;;;\n"
	h := "ar;antalEFT;antalPEN;conceptidprognosyrke\n"
	cases := []struct {
		name string
		read func(af.RejectFunc) (int, error)
		// what is read from the good rows, and the rejects
		n    int
		want []string
	}{
		{"bristindex", func(f af.RejectFunc) (int, error) {
			s, err := ReadBristindexCSV(strings.NewReader(bristHeader+bristRow+badLan+otherOcc), "b.csv", BristindexOptions{Reject: f})
			if err != nil {
				return 0, err
			}
			return len(s.Assessments), nil
		}, 2, []string{"3 Län 02 Påhittat län unknown code"}},
		{"yrkesprognos", func(f af.RejectFunc) (int, error) {
			in := prognosHeader + ok0 + strings.Replace(ok1, "1,13;1;", "1,13;6;", 1) + strings.Replace(ok1, ";1;", ";2;", 1)
			p, err := ReadPrognosCSV(strings.NewReader(in), "p.csv", PrognosOptions{Reject: f})
			if err != nil {
				return 0, err
			}
			return len(p.Rows), nil
		}, 2, []string{"3 index 6 invalid value"}},
		{"historik", func(f af.RejectFunc) (int, error) {
			// The bad row's first value is good: it must not be kept.
			in := h + "2015;1,00;1,00;1JfT_7TR_tqA\n2016;1,10;-1;1JfT_7TR_tqA\n2017;1,20;1,05;1JfT_7TR_tqA\n"
			hs, err := ReadPrognosHistorik(strings.NewReader(in), "h.csv", HistorikOptions{Reject: f})
			if err != nil {
				return 0, err
			}
			for _, p := range hs.Points {
				if p.Year == 2016 {
					return 0, fmt.Errorf("a point of the rejected row kept: %+v", p)
				}
			}
			return len(hs.Points), nil
		}, 4, []string{"3 antalPEN -1 invalid value"}},
		{"texter", func(f af.RejectFunc) (int, error) {
			// Four records, one per line: a bristvärde out of range and a
			// year of no horizon are left out; the concept of the bad
			// record is not mapped from it.
			rec := func(ar, concept, ssyk, v string) string {
				return fmt.Sprintf(`{"ar":%q,"datatyp":"Bristindex","geografi":"Riket","ssyk":%q,"concept_id":%q,"bristvarde":%q}`, ar, ssyk, concept, v)
			}
			in := "{\"prognoser\":[\n" + rec("2022", "DJh5_yyF_hEM", "2512", "4.0") + ",\n" + rec("2022", "Fghp_zje_WA8", "3334", "7.0") + ",\n" +
				rec("2024", "DJh5_yyF_hEM", "2512", "3.0") + ",\n" + rec("2026", "DJh5_yyF_hEM", "2512", "3.0") + "\n]}"
			s, concepts, err := ReadPrognosTexterWith(strings.NewReader(in), "t.json", TexterOptions{Reject: f})
			if err != nil {
				return 0, err
			}
			if _, ok := concepts["Fghp_zje_WA8"]; ok {
				return 0, fmt.Errorf("the rejected record's concept mapped: %v", concepts)
			}
			return len(s.Assessments), nil
		}, 2, []string{"3 bristvarde 7.0 invalid value", "4 ar 2024 invalid value"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got rejects
			n, err := c.read(got.f)
			if err != nil || n != c.n || fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%v: %d read, rejects %q; want %d, %q", err, n, got, c.n, c.want)
			}
			stop := errors.New("stop")
			if _, err := c.read(func(*af.Error) error { return stop }); !errors.Is(err, stop) {
				t.Errorf("a RejectFunc's error: got %v", err)
			}
			if _, err := c.read(nil); !errors.Is(err, af.ErrValue) && !errors.Is(err, af.ErrUnknownCode) {
				t.Errorf("without a RejectFunc: got %v, want the row's error", err)
			}
		})
	}
}
