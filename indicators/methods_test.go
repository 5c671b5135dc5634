package indicators

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func readMethods(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../" + MethodsPath)
	if err != nil {
		t.Fatalf("the method reference: %v", err)
	}
	return b
}

// TestMethodsSections: docs/methods.md has the numbered sections 1-8 that
// the indicators cite, each sub-section under a section it has, no two
// headings with one anchor, and every built-in indicator's section is one
// of its sections or sub-sections.
func TestMethodsSections(t *testing.T) {
	hs := methodsHeadings(readMethods(t))
	sections := map[string]bool{}
	anchors := map[string]bool{}
	for _, h := range hs {
		if anchors[h.anchor] {
			t.Errorf("two headings make the anchor #%s", h.anchor)
		}
		anchors[h.anchor] = true
		if h.section == "" {
			continue
		}
		if sections[h.section] {
			t.Errorf("section %s has two headings", h.section)
		}
		sections[h.section] = true
		if i := strings.LastIndex(h.section, "."); i > 0 && !sections[h.section[:i]] {
			t.Errorf("sub-section %s comes before, or without, section %s", h.section, h.section[:i])
		}
	}
	for i := 1; i <= 8; i++ {
		if !sections[strconv.Itoa(i)] {
			t.Errorf("%s has no section %d: indicators cite the sections 1-8", MethodsPath, i)
		}
	}
	var cited int
	for _, ind := range All() {
		if !sections[ind.Section] {
			t.Errorf("indicator %s (%s) cites section %q, which %s does not have", ind.Name, ind.File, ind.Section, MethodsPath)
		}
		cited++
	}
	if cited == 0 {
		t.Fatal("no built-in indicators")
	}
}

// TestHeadingAnchor: anchors as GitHub makes them from a heading.
func TestHeadingAnchor(t *testing.T) {
	for text, want := range map[string]string{
		"2. Education-occupation matching":            "2-education-occupation-matching",
		"2.1 The match key":                           "21-the-match-key",
		"5.10 Forecast evaluation":                    "510-forecast-evaluation",
		"3.2 Självförsörjningsgrad och pendling (U2)": "32-självförsörjningsgrad-och-pendling-u2",
		"4. Tightness, Beveridge, mismatch, `u*`":     "4-tightness-beveridge-mismatch-u",
		"Departures and planned parts":                "departures-and-planned-parts",
		"snake_case and a/b":                          "snake_case-and-ab",
	} {
		if got := headingAnchor(text); got != want {
			t.Errorf("headingAnchor(%q) = %q, want %q", text, got, want)
		}
	}
	hs := methodsHeadings([]byte("# A\n\n```\n# not a heading\n```\n\n## 1. One\n\n    # indented code\n\n## A\n### 1.1 Sub #\n"))
	want := []methodsHeading{{"", "a"}, {"1", "1-one"}, {"", "a-1"}, {"1.1", "11-sub"}}
	if len(hs) != len(want) {
		t.Fatalf("headings %v, want %v", hs, want)
	}
	for i := range want {
		if hs[i] != want[i] {
			t.Errorf("heading %d: %v, want %v", i, hs[i], want[i])
		}
	}
}

// mdLink is a Markdown link's target: path and fragment.
var mdLink = regexp.MustCompile(`\]\(([^)\s#]*)(#[^)\s]*)?\)`)

// TestMethodsLinks: every link to docs/methods.md in lmi's Markdown (the
// README, docs/, indicators/README.md; the generated docs/indicators.md
// among them) and every link within it goes to an anchor it has, and
// docs/indicators.md links each built-in indicator to its section.
func TestMethodsLinks(t *testing.T) {
	hs := methodsHeadings(readMethods(t))
	anchors := map[string]bool{}
	sectionAnchor := map[string]string{}
	for _, h := range hs {
		anchors[h.anchor] = true
		if h.section != "" {
			sectionAnchor[h.section] = h.anchor
		}
	}
	methods, err := filepath.Abs("../" + MethodsPath)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../README.md", "README.md")
	var links int
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		abs, err := filepath.Abs(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(b), -1) {
			path, frag := m[1], strings.TrimPrefix(m[2], "#")
			target := abs // a fragment alone is a link within the file
			if path != "" {
				if strings.Contains(path, "://") {
					continue
				}
				target = filepath.Join(filepath.Dir(abs), filepath.FromSlash(path))
			}
			if target != methods || frag == "" {
				continue
			}
			links++
			if !anchors[frag] {
				t.Errorf("%s: link %s#%s: %s has no heading with that anchor", file, path, frag, MethodsPath)
			}
		}
	}
	if links == 0 {
		t.Error("no links to sections of the method reference found")
	}
	b, err := os.ReadFile("../docs/indicators.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "| `"); ok {
			if name, _, ok := strings.Cut(rest, "`"); ok {
				rows[name] = line
			}
		}
	}
	for _, ind := range All() {
		want := "[section " + ind.Section + "](methods.md#" + sectionAnchor[ind.Section] + ")"
		if row, ok := rows[ind.Name]; !ok {
			t.Errorf("docs/indicators.md has no row for %s", ind.Name)
		} else if !strings.Contains(row, want) {
			t.Errorf("docs/indicators.md: %s's row does not link %s", ind.Name, want)
		}
	}
}
