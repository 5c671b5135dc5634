package forecast

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"

	"lmi/forecast/ts/panel"
)

// yregBreaks are the years SCB's occupational register (YREG) changed
// how it measures employment: 2019, monthly employer declarations (AGI),
// and 2020, BAS. A forecast on published YREG employment declares them
// unless Params.Breaks says otherwise.
var yregBreaks = []int{2019, 2020}

// breaksOf are the break years a forecast takes out of its employment
// series: Params.Breaks when given (empty for none), else SCB's known
// YREG breaks when the employment is SCB's published YREG tables.
func breaksOf(ctx context.Context, conn *sql.Conn, p Params, published bool) ([]int, error) {
	if p.Breaks != nil {
		return slices.Clone(p.Breaks), nil
	}
	if !published {
		return nil, nil
	}
	var yreg bool
	err := conn.QueryRowContext(ctx, "SELECT count(*) > 0 FROM scb_employment WHERE upper(table_id) LIKE 'YREG%'").Scan(&yreg)
	if err != nil {
		return nil, fmt.Errorf("employment tables: %w", err)
	}
	if yreg {
		return slices.Clone(yregBreaks), nil
	}
	return nil, nil
}

// adjustBreaks takes the level shifts of the break years out of the
// employment series before the models see them (panel.Adjust: each
// series' shift at a break, on the log scale, shrunk towards its
// occupation's national shift; the history before the break moved by it),
// so that a break is not read as a trend. The last year, on the latest
// measurement, is unchanged. The shifts are estimated from the years up
// to the origin; the backtests run on the adjusted history, so their
// origins before a break see its size as estimated then.
func (in *inputs) adjustBreaks(breaks []int) error {
	var labels []string
	for _, b := range breaks {
		if b > in.years[0] && b <= in.origin {
			labels = append(labels, strconv.Itoa(b))
		}
	}
	in.breaks = nil
	if len(labels) == 0 {
		return nil
	}
	cells := in.cells()
	times := make([]string, len(in.years))
	for i, y := range in.years {
		times[i] = strconv.Itoa(y)
	}
	keys := make([]panel.Key, len(cells))
	values := make([][]float64, len(cells))
	for i, c := range cells {
		keys[i] = panel.Key{Region: strconv.Itoa(int(c.region)), Occupation: c.ssyk4}
		values[i] = in.employed[c]
	}
	p, err := panel.New(1, times, keys, values)
	if err != nil {
		return fmt.Errorf("break years: %w", err)
	}
	if err := p.SetBreaks(labels...); err != nil {
		return fmt.Errorf("break years: %w", err)
	}
	a := panel.Adjust(p, func(k panel.Key) string { return k.Occupation })
	for i, c := range cells {
		for t, x := range a.X[i] {
			in.employed[c][t] = math.Max(math.Expm1(x), 0)
		}
	}
	in.totals = map[int32][]float64{}
	for c, v := range in.employed {
		t := in.totals[c.region]
		if t == nil {
			t = make([]float64, len(in.years))
			in.totals[c.region] = t
		}
		for y, x := range v {
			t[y] += x
		}
	}
	for _, l := range labels {
		y, _ := strconv.Atoi(l)
		in.breaks = append(in.breaks, y)
	}
	return nil
}
