package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"lmi/codes"
)

// Build reads lmi's output files in in.Dirs and writes workbook.xlsx and
// report.html to in.OutDir. See the package documentation for what each
// holds.
func Build(in Input) (Files, error) {
	if in.OutDir == "" {
		return Files{}, errors.New("publish: no output folder")
	}
	if len(in.Dirs) == 0 {
		return Files{}, errors.New("publish: no folder of outputs to read")
	}
	if in.Created.IsZero() {
		in.Created = in.Provenance.Created
	}
	found, err := findFiles(in.Dirs)
	if err != nil {
		return Files{}, err
	}
	fams, skipped, err := openFamilies(in, found)
	if err != nil {
		return Files{}, err
	}
	d := &doc{in: in, fams: fams, tots: map[*family]*totals{}, focus: in.Region, groupings: map[string]*codes.Grouping{}}
	for _, s := range skipped {
		d.note(s)
	}
	others, err := d.readOthers(found)
	if err != nil {
		return Files{}, err
	}
	if err := scanAll(fams); err != nil {
		return Files{}, err
	}
	if d.fd != nil {
		want := d.fd.historyWanted()
		for _, f := range fams {
			f.want = want
		}
	}
	d.levels = chooseLevels(in, fams)
	for _, g := range in.Groupings {
		if g != nil {
			d.groupings[g.Name] = g
		}
	}
	return d.write(others)
}

// write writes the workbook, whose pass over the files keeps what the
// report shows, then the report, while the workbook's archive is written.
func (d *doc) write(others []sheetTable) (Files, error) {
	out := Files{Workbook: filepath.Join(d.in.OutDir, WorkbookFile), Report: filepath.Join(d.in.OutDir, ReportFile)}
	if err := os.MkdirAll(d.in.OutDir, 0o755); err != nil {
		return Files{}, fmt.Errorf("publish: %w", err)
	}
	var tables []sheetTable
	for _, f := range d.fams {
		tables = append(tables, familySheet(f))
	}
	tables = append(tables, others...)
	var reportErr error
	var wg sync.WaitGroup
	sheets, err := writeWorkbook(d.in, tables, out.Workbook, func(names map[string][]string) {
		d.sheets = names
		for _, f := range d.fams {
			if err := f.keepLeftOut(); err != nil {
				reportErr = fmt.Errorf("publish: %w", err)
				return
			}
			d.tots[f] = newTotals(f)
		}
		if d.fd != nil {
			d.fd.attachHistory(d.fams)
		}
		wg.Go(func() {
			doc, err := d.document()
			if err == nil {
				err = doc.WriteFile(out.Report)
			}
			if err != nil {
				reportErr = fmt.Errorf("publish: report: %w", err)
			}
		})
	})
	wg.Wait()
	if err != nil {
		return Files{}, fmt.Errorf("publish: %w", err)
	}
	if reportErr != nil {
		return Files{}, reportErr
	}
	for _, t := range tables {
		for _, l := range t.left {
			d.note(fmt.Sprintf("%s: level %s left out of the workbook: more rows than a sheet holds", filepath.Base(t.path), l))
		}
	}
	for _, f := range d.fams {
		out.Read = append(out.Read, Read{Path: f.path, Kind: "family", Rows: f.rows, Wide: f.wideRows()})
	}
	for _, o := range others {
		out.Read = append(out.Read, Read{Path: o.path, Kind: o.name, Rows: o.rows})
	}
	out.Sheets, out.Notes = sheets, d.notes
	return out, nil
}

// findFiles lists the CSV files of the folders by name.
func findFiles(dirs []string) (map[string]string, error) {
	found := map[string]string{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
				continue
			}
			if prev, ok := found[e.Name()]; ok {
				return nil, fmt.Errorf("publish: %s is in two folders: %s and %s", e.Name(), filepath.Dir(prev), dir)
			}
			found[e.Name()] = filepath.Join(dir, e.Name())
		}
	}
	return found, nil
}

// otherFiles are the files that are not families.
var otherFiles = []string{ForecastFile, ShortageListFile, ForecastModelsFile, AgreementFile, AgreementSummaryFile}

// openFamilies opens the families' files: those of the metadata, in its
// order, then any other long indicator table, by name. It returns what it
// left alone.
func openFamilies(in Input, found map[string]string) ([]*family, []string, error) {
	meta := map[string]Indicator{}
	for _, m := range in.Indicators {
		meta[m.Name] = m
	}
	var fams []*family
	used := map[string]bool{}
	for _, o := range otherFiles {
		used[o] = true
	}
	open := func(path string, fm Family, strict bool) (*family, error) {
		file, _, header, err := readHeader(path)
		if err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		file.Close()
		f, err := newFamily(path, fm, meta, header)
		if err != nil && strict {
			return nil, fmt.Errorf("publish: %w", err)
		}
		return f, err
	}
	for _, fm := range in.Families {
		path, ok := found[fm.Name+".csv"]
		if !ok {
			continue
		}
		used[fm.Name+".csv"] = true
		f, err := open(path, fm, true)
		if err != nil {
			return nil, nil, err
		}
		fams = append(fams, f)
	}
	var rest, skipped []string
	for name := range found {
		if !used[name] {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		f, err := open(found[name], Family{}, false)
		if errors.Is(err, ErrNotLong) {
			skipped = append(skipped, fmt.Sprintf("%s: left alone: %v", name, err))
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		fams = append(fams, f)
	}
	return fams, skipped, nil
}

// scanAll runs the first pass over the families, as many at a time as
// there are cores.
func scanAll(fams []*family) error {
	errs := make([]error, len(fams))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(fams), 1)) {
		wg.Go(func() {
			for i := range next {
				if err := fams[i].scan(); err != nil {
					errs[i] = fmt.Errorf("publish: %w", err)
				}
			}
		})
	}
	for i := range fams {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// readOthers reads what the report shows of the forecast's and the
// agreement's files and returns their sheets.
func (d *doc) readOthers(found map[string]string) ([]sheetTable, error) {
	var sheets []sheetTable
	titles := map[string]string{
		ForecastFile: "Prognos per region och yrke", ShortageListFile: "Bristlista per region",
		ForecastModelsFile: "Prognosmodeller och backtest", AgreementFile: "Jämförelse med Arbetsförmedlingens klasser",
		AgreementSummaryFile: "Överensstämmelse med Arbetsförmedlingen",
	}
	for _, name := range otherFiles {
		path, ok := found[name]
		if !ok {
			continue
		}
		t, err := openFlat(path, trimExt(name))
		if err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		if err := d.readOther(name, t); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		sheets = append(sheets, flatSheet(t, titles[name]))
	}
	if _, ok := found[ShortageListFile]; ok && d.fd == nil {
		d.note(ShortageListFile + " without " + ForecastFile + ": in the workbook only")
	}
	return sheets, nil
}

func (d *doc) readOther(name string, t *flat) error {
	var err error
	switch name {
	case ForecastFile:
		region := d.focus
		if region == "" {
			region = "*"
		}
		d.fd, err = readForecast(t, "", region)
		if err == nil && len(d.fd.occupations) == 0 && region != "*" {
			d.note(fmt.Sprintf("%s: no rows for region %s; the report shows the forecast's total", ForecastFile, region))
			d.fd, err = readForecast(t, "", "*")
		}
	case ShortageListFile:
		if d.fd != nil {
			return d.fd.readShortageList(t)
		}
		return t.each(nil)
	case AgreementFile:
		d.agrRows = t
		d.differ, err = readAgreement(t)
	case AgreementSummaryFile:
		d.agrSum = t
		err = t.each(nil)
	default:
		err = t.each(nil)
	}
	return err
}

// chooseLevels are the levels to show: the run's, then its groupings; or
// those in the files, in the order län, FA, kommun, then the others.
func chooseLevels(in Input, fams []*family) []string {
	var out []string
	for _, l := range in.Levels {
		if l != codes.LevelRiket && !slices.Contains(out, string(l)) {
			out = append(out, string(l))
		}
	}
	for _, g := range in.Groupings {
		if g != nil && !slices.Contains(out, g.Name) {
			out = append(out, g.Name)
		}
	}
	if len(out) > 0 {
		return out
	}
	seen := map[string]bool{}
	for _, f := range fams {
		for _, l := range f.levels {
			seen[l.level] = true
		}
	}
	for _, l := range []string{"lan", "fa", "kommun"} {
		if seen[l] {
			out = append(out, l)
			delete(seen, l)
		}
	}
	delete(seen, string(codes.LevelRiket))
	var rest []string
	for l := range seen {
		rest = append(rest, l)
	}
	slices.Sort(rest)
	return append(out, rest...)
}
