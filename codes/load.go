package codes

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*.tsv
var dataFS embed.FS

// list is one parsed classification.
type list struct {
	name    string
	levels  int     // number of levels; entries have Level 1..levels
	entries []Entry // hierarchical order (depth first, children by code)
	byCode  map[string]int
}

// tables is everything parsed from data/.
type tables struct {
	lists    map[string]*list // by list name
	kommuner []Kommun
	kommunBy map[string]int
}

// db parses the embedded tables on first use. The tables are written and
// checked by the generator and tested; a failure here is a build defect,
// never a consequence of user input, so it panics.
var db = sync.OnceValue(func() *tables {
	t, err := parseAll()
	if err != nil {
		panic("codes: embedded data: " + err.Error())
	}
	return t
})

func parseAll() (*tables, error) {
	t := &tables{lists: make(map[string]*list, len(listNames))}
	add := func(name string, levels int, es []Entry) {
		l := &list{name: name, levels: levels, entries: es, byCode: make(map[string]int, len(es))}
		for i, e := range es {
			l.byCode[e.Code] = i
		}
		t.lists[name] = l
	}

	// Regions.
	lan, err := readTSV("lan.tsv", "code", "name")
	if err != nil {
		return nil, err
	}
	es := make([]Entry, len(lan))
	for i, r := range lan {
		es[i] = Entry{Code: r[0], Name: r[1], Level: 1}
	}
	add("lan", 1, es)

	kom, err := readTSV("kommun.tsv", "code", "name", "lan", "fa")
	if err != nil {
		return nil, err
	}
	t.kommuner = make([]Kommun, len(kom))
	t.kommunBy = make(map[string]int, len(kom))
	es = make([]Entry, len(kom))
	for i, r := range kom {
		t.kommuner[i] = Kommun{Code: r[0], Name: r[1], Lan: r[2], FA: r[3]}
		t.kommunBy[r[0]] = i
		es[i] = Entry{Code: r[0], Name: r[1], Parent: r[2], Level: 1}
	}
	add("kommun", 1, es)

	fa, err := readTSV("fa.tsv", "code", "name")
	if err != nil {
		return nil, err
	}
	es = make([]Entry, len(fa))
	for i, r := range fa {
		es[i] = Entry{Code: r[0], Name: r[1], Level: 1}
	}
	add("fa", 1, es)

	// Hierarchical classifications.
	for _, c := range []struct {
		name, file string
		levels     int
	}{
		{"ssyk", "ssyk.tsv", 4},
		{"sun", "sun_level.tsv", 3},
		{"sunfield", "sun_field.tsv", 4},
		{"sni", "sni.tsv", 2},
		{"birth", "birth_region.tsv", 2},
	} {
		rows, err := readTSV(c.file, "code", "level", "parent", "name")
		if err != nil {
			return nil, err
		}
		es := make([]Entry, len(rows))
		for i, r := range rows {
			lv, err := strconv.Atoi(r[1])
			if err != nil || lv < 1 || lv > c.levels {
				return nil, fmt.Errorf("%s: code %q: bad level %q", c.file, r[0], r[1])
			}
			es[i] = Entry{Code: r[0], Level: lv, Parent: r[2], Name: r[3]}
		}
		add(c.name, c.levels, es)
	}

	edu, err := readTSV("edu_group.tsv", "code", "parent", "name")
	if err != nil {
		return nil, err
	}
	es = make([]Entry, len(edu))
	for i, r := range edu {
		es[i] = Entry{Code: r[0], Parent: r[1], Name: r[2], Level: 1}
	}
	add("edu", 1, es)
	return t, nil
}

// readTSV returns the data rows of an embedded table after checking its
// header. Lines starting with '#' are comments.
func readTSV(file string, header ...string) ([][]string, error) {
	b, err := dataFS.ReadFile("data/" + file)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	sawHeader := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", file, n, len(f), len(header))
		}
		if !sawHeader {
			if strings.Join(f, "\t") != strings.Join(header, "\t") {
				return nil, fmt.Errorf("%s:%d: header %q, want %q", file, n, f, header)
			}
			sawHeader = true
			continue
		}
		rows = append(rows, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if !sawHeader {
		return nil, fmt.Errorf("%s: no header", file)
	}
	return rows, nil
}
