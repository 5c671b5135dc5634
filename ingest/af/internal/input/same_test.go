package input_test

import (
	"math"
	"testing"

	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/input"
)

func TestSplitCSVSameAsEncodingCSV(t *testing.T) {
	for name, in := range aftest.AFInputs(t) {
		for v, b := range aftest.Variants(in) {
			for _, comma := range []rune{',', ';', '\t'} {
				t.Run(name+"/"+v, func(t *testing.T) { aftest.SameTable(t, b, comma) })
			}
		}
	}
	for _, s := range []string{"a", "a\n", "\n\na;b\n\n", "a;b\r\n\r\nc\r", "a;b\r\r\nc\rd\n", "a;;\n;\n", "a\r", "\r\n", "a;b\rc", " ; \n\t\n",
		`"a";"b;c"`, `"a";` + "\n", `""`, `"""`, `"a"b;c`, `a"b;c`, `"a;b`, "\"a\nb\";c\n", "\"a\"\r", "\"a\"\r\r\n", `x;"y""z"`, `"a","b",`, ` "a";b`} {
		aftest.SameTable(t, []byte(s), ';')
		aftest.SameTable(t, []byte(s), ',')
	}
}

func FuzzSplitCSV(f *testing.F) {
	f.Add([]byte("a;b\r\n\r\nc\r"), uint8(0))
	f.Add([]byte("Län,SSYK\n01,2512\n\n"), uint8(1))
	f.Add([]byte("x\ty\n1\t2"), uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, c uint8) {
		aftest.SameTable(t, in, []rune{';', ',', '\t'}[int(c)%3])
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1", "-0", "1,5", "5.", ".5", "-", "123456789012345", "1234567890123456", "0,000000000000001", " 1 234,5", "1e5", "007", "-12,25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := input.ParseNumber(s)
		w, wok := aftest.RefParseNumber(s)
		if ok != wok || math.Float64bits(v) != math.Float64bits(w) {
			t.Fatalf("%q: %v %v, reference %v %v", s, v, ok, w, wok)
		}
	})
}
