package report

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	const nb, minus = "\u00a0", "\u2212"
	tests := []struct {
		v    float64
		dec  int
		f    NumberFormat
		want string
	}{
		{0.125, 2, Machine, "0.13"}, // half away from zero on the decimal 0.125
		{2.45, 1, SwedishPlain, "2,5"},
		{2.449, 1, SwedishPlain, "2,4"},
		{-2.5, 0, Machine, "-3"},
		{0.35, 1, Machine, "0.4"}, // 0.35 is 0.34999... in binary; shown as 0.35, rounded up
		{61.04999, 1, Machine, "61.0"},
		{1234567.891, 1, Swedish, "1" + nb + "234" + nb + "567,9"},
		{999.95, 1, Swedish, "1" + nb + "000,0"},
		{999999.5, 0, Swedish, "1" + nb + "000" + nb + "000"},
		{-1234.5, 1, Swedish, minus + "1" + nb + "234,5"},
		{1000, 0, Swedish, "1" + nb + "000"},
		{999, 0, Swedish, "999"},
		{123456, 0, Swedish, "123" + nb + "456"},
		{-0.04, 1, Swedish, "0,0"}, // rounds to zero: no minus
		{-0.05, 1, Swedish, minus + "0,1"},
		{3, 2, Machine, "3.00"},
		{0.000123, 3, Machine, "0.000"},
		{0.0005, 3, Machine, "0.001"},
		{1e21, 0, Machine, "1000000000000000000000"},
		{9.995, 2, Machine, "10.00"}, // 9.995 is shown so; rounds up with the carry
		{12.3, -1, Machine, "12"},
		{math.NaN(), 1, Machine, ""},
		{math.Inf(-1), 1, Machine, ""},
	}
	for _, tt := range tests {
		if got := tt.f.Number(tt.v, tt.dec); got != tt.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tt.v, tt.dec, got, tt.want)
		}
	}
}

func TestFull(t *testing.T) {
	tests := []struct {
		v    float64
		f    NumberFormat
		want string
	}{
		{25.806451612903224, Machine, "25.806451612903224"},
		{25.806451612903224, SwedishPlain, "25,806451612903224"},
		{3469, Machine, "3469"},
		{1234567.5, Swedish, "1234567,5"}, // Full never groups thousands
		{-0.25, Swedish, "\u22120,25"},
		{math.NaN(), Machine, ""},
	}
	for _, tt := range tests {
		if got := tt.f.Full(tt.v); got != tt.want {
			t.Errorf("Full(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestCellByKind(t *testing.T) {
	value := Column{Key: "value", Kind: KindPercent}
	tests := []struct {
		c    Cell
		col  Column
		want string
	}{
		{Num(61.25), value, "61,3"},
		{NumOf(3469, KindCount), value, "3469"},           // the cell's kind wins
		{NumOf(0.023815, KindShare), value, "0,024"},      // andel: 3 decimals
		{NumOf(1.2345, KindRatio), value, "1,23"},         // kvot: 2
		{NumOf(-0.305, KindLogRatio), value, "-0,31"},     // logkvot: 2
		{NumOf(4, KindClass), value, "4"},                 // klass: whole
		{NumOf(2.25, KindPercentagePoints), value, "2,3"}, // procentenheter: 1
		{NumOf(0.4298, KindEstimate), value, "0,430"},     // skattning: 3
		{Num(12.3456), Column{Kind: KindRatio, Decimals: 3}, "12,346"},
		{Num(12.5), Column{Kind: KindRatio, Decimals: WholeNumbers}, "13"},
		{Mark(Suppressed), value, ".."},
		{Mark(NotApplicable), value, "."},
		{Mark(Nothing), value, "-"},
		{Cell{}, value, ""},
		{Str("0114"), Column{Kind: KindCode}, "0114"},
		{Str("Upplands Väsby"), Column{}, "Upplands Väsby"},
		{Num(math.NaN()), value, ""},
	}
	for _, tt := range tests {
		if got := SwedishPlain.Cell(tt.c, tt.col); got != tt.want {
			t.Errorf("Cell(%+v in %v) = %q, want %q", tt.c, tt.col.Kind, got, tt.want)
		}
	}
}

func TestKindOfUnit(t *testing.T) {
	want := map[string]Kind{
		"antal": KindCount, "procent": KindPercent, "procentenheter": KindPercentagePoints,
		"andel": KindShare, "kvot": KindRatio, "logkvot": KindLogRatio, "index": KindIndex,
		"klass": KindClass, "skattning": KindEstimate, "standardfel": KindStdErr, " Procent ": KindPercent,
	}
	for u, k := range want {
		got, err := KindOfUnit(u)
		if err != nil || got != k {
			t.Errorf("KindOfUnit(%q) = %v, %v; want %v", u, got, err, k)
		}
		if u == k.Unit() && k.String() == "" {
			t.Errorf("%v has no name", k)
		}
	}
	if _, err := KindOfUnit("kronor"); err == nil {
		t.Error("KindOfUnit(kronor) gave no error")
	}
	if KindPercent.UnitLabel() != "%" || KindCount.UnitLabel() != "antal" || KindText.Numeric() || !KindShare.Numeric() {
		t.Error("unit labels or Numeric wrong")
	}
	if Kind(0).Valid() || Kind(99).Valid() || Kind(99).String() != "Kind(99)" {
		t.Error("invalid kinds not recognised")
	}
}

func FuzzNumber(f *testing.F) {
	for _, v := range []float64{0, 0.125, -2.5, 999.95, 1e21, 1e-300, -0.04} {
		f.Add(v, 1)
	}
	f.Fuzz(func(t *testing.T, v float64, dec int) {
		dec = dec % 12
		if dec < 0 {
			dec = -dec
		}
		s := Machine.Number(v, dec)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if s != "" {
				t.Fatalf("%v gave %q", v, s)
			}
			return
		}
		var back float64
		if _, err := fmtSscan(s, &back); err != nil {
			t.Fatalf("Number(%v, %d) = %q does not parse: %v", v, dec, s, err)
		}
		if d := math.Abs(back - v); d > 0.5*math.Pow(10, -float64(dec))*(1+1e-9)+math.Abs(v)*1e-15 {
			t.Fatalf("Number(%v, %d) = %q is %g away", v, dec, s, d)
		}
	})
}
