package formats

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// batch is one target table's rows from a file, built whole in memory
// (the published formats are small).
type batch struct {
	table, tableID, updated string
	rec                     arrow.RecordBatch
	// checks says what lmi checked in these rows on the way in.
	checks []string
}

// decoded turns built batches into a Decoded: all of a file's tables go
// in one transaction, under one sources row naming the first's table id.
func decoded(rep *Report, batches []batch) (*Decoded, error) {
	// Every record read is a row loaded.
	d := &Decoded{Report: rep, Finish: func(loaded int64) error { rep.RowsRead = loaded; return nil }}
	for _, b := range batches {
		rec := b.rec
		d.release = append(d.release, rec.Release)
		r, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
		if err != nil {
			d.Release()
			return nil, err
		}
		d.Batches = append(d.Batches, Batch{Table: b.table, Records: r})
		rep.Checks = append(rep.Checks, b.checks...)
	}
	if len(batches) > 0 {
		d.TableID, d.Updated = batches[0].tableID, batches[0].updated
	}
	if rep.Table == "" {
		var tables []string
		for _, b := range batches {
			tables = append(tables, b.table)
		}
		rep.Table = strings.Join(tables, "+")
	}
	return d, nil
}
