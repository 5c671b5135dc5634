package ads

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// readAdsFile reads the file at path with ReadAds, given the *os.File
// (mapped where files are mapped) or, with stream, the file behind a
// plain io.Reader (streamed), from offset skip.
func readAdsFile(t *testing.T, path string, skip int64, stream bool, opt AdOptions) (*Vacancies, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(skip, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	var r io.Reader = f
	if stream {
		r = struct{ io.Reader }{f}
	}
	v, err := ReadAds(r, "f.jsonl", opt)
	// Either way the file is left read to its end (or where the stream
	// stopped, on an error).
	if end, _ := f.Seek(0, io.SeekCurrent); err == nil && end != fileSize(t, path) {
		t.Errorf("stream %v: the file is left at %d, not at its end", stream, end)
	}
	return v, err
}

func fileSize(t *testing.T, path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

// adInputs are inputs that take every branch of the reader: empty and
// blank files, a BOM, a web page, a JSON array and a pretty-printed
// document, CRLF, no final newline, errors on a later line, lines at the
// length limit and lines longer than the read buffer.
func adInputs(t *testing.T) map[string][]byte {
	fixture := readFixture(t)
	lines := bytes.Split(bytes.TrimSpace(fixture), []byte("\n"))
	var gen bytes.Buffer
	if _, err := gen.ReadFrom(newAdGen(1 << 20)); err != nil {
		t.Fatal(err)
	}
	big := fmt.Appendf(nil, `{"publication_date":"2019-01-01","description":%q,"workplace_address":{"municipality_code":"0180"}}`,
		strings.Repeat("Vi söker en erfaren medarbetare. ", 48000)) // 1.6 MB, longer than the 1 MiB buffer
	in := map[string][]byte{
		"fixture":         fixture,
		"generated":       gen.Bytes(),
		"empty":           nil,
		"blank":           []byte("  \n\t\r\n"),
		"bom":             append(bytes.Clone(input.BOM), fixture...),
		"bom only":        bytes.Clone(input.BOM),
		"blank lines":     append([]byte("\n\n\n"), bytes.ReplaceAll(fixture, []byte("\n"), []byte("\n\n"))...),
		"crlf":            bytes.ReplaceAll(fixture, []byte("\n"), []byte("\r\n")),
		"no final eol":    bytes.TrimSpace(fixture),
		"html":            []byte("\n<!DOCTYPE html><html><head><title>Sidan finns inte</title></head></html>"),
		"array":           append(append([]byte("[\n"), bytes.Join(lines, []byte(",\n"))...), "\n]\n"...),
		"array open":      append([]byte("[\n"), bytes.Join(lines, []byte(",\n"))...),
		"array trailing":  append(append([]byte("["), bytes.Join(lines, []byte(","))...), "] {}"...),
		"pretty":          []byte("{\n  \"publication_date\": \"2019-03-01\",\n  \"workplace_address\": {\"municipality_code\": \"1480\"}\n}\n"),
		"pretty wrapper":  []byte("{\n \"hits\": {\"hits\": [\n" + string(lines[0]) + ",\n" + string(lines[1]) + "]}}\n"),
		"bad line 3":      append(bytes.Join(lines[:2], []byte("\n")), "\n{\"publication_date\": 2019-01}\n"...),
		"bad utf8 line 2": append(append(bytes.Clone(lines[0]), '\n'), "{\"publication_date\":\"2019-01-01\",\"x\":\"G\xf6teborg\"}\n"...),
		"blank bad":       []byte("\n\n{\"publication_date\":\"2019-01-01\",}\n"),
		"big line":        append(append(bytes.Clone(lines[0]), '\n'), big...),
		"big line eol":    append(append(bytes.Clone(big), '\n'), lines[0]...),
	}
	// Damaged generated lines: a byte changed, dropped or the line cut.
	rng := rand.New(rand.NewPCG(9, 10))
	one := bytes.SplitAfter(gen.Bytes(), []byte("\n"))
	for n := range 20 {
		l := bytes.Clone(one[rng.IntN(len(one)-1)])
		i := rng.IntN(len(l))
		switch n % 3 {
		case 0:
			l[i] = "\"\\{}:,\x00\xc3\xff"[rng.IntN(9)]
		case 1:
			l = append(l[:i], l[i+1:]...)
		default:
			l = l[:i]
		}
		in[fmt.Sprintf("damaged %d", n)] = append(append(bytes.Clone(one[0]), l...), one[1]...)
	}
	return in
}

// TestAdsMappedSameAsStreamed reads every input from a file, mapped and
// streamed, with several options and line limits (a line of exactly the
// limit, counting its '\n', and one byte more or less), and from an
// offset: the results and errors must be the same.
func TestAdsMappedSameAsStreamed(t *testing.T) {
	dir := t.TempDir()
	n := 0
	for name, data := range adInputs(t) {
		path := filepath.Join(dir, fmt.Sprintf("in%d.jsonl", n))
		n++
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		longest := 0
		for _, l := range bytes.SplitAfter(data, []byte("\n")) {
			longest = max(longest, len(l))
		}
		opts := []AdOptions{{}, {Taxonomy: fixtureTaxonomy, ByPlace: true}}
		for _, max := range []int{longest - 1, longest, longest + 1, 1 << 20} {
			if max > 0 {
				opts = append(opts, AdOptions{Taxonomy: fixtureTaxonomy, MaxLineBytes: max})
			}
		}
		skips := []int64{0}
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			skips = append(skips, int64(i+1))
		}
		for _, opt := range opts {
			for _, skip := range skips {
				got, err := readAdsFile(t, path, skip, false, opt)
				want, werr := readAdsFile(t, path, skip, true, opt)
				what := fmt.Sprintf("%s (max %d, from %d)", name, opt.MaxLineBytes, skip)
				if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
					t.Fatalf("%s: mapped error %v, streamed error %v", what, err, werr)
				}
				var e, we *af.Error
				if err != nil && (!errors.As(err, &e) || !errors.As(werr, &we) || e.Kind != we.Kind) {
					t.Fatalf("%s: mapped error %#v, streamed error %#v", what, err, werr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: mapped result\n%+v\nstreamed result\n%+v", what, got, want)
				}
			}
		}
	}
}

// TestAdsPipe: a pipe is not mapped; it reads as the same bytes do.
func TestAdsPipe(t *testing.T) {
	fixture := readFixture(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write(fixture)
		w.Close()
	}()
	got, err := ReadAds(r, "f.jsonl", AdOptions{Taxonomy: fixtureTaxonomy})
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadAds(bytes.NewReader(fixture), "f.jsonl", AdOptions{Taxonomy: fixtureTaxonomy})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("pipe %+v\nbytes %+v (%v)", got, want, err)
	}
}

// FuzzAdInputs: bytes read from memory, as a mapped file is, give what
// the same bytes streamed give, whatever the line limit.
func FuzzAdInputs(f *testing.F) {
	fixture, err := os.ReadFile("testdata/ads/ads.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	lines := bytes.SplitAfter(fixture, []byte("\n"))
	f.Add(fixture, uint16(0))
	f.Add(bytes.Join(lines[:3], nil), uint16(len(lines[0])))
	f.Add(bytes.Join(lines[:3], nil), uint16(len(lines[0])-1))
	f.Add([]byte("\xef\xbb\xbf\n\n"+string(lines[1])+"\r\n{bad"), uint16(0))
	f.Add([]byte("[\n"+string(bytes.TrimSpace(lines[0]))+"\n]"), uint16(300))
	f.Add([]byte("{\n  \"publication_date\": \"2019-03-01\"\n}"), uint16(0))
	f.Add([]byte("  <html><title>x</title>"), uint16(0))
	f.Fuzz(func(t *testing.T, in []byte, max uint16) {
		opt := AdOptions{Taxonomy: fixtureTaxonomy, ByPlace: true, MaxLineBytes: int(max)}
		read := func(mem bool) (*Vacancies, error) {
			a := newAdAgg(opt)
			var src adInput = &streamInput{br: bufio.NewReaderSize(bytes.NewReader(in), 1<<20), max: a.opt.MaxLineBytes}
			if mem {
				src = &memInput{data: in, max: a.opt.MaxLineBytes}
			}
			if err := a.readFrom(src, "f.jsonl"); err != nil {
				return nil, err
			}
			return a.result(), nil
		}
		got, err := read(true)
		want, werr := read(false)
		if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
			t.Fatalf("from memory: error %v; streamed: error %v", err, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("from memory\n%+v\nstreamed\n%+v", got, want)
		}
	})
}
