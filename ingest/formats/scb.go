package formats

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/ingest/af"
	"lmi/ingest/cube"
	"lmi/ingest/scb"
)

var (
	publishedSchema = arrow.NewSchema([]arrow.Field{
		{Name: "table_id", Type: arrow.BinaryTypes.String},
		{Name: "title", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "dimensions", Type: arrow.ListOf(arrow.BinaryTypes.String)},
		{Name: "codes", Type: arrow.ListOf(arrow.BinaryTypes.String)},
		{Name: "labels", Type: arrow.ListOf(arrow.BinaryTypes.String)},
		{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "status", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	employmentSchema = arrow.NewSchema([]arrow.Field{
		{Name: "table_id", Type: arrow.BinaryTypes.String},
		{Name: "region", Type: arrow.BinaryTypes.String},
		{Name: "sector", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "ssyk4", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "sex", Type: arrow.BinaryTypes.String},
		{Name: "year", Type: arrow.PrimitiveTypes.Int16},
		{Name: "n", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "status", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	// employmentCellSchema is the part of persons a published employment
	// cell fills; the rest stays NULL.
	employmentCellSchema = arrow.NewSchema([]arrow.Field{
		{Name: "year", Type: arrow.PrimitiveTypes.Int16},
		{Name: "work_lan", Type: arrow.BinaryTypes.String},
		{Name: "status", Type: arrow.BinaryTypes.String},
		{Name: "ssyk4", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "sex", Type: arrow.BinaryTypes.String},
		{Name: "n", Type: arrow.PrimitiveTypes.Int32},
	}, nil)
	assessmentSchema = arrow.NewSchema([]arrow.Field{
		{Name: "publisher", Type: arrow.BinaryTypes.String},
		{Name: "round", Type: arrow.BinaryTypes.String},
		{Name: "region", Type: arrow.BinaryTypes.String},
		{Name: "region_level", Type: arrow.BinaryTypes.String},
		{Name: "occupation", Type: arrow.BinaryTypes.String},
		{Name: "measure", Type: arrow.BinaryTypes.String},
		{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "class", Type: arrow.PrimitiveTypes.Int16, Nullable: true},
		{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	occupationSchema = arrow.NewSchema([]arrow.Field{
		{Name: "publisher", Type: arrow.BinaryTypes.String},
		{Name: "occupation", Type: arrow.BinaryTypes.String},
		{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "ssyk4", Type: arrow.BinaryTypes.String},
		{Name: "partial", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "published", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
)

// cubeBatches turns a published table into published_cells rows and, for
// SCB's employment tables, scb_employment rows and, for those by region,
// persons cells.
func cubeBatches(t *cube.Table, mem memory.Allocator) ([]batch, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	b := array.NewRecordBuilder(mem, publishedSchema)
	defer b.Release()
	dimsB := b.Field(2).(*array.ListBuilder)
	codesB := b.Field(3).(*array.ListBuilder)
	labelsB := b.Field(4).(*array.ListBuilder)
	idx := make([]int, len(t.Dimensions))
	for cell := 0; cell < t.Len(); cell++ {
		b.Field(0).(*array.StringBuilder).Append(t.ID)
		appendNullable(b.Field(1).(*array.StringBuilder), t.Title)
		dimsB.Append(true)
		codesB.Append(true)
		labelsB.Append(true)
		for i, d := range t.Dimensions {
			dimsB.ValueBuilder().(*array.StringBuilder).Append(d.Code)
			codesB.ValueBuilder().(*array.StringBuilder).Append(d.Values[idx[i]].Code)
			labelsB.ValueBuilder().(*array.StringBuilder).Append(d.Values[idx[i]].Label)
		}
		appendValue(b.Field(5).(*array.Float64Builder), b.Field(6).(*array.StringBuilder), t.Values[cell], t.Status[cell])
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(t.Dimensions[i].Values) {
				break
			}
			idx[i] = 0
		}
	}
	out := []batch{{table: "published_cells", tableID: t.ID, updated: t.Updated, rec: b.NewRecordBatch()}}
	if kind, cells, err := scb.RMI(t); err == nil {
		return append(out, rmiBatch(t, kind, cells, mem)), nil
	}
	if cells, err := scb.MatchTable(t); err == nil {
		return append(out, e4Batch(t, cells, mem)), nil
	}
	if ages, err := scb.EmployeesByAge(t); err == nil {
		return append(out, ageBatch(t, ages, mem)), nil
	}
	rows, err := scb.Employees(t)
	if err != nil {
		return out, nil // not an employment or RMI table: published cells only
	}
	e := array.NewRecordBuilder(mem, employmentSchema)
	defer e.Release()
	for _, r := range rows {
		e.Field(0).(*array.StringBuilder).Append(r.Table)
		e.Field(1).(*array.StringBuilder).Append(r.Region)
		appendNullable(e.Field(2).(*array.StringBuilder), r.Sector)
		appendNullable(e.Field(3).(*array.StringBuilder), r.SSYK)
		e.Field(4).(*array.StringBuilder).Append(r.Sex)
		e.Field(5).(*array.Int16Builder).Append(int16(r.Year))
		appendValue(e.Field(6).(*array.Float64Builder), e.Field(7).(*array.StringBuilder), r.N, r.Status)
	}
	out = append(out, batch{table: "scb_employment", tableID: t.ID, updated: t.Updated, rec: e.NewRecordBatch()})
	cells, checks := scb.PersonsCells(rows)
	if len(cells) == 0 {
		return out, nil
	}
	p := array.NewRecordBuilder(mem, employmentCellSchema)
	defer p.Release()
	for _, c := range cells {
		p.Field(0).(*array.Int16Builder).Append(int16(c.Year))
		p.Field(1).(*array.StringBuilder).Append(c.Region)
		p.Field(2).(*array.StringBuilder).Append("employed")
		appendNullable(p.Field(3).(*array.StringBuilder), c.SSYK)
		p.Field(4).(*array.StringBuilder).Append(c.Sex)
		p.Field(5).(*array.Int32Builder).Append(int32(c.N))
	}
	return append(out, batch{table: "persons", tableID: t.ID, updated: t.Updated, rec: p.NewRecordBatch(), checks: checks}), nil
}

// assessmentBatches turns assessments and an occupation map into
// assessments and occupation_map rows.
func assessmentBatches(all iter.Seq[af.Assessment], occupations []af.OccupationMap, mem memory.Allocator) ([]batch, error) {
	a := array.NewRecordBuilder(mem, assessmentSchema)
	defer a.Release()
	for x := range all {
		a.Field(0).(*array.StringBuilder).Append(x.Source)
		a.Field(1).(*array.StringBuilder).Append(x.Round)
		a.Field(2).(*array.StringBuilder).Append(x.Region)
		a.Field(3).(*array.StringBuilder).Append(x.RegionLevel)
		a.Field(4).(*array.StringBuilder).Append(x.Occupation)
		a.Field(5).(*array.StringBuilder).Append(x.Measure)
		if math.IsNaN(x.Value) {
			a.Field(6).AppendNull()
		} else {
			a.Field(6).(*array.Float64Builder).Append(x.Value)
		}
		if x.Class == 0 {
			a.Field(7).AppendNull()
		} else {
			a.Field(7).(*array.Int16Builder).Append(int16(x.Class))
		}
		appendNullable(a.Field(8).(*array.StringBuilder), x.Label)
	}
	out := []batch{{table: "assessments", rec: a.NewRecordBatch()}}
	if len(occupations) == 0 {
		return out, nil
	}
	o := array.NewRecordBuilder(mem, occupationSchema)
	defer o.Release()
	for _, m := range occupations {
		o.Field(0).(*array.StringBuilder).Append(m.Source)
		o.Field(1).(*array.StringBuilder).Append(m.Occupation)
		appendNullable(o.Field(2).(*array.StringBuilder), m.Label)
		o.Field(3).(*array.StringBuilder).Append(m.SSYK)
		o.Field(4).(*array.BooleanBuilder).Append(m.Partial)
		appendNullable(o.Field(5).(*array.StringBuilder), m.Published)
	}
	return append(out, batch{table: "occupation_map", rec: o.NewRecordBatch()}), nil
}

func appendNullable(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
		return
	}
	b.Append(s)
}

func appendValue(v *array.Float64Builder, s *array.StringBuilder, value float64, status string) {
	if status != "" || math.IsNaN(value) {
		v.AppendNull()
		if status == "" {
			status = cube.StatusMissing
		}
		s.Append(status)
		return
	}
	v.Append(value)
	s.AppendNull()
}

// rmiMeasures are the typed RMI tables' measure columns, in order.
var rmiMeasures = map[string][]string{
	scb.KindE3: {scb.MeasureA, scb.MeasureB, scb.MeasureC, scb.MeasureD, scb.MeasureE,
		scb.MeasureForvarvsgrad, scb.MeasureMatchadForvarvsgrad, scb.MeasureSkillnad},
	scb.KindU2: {scb.MeasureBorOchArbetar, scb.MeasureInpendlare, scb.MeasureUtpendlare,
		scb.MeasureDagbefolkning, scb.MeasureNattbefolkning},
	scb.KindM2: {scb.MeasureMatchningsgrad},
	scb.KindU1a: {scb.MeasureForvarvsarbetande, scb.MeasureStuderandeForvarvsarbetande, scb.MeasureAnstallda,
		scb.MeasureEgenforetagare, scb.MeasureInskrivnaArbetslosa, scb.MeasureInteIArbetskraften, scb.MeasureStuderande,
		scb.MeasureOvriga, scb.MeasureTotalt},
	scb.KindU1b: {scb.MeasureIArbetskraften, scb.MeasureInteIArbetskraften, scb.MeasureTotalt},
	scb.KindU3: {scb.MeasureBefolkningAr1, scb.MeasureBefolkningAr2, scb.MeasureNettoforandring, scb.MeasureAldersintraden,
		scb.MeasureAldersutraden, scb.MeasureInflyttare, scb.MeasureUtflyttare, scb.MeasureExaminerade, scb.MeasureVidareutbildade},
	scb.KindE2B: {scb.MeasureNyaForvarvsarbetande, scb.MeasureJobbytare, scb.MeasureJobbinflode,
		scb.MeasureAndelNyaForvarvsarbetande, scb.MeasureAndelJobbytare, scb.MeasureAndelJobbinflode},
}

// rmiKeyFields are the key columns every typed RMI table starts with.
var rmiKeyFields = []arrow.Field{
	{Name: "table_id", Type: arrow.BinaryTypes.String},
	{Name: "region", Type: arrow.BinaryTypes.String},
	{Name: "breakdown", Type: arrow.BinaryTypes.String},
	{Name: "breakdown_label", Type: arrow.BinaryTypes.String},
	{Name: "period", Type: arrow.BinaryTypes.String},
}

// e4Schema is scb_rmi_e4's, source aside.
var e4Schema = arrow.NewSchema(append(slices.Clone(rmiKeyFields), []arrow.Field{
	{Name: "field_match", Type: arrow.BinaryTypes.String},
	{Name: "level_match", Type: arrow.BinaryTypes.String},
	{Name: "n", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "status", Type: arrow.BinaryTypes.String, Nullable: true},
}...), nil)

// e4Batch turns an RMI E4 table's counts into scb_rmi_e4 rows, as
// published.
func e4Batch(t *cube.Table, cells []scb.MatchCell, mem memory.Allocator) batch {
	b := array.NewRecordBuilder(mem, e4Schema)
	defer b.Release()
	var missing int
	for _, c := range cells {
		region, breakdown, label := splitRegion(c.Key)
		b.Field(0).(*array.StringBuilder).Append(c.Table)
		b.Field(1).(*array.StringBuilder).Append(region)
		b.Field(2).(*array.StringBuilder).Append(breakdown)
		b.Field(3).(*array.StringBuilder).Append(label)
		b.Field(4).(*array.StringBuilder).Append(c.Year)
		b.Field(5).(*array.StringBuilder).Append(c.Field)
		b.Field(6).(*array.StringBuilder).Append(c.Level)
		appendValue(b.Field(7).(*array.Float64Builder), b.Field(8).(*array.StringBuilder), c.N, c.Status)
		if c.Status != "" {
			missing++
		}
	}
	check := fmt.Sprintf("SCB RMI E4: %d counts by field and level match, %d without a number", len(cells), missing)
	return batch{table: "scb_rmi_e4", tableID: t.ID, updated: t.Updated, rec: b.NewRecordBatch(), checks: []string{check}}
}

// splitRegion takes the region out of an RMI key (the first dimension
// named Region or region-something) and joins the rest: codes as
// "Dimension=code" by commas, labels by ", ".
func splitRegion(key []scb.Coded) (region, breakdown, label string) {
	var codes, labels []string
	for _, k := range key {
		if region == "" && (k.Dimension == "Region" || strings.HasPrefix(strings.ToLower(k.Dimension), "region")) {
			region = k.Code
			continue
		}
		codes = append(codes, k.Dimension+"="+k.Code)
		labels = append(labels, k.Label)
	}
	return region, strings.Join(codes, ","), strings.Join(labels, ", ")
}

// rmiBatch turns an RMI table's cells into the rows of its typed table
// (scb_rmi_e3, _u2, _m2, _u1a, _u1b, _u3 or _e2b), SCB's numbers as
// published, and recomputes SCB's rates and totals from SCB's counts: a
// difference is reported, not corrected.
func rmiBatch(t *cube.Table, kind string, cells []scb.RMICell, mem memory.Allocator) batch {
	fields := slices.Clone(rmiKeyFields)
	for _, m := range rmiMeasures[kind] {
		fields = append(fields, arrow.Field{Name: m, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	fields = append(fields, arrow.Field{Name: "status", Type: arrow.BinaryTypes.String, Nullable: true})
	b := array.NewRecordBuilder(mem, arrow.NewSchema(fields, nil))
	defer b.Release()
	for _, c := range cells {
		region, breakdown, label := splitRegion(c.Key)
		b.Field(0).(*array.StringBuilder).Append(c.Table)
		b.Field(1).(*array.StringBuilder).Append(region)
		b.Field(2).(*array.StringBuilder).Append(breakdown)
		b.Field(3).(*array.StringBuilder).Append(label)
		b.Field(4).(*array.StringBuilder).Append(c.Year)
		var status []string
		for i, m := range rmiMeasures[kind] {
			fb := b.Field(5 + i).(*array.Float64Builder)
			if v, ok := c.Value[m]; ok {
				fb.Append(v)
				continue
			}
			fb.AppendNull()
			if s, ok := c.Status[m]; ok {
				status = append(status, m+"="+s)
			}
		}
		appendNullable(b.Field(5+len(rmiMeasures[kind])).(*array.StringBuilder), strings.Join(status, ";"))
	}
	checked, diffs := scb.CheckRMI(cells)
	check := fmt.Sprintf("SCB RMI %s: %d published rates and totals recomputed from SCB's counts, %d differ", kind, checked, len(diffs))
	switch kind {
	case scb.KindU1a, scb.KindU1b, scb.KindU3, scb.KindE2B:
		check = fmt.Sprintf("SCB RMI %s: %d published totals checked against their parts, %d differ", kind, checked, len(diffs))
	case scb.KindM2:
		check = fmt.Sprintf("SCB RMI M2: %d rates as published (M2 has no counts to recompute them from)", len(cells))
	}
	checks := []string{check}
	for i, d := range diffs {
		if i == 5 {
			checks = append(checks, fmt.Sprintf("  ... and %d more", len(diffs)-5))
			break
		}
		checks = append(checks, "  "+d.String())
	}
	return batch{table: "scb_rmi_" + strings.ToLower(kind), tableID: t.ID, updated: t.Updated, rec: b.NewRecordBatch(), checks: checks}
}

// ageSchema is scb_employment_age's, source aside.
var ageSchema = arrow.NewSchema([]arrow.Field{
	{Name: "table_id", Type: arrow.BinaryTypes.String},
	{Name: "region", Type: arrow.BinaryTypes.String},
	{Name: "ssyk", Type: arrow.BinaryTypes.String},
	{Name: "age_band", Type: arrow.BinaryTypes.String},
	{Name: "sex", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "year", Type: arrow.PrimitiveTypes.Int16},
	{Name: "n", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "status", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// ageBatch turns a table of employees by age band into
// scb_employment_age rows.
func ageBatch(t *cube.Table, rows []scb.AgeEmployment, mem memory.Allocator) batch {
	b := array.NewRecordBuilder(mem, ageSchema)
	defer b.Release()
	var missing int
	for _, r := range rows {
		b.Field(0).(*array.StringBuilder).Append(r.Table)
		b.Field(1).(*array.StringBuilder).Append(r.Region)
		b.Field(2).(*array.StringBuilder).Append(r.SSYK)
		b.Field(3).(*array.StringBuilder).Append(r.Age)
		appendNullable(b.Field(4).(*array.StringBuilder), r.Sex)
		b.Field(5).(*array.Int16Builder).Append(int16(r.Year))
		appendValue(b.Field(6).(*array.Float64Builder), b.Field(7).(*array.StringBuilder), r.N, r.Status)
		if r.Status != "" {
			missing++
		}
	}
	check := fmt.Sprintf("SCB employees by age band: %d counts by region, occupation, age band, sex and year, %d without a number", len(rows), missing)
	return batch{table: "scb_employment_age", tableID: t.ID, updated: t.Updated, rec: b.NewRecordBatch(), checks: []string{check}}
}
