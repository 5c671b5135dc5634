package af

import "slices"

// adCells is one output table of the ad reader: vacancies by month,
// region and SSYK. A reading can make a new cell for nearly every ad (2
// KB ads spread over all kommuner), so the cells are keyed by one
// integer: packCell packs the month and the codes so that the keys sort
// as the strings do, which spares hashing three strings an ad and
// comparing them in the final sort. Values that do not pack (codes of a
// hand-made Taxonomy) keep string keys; reference mode keeps them all
// there, as before.
type adCells struct {
	packed map[uint64]float64
	other  map[adCell]float64
}

type adCell struct{ month, region, ssyk string }

func newAdCells() adCells {
	return adCells{packed: map[uint64]float64{}, other: map[adCell]float64{}}
}

func (c *adCells) add(month, region, ssyk string, w float64, pack bool) {
	if pack {
		if k, ok := packCell(month, region, ssyk); ok {
			c.packed[k] += w
			return
		}
	}
	c.other[adCell{month, region, ssyk}] += w
}

// counts returns the cells sorted by period, region and SSYK (nil when
// there are none).
func (c *adCells) counts() []Count {
	if len(c.packed)+len(c.other) == 0 {
		return nil
	}
	out := make([]Count, 0, len(c.packed)+len(c.other))
	var u unpacker
	if len(c.other) == 0 {
		keys := make([]uint64, 0, len(c.packed))
		for k := range c.packed {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, u.count(k, c.packed[k]))
		}
		return out
	}
	for k, n := range c.packed {
		out = append(out, u.count(k, n))
	}
	for k, n := range c.other {
		out = append(out, Count{Period: k.month, Region: k.region, SSYK: k.ssyk, N: n, Category: CategoryAds})
	}
	sortCounts(out)
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

func (u *unpacker) count(k uint64, n float64) Count {
	if m := k >> 32; m != u.lastMonth || u.month == "" {
		u.lastMonth, u.month = m, u.monthText(m)
	}
	if r := k >> 16 & 0xFFFF; r != u.lastReg || u.region == "" {
		u.lastReg, u.region = r, u.code(r)
	}
	return Count{Period: u.month, Region: u.region, SSYK: u.code(k & 0xFFFF), N: n, Category: CategoryAds}
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
