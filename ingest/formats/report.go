package formats

import (
	"fmt"

	"lmi/ingest/canonical"
)

// Reject is a record that was not loaded, with file, line, column, value
// and reason.
type Reject = canonical.Reject

// Report says what happened to one file, whatever its format.
type Report struct {
	File          string
	Table         string // the store tables loaded, joined by "+"
	SHA256        string
	Format        string
	AlreadyLoaded bool // same content loaded before: nothing was done
	LoadedAs      string
	// Unit is what RowsRead counts: "rows" when each record is a row of
	// a table, or the records a format sums or reshapes into rows:
	// "ads", "cells" (of a statistics sheet).
	Unit       string
	RowsRead   int64
	RowsLoaded int64 // table rows loaded
	// Rejects are records refused as bad, each with where and why.
	Rejects []Reject
	// Tallies account for records left out or loaded in part for a
	// property of the source, by reason (ads abroad, a national sheet).
	Tallies []Tally
	// Checks says what lmi checked on the way in (SCB's RMI rates
	// recomputed from SCB's counts).
	Checks []string
}

// LeftOut counts the records not loaded: the rejects and the records the
// tallies leave out.
func (r *Report) LeftOut() int64 {
	n := int64(len(r.Rejects))
	for _, t := range r.Tallies {
		if t.Effect == EffectLeftOut {
			n += t.Records
		}
	}
	return n
}

// OneToOne reports whether each record read is one table row (Unit
// "rows"), so rows read = rows loaded + rejects.
func (r *Report) OneToOne() bool { return r.Unit == "" || r.Unit == "rows" }

// What happened to the records a Tally counts.
const (
	EffectLeftOut = "not loaded"          // in no table
	EffectLanOnly = "loaded in län only"  // no kommun: a län row
	EffectNoSSYK  = "loaded without SSYK" // ssyk4 empty: in region totals only
	EffectNote    = "note"                // loaded; something was settled on the way
)

// Tally counts the records of a file that were left out of the tables or
// loaded with part of their detail missing, for one reason.
type Tally struct {
	Reason  string  // ads.Reason* for ads; ReasonRiket, ReasonSSYK96, ReasonCensored for sheets
	Effect  string  // EffectLeftOut, EffectLanOnly, EffectNoSSYK or EffectNote
	Records int64   // records (ads, cells)
	Weight  float64 // the ads' vacancies (number_of_vacancies); the cells' counts
	// WeightUnit says what Weight counts when a report shows it
	// ("vacancies"); "" when it is not shown.
	WeightUnit string
	Detail     string // what the reason means
}

// DefaultMaxRejectShare is the share of bad rows above which a whole file
// is refused.
const DefaultMaxRejectShare = 0.01

// TooManyRejectsError refuses a file whose share of bad rows is above the
// limit. Nothing of the file was loaded.
type TooManyRejectsError struct {
	File     string
	Rejected int64
	Read     int64
	Limit    float64
	First    Reject
}

func (e *TooManyRejectsError) Error() string {
	return fmt.Sprintf("%s: %d of %d rows rejected (%.2f%%, limit %.2f%%), nothing loaded; first: %v",
		e.File, e.Rejected, e.Read, 100*float64(e.Rejected)/float64(e.Read), 100*e.Limit, e.First)
}
