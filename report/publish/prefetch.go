package publish

import "lmi/report"

// prefetch reads rows in a goroutine of its own, a batch ahead, so that
// reading and merging the CSV and writing the sheet use two cores. Stop
// must be called when the reader stops early.
type prefetch struct {
	batches chan *batch
	free    chan *batch
	stop    chan struct{}
	exited  chan struct{}
	cur     *batch
	i       int
	err     error
}

type batch struct {
	rows [][]report.Cell
	n    int
	err  error
	last bool
}

const batchRows = 2048

func newPrefetch(rows report.Rows, ncol int) *prefetch {
	p := &prefetch{batches: make(chan *batch, 2), free: make(chan *batch, 3), stop: make(chan struct{}), exited: make(chan struct{})}
	for range 3 {
		b := &batch{rows: make([][]report.Cell, batchRows)}
		for i := range b.rows {
			b.rows[i] = make([]report.Cell, ncol)
		}
		p.free <- b
	}
	go p.run(rows)
	return p
}

func (p *prefetch) run(rows report.Rows) {
	defer close(p.exited)
	for {
		var b *batch
		select {
		case b = <-p.free:
		case <-p.stop:
			return
		}
		b.n, b.last = 0, false
		for b.n < batchRows && rows.Next(b.rows[b.n]) {
			b.n++
		}
		if b.n < batchRows {
			b.err, b.last = rows.Err(), true
		}
		select {
		case p.batches <- b:
		case <-p.stop:
			return
		}
		if b.last {
			return
		}
	}
}

func (p *prefetch) Next(row []report.Cell) bool {
	for p.cur == nil || p.i >= p.cur.n {
		if p.cur != nil {
			if p.cur.last {
				p.err = p.cur.err
				return false
			}
			p.free <- p.cur
		}
		p.cur, p.i = <-p.batches, 0
	}
	copy(row, p.cur.rows[p.i])
	p.i++
	return true
}

func (p *prefetch) Err() error { return p.err }

// Stop ends the goroutine and waits for it; safe to call more than once,
// and after the end.
func (p *prefetch) Stop() {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	<-p.exited
}
