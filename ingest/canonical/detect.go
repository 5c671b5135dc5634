package canonical

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"

	"lmi/internal/textcap"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// Columns reads the column names of a CSV header or a Parquet schema.
func Columns(path string, format Format) (names []string, err error) {
	if format == "" {
		if format, err = DetectFormat(path); err != nil {
			return nil, err
		}
	}
	switch format {
	case CSV:
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		header, _, err := readHeader(f, path, csvBufferSize)
		return header, err
	case Parquet:
		defer corrupt(path, &err)
		pf, err := file.OpenParquetFile(path, false)
		if err != nil {
			return nil, &HeaderError{File: path, Reason: "not a readable Parquet file: " + err.Error()}
		}
		defer pf.Close()
		fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			return nil, &HeaderError{File: path, Reason: err.Error()}
		}
		schema, err := fr.Schema()
		if err != nil {
			return nil, &HeaderError{File: path, Reason: err.Error()}
		}
		for _, f := range schema.Fields() {
			names = append(names, f.Name)
		}
		return names, nil
	}
	return nil, fmt.Errorf("%s: unknown format %q (want csv or parquet)", path, format)
}

// csvBufferSize is the input buffer of a CSV file; lines longer than it
// are read by encoding/csv alone.
const csvBufferSize = 1 << 20

// MaxLineBytes bounds a line of a CSV file (the header too): a row of
// lmi's tables is some 100 bytes, so a longer line is not such a file, or
// holds a field run wild. The file is refused at it (a
// *textcap.LineTooLongError, wrapped), before it is held in memory.
const MaxLineBytes = 1 << 20

// readHeader strips a BOM, sniffs the separator from the first line (comma
// or semicolon) and reads the header. It returns the input, read through a
// buffer of size bytes, positioned after the header.
func readHeader(in io.Reader, file string, size int) ([]string, *csvInput, error) {
	br := bufio.NewReaderSize(textcap.LimitLines(in, MaxLineBytes), size)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	comma := byte(',')
	if line, _ := br.Peek(4096); len(line) > 0 {
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
			comma = ';'
		}
	}
	feed := &lineFeeder{br: br}
	cr := csv.NewReader(feed)
	cr.Comma = rune(comma)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &HeaderError{File: file, Reason: "empty file, expected a header line"}
	}
	if err != nil {
		return nil, nil, &HeaderError{File: file, Reason: err.Error(), Err: err}
	}
	return append([]string(nil), header...), &csvInput{br: br, feed: feed, cr: cr, comma: comma}, nil
}
