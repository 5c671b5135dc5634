package input

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"lmi/ingest/af"
)

// Limits of an xlsx workbook, checked before it is read: Arbetsförmedlingen's
// workbooks expand to a few MB and hold some 50,000 cells, so these leave
// a hundredfold margin while a workbook made to expand (a zip bomb: a
// megabyte that inflates to gigabytes of cells) is refused in the time it
// takes to inflate up to the limit once, never held in memory.
var (
	maxXLSXExpanded int64 = 256 << 20 // bytes, all members inflated
	maxXLSXCells    int64 = 2_000_000 // <c> elements over all sheets
)

// checkXLSXSize inflates the workbook's members once, counting their bytes
// and their sheets' cells, and refuses it at the first limit passed.
func checkXLSXSize(data []byte, file string) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &af.Error{File: file, Kind: af.ErrSyntax, Msg: "damaged xlsx workbook", Err: err}
	}
	var size, cells int64
	for _, f := range z.File {
		if size+int64(f.UncompressedSize64) > maxXLSXExpanded || f.UncompressedSize64 > uint64(maxXLSXExpanded) {
			return tooBig(file, fmt.Sprintf("expands to more than %d MiB", maxXLSXExpanded>>20))
		}
		rc, err := f.Open()
		if err != nil {
			return &af.Error{File: file, Kind: af.ErrSyntax, Msg: "damaged xlsx workbook", Err: err}
		}
		cc := &cellCounter{}
		var w io.Writer = io.Discard
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			w = cc
		}
		n, err := io.Copy(w, io.LimitReader(rc, maxXLSXExpanded-size+1))
		rc.Close()
		if err != nil {
			return &af.Error{File: file, Kind: af.ErrSyntax, Msg: "damaged xlsx workbook", Err: err}
		}
		size += n
		cells += cc.n
		switch {
		case size > maxXLSXExpanded:
			return tooBig(file, fmt.Sprintf("expands to more than %d MiB", maxXLSXExpanded>>20))
		case cells > maxXLSXCells:
			return tooBig(file, fmt.Sprintf("holds more than %d cells", maxXLSXCells))
		}
	}
	return nil
}

func tooBig(file, what string) error {
	return &af.Error{File: file, Kind: af.ErrNotData,
		Msg: "the workbook " + what + ": far more than any of Arbetsförmedlingen's workbooks, so it is not read"}
}

// cellCounter counts the cell elements (<c>, <c ...>, <c/>) written to
// it, across writes.
type cellCounter struct {
	n    int64
	tail [2]byte // the last two bytes of the previous write
	have int
}

func (c *cellCounter) Write(p []byte) (int, error) {
	// A tag that starts in the last bytes of the earlier writes.
	joined := append(c.tail[:c.have:c.have], p[:min(len(p), 2)]...)
	for i := 0; i < c.have; i++ {
		if isCell(joined[i:]) {
			c.n++
		}
	}
	for i := 0; ; {
		j := bytes.Index(p[i:], []byte("<c"))
		if j < 0 {
			break
		}
		if isCell(p[i+j:]) {
			c.n++
		}
		i += j + 2
	}
	// Keep the stream's last two bytes: a tag starting there is counted
	// once its third byte comes.
	t := append(c.tail[:c.have:c.have], p[max(0, len(p)-2):]...)
	c.have = copy(c.tail[:], t[max(0, len(t)-2):])
	return len(p), nil
}

// isCell reports whether b starts with "<c" and a byte ending the tag name.
func isCell(b []byte) bool {
	return len(b) >= 3 && b[0] == '<' && b[1] == 'c' && (b[2] == ' ' || b[2] == '>' || b[2] == '/')
}
