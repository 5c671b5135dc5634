package canonical

import (
	"math"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/codes"
	"lmi/ingest"
)

// codeSet is the closed code list of a code column. Checking a value and
// finding its dictionary index is one map lookup, and the column's Arrow
// dictionary is the whole list, built once and shared by every batch of
// every reader, so no batch hashes its values a second time to build a
// dictionary of its own.
type codeSet struct {
	codes []string
	index map[string]int16
	// dict holds codes as an Arrow string array. Its one reference is
	// never released: batches retain and release it in pairs, and the
	// atomic reference count makes that safe across goroutines.
	dict arrow.Array
}

func newCodeSet(list []string) *codeSet {
	if len(list) > math.MaxInt16+1 {
		panic("canonical: code list too long for int16 dictionary indices") // a build defect
	}
	s := &codeSet{codes: list, index: make(map[string]int16, len(list))}
	for i, c := range list {
		if _, dup := s.index[c]; dup {
			panic("canonical: duplicate code " + c) // a build defect
		}
		s.index[c] = int16(i)
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.AppendValues(list, nil)
	s.dict = b.NewArray()
	b.Release()
	return s
}

// lookup returns v's index in the list.
func (s *codeSet) lookup(v string) (int16, bool) {
	i, ok := s.index[v]
	return i, ok
}

// The code lists, built on first use. Each holds exactly the values its
// lmi/codes check accepts (TestCodeSetsMatchCodes), in the order of the
// store's ENUM type of the same name.
var (
	kommunSet = sync.OnceValue(func() *codeSet { return newCodeSet(kommunCodes()) })
	// regionSet: a flow table's region is a län (2 digits) or a kommun (4).
	regionSet = sync.OnceValue(func() *codeSet {
		return newCodeSet(append(entryCodes(codes.Lan()), kommunCodes()...))
	})
	statusSet      = sync.OnceValue(func() *codeSet { return newCodeSet(ingest.Statuses) })
	ssyk4Set       = sync.OnceValue(func() *codeSet { return newCodeSet(entryCodes(codes.SSYK(4))) })
	sniSet         = sync.OnceValue(func() *codeSet { return newCodeSet(entryCodes(codes.SNI(2))) })
	eduGroupSet    = sync.OnceValue(func() *codeSet { return newCodeSet(entryCodes(codes.EduGroups())) })
	sunLevelSet    = sync.OnceValue(func() *codeSet { return newCodeSet(entryCodes(codes.SUNLevel(0))) })
	sunFieldSet    = sync.OnceValue(func() *codeSet { return newCodeSet(entryCodes(codes.SUNField(0))) })
	sexSet         = sync.OnceValue(func() *codeSet { return newCodeSet([]string{"1", "2"}) })
	birthRegionSet = sync.OnceValue(func() *codeSet { return newCodeSet(entryCodes(codes.BirthRegions(2))) })
)

func kommunCodes() []string {
	ks := codes.Kommuner()
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Code
	}
	return out
}

func entryCodes(es []codes.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Code
	}
	return out
}

// eduGroupOf is codes.EduGroupOf for a row whose SUN codes have passed
// validation: the group of SUN level sunLevel and SUN field sunField, with
// its dictionary index. The group string is the code list's own, so
// deriving it allocates nothing.
func eduGroupOf(set *codeSet, sunLevel, sunField string) (string, int16, bool) {
	if sunLevel == "" || len(sunField) < 2 {
		return "", 0, false
	}
	key := [4]byte{sunLevel[0], '-', sunField[0], sunField[1]}
	i, ok := set.index[string(key[:])]
	if !ok {
		return "", 0, false
	}
	return set.codes[i], i, true
}
