package svg

import (
	"fmt"
	"strings"
	"testing"
)

func TestEsc(t *testing.T) {
	got := Esc("a<b>&\"c\"'d'\x01\x1f\ttab")
	want := "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;\ttab"
	if got != want {
		t.Errorf("Esc = %q, want %q", got, want)
	}
}

func TestF(t *testing.T) {
	for v, want := range map[float64]string{12.5: "12.5", 3: "3", -0.254: "-0.25", 0.004: "0", -0.001: "0", 1.005: "1", 2.675: "2.68"} {
		if got := F(v); got != want && !(v == 1.005 && got == "1.01") {
			t.Errorf("F(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		n      int
		want   string
		step   float64
	}{
		{0, 100, 6, "[0 20 40 60 80 100]", 20},
		{43.2, 71.9, 6, "[40 50 60 70 80]", 10}, // raw step 28.7/5 = 5.74 -> 10
		{0.012, 0.048, 5, "[0.01 0.02 0.03 0.04 0.05]", 0.01},
		{0, 10, 5, "[0 2.5 5 7.5 10]", 2.5},
		{-3, 7, 6, "[-4 -2 0 2 4 6 8]", 2},
		{5, 5, 5, "[4 4.5 5 5.5 6]", 0.5}, // widened to 4..6, raw step 0.5
	}
	for _, tt := range tests {
		got, step := Ticks(tt.lo, tt.hi, tt.n)
		if fmt.Sprint(got) != tt.want || step != tt.step {
			t.Errorf("Ticks(%v, %v, %d) = %v step %v, want %s step %v", tt.lo, tt.hi, tt.n, got, step, tt.want, tt.step)
		}
	}
	for step, want := range map[float64]int{20: 0, 2.5: 1, 0.01: 2, 0.25: 2, 5: 0} {
		if got := StepDecimals(step); got != want {
			t.Errorf("StepDecimals(%v) = %d, want %d", step, got, want)
		}
	}
}

func TestBuilder(t *testing.T) {
	b := New(100, 50, "", "Titel <1>", "Beskrivning & mer")
	b.Text(1, 2, "Malmö & Lund")
	b.Marker("square", 10, 10, 3, Blue)
	s := string(b.Bytes())
	id := ID("Titel <1>", "Beskrivning & mer")
	for _, want := range []string{`viewBox="0 0 100 50"`, `<title id="` + id + `-title">Titel &lt;1&gt;</title>`,
		`aria-labelledby="` + id + `-title ` + id + `-desc"`, "Malmö &amp; Lund", `<rect x="7" y="7" width="6" height="6"`, "</svg>\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", want, s)
		}
	}
	if New(1, 1, "x", "a", "b").Ref("hatch") != "x-hatch" {
		t.Error("Ref")
	}
}
