package indicators

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// choice is the source a family's cells are built from, or nil with why
// none can be.
type choice struct {
	src *source
	why string
}

// source chooses the first of the family's sources whose data the store
// holds (Params.Source names one to use instead), once per computation.
func (c *computation) source(ctx context.Context, f *family) (choice, error) {
	if ch, ok := c.chosen[f.name]; ok {
		return ch, nil
	}
	var lacking []string
	var names []string
	for i := range f.sources {
		src := &f.sources[i]
		names = append(names, src.name)
		if c.p.Source != "" && c.p.Source != src.name {
			continue
		}
		ok, err := c.s.available(ctx, *src)
		if err != nil {
			return choice{}, fmt.Errorf("source %s: %w", src.name, err)
		}
		if ok {
			c.chosen[f.name] = choice{src: src}
			return c.chosen[f.name], nil
		}
		lacking = append(lacking, src.describe())
	}
	why := "no input: it is computed from " + strings.Join(lacking, ", or from ") + ", and the database holds none"
	if len(lacking) == 0 {
		why = fmt.Sprintf("no source %q (it has %s)", c.p.Source, strings.Join(names, ", "))
	}
	c.chosen[f.name] = choice{why: why}
	return c.chosen[f.name], nil
}

// noCells says why f, which takes its cells from owner, has none when
// owner's come from src: the sources that would build them.
func noCells(f, owner *family, src source) string {
	var from []string
	for _, s := range owner.sources {
		if f.builtBy(s) {
			from = append(from, s.describe())
		}
	}
	return fmt.Sprintf("no input: %s computes from %s, which has no cells for %s; they come from %s",
		owner.name, src.describe(), f.name, strings.Join(from, " or "))
}

// describe says what a source reads, for a message saying it is missing.
func (s source) describe() string {
	if s.what != "" {
		return s.what
	}
	r := s.reads
	if len(r) == 1 {
		return "lmi's table " + r[0]
	}
	return "lmi's tables " + strings.Join(r[:len(r)-1], ", ") + " and " + r[len(r)-1]
}

// available reports whether the store holds the source's data: its
// condition, or else a row in one of the tables it reads.
func (s *Session) available(ctx context.Context, src source) (bool, error) {
	cond := src.available
	if cond == "" {
		var exists []string
		for _, t := range src.reads {
			exists = append(exists, "EXISTS (SELECT 1 FROM "+t+")")
		}
		cond = strings.Join(exists, " OR ")
	}
	var ok bool
	err := s.conn.QueryRowContext(ctx, "SELECT "+cond).Scan(&ok)
	return ok, err
}

// requested reports whether the user named one of these indicators (or
// brought one of their own), rather than asking for every indicator.
func (c *computation) requested(inds []*Indicator) bool {
	for _, ind := range inds {
		if ind.Own || slices.Contains(c.p.Indicators, ind.Name) {
			return true
		}
	}
	return false
}
