package codes

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCounts(t *testing.T) {
	count := func(es []Entry) int { return len(es) }
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"län", count(Lan()), 21},
		{"kommuner", len(Kommuner()), 290},
		{"FA", count(FA()), 60},
		{"SSYK 1", count(SSYK(1)), 10},
		{"SSYK 2", count(SSYK(2)), 46},
		{"SSYK 3", count(SSYK(3)), 148},
		{"SSYK 4", count(SSYK(4)), 429},
		{"SSYK all", count(SSYK(0)), 633},
		{"SUN nivå 1", count(SUNLevel(1)), 7},
		{"SUN nivå 2", count(SUNLevel(2)), 14},
		{"SUN nivå 3", count(SUNLevel(3)), 50},
		{"SUN nivå all", count(SUNLevel(0)), 71},
		{"SUN inriktning 1", count(SUNField(1)), 10},
		{"SUN inriktning 2", count(SUNField(2)), 26},
		{"SUN inriktning 3", count(SUNField(3)), 118},
		{"SUN inriktning 4", count(SUNField(4)), 377},
		{"SUN inriktning all", count(SUNField(0)), 531},
		{"SNI avdelning", count(SNI(1)), 21},
		{"SNI huvudgrupp", count(SNI(2)), 88},
		{"SNI all", count(SNI(0)), 109},
		{"birth 1", count(BirthRegions(1)), 2},
		{"birth 2", count(BirthRegions(2)), 10},
		{"birth all", count(BirthRegions(0)), 12},
		{"edu groups", count(EduGroups()), 182},
		{"SSYK level 5", count(SSYK(5)), 0},
		{"SNI level -1", count(SNI(-1)), 0},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %d entries, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestSampleNames(t *testing.T) {
	find := func(es []Entry, code string) Entry {
		for _, e := range es {
			if e.Code == code {
				return e
			}
		}
		return Entry{}
	}
	tests := []struct {
		list string
		got  Entry
		want Entry
	}{
		{"lan", find(Lan(), "01"), Entry{Code: "01", Name: "Stockholms län", Level: 1}},
		{"lan", find(Lan(), "25"), Entry{Code: "25", Name: "Norrbottens län", Level: 1}},
		{"fa", find(FA(), "FA23"), Entry{Code: "FA23", Name: "Stockholm", Level: 1}},
		{"fa", find(FA(), "FA01"), Entry{Code: "FA01", Name: "Malmö-Lund", Level: 1}},
		{"fa", find(FA(), "FA60"), Entry{Code: "FA60", Name: "Kiruna", Level: 1}},
		{"ssyk", find(SSYK(4), "2512"), Entry{Code: "2512", Name: "Mjukvaru- och systemutvecklare m.fl.", Parent: "251", Level: 4}},
		{"ssyk", find(SSYK(0), "0"), Entry{Code: "0", Name: "Militära yrken", Level: 1}},
		{"sni", find(SNI(1), "C"), Entry{Code: "C", Name: "Tillverkning", Level: 1}},
		{"sni", find(SNI(2), "01"), Entry{Code: "01", Name: "Jordbruk och jakt samt service i anslutning härtill", Parent: "A", Level: 2}},
		{"sunfield", find(SUNField(4), "723c"), Entry{Code: "723c", Name: "Specialistsjuksköterskeutbildning, anestesisjukvård", Parent: "723", Level: 4}},
		{"sun", find(SUNLevel(2), "41"), Entry{Code: "41", Name: "Eftergymnasial utbildning, kortare än 2 år", Parent: "4", Level: 2}},
		{"birth", find(BirthRegions(2), "3"), Entry{Code: "3", Name: "EU utom Norden", Parent: "utrikes", Level: 2}},
		{"birth", find(BirthRegions(1), "inrikes"), Entry{Code: "inrikes", Name: "Inrikes född", Level: 1}},
		{"edu", find(EduGroups(), "5-72"), Entry{Code: "5-72", Name: "Hälso- och sjukvård, eftergymnasial minst 2 år", Parent: "5", Level: 1}},
		{"edu", find(EduGroups(), "3-99"), Entry{Code: "3-99", Name: "Okänd, gymnasial", Parent: "3", Level: 1}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s %s: got %+v, want %+v", tt.list, tt.want.Code, tt.got, tt.want)
		}
	}

	ks := Kommuner()
	want := map[string]Kommun{
		"0114": {"0114", "Upplands Väsby", "01", "FA23"},
		"0180": {"0180", "Stockholm", "01", "FA23"},
		"0380": {"0380", "Uppsala", "03", "FA23"}, // FA crosses the county border
		"0484": {"0484", "Eskilstuna", "04", "FA22"},
		"0980": {"0980", "Gotland", "09", "FA20"},
		"1280": {"1280", "Malmö", "12", "FA01"},
		"2584": {"2584", "Kiruna", "25", "FA60"},
	}
	for _, k := range ks {
		if w, ok := want[k.Code]; ok {
			if k != w {
				t.Errorf("kommun %s: got %+v, want %+v", k.Code, k, w)
			}
			delete(want, k.Code)
		}
	}
	if len(want) > 0 {
		t.Errorf("kommuner not found: %v", want)
	}
}

func TestOrder(t *testing.T) {
	codesOf := func(es []Entry) []string {
		var cs []string
		for _, e := range es {
			cs = append(cs, e.Code)
		}
		return cs
	}
	if cs := codesOf(Lan()); !slices.IsSorted(cs) {
		t.Errorf("Lan not sorted: %v", cs)
	}
	if cs := codesOf(FA()); cs[0] != "FA01" || cs[59] != "FA60" || !slices.IsSorted(cs) {
		t.Errorf("FA: %v", cs)
	}
	if cs := codesOf(EduGroups()); !slices.IsSorted(cs) {
		t.Errorf("EduGroups not sorted")
	}
	ks := Kommuner()
	if !slices.IsSortedFunc(ks, func(a, b Kommun) int { return strings.Compare(a.Code, b.Code) }) {
		t.Errorf("Kommuner not sorted")
	}
	// Hierarchical order: each entry's parent comes before it.
	for name, es := range map[string][]Entry{"ssyk": SSYK(0), "sun": SUNLevel(0), "sunfield": SUNField(0), "sni": SNI(0), "birth": BirthRegions(0)} {
		seen := map[string]bool{}
		for _, e := range es {
			if e.Level > 1 && !seen[e.Parent] {
				t.Errorf("%s: %s comes before its parent %s", name, e.Code, e.Parent)
			}
			seen[e.Code] = true
		}
	}
	if got := codesOf(SSYK(0)[:5]); !slices.Equal(got, []string{"0", "01", "011", "0110", "02"}) {
		t.Errorf("SSYK(0) starts %v", got)
	}
	if got := codesOf(SNI(0)[:5]); !slices.Equal(got, []string{"A", "01", "02", "03", "B"}) {
		t.Errorf("SNI(0) starts %v", got)
	}
	for i, e := range SSYK(4) {
		if len(e.Code) != 4 || e.Level != 4 {
			t.Fatalf("SSYK(4)[%d] = %+v", i, e)
		}
	}
}

func TestCopies(t *testing.T) {
	l := Lan()
	l[0].Name = "changed"
	k := Kommuner()
	k[0].Name = "changed"
	n := ListNames()
	n[0] = "changed"
	if Lan()[0].Name != "Stockholms län" || Kommuner()[0].Name != "Upplands Väsby" || ListNames()[0] != "lan" {
		t.Error("callers can change the package's tables through returned slices")
	}
}

func TestList(t *testing.T) {
	wantNames := []string{"lan", "kommun", "fa", "ssyk", "sun", "sunfield", "sni", "birth", "edu"}
	if got := ListNames(); !slices.Equal(got, wantNames) {
		t.Errorf("ListNames() = %v, want %v", got, wantNames)
	}
	tests := []struct {
		name  string
		level int
		want  int
		err   string
	}{
		{"lan", 0, 21, ""},
		{"lan", 1, 21, ""},
		{"kommun", 0, 290, ""},
		{"fa", 1, 60, ""},
		{"ssyk", 0, 633, ""},
		{"ssyk", 3, 148, ""},
		{"sun", 1, 7, ""},
		{"sunfield", 4, 377, ""},
		{"sni", 2, 88, ""},
		{"birth", 2, 10, ""},
		{"edu", 0, 182, ""},
		{" SSYK ", 1, 10, ""},
		{"lan", 2, 0, `code list "lan" has one level: level must be 0 or 1, got 2`},
		{"ssyk", 5, 0, `code list "ssyk" has levels 1-4 (0 = all): got 5`},
		{"sni", -1, 0, `code list "sni" has levels 1-2 (0 = all): got -1`},
		{"isco", 0, 0, `unknown code list "isco" (valid: lan, kommun, fa, ssyk, sun, sunfield, sni, birth, edu)`},
		{"", 0, 0, `unknown code list ""`},
	}
	for _, tt := range tests {
		es, err := List(tt.name, tt.level)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("List(%q, %d) error = %v, want %q", tt.name, tt.level, err, tt.err)
			}
			continue
		}
		if err != nil || len(es) != tt.want {
			t.Errorf("List(%q, %d) = %d entries, %v; want %d", tt.name, tt.level, len(es), err, tt.want)
		}
	}
	ks, _ := List("kommun", 0)
	if ks[0] != (Entry{Code: "0114", Name: "Upplands Väsby", Parent: "01", Level: 1}) {
		t.Errorf("List(kommun)[0] = %+v", ks[0])
	}
}

func TestShow(t *testing.T) {
	got := Show("01")
	var lists []string
	for _, f := range got {
		lists = append(lists, f.List)
	}
	if want := []string{"lan", "ssyk", "sunfield", "sni"}; !slices.Equal(lists, want) {
		t.Fatalf("Show(01) lists = %v, want %v", lists, want)
	}
	for _, f := range got {
		switch f.List {
		case "lan":
			if f.Entry.Name != "Stockholms län" || len(f.Path) != 0 {
				t.Errorf("lan: %+v", f)
			}
		case "ssyk":
			if f.Entry.Name != "Officerare" || len(f.Path) != 1 || f.Path[0].Code != "0" {
				t.Errorf("ssyk: %+v", f)
			}
		case "sni":
			if len(f.Path) != 1 || f.Path[0].Code != "A" {
				t.Errorf("sni: %+v", f)
			}
		}
	}

	pathCodes := func(fs []Found, list string) []string {
		for _, f := range fs {
			if f.List == list {
				var cs []string
				for _, p := range f.Path {
					cs = append(cs, p.Code)
				}
				return append(cs, f.Entry.Code)
			}
		}
		return nil
	}
	tests := []struct {
		code, list string
		want       []string // path then the code
	}{
		{"723c", "sunfield", []string{"7", "72", "723", "723c"}},
		{"723C", "sunfield", []string{"7", "72", "723", "723c"}},
		{"2512", "ssyk", []string{"2", "25", "251", "2512"}},
		{"0180", "kommun", []string{"01", "0180"}},
		{"fa23", "fa", []string{"FA23"}},
		{" c ", "sni", []string{"C"}},
		{"5-72", "edu", []string{"5", "5-72"}},
		{"3", "birth", []string{"utrikes", "3"}},
		{"525", "sun", []string{"5", "52", "525"}},
	}
	for _, tt := range tests {
		if got := pathCodes(Show(tt.code), tt.list); !slices.Equal(got, tt.want) {
			t.Errorf("Show(%q) in %s: path %v, want %v", tt.code, tt.list, got, tt.want)
		}
	}
	for _, c := range []string{"", "  ", "xyz", "99999", "FA61"} {
		if got := Show(c); len(got) != 0 {
			t.Errorf("Show(%q) = %+v, want nothing", c, got)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		fn  string
		f   func(string) bool
		yes []string
		no  []string
	}{
		{"IsKommun", IsKommun, []string{"0114", "0180", "2584", "0980"}, []string{"", "180", "01", "0100", "9999", " 0180", "FA23"}},
		{"IsLan", IsLan, []string{"01", "03", "25"}, []string{"", "00", "02", "11", "15", "16", "1", "0180"}},
		{"IsSSYK4", IsSSYK4, []string{"2512", "0110", "9629"}, []string{"251", "25", "2", "0000", "25120", ""}},
		{"IsSNIDivision", IsSNIDivision, []string{"01", "10", "99"}, []string{"C", "1", "04", "00", ""}},
		{"IsSUNLevel", IsSUNLevel, []string{"5", "52", "525", "00", "640"}, []string{"7", "51", "999", ""}},
		{"IsSUNField", IsSUNField, []string{"7", "72", "723", "723c", "999z"}, []string{"723C", "73", "", "7230"}},
		{"IsEduGroup", IsEduGroup, []string{"5-72", "0-01", "6-99"}, []string{"7-72", "5-7", "572", "5-73", ""}},
		{"IsBirthRegion", IsBirthRegion, []string{"0", "1", "9"}, []string{"inrikes", "utrikes", "10", ""}},
		{"IsSex", IsSex, []string{"1", "2"}, []string{"0", "3", "", "M", "K"}},
	}
	for _, tt := range tests {
		for _, c := range tt.yes {
			if !tt.f(c) {
				t.Errorf("%s(%q) = false, want true", tt.fn, c)
			}
		}
		for _, c := range tt.no {
			if tt.f(c) {
				t.Errorf("%s(%q) = true, want false", tt.fn, c)
			}
		}
	}
}

func TestBirthRegionGroup(t *testing.T) {
	tests := map[string]string{
		"1": "inrikes", "2": "utrikes", "5": "utrikes", "0": "utrikes",
		"inrikes": "inrikes", "utrikes": "utrikes", "": "", "x": "", "10": "",
	}
	for c, want := range tests {
		if got := BirthRegionGroup(c); got != want {
			t.Errorf("BirthRegionGroup(%q) = %q, want %q", c, got, want)
		}
	}
}

func TestEduGroupOf(t *testing.T) {
	tests := []struct {
		level, field string
		want         string
		ok           bool
	}{
		{"525", "723c", "5-72", true},
		{"5", "72", "5-72", true},
		{"41", "481", "4-48", true},
		{"000", "010a", "0-01", true},
		{"640", "999z", "6-99", true},
		{"337", "", "", false},
		{"", "723c", "", false},
		{"5", "7", "", false},    // field only level 1
		{"7", "72", "", false},   // no nivå 7
		{"525", "73", "", false}, // unknown field
		{"5x", "72", "", false},
	}
	for _, tt := range tests {
		got, ok := EduGroupOf(tt.level, tt.field)
		if got != tt.want || ok != tt.ok {
			t.Errorf("EduGroupOf(%q, %q) = %q, %v; want %q, %v", tt.level, tt.field, got, ok, tt.want, tt.ok)
		}
	}
}

// Every edu group's parent is a SUN level-1 nivå and its field part a SUN
// level-2 inriktning.
func TestEduGroupsConsistent(t *testing.T) {
	for _, e := range EduGroups() {
		n, ff, ok := strings.Cut(e.Code, "-")
		if !ok || n != e.Parent || !IsSUNLevel(n) || len(n) != 1 || !IsSUNField(ff) || len(ff) != 2 {
			t.Errorf("bad edu group %+v", e)
		}
		if g, ok := EduGroupOf(n, ff); !ok || g != e.Code {
			t.Errorf("EduGroupOf(%q, %q) = %q, %v", n, ff, g, ok)
		}
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, k := range Kommuner() {
				if !IsKommun(k.Code) || !IsLan(k.Lan) {
					t.Errorf("kommun %+v", k)
				}
				if r, ok := RollUp(LevelFA, k.Code); !ok || r != k.FA {
					t.Errorf("RollUp(fa, %s) = %q", k.Code, r)
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkIsKommun(b *testing.B) {
	IsKommun("0180")
	for b.Loop() {
		IsKommun("0180")
	}
}

func BenchmarkRollUp(b *testing.B) {
	RollUp(LevelLan, "0180")
	for b.Loop() {
		RollUp(LevelLan, "0180")
	}
}
