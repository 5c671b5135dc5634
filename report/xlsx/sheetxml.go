package xlsx

import (
	"bufio"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// A sheet's XML is written here, not by excelize: excelize's StreamWriter
// spends about two microseconds a cell, which for the few million cells of
// a national run's tables is most of the run's time. excelize still makes
// the workbook around the sheet (workbook.xml, relationships, styles, the
// fixed sheets, the autofilter's defined name); the sheet it holds is an
// empty placeholder whose entry the zip writer replaces with this XML (see
// sortedZip).

// chunkSize is how much XML is handed to the compressing goroutine at a
// time.
const chunkSize = 1 << 20

// maxCellChars is the most characters Excel keeps in a cell.
const maxCellChars = 32767

// rawEntry is a zip entry compressed ahead: raw deflate data in a file.
type rawEntry struct {
	file     *os.File
	crc      uint32
	size     uint64 // uncompressed
	comp     int64  // compressed bytes in file, from offset 0
	writeErr error  // the compressor's
	finished bool   // the compressor is done
	removed  bool   // the file is closed and removed
}

// reader returns the compressed data.
func (e *rawEntry) reader() io.Reader { return io.NewSectionReader(e.file, 0, e.comp) }

// sheetEncoder writes one sheet's XML and compresses it in a goroutine of
// its own into a temporary file, so that making the XML and compressing it
// use two cores.
type sheetEncoder struct {
	buf   []byte
	chunk chan []byte
	free  chan []byte
	done  chan struct{}
	entry *rawEntry
	num   []byte // scratch for numbers
}

func newSheetEncoder(tmpDir string) (*sheetEncoder, error) {
	f, err := os.CreateTemp(tmpDir, "lmi-xlsx-sheet-*.deflate")
	if err != nil {
		return nil, fmt.Errorf("xlsx: temporary sheet file: %w", err)
	}
	e := &sheetEncoder{
		buf:   make([]byte, 0, chunkSize+4096),
		chunk: make(chan []byte, 1),
		free:  make(chan []byte, 2),
		done:  make(chan struct{}),
		entry: &rawEntry{file: f},
	}
	e.free <- make([]byte, 0, chunkSize+4096)
	go e.compress()
	return e, nil
}

// compress deflates the chunks as they come, at flate.BestSpeed: sheets
// of numbers and repeated names compress about tenfold at that level too.
func (e *sheetEncoder) compress() {
	defer close(e.done)
	bw := bufio.NewWriterSize(e.entry.file, 256<<10)
	cw := &countWriter{w: bw}
	fw, _ := flate.NewWriter(cw, flate.BestSpeed)
	var err error
	for c := range e.chunk {
		if err == nil {
			e.entry.crc = crc32.Update(e.entry.crc, crc32.IEEETable, c)
			e.entry.size += uint64(len(c))
			_, err = fw.Write(c)
		}
		e.free <- c[:0]
	}
	if err == nil {
		err = fw.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	e.entry.comp = cw.n
	e.entry.writeErr = err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// flushIfFull hands the buffer to the compressor once it holds a chunk.
func (e *sheetEncoder) flushIfFull() {
	if len(e.buf) >= chunkSize {
		e.chunk <- e.buf
		e.buf = <-e.free
	}
}

// finish ends the XML and waits for the compressor.
func (e *sheetEncoder) finish() (*rawEntry, error) {
	if len(e.buf) > 0 {
		e.chunk <- e.buf
		e.buf = nil
	}
	close(e.chunk)
	<-e.done
	e.entry.finished = true
	if e.entry.writeErr != nil {
		return nil, fmt.Errorf("xlsx: compress sheet: %w", e.entry.writeErr)
	}
	return e.entry, nil
}

// abandon stops the compressor and removes the temporary file.
func (e *sheetEncoder) abandon() {
	if !e.entry.finished {
		close(e.chunk)
		<-e.done
		e.entry.finished = true
	}
	e.entry.remove()
}

func (e *rawEntry) remove() {
	if e.removed {
		return
	}
	e.removed = true
	name := e.file.Name()
	e.file.Close()
	os.Remove(name)
}

func (e *sheetEncoder) str(s string) { e.buf = append(e.buf, s...) }

// start writes the sheet's head: the frozen header row's view, the column
// widths and the header row itself.
func (e *sheetEncoder) start(sst *sharedStrings, widths []float64, selected bool, headers []string, headerStyle int, cols []string) {
	e.str(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	e.str(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	e.str(`<sheetViews><sheetView `)
	if selected {
		e.str(`tabSelected="1" `)
	}
	e.str(`workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`)
	e.str(`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	e.str(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, w := range widths {
		n := strconv.Itoa(i + 1)
		e.str(`<col min="` + n + `" max="` + n + `" width="`)
		e.buf = strconv.AppendFloat(e.buf, w, 'f', -1, 64)
		e.str(`" customWidth="1"/>`)
	}
	e.str(`</cols><sheetData><row r="1" s="`)
	e.buf = strconv.AppendInt(e.buf, int64(headerStyle), 10)
	e.str(`" customFormat="1">`)
	for i, h := range headers {
		e.text(sst, cols[i], 1, headerStyle, h)
	}
	e.str(`</row>`)
}

// end closes the sheet data and writes the autofilter over ref.
func (e *sheetEncoder) end(ref string) {
	e.str(`</sheetData><autoFilter ref="` + ref + `"/></worksheet>`)
}

func (e *sheetEncoder) rowStart(r int64) {
	e.str(`<row r="`)
	e.buf = strconv.AppendInt(e.buf, r, 10)
	e.str(`">`)
}

func (e *sheetEncoder) rowEnd() {
	e.str(`</row>`)
	e.flushIfFull()
}

func (e *sheetEncoder) cellRef(col string, r int64, style int) {
	e.str(`<c r="`)
	e.str(col)
	e.buf = strconv.AppendInt(e.buf, r, 10)
	e.str(`" s="`)
	e.buf = strconv.AppendInt(e.buf, int64(style), 10)
	e.buf = append(e.buf, '"')
}

// number writes a numeric cell. Excel keeps 15 significant digits, so the
// number is written with 15.
func (e *sheetEncoder) number(col string, r int64, style int, v float64) {
	e.cellRef(col, r, style)
	e.str(`><v>`)
	e.buf = appendNumber(e.buf, v)
	e.str(`</v></c>`)
}

// appendNumber writes v with at most 15 significant digits, without
// trailing zeros, in a form Excel reads (xsd:double).
func appendNumber(b []byte, v float64) []byte {
	if v == 0 {
		return append(b, '0') // also for -0
	}
	return strconv.AppendFloat(b, v, 'G', 15, 64)
}

// maxShared is the longest text, in bytes, put in the shared string
// table; longer texts are written in the cell.
const maxShared = 4096

// sharedStrings is the workbook's shared string table, made as sheets are
// written: each text once, its cells referring to it by index, which
// shortens a sheet of repeated codes and names by about a third.
type sharedStrings struct {
	index map[string]int
	list  []string
}

// add puts a new text in the table, without the characters XML cannot
// hold (as cells written in place drop them), and returns its index.
func (sst *sharedStrings) add(s string) int {
	clean := string(appendXMLChars(nil, s))
	i, ok := sst.index[clean]
	if !ok {
		i = len(sst.list)
		sst.index[clean] = i
		sst.list = append(sst.list, clean)
	}
	sst.index[s] = i
	return i
}

// appendXMLChars appends s without control characters XML 1.0 does not
// allow and without invalid UTF-8.
func appendXMLChars(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == 0xFFFE, r == 0xFFFF:
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// text writes a text cell: by its index in the shared strings, or in the
// cell when it is long.
func (e *sheetEncoder) text(sst *sharedStrings, col string, r int64, style int, s string) {
	if len(s) > maxShared {
		e.inlineStr(col, r, style, s)
		return
	}
	i, ok := sst.index[s]
	if !ok {
		i = sst.add(s)
	}
	e.cellRef(col, r, style)
	e.str(` t="s"><v>`)
	e.buf = strconv.AppendInt(e.buf, int64(i), 10)
	e.str(`</v></c>`)
}

// inlineStr writes a text cell.
func (e *sheetEncoder) inlineStr(col string, r int64, style int, s string) {
	e.cellRef(col, r, style)
	e.str(` t="inlineStr"><is><t`)
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ' || s[0] == '\t' || s[0] == '\n' || s[len(s)-1] == '\n') {
		e.str(` xml:space="preserve"`)
	}
	e.buf = append(e.buf, '>')
	e.buf = appendXMLText(e.buf, s)
	e.str(`</t></is></c>`)
}

// appendXMLText escapes s for XML character data, drops characters XML
// 1.0 does not allow and invalid UTF-8, and cuts it at Excel's cell limit.
func appendXMLText(b []byte, s string) []byte {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			n++
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				n-- // not allowed in XML 1.0
			default:
				b = append(b, c)
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && r != 0xFFFE && r != 0xFFFF {
				b = append(b, s[i:i+size]...)
				n++
				if r > 0xFFFF {
					n++ // two UTF-16 units
				}
			}
			i += size
		}
		if n >= maxCellChars {
			break
		}
	}
	return b
}
