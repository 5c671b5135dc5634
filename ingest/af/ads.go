package af

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
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"lmi/codes"
)

// CategoryAds is the Count.Category of vacancies counted from job ads.
const CategoryAds = "jobtech-ads"

// Reasons an ad is left out of a table or its SSYK is unknown, the keys of
// AdReport.Reasons. The placement reasons are exclusive: an ad with a date
// is either placed in a kommun (both tables), placed in a län only
// (ReasonNoKommun, ReasonUnknownKommun) or in neither (ReasonNoLan,
// ReasonUnknownLan). The SSYK reasons count ads placed in a län whose
// vacancies went to SSYK "". The last three are notes, not losses.
const (
	ReasonNoDate        = "no_date"           // no readable publication_date: in neither table
	ReasonNoLan         = "no_lan"            // no kommun, no län code or concept (abroad, unspecified): in neither table
	ReasonUnknownLan    = "unknown_lan"       // a region_code that is not a län, and no kommun: in neither table
	ReasonNoKommun      = "no_kommun"         // län known, no kommun: län table only
	ReasonUnknownKommun = "unknown_kommun"    // a municipality_code not in lmi/codes: län table only
	ReasonNoSSYK        = "no_ssyk"           // no occupation_group: SSYK ""
	ReasonUnknownSSYK   = "unknown_ssyk"      // occupation_group neither a SSYK code nor a mapped concept: SSYK ""
	ReasonSSYKConflict  = "ssyk_conflict"     // note: legacy code and concept disagree; the code is used
	ReasonLanConflict   = "lan_conflict"      // note: region_code is not the kommun's län; the kommun's is used
	ReasonDefaulted     = "vacancies_default" // note: number_of_vacancies missing, null or 0, counted as 1
)

// AdOptions are the choices for the job-ad readers.
type AdOptions struct {
	// Taxonomy maps concept ids when an ad has no usable code (optional).
	Taxonomy *Taxonomy
	// MaxLineBytes bounds one JSON line (one ad); default 16 MiB. A longer
	// line is an ErrTooLong error. It bounds the reader's memory.
	MaxLineBytes int
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
	ByKommun  []Count // month x kommun; SSYK "" (not broken down)
	ByLanSSYK []Count // month x län x SSYK 4; SSYK "" for ads not mapped
	Report    AdReport
}

// ReadAds reads job ads from r: JSON lines (one ad per line, blank lines
// skipped) or one JSON array of ads, in JobTech's JobSearch / historical
// ads schema. A line may also be an Elasticsearch hit, whose _source is
// the ad. The input is streamed: memory is bounded by the longest line
// and the number of distinct output cells, not by the input size.
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

type monthKommun struct{ month, kommun string }
type monthLanSSYK struct{ month, lan, ssyk string }

type adAgg struct {
	opt      AdOptions
	byKommun map[monthKommun]float64
	byLan    map[monthLanSSYK]float64
	report   AdReport
	buf      []byte
	ad       adJSON
}

func newAdAgg(opt AdOptions) *adAgg {
	if opt.MaxLineBytes <= 0 {
		opt.MaxLineBytes = 16 << 20
	}
	if opt.Taxonomy == nil {
		opt.Taxonomy = &Taxonomy{}
	}
	return &adAgg{opt: opt, byKommun: map[monthKommun]float64{}, byLan: map[monthLanSSYK]float64{},
		report: AdReport{Reasons: map[string]ReasonCount{}}}
}

func (a *adAgg) readFile(path string) error {
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".zip":
		z, err := zip.OpenReader(path)
		if err != nil {
			return &Error{File: name, Kind: ErrNotData, Msg: "not a readable zip archive", Err: err}
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
				return &Error{File: member, Kind: ErrNotData, Msg: "archive member is not .json, .jsonl or .ndjson"}
			}
			rc, err := f.Open()
			if err != nil {
				return &Error{File: member, Kind: ErrSyntax, Err: err}
			}
			err = a.read(rc, member)
			rc.Close()
			if err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return &Error{File: name, Kind: ErrNotData, Msg: "no .json or .jsonl member in the archive"}
		}
		return nil
	case ".gz":
		f, err := os.Open(path)
		if err != nil {
			return &Error{File: name, Kind: ErrIO, Err: err}
		}
		defer f.Close()
		g, err := gzip.NewReader(f)
		if err != nil {
			return &Error{File: name, Kind: ErrNotData, Msg: "not a gzip file", Err: err}
		}
		defer g.Close()
		return a.read(g, name)
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{File: name, Kind: ErrIO, Err: err}
	}
	defer f.Close()
	return a.read(f, name)
}

// read streams one input into the aggregate.
func (a *adAgg) read(r io.Reader, file string) error {
	br := bufio.NewReaderSize(r, 1<<20)
	// Look at the first non-blank byte: '[' is one JSON array, '<' a web
	// page, anything else JSON lines.
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return &Error{File: file, Kind: ErrNotData, Msg: "the file is empty"}
		}
		if err != nil {
			return &Error{File: file, Kind: ErrIO, Err: err}
		}
		if b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n' {
			br.Discard(1)
			continue
		}
		if bb, _ := br.Peek(3); bytes.Equal(bb, bom) {
			br.Discard(3)
			continue
		}
		switch b[0] {
		case '<':
			head, _ := br.Peek(4096)
			return checkMarkup(head, file)
		case '[':
			return a.readArray(br, file)
		}
		break
	}
	var line int64
	for {
		b, err := readLine(br, &a.buf, a.opt.MaxLineBytes)
		if err == io.EOF && len(b) == 0 {
			return nil
		}
		line++
		if err == errTooLong {
			return &Error{File: file, Line: line, Record: line, Kind: ErrTooLong, Msg: fmt.Sprintf("longer than %d bytes (AdOptions.MaxLineBytes)", a.opt.MaxLineBytes)}
		}
		if err != nil && err != io.EOF {
			return &Error{File: file, Line: line, Kind: ErrIO, Err: err}
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			if e := a.add(t, file, line, 0); e != nil {
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
		return &Error{File: file, Kind: ErrSyntax, Err: err}
	}
	var raw json.RawMessage
	for n := int64(1); dec.More(); n++ {
		raw = raw[:0]
		if err := dec.Decode(&raw); err != nil {
			return &Error{File: file, Record: n, Kind: ErrSyntax, Msg: "in the JSON array", Err: err}
		}
		if len(raw) > a.opt.MaxLineBytes {
			return &Error{File: file, Record: n, Kind: ErrTooLong, Msg: fmt.Sprintf("an ad longer than %d bytes (AdOptions.MaxLineBytes)", a.opt.MaxLineBytes)}
		}
		if err := a.add(raw, file, 0, n); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return &Error{File: file, Kind: ErrSyntax, Msg: "the JSON array is not closed", Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{File: file, Kind: ErrSyntax, Msg: "data after the JSON array"}
	}
	return nil
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
		return fmt.Errorf("expected a string or a number, found %s", short(string(b)))
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

type adJSON struct {
	Source            json.RawMessage `json:"_source"`
	PublicationDate   jsonText        `json:"publication_date"`
	NumberOfVacancies jsonText        `json:"number_of_vacancies"`
	OccupationGroup   conceptJSON     `json:"occupation_group"`
	WorkplaceAddress  addressJSON     `json:"workplace_address"`
}

func (a *adAgg) note(reason string, w float64) {
	rc := a.report.Reasons[reason]
	rc.Ads++
	rc.Vacancies += w
	a.report.Reasons[reason] = rc
}

// add aggregates one ad (one JSON object).
func (a *adAgg) add(b []byte, file string, line, record int64) error {
	pos := func(kind error, column, value, format string, args ...any) error {
		rec := record
		if rec == 0 {
			rec = line
		}
		return &Error{File: file, Line: line, Record: rec, Kind: kind, Column: column, Value: short(value), Msg: fmt.Sprintf(format, args...)}
	}
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
		if cp1252Letter(b[i]) {
			msg += fmt.Sprintf(" (it is %q in Windows-1252)", cp1252(b[i]))
		}
		return pos(ErrEncoding, "", "", "%s", msg)
	}
	ad := &a.ad
	*ad = adJSON{}
	if err := json.Unmarshal(b, ad); err != nil {
		return pos(ErrSyntax, "", "", "%s", adJSONError(b, err))
	}
	if len(ad.Source) > 0 && ad.Source[0] == '{' {
		src := ad.Source
		*ad = adJSON{}
		if err := json.Unmarshal(src, ad); err != nil {
			return pos(ErrSyntax, "_source", "", "%s", adJSONError(src, err))
		}
	}

	w := 1.0
	defaulted := false
	switch v := strings.TrimSpace(string(ad.NumberOfVacancies)); v {
	case "", "0":
		defaulted = true
	default:
		n, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil || math.IsInf(n, 0) || math.IsNaN(n) || n != math.Trunc(n):
			return pos(ErrValue, "number_of_vacancies", v, "expected a whole number")
		case n < 0:
			return pos(ErrNegative, "number_of_vacancies", v, "a negative number of vacancies")
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

	month, ok := adMonth(string(ad.PublicationDate))
	if !ok {
		a.note(ReasonNoDate, w)
		return nil
	}

	tax := a.opt.Taxonomy
	addr := &ad.WorkplaceAddress
	kommun := strings.TrimSpace(string(addr.MunicipalityCode))
	kommunReason := ""
	switch {
	case kommun != "" && codes.IsKommun(kommun):
	case kommun != "":
		kommun, kommunReason = "", ReasonUnknownKommun
	case tax.Kommun[string(addr.MunicipalityConcept)] != "":
		kommun = tax.Kommun[string(addr.MunicipalityConcept)]
	default:
		kommunReason = ReasonNoKommun
	}
	lan := strings.TrimSpace(string(addr.RegionCode))
	lanReason := ""
	switch {
	case kommun != "":
		kl := lookups().kommunLan[kommun]
		if lan != "" && lan != kl {
			a.note(ReasonLanConflict, w)
		}
		lan = kl
	case lan != "" && codes.IsLan(lan):
	case lan != "":
		lan, lanReason = "", ReasonUnknownLan
	case tax.Lan[string(addr.RegionConcept)] != "":
		lan = tax.Lan[string(addr.RegionConcept)]
	default:
		lanReason = ReasonNoLan
	}
	if lan == "" {
		a.note(lanReason, w)
		return nil
	}
	if kommun == "" {
		a.note(kommunReason, w)
	} else {
		a.byKommun[monthKommun{month, kommun}] += w
	}

	og := &ad.OccupationGroup
	legacy, concept := strings.TrimSpace(string(og.Legacy)), strings.TrimSpace(string(og.ConceptID))
	ssyk := ""
	byConcept := tax.SSYK[concept]
	switch {
	case codes.IsSSYK4(legacy):
		ssyk = legacy
		if byConcept != "" && byConcept != legacy {
			a.note(ReasonSSYKConflict, w)
		}
	case byConcept != "":
		ssyk = byConcept
	case legacy == "" && concept == "":
		a.note(ReasonNoSSYK, w)
	default:
		a.note(ReasonUnknownSSYK, w)
	}
	a.byLan[monthLanSSYK{month, lan, ssyk}] += w
	return nil
}

// adMonth returns "YYYY-MM" of a publication date such as
// "2018-10-19T00:00:00".
func adMonth(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 7 || s[4] != '-' || !digits(s[:4]) || !digits(s[5:7]) || (len(s) > 7 && s[7] != '-') {
		return "", false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
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
		return fmt.Sprintf("field %s: expected %s, found JSON %s", te.Field, jsonKind(te.Type), te.Value)
	}
	if !json.Valid(b) {
		return "not a complete JSON object (truncated line?): " + err.Error()
	}
	return err.Error()
}

// jsonKind names a Go type as the JSON it expects.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	}
	return t.Kind().String()
}

func (a *adAgg) result() *Vacancies {
	v := &Vacancies{Report: a.report}
	for k, n := range a.byKommun {
		v.ByKommun = append(v.ByKommun, Count{Period: k.month, Region: k.kommun, N: n, Category: CategoryAds})
	}
	for k, n := range a.byLan {
		v.ByLanSSYK = append(v.ByLanSSYK, Count{Period: k.month, Region: k.lan, SSYK: k.ssyk, N: n, Category: CategoryAds})
	}
	sortCounts(v.ByKommun)
	sortCounts(v.ByLanSSYK)
	return v
}

// sortCounts sorts by period, region, SSYK and category.
func sortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if c := strings.Compare(a.Period, b.Period); c != 0 {
			return c
		}
		if c := strings.Compare(a.Region, b.Region); c != 0 {
			return c
		}
		if c := strings.Compare(a.SSYK, b.SSYK); c != 0 {
			return c
		}
		return strings.Compare(a.Category, b.Category)
	})
}
