package canonical

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"lmi/internal/textcap"
)

// Reject is a row that was not loaded, with where and why. For Parquet
// input Line is the 1-based row number.
type Reject struct {
	File   string
	Line   int64
	Column string // "" when the row as a whole is malformed
	Value  string
	Reason string
}

// Error shows the value quoted, at most textcap.MaxRunes of it, control
// characters escaped.
func (r Reject) Error() string {
	if r.Column == "" {
		return fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Reason)
	}
	return fmt.Sprintf("%s:%d: column %s: value %s: %s", r.File, r.Line, r.Column, textcap.Quote(r.Value), r.Reason)
}

// WriteRejects writes rejects as CSV with a header, for analysts to open.
func WriteRejects(w io.Writer, rejects []Reject) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"file", "line", "column", "value", "reason"})
	for _, r := range rejects {
		cw.Write([]string{r.File, strconv.FormatInt(r.Line, 10), r.Column, r.Value, r.Reason})
	}
	cw.Flush()
	return cw.Error()
}

// HeaderError reports an extract whose header (CSV) or schema (Parquet)
// cannot be read as a persons table. Nothing of such a file is loaded.
type HeaderError struct {
	File   string
	Column string
	Reason string
	Err    error // the read error behind Reason, if any
}

func (e *HeaderError) Unwrap() error { return e.Err }

func (e *HeaderError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s: header: %s", e.File, e.Reason)
	}
	return fmt.Sprintf("%s: header: column %s: %s", e.File, textcap.Quote(e.Column), e.Reason)
}

// TruncatedError refuses a CSV file whose last line ends without a
// newline and does not parse: the file was cut short (a copy that stopped
// part-way), so its last rows are missing, not bad. Nothing of the file is
// loaded, whatever the share of rejects allowed.
type TruncatedError struct {
	File   string
	Line   int64
	Reason string
}

func (e *TruncatedError) Error() string {
	return fmt.Sprintf("%s:%d: the last line ends without a newline and cannot be read (%s): the file looks cut short, nothing of it is loaded", e.File, e.Line, e.Reason)
}
