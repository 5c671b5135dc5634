package input

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"lmi/ingest/af"
)

// bombBook is a minimal workbook whose one sheet holds rows x cols cells,
// each the number 1, and whose shared strings hold pad bytes of text: it
// compresses to little whatever it expands to.
func bombBook(t testing.TB, rows, cols, pad int) []byte {
	t.Helper()
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&sheet, `<row r="%d">`, r)
		for c := 0; c < cols; c++ {
			sheet.WriteString(`<c><v>1</v></c>`)
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>` + strings.Repeat("a", pad) + `</t></si></sst>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A workbook made to expand (a zip bomb) is refused before it is read,
// with a message saying which limit it passed; one within the limits
// reads as before.
func TestXLSXLimits(t *testing.T) {
	defer func(e int64, c int64) { maxXLSXExpanded, maxXLSXCells = e, c }(maxXLSXExpanded, maxXLSXCells)
	maxXLSXExpanded, maxXLSXCells = 4<<20, 10_000
	cases := []struct {
		name            string
		rows, cols, pad int
		want            string // "" for a workbook that opens
	}{
		{"within the limits", 100, 99, 1000, ""},
		{"too many cells", 100, 101, 0, "more than 10000 cells"},
		{"expands too far", 1, 1, 5 << 20, "expands to more than 4 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := bombBook(t, c.rows, c.cols, c.pad)
			wb, err := OpenXLSX(bytes.NewReader(data), "bomb.xlsx")
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				defer wb.Close()
				tb, err := wb.table("Blad1")
				if err != nil || len(tb.Raw) != c.rows || len(tb.Raw[0]) != c.cols {
					t.Fatalf("table: %v", err)
				}
				return
			}
			if !errors.Is(err, af.ErrNotData) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "bomb.xlsx") {
				t.Fatalf("err %v, want refused with %q", err, c.want)
			}
		})
	}
}

// A bomb at the real limits: 3 million cells (45 MB of XML) in a
// workbook of a few hundred KB is refused without being read as a table.
func TestXLSXBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 45 MB sheet")
	}
	data := bombBook(t, 3_000, 1_000, 0)
	_, err := OpenXLSX(bytes.NewReader(data), "bomb.xlsx")
	if !errors.Is(err, af.ErrNotData) {
		t.Fatalf("err %v, want the bomb refused", err)
	}
}

// BenchmarkXLSXBombRefused: how long refusing the 3-million-cell workbook
// takes (the size check inflates it once, counting, and reads no table).
func BenchmarkXLSXBombRefused(b *testing.B) {
	data := bombBook(b, 3_000, 1_000, 0)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := OpenXLSX(bytes.NewReader(data), "bomb.xlsx"); !errors.Is(err, af.ErrNotData) {
			b.Fatalf("err %v, want the bomb refused", err)
		}
	}
}

// The cell count is the same however the sheet's bytes are split.
func TestCellCounter(t *testing.T) {
	xml := `<row><c r="A1"><v>1</v></c><c/><col/><c>x</c><cc/><c` + "\t" + `/></row><c`
	const want = 3 // <c r=, <c/>, <c>; not <col/>, <cc/>, <c\t (not a tag XLSX writes), nor a final <c
	for size := 1; size <= len(xml); size++ {
		c := &cellCounter{}
		for i := 0; i < len(xml); i += size {
			c.Write([]byte(xml[i:min(i+size, len(xml))]))
		}
		if c.n != want {
			t.Errorf("writes of %d bytes: %d cells, want %d", size, c.n, want)
		}
	}
}
