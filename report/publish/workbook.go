package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"lmi/report"
	"lmi/report/xlsx"
)

// sheetTable is one table of the workbook.
type sheetTable struct {
	name  string // machine name: the family's, or the file's kind
	path  string // the file read
	title string
	rows  int64        // its rows, to split by level past the limit
	lvls  []levelCount // its rows per region level
	open  func() (*report.Table, func(), error)
	// leaveOut leaves a region level's rows out of the sheet.
	leaveOut func(level string)
	left     []string // the levels left out
}

// writeWorkbook writes the families' wide sheets, the forecast's and the
// agreement's sheets, the symbols and "Om tabellerna"; read is called once
// every table was read, before the archive is written, with each table's
// sheets by the table's name.
func writeWorkbook(in Input, tables []sheetTable, path string, read func(map[string][]string)) ([]xlsx.SheetInfo, error) {
	limit := in.MaxSheetRows
	if limit <= 0 || limit > xlsx.MaxDataRows {
		limit = xlsx.MaxDataRows
	}
	prov := in.Provenance
	prov.Created = in.Created
	w, err := xlsx.New(xlsx.Options{Provenance: prov, MaxRows: limit, TmpDir: in.TmpDir})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	var sheets []xlsx.SheetInfo
	names := map[string][]string{}
	for i := range tables {
		st := &tables[i]
		opt := xlsx.TableOptions{Sheet: sheetName(st.name)}
		rows := st.rows
		var notes []string
		for _, l := range st.lvls {
			if l.rows <= int64(limit) || rows <= int64(limit) {
				continue
			}
			if !in.LeaveOutOversized {
				return nil, tooManyRows(*st, l, limit)
			}
			st.leaveOut(l.level)
			st.left = append(st.left, l.level)
			rows -= l.rows
			notes = append(notes, fmt.Sprintf("Nivån %s har %d rader, fler än ett blad rymmer, och finns bara i %s.", l.level, l.rows, filepath.Base(st.path)))
		}
		if rows > int64(limit) {
			opt.SplitBy = "region_level"
		}
		t, done, err := st.open()
		if err != nil {
			return nil, err
		}
		t.Notes = append(t.Notes, notes...)
		infos, err := w.AddTable(t, opt)
		done()
		if err != nil {
			var rl *xlsx.RowLimitError
			if errors.As(err, &rl) {
				return nil, fmt.Errorf("workbook: %w; narrow %s's output (fewer levels or dimensions)", err, st.name)
			}
			return nil, fmt.Errorf("workbook: %w", err)
		}
		sheets = append(sheets, infos...)
		for _, i := range infos {
			names[st.name] = append(names[st.name], i.Name)
		}
	}
	read(names)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := w.WriteFile(path); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return sheets, nil
}

// tooManyRows is the error for a table whose rows at one level do not fit
// a sheet, before any is written.
func tooManyRows(st sheetTable, l levelCount, limit int) error {
	rl := &xlsx.RowLimitError{Table: st.name, Sheet: sheetName(st.name) + " " + l.level, SplitBy: "region_level", Rows: l.rows, Limit: limit}
	return fmt.Errorf("workbook: %w; %s has %d rows at level %s: compute it with fewer dimensions (--by) or leave that level out of the run, "+
		"or leave the level out of the workbook (Input.LeaveOutOversized); the CSV and Parquet files hold every row", rl, st.name, l.rows, l.level)
}

// familySheet opens a family's wide table, read a batch ahead.
func familySheet(f *family) sheetTable {
	return sheetTable{name: f.name, path: f.path, title: f.title, rows: f.wideRows(), lvls: f.levels, leaveOut: f.leaveOut, open: func() (*report.Table, func(), error) {
		file, err := os.Open(f.path)
		if err != nil {
			return nil, nil, err
		}
		t, _ := f.newWideRows(file)
		pf := newPrefetch(t.Rows, len(t.Columns))
		t.Rows = pf
		return t, func() { pf.Stop(); file.Close() }, nil
	}}
}

// flatSheet opens one of the forecast's or the agreement's files.
func flatSheet(t *flat, title string) sheetTable {
	return sheetTable{name: t.kind, path: t.path, title: title, rows: t.rows, lvls: t.levels, leaveOut: t.leaveOut, open: func() (*report.Table, func(), error) {
		tb, file, err := t.table(t.kind, title)
		if err != nil {
			return nil, nil, err
		}
		return tb, func() { file.Close() }, nil
	}}
}
