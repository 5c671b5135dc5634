package publish_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lmi/report"
	"lmi/report/publish"
)

// element is an element of the report, as the numbers check sees it.
type element struct {
	tag       string
	attrs     map[string]string
	text      strings.Builder // all the text inside it
	inData    bool            // it or an ancestor carries data-value
	inScale   bool            // it or an ancestor is a scale label (class scale)
	inAbout   bool            // inside the provenance section
	inStyle   bool            // <style>
	parent    *element
	dataValue bool
}

// parseReport walks the report's HTML (as lmi writes it: well formed,
// SVG elements closed) and returns every element with data-ref, and every
// text run with the flags of where it is.
func parseReport(t reporter, s string) (refs []*element, texts []textRun) {
	t.Helper()
	tagRe := regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][a-zA-Z0-9:_-]*="[^"]*")*)\s*(/?)>`)
	attrRe := regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9:_-]*)="([^"]*)"`)
	void := map[string]bool{"meta": true, "br": true, "img": true, "link": true, "hr": true, "input": true}
	root := &element{tag: "#root"}
	cur := root
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			text := unescape(s[i : i+j])
			for e := cur; e != nil; e = e.parent {
				e.text.WriteString(text)
			}
			texts = append(texts, textRun{text, cur})
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!") {
			i += strings.IndexByte(s[i:], '>') + 1
			continue
		}
		m := tagRe.FindStringSubmatch(s[i:])
		if m == nil {
			t.Fatalf("cannot parse the report at %q", s[i:min(len(s), i+80)])
		}
		i += len(m[0])
		name := strings.ToLower(m[2])
		if m[1] == "/" {
			if cur.tag != name {
				t.Fatalf("</%s> closes <%s>", name, cur.tag)
			}
			cur = cur.parent
			continue
		}
		e := &element{tag: name, attrs: map[string]string{}, parent: cur}
		for _, a := range attrRe.FindAllStringSubmatch(m[3], -1) {
			e.attrs[a[1]] = unescape(a[2])
		}
		_, e.dataValue = e.attrs["data-value"]
		e.inData = cur.inData || e.dataValue
		e.inScale = cur.inScale || slices.Contains(strings.Fields(e.attrs["class"]), "scale")
		e.inAbout = cur.inAbout || e.attrs["id"] == "om-rapporten"
		e.inStyle = cur.inStyle || name == "style"
		if _, ok := e.attrs["data-ref"]; ok {
			refs = append(refs, e)
		}
		if m[4] == "/" || void[name] {
			continue
		}
		cur = e
	}
	if cur != root {
		t.Fatalf("<%s> not closed", cur.tag)
	}
	return refs, texts
}

type textRun struct {
	text string
	in   *element
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// csvFile is an output file as encoding/csv reads it, by line.
type csvFile struct {
	header []string
	byLine map[int][]string
}

// readCSV reads the header and the wanted lines of a file.
func readCSV(t reporter, path string, lines map[int]bool) *csvFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	cf := &csvFile{byLine: map[int][]string{}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return cf
		}
		if err != nil {
			t.Fatalf("%v", err)
		}
		line, _ := r.FieldPos(0)
		if cf.header == nil {
			cf.header = slices.Clone(rec)
			continue
		}
		if lines[line] {
			cf.byLine[line] = slices.Clone(rec)
		}
	}
}

func (c *csvFile) get(rec []string, col string) (string, bool) {
	i := slices.Index(c.header, col)
	if i < 0 {
		return "", false
	}
	return rec[i], true
}

// decimalsOf are the decimals a number may be shown with: an indicator's
// by its unit, a forecast column's by what it is (persons one decimal in
// tables, whole in charts).
func decimalsOf(t reporter, meta []publish.Indicator, file *csvFile, rec []string, col string) []int {
	if ind, ok := file.get(rec, "indicator"); ok && col == "value" {
		for _, m := range meta {
			if m.Name == ind {
				k, err := report.KindOfUnit(m.Unit)
				if err != nil {
					t.Fatalf("%v", err)
				}
				return []int{k.Decimals()}
			}
		}
		t.Fatalf("indicator %s without metadata", ind)
	}
	switch col {
	case "employed", "employment", "employment_lower", "employment_upper", "openings", "supply":
		return []int{0, 1}
	case "balance", "p_shortage", "kappa":
		return []int{2}
	case "class", "af_class", "lmi_class", "rank", "n", "agree":
		return []int{0}
	}
	t.Fatalf("no decimals known for column %s", col)
	return nil
}

// checkNumbers checks every number of the report against the files: each
// element with data-ref names rows of the output files, data-value is
// their value in full precision (".." for a suppressed row), and the
// element's text shows each value rounded for display in Swedish format;
// and no number with decimals or thousands is shown outside such an
// element, except scale labels (axis ticks, map classes) and the
// provenance's parameters.
func checkNumbers(t reporter, dirs []string, page string, meta []publish.Indicator) int {
	t.Helper()
	refs, texts := parseReport(t, page)
	type source struct {
		e     *element
		file  string
		line  int
		col   string
		value string
	}
	var srcs []source
	want := map[string]map[int]bool{}
	for _, e := range refs {
		rs, vs := strings.Fields(e.attrs["data-ref"]), strings.Split(e.attrs["data-value"], " ")
		if len(rs) != len(vs) {
			t.Errorf("<%s data-ref=%q data-value=%q>: counts differ", e.tag, e.attrs["data-ref"], e.attrs["data-value"])
			continue
		}
		for i, r := range rs {
			parts := strings.Split(r, ":")
			line, err := strconv.Atoi(parts[min(1, len(parts)-1)])
			if len(parts) != 3 || err != nil {
				t.Errorf("bad data-ref %q", r)
				continue
			}
			srcs = append(srcs, source{e, parts[0], line, parts[2], vs[i]})
			if want[parts[0]] == nil {
				want[parts[0]] = map[int]bool{}
			}
			want[parts[0]][line] = true
		}
	}
	files := map[string]*csvFile{}
	for name, lines := range want {
		path := ""
		for _, d := range dirs {
			if _, err := os.Stat(filepath.Join(d, name)); err == nil {
				path = filepath.Join(d, name)
			}
		}
		if path == "" {
			t.Errorf("data-ref names %s, which is in none of %v", name, dirs)
			continue
		}
		files[name] = readCSV(t, path, lines)
	}
	checked := 0
	for _, s := range srcs {
		f := files[s.file]
		if f == nil {
			continue
		}
		rec, ok := f.byLine[s.line]
		if !ok {
			t.Errorf("%s: no row on line %d", s.file, s.line)
			continue
		}
		checkValue(t, meta, f, rec, fmt.Sprintf("%s:%d:%s", s.file, s.line, s.col), s.col, s.value, s.e.text.String())
		checked++
	}
	num := regexp.MustCompile(`\d,\d|\d\x{00a0}\d{3}`)
	for _, tr := range texts {
		if tr.in.inData || tr.in.inScale || tr.in.inAbout || tr.in.inStyle {
			continue
		}
		if m := num.FindString(tr.text); m != "" {
			t.Errorf("a number %q shown without its source in <%s>: %q", m, tr.in.tag, tr.text)
		}
	}
	for _, m := range regexp.MustCompile(`<td class="num"(?: [^>]*)?>`).FindAllString(page, -1) {
		if !strings.Contains(m, "data-ref=") {
			t.Errorf("a number cell without its source: %s", m)
		}
	}
	return checked
}

func checkValue(t reporter, meta []publish.Indicator, f *csvFile, rec []string, ref, col, dataValue, text string) {
	t.Helper()
	raw, ok := f.get(rec, col)
	if !ok {
		t.Errorf("%s: no column %s", ref, col)
		return
	}
	if sup, _ := f.get(rec, "suppressed"); sup == "true" {
		if dataValue != ".." || !strings.Contains(text, "..") {
			t.Errorf("%s is suppressed, but the report says %q (data-value %q)", ref, text, dataValue)
		}
		return
	}
	want, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Errorf("%s: %q is not a number", ref, raw)
		return
	}
	got, err := strconv.ParseFloat(dataValue, 64)
	if err != nil || got != want {
		t.Errorf("%s: data-value %q, the file has %s", ref, dataValue, raw)
		return
	}
	var shown []string
	for _, d := range decimalsOf(t, meta, f, rec, col) {
		s := report.Swedish.Number(want, d)
		shown = append(shown, s)
		if hasNumber(text, s) {
			return
		}
	}
	t.Errorf("%s = %s: the report shows %q, want it to show %s", ref, raw, text, strings.Join(shown, " or "))
}

// hasNumber says whether text shows the number s, not as part of a longer
// number.
func hasNumber(text, s string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(s)
		before := start == 0 || !isNumChar(text[:start], true)
		after := end == len(text) || !isNumChar(text[end:], false)
		if before && after {
			return true
		}
		i = start + 1
	}
}

// isNumChar says whether the text next to a match continues a number.
func isNumChar(s string, last bool) bool {
	rs := []rune(s)
	if last {
		r := rs[len(rs)-1]
		return r >= '0' && r <= '9' || r == '\u00a0' && len(rs) > 1 && rs[len(rs)-2] >= '0' && rs[len(rs)-2] <= '9' || r == '\u2212'
	}
	r := rs[0]
	digitNext := len(rs) > 1 && rs[1] >= '0' && rs[1] <= '9'
	return r >= '0' && r <= '9' || (r == ',' || r == '\u00a0') && digitNext
}

func TestNumbers(t *testing.T) {
	files := build(t, testInput(t.TempDir()))
	b, err := os.ReadFile(files.Report)
	if err != nil {
		t.Fatal(err)
	}
	n := checkNumbers(t, []string{testOutputs}, string(b), testIndicators)
	if n < 200 {
		t.Errorf("%d numbers checked; the test report shows several hundred", n)
	}
	t.Logf("%d numbers checked against the output files", n)
}

// TestNumbersCatchesErrors: the check fails a report whose number is not
// the file's, or shown without its source.
func TestNumbersCatchesErrors(t *testing.T) {
	files := build(t, testInput(t.TempDir()))
	b, _ := os.ReadFile(files.Report)
	page := string(b)
	for name, bad := range map[string]string{
		"changed value": strings.Replace(page, `data-value="65.05" data-ref="matching.csv:25:value">65,1`, `data-value="65.05" data-ref="matching.csv:25:value">65,2`, 1),
		"wrong row":     strings.Replace(page, `data-ref="matching.csv:25:value"`, `data-ref="matching.csv:24:value"`, 1),
		"no source":     strings.Replace(page, "</main>", "<p>Medelvärdet är 61,3 procent.</p></main>", 1),
	} {
		if bad == page {
			t.Fatalf("%s: the report did not change; the test's edit is stale", name)
		}
		rec := &recorder{}
		done := make(chan bool)
		go func() {
			defer func() { done <- true }()
			checkNumbers(rec, []string{testOutputs}, bad, testIndicators)
		}()
		<-done
		if len(rec.errs) == 0 {
			t.Errorf("%s: the check passed", name)
		}
	}
}

// reporter is what the numbers check reports to: a test, or a recorder.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// recorder keeps what a check reported; Fatalf ends the goroutine.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}
