package ads

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
)

// CategoryAds is the Count.Category of vacancies counted from job ads.
const CategoryAds = "jobtech-ads"

// Reasons an ad is left out of a table or its SSYK is unknown, the keys of
// AdReport.Reasons. The placement reasons are exclusive: an ad with a date
// is either placed in a kommun (both tables), placed in a län only
// (ReasonNoKommun, ReasonUnknownKommun) or in neither (ReasonNoLan,
// ReasonUnknownLan, ReasonSeveralLan). The SSYK reasons count ads placed
// in a län whose vacancies went to SSYK "". The last three are notes, not
// losses.
const (
	ReasonNoDate        = "no_date"        // no readable publication date: in neither table
	ReasonNoLan         = "no_lan"         // no kommun, no län code, concept or place name (abroad, unspecified): in neither table
	ReasonUnknownLan    = "unknown_lan"    // a region_code that is not a län, and no kommun: in neither table
	ReasonSeveralLan    = "several_lan"    // a posting whose places lie in more than one län: in neither table
	ReasonNoKommun      = "no_kommun"      // län known, no kommun: län table only
	ReasonUnknownKommun = "unknown_kommun" // a municipality_code not in lmi/codes: län table only
	ReasonNoSSYK        = "no_ssyk"        // no occupation at all: SSYK ""
	// ReasonUnknownSSYK: occupation_group neither a SSYK code nor a mapped
	// concept, or an occupation given only by name or occupation-name id
	// (yrkesroll, relevantOccupation, yrke), which the taxonomy dump cannot
	// map to SSYK: SSYK "".
	ReasonUnknownSSYK  = "unknown_ssyk"
	ReasonSSYKConflict = "ssyk_conflict"     // note: legacy code and concept disagree; the code is used
	ReasonLanConflict  = "lan_conflict"      // note: region_code is not the kommun's län; the kommun's is used
	ReasonDefaulted    = "vacancies_default" // note: number_of_vacancies missing, null or 0, counted as 1
)

// AdOptions are the choices for the job-ad readers.
type AdOptions struct {
	// Taxonomy maps concept ids when an ad has no usable code (optional).
	Taxonomy *Taxonomy
	// MaxLineBytes bounds one JSON line (one ad); default 16 MiB. A longer
	// line is an ErrTooLong error. It bounds the reader's memory.
	MaxLineBytes int
	// ByPlace also aggregates Vacancies.ByPlace (month x kommun, or län,
	// x SSYK), as lmi ingest does to store the ads. It costs memory: up to
	// months x 290 kommuner x 430 SSYK cells more.
	ByPlace bool
}

// ReasonCount is how many ads, and how many vacancies, had a reason.
type ReasonCount struct {
	Ads       int64
	Vacancies float64
}

// AdReport accounts for every ad read.
type AdReport struct {
	Ads       int64   // ads read
	Vacancies float64 // their number_of_vacancies, summed
	Reasons   map[string]ReasonCount
}

// Vacancies is what the job-ad readers return: vacancies (ads weighted by
// number_of_vacancies) by publication month, sorted by period, region and
// SSYK.
type Vacancies struct {
	ByKommun  []af.Count // month x kommun; SSYK "" (not broken down)
	ByLanSSYK []af.Count // month x län x SSYK 4; SSYK "" for ads not mapped
	// ByPlace (with AdOptions.ByPlace) has every placed ad once, in the
	// finest region known: month x kommun x SSYK for ads with a kommun,
	// month x län x SSYK for ads placed in a län only (ReasonNoKommun,
	// ReasonUnknownKommun); SSYK "" for ads not mapped. It sums to
	// ByLanSSYK, and its kommun rows summed over SSYK are ByKommun: the one
	// form a table can hold without counting an ad twice.
	ByPlace []af.Count
	Report  AdReport
}

// ReadAds reads job ads from r: JSON lines (one ad per line, blank lines
// skipped) or one JSON array of ads, in JobTech's JobSearch / historical
// ads schema. A line may also be an Elasticsearch hit, whose _source is
// the ad. The input is streamed: memory is bounded by the longest line
// and the number of distinct output cells, not by the input size. A
// regular *os.File is mapped into memory instead of read into a buffer
// (on Unix systems): its pages are the kernel's page cache, not the
// program's heap; a file cut short while it is read is an ErrIO error.
func ReadAds(r io.Reader, file string, opt AdOptions) (*Vacancies, error) {
	a := newAdAgg(opt)
	if err := a.read(r, file); err != nil {
		return nil, err
	}
	return a.result(), nil
}

// ReadAdsFiles reads job-ad files into one result: plain JSON lines, .gz,
// or .zip archives (every member ending in .json, .jsonl or .ndjson is
// read; other members are an error). Error positions name the archive
// member as "archive.zip:member.jsonl".
func ReadAdsFiles(opt AdOptions, paths ...string) (*Vacancies, error) {
	a := newAdAgg(opt)
	for _, p := range paths {
		if err := a.readFile(p); err != nil {
			return nil, err
		}
	}
	return a.result(), nil
}

type adAgg struct {
	opt      AdOptions
	byKommun adCells // SSYK ""
	byLan    adCells
	byPlace  adCells // region the kommun when known, else the län
	report   AdReport
	ad       adJSON
	texts    *jsonscan.TextTable // the short values scanAd keeps, made once
	// reference decodes every ad with encoding/json (decodeAd), never
	// with scanAd, and keys every cell by its strings: the reader as it
	// was before both, which the tests compare it with.
	reference bool
}

func newAdAgg(opt AdOptions) *adAgg {
	if opt.MaxLineBytes <= 0 {
		opt.MaxLineBytes = 16 << 20
	}
	if opt.Taxonomy == nil {
		opt.Taxonomy = &Taxonomy{}
	}
	return &adAgg{opt: opt, byKommun: newAdCells(), byLan: newAdCells(), byPlace: newAdCells(),
		report: AdReport{Reasons: map[string]ReasonCount{}}, texts: &jsonscan.TextTable{}}
}

func (a *adAgg) readFile(path string) error {
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".zip":
		z, err := zip.OpenReader(path)
		if err != nil {
			return &af.Error{File: name, Kind: af.ErrNotData, Msg: "not a readable zip archive", Err: err}
		}
		defer z.Close()
		n := 0
		for _, f := range z.File {
			if f.FileInfo().IsDir() {
				continue
			}
			member := name + ":" + f.Name
			switch strings.ToLower(filepath.Ext(f.Name)) {
			case ".json", ".jsonl", ".ndjson":
			default:
				return &af.Error{File: member, Kind: af.ErrNotData, Msg: "archive member is not .json, .jsonl or .ndjson"}
			}
			rc, err := f.Open()
			if err != nil {
				return &af.Error{File: member, Kind: af.ErrSyntax, Err: err}
			}
			err = a.read(rc, member)
			rc.Close()
			if err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return &af.Error{File: name, Kind: af.ErrNotData, Msg: "no .json or .jsonl member in the archive"}
		}
		return nil
	case ".gz":
		f, err := os.Open(path)
		if err != nil {
			return &af.Error{File: name, Kind: af.ErrIO, Err: err}
		}
		defer f.Close()
		g, err := gzip.NewReader(f)
		if err != nil {
			return &af.Error{File: name, Kind: af.ErrNotData, Msg: "not a gzip file", Err: err}
		}
		defer g.Close()
		return a.read(g, name)
	}
	f, err := os.Open(path)
	if err != nil {
		return &af.Error{File: name, Kind: af.ErrIO, Err: err}
	}
	defer f.Close()
	return a.read(f, name)
}

// read reads one input into the aggregate: mapped when it is a regular
// file that can be mapped, else streamed.
func (a *adAgg) read(r io.Reader, file string) error {
	if f, ok := r.(*os.File); ok {
		if m, ok := mapFile(f); ok {
			return a.readMapped(m, file)
		}
	}
	return a.readFrom(&streamInput{br: bufio.NewReaderSize(r, 1<<20), max: a.opt.MaxLineBytes}, file)
}

// adInput is where read takes its bytes from: a stream through a buffer,
// or a file mapped into memory (admap_unix.go), which spares copying it.
// Both give the same lines and errors.
type adInput interface {
	// peek returns the next n bytes without consuming them, fewer (and an
	// error) at the end.
	peek(n int) ([]byte, error)
	discard(n int)
	// line returns the next line with its '\n', as readLine does.
	line() ([]byte, error)
	// rest is the unread input as a reader.
	rest() io.Reader
}

type streamInput struct {
	br  *bufio.Reader
	buf []byte
	max int
}

func (s *streamInput) peek(n int) ([]byte, error) { return s.br.Peek(n) }
func (s *streamInput) discard(n int)              { s.br.Discard(n) }
func (s *streamInput) line() ([]byte, error)      { return readLine(s.br, &s.buf, s.max) }
func (s *streamInput) rest() io.Reader            { return s.br }

// memInput reads from bytes in memory (a mapped file).
type memInput struct {
	data []byte
	pos  int
	max  int
}

func (m *memInput) peek(n int) ([]byte, error) {
	if rest := m.data[m.pos:]; len(rest) < n {
		return rest, io.EOF
	}
	return m.data[m.pos : m.pos+n], nil
}

func (m *memInput) discard(n int)   { m.pos = min(m.pos+n, len(m.data)) }
func (m *memInput) rest() io.Reader { return bytes.NewReader(m.data[m.pos:]) }

// line is readLine on bytes in memory: the same lines, the same limit
// (counting the '\n'), and io.EOF with the last line.
func (m *memInput) line() ([]byte, error) {
	rest := m.data[m.pos:]
	n := bytes.IndexByte(rest, '\n') + 1
	var err error
	if n == 0 {
		n, err = len(rest), io.EOF
	}
	if n > m.max {
		return nil, errTooLong
	}
	m.pos += n
	return rest[:n], err
}

// readFrom reads one input into the aggregate.
func (a *adAgg) readFrom(in adInput, file string) error {
	// Look at the first non-blank byte: '[' is one JSON array, '<' a web
	// page, '{' starting a pretty-printed object one JSON document,
	// anything else JSON lines.
	for {
		b, err := in.peek(1)
		if err == io.EOF {
			return &af.Error{File: file, Kind: af.ErrNotData, Msg: "the file is empty"}
		}
		if err != nil {
			return &af.Error{File: file, Kind: af.ErrIO, Err: err}
		}
		if b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n' {
			in.discard(1)
			continue
		}
		if bb, _ := in.peek(3); bytes.Equal(bb, input.BOM) {
			in.discard(3)
			continue
		}
		switch b[0] {
		case '<':
			head, _ := in.peek(4096)
			return input.CheckMarkup(head, file)
		case '[':
			return a.readArray(in.rest(), file)
		case '{':
			if head, _ := in.peek(64 << 10); prettyObject(head) {
				return a.readDocument(in.rest(), file)
			}
		}
		break
	}
	var line int64
	for {
		b, err := in.line()
		if err == io.EOF && len(b) == 0 {
			return nil
		}
		line++
		if err == errTooLong {
			return &af.Error{File: file, Line: line, Record: line, Kind: af.ErrTooLong, Msg: fmt.Sprintf("longer than %d bytes (AdOptions.MaxLineBytes)", a.opt.MaxLineBytes)}
		}
		if err != nil && err != io.EOF {
			return &af.Error{File: file, Line: line, Kind: af.ErrIO, Err: err}
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			if e := a.add(t, file, line, 0, true); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readArray streams the ads of one JSON array.
func (a *adAgg) readArray(r io.Reader, file string) error {
	dec := json.NewDecoder(r)
	if _, err := dec.Token(); err != nil {
		return &af.Error{File: file, Kind: af.ErrSyntax, Err: err}
	}
	var raw json.RawMessage
	for n := int64(1); dec.More(); n++ {
		raw = raw[:0]
		if err := dec.Decode(&raw); err != nil {
			return &af.Error{File: file, Record: n, Kind: af.ErrSyntax, Msg: "in the JSON array", Err: err}
		}
		if len(raw) > a.opt.MaxLineBytes {
			return &af.Error{File: file, Record: n, Kind: af.ErrTooLong, Msg: fmt.Sprintf("an ad longer than %d bytes (AdOptions.MaxLineBytes)", a.opt.MaxLineBytes)}
		}
		if err := a.add(raw, file, 0, n, true); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return &af.Error{File: file, Kind: af.ErrSyntax, Msg: "the JSON array is not closed", Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &af.Error{File: file, Kind: af.ErrSyntax, Msg: "data after the JSON array"}
	}
	return nil
}

// prettyObject reports whether the input (at a '{', head its first 64
// KiB) is one JSON object written over several lines rather than JSON
// lines: its first line is "{" alone, or an incomplete object ending
// where a value opens.
func prettyObject(head []byte) bool {
	i := bytes.IndexByte(head, '\n')
	if i < 0 {
		return false
	}
	line := bytes.TrimSpace(head[:i])
	if bytes.Equal(line, []byte("{")) {
		return true
	}
	return !json.Valid(line) && len(line) > 0 && strings.IndexByte("[{,:", line[len(line)-1]) >= 0
}

// readDocument reads one pretty-printed JSON object whole, at most
// MaxLineBytes: an ad, or a wrapper of ads (an Elasticsearch response,
// {"testannonser": [...]}).
func (a *adAgg) readDocument(r io.Reader, file string) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(a.opt.MaxLineBytes)+1))
	if err != nil {
		return &af.Error{File: file, Kind: af.ErrIO, Err: err}
	}
	if len(data) > a.opt.MaxLineBytes {
		return &af.Error{File: file, Kind: af.ErrTooLong, Msg: fmt.Sprintf("one JSON document longer than %d bytes (AdOptions.MaxLineBytes): write the ads as JSON lines", a.opt.MaxLineBytes)}
	}
	if !utf8.Valid(data) {
		return input.CheckUTF8(data, file, 1)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return jsonscan.DecodeError(data, file, 0, err)
	}
	return a.add(data, file, 0, 0, true)
}

var errTooLong = errors.New("line too long")

// readLine returns the next line without its end, reusing *buf for lines
// longer than the reader's buffer; it never holds more than max bytes.
func readLine(br *bufio.Reader, buf *[]byte, max int) ([]byte, error) {
	b, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		if len(b) > max {
			return nil, errTooLong
		}
		return b, err
	}
	*buf = append((*buf)[:0], b...)
	for err == bufio.ErrBufferFull {
		b, err = br.ReadSlice('\n')
		if len(*buf)+len(b) > max {
			// Skip nothing: the caller stops at the error.
			return nil, errTooLong
		}
		*buf = append(*buf, b...)
	}
	return *buf, err
}

// jsonText is a JSON string or number read as text; null is "".
type jsonText string

func (t *jsonText) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0:
	case b[0] == 'n':
		*t = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = jsonText(s)
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*t = jsonText(b)
	default:
		return fmt.Errorf("expected a string or a number, found %s", input.Short(string(b)))
	}
	return nil
}

type conceptJSON struct {
	ConceptID jsonText `json:"concept_id"`
	Legacy    jsonText `json:"legacy_ams_taxonomy_id"`
}

type addressJSON struct {
	MunicipalityCode    jsonText `json:"municipality_code"`
	MunicipalityConcept jsonText `json:"municipality_concept_id"`
	RegionCode          jsonText `json:"region_code"`
	RegionConcept       jsonText `json:"region_concept_id"`
}

// sourceValueJSON is a coded value in AF's source format: {namn, varde}.
type sourceValueJSON struct {
	Namn  jsonText `json:"namn"`
	Varde jsonText `json:"varde"`
}

// postingJSON is a scraped schema.org JobPosting. jobLocation and
// relevantOccupation take many shapes and are read leniently.
type postingJSON struct {
	DatePosted         jsonText        `json:"datePosted"`
	TotalJobOpenings   jsonText        `json:"totalJobOpenings"`
	JobLocation        json.RawMessage `json:"jobLocation"`
	RelevantOccupation json.RawMessage `json:"relevantOccupation"`
}

// adJSON holds the fields read from an ad in any of three schemas:
// JobTech's JobSearch / historical ads, AF's source format (Platsbanken
// before JobTech's conversion, Swedish keys) and scraped postings
// (JobTech's scraped ads: a schema.org JobPosting with JobTech's guesses).
type adJSON struct {
	Source            json.RawMessage `json:"_source"`
	PublicationDate   jsonText        `json:"publication_date"`
	NumberOfVacancies jsonText        `json:"number_of_vacancies"`
	OccupationGroup   conceptJSON     `json:"occupation_group"`
	WorkplaceAddress  addressJSON     `json:"workplace_address"`

	Publiceringsdatum jsonText        `json:"publiceringsdatum"`
	AntalPlatser      jsonText        `json:"antalPlatser"`
	Yrkesroll         sourceValueJSON `json:"yrkesroll"` // an occupation name, varde its legacy id
	Arbetsplatsadress struct {
		Kommun sourceValueJSON `json:"kommun"` // varde a kommun code
		Lan    sourceValueJSON `json:"lan"`    // varde a län code
	} `json:"arbetsplatsadress"`

	Posting *postingJSON `json:"originalJobPosting"`
	Ort     jsonText     `json:"ort"`  // a town or län name
	Yrke    jsonText     `json:"yrke"` // an occupation name
}

// empty reports an object with none of an ad's fields (then perhaps a
// wrapper of ads).
func (ad *adJSON) empty() bool {
	return ad.PublicationDate == "" && ad.NumberOfVacancies == "" && ad.OccupationGroup == (conceptJSON{}) &&
		ad.WorkplaceAddress == (addressJSON{}) && ad.Publiceringsdatum == "" && ad.AntalPlatser == "" &&
		ad.Yrkesroll == (sourceValueJSON{}) && ad.Arbetsplatsadress.Kommun == (sourceValueJSON{}) &&
		ad.Arbetsplatsadress.Lan == (sourceValueJSON{}) && ad.Posting == nil && ad.Ort == "" && ad.Yrke == ""
}

// wrapped returns the ads of an object that wraps them: an Elasticsearch
// response (hits.hits) or an object whose one member is an array of ads
// ({"testannonser": [...]}).
func wrapped(b []byte) ([]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil, false
	}
	if h, ok := m["hits"]; ok {
		var hits struct {
			Hits []json.RawMessage `json:"hits"`
		}
		if json.Unmarshal(h, &hits) == nil && hits.Hits != nil {
			return hits.Hits, true
		}
	}
	if len(m) == 1 {
		for _, v := range m {
			var ads []json.RawMessage
			if len(v) > 0 && v[0] == '[' && json.Unmarshal(v, &ads) == nil {
				return ads, true
			}
		}
	}
	return nil, false
}

func (a *adAgg) note(reason string, w float64) {
	rc := a.report.Reasons[reason]
	rc.Ads++
	rc.Vacancies += w
	a.report.Reasons[reason] = rc
}

// add aggregates one ad (one JSON object). With unwrap, an object that is
// not an ad but wraps a list of them is read as that list.
func (a *adAgg) add(b []byte, file string, line, record int64, unwrap bool) error {
	ad := &a.ad
	// The single-pass scanner takes plain JobSearch ads; anything else,
	// errors included, is decoded by encoding/json as before.
	if a.reference || !scanAd(b, ad, a.texts) {
		if kind, column, msg := decodeAd(b, ad); kind != nil {
			return adError(file, line, record, kind, column, "", "%s", msg)
		}
	}
	if unwrap && ad.empty() {
		if ads, ok := wrapped(b); ok {
			for i, raw := range ads {
				if err := a.add(raw, file, line, int64(i+1), false); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return a.count(ad, file, line, record)
}

// adError positions an error on the ad at line (JSON lines) or record (an
// array's element).
func adError(file string, line, record int64, kind error, column, value, format string, args ...any) error {
	if record == 0 {
		record = line
	}
	return &af.Error{File: file, Line: line, Record: record, Kind: kind, Column: column, Value: input.Short(value), Msg: fmt.Sprintf(format, args...)}
}

// count adds the vacancies of ad to the tables: the date, the number of
// vacancies, the place and the occupation, from whichever schema the ad
// is in (JobSearch fields first, then AF's source format, then a scraped
// posting).
func (a *adAgg) count(ad *adJSON, file string, line, record int64) error {
	p := ad.Posting
	if p == nil {
		p = &postingJSON{}
	}
	w, err := a.weight(ad, p, file, line, record)
	if err != nil {
		return err
	}
	month, ok := adMonth(first(string(ad.PublicationDate), string(ad.Publiceringsdatum), string(p.DatePosted)))
	if !ok {
		a.note(ReasonNoDate, w)
		return nil
	}
	kommun, lan := a.place(ad, p, w)
	if lan == "" {
		return nil
	}
	place := kommun
	if kommun == "" {
		place = lan
	} else {
		a.byKommun.add(month, kommun, "", w, !a.reference)
	}
	ssyk := a.ssyk(ad, p, w)
	a.byLan.add(month, lan, ssyk, w, !a.reference)
	if a.opt.ByPlace {
		a.byPlace.add(month, place, ssyk, w, !a.reference)
	}
	return nil
}

// weight returns the ad's number of vacancies (missing, null or 0 count
// as 1) and counts the ad in the report.
func (a *adAgg) weight(ad *adJSON, p *postingJSON, file string, line, record int64) (float64, error) {
	wField, wText := "number_of_vacancies", string(ad.NumberOfVacancies)
	switch {
	case wText == "" && ad.AntalPlatser != "":
		wField, wText = "antalPlatser", string(ad.AntalPlatser)
	case wText == "" && p.TotalJobOpenings != "":
		wField, wText = "totalJobOpenings", string(p.TotalJobOpenings)
	}
	w := 1.0
	defaulted := false
	switch v := strings.TrimSpace(wText); v {
	case "", "0":
		defaulted = true
	default:
		n, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil || math.IsInf(n, 0) || math.IsNaN(n) || n != math.Trunc(n):
			return 0, adError(file, line, record, af.ErrValue, wField, v, "expected a whole number")
		case n < 0:
			return 0, adError(file, line, record, af.ErrNegative, wField, v, "a negative number of vacancies")
		case n == 0:
			defaulted = true
		default:
			w = n
		}
	}
	a.report.Ads++
	a.report.Vacancies += w
	if defaulted {
		a.note(ReasonDefaulted, w)
	}
	return w, nil
}

// place returns the ad's kommun ("" when only its län is known) and län
// ("" when it is placed nowhere), noting why a region is missing.
func (a *adAgg) place(ad *adJSON, p *postingJSON, w float64) (kommun, lan string) {
	tax := a.opt.Taxonomy
	addr := &ad.WorkplaceAddress
	kommun = strings.TrimSpace(first(string(addr.MunicipalityCode), string(ad.Arbetsplatsadress.Kommun.Varde)))
	lan = strings.TrimSpace(first(string(addr.RegionCode), string(ad.Arbetsplatsadress.Lan.Varde)))
	several := false
	if kommun == "" && lan == "" && addr.MunicipalityConcept == "" && addr.RegionConcept == "" {
		// No codes: a scraped posting names its places.
		kommun, lan, several = placeNamed(p.JobLocation, string(ad.Ort))
	}
	names := codemap.Lookups()
	kommunLan, isKommun := names.KommunLanOf(kommun)
	kommunReason := ""
	switch {
	case isKommun:
	case kommun != "":
		kommun, kommunReason = "", ReasonUnknownKommun
	case tax.Kommun[string(addr.MunicipalityConcept)] != "":
		kommun = tax.Kommun[string(addr.MunicipalityConcept)]
		kommunLan, _ = names.KommunLanOf(kommun)
	default:
		kommunReason = ReasonNoKommun
	}
	lanReason := ""
	switch {
	case kommun != "":
		if lan != "" && lan != kommunLan {
			a.note(ReasonLanConflict, w)
		}
		lan = kommunLan
	case lan != "" && codes.IsLan(lan):
	case lan != "":
		lan, lanReason = "", ReasonUnknownLan
	case tax.Lan[string(addr.RegionConcept)] != "":
		lan = tax.Lan[string(addr.RegionConcept)]
	case several:
		lanReason = ReasonSeveralLan
	default:
		lanReason = ReasonNoLan
	}
	if lan == "" {
		a.note(lanReason, w)
		return "", ""
	}
	if kommun == "" {
		a.note(kommunReason, w)
	}
	return kommun, lan
}

// ssyk returns the ad's SSYK 4 code, "" when it has none or it is not
// known, noting why.
func (a *adAgg) ssyk(ad *adJSON, p *postingJSON, w float64) string {
	og := &ad.OccupationGroup
	legacy, concept := strings.TrimSpace(string(og.Legacy)), strings.TrimSpace(string(og.ConceptID))
	// AF's source format and scraped postings name an occupation
	// (occupation-name ids, free text), never a SSYK group.
	named := ad.Yrkesroll != (sourceValueJSON{}) || ad.Yrke != "" || given(p.RelevantOccupation)
	byConcept := a.opt.Taxonomy.SSYK[concept]
	switch {
	case codemap.Lookups().IsSSYK4(legacy):
		if byConcept != "" && byConcept != legacy {
			a.note(ReasonSSYKConflict, w)
		}
		return legacy
	case byConcept != "":
		return byConcept
	case legacy == "" && concept == "" && !named:
		a.note(ReasonNoSSYK, w)
	default:
		a.note(ReasonUnknownSSYK, w)
	}
	return ""
}

// decodeAd fills ad from one JSON object with encoding/json, replacing an
// Elasticsearch hit by its _source: the reference for scanAd, and the
// decoder of every ad scanAd leaves. On error it returns the kind, the
// field and the message.
func decodeAd(b []byte, ad *adJSON) (kind error, column, msg string) {
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		msg := fmt.Sprintf("byte 0x%02X at column %d is not UTF-8", b[i], utf8.RuneCount(b[:i])+1)
		if input.CP1252Letter(b[i]) {
			msg += fmt.Sprintf(" (it is %q in Windows-1252)", input.CP1252(b[i]))
		}
		return af.ErrEncoding, "", msg
	}
	*ad = adJSON{}
	if err := json.Unmarshal(b, ad); err != nil {
		return af.ErrSyntax, "", adJSONError(b, err)
	}
	if len(ad.Source) > 0 && ad.Source[0] == '{' {
		src := ad.Source
		*ad = adJSON{}
		if err := json.Unmarshal(src, ad); err != nil {
			return af.ErrSyntax, "_source", adJSONError(src, err)
		}
	}
	return nil, "", ""
}

// first returns the first non-blank value.
func first(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// given reports a JSON value that is present and not null, "" or [].
func given(raw json.RawMessage) bool {
	t := string(bytes.TrimSpace(raw))
	return t != "" && t != "null" && t != `""` && t != "[]" && t != "{}"
}

// placeNamed places a scraped posting by the names of its places: its
// jobLocation first (a Place or a list of them, each address a text or a
// PostalAddress), else JobTech's ort. Places in more than one län place
// it nowhere (several); places in one län but several kommuner, in the
// län only.
func placeNamed(location json.RawMessage, ort string) (kommun, lan string, several bool) {
	kommun, lan, several = resolvePlaces(locationNames(location))
	if kommun == "" && lan == "" && !several && strings.TrimSpace(ort) != "" {
		kommun, lan, several = resolvePlaces([]string{ort})
	}
	return kommun, lan, several
}

// maxPlaces bounds the place names read from one posting.
const maxPlaces = 64

func resolvePlaces(names []string) (kommun, lan string, several bool) {
	n := codemap.Lookups()
	var kommuner, lans []string
	for _, s := range names {
		k, l := placeByName(s)
		if k != "" {
			l = n.KommunLan[k]
			if !slices.Contains(kommuner, k) {
				kommuner = append(kommuner, k)
			}
		}
		if l != "" && !slices.Contains(lans, l) {
			lans = append(lans, l)
		}
	}
	switch {
	case len(lans) > 1:
		return "", "", true
	case len(lans) == 0:
		return "", "", false
	case len(kommuner) == 1:
		return kommuner[0], lans[0], false
	}
	return "", lans[0], false
}

// locationNames collects the place texts of a schema.org jobLocation: a
// Place, a list of Places or a text; of each Place its address (a text,
// or a PostalAddress's addressLocality and addressRegion) and its name.
// Anything else is ignored: scraped postings are not checked against
// schema.org.
func locationNames(raw json.RawMessage) []string {
	var v any
	if !given(raw) || json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out []string
	add := func(x any) {
		if s, ok := x.(string); ok && len(out) < maxPlaces {
			out = append(out, s)
		}
	}
	place := func(x any) {
		m, ok := x.(map[string]any)
		if !ok {
			add(x)
			return
		}
		switch addr := m["address"].(type) {
		case string:
			add(addr)
		case map[string]any:
			add(addr["addressLocality"])
			add(addr["addressRegion"])
		}
		add(m["name"])
	}
	if list, ok := v.([]any); ok {
		for _, x := range list {
			place(x)
		}
	} else {
		place(v)
	}
	return out
}

// placeByName reads a place text: a kommun name ("Malmö", "Stockholms
// stad", "Lunds kommun"), a län name ("Uppsala län", "Skåne"), or a län
// followed by a kommun ("Västra Götalands län Vänersborg"; the kommun when
// it lies in that län). A name that is both a kommun and a län (Uppsala)
// is the kommun. Anything else (a district, a street, "Sweden") gives
// nothing.
func placeByName(s string) (kommun, lan string) {
	n := codemap.Lookups()
	f := input.Fold(s)
	if f == "" || len(f) > 200 {
		return "", ""
	}
	if k, ok := n.KommunByName[f]; ok {
		return k, ""
	}
	if l, ok := n.LanByName[f]; ok {
		return "", l
	}
	if head, tail, ok := strings.Cut(f, " län "); ok {
		if l, ok := n.LanByName[head+" län"]; ok {
			if k, ok := n.KommunByName[tail]; ok && n.KommunLan[k] == l {
				return k, ""
			}
			return "", l
		}
	}
	for _, suffix := range []string{" kommun", " stad"} {
		if base, ok := strings.CutSuffix(f, suffix); ok {
			if k, ok := n.KommunByName[base]; ok {
				return k, ""
			}
			if k, ok := n.KommunByName[strings.TrimSuffix(base, "s")]; ok {
				return k, ""
			}
		}
	}
	return "", ""
}

// adMonth returns "YYYY-MM" of a publication date such as
// "2018-10-19T00:00:00".
func adMonth(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 7 || s[4] != '-' || !input.Digits(s[:4]) || !input.Digits(s[5:7]) || (len(s) > 7 && s[7] != '-') {
		return "", false
	}
	// Digits checked: no strconv.Atoi needed.
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	if y < 1900 || y > 2100 || m < 1 || m > 12 {
		return "", false
	}
	return s[:7], true
}

// adJSONError describes a JSON error with its column in the line.
func adJSONError(b []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		if se.Offset >= int64(len(b)) {
			return fmt.Sprintf("the line ends inside the JSON object at column %d: truncated?", len(b))
		}
		return fmt.Sprintf("column %d: %v", se.Offset, se)
	case errors.As(err, &te):
		return fmt.Sprintf("field %s: expected %s, found JSON %s", te.Field, jsonscan.TypeName(te.Type), te.Value)
	}
	if !json.Valid(b) {
		return "not a complete JSON object (truncated line?): " + err.Error()
	}
	return err.Error()
}

func (a *adAgg) result() *Vacancies {
	return &Vacancies{Report: a.report, ByKommun: a.byKommun.counts(), ByLanSSYK: a.byLan.counts(), ByPlace: a.byPlace.counts()}
}
