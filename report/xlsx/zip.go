package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"time"
)

// zipTime is the modification time of every entry: the zip format's
// earliest date, so no build or run time leaks into the file.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// sortedZip is an excelize.ZipWriter that compresses each entry into
// memory as it is written and, on Close, writes the entries in a fixed
// order with a fixed time. excelize writes streamed sheets in map order;
// this makes the archive independent of it. Memory held is the compressed
// size of the workbook.
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
	cur     *zipEntry
	raw     map[string]*rawEntry // entries compressed ahead, by name
}

type zipEntry struct {
	name string
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  uint32
	size uint64
	raw  *rawEntry // when set, the entry's data, and buf is unused
}

// Create starts an entry. An entry compressed ahead (raw) replaces what
// excelize writes under its name, which is discarded.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if r, ok := z.raw[name]; ok {
		z.entries = append(z.entries, &zipEntry{name: name, raw: r})
		return io.Discard, nil
	}
	e := &zipEntry{name: name}
	fw, err := flate.NewWriter(&e.buf, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	z.cur = e
	z.entries = append(z.entries, e)
	return e, nil
}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

func (z *sortedZip) finish() error {
	if z.cur == nil {
		return nil
	}
	err := z.cur.fw.Close()
	z.cur = nil
	return err
}

// AddFS is part of excelize's interface; excelize does not call it when
// saving.
func (z *sortedZip) AddFS(fs.FS) error { return errors.New("xlsx: AddFS not supported") }

func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	slices.SortFunc(z.entries, func(a, b *zipEntry) int { return entryOrder(a.name, b.name) })
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		if e.raw != nil {
			if err := writeRaw(zw, e.name, e.raw); err != nil {
				return err
			}
			continue
		}
		h := &zip.FileHeader{
			Name: e.name, Method: zip.Deflate, Modified: zipTime,
			CRC32: e.crc, CompressedSize64: uint64(e.buf.Len()), UncompressedSize64: e.size,
			// CreateRaw does not derive the MS-DOS date and time from
			// Modified: 1980-01-01 00:00 is date 0x21 (day 1, month 1,
			// year 0) and time 0.
			ModifiedDate: 0x21, ModifiedTime: 0,
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(e.buf.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeRaw writes an entry compressed ahead.
func writeRaw(zw *zip.Writer, name string, r *rawEntry) error {
	h := &zip.FileHeader{
		Name: name, Method: zip.Deflate, Modified: zipTime,
		CRC32: r.crc, CompressedSize64: uint64(r.comp), UncompressedSize64: r.size,
		ModifiedDate: 0x21, ModifiedTime: 0,
	}
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r.reader())
	return err
}

// entryOrder puts [Content_Types].xml first, then the package
// relationships, then everything else by name.
func entryOrder(a, b string) int {
	rank := func(s string) int {
		switch s {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
