package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeCommands returns the lmi commands of the first sh block under the
// README's heading, each as its arguments after "lmi".
func readmeCommands(t *testing.T, readme, heading string) [][]string {
	t.Helper()
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("%s has no heading %q", readme, heading)
	}
	_, block, ok := strings.Cut(sec, "```sh\n")
	if block, _, ok = strings.Cut(block, "\n```"); !ok {
		t.Fatalf("%s: no sh block under %q", readme, heading)
	}
	var cmds [][]string
	for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if f[0] != "lmi" {
			t.Fatalf("%s: a line that is not an lmi command: %q", readme, line)
		}
		cmds = append(cmds, f[1:])
	}
	return cmds
}

// inCheckout makes the arguments that name files of the checkout (or the
// shared data beside it) absolute, globs expanded, as a shell in the
// checkout would; the others (outputs) stay relative to the test's
// working folder.
func inCheckout(t *testing.T, root string, args []string) []string {
	t.Helper()
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") || !strings.Contains(a, "/") {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(root, a))
		if err != nil || len(m) == 0 {
			t.Fatalf("%q names no file of the checkout", a)
		}
		out = append(out, m...)
	}
	return out
}

// TestReadmePublishedTables runs the commands of the README's section
// "From SCB's published tables", exactly as written, on SCB's real YREG60
// file, the fixtures shaped like SCB's responses and Arbetsförmedlingen's
// real yrkesprognoser file, and checks what the section says they give.
func TestReadmePublishedTables(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "../shared/data/scb")); err != nil {
		t.Skip("the shared reference data (../shared/data beside the checkout) are absent: the README's commands read SCB's real YREG60 file there")
	}
	cmds := readmeCommands(t, filepath.Join(root, "README.md"), "## From SCB's published tables")
	if len(cmds) < 6 {
		t.Fatalf("%d commands in the section", len(cmds))
	}
	t.Chdir(t.TempDir())
	var stderr strings.Builder
	for _, c := range cmds {
		stdout, errOut, code := lmi(t, inCheckout(t, root, c)...)
		if code != exitOK {
			t.Fatalf("lmi %s: exit %d\n%s\n%s", strings.Join(c, " "), code, stdout, errOut)
		}
		stderr.WriteString(errOut)
	}
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct{ file, want, what string }{
		{"pub-lan/matching.csv", ",riket,00,Riket,", "riket as SCB published it"},
		{"pub-lan/matching.csv", ",true,not published by SCB,RegionInd19E3N2\n", "a cell SCB did not publish, suppressed and named"},
		{"pub-lan/employment.csv", ",lan,20,Dalarnas län,", "employment by län"},
		{"pub-lan/status.csv", ",RegionInd19U1aN1", "status from U1a"},
		{"pub-vasterdalarna/employment.csv", ",vasterdalarna,Västerdalarna,Västerdalarna,", "the grouping summed from YREG58's kommuner"},
		{"pub-forecast/shortage_list.csv", "\nlan,20,Dalarnas län,1,", "Dalarna's shortage list"},
		{"pub-forecast-af/agreement_summary.csv", "kappa", "the agreement with Arbetsförmedlingen"},
	} {
		if !strings.Contains(read(c.file), c.want) {
			t.Errorf("%s: no %s (%q)", c.file, c.what, c.want)
		}
	}
	if !strings.Contains(stderr.String(), "lmi: tightness: no input: it is computed from lmi's tables jobseekers, vacancies and hires, and the database holds none") {
		t.Errorf("standard error does not say why tightness is left out:\n%s", stderr.String())
	}
}

// TestKomIgang runs the commands of docs/kom-igang.md, the analyst's
// quick start, exactly as written, and checks the files it says they
// give.
func TestKomIgang(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "../shared/data/scb")); err != nil {
		t.Skip("the shared reference data (../shared/data beside the checkout) are absent: the quick start reads SCB's real YREG60 file there")
	}
	cmds := readmeCommands(t, filepath.Join(root, "docs", "kom-igang.md"), "## Kommandona")
	t.Chdir(t.TempDir())
	for _, c := range cmds {
		if stdout, errOut, code := lmi(t, inCheckout(t, root, c)...); code != exitOK {
			t.Fatalf("lmi %s: exit %d\n%s\n%s", strings.Join(c, " "), code, stdout, errOut)
		}
	}
	for _, f := range []string{"demo/report.html", "demo/workbook.xlsx", "indikatorer/matching.csv", "egen-indelning/employment.csv",
		"prognos/shortage_list.csv", "rapport/report.html", "rapport/workbook.xlsx"} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if b, err := os.ReadFile("indikatorer/matching.csv"); err != nil || !strings.HasPrefix(string(b), "\ufeff") || !strings.Contains(string(b), ";Källa") {
		t.Errorf("indikatorer/matching.csv is not for Swedish Excel (%v)", err)
	}
}
