package report

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// OutputHeaders are the Swedish headers of the columns of lmi's output
// tables beyond the long tables' (LongHeaders): the forecast's, the
// shortage list's and the model choices'.
var OutputHeaders = map[string]string{
	"label": "Indikator (namn)", "unit": "Enhet", "suppressed": "Skyddad",
	"edu_group_name": "Utbildningsgrupp (namn)", "ssyk4_name": "Yrke (namn)", "sni_name": "Näringsgren (namn)",
	"work_region_name": "Arbetsregion (namn)",
	"ssyk_level":       "SSYK-nivå", "ssyk": "Yrke (SSYK)", "occupation": "Yrke", "origin_year": "Basår", "year": "År",
	"h": "År framåt", "employed": "Sysselsatta basåret", "employment": "Sysselsatta (prognos)",
	"employment_lower": "Sysselsatta, nedre gräns", "employment_upper": "Sysselsatta, övre gräns",
	"expansion": "Expansionsbehov", "replacement": "Ersättningsbehov", "openings": "Rekryteringsbehov",
	"entrants": "Nytillträdande", "jobseekers": "Arbetssökande", "supply": "Tillgång", "balance": "Balans",
	"p_shortage": "Sannolikhet för brist", "class": "Klass", "model": "Modell", "reason": "Varför modellen",
	"rank": "Rang", "light": "Trafikljus", "weights": "Vikter", "origins": "Startår i testet",
}

// Header is the Swedish header of one of lmi's output columns, or the key.
func Header(key string) string {
	if h, ok := LongHeaders[key]; ok {
		return h
	}
	if h, ok := OutputHeaders[key]; ok {
		return h
	}
	return key
}

// numbers are the columns a suppressed row leaves without numbers.
var numbers = map[string]bool{"value": true, "numerator": true, "denominator": true, "n": true}

// QueryTable runs query on db and returns its rows as a Table, for the
// CSV dialects and workbooks: text columns as text, integers as counts,
// other numbers as decimals in full precision, Swedish headers. Where the
// rows have a boolean "suppressed" column, a suppressed row's value,
// numerator, denominator and n are Suppressed cells (".."). Close the
// returned rows when done.
func QueryTable(ctx context.Context, db DB, name, query string) (*Table, *sql.Rows, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		rows.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	q := &queryRows{rows: rows, sup: -1, vals: make([]any, len(types))}
	t := &Table{Name: name, Rows: q}
	for i, ct := range types {
		kind := sqlKind(ct.DatabaseTypeName())
		t.Columns = append(t.Columns, Column{Key: ct.Name(), Header: Header(ct.Name()), Kind: kind})
		q.kinds = append(q.kinds, kind)
		q.hide = append(q.hide, numbers[ct.Name()])
		if ct.Name() == "suppressed" {
			q.sup = i
		}
		q.vals[i] = new(any)
	}
	return t, rows, nil
}

// sqlKind is the Kind of a DuckDB column type.
func sqlKind(t string) Kind {
	switch strings.ToUpper(t) {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT":
		return KindCount
	case "FLOAT", "DOUBLE", "REAL":
		return KindDecimal
	}
	if strings.HasPrefix(strings.ToUpper(t), "DECIMAL") {
		return KindDecimal
	}
	return KindText
}

// queryRows streams a query's rows as cells.
type queryRows struct {
	rows  *sql.Rows
	kinds []Kind
	hide  []bool // numbers a suppressed row withholds
	sup   int    // the suppressed column, or -1
	vals  []any
	err   error
}

func (q *queryRows) Next(row []Cell) bool {
	if !q.rows.Next() {
		q.err = q.rows.Err()
		return false
	}
	if err := q.rows.Scan(q.vals...); err != nil {
		q.err = err
		return false
	}
	suppressed := q.sup >= 0 && *(q.vals[q.sup].(*any)) == true
	for i, v := range q.vals {
		row[i] = cellOf(*(v.(*any)), q.kinds[i])
		if suppressed && q.hide[i] {
			row[i] = Mark(Suppressed)
		}
	}
	return true
}

func (q *queryRows) Err() error { return q.err }

// cellOf turns a scanned value into a cell of kind k.
func cellOf(v any, k Kind) Cell {
	switch x := v.(type) {
	case nil:
		return Cell{}
	case float64:
		return Num(x)
	case float32:
		return Num(float64(x))
	case int64:
		return Num(float64(x))
	case int32:
		return Num(float64(x))
	case int16:
		return Num(float64(x))
	case int8:
		return Num(float64(x))
	case bool:
		if x {
			return Str("true")
		}
		return Str("false")
	case string:
		return Str(x)
	case []byte:
		return Str(string(x))
	}
	if k.Numeric() {
		return Cell{}
	}
	return Str(fmt.Sprint(v))
}
