package report

import "time"

// Provenance says where a report's numbers come from. The workbook's "Om
// tabellerna" sheet and the HTML report's method section are built from
// it. Everything in it is data: two reports with the same provenance and
// tables are byte for byte the same.
type Provenance struct {
	Title       string    // what the report holds, Swedish
	Producer    string    // who made it: an organisation, or "" for lmi alone
	LMIVersion  string    // lmi's version, from lmi version
	VCSRevision string    // lmi's VCS revision, "" if unknown
	Created     time.Time // when the run was made; the zero time leaves it out
	Sources     []Source  // inputs, in the order to show
	Parameters  []Param   // choices of the run, in the order to show
	Notes       []string  // further remarks, Swedish
}

// Source is one input of a report.
type Source struct {
	Name    string // what it is: "SCB, Registerbaserad arbetsmarknadsstatistik"
	TableID string // the publisher's table id, "" for none: "AM0207"
	File    string // the file read, as named in the run
	SHA256  string // the file's SHA-256 in hex
	Note    string // e.g. the period covered or when it was fetched
}

// Param is one parameter of a report's run.
type Param struct {
	Name  string // "k (minsta antal i en cell)"
	Value string // "5"
}
