package formats

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/ingest/af/ads"
	"lmi/ingest/canonical"
)

// Format is one input format lmi reads: its name, how a file is
// recognised as one, which load options it takes, and its decoder.
type Format struct {
	// Name is the format's name on the command line (--format) and in run
	// specs (format = "..."), and the sources table's format.
	Name string
	// Title says what the format is, for messages and lmi ingest --help.
	Title string
	// Options are the load options the format takes; the others are
	// refused for it, so a spec never says something the load ignores.
	Options []Option
	// Sniff reports whether a file with this head is in the format.
	// Formats are tried in detectOrder; the first that claims a file
	// reads it.
	Sniff func(h *Head) bool
	// Decode reads a file into Arrow records for the store's tables.
	Decode func(ctx context.Context, in Input) (*Decoded, error)
}

// Option is a load option a format may take (lmi ingest's flag of the
// same name, a run spec input's key).
type Option string

// The load options.
const (
	OptTable    Option = "table"    // the canonical table (--table)
	OptTaxonomy Option = "taxonomy" // JobTech's taxonomy dump, for job ads
	OptCategory Option = "category" // what a statistics sheet counts
	OptPeriod   Option = "period"   // the month of a statistics sheet that names none
	OptRound    Option = "round"    // the publication round of an assessment file that names none
)

// optionUsers says, per option, who takes it and how, for messages.
var optionUsers = map[Option][2]string{
	OptTable:    {"lmi's tables and Arbetsförmedlingen's files of flows", "take a table"},
	OptTaxonomy: {"job ads", "are read with a taxonomy"},
	OptCategory: {"Arbetsförmedlingen's statistics sheets", "take a category"},
	OptPeriod:   {"Arbetsförmedlingen's statistics sheets", "take a period"},
	OptRound:    {"Arbetsförmedlingen's bristindex and yrkesprognos files", "take a round"},
}

// Takers says which formats take an option, for a message that refuses
// it: `only job ads (format "jobtech-ads") are read with a taxonomy`.
func Takers(o Option) string {
	var names []string
	for _, f := range registry {
		if f.Takes(o) {
			names = append(names, strconv.Quote(f.Name))
		}
	}
	list := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " or " + names[n-1]
	}
	u := optionUsers[o]
	return fmt.Sprintf("only %s (format %s) %s", u[0], list, u[1])
}

// Takes reports whether the format takes the option.
func (f *Format) Takes(o Option) bool { return slices.Contains(f.Options, o) }

// Input is a file to decode and the options it is read with.
type Input struct {
	Path     string
	Table    string
	Round    string
	Category string
	Period   string
	Taxonomy *ads.Taxonomy
	// MaxRejectShare is the share of bad records above which the file is
	// refused (TooManyRejectsError); 0 allows none.
	MaxRejectShare float64
	Alloc          memory.Allocator
	// Progress, when set, is told how far a large file's reading has
	// come (bytes or rows done, and the total); see canonical.Options.
	Progress func(done, total int64)
}

func (in Input) alloc() memory.Allocator {
	if in.Alloc == nil {
		return memory.DefaultAllocator
	}
	return in.Alloc
}

// Batch is one store table's records from a file.
type Batch struct {
	Table   string
	Records array.RecordReader
}

// Decoded is a file read for the store: its records per table, what the
// sources row records about it, and what the report says.
type Decoded struct {
	Batches []Batch
	// TableID and Updated are the source's own table id and "last
	// updated", when it names them.
	TableID, Updated string
	// Report is filled as the records are read: Unit, RowsRead, Rejects,
	// Tallies, Checks.
	Report *Report
	// Finish, when set, runs once every record has been read, with the
	// rows loaded, and refuses the file by its error (too many rejects).
	Finish  func(loaded int64) error
	release []func()
}

// Release frees the records; call it when the load is done.
func (d *Decoded) Release() {
	for _, b := range d.Batches {
		b.Records.Release()
	}
	for _, r := range d.release {
		r()
	}
}

var registry []*Format

// register adds a format, in the order the documentation lists them.
func register(f *Format) { registry = append(registry, f) }

// All returns every format, lmi's own tables first, then SCB's, then
// Arbetsförmedlingen's.
func All() []*Format { return slices.Clone(registry) }

// Names lists the formats' names.
func Names() []string {
	out := make([]string, len(registry))
	for i, f := range registry {
		out[i] = f.Name
	}
	return out
}

// Lookup finds a format by name.
func Lookup(name string) (*Format, bool) {
	for _, f := range registry {
		if f.Name == name {
			return f, true
		}
	}
	return nil, false
}

// UnknownFormatError is a --format or run spec format lmi does not know.
type UnknownFormatError struct{ Name string }

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("unknown format %s (want %s)", quoteCap(e.Name), strings.Join(Names(), ", "))
}

// ByName finds a format by name, with an error naming the ones there are.
func ByName(name string) (*Format, error) {
	if f, ok := Lookup(name); ok {
		return f, nil
	}
	return nil, &UnknownFormatError{Name: name}
}

// lmiTables is the name lmi's tables had as a format before CSV and
// Parquet were told apart; specs written then still name it.
const lmiTables = "canonical"

// Known checks that name names a format, with an error naming the ones
// there are.
func Known(name string) error {
	if name == lmiTables {
		return nil
	}
	_, err := ByName(name)
	return err
}

// Resolve returns the named format, or, for "", the one the file is
// recognised as (Detect). "canonical" is lmi's tables as CSV or Parquet,
// whichever the file is.
func Resolve(path, name string) (*Format, error) {
	switch name {
	case "":
		return Detect(path)
	case lmiTables:
		f, err := canonical.DetectFormat(path)
		if err != nil {
			return nil, err
		}
		return ByName(string(f))
	}
	return ByName(name)
}

// headSize is how much of a file Detect reads.
const headSize = 8192

// Head is what Detect knows of a file: its name and first bytes.
type Head struct {
	Path string
	Base string // lower-case file name
	Ext  string // lower-case extension, with its dot
	// Bytes are the first 8 KB, a UTF-8 byte order mark removed.
	Bytes []byte
	// Trimmed is Bytes without leading and trailing white space.
	Trimmed []byte
	// Line is the first line, lower-case.
	Line string
}

// ReadHead reads a file's name and first bytes.
func ReadHead(path string) (*Head, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, headSize)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return &Head{Path: path, Base: strings.ToLower(filepath.Base(path)), Ext: strings.ToLower(filepath.Ext(path)),
		Bytes: head, Trimmed: bytes.TrimSpace(head), Line: strings.ToLower(string(line))}, nil
}

// Detect recognises a file's format from its name and first bytes: the
// first registered format whose Sniff claims it. lmi ingest, run specs and
// lmi refresh all recognise files this way.
func Detect(path string) (*Format, error) {
	h, err := ReadHead(path)
	if err != nil {
		return nil, err
	}
	for _, f := range detectOrder {
		if f.Sniff(h) {
			return f, nil
		}
	}
	// Read as lmi's tables, whose error says what the columns should be.
	return csvFormat, nil
}

// quoteCap quotes a value for a message, at most 60 characters of it.
func quoteCap(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return fmt.Sprintf("%q...", string(r[:60]))
	}
	return fmt.Sprintf("%q", s)
}
