package canonical

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// csvRecords reads body after a seven-column persons header the way the
// reader did before it split lines itself: every record through
// encoding/csv. Each record is rendered as its line and trimmed fields, or
// its line and reject reason.
func csvRecords(header, body string, comma rune) []string {
	cr := csv.NewReader(strings.NewReader(header + body))
	cr.Comma = comma
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return []string{"header: " + err.Error()}
	}
	cr.FieldsPerRecord = 7
	var out []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			out = append(out, fmt.Sprintf("%d reject malformed CSV row: %s", pe.Line, pe.Err))
			continue
		}
		if err != nil {
			return append(out, "error "+err.Error())
		}
		line, _ := cr.FieldPos(0)
		fields := make([]string, len(rec))
		for i, v := range rec {
			fields[i] = strings.TrimSpace(v)
		}
		out = append(out, fmt.Sprintf("%d %q", line, fields))
	}
}

// sourceRecords reads the same through csvSource, with an input buffer of
// bufSize bytes, the input handed over in small pieces when oneByte.
func sourceRecords(header, body string, bufSize int, oneByte bool) []string {
	var in io.Reader = strings.NewReader(header + body)
	if oneByte {
		in = iotest.OneByteReader(in)
	}
	s, err := newCSVSource(Persons, in, "f.csv", nil, bufSize)
	if err != nil {
		return []string{"header: " + err.Error()}
	}
	var out []string
	for {
		var r row
		line, err := s.next(&r)
		if err == io.EOF {
			return out
		}
		// A malformed last line without a newline refuses the file; it
		// is encoding/csv's reject, and the last record.
		if te, ok := err.(*TruncatedError); ok {
			out = append(out, fmt.Sprintf("%d reject %s", te.Line, te.Reason))
			if _, err := s.next(&r); err != io.EOF {
				return append(out, fmt.Sprintf("truncated at line %d, then %v", te.Line, err))
			}
			return out
		}
		if rej, ok := err.(*Reject); ok {
			if rej.Line != line {
				return append(out, fmt.Sprintf("reject line %d returned as line %d", rej.Line, line))
			}
			out = append(out, fmt.Sprintf("%d reject %s", rej.Line, rej.Reason))
			continue
		}
		if err != nil {
			return append(out, "error "+err.Error())
		}
		fields := make([]string, len(s.pos))
		for f, c := range s.pos {
			fields[f] = r.text[c]
		}
		out = append(out, fmt.Sprintf("%d %q", line, fields))
	}
}

// FuzzCSVSplit: splitting quote-free lines without encoding/csv, and
// handing it the others, yields the records, line numbers and malformed-row
// reasons encoding/csv alone gives, whatever the buffer size and however
// the input arrives.
func FuzzCSVSplit(f *testing.F) {
	f.Add("2021,0180,outside,,1,70,1\n", false, uint8(0), false)
	f.Add("2021,0180,outside,,1,70,1\r\n\r\n\n 2021 , 0180,x,,1,70,1 \n2021,1\n", false, uint8(3), true)
	f.Add("2021,\"01\n80\",outside,,1,70,1\n2021,0180,outside,,1,70,1,\n2021,0180,\"a\"\"b\",,1,70,1", false, uint8(1), false)
	f.Add("2021,0180,out\"side,,1,70,1\n2021,\"0180\"x,outside,,1,70,1\n2021,0180,outside,,1,70,1\n", false, uint8(200), false)
	f.Add("2021;0180;outside;;1;70;1\n\"2021\";\"0;180\";outside;;1;70;1\n2021;0180;outside;;1;70;1\r", true, uint8(7), false)
	f.Add("2021,\"0180\n\n\n,outside,,1,70,1\n", false, uint8(0), false)
	f.Add("2021,0180,"+strings.Repeat("x", 300)+",,1,70,1\n2021,\"0180\",outside,,1,70,1\n", false, uint8(2), true)
	f.Add("\n\n\r\n\r2021,0180,outside,,1,70,1\r\r\n", false, uint8(5), false)
	f.Fuzz(func(t *testing.T, body string, semicolon bool, size uint8, oneByte bool) {
		header, comma := "year,home_kommun,status,ssyk4,sex,age,birth_region\n", ','
		if semicolon {
			header, comma = strings.ReplaceAll(header, ",", ";"), ';'
		}
		want := csvRecords(header, body, comma)
		// Down to bufio's smallest buffer, so that lines straddle it.
		bufSize := 16 + int(size)
		if size == 0 {
			bufSize = csvBufferSize
		}
		got := sourceRecords(header, body, bufSize, oneByte)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("buffer %d, one byte %v:\ngot\n%s\nwant\n%s", bufSize, oneByte, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestCSVReadError: a failing input stops the reader with an error naming
// the file, after the rows before it.
func TestCSVReadError(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	in := io.MultiReader(strings.NewReader("year,home_kommun,status,ssyk4,sex,age,birth_region\n2021,0180,outside,,1,70,1\n2021,0180,outs"),
		iotest.ErrReader(errors.New("disk gone")))
	r, err := NewCSVReader(Persons, in, "e.csv", Options{Alloc: mem, BatchRows: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	var rows int64
	for r.Next() {
		rows += r.RecordBatch().NumRows()
	}
	if rows != 1 || r.Err() == nil || !strings.Contains(r.Err().Error(), "e.csv") || !strings.Contains(r.Err().Error(), "disk gone") {
		t.Errorf("%d rows, err %v; want 1 row, then the read error naming the file", rows, r.Err())
	}
}
