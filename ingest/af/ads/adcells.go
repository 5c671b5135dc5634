package ads

import (
	"lmi/ingest/af"
)

// adCells is one output table of the ad reader: vacancies by month,
// region and SSYK. A reading can make a new cell for nearly every ad (2
// KB ads spread over all kommuner), so the cells are keyed by one
// integer: packCell packs the month and the codes so that the keys sort
// as the strings do. Values that do not pack (codes of a hand-made
// Taxonomy) keep string keys; reference mode keeps them all there, as
// before.
//
// Packed cells are not looked up ad by ad: in a hash table of tens of
// thousands of cells nearly every lookup missed the cache (the text
// scanned between two ads pushes the table out), which made the table
// nearly a fifth of the reading. Each ad's key and weight are appended to
// a log instead; when the log is full it is sorted (a radix sort, stable)
// and merged into the sorted cells, which sums each cell's weights in the
// order the ads came, as the map did. The log holds minCellLog entries, or
// half as many as there are cells when that is more, so its memory is
// bounded by the cells' and each ad pays a bounded share of the merges.
type adCells struct {
	log    []cellSlot // cells of the ads since the last merge, in order
	sorted []cellSlot // the merged cells by key, each once
	spare  []cellSlot // the buffer the next merge writes into
	tmp    []cellSlot // the radix sort's other buffer
	other  map[adCell]float64
}

type adCell struct{ month, region, ssyk string }

// cellSlot is one packed cell and its sum.
type cellSlot struct {
	key uint64
	n   float64
}

// minCellLog is the log's smallest size before merging (128 KB): larger
// logs were no faster and held more memory.
const minCellLog = 1 << 13

func newAdCells() adCells {
	return adCells{other: map[adCell]float64{}}
}

func (c *adCells) add(month, region, ssyk string, w float64, pack bool) {
	if pack {
		if k, ok := packCell(month, region, ssyk); ok {
			c.addPacked(k, w)
			return
		}
	}
	c.other[adCell{month, region, ssyk}] += w
}

func (c *adCells) addPacked(k uint64, w float64) {
	// The log grows as a slice does up to its size, so that a small input
	// allocates little.
	if len(c.log) == cap(c.log) && len(c.log) >= max(minCellLog, len(c.sorted)/2) {
		c.merge()
	}
	c.log = append(c.log, cellSlot{k, w})
}

// merge sorts the log into the sorted cells and empties it.
func (c *adCells) merge() {
	if len(c.log) == 0 {
		return
	}
	run := radixSortCells(c.log, &c.tmp)
	old := c.sorted
	out := c.spare[:0]
	if cap(out) < len(old)+len(run) {
		out = make([]cellSlot, 0, len(old)+len(run))
	}
	i := 0
	for j := 0; j < len(run); {
		k := run[j].key
		for i < len(old) && old[i].key < k {
			out = append(out, old[i])
			i++
		}
		var n float64
		if i < len(old) && old[i].key == k {
			n = old[i].n
			i++
		}
		for ; j < len(run) && run[j].key == k; j++ {
			n += run[j].n
		}
		out = append(out, cellSlot{k, n})
	}
	out = append(out, old[i:]...)
	c.sorted, c.spare = out, old
	c.log = c.log[:0]
}

// radixSortCells sorts cells by key, stably, a byte of the 56-bit packed
// key a pass, skipping the bytes all keys share (the century, the SSYK of
// the kommun table); it returns cells or *tmp, whichever holds the result.
func radixSortCells(cells []cellSlot, tmp *[]cellSlot) []cellSlot {
	if len(cells) < 2 {
		return cells
	}
	if cap(*tmp) < len(cells) {
		*tmp = make([]cellSlot, len(cells))
	}
	src, dst := cells, (*tmp)[:len(cells)]
	var count [7][256]int
	for _, s := range src {
		for d := range count {
			count[d][byte(s.key>>(8*d))]++
		}
	}
	for d := range count {
		c := &count[d]
		if c[byte(src[0].key>>(8*d))] == len(src) {
			continue
		}
		sum := 0
		for b, n := range c {
			c[b] = sum
			sum += n
		}
		for _, s := range src {
			b := byte(s.key >> (8 * d))
			dst[c[b]] = s
			c[b]++
		}
		src, dst = dst, src
	}
	return src
}

// counts returns the cells sorted by period, region and SSYK (nil when
// there are none).
func (c *adCells) counts() []af.Count {
	c.merge()
	if len(c.sorted)+len(c.other) == 0 {
		return nil
	}
	out := make([]af.Count, 0, len(c.sorted)+len(c.other))
	var u unpacker
	for _, s := range c.sorted {
		out = append(out, u.count(s.key, s.n))
	}
	if len(c.other) == 0 {
		return out
	}
	for k, n := range c.other {
		out = append(out, af.Count{Period: k.month, Region: k.region, SSYK: k.ssyk, N: n, Category: CategoryAds})
	}
	af.SortCounts(out)
	return out
}

// packCell packs a month "YYYY-MM" (24 bits) and two codes of at most
// four digits (16 bits each) into a key whose order is that of the
// strings; ok is false when a value does not fit.
func packCell(month, region, ssyk string) (uint64, bool) {
	m, ok1 := packMonth(month)
	r, ok2 := packCode(region)
	s, ok3 := packCode(ssyk)
	return m<<32 | r<<16 | s, ok1 && ok2 && ok3
}

// packMonth packs the six digits of "YYYY-MM" a nibble each.
func packMonth(s string) (uint64, bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, false
	}
	var v uint64
	for i := 0; i < 7; i++ {
		if i == 4 {
			continue
		}
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		v = v<<4 | uint64(c)
	}
	return v, true
}

// packCode packs a code of at most four digits a nibble each, digit+1
// from the top and 0 after the end, so that a shorter code sorts before
// the longer ones it begins ("" < "01" < "0114" < "02").
func packCode(s string) (uint64, bool) {
	if len(s) > 4 {
		return 0, false
	}
	var v uint64
	for i := 0; i < 4; i++ {
		v <<= 4
		if i < len(s) {
			c := s[i] - '0'
			if c > 9 {
				return 0, false
			}
			v |= uint64(c) + 1
		}
	}
	return v, true
}

// unpacker turns packed keys back into strings, each distinct value made
// once. Keys come sorted, so the month and the region are mostly those of
// the row before.
type unpacker struct {
	names              map[uint64]string // 1<<32|month, or a code
	lastMonth, lastReg uint64
	month, region      string
}

func (u *unpacker) count(k uint64, n float64) af.Count {
	if m := k >> 32; m != u.lastMonth || u.month == "" {
		u.lastMonth, u.month = m, u.monthText(m)
	}
	if r := k >> 16 & 0xFFFF; r != u.lastReg || u.region == "" {
		u.lastReg, u.region = r, u.code(r)
	}
	return af.Count{Period: u.month, Region: u.region, SSYK: u.code(k & 0xFFFF), N: n, Category: CategoryAds}
}

func (u *unpacker) monthText(v uint64) string {
	var b [7]byte
	for i := 6; i >= 0; i-- {
		if i == 4 {
			b[i] = '-'
			continue
		}
		b[i] = '0' + byte(v&0xF)
		v >>= 4
	}
	return string(b[:])
}

func (u *unpacker) code(v uint64) string {
	if v == 0 {
		return ""
	}
	if s, ok := u.names[v]; ok {
		return s
	}
	var b [4]byte
	n := 0
	for i := 3; i >= 0; i-- {
		if d := v >> (4 * i) & 0xF; d != 0 {
			b[n] = '0' + byte(d-1)
			n++
		}
	}
	if u.names == nil {
		u.names = map[uint64]string{}
	}
	s := string(b[:n])
	u.names[v] = s
	return s
}
